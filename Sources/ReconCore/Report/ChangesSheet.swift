/// The Changes sheet: what is new since the previous report and what was resolved since, or a note that
/// there was nothing to compare with.
enum ChangesSheet {
    static let title = "Changes"

    /// The new and resolved rows, with the team's notes on their orders when there is a follow-up file;
    /// e-mail addresses masked when `maskingEmails` (a resolved row comes from the previous report, which
    /// may not have masked them).
    static func table(_ changes: Changes, followUps: FollowUps?, maskingEmails: Bool) -> ReportTable {
        // Before the long how-resolved words, which stay last.
        var all = columns
        all.insert(contentsOf: followUps?.columns { (row: ChangeRow) in row.row.orderId } ?? [], at: all.count - 1)
        let table = ReportTable(name: "changes", rows: changes.rows, columns: all)
        return maskingEmails ? table.maskingEmails() : table
    }

    static let columns: [ReportColumn<ChangeRow>] = [
        .init("change", .text) { .text($0.status.rawValue) },
        .init("kind", .text) { .text($0.kind) },
        .init("flag_or_state", .text) { .text($0.row.label) },
        .init("order_id", .id) { .text($0.row.orderId) },
        .init("payment_id", .id) { .text($0.row.paymentId) },
        .init("currency", .text) { .text($0.row.currency.code) },
        .init("amount", .money) { .money($0.row.amount, $0.row.currency) },
        .init("first_flagged_on", .date) { .date($0.row.firstFlaggedOn) },
        .init("how_resolved", .longText) { .text($0.howResolved) },
    ]

    /// What the sheet says under its header when the run compared nothing, or compared and found no change;
    /// nil when it lists changes.
    static func note(_ counts: ChangeCounts) -> String? {
        if let reason = counts.notCompared { return "Nothing to compare with: \(reason)." }
        let changed = counts.exceptions.new + counts.exceptions.resolved + counts.cases.new + counts.cases.resolved
        guard changed == 0, let previous = counts.previousAsOf else { return nil }
        return "No exception or case is new or resolved since the report as of \(previous)."
    }

    /// Writes `note` on the Changes sheet among `parts`, below its header; it has no rows when it has a note.
    static func write(note: String, among parts: [WorkbookWriter.SheetPart]) throws {
        guard let part = parts.first(where: { $0.table.name == "changes" }) else { return }
        // The sheet has no rows then: the note runs on over the empty cells to its right.
        try part.sheet.write(note, row: 2, column: 0)
    }
}
