import Foundation
import ReconCore
import Testing

@testable import ReconCLI

/// Each way out of `recon`, run in-process: its exit code (SPEC: 0 done, 1 input or output, 2 usage or
/// configuration, 3 a `--fail-on` flag raised) and what it says, on which stream.
@Suite struct ExitCodeTests {
    /// An option ArgumentParser does not know is a usage error: its message and usage on stderr, 2 (not 64).
    @Test func unknownOptionIsAUsageError() {
        let outcome = recon("run", "--bogus")
        #expect(outcome.exitCode == 2 && outcome.out.isEmpty)
        #expect(
            outcome.err == """
                Error: Unknown option '--bogus'. Did you mean '--out'?
                Usage: recon run [<options>] [<pipeline>]
                  See 'recon run --help' for more information.

                """)
    }

    @Test func quietAndVerboseTogetherIsAUsageError() {
        let outcome = recon("run", "Pipelines/sample.yml", "--quiet", "--verbose")
        #expect(outcome.exitCode == 2 && outcome.err.hasPrefix("Error: --quiet and --verbose cannot be combined\n"))
    }

    @Test func noInputsIsAUsageError() {
        let outcome = recon("run")
        #expect(outcome.exitCode == 2 && outcome.out.isEmpty)
        #expect(outcome.err.contains("name a pipeline file, or --orders and --payments"))
    }

    /// A bad option value is a configuration error naming the option, logged (run logs) on stderr.
    @Test func badTimeZoneIsAConfigurationError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--timezone", "Mars/Olympus", "--out", scenario.output])
        #expect(outcome.exitCode == 2 && outcome.out.isEmpty)
        #expect(outcome.err == "recon: error: command line: --timezone: 'Mars/Olympus' is not a time zone\n")
        #expect(!FileManager.default.fileExists(atPath: scenario.output))
    }

    @Test func pipelineFileWithInputOptionIsAUsageError() {
        let outcome = recon("check", "Pipelines/sample.yml", "--orders", "o.csv")
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.err.contains(
                "--orders cannot be combined with a pipeline file; edit Pipelines/sample.yml instead\n"))
    }

    /// A missing input stops the run before anything is written: 1, naming the file.
    @Test func missingInputIsAnInputError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let missing = scenario.folder.appendingPathComponent("missing.csv").path
        let outcome = recon("run", "--orders", missing, "--payments", scenario.payments, "--out", scenario.output)
        #expect(outcome.exitCode == 1 && outcome.out.isEmpty)
        #expect(outcome.err == "recon: error: \(missing): cannot open: No such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: scenario.output))
    }

    /// With `--log-format json` the error is one JSON line too.
    @Test func errorsFollowTheLogFormat() throws {
        let outcome = recon(
            "run", "--orders", "/nonexistent/o.csv", "--payments", "/nonexistent/p.csv", "--out",
            "/nonexistent/out", "--log-format", "json")
        #expect(outcome.exitCode == 1)
        let line = try JSONSerialization.jsonObject(with: Data(outcome.err.utf8)) as? [String: String]
        #expect(
            line?["level"] == "error"
                && line?["message"] == "/nonexistent/o.csv: cannot open: No such file or directory")
    }

    /// The small scenario's one overdue case (O1, USD 25.00; see `SmallScenario`) and O2's request window
    /// (04-02 + 90 = 07-01) in the closing summary, each stage's line on stderr, and 0: a run that flags something still completes.
    @Test func successPrintsTheSummary() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--out", scenario.output])
        #expect(outcome.exitCode == 0)
        #expect(
            outcome.out == """
                recon \(ReconVersion.current): pipeline command line, as of 2026-06-30 (UTC)
                  orders   \(scenario.orders): 2 rows, 2 used, 0 skipped, 0 rejected
                  payments \(scenario.payments): 2 rows, 2 used, 0 skipped, 0 rejected
                  overdue                1  USD 25.00
                  cases: 0 settled, 0 late, 0 pending, 1 overdue
                  watchlist (14 days): 1 request_window, 0 dispute_window
                Report: \(scenario.output)/reconciliation.xlsx (and exceptions, cases, refunds, rejected, watchlist .csv.gz, manifest.json)

                """)
        let errLines = outcome.err.split(separator: "\n")
        let stageLines = errLines.filter { !$0.hasPrefix("recon: warning: ") }
        #expect(!stageLines.isEmpty)
        #expect(stageLines.allSatisfy { $0.wholeMatch(of: /recon: \w+ done( rows=\d+)? seconds=\d+\.\d{3}/) != nil })
        // Both inputs are stale: the orders' latest event is O1's approval on 2026-04-21 (9 days left of April,
        // 31 of May, 30 of June: 70 days before as of), the payments' C2 on 2026-04-02 (28 + 31 + 30 = 89).
        let stale = "more than stale_after_days 3: refunds made since would look overdue"
        let ordersWarning =
            "recon: warning: orders \(scenario.orders): latest event 2026-04-21 is 70 days before as of "
        let paymentsWarning =
            "recon: warning: payments \(scenario.payments): latest event 2026-04-02 is 89 days before as of "
        let warnings: [String] = [ordersWarning + "2026-06-30, " + stale, paymentsWarning + "2026-06-30, " + stale]
        #expect(errLines.filter { $0.hasPrefix("recon: warning: ") }.map(String.init) == warnings)
        #expect(FileManager.default.fileExists(atPath: scenario.output + "/manifest.json"))
    }

    /// A previous report whose cases file is not gzip: one warning line, and the run completes (0).
    @Test func aDamagedPreviousReportIsOneWarningLine() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        #expect(recon(["run"] + scenario.inputs + ["--out", scenario.output]).exitCode == 0)
        try "not gzip".write(toFile: scenario.output + "/cases.csv.gz", atomically: true, encoding: .utf8)
        let outcome = recon(["run"] + scenario.inputs + ["--out", scenario.output])
        #expect(outcome.exitCode == 0)
        // The small scenario's inputs are older than stale_after_days: their freshness warnings are left aside.
        let warnings = outcome.err.split(separator: "\n").filter {
            $0.hasPrefix("recon: warning: ") && !$0.contains("stale_after_days") && !$0.contains("no dated event")
        }
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.hasPrefix("recon: warning: the previous report could not be read: ") == true
                && warnings.first?.hasSuffix("; the run goes on as a first run") == true, "\(outcome.err)")
    }

    @Test func quietRunPrintsNothing() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--out", scenario.output, "--quiet"])
        #expect(outcome.exitCode == 0 && outcome.out.isEmpty && outcome.err.isEmpty)
    }

    /// `check` on the small scenario: every finding ok, 0; its inputs' latest events (orders 2026-04-21, 70 days
    /// before as of; payments 2026-04-02, 89 days) are within `--stale-after-days 90`.
    @Test func checkPassesTheScenario() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["check"] + scenario.inputs + ["--out", scenario.output, "--stale-after-days", "90"])
        #expect(outcome.exitCode == 0 && outcome.err.isEmpty)
        #expect(
            outcome.out == """
                ok       \(scenario.orders): orders, format canonical, header fits; first 2 rows: 2 used, 0 skipped, 0 rejected
                ok       \(scenario.payments): payments, format canonical, header fits; first 2 rows: 2 used, 0 skipped, 0 rejected
                ok       \(scenario.orders): latest event 2026-04-21, 70 days before as of 2026-06-30
                ok       \(scenario.payments): latest event 2026-04-02, 89 days before as of 2026-06-30
                ok       \(scenario.output): output folder can be written (new, empty, or a previous recon report; no run under way)
                check: command line is ready to run

                """)
    }

    /// With the default `stale_after_days` (3) both inputs of the small scenario are stale (70 and 89 days, see
    /// above): a warning each, and still exit 0, ready to run.
    @Test func checkWarnsOfStaleInputs() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["check"] + scenario.inputs + ["--out", scenario.output])
        #expect(outcome.exitCode == 0)
        let lines = outcome.out.split(separator: "\n")
        let stale = "more than stale_after_days 3: refunds made since would look overdue"
        let warnings: [String] = [
            "WARNING  \(scenario.orders): latest event 2026-04-21 is 70 days before as of 2026-06-30, " + stale,
            "WARNING  \(scenario.payments): latest event 2026-04-02 is 89 days before as of 2026-06-30, " + stale,
        ]
        #expect(lines.filter { $0.hasPrefix("WARNING  ") }.map(String.init) == warnings)
        #expect(lines.last == "check: command line is ready to run (2 warnings)")
    }

    /// `check` reports a missing input as a problem and exits with the code the run would (1).
    @Test func checkReportsAMissingInput() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        try FileManager.default.removeItem(atPath: scenario.payments)
        let outcome = recon(["check"] + scenario.inputs + ["--out", scenario.output])
        #expect(outcome.exitCode == 1)
        #expect(outcome.out.split(separator: "\n").filter { $0.hasPrefix("PROBLEM  \(scenario.payments)") }.count == 1)
        // The orders still read, and are stale (70 days): a warning beside the problem.
        #expect(outcome.out.hasSuffix("check: 1 problem in command line (1 warning)\n"))
    }

    /// `explain` shows O1's clock (due 2026-05-19, see `SmallScenario`) and logs its stages; an id no row has
    /// is a usage error (NOPE is 3 edits from O1, O2, C1 and C2, more than the 2 a suggestion may be: none).
    @Test func explainShowsTheClockAndRejectsUnknownIds() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let found = recon(["explain", "O1"] + scenario.inputs)
        #expect(found.exitCode == 0)
        #expect(found.out.hasPrefix("As of 2026-06-30, pipeline command line\nOrder O1"))
        #expect(found.out.contains("due 2026-05-19"))
        // The stages it ran are logged, as a run's are (its observer lives as long as the pipeline).
        #expect(found.err.contains("ingest_orders done") && found.err.contains("cases_and_flags done"), "\(found.err)")
        let unknown = recon(["explain", "NOPE"] + scenario.inputs)
        #expect(unknown.exitCode == 2 && unknown.out.isEmpty)
        #expect(
            unknown.err.hasSuffix(
                "recon: error: no order or payment has the id 'NOPE', whatever its case or a leading '#' "
                    + "(as of 2026-06-30)\n"))
    }
}
