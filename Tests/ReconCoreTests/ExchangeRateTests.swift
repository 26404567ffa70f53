import Testing

@testable import ReconCore

/// The ECB rate file and conversions, on a small file in the ECB's layout: newest first, a trailing comma,
/// `N/A`, a retired code (`CYP`, not ISO 4217 any more: its column is left out), and 10 June missing.
@Suite struct ExchangeRateTests {
    static let text = """
        Date,USD,JPY,BGN,CYP,
        2026-06-12,1.0835,163.25,1.9558,N/A,
        2026-06-11,1.0800,162.50,1.9558,N/A,
        2026-06-09,1.0750,N/A,1.9558,0.5853,

        """

    static func rates() throws -> ExchangeRates { try ExchangeRates.parse(text, path: "rates.csv") }
    static let (usd, jpy, eur) = (Currency(code: "USD")!, Currency(code: "JPY")!, Currency(code: "EUR")!)

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test func readsTheECBLayout() throws {
        let rates = try Self.rates()
        #expect(rates.dayCount == 3)
        let june12 = try #require(rates.perEuro(Self.usd, on: Self.day("2026-06-12")))
        #expect(june12.rate.description == "1.0835" && june12.day == Self.day("2026-06-12"))
        #expect(rates.perEuro(Self.jpy, on: Self.day("2026-06-11"))?.rate.description == "162.50")
        // The euro is 1 on any day, listed or not.
        #expect(rates.perEuro(Self.eur, on: Self.day("2020-01-01"))?.rate.description == "1")
    }

    /// A day without a row (Saturday 13 June, Wednesday 10 June) takes the latest earlier day; so does a
    /// currency's N/A (JPY on 9 June has none, and nothing earlier: no rate); before the file starts, none.
    @Test func aMissingDayTakesTheLatestEarlierDay() throws {
        let rates = try Self.rates()
        #expect(rates.perEuro(Self.usd, on: Self.day("2026-06-13"))?.day == Self.day("2026-06-12"))
        let june10 = try #require(rates.perEuro(Self.usd, on: Self.day("2026-06-10")))
        #expect(june10.rate.description == "1.0750" && june10.day == Self.day("2026-06-09"))
        #expect(rates.perEuro(Self.jpy, on: Self.day("2026-06-10")) == nil)
        #expect(rates.perEuro(Self.usd, on: Self.day("2026-06-08")) == nil)
    }

    /// From the euro the ECB's figure itself; to the euro 1 / 1.0835 = 0.9229349… → 0.922935; USD→JPY through
    /// the euro 163.25 / 1.0835 = 150.66912… → 150.669 (6 significant digits, half up).
    @Test func crossRatesGoThroughTheEuro() throws {
        let converter = CurrencyConverter(rates: try Self.rates())
        let june12 = Self.day("2026-06-12")
        #expect(converter.rate(from: Self.eur, to: Self.usd, on: june12)?.rate.description == "1.0835")
        #expect(converter.rate(from: Self.usd, to: Self.eur, on: june12)?.rate.description == "0.922935")
        #expect(converter.rate(from: Self.usd, to: Self.jpy, on: june12)?.rate.description == "150.669")
        #expect(converter.rate(from: Self.jpy, to: Self.usd, on: june12)?.rate.description == "0.00663706")
        // JPY has no rate by 10 June: no conversion either way.
        #expect(converter.rate(from: Self.usd, to: Self.jpy, on: Self.day("2026-06-10")) == nil)
    }

    /// Amounts round half up to the target's minor unit: EUR 92.30 × 1.0835 = 100.00705 → USD 100.01;
    /// USD 100.00 × 150.669 = 15066.9 → JPY 15067; EUR 1.00 × 162.50 = 162.5 → JPY 163 (half up, not even);
    /// USD 100.00 × 0.922935 = 92.2935 → EUR 92.29.
    @Test func convertedAmountsRoundHalfUpToTheMinorUnit() throws {
        let converter = CurrencyConverter(rates: try Self.rates())
        let (june11, june12) = (Self.day("2026-06-11"), Self.day("2026-06-12"))
        #expect(converter.convert(9230, from: Self.eur, to: Self.usd, on: june12)?.amount == 10001)
        #expect(converter.convert(10000, from: Self.usd, to: Self.jpy, on: june12)?.amount == 15067)
        #expect(converter.convert(100, from: Self.eur, to: Self.jpy, on: june11)?.amount == 163)
        let toEuro = try #require(converter.convert(10000, from: Self.usd, to: Self.eur, on: june12))
        #expect(toEuro.amount == 9229 && toEuro.currency == Self.eur && toEuro.ratesOn == june12)
    }

    /// 2% of 100.00 is 2.00: 102.00 and 98.00 are within, 102.01 is not; nothing is within 2% of zero.
    @Test func toleranceIsAShareOfWhatIsOwed() throws {
        let converter = CurrencyConverter(rates: try Self.rates())
        #expect(converter.isWithinTolerance(10200, of: 10000) && converter.isWithinTolerance(9800, of: 10000))
        #expect(!converter.isWithinTolerance(10201, of: 10000) && !converter.isWithinTolerance(0, of: 0))
        // What 102.00 may be within 2% of: 102.00 / 1.02 = 100.00 to 102.00 / 0.98 = 104.08, a cent wider.
        #expect(converter.owedAmounts(near: 10200) == 9999...10409)
    }

    /// A cross rate of more than 15 digits (999999999999999 / 0.0001 = 10^19) is no rate: the refund is not
    /// converted, rather than the arithmetic overflowing.
    @Test func anAbsurdCrossRateConvertsNothing() throws {
        let rates = try ExchangeRates.parse("Date,USD,JPY,\n2026-06-12,0.0001,999999999999999,\n", path: "r.csv")
        let converter = CurrencyConverter(rates: rates)
        #expect(converter.rate(from: Self.usd, to: Self.jpy, on: Self.day("2026-06-12")) == nil)
        #expect(
            converter.convert(MoneyParser.maximumAmount, from: Self.usd, to: Self.jpy, on: Self.day("2026-06-12"))
                == nil)
        // The other way, 0.0001 / 999999999999999 = 1.000000000000001 × 10^-19, rounded to 6 significant
        // digits: 1 × 10^-19.
        #expect(converter.rate(from: Self.jpy, to: Self.usd, on: Self.day("2026-06-12"))?.rate.scale == 19)
    }

    @Test(arguments: [
        ("Date,USD\n2026-06-12,1.08x\n", 2, "column 'USD': '1.08x' is not a rate"),
        ("Date,USD\n2026-06-12,-1.08\n", 2, "column 'USD': '-1.08' is not a rate"),
        ("Date,USD\n12/06/2026,1.08\n", 2, "column 'Date': '12/06/2026' is not a YYYY-MM-DD date"),
        ("Date,USD\n2026-06-12,1.08\n2026-06-12,1.09\n", 3, "column 'Date': 2026-06-12 is given twice (also line 2)"),
        ("Date,USD\n2026-06-12,1.08,2.0\n", 2, "has 3 fields where the header has 2 columns"),
        ("Day,USD\n2026-06-12,1.08\n", 1, "header 'Day,USD' does not start with Date"),
    ])
    func aMalformedFileNamesLineAndColumn(text: String, line: Int, message: String) {
        #expect {
            try ExchangeRates.parse(text, path: "rates.csv")
        } throws: { error in
            guard case .unreadable(let path, let at, let reason) = error as? ReconError else { return false }
            return path == "rates.csv" && at == line && reason.hasPrefix(message)
                && (error as! ReconError).exitCode == 1
        }
    }

    @Test func aMissingFileCannotBeOpened() {
        #expect {
            try ExchangeRates.load(path: "/nonexistent/rates.csv")
        } throws: { error in
            guard case .cannotOpen(let path, _) = error as? ReconError else { return false }
            return path == "/nonexistent/rates.csv"
        }
    }

    @Test func decimalsAreReadExactly() {
        #expect(DecimalNumber(parsing: "0.02") == DecimalNumber(units: 2, scale: 2))
        #expect(DecimalNumber(parsing: "163.25")?.description == "163.25")
        for bad in ["", ".", "1.2.3", "-0.1", "1e-2", "1,5", "1234567890123456"] {
            #expect(DecimalNumber(parsing: bad) == nil, "\(bad)")
        }
    }
}
