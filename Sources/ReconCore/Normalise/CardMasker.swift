/// Finds full card numbers (13–19 digits, optionally grouped by single spaces or dashes)
/// and keeps only their last four digits, so that no output or log carries one.
public enum CardMasker {
    /// Replaces each card number in `text` with `****` and its last four digits.
    public static func mask(_ text: String) -> String {
        replaceCardNumbers(in: text) { "****" + $0 }
    }

    /// Replaces each card number with `replacement(lastFour)`; returns `text` unchanged when there is none.
    static func replaceCardNumbers(in text: String, replacement: (String) -> String) -> String {
        let bytes = Array(text.utf8)
        var digitCount = 0
        for b in bytes where b >= 48 && b <= 57 { digitCount += 1 }
        guard digitCount >= 13 else { return text }

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            guard isDigit(bytes[i]), i == 0 || !isDigit(bytes[i - 1]) else {
                out.append(bytes[i]); i += 1; continue
            }
            // Extend a run of digits with single inner separators.
            var j = i
            var digits: [UInt8] = []
            var end = i
            while j < bytes.count {
                if isDigit(bytes[j]) {
                    digits.append(bytes[j]); j += 1; end = j
                } else if (bytes[j] == 32 || bytes[j] == UInt8(ascii: "-")), j + 1 < bytes.count, isDigit(bytes[j + 1]) {
                    j += 1
                } else { break }
            }
            if (13...19).contains(digits.count) {
                out.append(contentsOf: replacement(String(decoding: digits.suffix(4), as: UTF8.self)).utf8)
                changed = true
                i = end
            } else if digits.count > 19 {
                // A longer run is not a card number; copy it as it is.
                out.append(contentsOf: bytes[i..<end]); i = end
            } else {
                // Copy only the first group: a card number may still start inside this run.
                var k = i
                while k < bytes.count, isDigit(bytes[k]) { out.append(bytes[k]); k += 1 }
                i = k
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
