/// Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, lines end in LF.
/// A text cell that a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
/// is prefixed with `'`, as OWASP recommends against CSV injection.
package struct CSVWriter {
    private let sink: ByteSink
    /// Lines gathered into 64 KiB writes: the compressor behind the sink costs more per call than per byte.
    private var buffer: [UInt8] = []
    private let flushAt = 1 << 16

    package init(sink: ByteSink) { self.sink = sink }

    package mutating func write(table: ReportTable) throws -> Int {
        try writeLine(table.columns.map { .text($0.name) }, neutralise: false)
        var cells: [Cell] = []
        for i in 0..<table.rowCount {
            table.fillRow(i, &cells)
            try writeLine(cells, neutralise: true)
        }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
        return table.rowCount
    }

    private mutating func writeLine(_ cells: [Cell], neutralise: Bool) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let s): appendText(s, neutralise: neutralise)
            case .date(let d): d.appendDescription(to: &buffer)
            case .money(let v, let c), .amount(let v, let c): Money.append(v, decimals: c.minorUnit, to: &buffer)
            case .integer(let n), .count(let n): buffer.appendDecimal(n)
            case .decimal(let d): buffer.append(contentsOf: d.description.utf8)
            case .empty: break
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= flushAt {
            try sink.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private mutating func appendText(_ text: String, neutralise: Bool) {
        let bytes = text.utf8
        let risky = neutralise && bytes.first.map(Self.startsFormula) == true
        let needsQuotes =
            risky || bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        if risky { buffer.append(UInt8(ascii: "'")) }
        for b in bytes {
            if b == UInt8(ascii: "\"") { buffer.append(b) }
            buffer.append(b)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return true
        default: return false
        }
    }
}
