/// A decoded row with the bytes it had in the file, for the rejected file should it be rejected later.
struct HeldRow: Equatable {
    var row: SourceRow
    var raw: [UInt8]
    var rawCut: Bool
}

/// Joins consecutive rows with the same non-empty value in the group column into one record (Shopify
/// writes an order's line items on rows of their own): each row is held until the next one shows whether
/// the group goes on, and a later row fills only the fields the first left empty. Without a group column
/// every row passes straight through.
struct LineItemGrouper {
    static let reason = "line item grouped with the row above"
    let column: Int?
    /// The first row of the group read last, with what later rows filled in.
    private(set) var held: HeldRow?

    init(column: Int?) { self.column = column }

    enum Step: Equatable {
        /// The row was joined to the held one: it is counted as skipped.
        case grouped
        /// The row is held (or, without a group column, passed on); the row that was held before it, if
        /// any, is now whole and to be read.
        case released(HeldRow?)
    }

    mutating func add(_ next: HeldRow) -> Step {
        guard let column else { return .released(next) }
        let key = next.row.fields[column]
        if var first = held, !key.isEmpty, first.row.fields[column] == key {
            for (i, value) in next.row.fields.enumerated() where first.row.fields[i].trimmingSpaces().isEmpty {
                first.row.fields[i] = value
            }
            held = first
            return .grouped
        }
        defer { held = next }
        return .released(held)
    }

    /// The row still held at the end of the file.
    mutating func finish() -> HeldRow? {
        defer { held = nil }
        return held
    }
}
