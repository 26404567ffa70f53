/// `dispute_window` deadlines: for each case overdue at as-of whose original payment's method kind has a
/// dispute window, the last day a dispute is accepted (`dispute_by`), and a row when that day is watched.
struct DisputeWindowWatch {
    let rules: ReconRules
    let texts: RunTexts
    let parties: CaseParties

    /// A case's dispute deadline: the window, the method it applies to, the day it counts from and its last day.
    struct Deadline {
        let window: DisputeWindow
        let method: String
        let anchor: CivilDate
        var closesOn: CivilDate { anchor.adding(days: window.days) }
    }

    /// The deadline of the overdue case `flag` (an `overdue` exception) on `order`, nil when its method has
    /// no window. The original charge gives the method (the order's own when it names none) and the payment
    /// date; an order with no charge gives both itself (its placed date).
    func deadline(of flag: ExceptionRow, order: Order) -> Deadline? {
        let party = parties[orderAt: Int(flag.order)]
        let hasCharge = party?.originalPaymentId != nil
        let method = (hasCharge ? party?.originalMethod : nil) ?? order.method(in: texts)
        guard let window = rules.watch.disputeWindow(for: method), let method else { return nil }
        let anchor: CivilDate
        switch window.from {
        case .dueOn:
            guard let due = flag.dueOn else { return nil }
            anchor = due
        case .paymentDate:
            anchor = (hasCharge ? party?.originalCreatedAt?.date(in: rules.zone) : nil) ?? order.placedOn
        }
        return Deadline(window: window, method: method, anchor: anchor)
    }

    /// The watchlist row of `deadline` on the case `flag` of `order`, nil when its last day is not watched.
    func row(_ deadline: Deadline, flag: ExceptionRow, order: Order) -> WatchRow? {
        let closesOn = deadline.closesOn
        guard rules.watch.watches(closesOn, asOf: rules.asOf) else { return nil }
        let amount = "\(flag.currency) \(Money.format(flag.amount, decimals: flag.currency.minorUnit))"
        return WatchRow(
            orderId: texts.id(order.id), kind: .disputeWindow, closesOn: closesOn,
            daysLeft: Int(closesOn.days - rules.asOf.days), currency: flag.currency, amount: flag.amount,
            paymentMethod: deadline.method, status: order.status(in: texts),
            detail: "Open a \(deadline.window.disputeName) dispute for \(amount) before \(closesOn) "
                + "(\(deadline.window.days) days from \(anchorWords(deadline, flag: flag)))")
    }

    /// The day the window counts from, in words.
    func anchorWords(_ deadline: Deadline, flag: ExceptionRow) -> String {
        switch deadline.window.from {
        case .dueOn: "the refund's due date \(deadline.anchor)"
        case .paymentDate:
            parties[orderAt: Int(flag.order)]?.originalPaymentId.map { "the payment \($0) on \(deadline.anchor)" }
                ?? "the order placed on \(deadline.anchor)"
        }
    }
}
