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
