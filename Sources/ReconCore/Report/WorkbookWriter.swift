/// Lays out `reconciliation.xlsx`: a Summary sheet, then one sheet per table with real dates and numbers,
/// money in each currency's format, a frozen header, filters and readable widths. A table longer than
/// Excel's row limit continues on `Name (2)`, `Name (3)`, ….
struct WorkbookWriter {
    let workbook: XlsxWorkbook
    /// Rows a sheet holds below its header.
    var rowsPerSheet = XlsxWorkbook.maxRows - 1

    func headerFormat() throws -> XlsxFormat { try workbook.format(bold: true, background: 0xD9E1F2) }
    func dateFormat() throws -> XlsxFormat { try workbook.format(numberFormat: "yyyy-mm-dd") }

    /// `[$USD] #,##0.00`, `[$JPY] #,##0`, `[$KWD] #,##0.000`.
    func moneyFormat(_ currency: Currency) throws -> XlsxFormat {
        let decimals = currency.minorUnit == 0 ? "" : "." + String(repeating: "0", count: currency.minorUnit)
        return try workbook.format(numberFormat: "[$\(currency.code)] #,##0\(decimals)")
    }

    /// Writes `table` under `title`; returns the number of sheets used.
    @discardableResult
    func write(_ table: ReportTable, title: String) throws -> Int {
        var start = 0
        var part = 1
        repeat {
            let count = min(rowsPerSheet, table.rowCount - start)
            let sheet = try workbook.addWorksheet(part == 1 ? title : "\(title) (\(part))")
            for (c, column) in table.columns.enumerated() {
                try sheet.setColumn(c, width: max(column.kind.width, Double(column.name.count) + 4))
                try sheet.write(column.name, row: 0, column: c, format: try headerFormat())
            }
            sheet.freezeHeaderRow()
            try sheet.autofilter(lastRow: max(count, 1), lastColumn: table.columns.count - 1)
            for r in 0..<count {
                for (c, cell) in table.row(start + r).enumerated() {
                    try write(cell, to: sheet, row: r + 1, column: c)
                }
            }
            start += count
            part += 1
        } while start < table.rowCount
        return part - 1
    }

    func write(_ cell: Cell, to sheet: XlsxWorksheet, row: Int, column: Int) throws {
        switch cell {
        case .text(let s): if !s.isEmpty { try sheet.write(s, row: row, column: column) }
        case .date(let d): try sheet.write(d.excelSerial, row: row, column: column, format: try dateFormat())
        case .money(let v, let c):
            try sheet.write(Money(minorUnits: v, currency: c).spreadsheetValue, row: row, column: column, format: try moneyFormat(c))
        case .integer(let n): try sheet.write(Double(n), row: row, column: column)
        case .empty: break
        }
    }

    /// The Summary sheet: the run, its inputs, money and counts per flag and currency, cases by state and age.
    func writeSummary(_ summary: RunSummary, facts: [(String, Cell)], inputs: [SourceStats]) throws {
        let sheet = try workbook.addWorksheet("Summary")
        for (c, width) in [28.0, 48, 14, 14, 14, 14].enumerated() { try sheet.setColumn(c, width: width) }
        let bold = try workbook.format(bold: true)
        let header = try headerFormat()
        var row = 0
        try sheet.write("Refund reconciliation", row: row, column: 0, format: bold)
        row += 2
        for (label, value) in facts {
            try sheet.write(label, row: row, column: 0, format: bold)
            try write(value, to: sheet, row: row, column: 1)
            row += 1
        }

        row += 1
        try writeHeader(["Input", "File", "Rows read", "Used", "Skipped", "Rejected"], sheet: sheet, row: row, format: header)
        row += 1
        for input in inputs {
            let cells: [Cell] = [.text(input.kind), .text(input.path), .integer(input.rowsRead), .integer(input.used),
                                 .integer(input.skippedTotal), .integer(input.rejected)]
            for (c, cell) in cells.enumerated() { try write(cell, to: sheet, row: row, column: c) }
            row += 1
        }

        row += 1
        try writeHeader(["Flag", "Currency", "Count", "Amount"], sheet: sheet, row: row, format: header)
        row += 1
        if summary.flagTotals.isEmpty {
            try sheet.write("No exceptions", row: row, column: 0)
            row += 1
        }
        for total in summary.flagTotals {
            let cells: [Cell] = [.text(total.flag.rawValue), .text(total.currency.code), .integer(total.count),
                                 .money(total.amount, total.currency)]
            for (c, cell) in cells.enumerated() { try write(cell, to: sheet, row: row, column: c) }
            row += 1
        }

        row += 1
        try writeHeader(["Cases by state", "", "Count"], sheet: sheet, row: row, format: header)
        row += 1
        for (state, count) in summary.casesByState {
            try sheet.write(state.rawValue, row: row, column: 0)
            try sheet.write(Double(count), row: row, column: 2)
            row += 1
        }

        row += 1
        try writeHeader(["Open cases by business days since approval", "", "Count"], sheet: sheet, row: row, format: header)
        row += 1
        for (bucket, count) in summary.aging {
            try sheet.write(bucket, row: row, column: 0)
            try sheet.write(Double(count), row: row, column: 2)
            row += 1
        }
    }

    private func writeHeader(_ names: [String], sheet: XlsxWorksheet, row: Int, format: XlsxFormat) throws {
        for (c, name) in names.enumerated() { try sheet.write(name, row: row, column: c, format: format) }
    }
}
