/// How `explain` states an order's deadlines in a finance user's words: how long a refund request is still
/// accepted, and until when an overdue refund can be disputed with the card issuer or PayPal.
struct DeadlineExplanation {
    let rules: ReconRules
    let texts: RunTexts
    let parties: CaseParties

    /// The lines for `order`; `overdue` is its `overdue` flag, when its case is overdue.
    func lines(for order: Order, overdue: ExceptionRow?) -> [String] {
        var lines: [String] = []
        if let request = requestLine(order) { lines.append(request) }
        if let overdue { lines.append(disputeLine(order, overdue)) }
        return lines
    }

    /// What the order's request window is, nil when a request was made already.
    private func requestLine(_ order: Order) -> String? {
        switch RequestWindowWatch(rules: rules, texts: texts).standing(of: order) {
        case .requested:
            return nil
        case .notWatched(let why):
            return "Request window: not watched, \(why)"
        case .window(let days, let rule, let closesOn):
            let ruleText = rule.map { "rule \($0.country)/\($0.sellerType)" } ?? "the default"
            let window = "\(days)-day window from \(order.placedOn) by \(ruleText)"
            if closesOn < rules.asOf {
                return
                    "Request window: closed on \(closesOn) (\(window)); the supplier no longer accepts a refund request"
            }
            return "Request window: a refund request is accepted until \(closesOn) (\(window)), "
                + daysLeft(closesOn) + watchedWords(closesOn, kind: .requestWindow)
        }
    }

    private func disputeLine(_ order: Order, _ overdue: ExceptionRow) -> String {
        let disputes = DisputeWindowWatch(rules: rules, texts: texts, parties: parties)
        guard let deadline = disputes.deadline(of: overdue, order: order) else {
            return "Dispute window: none for the payment method of this overdue refund"
        }
        let window = "\(deadline.window.days) days from \(disputes.anchorWords(deadline, flag: overdue))"
        let closesOn = deadline.closesOn
        let name = deadline.window.disputeName
        if closesOn < rules.asOf {
            return "Dispute window: a \(name) dispute (\(deadline.method)) could be opened until \(closesOn) "
                + "(\(window)); it has closed"
        }
        return "Dispute window: the refund is overdue; a \(name) dispute (\(deadline.method)) can be opened until "
            + "\(closesOn) (\(window)), " + daysLeft(closesOn) + watchedWords(closesOn, kind: .disputeWindow)
    }

    /// `1 day left`, `9 days left`.
    private func daysLeft(_ day: CivilDate) -> String {
        let days = day.days - rules.asOf.days
        return "\(days) day\(days == 1 ? "" : "s") left"
    }

    /// Whether a deadline of `kind` closing on `day` is on the watchlist, as words.
    private func watchedWords(_ day: CivilDate, kind: WatchKind) -> String {
        rules.watch.kinds.contains(kind) && rules.watch.watches(day, asOf: rules.asOf) ? "; on the watchlist" : ""
    }
}
