/// An exact sum of decimal numbers written as text, never through floating point: `26.38` + `36.83` is
/// `63.21`. Held as whole units of the finest decimal place met so far (63.21 is 6321 at scale 2).
struct DecimalSum: Equatable {
    private(set) var units: Int64 = 0
    private(set) var scale = 0
    /// Whether any number was added.
    private(set) var hasValue = false

    enum Failure: Error, Equatable {
        case notANumber
        case tooLarge
    }

    /// Adds a number in canonical form (`[+|-]digits[.digits]`, as `NumberStyle.canonical` gives it).
    mutating func add(_ canonical: String) throws(Failure) {
        var text = Substring(canonical)
        let negative = text.first == "-"
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = parts.joined()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notANumber }
        let places = parts.count > 1 ? parts[1].count : 0
        guard places <= 18, var value = Int64(digits) else { throw .tooLarge }
        if negative { value = -value }
        let finer = max(scale, places)
        let (sum, overflow) = try Self.scaled(units, by: finer - scale).addingReportingOverflow(
            try Self.scaled(value, by: finer - places))
        guard !overflow else { throw .tooLarge }
        (units, scale, hasValue) = (sum, finer, true)
    }

    /// `value` times 10^`places`, checked.
    private static func scaled(_ value: Int64, by places: Int) throws(Failure) -> Int64 {
        var result = value
        for _ in 0..<places {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .tooLarge }
            result = product
        }
        return result
    }

    /// The sum written with `decimalMark` and as many decimal places as the finest number added
    /// (`63.21`, `-0.50`, `12`).
    func text(decimalMark: Character) -> String {
        var power: UInt64 = 1
        for _ in 0..<scale { power *= 10 }
        let magnitude = units.magnitude
        let whole = String(magnitude / power)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + whole }
        let fraction = String(magnitude % power)
        return sign + whole + String(decimalMark) + String(repeating: "0", count: scale - fraction.count) + fraction
    }
}
