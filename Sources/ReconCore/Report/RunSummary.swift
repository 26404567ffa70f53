/// Totals by flag and currency and cases by state: the numbers on the Summary sheet and on the terminal.
public struct RunSummary: Sendable {
    public struct FlagTotal: Sendable, Equatable {
        public var flag: Flag
        public var currency: Currency
        public var count: Int
        public var amount: Int64
    }

    public var flagTotals: [FlagTotal]
    public var casesByState: [(state: CaseState, count: Int)]
    public var flagCounts: [Flag: Int]
    /// What changed since the previous report; set when the report is written.
    public var changes = ChangeCounts.firstRun
    /// The watchlist's count and money per kind and currency, and the days it looks ahead; set when the
    /// report is written.
    public var watchTotals: [WatchTotal] = []
    public var watchDays = WatchRules().watchDays

    /// Throws when the amounts of one flag in one currency sum past what `Int64` holds (each amount is at
    /// most `MoneyParser.maximumAmount`, so only thousands of rows at that limit can).
    public init(reconciliation: Reconciliation) throws {
        var totals: [Flag: [Currency: (Int, Int64)]] = [:]
        var counts: [Flag: Int] = [:]
        for e in reconciliation.exceptions {
            let (n, sum) = totals[e.flag, default: [:]][e.currency] ?? (0, 0)
            let (total, overflow) = sum.addingReportingOverflow(e.amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "the \(e.flag.rawValue) amounts in \(e.currency) (reaching order "
                        + "'\(e.orderId)', payment '\(e.paymentId)')", rows: [])
            }
            totals[e.flag, default: [:]][e.currency] = (n + 1, total)
            counts[e.flag, default: 0] += 1
        }
        flagTotals = totals.flatMap { flag, byCurrency in
            byCurrency.map { FlagTotal(flag: flag, currency: $0.key, count: $0.value.0, amount: $0.value.1) }
        }.sorted { ($0.flag, $0.currency) < ($1.flag, $1.currency) }
        flagCounts = counts
        // Counted lazily: filtering into arrays would copy the case rows while the report is being written.
        casesByState = CaseState.allCases.compactMap { state in
            let count = reconciliation.cases.lazy.filter { $0.state == state }.count
            return count > 0 || CaseState.alwaysListed.contains(state) ? (state, count) : nil
        }
    }
}
