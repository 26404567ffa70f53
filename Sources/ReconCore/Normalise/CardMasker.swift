/// Finds card numbers and keeps only their last four digits, so that no output, log or error carries one.
/// Every text from the inputs that can reach one goes through `mask`.
///
/// A card number is 13–19 digits, written whole or in groups joined by single spaces or hyphens, that pass
/// the Luhn check and are not glued to a letter or another digit. So an Amazon order number
/// (`114-4672710-6798647`, which fails the check) and a PayPal transaction id (`6837826109773941J`, glued to
/// its letter) stay readable. Where a run of space-separated groups is not one card number as a whole, the
/// longest card number among its groups is masked (`qty 2 4111 1111 1111 1111` → `qty 2 ****1111`); groups
/// joined by hyphens are never split.
package enum CardMasker {
    /// Replaces each card number in `text` with `****` and its last four digits.
    package static func mask(_ text: String) -> String {
        replaceCardNumbers(in: text) { "****" + $0 }
    }

    /// Masks a text that was cut short at its end: a card number the cut went through no longer passes the
    /// check, so the digits, spaces and hyphens just before the cut are dropped as well.
    package static func maskCut(_ text: String) -> String {
        let kept = text.unicodeScalars.reversed().drop { $0.properties.numericType != nil || $0 == " " || $0 == "-" }
        return mask(String(String.UnicodeScalarView(kept.reversed())))
    }

    /// Replaces each card number with `replacement(lastFour)`; returns `text` unchanged when there is none.
    static func replaceCardNumbers(in text: String, replacement: (String) -> String) -> String {
        guard mayHoldCardNumber(text.utf8) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else {
                i += 1
                continue
            }
            let run = words(in: bytes, from: i)
            let end = run[run.count - 1].range.upperBound
            let gluedBefore = i > 0 && isLetter(bytes[i - 1])
            let gluedAfter = end < bytes.count && isLetter(bytes[end])
            for span in cardSpans(run[...], gluedBefore: gluedBefore, gluedAfter: gluedAfter) {
                out.append(contentsOf: bytes[copied..<run[span.lowerBound].range.lowerBound])
                let digits = run[span].flatMap(\.digits)
                out.append(contentsOf: replacement(String(decoding: digits.suffix(4), as: UTF8.self)).utf8)
                copied = run[span.upperBound].range.upperBound
            }
            i = end
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The cheap test run on every text first: true when it has a run of at least 13 digits, counting
    /// through single spaces and hyphens. Most texts have none and are left as they are.
    static func mayHoldCardNumber(_ utf8: String.UTF8View) -> Bool {
        var digits = 0
        var afterSeparator = false
        for b in utf8 {
            if isDigit(b) {
                digits += 1
                if digits >= 13 { return true }
                afterSeparator = false
            } else if (b == space || b == hyphen) && !afterSeparator {
                afterSeparator = true
            } else {
                digits = 0
                afterSeparator = false
            }
        }
        return false
    }

    /// A group of digits, or several joined by single hyphens: one word of a run, which is never split.
    private struct Word {
        var range: Range<Int>
        var digits: [UInt8]
    }

    /// The run of digits starting at `start`, through single spaces and hyphens followed by a digit, cut into
    /// words at its spaces.
    private static func words(in bytes: [UInt8], from start: Int) -> [Word] {
        var words: [Word] = []
        var wordStart = start
        var digits: [UInt8] = []
        var j = start
        while j < bytes.count {
            if isDigit(bytes[j]) {
                digits.append(bytes[j])
                j += 1
                continue
            }
            guard bytes[j] == space || bytes[j] == hyphen, j + 1 < bytes.count, isDigit(bytes[j + 1]) else { break }
            if bytes[j] == space {
                words.append(Word(range: wordStart..<j, digits: digits))
                digits = []
                wordStart = j + 1
            }
            j += 1
        }
        words.append(Word(range: wordStart..<j, digits: digits))
        return words
    }

    /// The card numbers among consecutive `words`, in order: the longest (the first of equal length), then
    /// those in the words left on either side of it. A glued end of the run cannot end a card number.
    private static func cardSpans(_ words: ArraySlice<Word>, gluedBefore: Bool, gluedAfter: Bool) -> [ClosedRange<Int>]
    {
        var best: (span: ClosedRange<Int>, digits: Int)?
        for first in words.indices where first > words.startIndex || !gluedBefore {
            var count = 0
            for last in first..<words.endIndex {
                count += words[last].digits.count
                if count > 19 { break }
                guard count >= 13, count > best?.digits ?? 0, last < words.endIndex - 1 || !gluedAfter,
                    passesLuhn(words[first...last].flatMap(\.digits))
                else { continue }
                best = (first...last, count)
            }
        }
        guard let span = best?.span else { return [] }
        return cardSpans(words[..<span.lowerBound], gluedBefore: gluedBefore, gluedAfter: false) + [span]
            + cardSpans(words[(span.upperBound + 1)...], gluedBefore: false, gluedAfter: gluedAfter)
    }

    /// The Luhn check every card number passes: doubling every second digit from the right, the sum ends in 0.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (k, b) in digits.reversed().enumerated() {
            let d = Int(b - 48)
            sum += k % 2 == 0 ? d : (d < 5 ? 2 * d : 2 * d - 9)
        }
        return sum % 10 == 0
    }

    private static let space = UInt8(ascii: " ")
    private static let hyphen = UInt8(ascii: "-")
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
}
