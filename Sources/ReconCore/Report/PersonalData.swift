/// What `redact_personal_data` does to outputs: e-mail addresses keep their domain and lose their local part
/// (`paypal:#3f2a9c@example.com`, the same hash for the same address, so accounts stay comparable);
/// customer names are left out; rejected rows keep their place and reason but not their text.
public enum PersonalData {
    public static let withheldRaw = "(withheld: redact_personal_data)"

    /// Replaces the local part of every e-mail address in `text` with `#` and six hex digits of its SHA-256.
    public static func maskEmails(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let separators: Set<Character> = [" ", "\t", "\n", ",", ";", ":", "<", ">", "\"", "'", "(", ")", "[", "]"]
        var out = ""
        var token = ""
        func flush() {
            if let at = token.firstIndex(of: "@"), at != token.startIndex, token[token.index(after: at)...].contains(".") {
                let local = String(token[..<at]).lowercased()
                out += "#" + SHA256.hex(of: Array(local.utf8)).prefix(6) + token[at...]
            } else {
                out += token
            }
            token = ""
        }
        for c in text {
            if separators.contains(c) {
                flush()
                out.append(c)
            } else {
                token.append(c)
            }
        }
        flush()
        return out
    }
}

extension ReportTable {
    /// The same table with every text cell's e-mail addresses masked.
    func maskingEmails() -> ReportTable {
        let original = row
        return ReportTable(name: name, columns: columns, rowCount: rowCount) { i in
            original(i).map { cell in
                if case .text(let s) = cell { return .text(PersonalData.maskEmails(s)) }
                return cell
            }
        }
    }
}
