extension [UInt8] {
    /// Appends `value` in decimal, zero-padded on the left to `minimumDigits`: the bytes of
    /// `String(value).leftPadded(minimumDigits)`, without making the strings (the CSV writer's dates,
    /// amounts and counts).
    mutating func appendDecimal(_ value: UInt64, minimumDigits: Int = 1) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let width = Swift.max(digits, minimumDigits)
        let start = count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        rest = value
        var i = start + width - 1
        repeat {
            self[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            i -= 1
        } while rest > 0
    }

    /// Appends `value` in decimal, with a minus sign when negative: the bytes of `String(value)`.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude))
    }
}
