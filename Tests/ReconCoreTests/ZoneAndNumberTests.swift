import Testing

@testable import ReconCore

/// Zone columns with IANA names, spaces between thousands, and the day-first layouts of European exports,
/// each on values worked out by hand.
@Suite struct ZoneAndNumberTests {
    /// Seconds since the epoch of an ISO time with its offset.
    private func seconds(_ iso: String) throws -> Int64 {
        try TimestampParser.parse(iso, zone: .utc).get().seconds
    }

    /// IANA names in a zone column are read with the offset in force at that time (summer or winter), as
    /// abbreviations are read with theirs; an unknown value rejects its row, naming the value.
    @Test func zoneColumnTakesIANANamesAndAbbreviations() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                date_format: "M/D/YYYY HH:mm:ss"
                timezone_column: Zone
                columns:
                  payment_id: ID
                  type: {value: charge}
                  created_at: {template: "{Date} {Time}"}
                  amount: Gross
                  currency: {value: USD}
                """)
        let out = try harness.read(
            """
            ID,Date,Time,Zone,Gross
            A1,1/15/2026,16:30:00,America/Los_Angeles,1.00
            A2,7/15/2026,16:30:00,America/Los_Angeles,1.00
            A3,7/15/2026,01:30:00,Europe/Berlin,1.00
            A4,1/15/2026,00:30:00,Europe/Berlin,1.00
            A5,7/15/2026,01:30:00,CEST,1.00
            A6,7/15/2026,01:30:00,Mars/Olympus,1.00

            """)
        // Los Angeles is -08:00 in January (PST) and -07:00 in July (PDT); Berlin +01:00 and +02:00.
        let expected = [
            "2026-01-15T16:30:00-08:00", "2026-07-15T16:30:00-07:00", "2026-07-15T01:30:00+02:00",
            "2026-01-15T00:30:00+01:00", "2026-07-15T01:30:00+02:00",
        ]
        #expect(out.payments.map(\.createdAt.seconds) == (try expected.map(seconds)))
        #expect(out.rejected.map(\.line) == [7])
        #expect(out.rejected.first?.column == "Zone")
        #expect(out.rejected.first?.reason == "unknown time zone abbreviation 'Mars/Olympus'")
    }

    @Test func zoneColumnValuesGiveTheOffsetAtThatLocalTime() {
        let values = ZoneColumnValues()
        #expect(values.offset(for: "America/New_York", atLocal: "2026-03-08T01:30:00") == "-05:00")
        #expect(values.offset(for: "America/New_York", atLocal: "2026-03-08T03:30:00") == "-04:00")
        #expect(values.offset(for: "Asia/Kolkata", atLocal: "2026-01-01T00:00:00") == "+05:30")
        #expect(values.offset(for: "pdt", atLocal: "2026-01-01T00:00:00") == "-07:00")
        #expect(values.offset(for: "Nowhere/City", atLocal: "2026-01-01T00:00:00") == nil)
    }

    /// A space as thousands separator stands for any space: ASCII, no-break (U+00A0) or narrow no-break
    /// (U+202F); groups must still be three digits.
    @Test func spaceSeparatorMeansAnySpace() {
        let french = NumberStyle(decimalMark: ",", thousandsSeparator: " ")
        #expect(french.canonical("-2\u{00A0}026,41") == "-2026.41")
        #expect(french.canonical("1\u{202F}234\u{202F}567,00") == "1234567.00")
        #expect(french.canonical("1 234,5") == "1234.5")
        #expect(french.canonical("12\u{00A0}34,00") == nil)
        #expect(french.canonical("1,2\u{00A0}3") == nil)
        let german = NumberStyle(decimalMark: ",", thousandsSeparator: ".")
        #expect(german.canonical("1.234,50") == "1234.50")
        #expect(german.canonical("-1.234,50") == "-1234.50")
        #expect(german.canonical("1.234.567,89") == "1234567.89")
        #expect(german.canonical("1.23,50") == nil)
        // Read on to minor units exactly: 1.234,50 EUR is 123450 cents, -1.234,50 is -123450; a space
        // where the German style has a point is left in, so the amount is rejected.
        let eur = Currency(code: "EUR")!
        #expect(MoneyParser.parse(german.canonical("1.234,50")!, currency: eur) == .success(123450))
        #expect(MoneyParser.parse(german.canonical("-1.234,50")!, currency: eur) == .success(-123450))
        #expect(MoneyParser.parse(german.canonical("1 234,50")!, currency: eur) == .failure(.notANumber))
    }

    /// French PayPal in Windows-1252: the no-break space is byte 0xA0, which becomes U+00A0 and so a
    /// thousands separator; dates are DD/MM/YYYY.
    @Test func windows1252NoBreakSpaceSeparatesThousands() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                encoding: windows-1252
                decimal_mark: ","
                thousands_separator: " "
                date_format: "DD/MM/YYYY"
                columns:
                  payment_id: ID
                  type: {from: Brut, sign: {negative: charge, positive: refund}}
                  created_at: Date
                  amount: Brut
                  currency: {value: EUR}
                """)
        let bytes =
            Array("Date,Brut,ID\n31/12/2025,\"-2".utf8) + [0xA0] + Array("026,41\",T1\n01/02/2026,\"3,00\",T2\n".utf8)
        #expect(TextEncoding.windows1252.decode([0xA0]) == "\u{00A0}")
        let out = try harness.read(bytes)
        // -2 026,41 is a charge of 2026.41 EUR on 31 December; 3,00 a refund of 3.00 on 1 February.
        #expect(out.payments.map(\.amount) == [202641, 300])
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.payments.map { $0.createdOn(in: .utc).description } == ["2025-12-31", "2026-02-01"])
        #expect(out.rejected.isEmpty)
    }

    @Test func dayFirstLayouts() {
        #expect(DateLayout("DD.MM.YYYY")?.iso("31.12.2025") == "2025-12-31")
        #expect(DateLayout("DD/MM/YYYY")?.iso("01/02/2026") == "2026-02-01")
        #expect(DateLayout("DD.MM.YYYY")?.iso("12/31/2025") == nil)
        #expect(DateLayout("DD.MM.YYYY HH:mm:ss")?.iso("31.12.2025 23:59:58") == "2025-12-31T23:59:58")
    }

    /// A German export's date and time in two columns, joined by a template and read by one layout in the
    /// format's zone: 23:30 on 31 December in Berlin (+01:00) is 22:30 UTC.
    @Test func separateTimeColumnJoinedByTemplate() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                decimal_mark: ","
                date_format: "DD.MM.YYYY HH:mm:ss"
                timezone: Europe/Berlin
                columns:
                  payment_id: Nr
                  type: {value: charge}
                  created_at: {template: "{Datum} {Uhrzeit}"}
                  amount: Betrag
                  currency: {value: EUR}
                """)
        let out = try harness.read("Nr;Datum;Uhrzeit;Betrag\nB1;31.12.2025;23:30:00;9,99\n")
        #expect(out.payments.map(\.createdAt.seconds) == [try seconds("2025-12-31T22:30:00Z")])
        #expect(out.payments.map(\.amount) == [999])
    }
}
