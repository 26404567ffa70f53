import Logging
import ReconCore

/// What `--fail-on` says when a flag it names was raised (or the watchlist has rows of a kind it names), the
/// text a nightly job mails: a line a raised flag or kind, with how many, their amounts per currency and
/// where the report is.
struct FailOnAlert: Equatable {
    /// The flag's or the watchlist kind's name.
    var name: String
    /// What happened that many times: a flag was `raised`, a watchlist kind `listed`.
    var verb = "raised"
    var count: Int
    /// `USD 25.00`, one a currency, in the order of the run's totals.
    var amounts: [String]
    /// The workbook of the report written.
    var report: String

    /// A flag's or kind's count and money in one currency.
    private typealias Total = (currency: Currency, count: Int, amount: Int64)

    /// One alert a flag of `failOn` that `summary` counts, in `failOn`'s order, then one a kind of
    /// `failOnWatch` the watchlist has rows of.
    static func alerts(
        failOn: [ReconCore.Flag], failOnWatch: [WatchKind] = [], summary: RunSummary, report: String
    ) -> [FailOnAlert] {
        let flagged = failOn.map { flag -> (String, String, [Total]) in
            (
                flag.name, "raised",
                summary.flagTotals.filter { $0.flag == flag }.map { ($0.currency, $0.count, $0.amount) }
            )
        }
        let watched = failOnWatch.map { kind -> (String, String, [Total]) in
            (
                kind.rawValue, "listed",
                summary.watchTotals.filter { $0.kind == kind }.map { ($0.currency, $0.count, $0.amount) }
            )
        }
        return (flagged + watched).compactMap { name, verb, totals in
            guard !totals.isEmpty else { return nil }
            return FailOnAlert(
                name: name, verb: verb, count: totals.reduce(0) { $0 + $1.count },
                amounts: totals.map {
                    "\($0.currency) \(Money(minorUnits: $0.amount, currency: $0.currency).plainDecimal)"
                },
                report: report)
        }
    }

    var message: String {
        "--fail-on: \(name) \(verb) \(count) time\(count == 1 ? "" : "s") "
            + "(\(amounts.joined(separator: ", "))); report: \(report)"
    }

    /// Logs the alert as an error: the message, and in JSON the same facts as fields of their own (in text
    /// the message already says them).
    func log(to logger: Logger, json: Bool) {
        let fields: Logger.Metadata = [
            "flag": .string(name), "count": .stringConvertible(count),
            "amounts": .string(amounts.joined(separator: ", ")), "report": .string(report),
        ]
        logger.error("\(message)", metadata: json ? fields : nil)
    }
}
