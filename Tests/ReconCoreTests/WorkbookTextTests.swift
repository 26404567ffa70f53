import Foundation
import Testing

@testable import ReconCore

/// Every workbook opens: text made fit for XML and Excel, order links within Excel's limits, dates outside
/// Excel's calendar written as text.
@Suite struct WorkbookTextTests {
    @Test func plainTextIsLeftAlone() {
        for text in ["Ana Lima", "", "tab\tand\nline", "Żółć 東京 🙂", "&<>\"'", "a_b", "\u{FDCF}\u{FDF0}\u{EFFF}"] {
            #expect(XlsxText.cell(text) == text)
            #expect(XlsxText.plain(text) == text)
        }
    }

    @Test func charactersAWorkbookCannotHoldBecomeTheReplacementCharacter() {
        #expect(XlsxText.cell("a\u{FFFE}b\u{FFFF}c") == "a\u{FFFD}b\u{FFFD}c")
        // NUL, SOH and ESC go; tab and line feed stay.
        #expect(XlsxText.cell("\u{0}\u{1}\u{1B}\t\n") == "\u{FFFD}\u{FFFD}\u{FFFD}\t\n")
        // The other noncharacters: U+FDD0–U+FDEF and the last two code points of planes 1 and 16.
        #expect(XlsxText.cell(Self.text(0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF)) == String(repeating: "\u{FFFD}", count: 4))
        #expect(XlsxText.plain("t\u{FFFF}\u{7}") == "t\u{FFFD}\u{FFFD}")
    }

    /// Excel reads `_x0041_` as `A`: the underscore that starts such a sequence is written `_x005F_`.
    @Test func literalEscapeSequencesAreEscaped() {
        #expect(XlsxText.cell("_x0041_") == "_x005F_x0041_")
        #expect(XlsxText.cell("id_X00e9_9") == "id_x005F_X00e9_9")
        #expect(XlsxText.cell("__x0041_") == "__x005F_x0041_")
        for notAnEscape in ["_x004_", "_x0041", "_xZZZZ_", "_y0041_", "x0041_"] {
            #expect(XlsxText.cell(notAnEscape) == notAnEscape)
        }
        // A carriage return is written `_x000D_`, so `_x0041` before one is an escape too.
        #expect(XlsxText.cell("a\rb") == "a_x000D_b")
        #expect(XlsxText.cell("_x0041\r") == "_x005F_x0041_x000D_")
        // Document properties are plain XML: `_x0041_` means itself there.
        #expect(XlsxText.plain("_x0041_\r") == "_x0041_\r")
    }

    /// With a limit of 10 the cut keeps 4 characters before `…[cut]` (6 characters).
    @Test func textTooLongForACellIsCutCountingEscapes() {
        #expect(XlsxText.cell("abcdefghij", limit: 10) == "abcdefghij")
        #expect(XlsxText.cell("abcdefghijk", limit: 10) == "abcd…[cut]")
        // Shows 3 characters but takes 2 + 7 written: it fits.
        #expect(XlsxText.cell("ab\r", limit: 10) == "ab_x000D_")
        // `ab` then `\r` (7 written, 9 in all) then `c`, `d`: 11 written, so cut where 4 fit, after `ab`.
        #expect(XlsxText.cell("ab\rcd", limit: 10) == "ab…[cut]")
        // 🙂 is two UTF-16 units: 5 of them show as 10 units, which fits; 6 do not.
        #expect(XlsxText.cell(String(repeating: "🙂", count: 5), limit: 10) == String(repeating: "🙂", count: 5))
        #expect(XlsxText.cell(String(repeating: "🙂", count: 6), limit: 10) == "🙂🙂…[cut]")
    }

    /// Hand-made hostile texts go into a real workbook and read back as the text with U+FFFD in place of
    /// what a workbook cannot hold (WorkbookTextRoundTrip reads the parts back on its own).
    @Test func hostileTextsReadBackFromARealWorkbook() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = [
            "Ana\u{FFFE}Lima\u{FFFF}", "raw,line\u{0}\u{1B}[31m", "_x0041_ and _x000D_", "a\r\nb\rc", " lead & trail ",
            Self.text(0xFDD0, 0x10FFFE, 0x1F642), "_x0041\r", "",
        ]
        for text in texts {
            let problems = try WorkbookTextRoundTrip.problems(
                writing: text, at: folder.appendingPathComponent("t.xlsx").path)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
        }
    }

    /// libxlsxwriter's count: the characters before `#`, with a space, `"<>[]`^{}` and a bare `%` as three.
    @Test func linkLengthIsCountedAsLibxlsxwriterCountsIt() {
        let a = { (n: Int) in String(repeating: "a", count: n) }
        #expect(XlsxWorksheet.linkFits(a(2079)))
        #expect(!XlsxWorksheet.linkFits(a(2080)))
        #expect(!XlsxWorksheet.linkFits(a(2077) + " "))  // 2077 + 3
        #expect(XlsxWorksheet.linkFits(a(2076) + "%41"))  // an escape already: 2076 + 3
        #expect(!XlsxWorksheet.linkFits(a(2077) + "%4"))  // `%` escaped: 2077 + 3 + 1
        #expect(XlsxWorksheet.linkFits(a(2079) + "#" + a(5000)))
        #expect(XlsxWorksheet.linkFits(String(repeating: "é", count: 2079)))  // characters, not bytes
    }

    /// Order ids A, a 3,000-character id, B, C, D and an empty one, on a sheet holding 3 links: A, B and C
    /// get links; the long id (its address is 3,000 + 23 characters) and D (the fourth) are plain text.
    @Test func linksTooLongOrPastTheSheetLimitAreWrittenAsText() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("links.xlsx").path
        let workbook = try XlsxWorkbook(path: path)
        var writer = WorkbookWriter(workbook: workbook)
        writer.orderLink = OrderLink(template: "https://x.example/o/{order_id}")
        writer.linksPerSheet = 3
        let long = String(repeating: "L", count: 3000)
        let ids = ["A", long, "B", "C", "D", ""]
        let table = ReportTable(name: "t", columns: [Column("order_id", .id)], rowCount: ids.count) { [.text(ids[$0])] }
        let links = try writer.write(table, title: "Refunds")
        try workbook.close()
        #expect(links == LinkCounts(written: 3, tooLong: 1, overSheetLimit: 1))
        let xml = try Self.sheetXML(path)
        #expect(xml.components(separatedBy: "<hyperlink ").count - 1 == 3)
        // Column B: "open" three times, then the long id and D as (indented) text.
        #expect(
            xml.range(of: "<c r=\"B3\"[^>]* t=\"inlineStr\"><is><t>\(long)</t>", options: .regularExpression) != nil)
        #expect(xml.range(of: "<c r=\"B6\"[^>]* t=\"inlineStr\"><is><t>D</t>", options: .regularExpression) != nil)
    }

    /// Serial 61 is 1900-03-01 (Excel counts a 1900-02-29 as 60) and 2958465 is 9999-12-31; the dates
    /// outside are ISO text in the same date format.
    @Test func datesOutsideExcelsCalendarAreText() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dates.xlsx").path
        let workbook = try XlsxWorkbook(path: path)
        let writer = WorkbookWriter(workbook: workbook)
        let last = CivilDate(year: 9999, month: 12, day: 31)!
        let dates = [
            CivilDate(year: 1900, month: 2, day: 28)!, CivilDate(year: 1900, month: 3, day: 1)!, last,
            last.adding(days: 1), CivilDate(year: 1, month: 1, day: 1)!,
        ]
        let table = ReportTable(name: "t", columns: [Column("due_on", .date)], rowCount: dates.count) {
            [.date(dates[$0])]
        }
        try writer.write(table, title: "Dates")
        try workbook.close()
        let xml = try Self.sheetXML(path)
        let cells = [
            "A2": "<is><t>1900-02-28</t></is>", "A3": "<v>61</v>", "A4": "<v>2958465</v>",
            "A5": "<is><t>10000-01-01</t></is>", "A6": "<is><t>0001-01-01</t></is>",
        ]
        for (cell, content) in cells {
            let pattern = "<c r=\"\(cell)\" s=\"[0-9]+\"( t=\"inlineStr\")?>\(content)</c>"
            #expect(xml.range(of: pattern, options: .regularExpression) != nil, "\(cell) should hold \(content)")
        }
    }

    /// Text of these code points (a Swift literal cannot spell U+FDD0–U+FDEF).
    static func text(_ codePoints: UInt32...) -> String {
        String(String.UnicodeScalarView(codePoints.map { Unicode.Scalar($0)! }))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func sheetXML(_ path: String) throws -> String {
        let archive = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        return String(
            decoding: try #require(WorkbookTextRoundTrip.part("xl/worksheets/sheet1.xml", of: archive)), as: UTF8.self)
    }
}
