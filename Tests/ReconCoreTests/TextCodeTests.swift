import Testing

@testable import ReconCore

/// Repeated texts are held by codes that read back, from the run's table, as the texts they stand for.
@Suite struct TextCodeTests {
    @Test func equalTextsShareACodeAndReadBack() {
        let texts = RunTexts()
        let a = texts.code("card:4242")
        let b = texts.code("card:" + String(4242))
        let c = texts.code("card:1881")
        #expect(a == b)
        #expect(a != c)
        #expect(texts.text(a) == "card:4242")
        #expect(texts.text(c) == "card:1881")
        #expect(texts.code(nil) == .none && texts.text(.none) == nil)
        #expect(texts.text(texts.code("")) == "")
    }

    @Test func aCacheNormalisesEachDistinctValueOnce() {
        var calls = 0
        let texts = RunTexts()
        let cache = TextCodeCache(texts: texts) {
            calls += 1
            return $0.uppercased()
        }
        let codes = ["br", "br", "us", "br"].map { cache.code(HashedText($0)) }
        #expect(calls == 2)
        #expect(codes.map { texts.text($0) } == ["BR", "BR", "US", "BR"])
        #expect(texts.text(cache.code(nil)) == nil)
    }

    /// Two runs' tables number texts each from the start: the same number stands for different texts in
    /// each, and a path is numbered 0 in both (each run reads its own files).
    @Test func eachRunHasItsOwnTable() {
        let first = RunTexts()
        let second = RunTexts()
        let visa = first.code("card:4242")
        let paypal = second.code("paypal:x@y.z")
        #expect(visa == paypal)  // both number 1: the first text of their run
        #expect(first.text(visa) == "card:4242" && second.text(paypal) == "paypal:x@y.z")
        #expect(first.fileNumber(of: "a.csv") == 0 && second.fileNumber(of: "b.csv") == 0)
        #expect(first.file(RowSource(fileNumber: 0, line: 2)) == "a.csv")
        #expect(second.file(RowSource(fileNumber: 0, line: 2)) == "b.csv")
    }
}
