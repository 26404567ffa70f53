import Foundation
import Testing

@testable import ReconCore

/// The team's follow-up file: read, never written; shown beside overdue cases; its ids that name no order
/// listed; a malformed file an input error naming its line and column.
@Suite struct FollowUpTests {
    func parse(_ text: String) throws -> FollowUps {
        try FollowUps(reading: MemorySource(text), path: "follow-up.csv")
    }

    /// Columns in any order and case, an extra column ignored, a quoted note with a comma and a newline,
    /// a row without an update date, and a card number pasted into a note masked.
    @Test func notesAreReadByColumnName() throws {
        let notes = try parse(
            """
            Note,ORDER_ID,owner,updated_on,status,next_step,chased_by
            "Stripe says 5 days, maybe
            more",SO-1,Ana,2026-06-29,chasing,call Stripe,x
            card 4242424242424242,SO-2,Ben,,waiting,,

            """)
        #expect(notes.orderIds == ["SO-1", "SO-2"])
        #expect(
            notes["SO-1"]
                == FollowUps.Note(
                    owner: "Ana", status: "chasing", nextStep: "call Stripe", note: "Stripe says 5 days, maybe\nmore",
                    updatedOn: CivilDate(iso: "2026-06-29")))
        #expect(notes["SO-2"]?.updatedOn == nil && notes["SO-2"]?.note.contains("4242424242424242") == false)
        #expect(notes["SO-3"] == nil)
    }

    /// Each malformed file is an input error (exit 1) naming the file, the line and the column.
    @Test(arguments: [
        ("order_id,owner\nSO-1,Ana\nSO-2,Ben,extra\n", "follow-up.csv: line 3: has 3 fields where the header has 2"),
        (
            "order_id,updated_on\nSO-1,2026-13-01\n",
            "follow-up.csv: line 2: column 'updated_on': '2026-13-01' is not a YYYY-MM-DD date"
        ),
        ("order_id,owner\n,Ana\n", "follow-up.csv: line 2: column 'order_id': is empty"),
        (
            "order_id,owner\nSO-1,Ana\nSO-1,Ben\n",
            "follow-up.csv: line 3: column 'order_id': 'SO-1' already has a note at line 2"
        ),
        ("owner,note\nAna,x\n", "follow-up.csv: line 1: header lacks the column 'order_id'"),
        ("", "follow-up.csv: line 1: no header (expected order_id, …)"),
    ])
    func malformedFileNamesLineAndColumn(text: String, message: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let error = error as? ReconError else { return false }
            return error.description == message && error.exitCode == 1
        }
    }

    /// A scenario whose orders are A (overdue: approved Wednesday 1 April, due 29 April, never refunded)
    /// and B (no case), with notes on A, B and ZZZ: ZZZ names no order, so it is the one unknown id; B
    /// names an order and is not. The Overdue sheet shows A's note; the file is left as it was.
    @Test func notesShowOnOverdueAndUnknownIdsAreListed() throws {
        let scenario = Scenario(
            orders: "A,2026-03-30,USD,50.00,,,,2026-04-01,,,\nB,2026-03-30,USD,20.00,,,,,,,\n", payments: "")
        let notes =
            "order_id,owner,status,next_step,note,updated_on\nA,Ana,chasing,call,asked twice,2026-06-29\n"
            + "B,Ben,done,,,\nZZZ,Ana,new,,,\n"
        let (folder, baseConfig) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notesPath = folder.appendingPathComponent("follow-up.csv").path
        try notes.write(toFile: notesPath, atomically: true, encoding: .utf8)
        var config = baseConfig
        config.followUp = notesPath

        let output = folder.appendingPathComponent("out").path
        let (result, _) = try Pipeline(configuration: config, origin: "t").run(output: output)
        #expect(result.followUpUnknownIds == ["ZZZ"])
        #expect(result.followUpNote == "1 order id in \(notesPath) names no order; its note is not shown: ZZZ")
        let overdue = ReportTables.overdue(
            result.reconciliation.exceptions, orders: result.orders, texts: result.texts, followUps: result.followUps)
        let names = overdue.columns.map(\.name)
        #expect(Array(names.suffix(6)) == ["owner", "follow_up_status", "next_step", "note", "updated_on", "detail"])
        let row = overdue.row(0)
        #expect(row[names.firstIndex(of: "owner")!] == .text("Ana"))
        #expect(row[names.firstIndex(of: "updated_on")!] == .date(CivilDate(iso: "2026-06-29")!))
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")))
                as? [String: Any])
        #expect(manifest["follow_up_unknown_ids"] as? Int == 1)
        #expect(try String(contentsOfFile: notesPath, encoding: .utf8) == notes)
        // `recon check` reads it too: three orders noted.
        let check = PipelineCheck(configuration: config, origin: "t").run(output: nil)
        #expect(
            check.last?.message == "\(notesPath): follow-up notes readable, 3 orders" && check.last?.exitCode == nil)
    }

    /// Without a follow-up file the Overdue sheet has no note columns and the manifest no count.
    @Test func withoutAFileNothingChanges() throws {
        let scenario = Scenario(orders: "A,2026-03-30,USD,50.00,,,,2026-04-01,,,\n", payments: "")
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let (result, _) = try Pipeline(configuration: config, origin: "t").run(output: output)
        #expect(result.followUpNote == nil)
        let overdue = ReportTables.overdue(result.reconciliation.exceptions, orders: result.orders, texts: result.texts)
        #expect(!overdue.columns.map(\.name).contains("owner"))
        let manifest = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        #expect(!manifest.contains("follow_up"))
    }

    /// The pipeline keys: `follow_up` is a path relative to the pipeline file; a source's `counterparty` is
    /// read as given.
    @Test func pipelineFileNamesTheFileAndCounterparties() throws {
        let config = try PipelineFile.parse(
            """
            follow_up: notes/follow-up.csv
            sources:
              orders: [{path: orders.csv, counterparty: AliExpress}]
              payments: [{path: payments.csv}]
            """, path: "/p/nightly.yml")
        #expect(config.followUp == "/p/notes/follow-up.csv")
        #expect(config.orders.map(\.counterparty) == ["AliExpress"] && config.payments.map(\.counterparty) == [nil])
        #expect(config.filesRead.contains("/p/notes/follow-up.csv"))
    }
}
