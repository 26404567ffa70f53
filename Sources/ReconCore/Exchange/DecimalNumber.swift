/// An exact non-negative decimal, `units / 10^scale` (`1.0835` is 10835 / 10^4): exchange rates and the
/// tolerance are held this way, never as binary floating point.
public struct DecimalNumber: Sendable, Hashable, CustomStringConvertible {
    public let units: Int64
    public let scale: Int

    /// Digits at most, so that products of a rate, an amount and powers of ten stay inside `Int128`.
    static let maximumDigits = 15

    package init(units: Int64, scale: Int) {
        precondition(units >= 0 && scale >= 0, "a decimal is non-negative with a non-negative scale")
        self.units = units
        self.scale = scale
    }

    /// Reads `1.0835`, `163.25`, `0.02`, `7`: digits with at most one `.`, at most `maximumDigits` digits; no
    /// sign, exponent or thousands separator. Nil for anything else.
    public init?(parsing text: some StringProtocol) {
        var units: Int64 = 0
        var digits = 0
        var scale: Int? = nil
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard scale == nil else { return nil }
                scale = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            digits += 1
            guard digits <= Self.maximumDigits else { return nil }
            units = units * 10 + Int64(byte - UInt8(ascii: "0"))
            if let s = scale { scale = s + 1 }
        }
        guard digits > 0 else { return nil }
        self.init(units: units, scale: scale ?? 0)
    }

    /// The quotient `numerator / denominator` (both positive) rounded half-up to `digits` significant
    /// digits, trailing zeros dropped; a quotient of more than `digits` whole digits is rounded to a whole
    /// number. Nil when that has more than `maximumDigits` digits.
    static func quotient(_ numerator: Int128, _ denominator: Int128, significantDigits digits: Int) -> DecimalNumber? {
        precondition(numerator > 0 && denominator > 0, "a rate is positive")
        let floor = Self.power(digits - 1)
        var scale = 0
        // Each step multiplies the numerator by ten; 30 steps reach past any quotient of 15-digit decimals.
        while numerator * Self.power(scale) / denominator < floor, scale < 30 { scale += 1 }
        var units = roundedHalfUp(numerator * Self.power(scale), denominator)
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        // No more digits than a decimal read from a file, so that converting with it stays inside `Int128`.
        guard units < Self.power(Self.maximumDigits) else { return nil }
        return DecimalNumber(units: Int64(units), scale: scale)
    }

    /// `numerator / denominator` (both non-negative) rounded to the nearest whole number, a half up.
    static func roundedHalfUp(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        (2 * numerator + denominator) / (2 * denominator)
    }

    /// 10^exponent as an `Int128` (exponent at most 38).
    static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The value for a spreadsheet cell only (XLSX stores numbers as doubles); never for arithmetic.
    var spreadsheetValue: Double { Double(units) / Double(DecimalNumber.power(scale)) }

    /// Plain decimal: `0.922935`, `163.25`, `1`.
    public var description: String {
        guard scale > 0 else { return String(units) }
        let digits = String(units)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        return padded.dropLast(scale) + "." + padded.suffix(scale)
    }
}
