/// Texts numbered in the order first seen, for any thread: a row then holds a 4-byte number instead of a
/// 16-byte `String` for a text that many rows share (its file's path, a payment method).
final class TextNumbering: Sendable {
    private struct Numbered {
        var texts: [String]
        var numbers: [String: UInt32] = [:]
    }

    private let numbered: Locked<Numbered>

    /// The first `reserved` numbers are given to no text (so that 0 can mean "none").
    init(reserving reserved: Int = 0) { numbered = Locked(Numbered(texts: Array(repeating: "", count: reserved))) }

    func number(of text: String) -> UInt32 {
        numbered.withLock { numbered in
            if let n = numbered.numbers[text] { return n }
            precondition(numbered.texts.count < Int(UInt32.max), "more distinct texts than a 4-byte number holds")
            let n = UInt32(numbered.texts.count)
            numbered.texts.append(text)
            numbered.numbers[text] = n
            return n
        }
    }

    func text(_ number: UInt32) -> String { numbered.withLock { $0.texts[Int(number)] } }
}
