/// Lays out `reconciliation.xlsx`: a Summary sheet, then one sheet per table with real dates and numbers,
/// money in each currency's format, widths that fit, a frozen and filtered header, print set-up, and
/// overdue work highlighted. A table longer than Excel's row limit continues on `Name (2)`, `Name (3)`, …
struct WorkbookWriter {
    let workbook: XlsxWorkbook
    /// Formats looked up per cell, kept here so a cell costs no string building.
    private let formats = FormatCache()

    init(workbook: XlsxWorkbook) { self.workbook = workbook }

    private final class FormatCache {
        var date: XlsxFormat?
        var money: [Currency: XlsxFormat] = [:]
    }
    /// Rows a sheet holds below its header.
    var rowsPerSheet = XlsxWorkbook.maxRows - 1
    /// Adds a `link` column to tables with an `order_id`, when the pipeline gives an order URL template.
    var orderLink: OrderLink?
    /// Excel keeps at most this many links on a sheet; later ones are written as plain text.
    static let maxLinksPerSheet = 65_530

    /// What a detail sheet highlights.
    enum Highlight {
        case none
        /// A colour scale on this column: the more business days overdue, the redder.
        case daysOverdue(column: Int)
        /// Rows tinted by the case state in this column.
        case caseState(column: Int)
    }

    func headerFormat() throws -> XlsxFormat { try workbook.format(bold: true, background: 0xD9E1F2) }
    func dateFormat() throws -> XlsxFormat {
        if let format = formats.date { return format }
        let format = try workbook.format(numberFormat: "yyyy-mm-dd")
        formats.date = format
        return format
    }

    /// `[$USD] #,##0.00`, `[$JPY] #,##0`, `[$KWD] #,##0.000`.
    func moneyFormat(_ currency: Currency) throws -> XlsxFormat {
        if let format = formats.money[currency] { return format }
        let decimals = currency.minorUnit == 0 ? "" : "." + String(repeating: "0", count: currency.minorUnit)
        let format = try workbook.format(numberFormat: "[$\(currency.code)] #,##0\(decimals)")
        formats.money[currency] = format
        return format
    }

    /// The sheet names a table of `rowCount` rows takes.
    func sheetNames(title: String, rowCount: Int) -> [String] {
        let parts = max(1, (rowCount + rowsPerSheet - 1) / rowsPerSheet)
        return (1...parts).map { $0 == 1 ? title : "\(title) (\($0))" }
    }

    func write(_ table: ReportTable, title: String, highlight: Highlight = .none) throws {
        let linkColumn = orderLink != nil ? table.columns.firstIndex { $0.name == "order_id" } : nil
        let columns = table.columns + (linkColumn != nil ? [Column("link", .text)] : [])
        let widths = fittedWidths(table, columns: columns)
        var start = 0
        for name in sheetNames(title: title, rowCount: table.rowCount) {
            let count = min(rowsPerSheet, table.rowCount - start)
            let sheet = try workbook.addWorksheet(name)
            for (c, column) in columns.enumerated() {
                try sheet.setColumn(c, width: widths[c])
                try sheet.write(column.name, row: 0, column: c, format: try headerFormat())
            }
            sheet.freezeHeaderRow()
            try sheet.autofilter(lastRow: max(count, 1), lastColumn: columns.count - 1)
            try sheet.setUpPrinting()
            if count > 0 { try apply(highlight, to: sheet, rows: 1...count, columns: columns.count) }
            for r in 0..<count {
                let cells = table.row(start + r)
                for (c, cell) in cells.enumerated() { try write(cell, to: sheet, row: r + 1, column: c) }
                if let linkColumn, let orderLink, case .text(let id) = cells[linkColumn], !id.isEmpty {
                    let url = orderLink.url(for: id)
                    if r < Self.maxLinksPerSheet {
                        try sheet.writeLink(url, text: "open", row: r + 1, column: columns.count - 1)
                    } else {
                        try sheet.write(url, row: r + 1, column: columns.count - 1)
                    }
                }
            }
            start += count
        }
    }

    private func apply(_ highlight: Highlight, to sheet: XlsxWorksheet, rows: ClosedRange<Int>, columns: Int) throws {
        switch highlight {
        case .none: break
        case .daysOverdue(let column):
            try sheet.colorScale(rows: rows, column: column, low: 0xFFEB84, high: 0xF8696B)
        case .caseState(let column):
            let letter = Self.columnLetter(column)
            try sheet.highlightRows(rows, columns: columns, formula: "=$\(letter)2=\"overdue\"",
                                    format: try workbook.format(background: 0xFFC7CE))
            try sheet.highlightRows(rows, columns: columns, formula: "=$\(letter)2=\"late\"",
                                    format: try workbook.format(background: 0xFFEB9C))
        }
    }

    /// Widths from the header, the column's kind and the first rows' values, at most 60 characters.
    private func fittedWidths(_ table: ReportTable, columns: [Column]) -> [Double] {
        var widths = columns.map { max(Double($0.name.count) + 4, $0.kind.minimumWidth) }
        for r in 0..<min(table.rowCount, 1000) {
            for (c, cell) in table.row(r).enumerated() {
                let length: Int
                switch cell {
                case .text(let s): length = s.count
                case .date: length = 10
                case .money(let v, let currency): length = Money.format(v, decimals: currency.minorUnit).count + 6
                case .integer(let n): length = String(n).count
                case .empty: length = 0
                }
                widths[c] = max(widths[c], Double(length) + 2)
            }
        }
        if columns.last?.name == "link" { widths[columns.count - 1] = 8 }
        return widths.map { min(60, $0) }
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

    static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(Character(Unicode.Scalar(UInt8(65 + r)))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
