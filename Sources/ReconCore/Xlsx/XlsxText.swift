/// Text made fit for a workbook: every string recon hands libxlsxwriter goes through here first.
///
/// A character XML 1.0 cannot hold (U+0000, a C0 control other than tab, line feed and carriage return)
/// or a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of every plane)
/// becomes U+FFFD, the replacement character: with a noncharacter a workbook does not open or loses every
/// row after it, a NUL would end the text early, and a control character would show as a code. Swift
/// strings hold no lone surrogates, so there are none to replace.
///
/// Cell text, sheet names and link text are SpreadsheetML strings, where Excel reads `_xHHHH_` as the
/// character U+HHHH. libxlsxwriter 1.1.4 writes C0 controls in that form but leaves a literal `_x0041_`
/// as it is, which Excel would show as `A`; here the underscore that starts such a sequence is written
/// `_x005F_`, and a carriage return `_x000D_` (so that an underscore before it is escaped too).
enum XlsxText {
    /// What a character a workbook cannot hold is shown as.
    static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// Ends a cell's text that was cut to Excel's length limit.
    static let cutMarker = "…[cut]"

    /// `text` as a cell, a sheet name or a link's text: characters replaced and underscores escaped as
    /// above, and cut with `cutMarker` if Excel could not hold it, `limit` counting both the characters
    /// Excel shows (in UTF-16 units) and those written (escapes included, libxlsxwriter's count).
    static func cell(_ text: String, limit: Int = XlsxWorkbook.maxCellCharacters) -> String {
        isWritable(text, escaping: true, limit: limit) ? text : rewritten(text, escaping: true, limit: limit)
    }

    /// `text` as a document property or chart label, plain XML where `_xHHHH_` means itself: only the
    /// characters XML cannot hold are replaced.
    static func plain(_ text: String) -> String {
        isWritable(text, escaping: false, limit: Int.max) ? text : rewritten(text, escaping: false, limit: Int.max)
    }

    /// True when `text` needs no change: a quick look at its bytes, most often all plain ASCII. It may say
    /// false for text that then comes out unchanged (an underscore before `x`, a character from U+F000).
    private static func isWritable(_ text: String, escaping: Bool, limit: Int) -> Bool {
        // Each character takes at least one byte, so this short a text is within both counts of `limit`.
        guard text.utf8.count <= limit else { return false }
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for i in bytes.indices {
                let byte = bytes[i]
                if byte >= 0x20 && byte < 0x80 {
                    if escaping && byte == UInt8(ascii: "_") && i + 1 < bytes.count
                        && bytes[i + 1] | 0x20 == UInt8(ascii: "x")
                    {
                        return false
                    }
                } else if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && (escaping || byte != 0x0D) { return false }
                } else if byte == 0xEF || byte >= 0xF0 {
                    return false  // U+F000–U+FFFF or beyond U+FFFF: where the noncharacters are
                }
            }
            return true
        }
        return plain ?? false
    }

    /// XML 1.0's characters, less the noncharacters.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0x10FFFF:
            return !(0xFDD0...0xFDEF).contains(v) && v & 0xFFFE != 0xFFFE
        default:
            return false
        }
    }

    private static func rewritten(_ text: String, escaping: Bool, limit: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var shown = 0
        var written = 0
        /// Bytes of `out` that fit with the cut marker after them; nil until a piece does not.
        var cutAt: Int?
        let room = limit - cutMarker.utf16.count
        for i in scalars.indices {
            let piece = self.piece(scalars, at: i, escaping: escaping)
            shown += piece.shown
            written += piece.written
            if cutAt == nil && (shown > room || written > room) { cutAt = out.count }
            if shown > limit || written > limit { break }
            switch piece.text {
            case .character(let scalar): UTF8.encode(scalar) { out.append($0) }
            case .escape(let escape): out.append(contentsOf: escape.utf8)
            }
        }
        if let cutAt, shown > limit || written > limit {
            out.removeSubrange(cutAt...)
            out.append(contentsOf: cutMarker.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private enum PieceText {
        case character(Unicode.Scalar)
        case escape(String)
    }

    /// What `scalars[i]` is written as, the characters it shows and those it takes.
    private static func piece(_ scalars: [Unicode.Scalar], at i: Int, escaping: Bool)
        -> (text: PieceText, shown: Int, written: Int)
    {
        let scalar = scalars[i]
        guard isAllowed(scalar) else { return (.character(replacement), 1, 1) }
        if escaping && scalar == "\r" { return (.escape("_x000D_"), 1, 7) }
        if escaping && scalar == "_" && startsEscape(scalars, at: i) { return (.escape("_x005F_"), 1, 7) }
        return (.character(scalar), scalar.utf16.count, 1)
    }

    /// True when Excel would read `scalars[i...]` as an escape: `_x`, four hex digits, then `_` or a carriage
    /// return (which is written starting with `_`). An upper-case `X` counts too, to be safe either way.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i + 1] == "x" || scalars[i + 1] == "X",
            scalars[i + 6] == "_" || scalars[i + 6] == "\r"
        else { return false }
        return scalars[i + 2...i + 5].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
