/// What the first bytes of a file say it is, for the message about a file that is not what was expected
/// (a pipeline file that is a CSV, an input that is UTF-16 or a spreadsheet): the file is described, never
/// quoted, since it may hold card numbers and addresses.
enum ContentKind: Equatable {
    case empty
    /// A byte order mark FF FE or FE FF, or NUL bytes at every other place of the first line.
    case utf16
    /// NUL bytes, or many control characters: a spreadsheet, an archive, an image.
    case binary
    /// Text whose first line has two or more commas, no colon and no leading `#` (a YAML line with commas
    /// has a colon, or is a comment).
    case csvLike(commas: Int)
    case text

    /// How many bytes of a file to look at.
    static let sniffedBytes = 4096

    init(firstBytes bytes: [UInt8]) {
        guard bytes.contains(where: { !Self.isSpace($0) }) else {
            self = .empty
            return
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            self = .utf16
            return
        }
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        if Self.looksLikeUTF16(firstLine) {
            self = .utf16
            return
        }
        let controls = bytes.count { ($0 < 0x20 && !Self.isSpace($0) && $0 != 0x1B) || $0 == 0x7F }
        if bytes.contains(0) || controls * 100 > bytes.count {
            self = .binary
            return
        }
        let commas = firstLine.count { $0 == UInt8(ascii: ",") }
        let yamlLike = firstLine.contains(UInt8(ascii: ":")) || firstLine.first == UInt8(ascii: "#")
        self = commas >= 2 && !yamlLike ? .csvLike(commas: commas) : .text
    }

    /// What the file is, in a message's words; nil for text.
    var description: String? {
        switch self {
        case .empty: return "is empty"
        case .utf16: return "is UTF-16 text"
        case .binary: return "is not text (binary)"
        case .csvLike(let commas): return "looks like a CSV header (first line has \(commas) commas)"
        case .text: return nil
        }
    }

    /// NULs in at least 40% of the places, all at even places or all at odd ones (ASCII as UTF-16 has them
    /// at half the places; a zip file, the first line of a spreadsheet, at fewer).
    private static func looksLikeUTF16(_ line: ArraySlice<UInt8>) -> Bool {
        var nulsAt = [0, 0]
        for (k, b) in line.enumerated() where b == 0 { nulsAt[k % 2] += 1 }
        let nuls = nulsAt[0] + nulsAt[1]
        return nuls > 0 && nuls * 5 >= line.count * 2 && min(nulsAt[0], nulsAt[1]) == 0
    }

    /// Space, tab, line ends and form feed.
    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
}
