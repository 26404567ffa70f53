/// Makes the ids of a format's `content` mappings, for statements that have no id of their own: the
/// source's parameters (the card and currency a statement is given), then the values of the named columns,
/// joined by spaces, then `#` and how many rows of the same content the file has had so far, this one
/// included (`card:4242 USD 2026-01-05 -12.34 AMAZON MKTPLACE #1`, `… #2` for a second identical line).
/// The same line in two overlapping downloads of one statement so gets the same id, and the same line on two
/// cards' statements two. Card numbers are masked before counting, so that no id carries one.
struct ContentIds {
    /// Each content id's columns, by position (`BoundFormat.contentColumns`).
    let columns: [[Int]]
    /// The source's parameters' values in the order of their names, each followed by a space.
    private let scope: String
    /// For each content id, the rows read so far by their masked content.
    private var seen: [[String: Int]]

    init(columns: [[Int]], parameters: [String: String]) {
        self.columns = columns
        scope = parameters.sorted { $0.key < $1.key }.map { "\($0.value) " }.joined()
        seen = Array(repeating: [:], count: columns.count)
    }

    /// Appends each content id to the row's fields, where the format reads it.
    mutating func appendIds(to row: inout SourceRow) {
        for (i, indices) in columns.enumerated() {
            let content = CardMasker.mask(
                scope + indices.map { String(row.fields[$0].trimmingSpaces()) }.joined(separator: " "))
            let occurrence = seen[i][content, default: 0] + 1
            seen[i][content] = occurrence
            row.fields.append("\(content) #\(occurrence)")
        }
    }
}
