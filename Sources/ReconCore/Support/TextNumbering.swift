/// Values numbered in the order first seen, for any thread: a row then holds a 4-byte number instead of a
/// value that many rows share (its file's path, a payment method, an order's four texts).
final class Numbering<Value: Hashable & Sendable>: Sendable {
    private struct Numbered {
        var values: [Value]
        var numbers: [Value: UInt32] = [:]
    }

    private let numbered: Locked<Numbered>

    /// `reserved` take the first numbers, and are never found by `number(of:)` (so that 0 can mean "none").
    init(reserved: [Value] = []) { numbered = Locked(Numbered(values: reserved)) }

    func number(of value: Value) -> UInt32 {
        numbered.withLock { numbered in
            if let n = numbered.numbers[value] { return n }
            precondition(numbered.values.count < Int(UInt32.max), "more distinct values than a 4-byte number holds")
            let n = UInt32(numbered.values.count)
            numbered.values.append(value)
            numbered.numbers[value] = n
            return n
        }
    }

    func value(_ number: UInt32) -> Value { numbered.withLock { $0.values[Int(number)] } }
}

typealias TextNumbering = Numbering<String>
