import Foundation

/// The team's notes on the cases they chase, from the pipeline's `follow_up` file: a CSV with the header
/// `order_id,owner,status,next_step,note,updated_on` (names matched case-insensitively after trimming, in
/// any order; only `order_id` is required, other columns are ignored). recon reads it and shows each
/// order's note beside its case; it never writes it, so the notes survive every night's report.
package struct FollowUps: Sendable {
    /// One order's note; empty texts where the file says nothing.
    package struct Note: Sendable, Equatable {
        package var owner = ""
        package var status = ""
        package var nextStep = ""
        package var note = ""
        package var updatedOn: CivilDate?
    }

    /// The file's columns recon reads, as its header names them.
    static let columnNames = ["order_id", "owner", "status", "next_step", "note", "updated_on"]

    package let path: String
    /// The order ids, in the file's order.
    package let orderIds: [String]
    private let notes: [String: Note]

    /// Reads the file at `path`; a malformed one throws `ReconError.unreadable` naming its line and column.
    package static func load(path: String) throws -> FollowUps {
        if let problem = notARegularFile(path) { throw ReconError.cannotOpen(path: path, reason: problem) }
        return try FollowUps(reading: try InputFile(path: path), path: path)
    }

    /// Reads `source`, the file at `path`.
    package init(reading source: ByteSource, path: String) throws {
        self.path = path
        let reader = CSVReader(source: source, name: path)
        var record = CSVRecord()
        guard try reader.next(into: &record) else {
            throw ReconError.unreadable(path: path, line: 1, reason: "no header (expected order_id, …)")
        }
        let header = try FollowUpHeader(record, path: path)
        var ids: [String] = []
        var notes: [String: (note: Note, line: Int)] = [:]
        while try reader.next(into: &record) {
            if record.isBlank { continue }
            let (id, note) = try header.note(of: record)
            if let first = notes[id] {
                throw header.fail(record, "order_id", "'\(id)' already has a note at line \(first.line)")
            }
            notes[id] = (note, record.line)
            ids.append(id)
        }
        orderIds = ids
        self.notes = notes.mapValues(\.note)
    }

    /// The note on the order `orderId`, if the file has one.
    package subscript(orderId: String) -> Note? { notes[orderId] }

    /// The ids that name no order of `orders`, in the file's order. `texts`: the run's, in which the orders'
    /// ids are read.
    package func idsNamingNoOrder(of orders: [Order], texts: RunTexts) -> [String] {
        var unseen = Set(orderIds)
        for order in orders where !unseen.isEmpty { unseen.remove(texts.id(order.id)) }
        return orderIds.filter(unseen.contains)
    }

    /// Of `ids` (those naming no order, `idsNamingNoOrder(of:texts:)`), those no exception names either (a
    /// refund's own `order_id`), in order: notes recon cannot show, listed so that a typo is seen.
    package static func unknownIds(_ ids: [String], exceptions: [ExceptionRow]) -> [String] {
        var unseen = Set(ids)
        for row in exceptions where !unseen.isEmpty { unseen.remove(row.orderId) }
        return ids.filter(unseen.contains)
    }

    /// What the Summary and the log say of `unknownIds` (this file's ids that name no order), nil for none.
    package func unknownIdsNote(_ unknownIds: [String]) -> String? {
        guard !unknownIds.isEmpty else { return nil }
        let shown = unknownIds.prefix(10).joined(separator: ", ") + (unknownIds.count > 10 ? ", …" : "")
        let ids =
            unknownIds.count == 1
            ? "1 order id in \(path) names no order; its note is not shown"
            : "\(unknownIds.count) order ids in \(path) name no order; their notes are not shown"
        return ids + ": " + shown
    }

    /// The columns that show each row's note, for a table whose rows name their order by `orderId`: the
    /// Overdue sheet's, and any other sheet of cases that wants them.
    package func columns<Row>(orderId: @escaping @Sendable (Row) -> String) -> [ReportColumn<Row>] {
        let notes = notes
        return [
            .init("owner", .text) { .text(notes[orderId($0)]?.owner ?? "") },
            .init("follow_up_status", .text) { .text(notes[orderId($0)]?.status ?? "") },
            .init("next_step", .text) { .text(notes[orderId($0)]?.nextStep ?? "") },
            .init("note", .longText) { .text(notes[orderId($0)]?.note ?? "") },
            .init("updated_on", .date) { .optionalDate(notes[orderId($0)]?.updatedOn) },
        ]
    }
}

/// Where a follow-up file's columns are, from its header line, and how a row becomes a note.
private struct FollowUpHeader {
    let path: String
    /// The field of each of `FollowUps.columnNames`, nil where the file lacks it.
    let fields: [Int?]
    let names: [String]

    init(_ record: CSVRecord, path: String) throws {
        self.path = path
        if let problem = record.problem {
            throw ReconError.unreadable(path: path, line: record.line, reason: problem.reason)
        }
        let names = (0..<record.fieldCount).map { record.field($0).trimmingCharacters(in: .whitespaces).lowercased() }
        self.names = names
        fields = FollowUps.columnNames.map { names.firstIndex(of: $0) }
        guard fields[0] != nil else {
            throw ReconError.unreadable(path: path, line: 1, reason: "header lacks the column 'order_id'")
        }
    }

    /// The order id and note of a data row; a row that cannot be read throws naming its line and column.
    func note(of record: CSVRecord) throws -> (String, FollowUps.Note) {
        if let problem = record.problem {
            throw fail(record, names.indices.contains(problem.field) ? names[problem.field] : "", problem.reason)
        }
        guard record.fieldCount == names.count else {
            throw ReconError.unreadable(
                path: path, line: record.line,
                reason: "has \(record.fieldCount) fields where the header has \(names.count)")
        }
        // Typed by people: a card number pasted into a note must not reach an output.
        let values = fields.map { field in
            field.map { CardMasker.mask(record.field($0).trimmingCharacters(in: .whitespaces)) } ?? ""
        }
        guard !values[0].isEmpty else { throw fail(record, "order_id", "is empty") }
        var updatedOn: CivilDate?
        if !values[5].isEmpty {
            guard let date = CivilDate(iso: values[5]) else {
                throw fail(record, "updated_on", "'\(values[5])' is not a YYYY-MM-DD date")
            }
            updatedOn = date
        }
        let note = FollowUps.Note(
            owner: values[1], status: values[2], nextStep: values[3], note: values[4], updatedOn: updatedOn)
        return (values[0], note)
    }

    /// The error of `record`'s `column` (empty when the whole row is at fault).
    func fail(_ record: CSVRecord, _ column: String, _ reason: String) -> ReconError {
        .unreadable(path: path, line: record.line, reason: column.isEmpty ? reason : "column '\(column)': \(reason)")
    }
}
