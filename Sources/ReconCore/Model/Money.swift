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
        var bytes: [UInt8] = []
        append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `format(value, decimals:)` to `bytes`.
    static func append(_ value: Int64, decimals: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        guard decimals > 0 else { return bytes.appendDecimal(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        bytes.appendDecimal(magnitude / scale)
        bytes.append(UInt8(ascii: "."))
        bytes.appendDecimal(magnitude % scale, minimumDigits: decimals)
    }

    /// The amount in major units, for spreadsheet cells only (XLSX stores numbers as doubles).
    public var spreadsheetValue: Double {
        var scale = 1.0
        for _ in 0..<currency.minorUnit { scale *= 10 }
        return Double(minorUnits) / scale
    }
}
