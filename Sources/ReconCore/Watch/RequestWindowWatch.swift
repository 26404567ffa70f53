/// `request_window` deadlines: orders that may still need a refund request (none opened or approved, no
/// cancellation approved, goods not received, not cancelled) whose request window closes within the
/// watched days. The window is the one `out_of_window` uses (`ReconRules.window(for:texts:)`).
struct RequestWindowWatch {
    let rules: ReconRules
    let texts: RunTexts

    func rows(orders: [Order]) -> [WatchRow] {
        orders.compactMap(row(for:))
    }

    /// Where an order stands: a request made already, a window not watched (and why, in words), or its
    /// window: the days, the rule that gave them (nil: the default) and the last day a request is accepted.
    enum Standing {
        case requested
        case notWatched(String)
        case window(days: Int, rule: WindowRule?, closesOn: CivilDate)
    }

    func standing(of order: Order) -> Standing {
        guard Self.hasNoRequest(order) else { return .requested }
        let status = order.status(in: texts)
        if rules.watch.isReceived(status) || rules.watch.isCancelled(status) {
            return .notWatched("the order's status is \(status ?? "")")
        }
        if order.placedOn > rules.asOf { return .notWatched("the order was placed after as of \(rules.asOf)") }
        let (days, rule) = rules.window(for: order, texts: texts)
        return .window(days: days, rule: rule, closesOn: order.placedOn.adding(days: days))
    }

    /// The order's row, nil when it has none.
    func row(for order: Order) -> WatchRow? {
        guard case .window(let days, let rule, let closesOn) = standing(of: order),
            rules.watch.watches(closesOn, asOf: rules.asOf)
        else { return nil }
        let ruleText = rule.map { ", rule \($0.country)/\($0.sellerType)" } ?? ""
        return WatchRow(
            orderId: texts.id(order.id), kind: .requestWindow, closesOn: closesOn,
            daysLeft: Int(closesOn.days - rules.asOf.days), currency: order.currency, amount: order.total,
            paymentMethod: order.method(in: texts), status: order.status(in: texts),
            detail: "Ask the supplier for a refund before \(closesOn) "
                + "(\(days)-day window from \(order.placedOn)\(ruleText))")
    }

    /// No cancellation approved, no refund requested or approved by as-of.
    private static func hasNoRequest(_ order: Order) -> Bool {
        order.cancelApprovedOn == nil && order.refundRequestedOn == nil && order.refundApprovedOn == nil
    }
}
