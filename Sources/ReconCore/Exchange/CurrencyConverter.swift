/// A refund's amount in its case's currency, and what it was converted at.
package struct Conversion: Sendable, Equatable {
    /// The converted amount, in `currency`'s minor units.
    package var amount: Int64
    /// The case's currency.
    package var currency: Currency
    /// Units of `currency` for one unit of the refund's currency.
    package var rate: DecimalNumber
    /// The day of the ECB rates used: the refund's day, or the latest earlier day with rates (of the two
    /// currencies' days, the earlier).
    package var ratesOn: CivilDate
}

/// Converts refunds into their cases' currencies at the ECB's reference rates, and says whether a converted
/// amount is close enough to what a case owes (`tolerance`, a share of it).
package struct CurrencyConverter: Sendable {
    package let rates: ExchangeRates
    /// A share of the amount owed, from 0 up to (not including) 1.
    package let tolerance: DecimalNumber

    /// A cross rate (neither side the euro) is rounded to this many significant digits.
    static let significantDigits = 6
    static let defaultTolerance = DecimalNumber(units: 2, scale: 2)
    private static let euro = Currency(code: "EUR")!

    package init(rates: ExchangeRates, tolerance: DecimalNumber = Self.defaultTolerance) {
        precondition(tolerance.units < DecimalNumber.power(tolerance.scale), "a tolerance is below 1")
        self.rates = rates
        self.tolerance = tolerance
    }

    /// Units of `to` for one unit of `from` on `day`: from the euro, the ECB's rate of `to` itself; else the
    /// ECB's rate of `to` (1 for the euro) divided by that of `from`, rounded half-up to `significantDigits`
    /// significant digits. Each currency's rate is its rate of `day` or of the latest earlier day that has
    /// one; nil when either has none.
    package func rate(from: Currency, to: Currency, on day: CivilDate) -> (rate: DecimalNumber, day: CivilDate)? {
        guard let source = rates.perEuro(from, on: day), let target = rates.perEuro(to, on: day) else { return nil }
        let ratesOn = min(source.day, target.day)
        if from == Self.euro { return (target.rate, ratesOn) }
        let numerator = Int128(target.rate.units) * DecimalNumber.power(source.rate.scale)
        let denominator = Int128(source.rate.units) * DecimalNumber.power(target.rate.scale)
        return DecimalNumber.quotient(numerator, denominator, significantDigits: Self.significantDigits).map {
            ($0, ratesOn)
        }
    }

    /// `amount` (minor units of `from`) in `to` on `day`: times the rate, rounded half-up to `to`'s minor
    /// unit. Nil without a rate, or when the result passes the largest amount recon reads.
    package func convert(_ amount: Int64, from: Currency, to: Currency, on day: CivilDate) -> Conversion? {
        guard let (rate, ratesOn) = self.rate(from: from, to: to, on: day) else { return nil }
        let numerator = Int128(amount) * Int128(rate.units) * DecimalNumber.power(to.minorUnit)
        let denominator = DecimalNumber.power(rate.scale + from.minorUnit)
        let converted = DecimalNumber.roundedHalfUp(numerator, denominator)
        guard converted <= Int128(MoneyParser.maximumAmount) else { return nil }
        return Conversion(amount: Int64(converted), currency: to, rate: rate, ratesOn: ratesOn)
    }

    /// Whether `converted` is within the tolerance of `owed` (above zero): |converted − owed| ≤ tolerance × owed.
    package func isWithinTolerance(_ converted: Int64, of owed: Int64) -> Bool {
        guard owed > 0 else { return false }
        let difference = Int128(converted) - Int128(owed)
        return difference.magnitude * UInt128(DecimalNumber.power(tolerance.scale))
            <= UInt128(tolerance.units) * UInt128(owed)
    }

    /// The tolerance as a percentage, as `explain` says it: `2%`, `2.5%`.
    package var tolerancePercent: String {
        let t = tolerance
        let percent =
            t.scale >= 2
            ? DecimalNumber(units: t.units, scale: t.scale - 2)
            : DecimalNumber(units: t.units * Int64(DecimalNumber.power(2 - t.scale)), scale: 0)
        return "\(percent)%"
    }

    /// The most a converted amount may differ from `owed` and be within the tolerance, in minor units
    /// (rounded down).
    package func allowedDifference(from owed: Int64) -> Int64 {
        Int64(Int128(tolerance.units) * Int128(owed) / DecimalNumber.power(tolerance.scale))
    }

    /// The amounts owed that `converted` can be within the tolerance of: from converted / (1 + t) to
    /// converted / (1 − t), a unit wider each side (`isWithinTolerance` decides).
    func owedAmounts(near converted: Int64) -> ClosedRange<Int64> {
        let whole = DecimalNumber.power(tolerance.scale)
        let low = Int128(converted) * whole / (whole + Int128(tolerance.units))
        let high = Int128(converted) * whole / (whole - Int128(tolerance.units))
        return Int64(max(low - 1, 0))...Int64(min(high + 1, Int128(Int64.max)))
    }
}
