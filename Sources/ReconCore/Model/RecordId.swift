/// An order's or payment's id in 8 bytes, where a `String` takes 16: an id of up to 8 ASCII bytes (no NUL)
/// is held in itself, a longer or non-ASCII one in the run's `IdArena`, which turns either back into text
/// and compares them as `String`s compare.
package struct RecordId: Sendable {
    /// Held in itself: the bytes from the top, zeros after them, the top bit 0 (ASCII).
    /// In the arena: the top bit 1, the next bit 1 for an ASCII id, then the chunk's number and the offset
    /// of the id's length in it (`IdArena`).
    let raw: UInt64

    private static let inArena: UInt64 = 1 << 63
    private static let asciiInArena: UInt64 = 1 << 62

    /// `bytes` held in itself, when they are 8 or fewer ASCII bytes other than NUL: read as one word, checked
    /// eight bytes at a time (the ingest makes one for every row).
    init?(inline bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count <= 8 else { return nil }
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        let raw = UInt64(bigEndian: word)
        let ones: UInt64 = 0x0101_0101_0101_0101
        // The bytes after the id set to 1, so that only the id's own bytes can be the zero found.
        let filled = raw | (count == 8 ? 0 : (UInt64.max >> (8 * count)) & ones)
        let hasZero = (filled &- ones) & ~filled & (ones << 7) != 0
        guard raw & (ones << 7) == 0, !hasZero else { return nil }
        self.raw = raw
    }

    /// An id in the arena's `chunk` at `offset`.
    init(chunk: Int, offset: Int, isASCII: Bool) {
        raw = Self.inArena | (isASCII ? Self.asciiInArena : 0) | UInt64(chunk) << 32 | UInt64(offset)
    }

    var isInline: Bool { raw & Self.inArena == 0 }
    /// True for every id held in itself, and for an ASCII id in the arena.
    var isASCII: Bool { isInline || raw & Self.asciiInArena != 0 }
    /// For an id in the arena: its chunk's number and the offset of its length in the chunk.
    var chunk: Int { Int(truncatingIfNeeded: (raw & ~(Self.inArena | Self.asciiInArena)) >> 32) }
    var offset: Int { Int(truncatingIfNeeded: raw & 0xFFFF_FFFF) }

    /// How many bytes an id held in itself has (the bytes after them are 0).
    var inlineCount: Int { 8 - raw.trailingZeroBitCount / 8 }
}

extension DefaultStringInterpolation {
    /// An id is text only through the run's texts: interpolated, a `RecordId` would write its bits.
    @available(*, unavailable, message: "read the id through the run's texts: texts.id(_:)")
    mutating func appendInterpolation(_ id: RecordId) {}
}
