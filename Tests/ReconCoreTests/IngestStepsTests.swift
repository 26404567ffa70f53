import Foundation
import Testing

@testable import ReconCore

/// The ingest's steps one at a time: the record assembler, the row classifier (with its record decoder and
/// repeated-header check), the line-item grouper, the accounts and the row-count estimate.
@Suite struct IngestStepsTests {
    /// Every record of `bytes` as the reader gives it (the header is a record like any other here).
    func records(_ bytes: [UInt8]) throws -> [CSVRecord] {
        let reader = CSVReader(source: MemorySource(bytes: bytes, chunk: 5), name: "t.csv")
        var record = CSVRecord()
        var all: [CSVRecord] = []
        while try reader.next(into: &record) { all.append(record) }
        return all
    }

    func record(_ line: String) throws -> CSVRecord { try records(Array(line.utf8))[0] }

    // MARK: Record assembler

    /// Bytes fed one by one: `"a,b",c` then a CRLF is two fields, the comma kept inside the quotes; the
    /// CR-LF ends the record (one line end counted), and the raw copy keeps the line without its end.
    @Test func assemblerReadsAQuotedFieldAndTheLineEnd() {
        var assembler = RecordAssembler(maxFieldBytes: 100, maxRecordBytes: 1000, maxRawBytes: 1000)
        var record = CSVRecord()
        record.reset(line: 1)
        var steps: [RecordAssembler.Step] = []
        for byte in Array("\"a,b\",c\r\n".utf8) {
            var step = assembler.take(byte, into: &record)
            while step == .again { step = assembler.take(byte, into: &record) }
            steps.append(step)
        }
        #expect(steps.last == .ended && steps.dropLast().allSatisfy { $0 == .next })
        #expect((0..<record.fieldCount).map(record.field) == ["a,b", "c"])
        #expect(assembler.newlines == 1 && record.rawText == "\"a,b\",c" && record.problem == nil)
    }

    /// `"x"y` has text after the closing quote: field 0 is flagged and still read as `xy`; a quote left
    /// open at the end of input is flagged on the field it opened (field 1), and the newline inside counts.
    @Test func assemblerFlagsQuotingProblems() {
        var assembler = RecordAssembler(maxFieldBytes: 100, maxRecordBytes: 1000, maxRawBytes: 1000)
        var record = CSVRecord()
        record.reset(line: 1)
        for byte in Array("\"x\"y,\"open\nstill".utf8) {
            while assembler.take(byte, into: &record) == .again {}
        }
        assembler.endOfInput(&record)
        #expect((0..<record.fieldCount).map(record.field) == ["xy", "open\nstill"])
        #expect(
            record.problem?.field == 0 && record.problem?.reason == "text after the closing quote of a quoted field")
        #expect(assembler.newlines == 1)
    }

    // MARK: Row classifier

    static let header = ["order_id", "Total ", "Café"]

    /// A blank line is skipped; a row of the wrong field count or with a quoting problem is rejected as
    /// it stands, the column named as the header names it (trimmed).
    @Test func classifierSettlesBlankShortAndBrokenRows() throws {
        let classifier = RowClassifier(header: Self.header, encoding: .utf8, readsBytes: true)
        #expect(classifier.classify(try record("  \n")) == .skipped("blank line"))
        #expect(
            classifier.classify(try record("A1,5\n"))
                == .rejected(column: "", reason: "expected 3 fields as in the header, found 2"))
        #expect(
            classifier.classify(try record("A1,\"5\"x,c\n"))
                == .rejected(column: "Total", reason: "text after the closing quote of a quoted field"))
    }

    /// An ASCII row is kept as bytes where the format reads bytes, decoded to text where it does not; a
    /// row with a non-ASCII value is decoded either way.
    @Test func classifierKeepsASCIIRowsAsBytesWhereItCan() throws {
        let bytes = RowClassifier(header: Self.header, encoding: .utf8, readsBytes: true)
        let text = RowClassifier(header: Self.header, encoding: .utf8, readsBytes: false)
        #expect(bytes.classify(try record("A1,5,x\n")) == .canonical)
        #expect(text.classify(try record("A1,5,x\n")) == .decoded(["A1", "5", "x"]))
        #expect(bytes.classify(try record("A1,5,crème\n")) == .decoded(["A1", "5", "crème"]))
    }

    /// The header again, in another case and padded, is skipped on either path; `CAFÉ` lowercases to the
    /// header's `café` as text does. A row that only starts like the header is data.
    @Test func classifierSkipsTheHeaderRepeated() throws {
        let repeated = RowClass.skipped("repeated header line")
        for readsBytes in [true, false] {
            let classifier = RowClassifier(
                header: ["order_id", "Total ", "Cafe"], encoding: .utf8, readsBytes: readsBytes)
            #expect(classifier.classify(try record("ORDER_ID, total\t,CAFE\n")) == repeated)
            #expect(classifier.classify(try record("order_id,Total,Cafe-2\n")) != repeated)
        }
        let accented = RowClassifier(header: Self.header, encoding: .utf8, readsBytes: true)
        #expect(accented.classify(try record("Order_Id,TOTAL,CAFÉ\n")) == repeated)
    }

    /// Declared UTF-8 must be UTF-8: a Windows-1252 `é` (0xE9) in field 2 rejects the row naming that column;
    /// read as Windows-1252 the same bytes are `é`.
    @Test func classifierRejectsWhatIsNotTheDeclaredEncoding() throws {
        let row = try records(Array("A1,5,caf".utf8) + [0xE9, 10])[0]
        let utf8 = RowClassifier(header: Self.header, encoding: .utf8, readsBytes: true)
        guard case .rejected(let column, let reason) = utf8.classify(row) else {
            Issue.record("not rejected")
            return
        }
        #expect(column == "Café" && reason.hasPrefix("not valid UTF-8"))
        #expect(RecordDecoder(encoding: .utf8).decode(row) == .invalid(field: 2))
        #expect(RecordDecoder(encoding: .windows1252).decode(row) == .fields(["A1", "5", "café"]))
    }

    // MARK: Line-item grouper

    func held(_ line: Int, _ fields: [String]) -> HeldRow {
        HeldRow(
            row: SourceRow(line: line, fields: fields), raw: Array(fields.joined(separator: ",").utf8), rawCut: false)
    }

    /// Rows #1, #1, #2, (empty key), (empty key): the second #1 fills the first's empty field and is
    /// grouped; #2 releases #1 whole (with the first row's bytes, for the rejected file); a row with no key
    /// never groups, so each releases the one before.
    @Test func grouperJoinsConsecutiveRowsOfOneKey() {
        var grouper = LineItemGrouper(column: 0)
        #expect(grouper.add(held(2, ["#1", "", "a"])) == .released(nil))
        #expect(grouper.add(held(3, ["#1", "9.00", "b"])) == .grouped)
        let joined = HeldRow(
            row: SourceRow(line: 2, fields: ["#1", "9.00", "a"]), raw: Array("#1,,a".utf8), rawCut: false)
        #expect(grouper.add(held(4, ["#2", "1.00", "c"])) == .released(joined))
        #expect(grouper.add(held(5, ["", "2.00", "d"])) == .released(held(4, ["#2", "1.00", "c"])))
        #expect(grouper.add(held(6, ["", "3.00", "e"])) == .released(held(5, ["", "2.00", "d"])))
        #expect(grouper.finish() == held(6, ["", "3.00", "e"]) && grouper.finish() == nil)
    }

    @Test func withoutAGroupColumnEveryRowPassesStraightThrough() {
        var grouper = LineItemGrouper(column: nil)
        #expect(grouper.add(held(2, ["#1"])) == .released(held(2, ["#1"])))
        #expect(grouper.add(held(3, ["#1"])) == .released(held(3, ["#1"])))
        #expect(grouper.finish() == nil)
    }

    // MARK: Accounts and the row-count estimate

    /// Two lines before the header, then five rows: one used, two skipped for one reason, one for another,
    /// one rejected: read 7 = used 1 + skipped 5 + rejected 1. The rejected row's card number is masked.
    @Test func accountsAddUp() {
        var accounts = IngestAccounts(kind: .payments, path: "p.csv", encoding: .utf8)
        accounts.skipLinesBeforeHeader(2)
        for _ in 0..<5 { accounts.countRead() }
        accounts.use()
        accounts.skip("type fee")
        accounts.skip("type fee")
        accounts.skip("blank line")
        accounts.reject(line: 7, raw: Array("P1,4242424242424242".utf8), cut: false, column: "amount", reason: "empty")
        let stats = accounts.stats
        #expect(stats.rowsRead == 7 && stats.used == 1 && stats.rejected == 1)
        #expect(stats.skipped == ["line before the header": 2, "type fee": 2, "blank line": 1])
        #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.rejected)
        #expect(
            accounts.rejects.count == 1 && accounts.rejects[0].line == 7
                && !accounts.rejects[0].raw.contains("4242424242424242"))
    }

    /// A file of 409,700 bytes whose first 4,096 rows are 99 bytes and a line end (409,600 bytes): about
    /// 4,097 rows, 2% more is 4,178, less the 4,096 read: 82 to come. Told once, at the 4,096th row only.
    @Test func theFirstRowsEstimateTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recon-estimate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("o.csv").path
        try Data(repeating: 65, count: 409_700).write(to: URL(fileURLWithPath: path))
        var progress = ReadProgress(
            file: try InputFile(path: path), estimatesRows: true, observer: nil, stage: "s", every: 1_000)
        let told = (1...5_000).compactMap { row in progress.rowRead(row, length: 99).map { (row, $0) } }
        #expect(told.count == 1 && told[0].0 == 4_096 && told[0].1 == 82)
        var gzip = ReadProgress(
            file: try InputFile(path: path), estimatesRows: false, observer: nil, stage: "s", every: 1_000)
        #expect((1...5_000).allSatisfy { gzip.rowRead($0, length: 99) == nil })
    }
}
