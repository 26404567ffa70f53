/// `request_window` deadlines: orders that may still need a refund request (none opened or approved, no
/// cancellation approved, goods not received, not cancelled) whose request window closes within the
/// watched days. The window is the one `out_of_window` uses (`ReconRules.window(for:texts:)`).
struct RequestWindowWatch {
    let rules: ReconRules
    let texts: RunTexts

    func rows(orders: [Order]) -> [WatchRow] {
        orders.compactMap(row(for:))
    }

    /// The order's row, nil when it has none.
    func row(for order: Order) -> WatchRow? {
        guard Self.hasNoRequest(order), order.placedOn <= rules.asOf else { return nil }
        let (days, rule) = rules.window(for: order, texts: texts)
        let closesOn = order.placedOn.adding(days: days)
        guard rules.watch.watches(closesOn, asOf: rules.asOf) else { return nil }
        let status = order.status(in: texts)
        guard !rules.watch.isReceived(status), !rules.watch.isCancelled(status) else { return nil }
        let ruleText = rule.map { ", rule \($0.country)/\($0.sellerType)" } ?? ""
        return WatchRow(
            orderId: order.id, kind: .requestWindow, closesOn: closesOn,
            daysLeft: Int(closesOn.days - rules.asOf.days), currency: order.currency, amount: order.total,
            paymentMethod: order.method(in: texts), status: status,
            detail: "Ask the supplier for a refund before \(closesOn) "
                + "(\(days)-day window from \(order.placedOn)\(ruleText))")
    }

    /// No cancellation approved, no refund requested or approved by as-of.
    static func hasNoRequest(_ order: Order) -> Bool {
        order.cancelApprovedOn == nil && order.refundRequestedOn == nil && order.refundApprovedOn == nil
    }
}
