import Testing

@testable import ReconCore

/// The Summary's money: what is owed per currency, by age in finance's buckets, the largest overdue amounts
/// with their rows on the Overdue sheet, and the cases the clock sets aside. Worked by hand below.
@Suite struct SummaryMoneyTests {
    static let usd = Currency(code: "USD")!
    static let jpy = Currency(code: "JPY")!

    static func refundCase(_ id: String, _ currency: Currency, expected: Int64, settled: Int64, state: CaseState)
        -> CaseRow
    {
        CaseRow(
            orderId: id, order: 0, kind: .cancellation, approvedOn: CivilDate(iso: "2026-05-01")!,
            dueOn: CivilDate(iso: "2026-05-29")!, currency: currency, expected: expected, settled: settled,
            settledOn: nil, state: state, businessDaysElapsed: 20, settlingPayment: nil)
    }

    /// A cases and its `overdue` flag, `days` business days past due.
    static func overdue(_ id: String, _ currency: Currency, owed: Int64, days: Int) -> (CaseRow, ExceptionRow) {
        let row = refundCase(id, currency, expected: owed, settled: 0, state: .overdue)
        return (row, .overdue(row, businessDaysOverdue: days, detail: ""))
    }

    /// USD: A pending with 40.00 of 50.00 outstanding (not yet due); B 90.00 overdue 3 days (1–5); C 150.00
    /// overdue 45 days (over 40); D refunded per store (30.00); E settled. JPY: F ¥1,200 overdue 12 days
    /// (11–20); G ¥800 overdue 0 business days (due on a Friday, overdue on the Saturday: 1–5); H never
    /// captured (approved for ¥0).
    /// Owed: USD 240.00 overdue + 40.00 not yet due = 280.00; JPY 2,000 overdue, 0 not yet due.
    /// The Overdue sheet, most days first: C (row 0), F (1), B (2), G (3).
    @Test func owedMoneyByCurrencyAndAge() throws {
        let (b, bFlag) = Self.overdue("B", Self.usd, owed: 9000, days: 3)
        let (c, cFlag) = Self.overdue("C", Self.usd, owed: 15000, days: 45)
        let (f, fFlag) = Self.overdue("F", Self.jpy, owed: 1200, days: 12)
        let (g, gFlag) = Self.overdue("G", Self.jpy, owed: 800, days: 0)
        let cases = [
            Self.refundCase("A", Self.usd, expected: 5000, settled: 1000, state: .pending), b, c,
            Self.refundCase("D", Self.usd, expected: 3000, settled: 3000, state: .refundedPerStore),
            Self.refundCase("E", Self.usd, expected: 7000, settled: 7000, state: .settled), f, g,
            Self.refundCase("H", Self.jpy, expected: 0, settled: 0, state: .neverCaptured),
        ]
        let money = try SummaryMoney(cases: cases, exceptions: [bFlag, cFlag, fFlag, gFlag])
        var jpy = SummaryMoney.Owed(currency: Self.jpy, overdue: 2000, notYetDue: 0)
        jpy.byAge = [0, 800, 0, 1200, 0, 0]
        jpy.total = 2000
        var usd = SummaryMoney.Owed(currency: Self.usd, overdue: 24000, notYetDue: 4000)
        usd.byAge = [4000, 9000, 0, 0, 0, 15000]
        usd.total = 28000
        #expect(money.owed == [jpy, usd])
        #expect(money.largestOverdue.map(\.orderId) == ["F", "G", "C", "B"])
        #expect(money.largestOverdue.map(\.overdueRow) == [1, 3, 0, 2])
        #expect(
            money.setAside == [
                .init(state: .refundedPerStore, currency: Self.usd, count: 1, expected: 3000),
                .init(state: .neverCaptured, currency: Self.jpy, count: 1, expected: 0),
            ])
    }

    /// Seven USD cases overdue 1 day owing 1.00 to 7.00: the three largest are listed, 7.00 first.
    @Test func onlyTheLargestThreeOfACurrencyAreListed() throws {
        let pairs = (1...7).map { Self.overdue("O-\($0)", Self.usd, owed: Int64($0) * 100, days: 1) }
        let money = try SummaryMoney(cases: pairs.map(\.0), exceptions: pairs.map(\.1))
        #expect(money.largestOverdue.map(\.orderId) == ["O-7", "O-6", "O-5"])
        // Same days overdue, so the sheet lists them by order id: O-7 is its seventh row (6).
        #expect(money.largestOverdue.map(\.overdueRow) == [6, 5, 4])
    }

    /// Each bucket's edges: 1–5, 6–10, 11–20, 21–40, over 40 business days; nil is not yet due.
    @Test func bucketEdges() {
        let days: [Int?] = [nil, 1, 5, 6, 10, 11, 20, 21, 40, 41, 500]
        #expect(days.map { SummaryMoney.bucket(daysPastDue: $0) } == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    }

    /// `USD 159,934.44` is 14 digits' room, `JPY 19,879` 10, `-USD 0.05` 9; a Japanese name counts double.
    @Test func renderedWidths() {
        #expect(RenderedWidth.money(15_993_444, Self.usd) == 14)
        #expect(RenderedWidth.money(19_879, Self.jpy) == 10)
        #expect(RenderedWidth.money(-5, Self.usd) == 9)
        #expect(RenderedWidth.money(0, Self.jpy) == 5)
        #expect(RenderedWidth.text("山田 花子") == 9)
        #expect(RenderedWidth.of(.integer(-1205)) == 5)
        #expect(RenderedWidth.of(.integer(0)) == 1)
        #expect(RenderedWidth.money(100, Self.usd) == 8)  // USD 1.00
        // Wrapped at 9: "aaaa bbbb" / "cccc"; 25 letters at 10: 10 + 10 + 5; a line feed starts a line.
        #expect(RenderedWidth.lines("aaaa bbbb cccc", width: 9) == 2)
        #expect(RenderedWidth.lines(String(repeating: "x", count: 25), width: 10) == 3)
        #expect(RenderedWidth.lines("aaaa\nbbbb cc", width: 9) == 2)
        #expect(RenderedWidth.lines("short", width: 10) == 1)
        // "Business" over "days overdue": 12; one word stays whole.
        #expect(RenderedWidth.twoLines("Business days overdue") == 12)
        #expect(RenderedWidth.twoLines("Outstanding") == 11)
    }

    /// Columns of 60 digits draw 425 pixels each (7 × 60 + 5): two fit a 921-pixel page, three need 72%
    /// (921 / 1,275), below the 75% floor, so that sheet prints at 75% over pages, its key columns repeated.
    @Test func wideSheetsSpanPagesRatherThanShrink() {
        let printing = PrintSetup(pipeline: "A&B", asOf: CivilDate(iso: "2026-06-30")!)
        #expect(PrintSetup.fittingPercent(widths: [60, 60]) == 100)
        #expect(PrintSetup.fittingPercent(widths: [60, 60, 60]) == 72)
        #expect(printing.forDetailSheet(widths: [60, 60], keyColumn: 1).scale == .fitToWidth)
        let wide = printing.forDetailSheet(widths: [60, 60, 60], keyColumn: 1)
        #expect(wide.scale == .percent(75))
        #expect(wide.repeatedColumns == 0...1)
        #expect(wide.repeatedRows == 0...0)
        #expect(printing.header == "&L&A&CA&&B&RAs of 2026-06-30")
        #expect(printing.footer.contains("Page &P of &N"))
    }

    /// Overdue rows USD 1.00, ¥500, USD 2.50 on sheet rows 2–4: a total per currency by code, each adding the
    /// rows shown in its currency (¥500; USD 3.50), the label under the first column.
    @Test func overdueTotalsPerCurrency() throws {
        let cells: [[Cell]] = [
            [.text("A"), .text("USD"), .money(100, Self.usd)], [.text("B"), .text("JPY"), .money(500, Self.jpy)],
            [.text("C"), .text("USD"), .money(250, Self.usd)],
        ]
        let table = ReportTable(
            name: "overdue",
            columns: [Column("order_id", .id), Column("currency", .text), Column("outstanding", .money)],
            rowCount: cells.count
        ) { cells[$0] }
        var totals = try #require(CurrencyTotals(of: table))
        for row in cells { try totals.add(row) }
        let rows = totals.rows(firstRow: 1, lastRow: 3)
        let shown = "SUBTOTAL(109,OFFSET(C2,ROW(C2:C4)-2,0))"
        #expect(
            rows.map { $0[2].content } == [
                .sum(formula: "=SUMPRODUCT(\(shown)*(B2:B4=\"JPY\"))", value: 500, currency: Self.jpy),
                .sum(formula: "=SUMPRODUCT(\(shown)*(B2:B4=\"USD\"))", value: 350, currency: Self.usd),
            ])
        #expect(rows.map { $0[0] } == Array(repeating: .init(column: 0, content: .label("Total shown")), count: 2))
        #expect(CurrencyTotals(of: ReportTable(name: "cases", columns: table.columns, rowCount: 0) { _ in [] }) == nil)
    }
}
