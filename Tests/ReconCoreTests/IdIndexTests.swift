import Testing

@testable import ReconCore

/// The id index answers as a dictionary from id to position would.
@Suite struct IdIndexTests {
    struct Row: Identified, Sendable { var id: String }

    @Test func findsEveryIdAtItsPositionAndNothingElse() {
        var index = IdIndex<Row>()
        #expect(index["O0"] == nil)
        let ids = (0..<5_000).map { "O\($0)" } + ["", "é", "an-identifier-too-long-for-a-small-string"]
        for id in ids { index.append(Row(id: id), idHash: HashedText(id).hash) }  // from empty, through several resizes
        #expect(ids.indices.allSatisfy { index[ids[$0]] == $0 })
        #expect(index["O5000"] == nil && index["o1"] == nil && index["O1 "] == nil)
        // Canonically equivalent spellings are one id, as for a Dictionary: é precomposed and decomposed.
        #expect(index["e\u{301}"] == 5_001)
    }

    @Test func reservingFirstGivesTheSameAnswers() {
        var index = IdIndex<Row>()
        index.reserveCapacity(100)
        // Past the reservation too.
        for i in 0..<300 { index.append(Row(id: "P\(i)"), idHash: HashedText("P\(i)").hash) }
        let ids = (0..<300).map { "P\($0)" }
        let found = ids.map { index[$0] }
        #expect(found == Array(0..<300))
        #expect(index.records.map(\.id) == ids)
        let rebuilt = IdIndex(records: index.records)
        #expect(ids.map { rebuilt[$0] } == found && rebuilt["P300"] == nil && IdIndex<Row>(records: [])["P0"] == nil)
        var taken = rebuilt
        #expect(taken.takeRecords().map(\.id) == ids && taken.records.isEmpty && taken["P0"] == nil)
    }
}
