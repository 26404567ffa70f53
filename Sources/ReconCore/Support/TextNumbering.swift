import Foundation

/// Texts numbered in the order first seen, for any thread: a row then holds a 4-byte number instead of a
/// 16-byte `String` for a text that many rows share (its file's path, a payment method).
final class TextNumbering: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String]
    private var numbers: [String: UInt32] = [:]

    /// The first `reserved` numbers are given to no text (so that 0 can mean "none").
    init(reserving reserved: Int = 0) { texts = Array(repeating: "", count: reserved) }

    func number(of text: String) -> UInt32 {
        lock.withLock {
            if let n = numbers[text] { return n }
            precondition(texts.count < Int(UInt32.max), "more distinct texts than a 4-byte number holds")
            let n = UInt32(texts.count)
            texts.append(text)
            numbers[text] = n
            return n
        }
    }

    func text(_ number: UInt32) -> String { lock.withLock { texts[Int(number)] } }
}
