import Foundation
import Testing

@testable import ReconCore

/// Report tables are lists of named columns: inserting one moves the highlight and the Summary's picks with
/// the columns they name, rather than leaving them on a position.
@Suite struct ReportColumnTests {
    static let usd = Currency(code: "USD")!

    /// Two overdue cases, most days overdue first: O-2 (due 2026-06-24, 4 business days overdue, 1.00 of
    /// 50.00 owed) and O-1 (due 2026-06-29, 1 day, 30.00 of 50.00 owed).
    static let overdueRows: [OverdueRow] = [
        overdue("O-2", due: "2026-06-24", settled: 4900, days: 4),
        overdue("O-1", due: "2026-06-29", settled: 2000, days: 1),
    ]

    static func overdue(_ id: String, due: String, settled: Int64, days: Int) -> OverdueRow {
        let refundCase = CaseRow(
            orderId: id, order: 0, kind: .refund, approvedOn: CivilDate(iso: "2026-05-29")!,
            dueOn: CivilDate(iso: due)!, currency: usd, expected: 5000, settled: settled,
            settledOn: nil, state: .overdue, businessDaysElapsed: 20 + days, settlingPayment: nil)
        return OverdueRow(flag: .overdue(refundCase, businessDaysOverdue: days, detail: "d"), order: nil)
    }

    /// A column put first, before every column SPEC gives.
    static func note<Row>() -> ReportColumn<Row> { ReportColumn("note", .text) { _ in .text("n") } }

    @Test func theHighlightFollowsItsColumnByName() {
        let overdue = ReportTable(
            name: "overdue", rows: Self.overdueRows,
            columns: ReportTables.overdueColumns(customers: true, texts: RunTexts()))
        let inserted = ReportTable(
            name: "overdue", rows: Self.overdueRows,
            columns: [Self.note()] + ReportTables.overdueColumns(customers: true, texts: RunTexts()))
        // business_days_overdue is the fourth column (index 3), the fifth (4) behind the note.
        #expect(WorkbookWriter.highlights(of: overdue.columns).map(\.column) == [3])
        #expect(WorkbookWriter.highlights(of: inserted.columns).map(\.column) == [4])
        #expect(WorkbookWriter.highlights(of: inserted.columns).map(\.highlight) == [.daysOverdue])
        // state is the tenth cases column (index 9), the eleventh (10) behind the note.
        let firstFlagged = FirstFlagged(asOf: CivilDate(iso: "2026-06-30")!, masksEmails: false)
        let cases = ReportTable(
            name: "cases", rows: [CaseRow](),
            columns: [Self.note()] + ReportTables.caseColumns(firstFlagged: firstFlagged))
        #expect(WorkbookWriter.highlights(of: cases.columns).map(\.column) == [10])
        #expect(WorkbookWriter.highlights(of: cases.columns).map(\.highlight) == [.caseState])
    }

    /// The Exceptions sheet splits `business_days` where the CSV has it: O-2's overdue row (4 business days
    /// overdue) fills only "business days overdue", a late row only "business days late"; the other columns
    /// are the CSV's, in its order.
    @Test func theExceptionsSheetSplitsBusinessDaysByMeaning() {
        let overdue = Self.overdueRows[0].flag
        var late = overdue
        late.flag = .late
        let firstFlagged = FirstFlagged(asOf: CivilDate(iso: "2026-06-30")!, masksEmails: false)
        let sheet = ReportTables.exceptionsSheet([overdue, late], firstFlagged: firstFlagged)
        let names = ReportTables.exceptionColumns(firstFlagged: firstFlagged).map(\.column.name)
        let split = names.firstIndex(of: "business_days")!
        #expect(
            sheet.columns.map(\.name)
                == names[..<split] + ["business_days_late", "business_days_overdue"] + names[(split + 1)...])
        #expect(Array(sheet.row(0)[split...(split + 1)]) == [.empty, .integer(4)])
        #expect(Array(sheet.row(1)[split...(split + 1)]) == [.integer(4), .empty])
        #expect(SheetHeaders.title("business_days_late") == "Business days late")
        #expect(SheetHeaders.title("original_payment_id") == "Original payment ID")
        #expect(SheetHeaders.title("first_flagged_on") == "First flagged on")
    }

    /// The CSV is written from the same list: the header is the columns' names, each line their values.
    @Test func theCSVIsWrittenFromTheColumns() throws {
        let table = ReportTable(
            name: "overdue", rows: Self.overdueRows,
            columns: [Self.note()] + ReportTables.overdueColumns(customers: false, texts: RunTexts()))
        let sink = MemorySink()
        var writer = CSVWriter(sink: sink)
        #expect(try writer.write(table: table) == 2)
        #expect(
            String(decoding: sink.bytes, as: UTF8.self) == """
                note,order_id,approved_on,due_on,business_days_overdue,currency,outstanding,payment_method,country,order_status,detail
                n,O-2,2026-05-29,2026-06-24,4,USD,1.00,,,,d
                n,O-1,2026-05-29,2026-06-29,1,USD,30.00,,,,d

                """)
    }
}
