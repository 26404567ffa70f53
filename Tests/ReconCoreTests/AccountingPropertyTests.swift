import Testing

@testable import ReconCore

/// On generated inputs with a share of damaged rows, for many seeds: every row is used, skipped or
/// rejected; every used refund is reported once; every case once; the clock's numbers agree with each other.
@Suite struct AccountingPropertyTests {
    static func generate(seed: UInt64) -> Scenario {
        var rng = InputGenerator.Random(state: seed)
        var orders = ""
        var payments = ""
        let damage = ["bad-date", "", "1,5", "XYZ", "\"open", "-3.00", "1e3"]
        let currencies = ["USD", "JPY", "KWD", "EUR"]
        for n in 0..<150 {
            let currency = rng.pick(currencies)
            let total =
                currency == "JPY"
                ? "\(100 + rng.below(9000))"
                : (currency == "KWD"
                    ? "\(rng.below(90)).\(rng.below(1000))" : "\(rng.below(300)).\(10 + rng.below(90))")
            let day = 1 + rng.below(28)
            let method = rng.below(5) == 0 ? "" : "card:\(1000 + rng.below(4))"
            let approved =
                rng.below(3) == 0 ? "2026-0\(4 + rng.below(3))-\(String(1 + rng.below(28)).leftPadded(2))" : ""
            let cancelled = rng.below(6) == 0 ? "2026-05-\(String(day).leftPadded(2))" : ""
            var row =
                "O\(n),2026-03-\(String(day).leftPadded(2)),\(currency),\(total),\(method),US,standard,\(cancelled),,\(approved),"
            if rng.below(12) == 0 { row = row.replacingOccurrences(of: "2026-03", with: rng.pick(damage)) }
            orders += row + "\n"
            if rng.below(10) < 8 {
                payments +=
                    "C\(n),charge,2026-03-\(String(day).leftPadded(2))T10:00:00Z,\(total),\(currency),\(method),O\(n),,\(rng.pick(["", "", "failed", "pending"]))\n"
            }
            for r in 0..<rng.below(3) {
                let link = rng.pick(["O\(n),,", ",C\(n),", ",,", "O\(rng.below(150)),,"])
                var refund =
                    "R\(n)-\(r),refund,2026-0\(4 + rng.below(3))-\(String(1 + rng.below(28)).leftPadded(2)),-\(total),\(rng.below(8) == 0 ? "USD" : currency),\(method),\(link)\(rng.pick(["", "", "failed", "pending"]))"
                if rng.below(12) == 0 {
                    refund = refund.replacingOccurrences(
                        of: "refund,", with: rng.pick(["fee,", "refund,\"", "refund,,"]))
                }
                payments += refund + "\n"
            }
            if rng.below(20) == 0 { payments += "C\(n),charge,2026-03-01,1.00,USD,,,,\n" }  // a reused id
        }
        return Scenario(orders: orders, payments: payments)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 34] as [UInt64])
    func nothingIsLostOrCountedTwice(seed: UInt64) throws {
        let result = try Self.generate(seed: seed).reconcile()
        // Ingest: every row is used, skipped or rejected, and rejects are reported one each.
        for stats in result.stats {
            #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.rejected, "\(stats.kind)")
            #expect(result.rejected.filter { $0.source == stats.kind }.count == stats.rejected)
        }
        #expect(result.stats.map(\.rejected).reduce(0, +) > 0)
        // Match: every refund taken in is reported exactly once, and nothing else is.
        let refunds = result.payments.filter { $0.type == .refund }.map { result.texts.id($0.id) }.sorted()
        #expect(result.reconciliation.refunds.map(\.paymentId) == refunds)
        // Cases: one per order with an approval, with consistent numbers.
        let withCase = result.orders.filter { RefundCase(order: $0) != nil }.map { result.texts.id($0.id) }.sorted()
        #expect(result.reconciliation.cases.map(\.orderId) == withCase)
        for c in result.reconciliation.cases {
            #expect(c.outstanding == max(0, c.expected - c.settled))
            #expect((c.settledOn != nil) == (c.state == .settled || c.state == .late))
            #expect(c.state != .overdue || result.rules.asOf > c.dueOn)
        }
        // Flags: one overdue per overdue case, one late per late case; refund flags name reported refunds.
        let exceptions = result.reconciliation.exceptions
        #expect(
            exceptions.filter { $0.flag == .overdue }.count
                == result.reconciliation.cases.filter { $0.state == .overdue }.count)
        #expect(
            exceptions.filter { $0.flag == .late }.count
                == result.reconciliation.cases.filter { $0.state == .late }.count)
        let refundFlags: Set<Flag> = [
            .methodMismatch, .currencyMismatch, .overRefund, .unmatchedRefund, .ambiguousMatch,
        ]
        for e in exceptions where refundFlags.contains(e.flag) {
            #expect(result.reconciliation.refunds.first { $0.paymentId == e.paymentId }?.flags.contains(e.flag) == true)
        }
        #expect(exceptions == exceptions.sorted(by: ExceptionRow.ordered))
    }
}
