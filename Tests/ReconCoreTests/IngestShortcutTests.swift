import Testing

@testable import ReconCore

/// The ingest's shortcuts answer as the longer ways did: what the normalising thread prepares (hashes, a
/// payment's order, amounts read from bytes) as the taking thread's own lookups and parsing, and the
/// reading thread's word-at-a-time ASCII check as a byte-by-byte one.
@Suite struct IngestShortcutTests {
    struct Row: Identified, Sendable { var id: RecordId }

    /// Ids appended with their hash made beforehand are found by text and by hashed text alike; canonically
    /// equal spellings (é precomposed, then decomposed) are one id, as `String` equality says.
    @Test func hashedIdsFindWhatTextFinds() {
        let arena = IdArena()
        var index = IdIndex<Row>(ids: arena)
        let ids = ["O1", "O2", "é", "an-identifier-too-long-for-a-small-string"]
        for id in ids { index.append(Row(id: arena.add(id)), idHash: HashedText(id).hash) }
        #expect(ids.map { index[$0] } == [0, 1, 2, 3])
        #expect(ids.map { index[HashedText($0)] } == [0, 1, 2, 3])
        #expect(index[HashedText("e\u{301}")] == 2 && index[HashedText("O3")] == nil)
    }

    /// The same amounts, whether read from text or from a field's UTF-8 (already trimmed): by hand, 12.5 USD
    /// is 1250 cents, -0.01 is -1, 7 is 700, 1.230 is 123 (a trailing zero past the cents is exact); 1.234
    /// has a third decimal, and an empty field or a lone point is no number.
    @Test func amountsFromBytesAsFromText() throws {
        let usd = try #require(Currency(code: "USD"))
        let texts = ["12.5", "-0.01", "7", "1.230", "1.234", "", "."]
        let fromText = texts.map { MoneyParser.parse($0, currency: usd) }
        let fromBytes = texts.map { MoneyParser.parse(utf8: Array($0.utf8), currency: usd) }
        #expect(fromBytes == fromText)
        #expect(
            fromBytes == [
                .success(1250), .success(-1), .success(700), .success(123),
                .failure(.tooManyDecimals(allowed: 2)), .failure(.notANumber), .failure(.notANumber),
            ])
    }

    /// A payment's order found by the reader is held by position; one not found, by its id in the run's
    /// texts; no `order_id`, none.
    @Test func anOrderFoundOrNamed() {
        let texts = RunTexts()
        #expect(OrderReference(position: 3, orId: "O3", texts: texts).position == 3)
        let named = OrderReference(position: nil, orId: "O9", texts: texts)
        #expect(named.position == nil && named.id(in: [], texts: texts) == "O9")
        #expect(OrderReference(position: nil, orId: nil, texts: texts) == .none)
    }

    /// A row is ASCII unless some byte is 0x80 or above, wherever it lies: in a full eight-byte word or in
    /// the tail after the last one (rows of 0 to 19 bytes, 0xC3 put at each place in turn); 0x7F is ASCII.
    @Test func asciiRowsToldAtEveryPlace() {
        var record = CSVRecord()
        for length in 0..<20 {
            record.data = [UInt8](repeating: 0x7F, count: length)
            #expect(record.isASCII)
            for place in 0..<length {
                record.data = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                record.data[place] = 0xC3
                #expect(!record.isASCII, "length \(length), place \(place)")
            }
        }
    }
}
