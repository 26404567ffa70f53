/// The codes of one column's values, by the value's bytes as read: a value seen before is neither made
/// into a `String`, normalised again nor looked up in the run's table (whose lock the rows of a file then
/// seldom take). A value, kept by the reader of one file, on the thread that reads its rows.
///
/// Values of up to 12 bytes (methods, countries, statuses: nearly every value coded) are found by their
/// bytes packed into twelve; longer ones (a PayPal payer's e-mail) by a hash of their bytes, kept one
/// after another in one array. Either way the code itself comes from the run's table, by the normalised
/// text, so two spellings the table takes as one text share one code.
struct TextCodeCache: Sendable {
    private let texts: RunTexts
    private let normalise: @Sendable (String) -> String?
    private var short = ProbeTable<ShortEntry>()
    private var long = ProbeTable<LongEntry>()
    /// The bytes of the long values kept, one after another.
    private var longBytes: [UInt8] = []
    /// A column of mostly distinct values (e-mail addresses) would only grow the cache: it stops at this
    /// many values, and keeps no value past `longestKept` bytes.
    private static let capacity = 65_536, longestKept = 1_024

    /// `normalise` turns a value as read into the text kept (nil for none), coded in `texts`.
    init(texts: RunTexts, normalise: @escaping @Sendable (String) -> String?) {
        self.texts = texts
        self.normalise = normalise
    }

    /// What `find` made of a value: its code, or the value, not coded yet, for `add`.
    enum Found {
        case code(TextCode)
        case missing(Missing)
    }

    /// A value the cache does not have: its packed bytes, or (past 12 bytes) its text and the hash of its
    /// bytes (kept as its text's UTF-8: bytes that are not UTF-8 are then never found, only coded again).
    enum Missing {
        case short(ShortKey)
        case long(text: String, hash: UInt64)
    }

    /// The code of `utf8` (a non-empty value as read) when the cache has it; else the value, for `add`.
    func find(_ utf8: UnsafeBufferPointer<UInt8>) -> Found {
        if let key = ShortKey(utf8) {
            var i = short.firstSlot(key.hash)
            while !short[i].isEmpty {
                if short[i].key == key { return .code(short[i].code) }
                i = short.nextSlot(i)
            }
            return .missing(.short(key))
        }
        let hash = Self.hash(UnsafeRawBufferPointer(utf8))
        var i = long.firstSlot(hash)
        while !long[i].isEmpty {
            let entry = long[i]
            if entry.hash == hash, Int(entry.length) == utf8.count,
                longBytes[Int(entry.start)..<Int(entry.start) + utf8.count].elementsEqual(utf8)
            {
                return .code(entry.code)
            }
            i = long.nextSlot(i)
        }
        return .missing(.long(text: String(decoding: utf8, as: UTF8.self), hash: hash))
    }

    /// The code of a value `find` did not find, coded in the run's table and kept from now on (while the
    /// cache has room).
    mutating func add(_ value: Missing) -> TextCode {
        switch value {
        case .short(let key):
            let code = texts.code(normalise(key.text))
            if hasRoom { short.insert(ShortEntry(key: key, code: code)) }
            return code
        case .long(let text, let hash):
            let code = texts.code(normalise(text))
            let length = text.utf8.count
            if hasRoom, length <= Self.longestKept {
                long.insert(
                    LongEntry(hash: hash, start: UInt32(longBytes.count), length: UInt32(length), code: code))
                longBytes += text.utf8
            }
            return code
        }
    }

    private var hasRoom: Bool { short.count + long.count < Self.capacity }

    /// A 64-bit hash of a value's bytes, eight at a time (multiply and shift mixing).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            offset += 8
        }
        var tail: UInt64 = 0
        withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ h >> 29
    }

    /// A value of 1 to 12 bytes without a NUL byte (so the zero padding tells where it ends), packed into
    /// twelve bytes: a table entry of 16 bytes with its code, so that the table of a column of ten thousand
    /// values (card methods) fits a core's cache.
    struct ShortKey: Equatable, Sendable {
        var low: UInt64 = 0
        var high: UInt32 = 0

        /// Nil for a value past 12 bytes or with a NUL byte.
        init?(_ utf8: UnsafeBufferPointer<UInt8>) {
            guard utf8.count <= 12, !utf8.contains(0) else { return nil }
            var bytes: (UInt64, UInt32) = (0, 0)
            withUnsafeMutableBytes(of: &bytes) { $0.copyMemory(from: UnsafeRawBufferPointer(utf8)) }
            (low, high) = bytes
        }

        /// The key of no value, marking an empty slot (a value's first byte is not NUL).
        init() {}

        var isEmpty: Bool { low == 0 }

        /// The value's text (its bytes as UTF-8, as a longer value is read).
        var text: String {
            withUnsafeBytes(of: (low, high)) { bytes in
                String(decoding: bytes.prefix(12).prefix { $0 != 0 }, as: UTF8.self)
            }
        }

        /// A hash of the packed bytes.
        var hash: UInt64 {
            let h = low &* 0x9E37_79B9_7F4A_7C15
            return (h ^ UInt64(high) &+ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        }
    }

    private struct ShortEntry: ProbeEntry {
        var key = ShortKey()
        var code = TextCode.none
        var isEmpty: Bool { key.isEmpty }
        var hash: UInt64 { key.hash }
    }

    /// A long value kept: its hash, where its bytes are in `longBytes`, and its code.
    private struct LongEntry: ProbeEntry {
        var hash: UInt64 = 0
        var start: UInt32 = 0
        var length: UInt32 = 0
        var code = TextCode.none
        var isEmpty: Bool { length == 0 }
    }
}

extension TextCodeCache {
    /// The code of `row`'s value of `column` (none when the value is empty or not mapped).
    mutating func code(_ column: CanonicalColumn, of row: CanonicalRow) -> TextCode {
        switch find(column, of: row) {
        case nil: .none
        case .code(let code): code
        case .missing(let value): add(value)
        }
    }

    /// What the cache has of `row`'s value of `column` (nil when the value is empty or not mapped).
    private func find(_ column: CanonicalColumn, of row: CanonicalRow) -> Found? {
        row.withValue(column) { find($0) }
    }
}
