// Shared by the tests and the libFuzzer target Tests/Fuzz/FuzzWorkbookText.swift, which compiles this file
// together with ReconCore's sources into one module (hence the conditional import).
import CZlib
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif
#if canImport(ReconCore)
    @testable import ReconCore
#endif

/// Writes a text through the workbook's text path into a small real workbook, then reads it back on its own:
/// unzips the parts, checks they are well-formed XML 1.0 holding only characters a workbook may hold, and
/// compares what Excel would show with the text, each character a workbook cannot hold shown as U+FFFD.
enum WorkbookTextRoundTrip {
    /// What went wrong, empty when nothing did. The workbook is written at `path`, replacing what is there;
    /// libxlsxwriter keeps its temporary files in the same folder.
    static func problems(writing text: String, at path: String) throws -> [String] {
        let workbook = try XlsxWorkbook(path: path, temporaryDirectory: (path as NSString).deletingLastPathComponent)
        try workbook.setProperties(title: text, subject: "round trip")
        let sheet = try workbook.addWorksheet("Text")
        try WorkbookWriter(workbook: workbook).write(.text(text), to: sheet, row: 0, column: 0)
        try sheet.writeLink("https://example.com/", text: text, row: 1, column: 0)
        try workbook.close()
        let archive = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let shown = expectedShown(text)
        var problems: [String] = []
        // Cells hold SpreadsheetML strings, read with their `_xHHHH_` escapes; the title is plain XML.
        for (name, element, spreadsheetML, expected) in [
            ("xl/worksheets/sheet1.xml", "t", true, shown.isEmpty ? [] : [shown, shown]),
            ("docProps/core.xml", "dc:title", false, shown.isEmpty ? [] : [withXMLLineEnds(shown)]),
        ] {
            guard let xml = part(name, of: archive) else {
                problems.append("\(name): missing or not inflatable")
                continue
            }
            problems += check(xml, named: name, element: element, spreadsheetML: spreadsheetML, expected: expected)
        }
        return problems
    }

    private static func check(
        _ xml: [UInt8], named part: String, element: String, spreadsheetML: Bool,
        expected: [String]
    ) -> [String] {
        guard let decoded = String(validating: xml, as: UTF8.self) else { return ["\(part): not UTF-8"] }
        if let bad = decoded.unicodeScalars.first(where: { !isWorkbookCharacter($0) }) {
            return ["\(part): holds U+\(String(bad.value, radix: 16, uppercase: true))"]
        }
        let collector = TextCollector(element: element)
        let parser = XMLParser(data: Data(xml))
        parser.delegate = collector
        guard parser.parse() else { return ["\(part): not well-formed: \(String(describing: parser.parserError))"] }
        let texts = collector.texts.map { spreadsheetML ? unescaped($0) : $0 }.filter { !$0.isEmpty }
        return texts == expected
            ? [] : ["\(part): read back \(texts.map(\.debugDescription)), expected \(expected.map(\.debugDescription))"]
    }

    /// XML 1.0's characters less the Unicode noncharacters, written out here apart from `XlsxText`.
    static func isWorkbookCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        let xml = v == 0x9 || v == 0xA || v == 0xD || (0x20 <= v && v <= 0xD7FF) || (0xE000 <= v && v <= 0x10FFFF)
        let noncharacter = (0xFDD0 <= v && v <= 0xFDEF) || v % 0x10000 == 0xFFFE || v % 0x10000 == 0xFFFF
        return xml && !noncharacter
    }

    /// `text` as Excel should show it: each character a workbook cannot hold as U+FFFD.
    static func expectedShown(_ text: String) -> String {
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { shown.append(isWorkbookCharacter(scalar) ? scalar : "\u{FFFD}") }
        return String(shown)
    }

    /// `text` as an XML reader gives it back from plain element content: CR LF and a lone CR become LF.
    static func withXMLLineEnds(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            out.append(previousWasCR ? "\n" : scalar)
        }
        return String(out)
    }

    /// A SpreadsheetML string as Excel reads it: each `_xHHHH_` is the character U+HHHH.
    static func unescaped(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
                let value = UInt32(String(String.UnicodeScalarView(scalars[i + 2...i + 5])), radix: 16),
                scalars[i + 2...i + 5].allSatisfy({ $0.properties.isASCIIHexDigit }),
                let decoded = Unicode.Scalar(value)
            {
                out.append(decoded)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The bytes of the part `name` of the zip file `archive`, found through its central directory.
    static func part(_ name: String, of archive: [UInt8]) -> [UInt8]? {
        func u16(_ at: Int) -> Int { Int(archive[at]) | Int(archive[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard archive.count >= 22,
            let end = stride(from: archive.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 })
        else { return nil }
        var entry = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard entry + 46 <= archive.count, u32(entry) == 0x0201_4B50 else { return nil }
            let nameLength = u16(entry + 28)
            let entryName = String(decoding: archive[entry + 46..<entry + 46 + nameLength], as: UTF8.self)
            if entryName == name {
                let local = u32(entry + 42)
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                let stored = archive[start..<start + u32(entry + 20)]
                return u16(entry + 10) == 0 ? Array(stored) : inflated(Array(stored), size: u32(entry + 24))
            }
            entry += 46 + nameLength + u16(entry + 30) + u16(entry + 32)
        }
        return nil
    }

    /// Raw deflate data inflated with zlib; nil unless it makes exactly `size` bytes.
    private static func inflated(_ input: [UInt8], size: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: size + 1)
        var stream = z_stream()
        guard recon_inflateInit2(&stream, -MAX_WBITS) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = input
        let code = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard code == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
        return Array(output.prefix(size))
    }
}

/// Collects the text of every `element` an XMLParser meets.
private final class TextCollector: NSObject, XMLParserDelegate {
    let element: String
    private(set) var texts: [String] = []
    private var current: String?

    init(element: String) { self.element = element }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes: [String: String] = [:]
    ) {
        if elementName == element { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard elementName == element, let text = current else { return }
        texts.append(text)
        current = nil
    }
}
