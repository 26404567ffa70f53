/// The codes of one column's values, by the value's bytes as read: a value seen before is neither made
/// into a `String`, normalised again nor looked up in the run's table (whose lock the rows of a file then
/// seldom take). A value, kept by the reader of one file, on the thread that reads its rows.
///
/// Values of up to 16 bytes (methods, countries, statuses: nearly every value coded) are found by their
/// bytes packed into two words; longer ones by their text. Either way the code itself comes from the
/// run's table, by the normalised text, so two spellings the table takes as one text share one code.
struct TextCodeCache: Sendable {
    private let texts: RunTexts
    private let normalise: @Sendable (String) -> String?
    /// Open addressing over a power-of-two table; an entry of length 0 is empty (empty values are not coded).
    private var short = [ShortEntry](repeating: ShortEntry(), count: 64)
    private var shortCount = 0
    /// The codes of values past 16 bytes, by the value as read.
    private var long = IdIndex<CodedValue>()
    /// A column of mostly distinct values (e-mail addresses) would only grow the cache: it stops here.
    private static let capacity = 65_536

    /// `normalise` turns a value as read into the text kept (nil for none), coded in `texts`.
    init(texts: RunTexts, normalise: @escaping @Sendable (String) -> String?) {
        self.texts = texts
        self.normalise = normalise
    }

    /// A value as read, for the cache to find: its bytes packed when it is short, else its text.
    enum Key {
        case short(ShortKey)
        case long(String)

        /// The key of `utf8`, a non-empty value as read.
        init(_ utf8: UnsafeBufferPointer<UInt8>) {
            self = ShortKey(utf8).map(Key.short) ?? .long(String(decoding: utf8, as: UTF8.self))
        }
    }

    /// The code of the value `key` stands for: found when the value was seen before, else coded in the
    /// run's table and kept (up to the cache's capacity).
    mutating func code(_ key: Key) -> TextCode {
        switch key {
        case .short(let key):
            var i = firstSlot(key)
            while short[i].key.length != 0 {
                if short[i].key == key { return short[i].code }
                i = (i + 1) & (short.count - 1)
            }
            let code = texts.code(normalise(key.text))
            if hasRoom {
                short[i] = ShortEntry(key: key, code: code)
                shortCount += 1
                if 2 * shortCount > short.count { grow() }
            }
            return code
        case .long(let text):
            let hashed = HashedText(text)
            if let position = long[hashed] { return long.records[position].code }
            let code = texts.code(normalise(text))
            if hasRoom { long.append(CodedValue(id: text, code: code), idHash: hashed.hash) }
            return code
        }
    }

    private var hasRoom: Bool { shortCount + long.records.count < Self.capacity }

    private mutating func grow() {
        let entries = short
        short = [ShortEntry](repeating: ShortEntry(), count: 2 * entries.count)
        for entry in entries where entry.key.length != 0 { place(entry) }
    }

    private mutating func place(_ entry: ShortEntry) {
        var i = firstSlot(entry.key)
        while short[i].key.length != 0 { i = (i + 1) & (short.count - 1) }
        short[i] = entry
    }

    /// The top bits of a multiplicative hash of the key's words, for a table of `short.count` slots.
    private func firstSlot(_ key: ShortKey) -> Int {
        var h = (key.low ^ UInt64(key.length) << 59) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ key.high &+ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> UInt64(64 - short.count.trailingZeroBitCount))
    }

    /// A value of 1 to 16 bytes, packed into two words (zero-padded) with its length.
    struct ShortKey: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length: UInt32 = 0

        /// Nil for a value past 16 bytes.
        init?(_ utf8: UnsafeBufferPointer<UInt8>) {
            guard utf8.count <= 16 else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(utf8)) }
            (low, high) = words
            length = UInt32(utf8.count)
        }

        /// The key of no value, marking an empty slot.
        init() {}

        /// The value's text (its bytes as UTF-8, as a value past 16 bytes is read).
        var text: String {
            withUnsafeBytes(of: (low, high)) { String(decoding: $0.prefix(Int(length)), as: UTF8.self) }
        }
    }

    private struct ShortEntry {
        var key = ShortKey()
        var code = TextCode.none
    }

    /// A value as read and its code.
    private struct CodedValue: Identified, Sendable {
        let id: String
        let code: TextCode
    }
}

extension CanonicalRow {
    /// The code of `column`'s value in `cache` (none when the value is empty or not mapped).
    func code(_ column: CanonicalColumn, in cache: inout TextCodeCache) -> TextCode {
        guard let key = withValue(column, TextCodeCache.Key.init) else { return .none }
        return cache.code(key)
    }
}
