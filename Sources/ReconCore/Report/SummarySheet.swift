/// The Summary sheet, readable in ten seconds: the run, links to each detail sheet, the inputs and their
/// row accounts, money and counts per flag and currency, cases by state, open cases by age with a chart,
/// and the oldest overdue cases.
struct SummarySheet {
    let writer: WorkbookWriter
    let summary: RunSummary
    let facts: [(String, Cell)]
    let inputs: [SourceStats]
    /// Each detail sheet's title, its rows and the sheets it takes.
    let sheets: [(title: String, rows: Int, names: [String])]
    /// The Overdue table, most days overdue first.
    let overdue: ReportTable
    /// What the Summary says of the follow-up file (ids that name no order), when there is something to say.
    var followUpNote: String? = nil

    /// The oldest overdue cases' headings, each over the Overdue table's column of that name.
    static let oldestOverdueColumns = [
        ("Oldest overdue", "order_id"), ("Due on", "due_on"),
        ("Business days overdue", "business_days_overdue"), ("Currency", "currency"),
        ("Outstanding", "outstanding"),
    ]
    /// How many of the oldest overdue cases the sheet lists.
    static let oldestOverdueCount = 10

    func write() throws {
        let sheet = try writer.workbook.addWorksheet("Summary")
        for (c, width) in [34.0, 30, 22, 12, 16, 12].enumerated() { try sheet.setColumn(c, width: width) }
        try sheet.setUpPrinting()
        var lines = SummaryLines(sheet: sheet, writer: writer, header: try writer.headerFormat())
        try writeFacts(&lines)
        try writeSheetLinks(&lines)
        try writeInputs(&lines)
        try writeFreshness(&lines)
        try writeFlagTotals(&lines)
        try writeChanges(&lines)
        try writeCasesByState(&lines)
        try writeAging(&lines)
        try writeOldestOverdue(&lines)
        if let followUpNote {
            try lines.heading(["Follow-up notes"])
            try lines.line([.text(followUpNote)])
        }
    }

    private func writeFacts(_ lines: inout SummaryLines) throws {
        let bold = try writer.workbook.format(bold: true)
        try lines.sheet.write(
            "Refund reconciliation", row: lines.row, column: 0, format: try writer.workbook.format(bold: true))
        lines.row += 2
        for (label, value) in facts {
            try lines.sheet.write(label, row: lines.row, column: 0, format: bold)
            try writer.write(value, to: lines.sheet, row: lines.row, column: 1)
            lines.row += 1
        }
    }

    private func writeSheetLinks(_ lines: inout SummaryLines) throws {
        try lines.heading(["Sheet", "Rows", ""])
        for (title, rows, names) in sheets {
            try lines.sheet.writeLink("internal:'\(names[0])'!A1", text: title, row: lines.row, column: 0)
            try lines.sheet.write(Double(rows), row: lines.row, column: 1)
            if names.count > 1 {
                try lines.sheet.write(
                    "continues on " + names.dropFirst().map { "'\($0)'" }.joined(separator: ", "),
                    row: lines.row, column: 2)
            }
            lines.row += 1
        }
    }

    /// Each input's rows; a column of rows superseded by a later payments file when there are any.
    private func writeInputs(_ lines: inout SummaryLines) throws {
        let overlapping = inputs.contains { $0.superseded > 0 }
        try lines.heading(
            ["Input", "File", "Rows read", "Used", "Skipped", "Rejected"] + (overlapping ? ["Superseded"] : []))
        for input in inputs {
            try lines.line(
                [
                    .text(input.kind), .text(input.path), .integer(input.rowsRead), .integer(input.used),
                    .integer(input.skippedTotal), .integer(input.rejected),
                ] + (overlapping ? [.integer(input.superseded)] : []))
        }
    }

    /// Each input's latest event against as of, and a warning line for each stale one.
    private func writeFreshness(_ lines: inout SummaryLines) throws {
        try lines.heading(FreshnessLines.headings)
        for cells in FreshnessLines.rows(for: inputs) { try lines.line(cells) }
        for warning in FreshnessLines.warnings(for: inputs) { try lines.line([.text(warning)]) }
    }

    private func writeFlagTotals(_ lines: inout SummaryLines) throws {
        try lines.heading(["Flag", "Currency", "Count", "Amount"])
        if summary.flagTotals.isEmpty { try lines.line([.text("No exceptions")]) }
        for total in summary.flagTotals {
            try lines.line([
                .text(total.flag.name), .text(total.currency.code), .integer(total.count),
                .money(total.amount, total.currency),
            ])
        }
    }

    private func writeCasesByState(_ lines: inout SummaryLines) throws {
        try lines.heading(["Cases by state", "Count"])
        for (state, count) in summary.casesByState { try lines.line([.text(state.rawValue), .integer(count)]) }
    }

    /// Open cases by age, and a chart of them right of the tables, beside the run facts.
    private func writeAging(_ lines: inout SummaryLines) throws {
        try lines.heading(["Open cases by age (business days)", "Count"])
        let agingStart = lines.row
        for (bucket, count) in summary.aging { try lines.line([.text(bucket), .integer(count)]) }
        let chart = try writer.workbook.addColumnChart(title: "Open refund cases by age")
        try chart.addSeries(
            categories: "=Summary!$A$\(agingStart + 1):$A$\(lines.row)",
            values: "=Summary!$B$\(agingStart + 1):$B$\(lines.row)", name: "Open cases")
        chart.setAxisNames(x: "Business days since approval", y: "Cases")
        try lines.sheet.insert(chart, row: 2, column: 7)
    }

    private func writeOldestOverdue(_ lines: inout SummaryLines) throws {
        try lines.heading(Self.oldestOverdueColumns.map(\.0))
        if overdue.rowCount == 0 { try lines.line([.text("Nothing overdue")]) }
        for cells in Self.oldestOverdue(in: overdue) { try lines.line(cells) }
    }

    /// The first rows of `overdue` (most days overdue first), each the cells of `oldestOverdueColumns`,
    /// found by name.
    static func oldestOverdue(in overdue: ReportTable) -> [[Cell]] {
        let positions = oldestOverdueColumns.map { _, name in
            guard let c = overdue.column(named: name) else {
                preconditionFailure("the \(overdue.name) table has no \(name)")
            }
            return c
        }
        return (0..<min(oldestOverdueCount, overdue.rowCount)).map { i in
            let cells = overdue.row(i)
            return positions.map { cells[$0] }
        }
    }
}

/// The Summary sheet's next row, and how a line of cells or a heading is written there.
struct SummaryLines {
    let sheet: XlsxWorksheet
    let writer: WorkbookWriter
    let header: XlsxFormat
    var row = 0

    init(sheet: XlsxWorksheet, writer: WorkbookWriter, header: XlsxFormat) {
        self.sheet = sheet
        self.writer = writer
        self.header = header
    }

    /// Writes `cells` on the next row; text in `format` when one is given.
    mutating func line(_ cells: [Cell], format: XlsxFormat? = nil) throws {
        for (c, cell) in cells.enumerated() {
            if let format, case .text(let s) = cell {
                try sheet.write(s, row: row, column: c, format: format)
            } else {
                try writer.write(cell, to: sheet, row: row, column: c)
            }
        }
        row += 1
    }

    /// A blank row, then `names` in the header format.
    mutating func heading(_ names: [String]) throws {
        row += 1
        try line(names.map(Cell.text), format: header)
    }
}
