/// What `redact_personal_data` does to outputs: e-mail addresses keep their domain and lose their local part
/// (`paypal:#3f2a9c@example.com`, the same hash for the same address, so accounts stay comparable);
/// customer names are left out; rejected rows keep their place and reason but not their text.
package enum PersonalData {
    package static let withheldRaw = "(withheld: redact_personal_data)"

    /// Replaces the local part of every e-mail address in `text` with `#` and six hex digits of its SHA-256.
    package static func maskEmails(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var masked = EmailMasking()
        for c in text { masked.append(c) }
        masked.endToken()
        return masked.text
    }
}

/// Text masked so far and the token being read: a token (what lies between separators) that looks like
/// an e-mail address loses its local part.
private struct EmailMasking {
    static let separators: Set<Character> = [" ", "\t", "\n", ",", ";", ":", "<", ">", "\"", "'", "(", ")", "[", "]"]
    private(set) var text = ""
    private var token = ""

    mutating func append(_ c: Character) {
        if Self.separators.contains(c) {
            endToken()
            text.append(c)
        } else {
            token.append(c)
        }
    }

    mutating func endToken() {
        if let at = token.firstIndex(of: "@"), at != token.startIndex, token[token.index(after: at)...].contains(".") {
            let local = String(token[..<at]).lowercased()
            text += "#" + SHA256.hex(of: Array(local.utf8)).prefix(6) + token[at...]
        } else {
            text += token
        }
        token = ""
    }
}

extension ReportTable {
    /// The same table with every text cell's e-mail addresses masked.
    func maskingEmails() -> ReportTable {
        let original = fillRow
        return ReportTable(name: name, columns: columns, rowCount: rowCount) { i, cells in
            original(i, &cells)
            for c in cells.indices {
                if case .text(let s) = cells[c] { cells[c] = .text(PersonalData.maskEmails(s)) }
            }
        }
    }
}
