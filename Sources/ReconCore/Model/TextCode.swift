/// A short text that repeats across many rows (a payment method, a country, a seller type, an order
/// status), or one that few rows have (a refund's original), kept once in the run's `RunTexts` and held by
/// a 4-byte number instead of a 16-byte `String`; 0 is no text.
package struct TextCode: Sendable, Hashable {
    /// This code's place in the run's table, 0 for no text (codes are made by the run's table or from
    /// another code's number).
    let number: UInt32

    /// No text.
    static let none = TextCode(number: 0)
}

/// The codes of one column's values, by the value as read: a value seen before is neither normalised
/// again nor looked up in the run's table (whose lock the rows of a file then seldom take).
/// Not for sharing between threads.
final class TextCodeCache {
    private let texts: RunTexts
    private let normalise: (String) -> String?
    /// The codes found so far, by the value as read.
    private var codes = IdIndex<CodedValue>()

    /// `normalise` turns a value as read into the text kept (nil for none), coded in `texts`.
    init(texts: RunTexts, normalise: @escaping (String) -> String?) {
        self.texts = texts
        self.normalise = normalise
    }

    /// Asks the CPU for where `code(value)` will look (see `IdIndex.prefetch`).
    func prefetch(_ value: HashedText?) {
        if let value { codes.prefetch(value.hash) }
    }

    /// The code of `value`, hashed already where it was read.
    func code(_ value: HashedText?) -> TextCode {
        guard let value else { return .none }
        if let position = codes[value] { return codes.records[position].code }
        let code = texts.code(normalise(value.text))
        // A column of mostly distinct values (e-mail addresses) would only grow the cache.
        if codes.records.count < 65_536 { codes.append(CodedValue(id: value.text, code: code), idHash: value.hash) }
        return code
    }

    /// A value as read and its code.
    private struct CodedValue: Identified, Sendable {
        let id: String
        let code: TextCode
    }
}
