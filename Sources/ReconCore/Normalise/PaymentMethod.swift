/// Payment methods compared as normalised `kind:id` strings (`card:4242`, `paypal:jane@example.com`).
package enum PaymentMethod {
    /// Trims and lower-cases; a full card number keeps only its last four digits, and a bare one becomes `card:NNNN`.
    /// Empty text means the method is unknown (nil).
    package static func normalise(_ raw: some StringProtocol) -> String? {
        let text = String(raw.trimmingSpaces()).lowercased()
        guard !text.isEmpty else { return nil }
        let digitsOnly = text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 32 || $0 == UInt8(ascii: "-") }
        let masked = CardMasker.replaceCardNumbers(in: text) { $0 }
        if digitsOnly && masked != text { return "card:" + masked }
        return masked
    }

    /// Two methods differ when both are known and their normalised strings differ.
    package static func differ(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a != b
    }
}
