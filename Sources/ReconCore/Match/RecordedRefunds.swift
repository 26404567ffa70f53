/// Refunds a source records without a date or a refund row: an orders export's `refunded_amount` for an
/// order that no payment names, and a charge's `refunded_amount` (a payments layout without refund dates,
/// such as Stripe's older export) when no refund of that charge is among the payments. Each counts toward
/// its order's case as refunded on no known day: never a settlement date, never `overdue` for that part.
///
/// For an order the payments do name, the orders' record counts only for the part of the order that the
/// payments never took (a gift card or store credit beside a card: Shopify's `gift_card + shopify_payments`):
/// what it records as refunded beyond the refunds the payments show, up to that part (`outsidePayments`).
package struct RecordedRefunds: Sendable {
    /// Per order (index): what the orders' source records as refunded.
    package private(set) var byOrders: [Int32: Int64] = [:]
    /// Per order (index) that the payments name: what the orders' source records as refunded of the part
    /// of the order its charges did not take.
    package private(set) var outsidePayments: [Int32: Int64] = [:]
    /// Per order (index): what the payments' sources record as refunded of the order's charges.
    package private(set) var byCharges: [Int32: Int64] = [:]
    /// By charge id: what its source records as refunded of it, whether or not it counts toward a case.
    package private(set) var ofCharge: [String: Int64] = [:]

    package init() {}

    /// The same amounts once the orders have moved: each order's position goes to `newPosition(position)`.
    mutating func renumberOrders(_ newPosition: (Int) -> Int) {
        byOrders = Self.renumbered(byOrders, newPosition)
        outsidePayments = Self.renumbered(outsidePayments, newPosition)
        byCharges = Self.renumbered(byCharges, newPosition)
    }

    private static func renumbered(_ amounts: [Int32: Int64], _ newPosition: (Int) -> Int) -> [Int32: Int64] {
        Dictionary(uniqueKeysWithValues: amounts.map { (Int32(newPosition(Int($0.key))), $0.value) })
    }

    /// The orders these amounts are kept for, by position.
    var orders: some Sequence<Int32> { [byOrders.keys, outsidePayments.keys, byCharges.keys].joined() }

    /// `refundedPerCharge`: by charge position, what its source records as refunded of it; `conversions`,
    /// what refunds in other currencies are credited in their orders'.
    init(
        orders: [Order], payments: [Payment], links: [RefundLink], refundedPerCharge: [Int32: Int64],
        matcher: RefundMatcher, conversions: ConvertedRefunds
    ) throws {
        let recorded = orders.indices.filter {
            (orders[$0].refundedAmount ?? 0) > 0 && RefundCase(order: orders[$0]) != nil
        }
        // The refunds tied to those orders only: most runs have none, and a table of every order's links
        // would take tens of megabytes at millions of refunds.
        var refundsOf: [Int: [Int]] = Dictionary(uniqueKeysWithValues: recorded.map { ($0, []) })
        for link in links {
            if let order = link.order, refundsOf[order] != nil { refundsOf[order]!.append(link.refund) }
        }
        for i in recorded {
            guard !refundsOf[i, default: []].isEmpty || matcher.isNamedByACharge(i) else {
                byOrders[Int32(i)] = orders[i].refundedAmount!
                continue
            }
            let order = orders[i]
            // The refunds tied to the order that did not fail: a pending card refund is in the store's record
            // too, and is no part the payments did not take; a failed one gave nothing back.
            let refunds = refundsOf[i, default: []].filter { payments[$0].status != .failed }.compactMap { r in
                conversions.credited(r) ?? (payments[r].currency == order.currency ? payments[r].amount : nil)
            }
            let charges = matcher.charges(ofOrder: i).map { payments[$0] }
                .filter { $0.status == .succeeded && $0.currency == order.currency }.map(\.amount)
            if let outside = Self.refundedOutsidePayments(order, charges: charges, refunds: refunds) {
                outsidePayments[Int32(i)] = outside
            }
        }
        guard !refundedPerCharge.isEmpty else { return }
        var reversed: Set<Int> = []
        for link in links { if case .charge(let charge) = link.original { reversed.insert(charge) } }
        for (charge, amount) in refundedPerCharge.sorted(by: { $0.key < $1.key }) where !reversed.contains(Int(charge))
        {
            let payment = payments[Int(charge)]
            ofCharge[matcher.texts.id(payment.id)] = amount
            guard let order = payment.order.position, payment.currency == orders[order].currency,
                RefundCase(order: orders[order]) != nil
            else { continue }
            let (sum, overflow) = byCharges[Int32(order), default: 0].addingReportingOverflow(amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "order \(matcher.texts.id(orders[order].id))'s refunds recorded on its charges", rows: [])
            }
            byCharges[Int32(order)] = sum
        }
    }

    /// What `order`'s source records as refunded beyond `refunds` (the amounts of the refunds tied to it), up
    /// to the part of the order that `charges` (its succeeded charges' amounts) did not take; nil for none. An
    /// order no charge took anything of is left alone: its charge may be in a download the run was not given.
    private static func refundedOutsidePayments(_ order: Order, charges: [Int64], refunds: [Int64]) -> Int64? {
        guard let recorded = order.refundedAmount else { return nil }
        let paid = min(order.capturedAmount ?? order.total, order.total)
        let taken = cappedSum(charges, cap: paid)
        let outside = min(paid - taken, recorded - cappedSum(refunds, cap: recorded))
        return taken > 0 && outside > 0 ? outside : nil
    }

    /// The sum of `amounts`, or `cap` once it reaches it: each amount and the cap are at most 10^15, so no
    /// step can overflow, however many amounts there are.
    private static func cappedSum(_ amounts: [Int64], cap: Int64) -> Int64 {
        var sum: Int64 = 0
        for amount in amounts { sum = min(sum + amount, cap) }
        return sum
    }

    /// What the orders' source records as refunded of order `i` outside its payments (`outsidePayments`).
    package func outsidePayments(ofOrder i: Int) -> Int64 { outsidePayments[Int32(i), default: 0] }

    /// What the sources record as refunded of order `i` without a date (at most 2 × 10^15: fits).
    package func amount(ofOrder i: Int) -> Int64 { byOrders[Int32(i), default: 0] + byCharges[Int32(i), default: 0] }
}
