import Testing

@testable import ReconCore

/// The id index answers as a dictionary from id to position would.
@Suite struct IdIndexTests {
    struct Row: Identified, Sendable { var id: RecordId }

    @Test func findsEveryIdAtItsPositionAndNothingElse() {
        let ids = IdArena()
        var index = IdIndex<Row>(ids: ids)
        #expect(index["O0"] == nil)
        let texts = (0..<5_000).map { "O\($0)" } + ["", "é", "an-identifier-too-long-for-a-small-string"]
        // From empty, through several resizes.
        for text in texts { index.append(Row(id: ids.add(text)), idHash: HashedText(text).hash) }
        #expect(texts.indices.allSatisfy { index[texts[$0]] == $0 })
        #expect(index["O5000"] == nil && index["o1"] == nil && index["O1 "] == nil)
        // Canonically equivalent spellings are one id, as for a Dictionary: é precomposed and decomposed.
        #expect(index["e\u{301}"] == 5_001)
    }

    @Test func reservingFirstGivesTheSameAnswers() {
        let ids = IdArena()
        var index = IdIndex<Row>(ids: ids)
        index.reserveCapacity(100)
        // Past the reservation too, ids held in themselves and in the arena.
        let texts = (0..<300).map { $0.isMultiple(of: 3) ? "payment-number-\($0)" : "P\($0)" }
        for text in texts { index.append(Row(id: ids.add(text)), idHash: HashedText(text).hash) }
        let found = texts.map { index[$0] }
        #expect(found == Array(0..<300))
        #expect(index.records.map { ids.text($0.id) } == texts)
        let rebuilt = IdIndex(records: index.records, ids: ids)
        #expect(
            texts.map { rebuilt[$0] } == found && rebuilt["P300"] == nil
                && IdIndex<Row>(records: [], ids: ids)["P0"] == nil)
        var taken = rebuilt
        #expect(taken.takeRecords().map { ids.text($0.id) } == texts && taken.records.isEmpty && taken["P1"] == nil)
    }
}
