/// Parses decimal text into exact minor units for a currency, never through floating point.
package enum MoneyParser {
    /// The largest amount accepted, in minor units: 10^15 (ten trillion dollars in cents). A larger one
    /// rejects its row. Every single amount, and the difference of two, then fits in `Int64` with room to
    /// spare, and any sum of up to 9,223 amounts does; the sums recon makes over more rows than that (a
    /// case's refunds, an original's refunds, the Summary's totals) are checked and stop the run with
    /// `ReconError.sumTooLarge` rather than wrap.
    package static let maximumAmount: Int64 = 1_000_000_000_000_000

    package enum Failure: Error, Equatable, CustomStringConvertible {
        case notANumber
        case tooManyDecimals(allowed: Int)
        case tooLarge
        package var description: String {
            switch self {
            case .notANumber: return "not a decimal amount (expected digits with an optional '.' and sign)"
            case .tooManyDecimals(let allowed):
                return "non-zero digits beyond the currency's \(allowed) decimal\(allowed == 1 ? "" : "s")"
            case .tooLarge: return "amount above 10^15 minor units, the most recon accepts"
            }
        }
    }

    /// Reads `[+|-]digits[.digits]`, trimmed. Trailing zeros beyond the minor unit are exact and accepted.
    /// The sign is kept; callers decide what a negative amount means. A magnitude above `maximumAmount`
    /// is `tooLarge`.
    package static func parse(_ text: some StringProtocol, currency: Currency) -> Result<Int64, Failure> {
        parse(utf8: text.trimmingSpaces().utf8, currency: currency)
    }

    /// The same for UTF-8 already trimmed (a canonical file's field as it lies in the row's bytes).
    static func parse(utf8: some Collection<UInt8>, currency: Currency) -> Result<Int64, Failure> {
        var bytes = utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var value: Int64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var overflow = false
        for c in bytes {
            if c == UInt8(ascii: ".") {
                if seenPoint { return .failure(.notANumber) }
                seenPoint = true
                continue
            }
            guard c >= 48, c <= 57 else { return .failure(.notANumber) }
            let digit = Int64(c - 48)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > currency.minorUnit {
                    if digit != 0 { return .failure(.tooManyDecimals(allowed: currency.minorUnit)) }
                    continue
                }
            } else {
                integerDigits += 1
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = s
        }
        guard integerDigits + fractionDigits > 0, integerDigits > 0 || seenPoint else { return .failure(.notANumber) }
        // Scale up for missing decimals (`23.4` USD -> 2340).
        for _ in min(fractionDigits, currency.minorUnit)..<currency.minorUnit {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            overflow = overflow || o
            value = m
        }
        if overflow || value > maximumAmount { return .failure(.tooLarge) }
        return .success(negative ? -value : value)
    }
}
