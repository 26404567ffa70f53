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

    /// `refundedPerCharge`: by charge position, what its source records as refunded of it; `counted`, the
    /// refunds counted toward each order's case, and what `conversions` credit them.
    init(
        orders: [Order], payments: [Payment], links: [RefundLink], refundedPerCharge: [Int32: Int64],
        matcher: RefundMatcher, counted: IndicesByOrder, conversions: ConvertedRefunds
    ) throws {
        let recorded = orders.indices.filter {
            (orders[$0].refundedAmount ?? 0) > 0 && RefundCase(order: orders[$0]) != nil
        }
        let linked = Set(links.lazy.compactMap(\.order))
        for i in recorded {
            if !linked.contains(i) && !matcher.isNamedByACharge(i) {
                byOrders[Int32(i)] = orders[i].refundedAmount!
            } else if let outside = Self.refundedOutsidePayments(
                orders[i], charges: matcher.charges(ofOrder: i).map { payments[$0] },
                refunds: counted[i].map { conversions.credited($0) ?? payments[$0].amount })
            {
                outsidePayments[Int32(i)] = outside
            }
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

    /// What `order`'s source records as refunded beyond `refunds` (the amounts its case counts), up to the
    /// part of the order that its succeeded `charges` in its currency did not take; nil for none. An order no
    /// charge took anything of is left alone: its charge may be in a download the run was not given.
    private static func refundedOutsidePayments(_ order: Order, charges: [Payment], refunds: [Int64]) -> Int64? {
        guard let recorded = order.refundedAmount else { return nil }
        // Sums of amounts up to 10^15 each, of one order's rows (a case's own sums are checked): no overflow.
        let taken = charges.lazy.filter { $0.status == .succeeded && $0.currency == order.currency }
            .reduce(0) { $0 + $1.amount }
        let paidOutside = min(order.capturedAmount ?? order.total, order.total) - taken
        let outside = min(paidOutside, recorded - refunds.reduce(0, +))
        return taken > 0 && outside > 0 ? outside : nil
    }

    /// What the orders' source records as refunded of order `i` outside its payments (`outsidePayments`).
    package func outsidePayments(ofOrder i: Int) -> Int64 { outsidePayments[Int32(i), default: 0] }

    /// What the sources record as refunded of order `i` without a date (at most 2 × 10^15: fits).
    package func amount(ofOrder i: Int) -> Int64 { byOrders[Int32(i), default: 0] + byCharges[Int32(i), default: 0] }
}
