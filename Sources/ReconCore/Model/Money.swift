/// An exact amount in a currency's minor units (cents, yen, fils).
public struct Money: Hashable, Sendable {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Plain decimal with exactly the currency's decimals: `23.40`, `1500`, `1.250`.
    public var plainDecimal: String { Money.format(minorUnits, decimals: currency.minorUnit) }

    static func format(_ value: Int64, decimals: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        guard decimals > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = magnitude / scale
        let fraction = String(magnitude % scale).leftPadded(decimals)
        return (negative ? "-" : "") + String(whole) + "." + fraction
    }

    /// The amount in major units, for spreadsheet cells only (XLSX stores numbers as doubles).
    public var spreadsheetValue: Double {
        var scale = 1.0
        for _ in 0..<currency.minorUnit { scale *= 10 }
        return Double(minorUnits) / scale
    }
}
