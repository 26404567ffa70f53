/// Raises `out_of_window` on orders whose refund request came later than their window allows.
package struct WindowCheck {
    let rules: ReconRules
    /// The run's texts, in which an order's country and seller type are.
    let texts: RunTexts

    package init(rules: ReconRules, texts: RunTexts) {
        self.rules = rules
        self.texts = texts
    }

    /// `casesByOrderId` is sorted by `order_id`, as `CaseEvaluator` returns it: the few flagged orders find
    /// their case by binary search instead of through an index of every case.
    package func flags(orders: [Order], casesByOrderId cases: [CaseRow]) -> [ExceptionRow] {
        orders.indices.compactMap { position in
            let order = orders[position]
            guard let requested = order.refundRequestedOn else { return nil }
            let (days, rule) = rules.window(for: order, texts: texts)
            let lastDay = order.placedOn.adding(days: days)
            guard requested > lastDay else { return nil }
            let refundCase = Self.find(texts.id(order.id), in: cases)
            let ruleText = rule.map { "rule \($0.country)/\($0.sellerType)" } ?? "default"
            return .outOfWindow(
                order, at: position, case: refundCase,
                detail:
                    "requested \(requested), \(requested.days - order.placedOn.days) days after the order was placed "
                    + "on \(order.placedOn); window \(days) days (\(ruleText)), last day \(lastDay)",
                texts: texts)
        }
    }

    private static func find(_ orderId: String, in cases: [CaseRow]) -> CaseRow? {
        var (low, high) = (0, cases.count)
        while low < high {
            let mid = (low + high) / 2
            if cases[mid].orderId < orderId { low = mid + 1 } else { high = mid }
        }
        return low < cases.count && cases[low].orderId == orderId ? cases[low] : nil
    }
}
