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

    func write() throws {
        let workbook = writer.workbook
        let sheet = try workbook.addWorksheet("Summary")
        for (c, width) in [34.0, 30, 22, 12, 16, 12].enumerated() { try sheet.setColumn(c, width: width) }
        try sheet.setUpPrinting()
        let bold = try workbook.format(bold: true)
        let header = try writer.headerFormat()
        var row = 0
        func line(_ cells: [Cell], format: XlsxFormat? = nil) throws {
            for (c, cell) in cells.enumerated() {
                if let format, case .text(let s) = cell { try sheet.write(s, row: row, column: c, format: format) } else {
                    try writer.write(cell, to: sheet, row: row, column: c)
                }
            }
            row += 1
        }
        func heading(_ names: [String]) throws {
            row += 1
            try line(names.map(Cell.text), format: header)
        }

        try sheet.write("Refund reconciliation", row: row, column: 0, format: try workbook.format(bold: true))
        row += 2
        for (label, value) in facts {
            try sheet.write(label, row: row, column: 0, format: bold)
            try writer.write(value, to: sheet, row: row, column: 1)
            row += 1
        }

        try heading(["Sheet", "Rows", ""])
        for (title, rows, names) in sheets {
            try sheet.writeLink("internal:'\(names[0])'!A1", text: title, row: row, column: 0)
            try sheet.write(Double(rows), row: row, column: 1)
            if names.count > 1 {
                try sheet.write("continues on " + names.dropFirst().map { "'\($0)'" }.joined(separator: ", "), row: row, column: 2)
            }
            row += 1
        }

        try heading(["Input", "File", "Rows read", "Used", "Skipped", "Rejected"])
        for input in inputs {
            try line([.text(input.kind), .text(input.path), .integer(input.rowsRead), .integer(input.used),
                      .integer(input.skippedTotal), .integer(input.rejected)])
        }

        try heading(["Flag", "Currency", "Count", "Amount"])
        if summary.flagTotals.isEmpty { try line([.text("No exceptions")]) }
        for total in summary.flagTotals {
            try line([.text(total.flag.rawValue), .text(total.currency.code), .integer(total.count),
                      .money(total.amount, total.currency)])
        }

        try heading(["Cases by state", "Count"])
        for (state, count) in summary.casesByState { try line([.text(state.rawValue), .integer(count)]) }

        try heading(["Open cases by age (business days)", "Count"])
        let agingStart = row
        for (bucket, count) in summary.aging { try line([.text(bucket), .integer(count)]) }
        let chart = try workbook.addColumnChart(title: "Open refund cases by age")
        try chart.addSeries(categories: "=Summary!$A$\(agingStart + 1):$A$\(row)",
                            values: "=Summary!$B$\(agingStart + 1):$B$\(row)", name: "Open cases")
        chart.setAxisNames(x: "Business days since approval", y: "Cases")
        // Right of the tables, beside the run facts.
        try sheet.insert(chart, row: 2, column: 7)

        try heading(["Oldest overdue", "Due on", "Business days overdue", "Currency", "Outstanding"])
        if overdue.rowCount == 0 { try line([.text("Nothing overdue")]) }
        for i in 0..<min(10, overdue.rowCount) {
            // Overdue columns: order_id, approved_on, due_on, business_days_overdue, currency, outstanding, …
            let cells = overdue.row(i)
            try line([cells[0], cells[2], cells[3], cells[4], cells[5]])
        }
    }
}
