/// A short text that repeats across many rows (a payment method, a country, a seller type, an order
/// status), or one that few rows have (a refund's original), kept once per process and held by a 4-byte
/// number instead of a 16-byte `String`; 0 is no text.
public struct TextCode: Sendable, Hashable {
    /// This code's place in the process's table, 0 for no text.
    let number: UInt32
    /// Every text coded in this process; number 0 is no text.
    private static let table = TextNumbering(reserving: 1)

    /// The text this code stands for.
    public var text: String? { number == 0 ? nil : Self.table.text(number) }

    /// The code of `text`, which is added to the table the first time it is seen.
    init(_ text: String?) { number = text.map { Self.table.number(of: $0) } ?? 0 }

    /// The code with this `number`, as given by another code.
    init(number: UInt32) { self.number = number }
}

/// The codes of one column's values, by the value as read: a value seen before is neither normalised
/// again nor looked up in the shared table (whose lock the rows of a file then seldom take).
/// Not for sharing between threads.
final class TextCodeCache {
    private let normalise: (String) -> String?
    private var codes: [String: TextCode] = [:]

    /// `normalise` turns a value as read into the text kept (nil for none).
    init(normalise: @escaping (String) -> String?) { self.normalise = normalise }

    func code(_ value: String?) -> TextCode {
        guard let value else { return TextCode(nil) }
        if let code = codes[value] { return code }
        let code = TextCode(normalise(value))
        // A column of mostly distinct values (e-mail addresses) would only grow the cache.
        if codes.count < 65_536 { codes[value] = code }
        return code
    }
}
