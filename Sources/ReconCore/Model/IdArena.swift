/// The bytes of a run's ids that do not fit in a `RecordId` (longer than 8 bytes, or not ASCII), each as a
/// 4-byte length and the UTF-8 bytes, one after another in chunks of a megabyte that never move; and the
/// reading and comparing of any `RecordId`. Ids are added while the inputs are read and only read after.
///
/// Sendable unchecked because the compiler cannot see how the chunks are shared: the table's slots (`chunks`
/// is a `let`) and the chunks' bytes are written only in `add`, inside `fill`'s lock, each slot once and each
/// byte before the `RecordId` that names it is returned; a reader reads only the slot and bytes a `RecordId`
/// it was handed names, so after they were written (the id reached it through whatever handed it over, and
/// an `add` on another thread writes only a later slot and bytes past those). Bytes once written never
/// change; the chunks are freed only in `deinit`, when no id can be read any more.
package final class IdArena: @unchecked Sendable {
    private static let chunkSize = 1 << 20
    /// 16 GiB of ids in all (a table of 128 KB).
    private static let chunkLimit = 1 << 14
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>
    /// The chunk being filled (-1 before the first) and how much of it is used.
    private let fill = Locked<(chunk: Int, used: Int, size: Int)>((-1, 0, 0))

    package init() {
        chunks = .allocate(capacity: Self.chunkLimit)
        chunks.initialize(repeating: nil, count: Self.chunkLimit)
    }

    deinit {
        fill.withLock { fill in
            for chunk in 0..<max(0, fill.chunk + 1) { chunks[chunk]?.deallocate() }
        }
        chunks.deallocate()
    }

    /// `id` as a `RecordId`: held in itself when it can be, else its bytes added here.
    package func add(_ id: String) -> RecordId {
        var id = id
        return id.withUTF8 { add($0) }
    }

    /// The id of UTF-8 `bytes`: held in itself when it can be, else the bytes added here.
    private func add(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordId {
        if let inline = RecordId(inline: bytes) { return inline }
        precondition(bytes.count <= Int(UInt32.max) - 4, "an id of more than 4 GB")
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        let needed = 4 + bytes.count
        return fill.withLock { fill in
            if fill.chunk < 0 || fill.used + needed > fill.size {
                precondition(fill.chunk + 1 < Self.chunkLimit, "more than 16 GiB of ids in one run")
                fill = (fill.chunk + 1, 0, max(Self.chunkSize, needed))
                chunks[fill.chunk] = .allocate(capacity: fill.size)
            }
            let start = chunks[fill.chunk]! + fill.used
            UnsafeMutableRawPointer(start).storeBytes(of: UInt32(bytes.count), as: UInt32.self)
            (start + 4).initialize(from: bytes.baseAddress!, count: bytes.count)
            defer { fill.used += needed }
            return RecordId(chunk: fill.chunk, offset: fill.used, isASCII: isASCII)
        }
    }

    /// The text of `id`.
    package func text(_ id: RecordId) -> String { withBytes(id) { String(decoding: $0, as: UTF8.self) } }

    /// The first byte of `id`'s UTF-8, nil for an empty id.
    package func firstByte(of id: RecordId) -> UInt8? { withBytes(id) { $0.first } }

    /// True when the ids are one, as their `String`s would be equal (canonically equivalent texts are).
    package func equal(_ a: RecordId, _ b: RecordId) -> Bool {
        if a.isInline && b.isInline { return a.raw == b.raw }
        if a.isASCII && b.isASCII { return withBytes(a) { a in withBytes(b) { b in a.elementsEqual(b) } } }
        return text(a) == text(b)
    }

    /// True when `a` is the id `b`, as `String`s are equal: byte by byte when both are ASCII (a lookup of a
    /// long id makes no `String`).
    package func equal(_ a: RecordId, _ b: String) -> Bool {
        var contiguous = b
        return contiguous.withUTF8 { bytes in
            if a.isInline, let b = RecordId(inline: bytes) { return a.raw == b.raw }
            if a.isASCII && bytes.allSatisfy({ $0 < 0x80 }) { return withBytes(a) { $0.elementsEqual(bytes) } }
            return text(a) == b
        }
    }

    /// True when `a` sorts before `b` as their `String`s do.
    package func precedes(_ a: RecordId, _ b: RecordId) -> Bool {
        if a.isInline && b.isInline { return a.raw < b.raw }
        if a.isASCII && b.isASCII {
            return withBytes(a) { a in withBytes(b) { b in a.lexicographicallyPrecedes(b) } }
        }
        return text(a) < text(b)
    }

    /// The first 8 bytes of `id` from the top, zeros after a shorter id: a sort that keeps it beside each id
    /// (`precedes(_:_:)` on the pairs) reads the arena only for ids that share it.
    package func prefix(of id: RecordId) -> UInt64 {
        guard !id.isInline else { return id.raw }
        return withBytes(id) { bytes in
            let top = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return top << (8 * (8 - min(8, bytes.count)))
        }
    }

    /// True when `a.id` sorts before `b.id`, the ids' `prefix(of:)` beside them: two ASCII ids whose prefixes
    /// differ are in the prefixes' order (bytes compared from the top, an id that ends first before).
    package func precedes(_ a: (prefix: UInt64, id: RecordId), _ b: (prefix: UInt64, id: RecordId)) -> Bool {
        a.prefix != b.prefix && a.id.isASCII && b.id.isASCII ? a.prefix < b.prefix : precedes(a.id, b.id)
    }

    /// The UTF-8 bytes of an id in the arena.
    private func bytes(_ id: RecordId) -> UnsafeBufferPointer<UInt8> {
        let start = chunks[id.chunk]! + id.offset
        let count = UnsafeRawPointer(start).loadUnaligned(as: UInt32.self)
        return UnsafeBufferPointer(start: start + 4, count: Int(count))
    }

    /// `body` on the UTF-8 bytes of `id`, wherever it is held.
    private func withBytes<Result>(_ id: RecordId, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard id.isInline else { return body(bytes(id)) }
        return withUnsafeBytes(of: id.raw.bigEndian) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(UnsafeBufferPointer(rebasing: $0[..<id.inlineCount])) }
        }
    }
}
