/// Makes the ids of a format's `content` mappings, for statements that have no id of their own: the values
/// of the source's parameters that the format uses (the card and currency a statement is given), then those
/// of the named columns, joined by spaces, then `#` and how many rows of the same content the file has had so
/// far, this one included (`card:4242 usd 2026-01-05 -12.34 AMAZON MKTPLACE #1`, `… #2` for a second
/// identical line). The same line in two overlapping downloads of one statement so gets the same id, and the
/// same line on two cards' statements two. Card numbers are masked before counting, so that no id carries
/// one.
struct ContentIds {
    /// Each content id's columns, by position (`BoundFormat.contentColumns`).
    let columns: [[Int]]
    /// The parameters' values, each followed by a space.
    private let scope: String
    /// For each content id, the rows read so far by their masked content.
    private var seen: [[String: Int]]

    /// `parameters`: the source's; only those named in `used` (the format's templates' `{$name}`s) count,
    /// in the order of their names, each read as a payment method is (trimmed, lower-cased, a card's mask
    /// dropped), so that two downloads given `USD` and `usd`, `card:4242` and `card:****4242`, or a
    /// parameter no template reads, still share their ids.
    init(columns: [[Int]], parameters: [String: String], used: Set<String>) {
        self.columns = columns
        scope = parameters.filter { used.contains($0.key) }.sorted { $0.key < $1.key }
            .map { (PaymentMethod.normalise($0.value) ?? "") + " " }.joined()
        seen = Array(repeating: [:], count: columns.count)
    }

    /// Appends each content id to the row's fields, where the format reads it.
    mutating func appendIds(to row: inout SourceRow) {
        for (i, indices) in columns.enumerated() {
            // Masked apart from the scope, which could otherwise run on into the first value's digits.
            let content =
                scope + CardMasker.mask(indices.map { String(row.fields[$0].trimmingSpaces()) }.joined(separator: " "))
            let occurrence = seen[i][content, default: 0] + 1
            seen[i][content] = occurrence
            row.fields.append("\(content) #\(occurrence)")
        }
    }
}
