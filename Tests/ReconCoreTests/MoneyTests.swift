import Testing
@testable import ReconCore

@Suite struct MoneyTests {
    let usd = Currency(code: "usd")!
    let jpy = Currency(code: "JPY")!
    let kwd = Currency(code: " KWD ")!

    @Test func minorUnitsFromTheISOTable() {
        #expect(usd.minorUnit == 2 && jpy.minorUnit == 0 && kwd.minorUnit == 3)
        #expect(Currency(code: "KRW")?.minorUnit == 0 && Currency(code: "OMR")?.minorUnit == 3)
        #expect(Currency(code: "CLF")?.minorUnit == 4)
        #expect(Currency(code: "XYZ") == nil && Currency(code: "XAU") == nil)
    }

    /// Every way of writing a code finds the same currency, whether by its three letters or trimmed.
    @Test func codesAreFoundInAnyCaseAndSpacing() {
        #expect(["EUR", "eur", "Eur", " EUR", "eur\t"].map { Currency(code: $0)?.code } == Array(repeating: "EUR", count: 5))
        #expect(["E R", "E@R", "EU", "EURO", "€", ""].allSatisfy { Currency(code: $0) == nil })
        #expect(Currency(code: "zwg")?.code == "ZWG" && Currency(code: "aed")?.code == "AED")
    }

    @Test func parsesExactMinorUnits() {
        #expect(MoneyParser.parse("23.40", currency: usd) == .success(2340))
        #expect(MoneyParser.parse("23.4", currency: usd) == .success(2340))
        #expect(MoneyParser.parse("-45", currency: usd) == .success(-4500))
        #expect(MoneyParser.parse(".5", currency: usd) == .success(50))
        #expect(MoneyParser.parse("1500", currency: jpy) == .success(1500))
        #expect(MoneyParser.parse("1500.00", currency: jpy) == .success(1500))
        #expect(MoneyParser.parse("12.345", currency: kwd) == .success(12345))
        #expect(MoneyParser.parse("5.5", currency: kwd) == .success(5500))
        #expect(MoneyParser.parse("0.10000", currency: usd) == .success(10))
    }

    @Test func rejectsWhatIsNotExact() {
        #expect(MoneyParser.parse("1500.5", currency: jpy) == .failure(.tooManyDecimals(allowed: 0)))
        #expect(MoneyParser.parse("1.2345", currency: kwd) == .failure(.tooManyDecimals(allowed: 3)))
        #expect(MoneyParser.parse("12,50", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse("1e9", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse("NaN", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse("--5", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse("", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse(".", currency: usd) == .failure(.notANumber))
        #expect(MoneyParser.parse("99999999999999999999", currency: usd) == .failure(.tooLarge))
    }

    @Test func formatsWithTheCurrencysDecimals() {
        #expect(Money(minorUnits: 2340, currency: usd).plainDecimal == "23.40")
        #expect(Money(minorUnits: 5, currency: usd).plainDecimal == "0.05")
        #expect(Money(minorUnits: 1500, currency: jpy).plainDecimal == "1500")
        #expect(Money(minorUnits: 5500, currency: kwd).plainDecimal == "5.500")
        #expect(Money(minorUnits: -1, currency: kwd).plainDecimal == "-0.001")
    }

    /// Amounts, dates and counts written straight into bytes read as the strings they used to be made
    /// from: every number of decimals, signs, zero, the extremes of Int64, dates at and past the years
    /// 0001–9999.
    @Test func textWrittenAsBytesMatchesTheStringForms() {
        func oldMoney(_ value: Int64, _ decimals: Int) -> String {
            let sign = value < 0 ? "-" : "", magnitude = value.magnitude
            guard decimals > 0 else { return sign + String(magnitude) }
            var scale: UInt64 = 1
            for _ in 0..<decimals { scale *= 10 }
            return sign + String(magnitude / scale) + "." + String(magnitude % scale).leftPadded(decimals)
        }
        let amounts: [Int64] = [0, 1, -1, 5, 99, 100, 2340, -4500, 1_000_000, 12_345, .max, .min, .min + 1]
        for value in amounts {
            for decimals in 0...4 { #expect(Money.format(value, decimals: decimals) == oldMoney(value, decimals)) }
        }
        for n in [0, 7, -7, 20, 1_234_567, Int.max, Int.min] {
            var bytes: [UInt8] = []
            bytes.appendDecimal(n)
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
        }
        for days: Int32 in [0, -1, 20_000, -719_162, 2_932_896, 2_932_897, -719_163, -800_000] {
            let (y, m, d) = CivilDate(days: days).components
            let old = String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
            #expect(CivilDate(days: days).description == old)
        }
        #expect(CivilDate(days: 0).description == "1970-01-01" && Money.format(-5, decimals: 3) == "-0.005")
    }
}
