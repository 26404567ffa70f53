import Testing

@testable import ReconCore

/// Ids held in 8 bytes read back as written, and compare as their `String`s do, whether held in themselves
/// or in the arena.
@Suite struct IdArenaTests {
    /// Held in themselves: up to 8 ASCII bytes without NUL. In the arena: longer, non-ASCII, or with a NUL.
    static let texts = [
        "", "O1", "O10", "O1\u{1}", "12345678", "123456789", "ch_3MqLiJLkdIwHu7ix0snN0B15", "#1001", "K",
        "\u{212A}", "é", "e\u{301}", "a\u{0}b", "Z", "ZZZZZZZZZ", "~", "~~~~~~~~", "~~~~~~~~~", "R1234567-0",
        "R1234567-1", "R1234567", "R123456-0", "a", "a\u{0}", "a\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
    ]

    @Test func idsAreHeldInThemselvesOnlyWhenShortAndASCII() {
        let arena = IdArena()
        let inline = Self.texts.filter { arena.add($0).isInline }
        #expect(
            inline == ["", "O1", "O10", "O1\u{1}", "12345678", "#1001", "K", "Z", "~", "~~~~~~~~", "R1234567", "a"])
    }

    /// Every id of up to four pieces of NUL, 0x01, `A`, 0x7F, 0x80 (read as U+FFFD) and é, alone and after
    /// `AAAAA` (across the 8-byte edge): held in itself exactly when it is 8 or fewer bytes, all ASCII and none
    /// NUL, and read back as written.
    @Test func everyShortIdIsHeldWhereItFits() {
        let arena = IdArena()
        let pieces: [[UInt8]] = [[0], [1], [0x41], [0x7F], [0x80], [0xC3, 0xA9]]
        var sequences: [[UInt8]] = [[]]
        for _ in 0..<4 {
            sequences += sequences.flatMap { s in pieces.map { s + $0 } }.filter { !sequences.contains($0) }
        }
        for bytes in sequences + sequences.map({ Array("AAAAA".utf8) + $0 }) {
            let text = String(decoding: bytes, as: UTF8.self)
            let id = arena.add(text)
            let fits = text.utf8.count <= 8 && text.utf8.allSatisfy { $0 != 0 && $0 < 0x80 }
            #expect(id.isInline == fits, "\(Array(text.utf8))")
            #expect(arena.text(id) == text && arena.equal(id, text))
        }
    }

    /// Every pair, each id held either way: equal exactly when the `String`s are (the Kelvin sign is `K`,
    /// é precomposed is é decomposed), in the order the `String`s sort in, and the first byte as read.
    @Test func idsCompareAsTheirStringsDo() {
        let arena = IdArena()
        let ids = Self.texts.map(arena.add)
        #expect(ids.map(arena.text) == Self.texts)
        for (a, textA) in zip(ids, Self.texts) {
            #expect(arena.firstByte(of: a) == textA.utf8.first)
            for (b, textB) in zip(ids, Self.texts) {
                #expect(arena.equal(a, b) == (textA == textB), "\(textA.unicodeScalars) = \(textB.unicodeScalars)")
                #expect(arena.equal(a, textB) == (textA == textB))
                #expect(arena.precedes(a, b) == (textA < textB), "\(textA.unicodeScalars) < \(textB.unicodeScalars)")
                #expect(arena.precedes((arena.prefix(of: a), a), (arena.prefix(of: b), b)) == (textA < textB))
            }
        }
        #expect(arena.equal(arena.add("K"), arena.add("\u{212A}")))
    }

    /// Ids past a chunk's end start the next chunk, and an id longer than a chunk has one of its own; every
    /// one reads back.
    @Test func idsReadBackAcrossChunks() {
        let arena = IdArena()
        let texts = (0..<60_000).map { "payment-\($0)-of-a-long-export" } + [String(repeating: "x", count: 3 << 20)]
        let ids = texts.map(arena.add)
        #expect(Set(ids.map(\.chunk)).count > 2)
        #expect(ids.map(arena.text) == texts)
    }
}
