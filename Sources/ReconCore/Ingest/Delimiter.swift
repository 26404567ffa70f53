/// The byte between a file's fields: a comma, a semicolon (spreadsheets saved in a European locale), a
/// tab or a bar. A format names one, or leaves it to be detected from the header line.
public struct Delimiter: Sendable, Equatable {
    public let byte: UInt8

    public static let comma = Delimiter(byte: UInt8(ascii: ","))
    public static let semicolon = Delimiter(byte: UInt8(ascii: ";"))
    public static let tab = Delimiter(byte: 9)
    public static let bar = Delimiter(byte: UInt8(ascii: "|"))
    /// In the order that breaks ties when detecting: a comma first.
    public static let candidates = [comma, semicolon, tab, bar]

    /// How messages name it: `','`, `';'`, `tab`, `'|'`.
    public var name: String { self == .tab ? "tab" : "'\(Character(Unicode.Scalar(byte)))'" }

    /// The candidate that splits the line starting `bytes` (up to its first line end outside quotes) into the
    /// most fields, counting only delimiters outside quotes; a tie goes to the earlier candidate, so a line
    /// with none of them (one field) is comma-separated. `complete` is false when `bytes` ended before the
    /// line did.
    static func detect(in bytes: UnsafeRawBufferPointer) -> (delimiter: Delimiter, complete: Bool) {
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var complete = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == 10 {
                    complete = true
                    break
                }
                if let k = candidates.firstIndex(where: { $0.byte == byte }) { counts[k] += 1 }
            }
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return (candidates[best], complete)
    }
}
