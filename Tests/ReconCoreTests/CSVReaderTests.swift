import Testing
@testable import ReconCore

@Suite struct CSVReaderTests {
    /// All records with their start line and fields.
    func read(_ text: String, chunk: Int = 3) throws -> [(line: Int, fields: [String], problem: String?)] {
        let reader = CSVReader(source: MemorySource(text, chunk: chunk), name: "test.csv")
        var record = CSVRecord()
        var out: [(Int, [String], String?)] = []
        while try reader.next(into: &record) {
            out.append((record.line, (0..<record.fieldCount).map(record.field), record.problem?.reason))
        }
        return out
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let rows = try read("id,note\r\n1,\"a, \"\"quoted\"\" word\"\r\n2,\"two\nlines\"\r\n3,plain\r\n")
        #expect(rows.map(\.fields) == [["id", "note"], ["1", "a, \"quoted\" word"], ["2", "two\nlines"], ["3", "plain"]])
        // The record after a quoted newline starts one physical line later.
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test func byteOrderMarkIsSkippedAndLastLineNeedsNoNewline() throws {
        let rows = try read("\u{FEFF}order_id,total\nA,1.00", chunk: 1)
        #expect(rows.map(\.fields) == [["order_id", "total"], ["A", "1.00"]])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let rows = try read("a,b,c\n,,\n\"\",x,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["", "x", ""]])
    }

    @Test func loneCarriageReturnIsData() throws {
        let rows = try read("a,b\nx\ry,z\n")
        #expect(rows[1].fields == ["x\ry", "z"])
    }

    @Test func unbalancedQuoteAtEndOfFileIsReported() throws {
        let rows = try read("a,b\n1,\"open\n2,3\n")
        #expect(rows.count == 2)
        #expect(rows[1].problem?.contains("unbalanced quote") == true)
    }

    @Test func textAfterClosingQuoteIsReported() throws {
        let rows = try read("a,b\n\"x\"y,2\n")
        #expect(rows[1].fields == ["xy", "2"])
        #expect(rows[1].problem == "text after the closing quote of a quoted field")
    }

    @Test func rawLineKeepsTheRecordAsWritten() throws {
        let reader = CSVReader(source: MemorySource("h\r\n\"a\"\"b\"\r\n"), name: "t")
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        _ = try reader.next(into: &record)
        #expect(record.rawText == "\"a\"\"b\"")
    }

    @Test func limitsKeepMemoryBoundedAndRejectTheRecord() throws {
        let text = "h,i\n" + String(repeating: "x", count: 100) + ",y\n\"" + String(repeating: "z", count: 300) + "\nok,1\n"
        let reader = CSVReader(source: MemorySource(text, chunk: 7), name: "big.csv", maxFieldBytes: 50, maxRecordBytes: 200,
                               maxRawBytes: 20)
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        _ = try reader.next(into: &record)
        #expect(record.problem?.reason == "field is longer than 50 bytes" && record.problem?.field == 0)
        #expect(record.field(0).count == 50 && record.field(1) == "y")
        #expect(record.rawCut && record.rawText == String(repeating: "x", count: 20) + "…[cut]")
        // An open quote swallows the rest of the file as one record, which stops growing at the limit.
        _ = try reader.next(into: &record)
        #expect(record.line == 3 && record.problem?.reason == "field is longer than 50 bytes")
        #expect(record.data.count <= 200)
        #expect(try reader.next(into: &record) == false)
    }

    @Test func nulBytesAreAProblemOfTheirField() throws {
        let rows = try read("a,b\n1,x\u{0}y\n")
        #expect(rows[1].problem == "NUL byte in the field")
    }
}
