/// A run stopped because one source rejected more than `max_reject_rate` of its rows: what it says about
/// them, so that an operator can fix the export or the format without a report to look in.
public struct RejectStop: Sendable, Equatable {
    public var source: String
    public var path: String
    public var rejected: Int
    public var rows: Int
    public var limit: Double
    /// Every row rejected so far, of every source read, sorted as the rejected output is.
    public var rejectedRows: [RejectedRow]
    /// Where the rejected rows were saved, or why they could not be; nil before the run tried.
    public var saved: String?

    /// How many of the source's rejected rows the message lists one by one.
    static let rowsShown = 20

    /// The source's rejected rows, each as `file:line:column: reason` (no raw text), the first `rowsShown`.
    var shownRows: [String] {
        rejectedRows.lazy.filter { $0.file == path }.prefix(Self.rowsShown).map { row in
            TerminalText.safe("\(row.file):\(row.line):\(row.column.isEmpty ? "(row)" : row.column): \(row.reason)")
        }
    }

    /// The source's rejected rows counted by column and kind of reason, most frequent first.
    var countsByReason: [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for row in rejectedRows where row.file == path {
            let reason = (row.column.isEmpty ? "(row)" : row.column) + ": " + Self.kind(of: row.reason)
            counts[TerminalText.safe(reason), default: 0] += 1
        }
        return counts.map { ($0.key, $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason
        }
    }

    public var description: String {
        var lines = [
            "\(path): \(source) rejected \(rejected) of \(rows) rows, more than max_reject_rate \(limit)",
            "  rejected rows by reason:",
        ]
        lines += countsByReason.map { "    \($0.count) × \($0.reason)" }
        let shown = shownRows
        lines.append("  the first \(shown.count) of them:")
        lines += shown.map { "    " + $0 }
        if let saved { lines.append("  " + saved) }
        return lines.joined(separator: "\n")
    }

    /// A reason with the value it quotes first and the line numbers it names left out, so that rows rejected
    /// for the same kind of fault count together: `bad amount 'x' in USD: …` → `bad amount '…' in USD: …`.
    static func kind(of reason: String) -> String {
        var kind = ""
        var quotes = 0
        var afterLine = false
        for character in reason {
            if character == "'", quotes < 2 {
                if quotes == 0 { kind += "'…'" }
                quotes += 1
                continue
            }
            guard quotes != 1 else { continue }
            if character.isASCII, character.isNumber, afterLine || kind.hasSuffix("line ") || kind.hasSuffix(":") {
                if !afterLine { kind += "N" }
                afterLine = true
                continue
            }
            afterLine = false
            kind.append(character)
        }
        return kind
    }
}
