import Testing
@testable import ReconCore

/// Repeated texts are held by codes that read back as the texts they stand for.
@Suite struct TextCodeTests {
    @Test func equalTextsShareACodeAndReadBack() {
        let a = TextCode("card:4242"), b = TextCode("card:" + String(4242)), c = TextCode("card:1881")
        #expect(a == b)
        #expect(a != c)
        #expect(a.text == "card:4242")
        #expect(c.text == "card:1881")
        #expect(TextCode(nil).text == nil)
        #expect(TextCode("").text == "")
    }

    @Test func aCacheNormalisesEachDistinctValueOnce() {
        var calls = 0
        let cache = TextCodeCache { calls += 1; return $0.uppercased() }
        let codes = ["br", "br", "us", "br"].map { cache.code($0) }
        #expect(calls == 2)
        #expect(codes.map(\.text) == ["BR", "BR", "US", "BR"])
        #expect(cache.code(nil).text == nil)
    }
}
