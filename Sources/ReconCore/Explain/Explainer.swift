/// How recon saw one order or payment: its source row, normalised values, how each matching tier
/// decided, the case clock with the days it skipped, and every flag with the rule that raised it.
package struct Explainer {
    let result: Pipeline.Result
    /// The run lets its indexes go after matching; an explanation finds orders and payments through its own.
    private let ordersById: IdIndex<Order>
    private let paymentsById: IdIndex<Payment>

    package init(result: Pipeline.Result) {
        self.result = result
        ordersById = IdIndex(records: result.orders, ids: result.texts.ids)
        paymentsById = IdIndex(records: result.payments, ids: result.texts.ids)
    }

    private var orders: [Order] { result.orders }
    private var payments: [Payment] { result.payments }
    private var rules: ReconRules { result.rules }
    private var texts: RunTexts { result.texts }

    /// Lines of explanation, each safe to print (`TerminalText`), or nil when no input row has this id. An id
    /// that no row has as typed is looked for regardless of case and of a leading `#` (`1011` finds `#1011`).
    package func explain(_ id: String) -> [String]? {
        if let lines = explainExactly(id) { return lines }
        let matches = idLookup.matches(id)
        guard !matches.isEmpty else { return nil }
        return matches.flatMap { match in
            [TerminalText.safe("No id is '\(id)' exactly; '\(match)' is:")] + (explainExactly(match) ?? [])
        }
    }

    /// The ids closest to `id`, for when none is it (`IdLookup.closest`).
    package func closestIds(to id: String) -> [String] { idLookup.closest(to: id) }

    private var idLookup: IdLookup {
        IdLookup(ids: orders.lazy.map { texts.id($0.id) } + payments.lazy.map { texts.id($0.id) })
    }

    /// The explanation of the order and payment with exactly this id, and of rejected rows mentioning it.
    private func explainExactly(_ id: String) -> [String]? {
        var lines: [String] = []
        if let o = ordersById[id] { lines += explainOrder(orders[o]) }
        if let p = paymentsById[id] {
            if !lines.isEmpty { lines.append("") }
            lines += payments[p].type == .refund ? explainRefund(p) : explainCharge(p)
        }
        let rejected = result.rejected.filter { $0.raw.contains(id) }
        if !rejected.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append("Rejected rows mentioning \(id):")
            lines += rejected.map {
                "  \($0.file):\($0.line) \($0.column.isEmpty ? "" : "column \($0.column): ")\($0.reason)"
            }
        }
        return lines.isEmpty ? nil : lines.map(TerminalText.safe)
    }

    private func money(_ v: Int64, _ c: Currency) -> String { "\(c) \(Money(minorUnits: v, currency: c).plainDecimal)" }

    private func describe(_ p: Payment) -> String {
        "\(texts.id(p.id))  \(p.createdOn(in: rules.zone))  \(money(p.amount, p.currency))  \(p.method(in: texts) ?? "method unknown")  \(p.status.rawValue)  (\(texts.file(p.source)):\(p.source.line))"
    }

    private func explainOrder(_ order: Order) -> [String] {
        let id = texts.id(order.id)
        var lines = ["Order \(id) — \(texts.file(order.source)):\(order.source.line)"]
        lines.append(
            "  placed \(order.placedOn), total \(money(order.total, order.currency)), method \(order.method(in: texts) ?? "unknown"), "
                + "country \(order.country(in: texts) ?? "unknown"), seller type \(order.sellerType(in: texts) ?? "unknown")"
                + (order.status(in: texts).map { ", status \($0)" } ?? ""))
        if let d = order.cancelApprovedOn { lines.append("  cancellation approved \(d)") }
        if let d = order.refundRequestedOn { lines.append("  refund requested \(d)") }
        if let d = order.refundApprovedOn {
            lines.append(
                "  refund approved \(d)"
                    + (order.refundAmount.map { ", amount \(money($0, order.currency))" }
                        ?? ", amount not given (the total)"))
        }
        if let captured = order.capturedAmount {
            lines.append(
                "  captured \(money(captured, order.currency))"
                    + (captured == 0 ? ": never captured (nothing taken)" : ""))
        }
        if let refunded = order.refundedAmount, refunded > 0 {
            lines.append("  the orders' source records \(money(refunded, order.currency)) refunded (no date)")
        }

        lines += paymentLines(ofOrder: id)
        if let c = result.reconciliation.cases.first(where: { $0.orderId == id }) {
            lines += explainCase(c, order: order)
        } else {
            lines.append("Refund case: none (no cancellation or refund approved by \(rules.asOf))")
        }

        if let requested = order.refundRequestedOn {
            let (days, rule) = rules.window(for: order, texts: texts)
            let elapsed = Int(requested.days - order.placedOn.days)
            let ruleText = rule.map { "rule \($0.country)/\($0.sellerType)" } ?? "the default"
            lines.append(
                "Refund window: requested \(elapsed) days after the order; window \(days) days by \(ruleText) → "
                    + (elapsed > days ? "out of window" : "within the window"))
        }
        let flags = result.reconciliation.exceptions.filter {
            $0.orderId == id && $0.flag.side == .order
        }
        lines += DeadlineExplanation(rules: rules, texts: texts, parties: result.reconciliation.parties)
            .lines(for: order, overdue: flags.first { $0.flag == .overdue })
        return lines + flagLines(flags) + refundFlagLines(of: order)
    }

    /// The charges on the order `id` and the refunds linked to it.
    private func paymentLines(ofOrder id: String) -> [String] {
        let charges = payments.filter {
            $0.type == .charge && $0.orderId(in: orders, texts: texts) == id
        }.sorted {
            Payment.chronological($0, $1, ids: texts.ids)
        }
        var lines = ["Charges on this order:" + (charges.isEmpty ? " none (the order is its own original)" : "")]
        lines += charges.map { "  " + describe($0) }
        let links = result.reconciliation.links.filter {
            $0.orderId(in: orders, texts: texts) == id && $0.original != nil
        }
        lines.append("Refunds linked to this order:" + (links.isEmpty ? " none" : ""))
        for link in links {
            let refund = payments[link.refund]
            lines.append("  \(describe(refund)), matched by \(link.tier.rawValue)")
        }
        return lines
    }

    /// The flags raised on the order's refunds (`over_refund`, `method_mismatch`, …), which `explain` of the
    /// refund tells in full; none, no lines.
    private func refundFlagLines(of order: Order) -> [String] {
        let id = texts.id(order.id)
        let flags = result.reconciliation.exceptions.filter { $0.orderId == id && $0.flag.side != .order }
        return flags.isEmpty ? [] : ["On its refunds:"] + flags.map { "  \($0.paymentId)" + flagLine($0) }
    }

    private func explainCase(_ c: CaseRow, order: Order) -> [String] {
        let calendar = rules.calendar(for: order.country(in: texts))
        let weekend = calendar.weekend.sorted().map { ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][$0] }
            .joined(separator: "/")
        let skipped = calendar.holidays(after: c.approvedOn, through: c.dueOn)
        var lines = [
            "Refund case: \(c.kind.rawValue) approved \(c.approvedOn), \(money(c.expected, c.currency)) to come back"
        ]
        lines.append(
            "  calendar \(calendar.name) (\(order.country(in: texts) ?? "no country")): weekends \(weekend); "
                + (skipped.isEmpty
                    ? "no holidays before the due date"
                    : "holidays skipped: " + skipped.map(\.description).joined(separator: ", ")))
        lines.append(
            "  due \(c.dueOn): business day \(rules.businessDayLimit) after \(c.approvedOn) (the approval day never counts)"
        )
        let position = ordersById[texts.id(order.id)]
        let counted = (position.map { result.reconciliation.counted[$0] } ?? [])
            .map { payments[$0] }.sorted { Payment.chronological($0, $1, ids: texts.ids) }
        let recorded = result.reconciliation.recordedRefunds
        let byOrders = position.map { recorded.byOrders[Int32($0), default: 0] } ?? 0
        let byCharges = position.map { recorded.byCharges[Int32($0), default: 0] } ?? 0
        let outside = position.map { recorded.outsidePayments(ofOrder: $0) } ?? 0
        let perStore = byOrders + byCharges + outside > 0
        lines.append(
            "  counted: "
                + (counted.isEmpty
                    ? "nothing"
                    : counted.map {
                        "\(texts.id($0.id)) \($0.createdOn(in: rules.zone)) \(countedMoney($0, c.currency))"
                    }
                    .joined(separator: ", "))
                + (perStore && c.settled > 0 ? " in the payments; refunded per store" : "")
                + " → settled \(money(c.settled, c.currency)), outstanding \(money(c.outstanding, c.currency))")
        if byCharges > 0 {
            lines.append(
                "  the payments export records \(money(byCharges, c.currency)) refunded of this order's charges without "
                    + "a refund row or date (download a layout with refund dates, such as Stripe's with "
                    + "\"Refunded date (UTC)\", to see when)")
        }
        if let refunded = order.refundedAmount, refunded > 0, byOrders == 0 {
            lines.append(
                "  the orders' source records \(money(refunded, c.currency)) refunded, but payments name this order: "
                    + (outside > 0
                        ? "they decide, but for \(money(outside, c.currency)) refunded of the part their charges did not "
                            + "take (a gift card or store credit), counted as refunded per store"
                        : "they decide"))
        }
        let end = c.settledOn ?? rules.asOf
        lines.append(
            "  business days since approval: \(c.businessDaysElapsed) (after \(c.approvedOn) through \(end)\(c.settledOn == nil ? ", as of" : ", settled"))"
        )
        lines.append(stateLine(c, perStore: perStore, fromPayments: byCharges > 0))
        return lines
    }

    /// What a counted refund counts for: its amount, or a converted one's credit beside its own amount.
    private func countedMoney(_ refund: Payment, _ currency: Currency) -> String {
        guard let p = paymentsById[texts.id(refund.id)], let credited = result.reconciliation.conversions.credited(p)
        else {
            return money(refund.amount, currency)
        }
        return "\(money(refund.amount, refund.currency)) converted, counted as \(money(credited, currency))"
    }

    /// Why the case is in its state; `perStore`: a source's record of a refund without a date counted
    /// (`fromPayments`: a payments export's, else the orders').
    private func stateLine(_ c: CaseRow, perStore: Bool, fromPayments: Bool) -> String {
        let storePart =
            perStore && c.settled > 0
            ? "; \(money(c.settled, c.currency)) refunded per store (not seen in payments), the rest is owed" : ""
        switch c.state {
        case .settled: return "  state settled: settled on \(c.settledOn!), on or before the due date"
        case .late: return "  state late: settled on \(c.settledOn!), after the due date \(c.dueOn)"
        case .pending:
            return "  state pending: not settled, and as of \(rules.asOf) the due date \(c.dueOn) has not passed"
                + storePart
        case .overdue:
            return "  state overdue: not settled, and as of \(rules.asOf) is after the due date \(c.dueOn)" + storePart
        case .refundedPerStore:
            let record =
                fromPayments
                ? "the payments export records \(money(c.settled, c.currency)) refunded of its charges without a date"
                : "the orders' source records \(money(c.settled, c.currency)) refunded and no payment names this order"
            return "  state refunded_per_store: refunded per store, not seen in payments: \(record); never overdue"
        case .neverCaptured:
            return "  state never_captured: never captured (\(money(0, c.currency)) taken), so nothing is owed; "
                + "settled on its approval date \(c.approvedOn)"
        }
    }

    private func explainCharge(_ p: Int) -> [String] {
        let charge = payments[p]
        var lines = [
            "Charge \(texts.id(charge.id)) — \(texts.file(charge.source)):\(charge.source.line)",
            "  \(charge.createdOn(in: rules.zone)), \(money(charge.amount, charge.currency)), method \(charge.method(in: texts) ?? "unknown"), "
                + "order \(charge.orderId(in: orders, texts: texts) ?? "none"), \(charge.status.rawValue)",
        ]
        let refunds = result.reconciliation.links.filter { $0.original == .charge(p) }
        lines.append("Refunds against this charge:" + (refunds.isEmpty ? " none" : ""))
        if let recorded = result.reconciliation.recordedRefunds.ofCharge[texts.id(charge.id)] {
            lines.append(
                "  the export records \(money(recorded, charge.currency)) refunded of it, without a refund row or date"
                    + (charge.orderId(in: orders, texts: texts) == nil
                        ? "; no order is named, so no case counts it" : ""))
        }
        lines += refunds.map { "  \(describe(payments[$0.refund])), matched by \($0.tier.rawValue)" }
        lines += flagLines(result.reconciliation.exceptions.filter { $0.originalPaymentId == texts.id(charge.id) })
        return lines
    }

    private func explainRefund(_ r: Int) -> [String] {
        let refund = payments[r]
        guard let link = result.reconciliation.links.first(where: { $0.refund == r }) else { return [] }
        var lines = refundHeader(refund) + ["Matching:", referenceTier(refund)]
        if link.tier != .reference { lines.append(orderTier(refund, link)) }
        if let amount = amountTier(refund, link) { lines.append(amount) }
        if let original = link.original { lines.append(linked(to: original, by: link)) }
        if let converted = result.reconciliation.conversions[r] {
            lines += conversionLines(refund, converted)
        } else if let missing = missingRateLine(refund, link) {
            lines.append(missing)
        }
        lines += flagLines(result.reconciliation.exceptions.filter { $0.paymentId == texts.id(refund.id) })
        return lines
    }

    /// Where the refund was read and what it says.
    private func refundHeader(_ refund: Payment) -> [String] {
        [
            "Refund \(texts.id(refund.id)) — \(texts.file(refund.source)):\(refund.source.line)",
            "  \(refund.createdOn(in: rules.zone)), \(money(refund.amount, refund.currency)), method \(refund.method(in: texts) ?? "unknown"), "
                + "\(refund.status.rawValue); names order \(refund.orderId(in: orders, texts: texts) ?? "none"), original \(refund.originalPaymentId(in: payments, texts: texts) ?? "none")",
        ]
            + (result.refundFailedBy[refund.source].map { failure in
                ["  failed by \(texts.file(failure)):\(failure.line), which says its money came back"]
            } ?? [])
    }

    /// Tier 1: the charge the refund names, if it names one.
    private func referenceTier(_ refund: Payment) -> String {
        guard let reference = refund.originalPaymentId(in: payments, texts: texts) else {
            return "  1 reference: no original_payment_id → next tier"
        }
        if let c = paymentsById[reference], payments[c].type == .charge {
            return "  1 reference: names charge \(reference) → linked"
        }
        return "  1 reference: names \(reference), which is not a charge in the inputs → next tier"
    }

    /// Tier 2: the order the refund names, and which of its charges is the original.
    private func orderTier(_ refund: Payment, _ link: RefundLink) -> String {
        guard let orderId = refund.orderId(in: orders, texts: texts) else {
            return "  2 order: no order_id → next tier"
        }
        guard link.tier == .order else {
            return "  2 order: order \(orderId) is not among the orders or the charges' orders → next tier"
        }
        let succeeded = payments.filter {
            $0.type == .charge && $0.status == .succeeded && $0.orderId(in: orders, texts: texts) == orderId
        }
        let picked = link.original.map { OriginalFacts($0, orders: orders, payments: payments, texts: texts) }
        let why =
            succeeded.isEmpty
            ? "no succeeded charge, so the order is its own original"
            : (succeeded.contains { $0.methodCode == refund.methodCode && refund.methodCode != .none }
                ? "its first succeeded charge paid with \(refund.method(in: texts)!)"
                : "no succeeded charge paid with \(refund.method(in: texts) ?? "an unknown method"), so its first succeeded charge")
        let original = picked?.paymentId.isEmpty == false ? picked!.paymentId : "order \(orderId)"
        return "  2 order: order \(orderId) is known; \(why): \(original) → linked"
    }

    /// Tier 3, for a refund it was tried on: the open cases that fit its amount.
    private func amountTier(_ refund: Payment, _ link: RefundLink) -> String? {
        guard link.tier == .amount || link.tier == .ambiguous || link.tier == .none else { return nil }
        guard refund.status == .succeeded || link.tier != .none else {
            return
                "  3 amount: only succeeded refunds are matched by amount; this one is \(refund.status.rawValue) → not linked"
        }
        let base =
            "  3 amount: open cases approved by \(refund.createdOn(in: rules.zone)) in \(refund.currency) owing exactly "
            + "\(Money(minorUnits: refund.amount, currency: refund.currency).plainDecimal)"
            + (rules.converter.map { ", or in another currency owing within \($0.tolerancePercent) of it converted," }
                ?? "")
            + " with a compatible method: "
        switch link.tier {
        case .amount: return base + "one, \(link.orderId(in: orders, texts: texts) ?? "") → linked"
        case .ambiguous: return base + link.listedCandidates + " → ambiguous, not linked"
        default: return base + "none → unmatched"
        }
    }

    /// What the refund was linked to.
    private func linked(to original: Original, by link: RefundLink) -> String {
        let facts = OriginalFacts(original, orders: orders, payments: payments, texts: texts)
        let orderId = link.orderId(in: orders, texts: texts)
        return
            "Linked to \(facts.paymentId.isEmpty ? "order \(orderId ?? "")" : facts.paymentId) (\(money(facts.amount, facts.currency)), "
            + "method \(facts.method(in: texts) ?? "unknown")), order \(orderId ?? "none"), match \(link.tier.rawValue)"
    }

    /// Why a successful refund linked to an order in another currency was not converted, when the rate file
    /// has no rate for the pair on or before its day; nil otherwise.
    private func missingRateLine(_ refund: Payment, _ link: RefundLink) -> String? {
        guard let converter = rules.converter, refund.status == .succeeded, let order = link.order else { return nil }
        let currency = orders[order].currency
        let day = refund.createdOn(in: rules.zone)
        guard currency != refund.currency, converter.convert(1, from: refund.currency, to: currency, on: day) == nil
        else { return nil }
        return "Not converted: the rate file has no rate from \(refund.currency) to \(currency) on or before \(day)"
    }

    /// How a refund in another currency than its case's was converted, and what it counts for.
    private func conversionLines(_ refund: Payment, _ entry: ConvertedRefunds.Entry) -> [String] {
        let c = entry.conversion
        let tolerance = rules.converter.map {
            "\($0.tolerancePercent) of it, \(money($0.allowedDifference(from: entry.owed), c.currency))"
        }
        var lines = [
            "Converted: \(money(refund.amount, refund.currency)) at \(c.rate) \(c.currency) per \(refund.currency) "
                + "(ECB reference rates of \(c.ratesOn)) = \(money(c.amount, c.currency))",
            "  the case owed \(money(entry.owed, c.currency)) then; converted less owed: "
                + "\(money(entry.difference, c.currency)); tolerance \(tolerance ?? "none")",
        ]
        if let credited = entry.credited {
            lines.append("  within the tolerance → counts as \(money(credited, c.currency)), all the case owed")
        } else {
            lines.append("  outside the tolerance → counts toward nothing, as without a rate file")
        }
        return lines
    }

    /// Each flag with the rule that raised it.
    private func flagLines(_ flags: [ExceptionRow]) -> [String] {
        guard !flags.isEmpty else { return ["Flags: none"] }
        return ["Flags:"] + flags.map(flagLine)
    }

    /// A flag, its amount, its rule and detail, after two spaces.
    private func flagLine(_ flag: ExceptionRow) -> String {
        "  \(flag.flag.rawValue)  \(money(flag.amount, flag.currency)) — \(flag.flag.rule); \(flag.detail)"
    }
}
