import Glibc
import Testing

@testable import ReconCore

/// After matching, a run keeps only the refunds, the charges they reverse and the cases' original charges.
@Suite struct LinkedPaymentsTests {
    @Test func droppingUnreversedChargesChangesNoRow() throws {
        let pipeline = Pipeline(configuration: ExplainAndCheckTests.sample, origin: "sample.yml")
        let kept = try pipeline.reconcile().reconciliation
        let everyResult = try pipeline.reconcile(keepEveryRecord: true)
        let every = everyResult.reconciliation
        #expect(kept.exceptions == every.exceptions)
        #expect(kept.cases == every.cases)
        #expect(Array(kept.refunds) == Array(every.refunds))

        // Kept: every refund, every charge some link names as original and every case's original charge (the
        // first succeeded charge of an order with refund details, in time order, else its first), in input
        // order.
        let linked = Set(
            every.links.compactMap { link -> String? in
                guard case .charge(let c) = link.original else { return nil }
                return every.texts.id(every.payments[c].id)
            })
        let casesCharges = Dictionary(
            grouping: every.payments.filter {
                $0.type == .charge && $0.order.position.map { everyResult.orders[$0].refundDetails != nil } == true
            },
            by: { $0.order.position! })
        let casesOriginals = Set(
            casesCharges.values.map { charges in
                charges.min { a, b in
                    let (aRank, bRank) = (a.status == .succeeded ? 0 : 1, b.status == .succeeded ? 0 : 1)
                    return (aRank, a.createdAt, every.texts.id(a.id)) < (bRank, b.createdAt, every.texts.id(b.id))
                }!.id
            }.map(every.texts.id))
        #expect(!casesOriginals.isSubset(of: linked), "the sample has a case whose charge no refund reverses")
        let expected = every.payments.filter {
            $0.type == .refund || linked.contains(every.texts.id($0.id))
                || casesOriginals.contains(every.texts.id($0.id))
        }.map { every.texts.id($0.id) }
        #expect(kept.payments.map { kept.texts.id($0.id) } == expected)
        #expect(expected.count < every.payments.count, "the sample has charges no refund reverses")
        // Links point at the same payments after renumbering, and each kept order's case party and counted
        // refunds read the same.
        let keptId = { (p: Int) in kept.texts.id(kept.payments[p].id) }
        let everyId = { (p: Int) in every.texts.id(every.payments[p].id) }
        #expect(kept.links.map { keptId($0.refund) } == every.links.map { everyId($0.refund) })
        let everyPosition = Dictionary(
            uniqueKeysWithValues: every.orders.indices.map { (every.texts.id(every.orders[$0].id), $0) })
        for (o, order) in kept.orders.enumerated() {
            let e = try #require(everyPosition[kept.texts.id(order.id)])
            #expect(kept.parties[orderAt: o] == every.parties[orderAt: e])
            #expect(kept.counted[o].map(keptId) == every.counted[e].map(everyId))
        }
        // Kept: the orders with refund details and those a kept payment names, in input order.
        let named = Set(kept.payments.compactMap(\.order.position))
        let keptOrders = every.orders.filter { order in
            order.refundDetails != nil
                || kept.payments.contains { every.texts.id(order.id) == $0.orderId(in: kept.orders, texts: kept.texts) }
        }
        #expect(kept.orders.map { kept.texts.id($0.id) } == keptOrders.map { every.texts.id($0.id) })
        #expect(kept.orders.indices.allSatisfy { kept.orders[$0].refundDetails != nil || named.contains($0) })
        #expect(kept.orders.count < every.orders.count, "the sample has orders that nothing after matching names")
    }

    /// Orders that nothing after matching names go, and what names the others by position follows them: D1
    /// (a counterparty, no case, no payment) and D2 (a charge no refund reverses) go; B keeps its
    /// counterparty and original charge, G its refund recorded by the orders' source. Worked out by hand: both
    /// cancellations approved on Wednesday 1 April are due on Wednesday 29 April (weekends only), so as of
    /// 30 June B (nothing refunded) and G (20.00 of 60.00 recorded, no date) are overdue.
    @Test func ordersNothingNamesGoAndTheRestKeepWhatNamesThem() throws {
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders = """
            order_id,placed_at,currency,total,cancel_approved_at,counterparty,refunded_amount
            D1,2026-03-30,USD,10.00,,Supplier 1 Store,
            D2,2026-03-30,USD,15.00,,,
            B,2026-03-30,USD,40.00,2026-04-01,Supplier 9 Store,
            G,2026-03-30,USD,60.00,2026-04-01,,20.00

            """
        scenario.payments =
            Scenario.paymentHeader + """
                CH-D2,charge,2026-03-30T09:00:00Z,15.00,USD,card:4242,D2,,
                CH-B,charge,2026-03-30T10:00:00Z,40.00,USD,card:4242,B,,

                """
        let result = try scenario.reconcile()
        #expect(result.orderIds == ["B", "G"] && result.paymentIds == ["CH-B"])
        #expect(result.party("B")?.counterparty == "Supplier 9 Store" && result.party("B")?.originalPaymentId == "CH-B")
        #expect(result.caseOf("B")?.state == .overdue && result.caseOf("B")?.settled == 0)
        #expect(result.caseOf("G")?.state == .overdue && result.caseOf("G")?.settled == 2_000)
        let every = try scenario.reconcile(keepEveryRecord: true)
        #expect(every.orderIds == ["D1", "D2", "B", "G"])
        let facts = { (r: Pipeline.Result) in r.reconciliation.cases.map { "\($0.orderId) \($0.state) \($0.settled)" } }
        #expect(facts(result) == facts(every) && every.party("B")?.counterparty == "Supplier 9 Store")
    }

    /// O1, cancelled (a case), and O2, no case: the orders of the two tests below.
    static let twoOrders = """
        O1,2026-06-01,USD,30.00,card:1111,US,standard,2026-06-02,,,
        O2,2026-06-01,USD,20.00,card:2222,US,standard,,,,

        """

    /// A kept charge may name a payment that goes: O1's case keeps its succeeded charge, which names the
    /// failed attempt before it (dropped, as no refund reverses it), and O2's charge, reversed by RF-2,
    /// names its own failed attempt. Both still name them, by id.
    @Test func aKeptChargeNamingADroppedPaymentNamesItById() throws {
        let result = try Scenario(
            orders: Self.twoOrders,
            payments: """
                CH-1-FAIL,charge,2026-06-01T10:00:00Z,30.00,USD,card:1111,O1,,failed
                CH-1,charge,2026-06-01T10:05:00Z,30.00,USD,card:1111,O1,CH-1-FAIL,
                CH-2-FAIL,charge,2026-06-01T11:00:00Z,20.00,USD,card:2222,O2,,failed
                CH-2,charge,2026-06-01T11:05:00Z,20.00,USD,card:2222,O2,CH-2-FAIL,
                RF-2,refund,2026-06-03T09:00:00Z,20.00,USD,card:2222,O2,CH-2,

                """
        ).reconcile()
        #expect(result.paymentIds == ["CH-1", "CH-2", "RF-2"])
        #expect(
            result.payments.map { $0.originalPaymentId(in: result.payments, texts: result.texts) ?? "-" }
                == ["CH-1-FAIL", "CH-2-FAIL", "CH-2"])
        #expect(result.party("O1")?.originalPaymentId == "CH-1")
    }

    /// The workbook makes money formats for the orders', refunds' and linked charges' currencies only: O1's
    /// case keeps its EUR charge, which no refund reverses and no sheet shows; O2's GBP charge is reversed.
    @Test func aCasesOriginalChargeAddsNoMoneyFormat() throws {
        let result = try Scenario(
            orders: Self.twoOrders,
            payments: """
                CH-1,charge,2026-06-01T10:05:00Z,28.00,EUR,card:1111,O1,,
                CH-2,charge,2026-06-01T11:05:00Z,16.00,GBP,card:2222,O2,,
                RF-2,refund,2026-06-03T09:00:00Z,16.00,GBP,card:2222,O2,CH-2,

                """
        ).reconcile()
        #expect(result.paymentIds == ["CH-1", "CH-2", "RF-2"])
        let currencies = ReportWriter.shownCurrencies(result.reconciliation)
        #expect(currencies.map(\.code).sorted() == ["GBP", "USD"])
    }

    /// Kept positions close up in order, across the 64-position words.
    @Test func keptPositionsCloseUpInOrder() {
        var kept = KeptPositions(count: 130)
        for position in [129, 0, 64, 5, 63] { kept.keep(position) }
        kept.countKept()
        #expect([0, 5, 63, 64, 129].map(kept.newPosition) == [0, 1, 2, 3, 4])
        #expect(!kept.isKept(1) && !kept.isKept(65) && !kept.isKept(128) && kept.isKept(129))
        #expect(kept.keptCount == 5 && KeptPositions(count: 0, keeping: { _ in true }).keptCount == 0)
        #expect(KeptPositions(count: 200) { $0 % 3 == 0 }.keptCount == 67)
    }

    /// Runs kept for some orders alone answer as runs for every order would for those orders, and give
    /// the others no members (their pairs left out).
    @Test func runsForSomeOrdersAloneAnswerAsRunsForAll() {
        let pairs: [(order: Int32, member: Int32)] = [(70, 1), (3, 2), (70, 3), (5, 4), (129, 5), (3, 6)]
        let all = IndicesByOrder(keys: KeptPositions(count: 130) { _ in true }, pairs: pairs)
        let keys = KeptPositions(count: 130) { [3, 70, 129, 100].contains($0) }
        let some = IndicesByOrder(keys: keys, pairs: pairs)
        #expect([3, 70, 129, 100].map { some[$0] } == [[2, 6], [1, 3], [5], []])
        #expect([3, 70, 129, 100].map { all[$0] } == [3, 70, 129, 100].map { some[$0] })
        #expect(all[5] == [4] && some[5] == [] && some[0] == [] && some[128] == [])
    }

    @Test func spareCapacityPagesGoBackAndTheElementsStay() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var numbers = [UInt64](repeating: 7, count: 4 << 20)  // 32 MiB, every page written
        /// Resident pages among the whole pages past the first `count` elements' memory.
        func residentSpare(_ count: Int) -> Int {
            numbers.withUnsafeBufferPointer { buffer in
                let address = Int(bitPattern: buffer.baseAddress!)
                let start = (address + count * 8 + page - 1) / page * page
                let end = (address + numbers.capacity * 8) / page * page
                var vector = [UInt8](repeating: 0, count: (end - start) / page)
                #expect(mincore(UnsafeMutableRawPointer(bitPattern: start), end - start, &vector) == 0)
                return vector.filter { $0 & 1 == 1 }.count
            }
        }
        #expect(residentSpare(1000) > 8000)
        numbers.removeLast(numbers.count - 1000)
        #expect(residentSpare(1000) > 8000, "dropping elements alone keeps their pages")
        numbers.releaseSpareCapacityPages()
        #expect(residentSpare(1000) == 0)
        #expect(numbers.count == 1000 && numbers.allSatisfy { $0 == 7 })
        numbers.append(contentsOf: repeatElement(9, count: 10_000))
        #expect(
            numbers.count == 11_000 && numbers[1000...].allSatisfy { $0 == 9 }
                && numbers[..<1000].allSatisfy { $0 == 7 })
    }
}
