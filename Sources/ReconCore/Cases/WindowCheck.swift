/// Raises `out_of_window` on orders whose refund request came later than their window allows.
public struct WindowCheck {
    let rules: ReconRules

    public init(rules: ReconRules) { self.rules = rules }

    public func flags(orders: [Order], cases: [String: CaseRow]) -> [ExceptionRow] {
        orders.compactMap { order in
            guard let requested = order.refundRequestedOn else { return nil }
            let (days, rule) = rules.window(for: order)
            let lastDay = order.placedOn.adding(days: days)
            guard requested > lastDay else { return nil }
            let refundCase = cases[order.id]
            let ruleText = rule.map { "rule \($0.country)/\($0.sellerType)" } ?? "default"
            return ExceptionRow(
                flag: .outOfWindow, orderId: order.id, paymentId: "", originalPaymentId: "", currency: order.currency,
                amount: refundCase?.expected ?? order.total, approvedOn: refundCase?.approvedOn,
                dueOn: refundCase?.dueOn, settledOn: refundCase?.settledOn, businessDays: nil,
                detail: "requested \(requested), \(requested.days - order.placedOn.days) days after the order was placed "
                    + "on \(order.placedOn); window \(days) days (\(ruleText)), last day \(lastDay)")
        }
    }
}
