/// Refunds a source records without a date or a refund row: an orders export's `refunded_amount` for an
/// order that no payment names, and a charge's `refunded_amount` (a payments layout without refund dates,
/// such as Stripe's older export) when no refund of that charge is among the payments. Each counts toward
/// its order's case as refunded on no known day: never a settlement date, never `overdue` for that part.
package struct RecordedRefunds: Sendable {
    /// Per order (index): what the orders' source records as refunded.
    package private(set) var byOrders: [Int32: Int64] = [:]
    /// Per order (index): what the payments' sources record as refunded of the order's charges.
    package private(set) var byCharges: [Int32: Int64] = [:]
    /// By charge id: what its source records as refunded of it, whether or not it counts toward a case.
    package private(set) var ofCharge: [String: Int64] = [:]

    package init() {}

    /// `refundedPerCharge`: by charge position, what its source records as refunded of it.
    init(
        orders: [Order], payments: [Payment], links: [RefundLink], refundedPerCharge: [Int32: Int64],
        matcher: RefundMatcher
    ) throws {
        let recorded = orders.indices.filter {
            (orders[$0].refundedAmount ?? 0) > 0 && RefundCase(order: orders[$0]) != nil
        }
        let linked = Set(links.lazy.compactMap(\.order))
        for i in recorded where !linked.contains(i) && !matcher.isNamedByACharge(i) {
            byOrders[Int32(i)] = orders[i].refundedAmount!
        }
        guard !refundedPerCharge.isEmpty else { return }
        var reversed: Set<Int> = []
        for link in links { if case .charge(let charge) = link.original { reversed.insert(charge) } }
        for (charge, amount) in refundedPerCharge.sorted(by: { $0.key < $1.key }) where !reversed.contains(Int(charge))
        {
            let payment = payments[Int(charge)]
            ofCharge[payment.id] = amount
            guard let order = payment.order.position, payment.currency == orders[order].currency,
                RefundCase(order: orders[order]) != nil
            else { continue }
            let (sum, overflow) = byCharges[Int32(order), default: 0].addingReportingOverflow(amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "order \(orders[order].id)'s refunds recorded on its charges", rows: [])
            }
            byCharges[Int32(order)] = sum
        }
    }

    /// What the sources record as refunded of order `i` without a date (at most 2 × 10^15: fits).
    package func amount(ofOrder i: Int) -> Int64 { byOrders[Int32(i), default: 0] + byCharges[Int32(i), default: 0] }
}
