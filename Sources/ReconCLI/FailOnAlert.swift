import Logging
import ReconCore

/// What `--fail-on` says when a flag it names was raised, the text a nightly job mails: a line a raised
/// flag, with how many were raised, their amounts per currency and where the report is.
struct FailOnAlert: Equatable {
    var flag: ReconCore.Flag
    var count: Int
    /// `USD 25.00`, one a currency, in the order of the run's totals.
    var amounts: [String]
    /// The workbook of the report written.
    var report: String

    /// One alert a flag of `failOn` that `summary` counts, in `failOn`'s order.
    static func alerts(failOn: [ReconCore.Flag], summary: RunSummary, report: String) -> [FailOnAlert] {
        failOn.compactMap { flag in
            let totals = summary.flagTotals.filter { $0.flag == flag }
            guard !totals.isEmpty else { return nil }
            return FailOnAlert(
                flag: flag, count: totals.reduce(0) { $0 + $1.count },
                amounts: totals.map {
                    "\($0.currency) \(Money(minorUnits: $0.amount, currency: $0.currency).plainDecimal)"
                },
                report: report)
        }
    }

    var message: String {
        "--fail-on: \(flag.rawValue) raised \(count) time\(count == 1 ? "" : "s") "
            + "(\(amounts.joined(separator: ", "))); report: \(report)"
    }

    /// Logs the alert as an error: the message, and in JSON the same facts as fields of their own (in text
    /// the message already says them).
    func log(to logger: Logger, json: Bool) {
        let fields: Logger.Metadata = [
            "flag": .string(flag.rawValue), "count": .stringConvertible(count),
            "amounts": .string(amounts.joined(separator: ", ")), "report": .string(report),
        ]
        logger.error("\(message)", metadata: json ? fields : nil)
    }
}
