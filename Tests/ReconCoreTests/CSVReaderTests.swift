import CCSVScan
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
        #expect(
            rows.map(\.fields) == [
                ["id", "note"], ["1", "a, \"quoted\" word"], ["2", "two\nlines"], ["3", "plain"],
            ])
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
        let text =
            "h,i\n" + String(repeating: "x", count: 100) + ",y\n\"" + String(repeating: "z", count: 300) + "\nok,1\n"
        let reader = CSVReader(
            source: MemorySource(text, chunk: 7), name: "big.csv", maxFieldBytes: 50, maxRecordBytes: 200,
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

    /// Lines made of the bytes the bulk scan looks for (delimiters, spaces, quotes, CR, NUL) read whole from
    /// the buffer (the bulk path) and one byte at a time (the byte-by-byte reader) give the same records; and
    /// the scan's 16-byte and one-byte versions agree on every line, at field limits a line meets or passes.
    /// With commas and with semicolons as the delimiter.
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";")])
    func bulkAndByteByByteReadingAgree(delimiter: UInt8) throws {
        let alphabet: [UInt8] = [delimiter, delimiter] + Array(" \"\r".utf8) + [0, 0xC3, 0xA9, UInt8(ascii: ",")]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines: [[UInt8]] = []
        for n in 0..<3_000 {
            // Mostly plain lines (letters and delimiters), some with one byte the scan must refuse or keep.
            var line = (0..<next(70)).map { _ in next(4) == 0 ? delimiter : UInt8(ascii: "a") + UInt8(next(3)) }
            if n % 3 == 0 && !line.isEmpty { line[next(line.count)] = alphabet[next(alphabet.count)] }
            lines.append(line)
        }
        var ends = [Int32](repeating: 0, count: 16)
        var portableEnds = ends
        var plain = 0
        for line in lines {
            for (maxField, capacity) in [(8, 16), (1 << 20, 16), (1 << 20, 3)] {
                let count = recon_csv_plain_fields(line, line.count, delimiter, maxField, &ends, capacity)
                let portable = recon_csv_plain_fields_portable(
                    line, line.count, delimiter, maxField, &portableEnds, capacity)
                #expect(count == portable && ends.prefix(max(count, 0)) == portableEnds.prefix(max(count, 0)))
                if count > 0 { plain += 1 }
            }
        }
        #expect(plain > 3_000)

        let text: [UInt8] = lines.flatMap { $0 + [10] }
        func records(chunk: Int) throws -> [[String]] {
            let reader = CSVReader(source: MemorySource(bytes: text, chunk: chunk), name: "mixed.csv", maxFieldBytes: 8)
            reader.delimiter = Delimiter(byte: delimiter)
            var record = CSVRecord()
            var out: [[String]] = []
            while try reader.next(into: &record) {
                out.append(
                    ["\(record.line)", record.problem.map { "\($0.field) \($0.reason)" } ?? "", record.rawText]
                        + (0..<record.fieldCount).map(record.field))
            }
            return out
        }
        let bulk = try records(chunk: 1 << 20)
        let byteByByte = try records(chunk: 1)
        #expect(bulk.count == byteByByte.count && bulk.count >= lines.count - lines.count / 4)
        for (a, b) in zip(bulk, byteByByte) where a != b { Issue.record("bulk \(a) but byte by byte \(b)") }
    }
}
