import Synchronization
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

    /// Values of up to 12 bytes are found by their packed bytes, longer ones by their hashed bytes: either
    /// way a value is normalised once, and values that differ only after the eighth byte, or at the twelfth
    /// against the thirteenth, stay apart. A value with a NUL byte is not taken for the value before it,
    /// and bytes that are not UTF-8 read as `String(decoding:)` reads them.
    @Test func aCacheNormalisesEachDistinctValueOnce() {
        let calls = Atomic<Int>(0)
        let texts = RunTexts()
        var cache = TextCodeCache(texts: texts) {
            calls.add(1, ordering: .relaxed)
            return $0.uppercased()
        }
        func code(_ bytes: [UInt8]) -> TextCode {
            switch bytes.withUnsafeBufferPointer({ cache.find($0) }) {
            case .code(let code): code
            case .missing(let value): cache.add(value)
            }
        }
        let values = [
            "br", "br", "us", "card:0001", "card:0002", "card:0001", "twelve-bytes", "twelve-bytes!",
            "twelve-bytes", "twelve-bytes!", "zoë", "br", "paypal:buyer1@example.com",
            "paypal:buyer2@example.com", "paypal:buyer1@example.com",
        ]
        let codes = values.map { code(Array($0.utf8)) }
        #expect(calls.load(ordering: .relaxed) == 9)
        #expect(codes.map { texts.text($0) } == values.map { $0.uppercased() })
        #expect(Set(codes).count == 9)
        let withNUL = code([0x62, 0x72, 0x00])
        #expect(withNUL != codes[0] && texts.text(withNUL) == "BR\u{0}" && code([0x62, 0x72, 0x00]) == withNUL)
        let notUTF8 = code([0x61, 0xFF])
        #expect(texts.text(notUTF8) == String(decoding: [0x61, 0xFF] as [UInt8], as: UTF8.self).uppercased())
        #expect(code([0x61, 0xFF]) == notUTF8 && calls.load(ordering: .relaxed) == 11)
    }

    /// A canonical row's value is coded from its bytes, trimmed; an empty or missing value is no text.
    @Test func aRowsValueIsCodedFromItsBytes() {
        let texts = RunTexts()
        var cache = TextCodeCache(texts: texts) { $0 }
        let line = Array("O1, card:4242 ,".utf8)
        let row = CanonicalRow(
            source: RowSource(fileNumber: 0, line: 2), kind: .orders, bytes: line,
            ranges: [0..<2, 3..<14, 15..<15], columns: columns(method: 1, country: 2))
        #expect(texts.text(cache.code(.orderMethod, of: row)) == "card:4242")
        #expect(cache.code(.country, of: row) == .none && cache.code(.sellerType, of: row) == .none)
    }

    /// `directColumns` for orders where only the id, method and country columns are in the file.
    private func columns(method: Int, country: Int) -> [Int] {
        var columns = [Int](repeating: -1, count: SourceKind.orders.columns.count)
        columns[CanonicalColumn.orderId.position] = 0
        columns[CanonicalColumn.orderMethod.position] = method
        columns[CanonicalColumn.country.position] = country
        return columns
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
