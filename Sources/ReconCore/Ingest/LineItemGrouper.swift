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

/// Joins rows with the same non-empty key anywhere in the file into one record (`group_by: {key: …}`: an
/// Amazon order history writes one row per item, and an order's items are not always together). A later
/// row fills only the fields the first left empty, except the `sum` columns, whose values are added up
/// exactly in the format's number style. Groups are held until the file ends (one row each), then
/// released in the order of their first rows, each with its first row's line. A row without a key is a
/// group of its own.
struct KeyedGrouper {
    static let reason = "line item grouped with an earlier row of the same key"
    let keyColumn: Int
    let sums: [(index: Int, name: String)]
    let numbers: NumberStyle
    /// The positions of `sums`, which later rows never fill.
    private let summed: Set<Int>
    private var groups: [Group] = []
    /// Where each key's group is in `groups`.
    private var positions: [String: Int] = [:]
    /// Groups released so far.
    private var released = 0

    /// What a group becomes once the file has ended.
    enum Released: Equatable {
        case row(HeldRow)
        /// A value to add up was not a number: the row it was on, the column and why.
        case rejected(HeldRow, column: String, reason: String)
    }

    private struct Group {
        var first: HeldRow
        var totals: [DecimalSum]
        var failure: Released?
    }

    init(keyColumn: Int, sums: [(index: Int, name: String)], numbers: NumberStyle) {
        self.keyColumn = keyColumn
        self.sums = sums
        self.numbers = numbers
        summed = Set(sums.map(\.index))
    }

    /// Holds the row: true when it starts a group, false when it joined an earlier row's (it is then
    /// counted as skipped).
    mutating func add(_ row: HeldRow) -> Bool {
        let key = String(row.row.fields[keyColumn].trimmingSpaces())
        guard !key.isEmpty, let position = positions[key] else {
            var group = Group(first: row, totals: Array(repeating: DecimalSum(), count: sums.count))
            addUp(row, key: key, into: &group)
            if !key.isEmpty { positions[key] = groups.count }
            groups.append(group)
            return true
        }
        for (i, value) in row.row.fields.enumerated()
        where !summed.contains(i) && groups[position].first.row.fields[i].trimmingSpaces().isEmpty {
            groups[position].first.row.fields[i] = value
        }
        addUp(row, key: key, into: &groups[position])
        return false
    }

    /// Adds the row's `sum` values to the group's totals; the first that is not a number fails the group.
    private func addUp(_ row: HeldRow, key: String, into group: inout Group) {
        guard group.failure == nil else { return }
        for (i, column) in sums.enumerated() {
            let text = row.row.fields[column.index].trimmedOfSpaces
            guard !text.isEmpty else { continue }
            do throws(DecimalSum.Failure) {
                guard let canonical = numbers.canonical(text) else { throw .notANumber }
                try group.totals[i].add(canonical)
            } catch {
                group.failure = .rejected(row, column: column.name, reason: failureReason(error, text, key: key))
                return
            }
        }
    }

    private func failureReason(_ failure: DecimalSum.Failure, _ text: String, key: String) -> String {
        let group = key.isEmpty ? "its group" : "group '\(key)'"
        guard failure == .notANumber else { return "the sum of \(group) is too large" }
        let thousands = numbers.thousandsSeparator.map { " and thousands separator '\($0)'" } ?? ""
        return "'\(text)' is not a number written with decimal mark '\(numbers.decimalMark)'\(thousands), "
            + "so \(group) cannot be added up"
    }

    /// The next group in the order of their first rows, its sums written in; nil once all are released.
    /// Called once the file has ended.
    mutating func next() -> Released? {
        guard released < groups.count else {
            (groups, positions) = ([], [:])
            return nil
        }
        defer { released += 1 }
        var group = groups[released]
        groups[released].first = HeldRow(row: SourceRow(line: 0, fields: []), raw: [], rawCut: false)
        if let failure = group.failure { return failure }
        for (i, column) in sums.enumerated() where group.totals[i].hasValue {
            group.first.row.fields[column.index] = group.totals[i].text(decimalMark: numbers.decimalMark)
        }
        return .row(group.first)
    }
}
