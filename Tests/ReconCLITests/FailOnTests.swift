import Foundation
import ReconCore
import Testing

@testable import ReconCLI

/// `--fail-on` as ArgumentParser reads it: flag names separated by commas.
@Suite struct FailOnTests {
    @Test func namesAreSplitAtCommasAndTrimmed() {
        #expect(FlagList(argument: "overdue,late")?.flags == [.overdue, .late])
        #expect(FlagList(argument: " over_refund , ambiguous_match")?.flags == [.overRefund, .ambiguousMatch])
        // Empty names between commas are left out; a value naming nothing is no value (a usage error), so
        // that an unset variable cannot switch a pipeline's alerts off.
        #expect(FlagList(argument: ",,overdue,")?.flags == [.overdue])
        #expect(FlagList(argument: "") == nil && FlagList(argument: " , ") == nil)
    }

    /// A repeated `--fail-on` adds its names to the earlier ones', each name once.
    @Test func repeatedListsAreJoined() throws {
        let lists = try ["overdue", "ambiguous_match,overdue", "dispute_window"].map {
            try #require(FlagList(argument: $0))
        }
        let joined = try #require(FlagList.joined(lists))
        #expect(joined.flags == [.overdue, .ambiguousMatch] && joined.watchKinds == [.disputeWindow])
        #expect(FlagList.joined([]) == nil)
    }

    @Test func watchlistKindsAreTakenBesideTheFlags() {
        let list = FlagList(argument: "request_window, overdue,dispute_window")
        #expect(list?.flags == [.overdue] && list?.watchKinds == [.requestWindow, .disputeWindow])
    }

    /// O2 (placed 2026-04-02, no request) may ask for a refund until 04-02 + 90 = 07-01: the watchlist lists it
    /// (USD 10.00), so naming request_window exits 3; watching 0 days (only what closes on 06-30) lists nothing.
    @Test func watchlistKindExitsThreeWhenListed() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let listed = recon(
            ["run"] + scenario.inputs + ["--out", scenario.output, "--quiet", "--fail-on", "request_window"])
        #expect(listed.exitCode == 3)
        #expect(
            listed.err
                == "recon: error: --fail-on: request_window listed 1 time (USD 10.00); report: \(scenario.output)/reconciliation.xlsx\n"
        )
        let none = recon(
            ["run"] + scenario.inputs
                + ["--out", scenario.output, "--quiet", "--fail-on", "request_window", "--watch-days", "0"])
        #expect(none.exitCode == 0 && none.err.isEmpty)
    }

    @Test func anyNameThatIsNoFlagRejectsTheValue() {
        #expect(FlagList(argument: "overdue,sometimes") == nil)
        #expect(FlagList(argument: "Overdue") == nil)
        #expect(FlagList(argument: " ") == nil)
    }

    /// A value that is not a list of flags is a usage error (2) that lists the flags; nothing is run.
    @Test func badValueIsAUsageErrorListingTheFlags() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--out", scenario.output, "--fail-on", "overdue,sometimes"])
        #expect(outcome.exitCode == 2 && outcome.out.isEmpty)
        let names = ReconCore.Flag.allCases.map { "  - \($0.rawValue)\n" }.joined()
        #expect(
            outcome.err.hasPrefix(
                "Error: The value 'overdue,sometimes' is invalid for '--fail-on <flags>'. "
                    + "Please provide one of the following:\n" + names))
        #expect(!FileManager.default.fileExists(atPath: scenario.output))
    }

    /// The scenario raises overdue: with it named by the first of two `--fail-on`s the run exits 3, as with it
    /// named by the second; an empty `--fail-on` (an unset variable) is a usage error that runs nothing.
    @Test func everyFailOnCountsAndAnEmptyOneIsRefused() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        for order in [["overdue", "late"], ["late", "overdue"]] {
            let raised = recon(
                ["run"] + scenario.inputs
                    + ["--out", scenario.output, "--quiet", "--fail-on", order[0], "--fail-on", order[1]])
            #expect(raised.exitCode == 3, "\(order)")
        }
        let empty = recon(["run"] + scenario.inputs + ["--out", scenario.output + "-empty", "--fail-on", ""])
        #expect(empty.exitCode == 2 && empty.err.hasPrefix("Error: The value '' is invalid for '--fail-on <flags>'"))
        #expect(!FileManager.default.fileExists(atPath: scenario.output + "-empty"))
    }

    /// The scenario raises overdue (O1, USD 25.00) and nothing else: naming overdue exits 3 after writing the
    /// report, saying how many, how much and where the report is; naming only late exits 0.
    @Test func raisedFlagExitsThree() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let raised = recon(
            ["run"] + scenario.inputs + ["--out", scenario.output, "--quiet", "--fail-on", "late, overdue"])
        #expect(raised.exitCode == 3 && raised.out.isEmpty)
        #expect(
            raised.err
                == "recon: error: --fail-on: overdue raised 1 time (USD 25.00); report: \(scenario.output)/reconciliation.xlsx\n"
        )
        #expect(FileManager.default.fileExists(atPath: scenario.output + "/manifest.json"))
        let quiet = recon(["run"] + scenario.inputs + ["--out", scenario.output, "--quiet", "--fail-on", "late"])
        #expect(quiet.exitCode == 0 && quiet.err.isEmpty)
    }
}
