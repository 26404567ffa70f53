import Foundation
import Testing

@testable import ReconCore

/// Two nights into the same output folder: what is new, unchanged and resolved since the previous report,
/// and since when each exception and case has been flagged.
@Suite struct ChangesTests {
    /// Weekends only, 20 business days. 2026-05-29 is a Friday: due 2026-06-26, overdue on Monday 06-29.
    /// 2026-06-01 is a Monday: due 06-29, overdue on Tuesday 06-30. A: never refunded, overdue both nights.
    /// B: refunded on 06-30, so overdue on 06-29 and late on 06-30. C: due 06-29, pending on 06-29 and overdue
    /// on 06-30. D: pending on 06-29, gone from the second night's orders. E: cancelled on 06-30, which the
    /// first night ignores as after its as-of.
    static let orders = """
        A,2026-05-20,USD,10.00,card:1,US,standard,2026-05-29T12:00:00Z,,,
        B,2026-05-20,USD,20.00,card:1,US,standard,2026-05-29T12:00:00Z,,,
        C,2026-05-20,USD,30.00,card:1,US,standard,2026-06-01T12:00:00Z,,,
        D,2026-06-08,USD,40.00,card:1,US,standard,2026-06-10T12:00:00Z,,,

        """
    static let secondNightOrders = """
        A,2026-05-20,USD,10.00,card:1,US,standard,2026-05-29T12:00:00Z,,,
        B,2026-05-20,USD,20.00,card:1,US,standard,2026-05-29T12:00:00Z,,,
        C,2026-05-20,USD,30.00,card:1,US,standard,2026-06-01T12:00:00Z,,,
        E,2026-06-30T08:00:00Z,USD,50.00,card:1,US,standard,2026-06-30T09:00:00Z,,,

        """
    static let payments = "RB,refund,2026-06-30T10:00:00Z,20.00,USD,card:1,B,,\n"

    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// A folder with the scenario's files for the night as of `asOf`, and its configuration.
    static func night(_ asOf: String, orders: String = orders) throws -> (URL, RunConfiguration) {
        try Scenario(orders: orders, payments: payments, asOf: asOf).writeFiles()
    }

    /// The rows of a gzipped CSV in the report at `output`, each a dictionary by header.
    static func rows(_ file: ReportFile, in output: String) throws -> [[String: String]] {
        let path = output + "/" + file.rawValue
        let reader = CSVReader(source: try GzipReader(source: try InputFile(path: path), name: path), name: path)
        var record = CSVRecord()
        var lines: [[String]] = []
        while try reader.next(into: &record) { lines.append((0..<record.fieldCount).map(record.field)) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    static func manifestChanges(_ output: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(manifest["changes"] as? [String: Any])
    }

    /// The first night into `output`, then the second with its own orders into the same folder.
    static func twoNights(output: String, secondName: String = "command line") throws -> (
        first: Pipeline.Result, second: Pipeline.Result, summary: RunSummary
    ) {
        let (firstFolder, firstConfig) = try night("2026-06-29")
        defer { try? FileManager.default.removeItem(at: firstFolder) }
        let first = try Pipeline(configuration: firstConfig, origin: "test").run(output: output).result
        var (secondFolder, secondConfig) = try night("2026-06-30", orders: secondNightOrders)
        defer { try? FileManager.default.removeItem(at: secondFolder) }
        secondConfig.pipelineName = secondName
        let (second, summary) = try Pipeline(configuration: secondConfig, origin: "test").run(output: output)
        return (first, second, summary)
    }

    static func output() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recon-changes-\(UUID().uuidString)").path
    }

    @Test func theFirstNightComparesNothingAndFlagsEverythingOnItsAsOf() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (folder, config) = try Self.night("2026-06-29")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try Pipeline(configuration: config, origin: "test").run(output: output).summary
        #expect(summary.changes.previousAsOf == nil && summary.changes.warning == nil)
        #expect(summary.changes.notCompared == "no previous report in the output folder")
        let changes = try Self.manifestChanges(output)
        #expect(changes["previous_as_of"] is NSNull && changes["exceptions"] is NSNull && changes["cases"] is NSNull)
        #expect(changes["not_compared"] as? String == "no previous report in the output folder")
        // Overdue A and B; cases A, B, C, D: all first flagged on the night's as-of.
        let exceptions = try Self.rows(.exceptions, in: output)
        let cases = try Self.rows(.cases, in: output)
        #expect(exceptions.map { $0["order_id"]! } == ["A", "B"] && cases.count == 4)
        #expect((exceptions + cases).allSatisfy { $0["first_flagged_on"] == "2026-06-29" })
    }

    /// Exceptions: late B and overdue C are new, overdue A unchanged, overdue B resolved as B came back late.
    /// Cases: E is new, A and C unchanged (C went from pending to overdue: open both nights), B resolved as
    /// late, D resolved as gone from the inputs.
    @Test func theSecondNightListsWhatIsNewAndWhatWasResolved() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (first, second, summary) = try Self.twoNights(output: output)
        #expect(first.facts.asOf == Self.date("2026-06-29") && second.facts.asOf == Self.date("2026-06-30"))
        #expect(summary.changes.previousAsOf == Self.date("2026-06-29") && summary.changes.notCompared == nil)
        #expect(summary.changes.exceptions == ChangeTally(new: 2, unchanged: 1, resolved: 1))
        #expect(summary.changes.cases == ChangeTally(new: 1, unchanged: 2, resolved: 2))
        let manifest = try Self.manifestChanges(output)
        #expect(manifest["previous_as_of"] as? String == "2026-06-29" && manifest["not_compared"] is NSNull)
        #expect(manifest["cases"] as? [String: Int] == ["new": 1, "unchanged": 2, "resolved": 2])

        // A's overdue and the cases A, B and C were there the night before; the rest are the second night's.
        let exceptions = try Self.rows(.exceptions, in: output).map { "\($0["flag"]!) \($0["order_id"]!)" }
        let exceptionDates = try Self.rows(.exceptions, in: output).map { $0["first_flagged_on"]! }
        #expect(exceptions == ["late B", "overdue A", "overdue C"])
        #expect(exceptionDates == ["2026-06-30", "2026-06-29", "2026-06-30"])
        let cases = try Self.rows(.cases, in: output).map { "\($0["order_id"]!) \($0["first_flagged_on"]!)" }
        #expect(cases == ["A 2026-06-29", "B 2026-06-29", "C 2026-06-29", "E 2026-06-30"])
    }

    /// The rows the Changes sheet lists for the two nights above: new first, then resolved, exceptions before
    /// cases; a resolved row keeps the amount and state of the night before.
    @Test func theChangesRowsSayHowEachWasResolved() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (folder, config) = try Self.night("2026-06-29")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        let (secondFolder, secondConfig) = try Self.night("2026-06-30", orders: Self.secondNightOrders)
        defer { try? FileManager.default.removeItem(at: secondFolder) }
        let second = try Pipeline(configuration: secondConfig, origin: "test").reconcile()
        let baseline = Baseline.read(folder: output, pipeline: "command line", asOf: Self.date("2026-06-30"))
        let changes = Changes(
            baseline: baseline, exceptions: second.reconciliation.exceptions, cases: second.reconciliation.cases,
            asOf: Self.date("2026-06-30"), masksEmails: false)
        let shown = changes.rows.map {
            [
                $0.status.rawValue, $0.kind, $0.row.label, $0.row.orderId, "\($0.row.amount)",
                "\($0.row.firstFlaggedOn)", $0.howResolved,
            ]
        }
        #expect(
            shown == [
                ["new", "cancellation case", "pending", "E", "5000", "2026-06-30", ""],
                ["new", "exception", "late", "B", "2000", "2026-06-30", ""],
                ["new", "exception", "overdue", "C", "3000", "2026-06-30", ""],
                ["resolved", "cancellation case", "overdue", "B", "2000", "2026-06-29", "late"],
                ["resolved", "cancellation case", "pending", "D", "4000", "2026-06-29", "gone from the inputs"],
                ["resolved", "exception", "overdue", "B", "2000", "2026-06-29", "no longer raised; case now late"],
            ])
        // With a follow-up file, the sheet shows the notes before its how-resolved words: B's rows carry Ana's
        // note, E's (no note) empty cells.
        let notes = try FollowUps(reading: MemorySource("order_id,owner,note\nB,Ana,called Stripe\n"), path: "f.csv")
        let table = ChangesSheet.table(changes, followUps: notes, maskingEmails: false)
        #expect(
            table.columns.map(\.name).suffix(6) == [
                "owner", "follow_up_status", "next_step", "note", "updated_on", "how_resolved",
            ])
        let owner = table.columns.map(\.name).firstIndex(of: "owner")!
        let owners = (0..<table.rowCount).map { row -> Cell in
            var cells = [Cell](repeating: .empty, count: table.columns.count)
            table.fillRow(row, &cells)
            return cells[owner]
        }
        #expect(owners == [.text(""), .text("Ana"), .text(""), .text("Ana"), .text(""), .text("Ana")])
    }

    /// Run again for the same as-of, the report compares with the one it replaces: nothing new or resolved,
    /// and every date carried.
    @Test func aRerunForTheSameAsOfChangesNothing() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (folder, config) = try Self.night("2026-06-29")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        let summary = try Pipeline(configuration: config, origin: "test").run(output: output).summary
        #expect(summary.changes.previousAsOf == Self.date("2026-06-29"))
        #expect(summary.changes.exceptions == ChangeTally(new: 0, unchanged: 2, resolved: 0))
        #expect(summary.changes.cases == ChangeTally(new: 0, unchanged: 4, resolved: 0))
    }

    /// A previous report of another pipeline is replaced without being compared with.
    @Test func anotherPipelinesReportIsNotComparedWith() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let summary = try Self.twoNights(output: output, secondName: "nightly").summary
        #expect(summary.changes.previousAsOf == nil && summary.changes.warning == nil)
        #expect(
            summary.changes.notCompared == "the report in the output folder is of another pipeline ('command line')")
        #expect(try Self.rows(.cases, in: output).allSatisfy { $0["first_flagged_on"] == "2026-06-30" })
    }

    /// A report in the folder as of a later date than the run's is not a previous one: nothing is compared.
    @Test func aLaterReportIsNotComparedWith() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (folder, config) = try Self.night("2026-06-30")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        var earlier = config
        earlier.asOf = Self.date("2026-06-29")
        let summary = try Pipeline(configuration: earlier, origin: "test").run(output: output).summary
        #expect(summary.changes.previousAsOf == nil && summary.changes.warning == nil)
        #expect(
            summary.changes.notCompared == "the report in the output folder is as of 2026-06-30, after this run's as-of"
        )
    }

    /// A previous exceptions file cut short: a warning, and the run goes on as a first run.
    @Test func aDamagedPreviousReportIsAWarningNotAnError() throws {
        let output = Self.output()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (folder, config) = try Self.night("2026-06-29")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        let path = output + "/" + ReportFile.exceptions.rawValue
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let summary = try Pipeline(configuration: config, origin: "test").run(output: output).summary
        #expect(summary.changes.previousAsOf == nil)
        let warning = try #require(summary.changes.warning)
        #expect(warning.contains("could not be read") && warning.contains("exceptions.csv.gz"), "\(warning)")
        #expect(try Self.rows(.exceptions, in: output).map { $0["order_id"]! } == ["A", "B"])
    }

    /// A report written before `first_flagged_on` existed: its rows count as first flagged on its as-of. A
    /// field the CSV writer guarded against formulas (`'-7`) is read back as the id it was.
    @Test func aReportWithoutFirstFlaggedOnIsReadAsFlaggedOnItsAsOf() throws {
        let folder = Self.output()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cases.csv.gz"
        let out = try OutputFile(path: path)
        let gzip = try GzipWriter(sink: out, level: 6)
        try gzip.write(Array("order_id,kind,currency,outstanding,state\n'-7,refund,JPY,500,overdue\n".utf8))
        try gzip.close()
        let cases = try PreviousReportReader(asOf: Self.date("2026-06-01")).cases(at: path)
        let row = try #require(cases[CaseKey(orderId: "-7", kind: "refund")])
        #expect(row.firstFlaggedOn == Self.date("2026-06-01") && row.amount == 500 && row.label == "overdue")
    }
}
