import Foundation
import Testing

@testable import ReconCLI

/// The follow-up file from the command line's point of view: ids that name no order are a warning line and
/// the run completes; a malformed file stops it with an input error (exit 1) naming the line and column.
@Suite struct FollowUpCLITests {
    /// The small scenario's pipeline file, with `follow_up` naming `notes` written beside it.
    func pipeline(in scenario: SmallScenario, notes: String) throws -> String {
        let notesPath = scenario.folder.appendingPathComponent("follow-up.csv").path
        try notes.write(toFile: notesPath, atomically: true, encoding: .utf8)
        let path = scenario.folder.appendingPathComponent("nightly.yml").path
        try """
        as_of: 2026-06-30
        follow_up: follow-up.csv
        sources:
          orders: [{path: orders.csv}]
          payments: [{path: payments.csv}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// O1 is overdue and has a note; ZZZ names no order: one warning line, exit 0.
    @Test func unknownIdIsAWarningLine() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let path = try pipeline(in: scenario, notes: "order_id,owner\nO1,Ana\nZZZ,Ben\n")
        let outcome = recon(["run", path, "--out", scenario.output])
        #expect(outcome.exitCode == 0)
        // The small scenario's inputs are older than stale_after_days: their freshness warnings are left aside.
        let warnings = outcome.err.split(separator: "\n").filter {
            $0.hasPrefix("recon: warning: ") && !$0.contains("stale_after_days") && !$0.contains("no dated event")
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("follow-up.csv names no order; its note is not shown: ZZZ") == true)
    }

    /// A date that is none, on line 2: exit 1, the message naming the file, line and column.
    @Test func malformedFileIsAnInputError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let path = try pipeline(in: scenario, notes: "order_id,updated_on\nO1,yesterday\n")
        let outcome = recon(["run", path, "--out", scenario.output])
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.err.contains("follow-up.csv: line 2: column 'updated_on': 'yesterday' is not a YYYY-MM-DD date"))
        #expect(!FileManager.default.fileExists(atPath: scenario.output + "/manifest.json"))
    }
}
