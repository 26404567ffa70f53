import Testing

@testable import ReconCore

/// `explain`'s ids as people type them: case and a leading `#` do not matter, and near misses are suggested.
@Suite struct IdLookupTests {
    let lookup = IdLookup(ids: ["#1011", "#1012", "#1101", "SO-2165", "SO-2156", "#1011"])

    @Test func caseAndALeadingHashDoNotMatter() {
        #expect(lookup.matches("1011") == ["#1011"])
        #expect(lookup.matches("so-2165") == ["SO-2165"])
        #expect(lookup.matches("##1012 ") == ["#1012"])
        #expect(lookup.matches("#").isEmpty && lookup.matches("1013").isEmpty)
    }

    /// "1010" (4 characters: up to 2 edits) is 1 edit from 1011 and 1012, 2 from 1101 (insert a 1 in front,
    /// drop the last 0), and 3 characters shorter or longer than the SO ids: those three, fewest edits first.
    /// "so-2" starts both SO ids (3 characters short of each), and is 4 edits from the others.
    @Test func theClosestIdsComeFewestEditsFirst() {
        #expect(lookup.closest(to: "1010") == ["#1011", "#1012", "#1101"])
        #expect(lookup.closest(to: "so-2") == ["SO-2156", "SO-2165"])
        #expect(lookup.closest(to: "zzzzzz").isEmpty)
    }

    /// Hand-counted: kitten → sitting is the textbook 3; an empty side costs the other's length.
    @Test func editDistance() {
        #expect(IdLookup.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(IdLookup.editDistance(Array("1010"), Array("1101")) == 2)
        #expect(IdLookup.editDistance([], Array("abc")) == 3 && IdLookup.editDistance(Array("ab"), []) == 2)
    }
}
