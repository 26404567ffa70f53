/// Text as it may be printed to a terminal or a log: card numbers masked, and every control character
/// (C0 but tab, DEL, C1) written out the way Swift writes it, `\u{1B}`, so that what the inputs hold can
/// neither move the cursor, recolour, retitle or clear the terminal, nor start a line that was not printed.
/// Everything recon prints from data (explain, check, run's summary, log lines, errors) goes through it.
package enum TerminalText {
    package static func safe(_ text: String) -> String {
        let masked = CardMasker.mask(text)
        guard masked.unicodeScalars.contains(where: isControl) else { return masked }
        var out = String.UnicodeScalarView()
        for scalar in masked.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// As `safe`, for a message recon writes over several lines: its own line breaks stay, and each line is made
    /// safe on its own (data put into such a message is made safe by whoever puts it there, line breaks included).
    package static func safeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }.joined(separator: "\n")
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }
}
