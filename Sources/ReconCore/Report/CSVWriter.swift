/// Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end in LF.
/// A text cell that a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
/// is prefixed with `'`, as OWASP recommends against CSV injection.
public struct CSVWriter {
    private let sink: ByteSink
    private var line: [UInt8] = []

    public init(sink: ByteSink) { self.sink = sink }

    public mutating func write(table: ReportTable) throws -> Int {
        try writeLine(table.columns.map { .text($0.name) }, neutralise: false)
        for i in 0..<table.rowCount { try writeLine(table.row(i), neutralise: true) }
        return table.rowCount
    }

    private mutating func writeLine(_ cells: [Cell], neutralise: Bool) throws {
        line.removeAll(keepingCapacity: true)
        for (i, cell) in cells.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let s): appendText(s, neutralise: neutralise)
            case .date(let d): line.append(contentsOf: d.description.utf8)
            case .money(let v, let c): line.append(contentsOf: Money.format(v, decimals: c.minorUnit).utf8)
            case .integer(let n): line.append(contentsOf: String(n).utf8)
            case .empty: break
            }
        }
        line.append(UInt8(ascii: "\n"))
        try sink.write(line)
    }

    private mutating func appendText(_ text: String, neutralise: Bool) {
        let bytes = text.utf8
        let risky = neutralise && bytes.first.map(Self.formulaStarts.contains) == true
        let needsQuotes = risky || bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            line.append(contentsOf: bytes)
            return
        }
        line.append(UInt8(ascii: "\""))
        if risky { line.append(UInt8(ascii: "'")) }
        for b in bytes {
            if b == UInt8(ascii: "\"") { line.append(b) }
            line.append(b)
        }
        line.append(UInt8(ascii: "\""))
    }

    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]
}
