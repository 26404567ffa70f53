/// A date/time layout such as `M/D/YYYY`, `DD.MM.YYYY HH:mm` or `YYYY-MM-DD HH:mm:ss Z`, turned into
/// ISO 8601 text for the timestamp parser. Tokens: `YYYY` (four digits), `YY` (two: 2000–2099), `MM`/`M`,
/// `DD`/`D`, `HH`/`H`, `mm`, `ss`, `Z` (an offset: `Z`, `+0100`, `+01:00`); any other character must
/// appear as it is.
package struct DateLayout: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case year, shortYear, month, day, hour, minute, second, offset
        case literal(Character)
    }

    package let description: String
    let tokens: [Token]

    /// Nil when the layout has no year, month and day.
    package init?(_ layout: String) {
        var tokens: [Token] = []
        var rest = Substring(layout)
        let words: [(String, Token)] = [
            ("YYYY", .year), ("YY", .shortYear), ("MM", .month), ("M", .month), ("DD", .day), ("D", .day),
            ("HH", .hour), ("H", .hour), ("mm", .minute), ("ss", .second), ("Z", .offset),
        ]
        while let c = rest.first {
            if let (word, token) = words.first(where: { rest.hasPrefix($0.0) }) {
                tokens.append(token)
                rest = rest.dropFirst(word.count)
            } else {
                tokens.append(.literal(c))
                rest = rest.dropFirst()
            }
        }
        guard tokens.contains(.year) || tokens.contains(.shortYear), tokens.contains(.month), tokens.contains(.day)
        else { return nil }
        self.description = layout
        self.tokens = tokens
    }

    /// The same layout with month and day changed places (`M/D/YYYY` → `D/M/YYYY`).
    package var monthAndDaySwapped: DateLayout {
        DateLayout(String(description.map { $0 == "M" ? "D" : $0 == "D" ? "M" : $0 }))!
    }

    /// The same layout with a two-digit year (`M/D/YYYY` → `M/D/YY`); nil when it has none of four.
    package var yearShortened: DateLayout? {
        description.contains("YYYY") ? DateLayout(description.replacingOccurrences(of: "YYYY", with: "YY")) : nil
    }

    /// The ISO form (`2026-03-01T10:22:33-05:00`, or a date alone), or nil when `text` does not fit.
    package func iso(_ text: String) -> String? {
        let chars = Array(text.trimmingSpaces())
        var i = 0
        var values: [Token: Int] = [:]
        var offset = ""
        func number(maxDigits: Int) -> Int? {
            var n = 0
            var count = 0
            while i < chars.count, count < maxDigits, let d = chars[i].wholeNumberValue, chars[i].isASCII {
                n = n * 10 + d
                i += 1
                count += 1
            }
            return count == 0 ? nil : n
        }
        for token in tokens {
            switch token {
            case .literal(let c):
                if c == " " {
                    guard i < chars.count, chars[i] == " " else { return nil }
                    while i < chars.count, chars[i] == " " { i += 1 }
                } else {
                    guard i < chars.count, chars[i] == c else { return nil }
                    i += 1
                }
            case .offset:
                let start = i
                while i < chars.count, chars[i] != " " { i += 1 }
                offset = String(chars[start..<i])
                if offset.isEmpty { return nil }
            case .year:
                let start = i
                guard let n = number(maxDigits: 4), i - start == 4 else { return nil }
                values[.year] = n
            case .shortYear:
                let start = i
                guard let n = number(maxDigits: 2), i - start == 2 else { return nil }
                values[.year] = 2000 + n
            default:
                guard let n = number(maxDigits: 2) else { return nil }
                values[token] = n
            }
        }
        guard i == chars.count, let y = values[.year], let m = values[.month], let d = values[.day],
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let date = String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
        guard let h = values[.hour] else { return date }
        let time =
            String(h).leftPadded(2) + ":" + String(values[.minute] ?? 0).leftPadded(2) + ":"
            + String(values[.second] ?? 0).leftPadded(2)
        return date + "T" + time + offset
    }
}

extension DateLayout.Token: Hashable {}
