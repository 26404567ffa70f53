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
}
