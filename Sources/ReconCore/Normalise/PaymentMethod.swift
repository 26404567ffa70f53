/// Payment methods compared as normalised `kind:id` strings (`card:4242`, `paypal:jane@example.com`).
package enum PaymentMethod {
    /// Trims and lower-cases; a full card number keeps only its last four digits, and a bare one becomes `card:NNNN`;
    /// `card:` followed by spaces or a mask before its digits (`card: 4242`, `card:****4242`, `card:xxxx-4242`,
    /// `card:●●●● 4242`) is `card:4242`, and so are `card:74242` and `card:-74242` (a card's last five).
    /// Empty text means the method is unknown (nil).
    package static func normalise(_ raw: some StringProtocol) -> String? {
        let text = String(raw.trimmingSpaces()).lowercased()
        guard !text.isEmpty else { return nil }
        let digitsOnly = text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 32 || $0 == UInt8(ascii: "-") }
        let masked = CardMasker.replaceCardNumbers(in: text) { $0 }
        if digitsOnly && masked != text { return "card:" + masked }
        return cardDigits(masked)
    }

    /// `card:` and the digits after any spaces, hyphens and mask characters (`*`, `x`, `•`, `●`) that come
    /// before them, the last four of a longer run (American Express shows a card's last five: `-71002` is
    /// `card:1002`); any other text as it is.
    private static func cardDigits(_ method: String) -> String {
        guard method.hasPrefix("card:") else { return method }
        let digits = method.dropFirst(5).drop { " -*x•●".contains($0) }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return method }
        return "card:" + digits.suffix(4)
    }

    /// Two methods differ when both are known and their normalised strings differ.
    package static func differ(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a != b
    }
}
