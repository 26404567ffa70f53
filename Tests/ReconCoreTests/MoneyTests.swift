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
        #expect(
            ["EUR", "eur", "Eur", " EUR", "eur\t"].map { Currency(code: $0)?.code } == Array(repeating: "EUR", count: 5)
        )
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
            let sign = value < 0 ? "-" : ""
            let magnitude = value.magnitude
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

/// Amounts are capped at 10^15 minor units when read, and every sum of them is checked: nothing wraps
/// or traps, whatever the input.
@Suite struct MoneyLimitTests {
    let usd = Currency(code: "USD")!

    /// 10^15 cents is 10,000,000,000,000.00 USD: accepted; one cent more, or Int64.max cents, is too large.
    @Test func amountsAboveTheMaximumAreTooLarge() {
        #expect(MoneyParser.parse("10000000000000.00", currency: usd) == .success(1_000_000_000_000_000))
        #expect(MoneyParser.parse("-10000000000000", currency: usd) == .success(-1_000_000_000_000_000))
        #expect(MoneyParser.parse("10000000000000.01", currency: usd) == .failure(.tooLarge))
        #expect(MoneyParser.parse("92233720368547758.07", currency: usd) == .failure(.tooLarge))
    }

    /// Two refunds of 92,233,720,368,547,758.07 USD (Int64.max cents) on order A used to pass Int64 when
    /// summed: now each is rejected as too large, and A's case is summed from nothing.
    @Test func refundsNearInt64AreRejectedRows() throws {
        let result = try Scenario(
            orders: "A,2026-06-01,USD,10.00,,US,standard,2026-06-02,,,\n",
            payments: """
                R1,refund,2026-06-03,92233720368547758.07,USD,,A,,
                R2,refund,2026-06-04,92233720368547758.07,USD,,A,,

                """
        ).reconcile()
        #expect(result.rejected.map(\.line) == [2, 3])
        #expect(result.rejected.allSatisfy { $0.reason.contains("amount above 10^15 minor units") })
        #expect(result.caseOf("A")?.settled == 0)
    }

    /// `count` refunds of 10^15 cents naming `order`, all on 3 June, ids R0001…, and order A, whose
    /// cancellation expects 10^15 cents.
    private func refundsAtTheMaximum(_ count: Int, order: String) -> Scenario {
        let lines = (1...count).map {
            "R\(String($0).leftPadded(4)),refund,2026-06-03,10000000000000,USD,,\(order),,\n"
        }
        return Scenario(
            orders: "A,2026-06-01,USD,10000000000000,,US,standard,2026-06-02,,,\n", payments: lines.joined())
    }

    /// 9,224 × 10^15 = 9.224 × 10^18 passes Int64.max (9.223… × 10^18): A's case sum overflows at the
    /// 9,224th refund (R9224, line 9225), which stops the run (exit 1) naming A's row and that refund's.
    @Test func aCaseWhoseRefundsPassInt64StopsTheRun() throws {
        #expect {
            _ = try refundsAtTheMaximum(9224, order: "A").reconcile()
        } throws: { error in
            guard case ReconError.sumTooLarge(let what, let rows) = error else { return false }
            return what == "refunds of order A" && rows.map(\.line) == [2, 9225] && (error as! ReconError).exitCode == 1
        }
    }

    /// The same refunds naming no order: the first (R0001) settles A in tier 3, the other 9,224 are
    /// `unmatched_refund`s of 10^15 cents, whose Summary total in USD passes Int64, which stops the report
    /// (exit 1) instead of wrapping.
    @Test func summaryTotalsThatPassInt64StopTheReport() throws {
        let result = try refundsAtTheMaximum(9225, order: "").reconcile()
        #expect(result.flags(.unmatchedRefund).count == 9224)
        #expect(throws: ReconError.self) { _ = try RunSummary(reconciliation: result.reconciliation) }
    }
}
