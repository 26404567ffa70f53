/// What may still be done before it is too late: the deadlines closing within the watched days after as-of
/// (`watchlist.csv.gz`, the Watchlist sheet), and the last day to dispute each overdue case whose payment
/// method has a dispute window (`dispute_by` on the cases and the Overdue sheet).
public struct Watchlist: Sendable {
    /// Sorted by (`closes_on`, `order_id`).
    public var rows: [WatchRow]
    /// By order id: the last day to dispute each overdue case whose method has a window.
    package var disputeBy: [String: CivilDate]
    /// How many calendar days after as-of the rows' deadlines may close.
    public var watchDays: Int

    package init(rows: [WatchRow] = [], disputeBy: [String: CivilDate] = [:], watchDays: Int = WatchRules().watchDays) {
        self.rows = rows
        self.disputeBy = disputeBy
        self.watchDays = watchDays
    }

    /// The `request_window` rows of every order read (none when they are not watched): worked out before
    /// the orders no case, flag or refund names are let go.
    package static func requestWindowRows(orders: [Order], rules: ReconRules, texts: RunTexts) -> [WatchRow] {
        rules.watch.kinds.contains(.requestWindow)
            ? RequestWindowWatch(rules: rules, texts: texts).rows(orders: orders) : []
    }

    /// The watchlist of a run: `requestWindowRows` from `requestWindowRows(orders:rules:texts:)`; `exceptions`
    /// are its flags (the `overdue` ones name the overdue cases, by position among `orders`), `parties` its
    /// cases' original charges.
    package init(
        requestWindowRows: [WatchRow], orders: [Order], exceptions: [ExceptionRow], parties: CaseParties,
        rules: ReconRules, texts: RunTexts
    ) {
        let kinds = rules.watch.kinds
        var rows = requestWindowRows
        var disputeBy: [String: CivilDate] = [:]
        let disputes = DisputeWindowWatch(rules: rules, texts: texts, parties: parties)
        for flag in exceptions where flag.flag == .overdue && flag.order >= 0 {
            let order = orders[Int(flag.order)]
            guard let deadline = disputes.deadline(of: flag, order: order) else { continue }
            disputeBy[flag.orderId] = deadline.closesOn
            guard kinds.contains(.disputeWindow) else { continue }
            if let row = disputes.row(deadline, flag: flag, order: order) { rows.append(row) }
        }
        rows.sort(by: WatchRow.ordered)
        self.init(rows: rows, disputeBy: disputeBy, watchDays: rules.watch.watchDays)
    }
}

/// The watchlist's count and money per kind and currency: the Summary's block and `--fail-on`'s alerts.
public struct WatchTotal: Sendable, Equatable {
    public var kind: WatchKind
    public var currency: Currency
    public var count: Int
    public var amount: Int64

    /// Sorted by kind, then currency code. Throws when one kind's amounts in one currency sum past `Int64`.
    static func totals(of rows: [WatchRow]) throws -> [WatchTotal] {
        var totals: [WatchKind: [Currency: WatchTotal]] = [:]
        for row in rows {
            var total =
                totals[row.kind]?[row.currency]
                ?? WatchTotal(kind: row.kind, currency: row.currency, count: 0, amount: 0)
            let (sum, overflow) = total.amount.addingReportingOverflow(row.amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "the \(row.kind.rawValue) amounts in \(row.currency) (reaching order '\(row.orderId)')",
                    rows: [])
            }
            total.amount = sum
            total.count += 1
            totals[row.kind, default: [:]][row.currency] = total
        }
        return totals.values.flatMap(\.values).sorted {
            ($0.kind, $0.currency.code) < ($1.kind, $1.currency.code)
        }
    }
}
