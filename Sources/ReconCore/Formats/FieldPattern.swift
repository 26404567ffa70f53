import Foundation

/// A format's regular expression (`pattern:` in a field, `matches:` in a condition), compiled once when
/// the format is loaded. Searches anywhere in the value; `(?i)` makes it ignore case.
package struct FieldPattern: Sendable {
    /// The expression as the format writes it.
    package let source: String
    private let expression: NSRegularExpression

    /// Throws when `source` is not a regular expression.
    package init(_ source: String) throws {
        self.source = source
        expression = try NSRegularExpression(pattern: source)
    }

    package var captureGroups: Int { expression.numberOfCaptureGroups }

    /// Whether the expression occurs in `text`.
    package func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// What the first capture group took at the first match in `text`; "" when nothing matches or the group
    /// took no part in the match.
    package func firstCapture(in text: String) -> String {
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
        else { return "" }
        return String(text[range])
    }
}
