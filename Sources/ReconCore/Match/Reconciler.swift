/// Match, then cases and flags: everything that follows from normalised orders and payments.
public struct Reconciliation: Sendable {
    public var exceptions: [ExceptionRow]
    public var cases: [CaseRow]
    public var refunds: RefundRows
    public var links: [RefundLink]
    /// Per order (index), the refunds (payment indices) that count toward its case, in
    /// (`created_at`, `payment_id`) order.
    public var counted: IndicesByOrder
}

public enum Reconciler {
    /// Stage timings go to `timer`, under `match` and `cases_and_flags`. The indexes are let go when
    /// matching ends: nothing after it finds an order or payment by id (at 10M orders, 230 MB of slots).
    public static func run(ordersById: consuming IdIndex<Order>, paymentsById: consuming IdIndex<Payment>,
                           rules: ReconRules, timer: inout StageTimer) -> Reconciliation {
        let (orders, payments) = (ordersById.records, paymentsById.records)
        var ordersById: IdIndex<Order>? = consume ordersById
        var paymentsById: IdIndex<Payment>? = consume paymentsById
        // The matcher and its charges by order live only through this stage, not beside the cases and flags.
        let (links, counted) = timer.measure("match") {
            let matcher = RefundMatcher(ordersById: ordersById!, paymentsById: paymentsById!)
            let links = matcher.match()
            var counted = IndicesByOrder(orderCount: orders.count, pairs: Array(links.lazy.filter(matcher.countsTowardCase)
                .map { (order: Int32($0.order!), member: Int32($0.refund)) }))
            counted.sortRuns { Payment.chronological(payments[$0], payments[$1]) }
            return (links, counted)
        }
        (ordersById, paymentsById) = (nil, nil)

        return timer.measure("cases_and_flags") {
            let (cases, caseFlags) = CaseEvaluator(rules: rules, orders: orders, payments: payments).evaluate(counted: counted)
            let windowFlags = WindowCheck(rules: rules).flags(orders: orders, casesByOrderId: cases)
            let (refunds, refundFlags) = RefundFlagger(orders: orders, payments: payments).flag(links: links)
            // Grown in place: a sum of the three would hold them and their copy at once.
            var exceptions = consume caseFlags
            exceptions += windowFlags
            exceptions += refundFlags
            exceptions.sort(by: ExceptionRow.ordered)
            return Reconciliation(exceptions: exceptions, cases: cases, refunds: refunds, links: links, counted: counted)
        }
    }
}
