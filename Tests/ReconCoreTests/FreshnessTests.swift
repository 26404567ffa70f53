import Foundation
import Testing

@testable import ReconCore

/// How current each input is: its latest event on or before as_of, judged against `stale_after_days`, in the
/// run's accounts, the manifest and the Summary's lines.
@Suite struct FreshnessTests {
    /// Orders: A placed 06-10 with a refund approved 06-26, B placed 06-20 with a cancellation approved
    /// 07-02 (after as_of 06-30: not yet happened, not an event). The latest is A's approval, 06-26: 4 days
    /// before 06-30. Payments: a charge 06-27 and a fee 06-29 (a fee is skipped, not an event) and a refund
    /// created 07-01 (after as_of: skipped). The latest is the charge, 06-27: 3 days before.
    static var scenario: Scenario {
        Scenario(
            orders: "A,2026-06-10,USD,10.00,,,,,,2026-06-26,\nB,2026-06-20,USD,5.00,,,,2026-07-02,,,\n",
            payments: "C1,charge,2026-06-27T10:00:00Z,10.00,USD,,A,,\nF1,fee,2026-06-29T10:00:00Z,0.30,USD,,A,,\n"
                + "R1,refund,2026-07-01T10:00:00Z,10.00,USD,,A,C1,\n")
    }

    @Test func latestEventsAreThoseOnOrBeforeAsOf() throws {
        let result = try Self.scenario.reconcile()
        let orders = try #require(result.stats("orders")?.freshness)
        let payments = try #require(result.stats("payments")?.freshness)
        #expect(orders.latestEventOn == CivilDate(iso: "2026-06-26") && orders.daysBeforeAsOf == 4)
        #expect(payments.latestEventOn == CivilDate(iso: "2026-06-27") && payments.daysBeforeAsOf == 3)
        // The default stale_after_days is 3: 4 days is stale, 3 is not.
        #expect(orders.isStale && !payments.isStale)
        #expect(
            result.stats("orders")?.freshnessWarning?.hasSuffix(
                "latest event 2026-06-26 is 4 days before as of 2026-06-30, more than stale_after_days 3: "
                    + "refunds made since would look overdue") == true)
        #expect(result.stats("payments")?.freshnessWarning == nil)
    }

    /// With `stale_after_days` 4 neither input is stale (4 and 3 days); with 2 both are.
    @Test(arguments: [(4, [false, false]), (2, [true, true])])
    func theLimitIsTheSetting(days: Int, stale: [Bool]) throws {
        var scenario = Self.scenario
        scenario.configure = { $0.staleAfterDays = days }
        let result = try scenario.reconcile()
        #expect(result.stats.map { $0.freshness?.isStale } == stale)
    }

    /// An input with no event at all (no row used) is stale whatever the limit: nothing shows it is current.
    @Test func anInputWithoutEventsIsStale() throws {
        let freshness = InputFreshness(
            latestEventOn: nil, asOf: CivilDate(iso: "2026-06-30")!, staleAfterDays: 3650)
        #expect(freshness.isStale && freshness.daysBeforeAsOf == nil)
        #expect(
            freshness.problem == "has no dated event on or before 2026-06-30: nothing in it shows how current it is")
    }

    /// The manifest names each input's latest event and whether it is stale (see the scenario above).
    @Test func theManifestCarriesTheLatestEvent() throws {
        let (folder, config) = try Self.scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        _ = try Pipeline(configuration: config, origin: "t").run(output: output)
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["latest_event_on"] as? String } == ["2026-06-26", "2026-06-27"])
        #expect(inputs.map { $0["stale"] as? Bool } == [true, false])
    }

    /// The Summary's inputs table: a line an input ending with its latest event and its file, and a warning
    /// for the stale one only.
    @Test func theSummaryListsEachInputAndWarns() throws {
        let result = try Self.scenario.reconcile()
        let rows = result.stats.map { SummarySheet.inputCells($0, overlapping: false) }
        #expect(rows.count == 2)
        #expect(rows[0].suffix(2).first == .date(CivilDate(iso: "2026-06-26")!))
        #expect(rows[1].suffix(2).first == .date(CivilDate(iso: "2026-06-27")!))
        #expect(rows.map(\.last) == result.stats.map { .text($0.path) })
        let warnings = result.stats.compactMap(\.freshnessWarning)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("orders "))
    }

    /// `recon check` samples the first 1,000 rows but reads the whole input for its latest event: 1,004 orders
    /// placed on 1 June and the last one on 29 June, 1 day before as_of 30 June: current, not a warning.
    @Test func checkFindsTheLatestEventPastItsSample() throws {
        let rows = (1...1_004).map { "G\($0),2026-06-01,USD,1.00,,,,,,,\n" }.joined()
        let (folder, config) = try Scenario(orders: rows + "L,2026-06-29,USD,1.00,,,,,,,\n", payments: "")
            .writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let findings = PipelineCheck(configuration: config, origin: "t").run(output: nil)
        // The two samples, then the orders' freshness and the payments' (no payment at all: stale).
        #expect(
            findings[2].message == "\(config.orders[0].path): latest event 2026-06-29, 1 day before as of 2026-06-30")
        #expect(!findings[2].isWarning && findings[3].isWarning)
    }

    /// `stale_after_days` in a pipeline file: read, and checked against 0…3650.
    @Test func thePipelineKeyIsReadAndChecked() throws {
        let minimal = "sources:\n  orders: [{path: o.csv}]\n  payments: [{path: p.csv}]\n"
        #expect(try PipelineFile.parse(minimal, path: "p.yml").staleAfterDays == 3)
        #expect(try PipelineFile.parse(minimal + "stale_after_days: 0\n", path: "p.yml").staleAfterDays == 0)
        #expect {
            _ = try PipelineFile.parse(minimal + "stale_after_days: 3651\n", path: "p.yml")
        } throws: { error in
            error as? ReconError
                == .configuration(
                    file: "p.yml", key: "stale_after_days", reason: "'3651' is not a whole number from 0 to 3650")
        }
    }
}
