/// How a source writes numbers: its decimal mark and thousands separator (`1,560.00`, `1.234,50`, `1 234,50`).
package struct NumberStyle: Sendable, Equatable {
    package var decimalMark: Character = "."
    /// A space here stands for any of `spaces`.
    package var thousandsSeparator: Character? = nil

    /// The spaces exports write between groups of digits: ASCII, no-break (U+00A0, French and German
    /// exports) and narrow no-break (U+202F).
    static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]

    package init(decimalMark: Character = ".", thousandsSeparator: Character? = nil) {
        self.decimalMark = decimalMark
        self.thousandsSeparator = thousandsSeparator
    }

    /// The amount in canonical form (`1560.00`), or nil when the text does not fit this style: a thousands
    /// separator anywhere but between groups of three digits (`1,234,56`, `12,50` with `,` as separator),
    /// or a `.` in a file whose decimal mark is something else.
    package func canonical(_ text: String) -> String? {
        let s = text.trimmedOfSpaces
        guard decimalMark != "." || thousandsSeparator != nil else { return s }
        let parts = s.split(separator: decimalMark, maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : nil
        if thousandsSeparator != nil {
            let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: isThousandsSeparator)
            if groups.count > 1 {
                let threeDigits = groups.dropFirst().allSatisfy {
                    $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isNumber }
                }
                guard threeDigits, groups[0].contains(where: \.isNumber) else { return nil }
                whole = groups.joined()
            }
        }
        if let fraction, fraction.contains(decimalMark) || fraction.contains(where: isThousandsSeparator) {
            return nil
        }
        if decimalMark != "." && (whole.contains(".") || (fraction?.contains(".") ?? false)) { return nil }
        return fraction.map { whole + "." + $0 } ?? whole
    }

    /// Whether `c` separates thousands: the separator itself, or, when that is a space, any of `spaces`.
    private func isThousandsSeparator(_ c: Character) -> Bool {
        guard let separator = thousandsSeparator else { return false }
        return c == separator || (Self.spaces.contains(separator) && Self.spaces.contains(c))
    }
}
