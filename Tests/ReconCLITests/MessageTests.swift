import Foundation
import ReconCore
import Testing

@testable import ReconCLI

/// Messages a person or a nightly job acts on: what `--fail-on` raised, how much and where the report is;
/// errors blamed on what was given; ids found as people type them.
@Suite struct MessageTests {
    /// The small scenario (O1 overdue, USD 25.00) with two more orders, weekends off and no holidays:
    /// O3 (EUR 40.00) approved Wednesday 2026-04-01 is due on the 20th business day after, 2026-04-29, and
    /// was refunded on 2026-06-01: late, EUR 40.00. O4 (EUR 12.50) approved 2026-04-21 like O1 is due
    /// 2026-05-19 and was never refunded: overdue. So overdue is raised twice (EUR 12.50, USD 25.00) and late
    /// once (EUR 40.00).
    static func scenarioWithLateAndOverdue() throws -> SmallScenario {
        let scenario = try SmallScenario()
        let orders = try FileHandle(forWritingTo: URL(fileURLWithPath: scenario.orders))
        orders.seekToEndOfFile()
        orders.write(
            Data(
                ("O3,2026-03-20T10:00:00Z,EUR,40.00,card:9999,DE,standard,Cy,,,2026-03-31T10:00:00Z,2026-04-01T10:00:00Z,\n"
                    + "O4,2026-04-10T10:00:00Z,EUR,12.50,card:9999,DE,standard,Di,,,2026-04-20T10:00:00Z,2026-04-21T10:00:00Z,\n")
                    .utf8))
        try orders.close()
        let payments = try FileHandle(forWritingTo: URL(fileURLWithPath: scenario.payments))
        payments.seekToEndOfFile()
        payments.write(
            Data(
                ("C3,charge,2026-03-20T10:05:00Z,40.00,EUR,card:9999,O3,,\n"
                    + "R3,refund,2026-06-01T10:00:00Z,40.00,EUR,card:9999,O3,C3,\n"
                    + "C4,charge,2026-04-10T10:05:00Z,12.50,EUR,card:9999,O4,,\n").utf8))
        try payments.close()
        return scenario
    }

    /// A line a raised flag, in `--fail-on`'s order, with its count, its amounts per currency and the report.
    @Test func failOnNamesEachFlagItsCountAmountsAndTheReport() throws {
        let scenario = try Self.scenarioWithLateAndOverdue()
        defer { scenario.remove() }
        let outcome = recon(
            ["run"] + scenario.inputs + ["--out", scenario.output, "--quiet", "--fail-on", "late,overdue,over_refund"])
        #expect(outcome.exitCode == 3)
        let report = scenario.output + "/reconciliation.xlsx"
        let expected: String =
            "recon: error: --fail-on: late raised 1 time (EUR 40.00); report: \(report)\n"
            + "recon: error: --fail-on: overdue raised 2 times (EUR 12.50, USD 25.00); report: \(report)\n"
        #expect(outcome.err == expected)
    }

    /// With `--log-format json` each raised flag is one JSON line with the same facts as fields.
    @Test func failOnInJSONHasTheFactsAsFields() throws {
        let scenario = try Self.scenarioWithLateAndOverdue()
        defer { scenario.remove() }
        let outcome = recon(
            ["run"] + scenario.inputs + [
                "--out", scenario.output, "--quiet", "--fail-on", "overdue,late", "--log-format", "json",
            ])
        #expect(outcome.exitCode == 3)
        let lines = try outcome.err.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])
        }
        #expect(lines.map { $0["flag"] } == ["overdue", "late"])
        #expect(lines.map { $0["count"] } == ["2", "1"])
        #expect(lines.map { $0["amounts"] } == ["EUR 12.50, USD 25.00", "EUR 40.00"])
        #expect(lines.allSatisfy { $0["report"] == scenario.output + "/reconciliation.xlsx" && $0["level"] == "error" })
    }

    /// A bad `--as-of` or `--order-url` given beside a pipeline file is the command line's fault, not the file's.
    @Test func optionsAreBlamedOnTheCommandLine() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let pipeline = scenario.folder.appendingPathComponent("nightly.yml").path
        try "sources:\n  orders: [{path: orders.csv}]\n  payments: [{path: payments.csv}]\n".write(
            toFile: pipeline, atomically: true, encoding: .utf8)
        let asOf = recon("run", pipeline, "--as-of", "2026-13-01", "--out", scenario.output)
        #expect(asOf.exitCode == 2)
        #expect(asOf.err == "recon: error: command line: --as-of: '2026-13-01' is not a YYYY-MM-DD date\n")
        let link = recon("run", pipeline, "--as-of", "2026-06-30", "--out", scenario.output, "--order-url", "x")
        #expect(link.exitCode == 2 && link.err.hasPrefix("recon: error: command line: --order-url: 'x' must start"))
    }

    /// A pipeline file that is not there is named with the system's reason; one `recon:` prefix.
    @Test func aMissingPipelineFileSaysWhy() {
        let outcome = recon("run", "/nonexistent/nightly.yml")
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.err == "recon: error: /nonexistent/nightly.yml: (file): cannot read: No such file or directory\n")
    }

    /// `explain o1` finds O1 and says so; `explain O3` finds nothing and lists the closest ids: O1 and O2 one
    /// edit away, C1 and C2 two.
    @Test func explainFindsIdsAsTypedAndSuggestsTheClosest() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let found = recon(["explain", "#o1", "--quiet"] + scenario.inputs)
        #expect(found.exitCode == 0)
        #expect(
            found.out.hasPrefix("As of 2026-06-30, pipeline command line\nNo id is '#o1' exactly; 'O1' is:\nOrder O1"))
        let missing = recon(["explain", "O3", "--quiet"] + scenario.inputs)
        #expect(missing.exitCode == 2 && missing.out.isEmpty)
        #expect(
            missing.err
                == "recon: error: no order or payment has the id 'O3', whatever its case or a leading '#' "
                + "(as of 2026-06-30); the closest: 'O1', 'O2', 'C1', 'C2'\n")
    }
}
