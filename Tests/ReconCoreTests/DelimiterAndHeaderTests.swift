import Foundation
import Testing

@testable import ReconCore

/// `delimiter:` (given or detected from the header line) and `header:` (a file without a header line), on
/// small files whose records were worked out by hand.
@Suite struct DelimiterAndHeaderTests {
    private func detect(_ text: String) -> (delimiter: Delimiter, complete: Bool) {
        Array(text.utf8).withUnsafeBytes { Delimiter.detect(in: $0) }
    }

    /// The candidate with the most fields wins; delimiters inside quotes do not count; ties and a line with
    /// none of them go to the comma; only the first line is looked at.
    @Test func detectionCountsDelimitersOutsideQuotesUpToTheLineEnd() {
        #expect(detect("Datum;Betrag;Text\n1,2,3,4,5\n") == (.semicolon, true))  // 3 fields by ';', 1 by ','
        #expect(detect("a,b;c\n") == (.comma, true))  // 2 fields either way: the comma
        #expect(detect("\"a;b;c\",d\n") == (.comma, true))  // the semicolons are quoted
        #expect(detect("a\tb\tc|d\n") == (.tab, true))  // 3 fields by tab, 2 by bar
        #expect(detect("a|b|c") == (.bar, false))  // no line end yet
        #expect(detect("single\n") == (.comma, true))
        #expect(detect("\"x\ny\";z\n") == (.semicolon, true))  // the quoted line end is not the line's
    }

    /// Read one byte at a time, the reader reads ahead to the header's end (across a quoted line end) to
    /// choose `;`, and the lines are then split at it: quoted semicolons and commas stay in their fields.
    @Test func readerDetectsTheDelimiterAcrossSmallReads() throws {
        let text = "\u{FEFF}\"Not\nice\";Betrag\n1;\"2,5\"\n\"a;b\";c,d\n"
        let reader = CSVReader(source: MemorySource(text, chunk: 1), name: "t.csv")
        try reader.detectDelimiter()
        #expect(reader.delimiter == .semicolon)
        var record = CSVRecord()
        var rows: [[String]] = []
        var lines: [Int] = []
        while try reader.next(into: &record) {
            rows.append((0..<record.fieldCount).map(record.field))
            lines.append(record.line)
        }
        #expect(rows == [["Not\nice", "Betrag"], ["1", "2,5"], ["a;b", "c,d"]])
        #expect(lines == [1, 3, 4])
    }

    /// A header longer than the reader's buffer is judged by the part that fits (`a;b;c;d;` of 8 bytes).
    @Test func headerLongerThanTheBufferIsJudgedByItsStart() throws {
        let reader = CSVReader(source: MemorySource("a;b;c;d;e,f\n1;2;3;4;5,6\n", chunk: 3), name: "t", bufferSize: 8)
        try reader.detectDelimiter()
        #expect(reader.delimiter == .semicolon)
        var record = CSVRecord()
        var rows: [[String]] = []
        while try reader.next(into: &record) { rows.append((0..<record.fieldCount).map(record.field)) }
        #expect(rows == [["a", "b", "c", "d", "e,f"], ["1", "2", "3", "4", "5,6"]])
    }

    /// The built-in canonical format detects too: a `;`-separated and a tab-separated payments file read as
    /// the comma-separated one would (12.50 USD is 1250 cents).
    @Test(arguments: [";", "\t"])
    func canonicalFormatDetectsTheDelimiter(delimiter: String) throws {
        let lines = [
            "payment_id,type,created_at,amount,currency", "P1,charge,2026-01-02T10:00:00Z,12.50,USD",
            "P2,refund,2026-01-03T10:00:00Z,2.00,USD",
        ]
        let text = lines.map { $0.replacingOccurrences(of: ",", with: delimiter) }.joined(separator: "\n") + "\n"
        let out = try FormatHarness(yaml: "").read(Array(text.utf8), through: .canonical(.payments))
        #expect(out.payments.map(\.amount) == [1250, 200])
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.rejected.isEmpty)
    }

    /// A file re-saved by Excel in a German locale: `;` between fields, decimal commas, day-first dates,
    /// Windows-1252 text. The format names the decimal mark and leaves the delimiter to be detected.
    @Test func europeanExcelFileReadsWithDecimalCommaAndDetectedDelimiter() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                encoding: windows-1252
                decimal_mark: ","
                thousands_separator: "."
                date_format: "DD.MM.YYYY"
                columns:
                  payment_id: ID
                  type: {from: Betrag, sign: {negative: charge, positive: refund}}
                  created_at: Datum
                  amount: Betrag
                  currency: {value: EUR}
                """)
        // "Überweisung" in Windows-1252: Ü = 0xDC.
        var bytes = Array("Datum;Betrag;ID;Text\n31.12.2025;-1.234,50;A1;".utf8) + [0xDC]
        bytes += Array("berweisung\n02.01.2026;12,5;A2;\"x;y\"\n".utf8)
        let out = try harness.read(bytes)
        // -1.234,50 is a charge of 1234.50 EUR; 12,5 a refund of 12.50.
        #expect(out.payments.map(\.amount) == [123450, 1250])
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.payments.map { $0.createdOn(in: .utc).description } == ["2025-12-31", "2026-01-02"])
        #expect(out.rejected.isEmpty)
    }

    /// A header that lacks columns says where it was split, and at which other delimiter it would have
    /// had them; a delimiter the format gives is used as given.
    @Test func headerSplitAtTheWrongDelimiterSaysSo() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                delimiter: ","
                columns: {payment_id: ID, type: {value: charge}, created_at: Datum, amount: Betrag, currency: {value: EUR}}
                """)
        #expect {
            _ = try harness.read("ID;Datum;Betrag\nA1;2026-01-02;1.00\n")
        } throws: { error in
            guard case ReconError.headerSplit(_, .comma, .semicolon) = error else { return false }
            return "\(error)".hasSuffix(
                "missing: Betrag, Datum, ID (header split at ','; split at ';' it has every column)")
        }
        // Detected: the header splits at ';' into two names, and at no delimiter has them all.
        var canonical = Scenario(orders: "", payments: "")
        canonical.orders = "order_id;currency\nA;USD\n"
        #expect {
            _ = try canonical.reconcile()
        } throws: { error in
            "\(error)".hasSuffix(
                "header lacks required columns 'placed_at', 'total' (header split at ';')")
        }
    }

    @Test func delimiterValues() throws {
        let base = "kind: payments\ncolumns: {payment_id: a, type: b, created_at: c, amount: d, currency: e}\n"
        let values = ["\",\"", "\";\"", "\"\\t\"", "'\\t'", "\"|\"", "auto"]
        let parsed = try values.map { try FormatLoader.parse(base + "delimiter: \($0)\n", path: "f.yml").delimiter }
        #expect(parsed == [.comma, .semicolon, .tab, .tab, .bar, nil])
        #expect(try FormatLoader.parse(base, path: "f.yml").delimiter == nil)
        #expect {
            _ = try FormatLoader.parse(base + "delimiter: \":\"\n", path: "f.yml")
        } throws: { error in
            guard case ReconError.configuration("f.yml", "delimiter", let reason) = error else { return false }
            return reason.hasPrefix("':' is not")
        }
    }

    static let wellsFargo = """
        kind: payments
        header: [Date, Amount, Flag, Check number, Description]
        date_format: "MM/DD/YYYY"
        columns:
          payment_id: {template: "{$file}:{$line}"}
          type: {from: Amount, sign: {negative: charge, positive: refund}}
          created_at: Date
          amount: Amount
          currency: {value: USD}
        """

    /// Wells Fargo checking: no header line, five quoted columns. The first line is data (line 1); a row
    /// with four fields is rejected as any row whose field count differs.
    @Test func fileWithoutHeaderLineReadsItsFirstLineAsData() throws {
        let out = try FormatHarness(yaml: Self.wellsFargo).read(
            """
            "01/02/2026","-42.10","*","","AMAZON MKTPLACE PMTS"
            "01/05/2026","15.00","*","1234","REFUND ACME"
            "01/06/2026","1.00","*",""

            """)
        // -42.10 a charge of 4210 cents on line 1; 15.00 a refund of 1500 on line 2.
        #expect(out.paymentIds == ["input.csv:1", "input.csv:2"])
        #expect(out.payments.map(\.amount) == [4210, 1500])
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.payments.map { $0.createdOn(in: .utc).description } == ["2026-01-02", "2026-01-05"])
        #expect(out.rejected.map(\.line) == [3])
        #expect(out.rejected.first?.reason == "expected 5 fields as in the header, found 4")
        #expect(out.stats.rowsRead == 3)
    }

    /// `skip_lines` with a header list: the skipped lines come first, then rows from the next line on.
    @Test func skipLinesBeforeRowsOfAFileWithoutHeader() throws {
        let out = try FormatHarness(yaml: Self.wellsFargo + "\nskip_lines: 2\n").read(
            """
            Account ending 1234
            Exported 2026-01-31
            "01/02/2026","-42.10","*","","AMAZON MKTPLACE PMTS"

            """)
        #expect(out.paymentIds == ["input.csv:3"])
        #expect(out.stats.rowsRead == 3)
        #expect(out.stats.skipped == ["line before the header": 2])
    }

    /// A header list the columns do not fit is the format's mistake (exit 2), named by its key; a name
    /// listed twice is refused when the format is read.
    @Test func headerListMistakesAreConfigurationErrors() throws {
        let harness = FormatHarness(
            yaml: Self.wellsFargo.replacingOccurrences(of: "created_at: Date", with: "created_at: Posted"))
        #expect {
            _ = try harness.read("\"01/02/2026\",\"-42.10\",\"*\",\"\",\"X\"\n")
        } throws: { error in
            error as? ReconError
                == .configuration(file: "test-format.yml", key: "header", reason: "lists no column for Posted")
        }
        #expect {
            _ = try FormatLoader.parse(
                Self.wellsFargo.replacingOccurrences(of: "Flag,", with: "date,"), path: "f.yml")
        } throws: { error in
            error as? ReconError == .configuration(file: "f.yml", key: "header[2]", reason: "'date' is named twice")
        }
    }
}
