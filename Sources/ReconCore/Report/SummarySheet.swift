/// The Summary sheet, the morning's answer on one printed page: money still owed per currency, money flagged
/// for review apart from money that came back late, owed money by age with a chart, the largest overdue
/// amounts (each a link to its row), the cases the clock sets aside, then links to the sheets, the inputs
/// and the run's facts.
struct SummarySheet {
    let writer: WorkbookWriter
    let summary: RunSummary
    let money: SummaryMoney
    /// The facts under the title (as-of, pipeline).
    let headline: [(String, Cell)]
    /// The facts at the foot of the sheet.
    let runFacts: [(String, Cell)]
    let inputs: [SourceStats]
    /// Each sheet's title, its rows and the sheets it takes.
    let sheets: [(title: String, rows: Int, names: [String])]
    /// What the Summary says of the follow-up file (ids that name no order), when there is something to say.
    var followUpNote: String? = nil

    /// The flags whose money is for review, in the order the sheet lists them, and their words there;
    /// nil for the flags of the clock (overdue money is owed, late money came back).
    static func reviewWords(_ flag: Flag) -> String? {
        switch flag {
        case .unmatchedRefund: "Refund matched to no order"
        case .ambiguousMatch: "Refund matching several orders"
        case .methodMismatch: "Refunded to another method"
        case .currencyMismatch: "Refunded in another currency"
        case .overRefund: "Refunded more than was paid"
        case .outOfWindow: "Requested after the window"
        case .overdue, .late: nil
        }
    }

    static let reviewOrder: [Flag] = [
        .unmatchedRefund, .ambiguousMatch, .methodMismatch, .currencyMismatch, .overRefund, .outOfWindow,
    ]

    /// A case state in words.
    static func words(_ state: CaseState) -> String {
        switch state {
        case .settled: "Settled on time"
        case .late: "Settled late"
        case .pending: "Pending, not yet due"
        case .overdue: "Overdue"
        case .refundedPerStore: "Refunded per store, not seen in payments"
        case .neverCaptured: "Never captured"
        }
    }

    func write() throws {
        let sheet = try writer.workbook.addWorksheet("Summary")
        // Headings stay on one line: the Summary's rows keep their height.
        let heading = try writer.workbook.format(bold: true, background: 0xD9E1F2, indent: true)
        var lines = SummaryLines(sheet: sheet, writer: writer, header: heading)
        try lines.title("Refund reconciliation")
        for (label, value) in headline { try lines.fact(label, value) }
        try writeOwed(&lines)
        try writeReview(&lines)
        try writeLate(&lines)
        try writeWatchlist(&lines)
        try writeAging(&lines)
        try writeLargestOverdue(&lines)
        try writeStates(&lines)
        try writeSheetLinks(&lines)
        try writeInputs(&lines)
        try writeFreshness(&lines)
        try writeChanges(&lines)
        if let followUpNote {
            try lines.heading(["Follow-up notes"])
            try lines.line([.text("Note:"), .text(followUpNote)], spills: true)
        }
        try lines.heading(["Run"])
        for (label, value) in runFacts { try lines.fact(label, value) }
        let widths = Array(lines.widths.widths.prefix(lines.columnsUsed))
        for (c, width) in widths.enumerated() { try sheet.setColumn(c, width: width) }
        guard let printing = writer.printing else { return }
        // The chart stands right of the aging table, from the column after its last.
        let chartWidth = money.owed.isEmpty ? 0 : Self.chartPixels
        let width = PrintSetup.pixels(widths: Array(widths.prefix(SummaryMoney.buckets.count + 1))) + chartWidth
        try sheet.setUpPrinting(
            printing.forSummary(
                width: max(width, PrintSetup.pixels(widths: widths)),
                height: Double(lines.row) * Self.rowPixels))
    }

    /// The chart's width (three quarters of libxlsxwriter's 480), and a row's height (15 points), in pixels.
    static let chartPixels = 360.0
    static let rowPixels = 20.0

    private func writeOwed(_ lines: inout SummaryLines) throws {
        try lines.heading(["Money still owed", "Overdue", "Not yet due", "Total owed"])
        if money.owed.isEmpty { try lines.line([.text("Nothing owed")]) }
        for owed in money.owed {
            let c = owed.currency
            try lines.line([
                .text(c.code), .money(owed.overdue, c), .money(owed.notYetDue, c), .money(owed.total, c),
            ])
        }
    }

    /// The currencies of the review and late tables: those of any flag but `overdue`, by code.
    private var flaggedCurrencies: [Currency] {
        Set(summary.flagTotals.filter { $0.flag != .overdue }.map(\.currency)).sorted { $0.code < $1.code }
    }

    /// A row per flag raised, its count and its money in a column per currency: as many rows at any size.
    private func writeFlags(_ flags: [Flag], heading: String, words: (Flag) -> String, _ lines: inout SummaryLines)
        throws
    {
        let currencies = flaggedCurrencies
        try lines.heading([heading, "Count"] + currencies.map(\.code))
        let raised = flags.filter { summary.flagCounts[$0, default: 0] > 0 }
        if raised.isEmpty { try lines.line([.text("None")]) }
        for flag in raised {
            let amounts = currencies.map { currency -> Cell in
                guard let total = summary.flagTotals.first(where: { $0.flag == flag && $0.currency == currency })
                else { return .empty }
                return .money(total.amount, currency)
            }
            try lines.line([.text(words(flag)), .integer(summary.flagCounts[flag, default: 0])] + amounts)
        }
    }

    private func writeReview(_ lines: inout SummaryLines) throws {
        try writeFlags(
            Self.reviewOrder, heading: "Flagged for review", words: { Self.reviewWords($0) ?? $0.name }, &lines)
    }

    private func writeLate(_ lines: inout SummaryLines) throws {
        try writeFlags(
            [.late], heading: "Money that came back late", words: { _ in "Refunded after its due date" }, &lines)
    }

    /// The watchlist's deadlines: a row per kind listed, its count and its money in a column per currency.
    private func writeWatchlist(_ lines: inout SummaryLines) throws {
        let totals = summary.watchTotals
        let currencies = Set(totals.map(\.currency)).sorted { $0.code < $1.code }
        try lines.heading(["Deadlines within \(summary.watchDays) days", "Count"] + currencies.map(\.code))
        if totals.isEmpty { try lines.line([.text("None")]) }
        for kind in WatchKind.allCases {
            let ofKind = totals.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            let amounts = currencies.map { currency -> Cell in
                ofKind.first { $0.currency == currency }.map { .money($0.amount, currency) } ?? .empty
            }
            try lines.line([.text(kind.words), .integer(ofKind.reduce(0) { $0 + $1.count })] + amounts)
        }
    }

    /// Owed money by business days past due, a row per currency, and beside it a chart of each currency's
    /// money split by age (bars stacked to 100%, so that currencies of any size compare).
    private func writeAging(_ lines: inout SummaryLines) throws {
        try lines.heading(["Owed by business days past due"] + SummaryMoney.buckets.map(\.label))
        let headingRow = lines.row - 1
        if money.owed.isEmpty { return try lines.line([.text("Nothing owed")]) }
        for owed in money.owed {
            try lines.line([.text(owed.currency.code)] + owed.byAge.map { .money($0, owed.currency) })
        }
        let chart = try writer.workbook.addPercentStackedBarChart(title: "Owed money by age, share per currency")
        let (first, last) = (headingRow + 2, lines.row)
        for (b, bucket) in SummaryMoney.buckets.enumerated() {
            let column = WorkbookWriter.columnLetter(b + 1)
            try chart.addSeries(
                categories: "=Summary!$A$\(first):$A$\(last)",
                values: "=Summary!$\(column)$\(first):$\(column)$\(last)",
                name: bucket.label)
        }
        try lines.sheet.insert(
            chart, row: headingRow, column: SummaryMoney.buckets.count + 1, widthScale: Self.chartPixels / 480)
    }

    /// Each currency's largest overdue amounts, each order id a link to its row on the Overdue sheet.
    private func writeLargestOverdue(_ lines: inout SummaryLines) throws {
        try lines.heading(["Largest overdue", "Currency", "Outstanding", "Due on", "Business days overdue"])
        if money.largestOverdue.isEmpty { try lines.line([.text("Nothing overdue")]) }
        let overdueSheets = sheets.first { $0.title == "Overdue" }?.names ?? ["Overdue"]
        for large in money.largestOverdue {
            let sheet = overdueSheets[min(overdueSheets.count - 1, large.overdueRow / writer.rowsPerSheet)]
            let row = large.overdueRow % writer.rowsPerSheet + 2
            try lines.link("internal:'\(sheet)'!A\(row)", text: large.orderId)
            try lines.line(
                [
                    .empty, .text(large.currency.code), .money(large.outstanding, large.currency),
                    .optionalDate(large.dueOn), .integer(large.businessDaysOverdue),
                ])
        }
    }

    /// Cases by state, every state listed; beside those the clock sets aside (refunded per store, never
    /// captured), their currency and the amount they were approved for.
    private func writeStates(_ lines: inout SummaryLines) throws {
        try lines.heading(["Cases by state", "Cases", "Currency", "Approved"])
        let listed = summary.casesByState.map(\.state)
        let states = listed + SummaryMoney.setAsideStates.filter { !listed.contains($0) }
        for state in states {
            let count = summary.casesByState.first { $0.state == state }?.count ?? 0
            let entries = money.setAside.filter { $0.state == state }
            if entries.isEmpty { try lines.line([.text(Self.words(state)), .integer(count)]) }
            for (i, entry) in entries.enumerated() {
                try lines.line([
                    .text(i == 0 ? Self.words(state) : ""), i == 0 ? .integer(count) : .empty,
                    .text(entry.currency.code), .money(entry.expected, entry.currency),
                ])
            }
        }
    }

    /// A link to each sheet with rows; an empty sheet is hidden (it prints no page), which the line says.
    private func writeSheetLinks(_ lines: inout SummaryLines) throws {
        try lines.heading(["Sheet", "Rows"])
        for (title, rows, names) in sheets {
            if rows == 0 {
                try lines.line([.text(title), .integer(0), .text("empty, so hidden and not printed")], spills: true)
                continue
            }
            try lines.link("internal:'\(names[0])'!A1", text: title)
            let continues = "continues on " + names.dropFirst().map { "'\($0)'" }.joined(separator: ", ")
            try lines.line([.empty, .integer(rows), names.count > 1 ? .text(continues) : .empty], spills: true)
        }
    }

    /// Each input's rows; a column of rows superseded by a later payments file when there are any; the file
    /// last, wrapped when long.
    private func writeInputs(_ lines: inout SummaryLines) throws {
        let overlapping = inputs.contains { $0.superseded > 0 }
        try lines.heading(
            ["Input", "Rows read", "Used", "Skipped", "Rejected"] + (overlapping ? ["Superseded"] : []) + ["File"])
        for input in inputs {
            try lines.line(
                [
                    .text(input.kind), .integer(input.rowsRead), .integer(input.used), .integer(input.skippedTotal),
                    .integer(input.rejected),
                ] + (overlapping ? [.integer(input.superseded)] : []) + [.text(input.path)], wrapLast: true)
        }
    }

    /// Each input's latest event against as of, and a warning line for each stale one.
    private func writeFreshness(_ lines: inout SummaryLines) throws {
        try lines.heading(FreshnessLines.headings)
        for cells in FreshnessLines.rows(for: inputs) { try lines.line(cells) }
        // The label holds the first column; the warning runs on over the empty cells to its right.
        for warning in FreshnessLines.warnings(for: inputs) {
            try lines.line([.text("Warning:"), .text(warning)], spills: true)
        }
    }
}

/// The Summary sheet's next row, how a title, fact, heading, link or line of cells is written there, and
/// the widths its columns need for the values written.
struct SummaryLines {
    let sheet: XlsxWorksheet
    let writer: WorkbookWriter
    let header: XlsxFormat
    var row = 0
    /// The widest any column grows; longer text (a file's path) wraps.
    static let widthCap = 60.0
    static let columns = 10
    var widths = ColumnWidths(
        floors: Array(repeating: 8, count: columns), caps: Array(repeating: widthCap, count: columns))
    /// How many columns, from the first, hold something.
    var columnsUsed = 1

    init(sheet: XlsxWorksheet, writer: WorkbookWriter, header: XlsxFormat) {
        self.sheet = sheet
        self.writer = writer
        self.header = header
    }

    mutating func title(_ text: String) throws {
        try sheet.write(text, row: row, column: 0, format: try writer.workbook.format(bold: true))
        row += 1
    }

    /// A label and its value; a text value may run on over the empty cells to its right, so it does not
    /// widen its column.
    mutating func fact(_ label: String, _ value: Cell) throws {
        try sheet.write(label, row: row, column: 0, format: try writer.workbook.format(bold: true))
        widths.fit(header: label, at: 0, filtered: false, wrapped: false)
        try line([.empty, value], spills: true)
    }

    /// A link in the first column of the next line, which `line` then fills from its second cell.
    mutating func link(_ url: String, text: String) throws {
        try sheet.writeLink(url, text: text, row: row, column: 0)
        widths.fit(.text(text), at: 0)
    }

    /// Writes `cells` on the next row. With `spills`, text past the first column runs on over empty cells
    /// and does not widen its column; with `wrapLast`, the last cell wraps at the column's widest.
    mutating func line(_ cells: [Cell], spills: Bool = false, wrapLast: Bool = false) throws {
        if wrapLast, case .text(let s) = cells.last {
            let lines = RenderedWidth.lines(s, width: Int(Self.widthCap - ColumnWidths.textPadding))
            if lines > 1 { try sheet.setRowHeight(row, points: Double(lines) * ColumnWidths.linePoints) }
        }
        for (c, cell) in cells.enumerated() {
            let wrapped = wrapLast && c == cells.count - 1
            try writer.write(cell, to: sheet, row: row, column: c, wrapped: wrapped)
            if cell != .empty { columnsUsed = max(columnsUsed, c + 1) }
            if case .text = cell, spills, c > 0 { continue }
            widths.fit(cell, at: c)
        }
        row += 1
    }

    /// `names` in the header format, whose shading sets a table apart from the one above without a blank row.
    mutating func heading(_ names: [String]) throws {
        for (c, name) in names.enumerated() {
            try sheet.write(name, row: row, column: c, format: header)
            widths.fit(header: name, at: c, filtered: false, wrapped: false)
            columnsUsed = max(columnsUsed, c + 1)
        }
        row += 1
    }
}
