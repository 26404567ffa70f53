/// Makes the ids of a format's `content` mappings, for statements that have no id of their own: the
/// values of the named columns joined by spaces, then `#` and how many rows of the same content the file
/// has had so far, this one included (`2026-01-05 -12.34 AMAZON MKTPLACE #1`, `… #2` for a second
/// identical line). The same line in two overlapping downloads so gets the same id. Card numbers are
/// masked before counting, so that no id carries one.
struct ContentIds {
    /// Each content id's columns, by position (`BoundFormat.contentColumns`).
    let columns: [[Int]]
    /// For each content id, the rows read so far by their masked content.
    private var seen: [[String: Int]]

    init(columns: [[Int]]) {
        self.columns = columns
        seen = Array(repeating: [:], count: columns.count)
    }

    /// Appends each content id to the row's fields, where the format reads it.
    mutating func appendIds(to row: inout SourceRow) {
        for (i, indices) in columns.enumerated() {
            let content = CardMasker.mask(
                indices.map { String(row.fields[$0].trimmingSpaces()) }.joined(separator: " "))
            let occurrence = seen[i][content, default: 0] + 1
            seen[i][content] = occurrence
            row.fields.append("\(content) #\(occurrence)")
        }
    }
}
