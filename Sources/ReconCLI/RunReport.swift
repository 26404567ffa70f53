import Foundation
import ReconCore

/// The closing lines of a run: what was read, what was flagged and for how much, the deadlines watched, where
/// the report is.
enum RunReport {
    static func print(result: Pipeline.Result, summary: RunSummary, output: String, to console: Console) {
        var lines = [
            "recon \(ReconVersion.current): pipeline \(result.facts.pipeline), as of \(result.facts.asOf) (\(result.facts.zone))"
        ]
        for s in result.stats {
            lines.append(
                "  \(s.kind.padding(toLength: 9, withPad: " ", startingAt: 0))\(s.path): \(s.rowsRead) rows, "
                    + "\(s.used) used, \(s.skippedTotal) skipped, \(s.rejected) rejected"
                    + (s.superseded == 0 ? "" : ", \(s.superseded) superseded by a later file"))
        }
        if summary.flagTotals.isEmpty {
            lines.append("  no exceptions")
        }
        for flag in ReconCore.Flag.allCases {
            let totals = summary.flagTotals.filter { $0.flag == flag }
            guard !totals.isEmpty else { continue }
            let money = totals.map {
                "\($0.currency) \(Money(minorUnits: $0.amount, currency: $0.currency).plainDecimal)"
            }
            let count = totals.reduce(0) { $0 + $1.count }
            lines.append(
                "  \(flag.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(String(count).leftPadded(6, with: " "))  "
                    + money.joined(separator: ", "))
        }
        let states = summary.casesByState.map { "\($0.count) \($0.state.rawValue)" }.joined(separator: ", ")
        lines.append("  cases: \(states)")
        let watched = WatchKind.allCases.map { kind in
            "\(summary.watchTotals.filter { $0.kind == kind }.reduce(0) { $0 + $1.count }) \(kind.rawValue)"
        }
        lines.append("  watchlist (\(summary.watchDays) days): \(watched.joined(separator: ", "))")
        lines.append(
            "Report: \(workbookPath(output: output)) "
                + "(and exceptions, cases, refunds, rejected, watchlist .csv.gz, manifest.json)")
        console.print(lines.map(TerminalText.safe).joined(separator: "\n"))
    }

    /// The workbook in the output folder as the run resolved it (the file system's `..`, not the text's).
    static func workbookPath(output: String) -> String {
        ((try? OutputPlace(output, protecting: []))?.target ?? output) + "/reconciliation.xlsx"
    }
}
