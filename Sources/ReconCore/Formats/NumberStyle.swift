/// How a source writes numbers: its decimal mark and thousands separator (`1,560.00`, `1.234,50`, `1 234,50`).
package struct NumberStyle: Sendable, Equatable {
    package var decimalMark: Character = "."
    package var thousandsSeparator: Character? = nil

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
        if let separator = thousandsSeparator {
            let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
            if groups.count > 1 {
                let threeDigits = groups.dropFirst().allSatisfy {
                    $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isNumber }
                }
                guard threeDigits, groups[0].contains(where: \.isNumber) else { return nil }
                whole = groups.joined()
            }
        }
        if let fraction, fraction.contains(decimalMark) || thousandsSeparator.map(fraction.contains) == true {
            return nil
        }
        if decimalMark != "." && (whole.contains(".") || (fraction?.contains(".") ?? false)) { return nil }
        return fraction.map { whole + "." + $0 } ?? whole
    }
}
