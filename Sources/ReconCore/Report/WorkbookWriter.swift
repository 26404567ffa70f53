/// Lays out `reconciliation.xlsx`: a Summary sheet, then one sheet per table with real dates and numbers,
/// money in each currency's format, headers in plain words, widths that fit every value, indented text,
/// a frozen and filtered header, print set-up, overdue work highlighted and totals per currency under it. A table longer than Excel's row limit continues on `Name (2)`, `Name (3)`, …
struct WorkbookWriter {
    let workbook: XlsxWorkbook
    /// The formats cells are given, made before rows are written (see `prepareCellFormats`).
    private var cellFormats = CellFormats()

    init(workbook: XlsxWorkbook) { self.workbook = workbook }

    private struct CellFormats {
        var header: XlsxFormat?
        var date: XlsxFormat?
        var text: XlsxFormat?
        var wrappedText: XlsxFormat?
        var money: [Currency: XlsxFormat] = [:]
    }
    /// Rows a sheet holds below its header.
    var rowsPerSheet = XlsxWorkbook.maxRows - 1
    /// Adds a `link` column to tables with an `order_id`, when the pipeline gives an order URL template.
    var orderLink: OrderLink?
    /// The header and footer every sheet prints with; nil prints none.
    var printing: PrintSetup?
    /// Excel keeps at most this many links on a sheet.
    static let maxLinksPerSheet = 65_530
    /// Links a sheet holds; the order ids of later rows are written as plain text.
    var linksPerSheet = maxLinksPerSheet
    /// The first and last dates Excel shows as dates: before 1900-03-01 its serial numbers are a day off
    /// (Excel counts a 1900-02-29), and it has no year after 9999.
    static let excelDates = CivilDate(year: 1900, month: 3, day: 1)!...CivilDate(year: 9999, month: 12, day: 31)!
    /// The tables whose sheets end with totals per currency of their rows shown, and of which column.
    static let currencyTotals = ["overdue": "outstanding"]
    /// The widest a text column grows (wider text is cut) and a long-text column (wider text wraps).
    static let textWidthCap = 100.0
    static let longTextWidthCap = 60.0

    /// Makes the header, date, text and money formats for `currencies`, in that order, with their places in
    /// the workbook's styles fixed, so that sheets can then be filled on several threads and the styles come
    /// out the same in every run. A money cell of another currency still gets its format, made then.
    mutating func prepareCellFormats(currencies: some Sequence<Currency>) throws {
        cellFormats.header = try headerFormat()
        cellFormats.date = try dateFormat()
        cellFormats.text = try textFormat(wrapped: false)
        cellFormats.wrappedText = try textFormat(wrapped: true)
        for currency in Set(currencies).sorted(by: { $0.code < $1.code }) {
            cellFormats.money[currency] = try moneyFormat(currency)
        }
        if orderLink != nil { workbook.fixLinkStyleIndex() }
    }

    /// `format`, its style index fixed (see `XlsxWorkbook.fixStyleIndex`).
    private func fixed(_ format: XlsxFormat) -> XlsxFormat {
        workbook.fixStyleIndex(format)
        return format
    }

    func headerFormat() throws -> XlsxFormat {
        if let format = cellFormats.header { return format }
        return fixed(try workbook.format(bold: true, background: 0xD9E1F2, indent: true, wrap: true))
    }

    func dateFormat() throws -> XlsxFormat {
        if let format = cellFormats.date { return format }
        return fixed(try workbook.format(numberFormat: "yyyy-mm-dd"))
    }

    /// Text indented from the cell's left edge, so that it never touches a right-aligned number before it;
    /// `wrapped` for long text, which wraps at the column's width.
    func textFormat(wrapped: Bool) throws -> XlsxFormat {
        if let format = wrapped ? cellFormats.wrappedText : cellFormats.text { return format }
        return fixed(try workbook.format(indent: true, wrap: wrapped))
    }

    /// `[$USD] #,##0.00`, `[$JPY] #,##0`, `[$KWD] #,##0.000`.
    func moneyFormat(_ currency: Currency) throws -> XlsxFormat {
        if let format = cellFormats.money[currency] { return format }
        return fixed(try workbook.format(numberFormat: "[$\(currency.code)] " + Self.digits(currency)))
    }

    /// `#,##0.00`, `#,##0`, `#,##0.000`: the Summary's amounts, whose row or column names the currency.
    func amountFormat(_ currency: Currency) throws -> XlsxFormat {
        fixed(try workbook.format(numberFormat: Self.digits(currency)))
    }

    /// `#,##0`: the Summary's counts.
    func countFormat() throws -> XlsxFormat { fixed(try workbook.format(numberFormat: "#,##0")) }

    /// The number format of `currency`'s amounts: thousands grouped, its minor unit's decimals.
    private static func digits(_ currency: Currency) -> String {
        currency.minorUnit == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: currency.minorUnit)
    }

    /// The sheet names a table of `rowCount` rows takes.
    func sheetNames(title: String, rowCount: Int) -> [String] {
        let parts = max(1, (rowCount + rowsPerSheet - 1) / rowsPerSheet)
        return (1...parts).map { $0 == 1 ? title : "\(title) (\($0))" }
    }

    /// One sheet's share of a table: the sheet, ready for rows, and the table's rows it takes.
    struct SheetPart {
        let sheet: XlsxWorksheet
        let table: ReportTable
        let rows: Range<Int>
        /// The table's `order_id` column, when the sheet links each order.
        let linkColumn: Int?
        let columns: [Column]
        /// The widths the header takes, which the rows' values widen.
        let headerWidths: ColumnWidths

        var columnCount: Int { columns.count }
        var cellCount: Int { rows.count * columnCount }
    }

    /// Writes `table` on the sheets it takes; returns what became of its order links.
    @discardableResult
    func write(_ table: ReportTable, title: String) throws -> LinkCounts {
        var links = LinkCounts()
        for part in try addSheets(for: table, title: title) { links.add(try writeRows(of: part)) }
        return links
    }

    /// Adds the sheets `table` takes, each with its header, filter and its columns' highlights, hidden when
    /// the table is empty (so that it prints no page); the rows, widths and print set-up are written by
    /// `writeRows(of:)`, a sheet at a time on any thread.
    func addSheets(for table: ReportTable, title: String) throws -> [SheetPart] {
        let linkColumn = orderLink != nil ? table.column(named: "order_id") : nil
        let columns = table.columns + (linkColumn != nil ? [Column("link", .text)] : [])
        return try sheetNames(title: title, rowCount: table.rowCount).enumerated().map { part, name in
            let start = part * rowsPerSheet
            let rows = start..<min(start + rowsPerSheet, table.rowCount)
            let sheet = try workbook.addWorksheet(name)
            let widths = try setUp(sheet, columns: columns, rowCount: rows.count)
            if rows.isEmpty { sheet.hide() }
            return SheetPart(
                sheet: sheet, table: table, rows: rows, linkColumn: linkColumn, columns: columns, headerWidths: widths)
        }
    }

    /// Gives `sheet` its header, filter and its columns' highlights over `rowCount` rows; returns the widths
    /// the header takes.
    private func setUp(_ sheet: XlsxWorksheet, columns: [Column], rowCount: Int) throws -> ColumnWidths {
        var widths = ColumnWidths(
            floors: columns.map(\.kind.minimumWidth),
            caps: columns.map { $0.kind == .longText ? Self.longTextWidthCap : Self.textWidthCap })
        // Headers wrap on two lines at most; a spreadsheet does not grow the row by itself.
        try sheet.setRowHeight(0, points: 2 * ColumnWidths.linePoints)
        for (c, column) in columns.enumerated() {
            let title = SheetHeaders.title(column.name)
            try sheet.write(title, row: 0, column: c, format: try headerFormat())
            widths.fit(header: title, at: c)
        }
        sheet.freezeHeaderRow()
        try sheet.autofilter(lastRow: max(rowCount, 1), lastColumn: columns.count - 1)
        guard rowCount > 0 else { return widths }
        for (column, highlight) in Self.highlights(of: columns) {
            try apply(highlight, on: column, to: sheet, rows: 1...rowCount, columns: columns.count)
        }
        return widths
    }

    /// Writes the rows of `part`, then its totals per currency when its table has them, widens its columns
    /// to the widest value each holds and sets up its printing; returns what became of its order links.
    func writeRows(of part: SheetPart) throws -> LinkCounts {
        let sheet = part.sheet
        var links = LinkCounts()
        var widths = part.headerWidths
        var totals = CurrencyTotals(of: part.table)
        let wrapped = part.columns.map { $0.kind == .longText }
        var cells: [Cell] = []
        for (r, i) in part.rows.enumerated() {
            part.table.fillRow(i, &cells)
            let lines = Self.wrappedLines(cells, wrapped: wrapped)
            if lines > 1 { try sheet.setRowHeight(r + 1, points: Double(lines) * ColumnWidths.linePoints) }
            for (c, cell) in cells.enumerated() {
                try write(cell, to: sheet, row: r + 1, column: c, wrapped: wrapped[c])
                widths.fit(cell, at: c)
            }
            try totals?.add(cells)
            if let linkColumn = part.linkColumn, let orderLink, case .text(let id) = cells[linkColumn], !id.isEmpty {
                let shown = try writeLink(
                    to: id, with: orderLink, on: sheet, row: r + 1, column: part.columnCount - 1, counts: &links)
                widths.fit(.text(shown), at: part.columnCount - 1)
            }
        }
        if let totals, !part.rows.isEmpty {
            for (row, cells) in totals.rows(firstRow: 1, lastRow: part.rows.count).enumerated() {
                try writeTotal(cells, on: sheet, row: part.rows.count + 2 + row, widths: &widths)
            }
        }
        try finish(sheet, columns: part.columns, widths: widths.widths)
        return links
    }

    /// The lines the row of `cells` takes: its long texts (`wrapped`) wrap at `longTextWidthCap` (a column
    /// narrower than that holds none that wraps).
    static func wrappedLines(_ cells: [Cell], wrapped: [Bool]) -> Int {
        let width = Int(longTextWidthCap - ColumnWidths.textPadding)
        return cells.indices.reduce(1) { lines, c in
            guard wrapped[c], case .text(let s) = cells[c] else { return lines }
            return max(lines, RenderedWidth.lines(s, width: width))
        }
    }

    /// Writes a row of totals: text and formulas with the value they give now.
    private func writeTotal(
        _ cells: [CurrencyTotals.Total], on sheet: XlsxWorksheet, row: Int, widths: inout ColumnWidths
    )
        throws
    {
        for total in cells {
            switch total.content {
            case .label(let text):
                try sheet.write(text, row: row, column: total.column, format: try headerFormat())
                widths.fit(.text(text), at: total.column)
            case .sum(let formula, let value, let currency):
                let cached = Money(minorUnits: value, currency: currency).spreadsheetValue
                try sheet.write(
                    formula: formula, value: cached, row: row, column: total.column, format: try moneyFormat(currency))
                widths.fit(.money(value, currency), at: total.column)
            }
        }
    }

    /// Gives `sheet` its columns' `widths` and its print set-up: the columns up to its first id column (the
    /// first column when it has none) are the key repeated on every page when the sheet is too wide for one.
    private func finish(_ sheet: XlsxWorksheet, columns: [Column], widths: [Double]) throws {
        for (c, width) in widths.enumerated() { try sheet.setColumn(c, width: width) }
        guard let printing else { return }
        let key = columns.firstIndex { $0.kind == .id } ?? 0
        try sheet.setUpPrinting(printing.forDetailSheet(widths: widths, keyColumn: key))
    }

    /// A link to order `id` that says "open"; the id as plain text instead when the link's address is
    /// too long for Excel or the sheet holds `linksPerSheet` links already. Returns the text shown.
    private func writeLink(
        to id: String, with orderLink: OrderLink, on sheet: XlsxWorksheet, row: Int, column: Int,
        counts: inout LinkCounts
    ) throws -> String {
        let url = orderLink.url(for: id)
        if !XlsxWorksheet.linkFits(url) {
            counts.tooLong += 1
        } else if counts.written >= linksPerSheet {
            counts.overSheetLimit += 1
        } else {
            try sheet.writeLink(url, text: "open", row: row, column: column)
            counts.written += 1
            return "open"
        }
        try sheet.write(id, row: row, column: column, format: try textFormat(wrapped: false))
        return id
    }

    /// The highlighted columns among `columns`, by position.
    static func highlights(of columns: [Column]) -> [(column: Int, highlight: ColumnHighlight)] {
        columns.indices.compactMap { c in columns[c].highlight == .none ? nil : (c, columns[c].highlight) }
    }

    /// Highlights `rows` by the values in `column`; `columns` is how many the sheet has.
    private func apply(
        _ highlight: ColumnHighlight, on column: Int, to sheet: XlsxWorksheet, rows: ClosedRange<Int>,
        columns: Int
    ) throws {
        switch highlight {
        case .none: break
        case .daysOverdue:
            try sheet.colorScale(rows: rows, column: column, low: 0xFFEB84, high: 0xF8696B)
        case .caseState:
            let letter = Self.columnLetter(column)
            try sheet.highlightRows(
                rows, columns: columns, formula: "=$\(letter)2=\"overdue\"",
                format: try workbook.format(background: 0xFFC7CE))
            try sheet.highlightRows(
                rows, columns: columns, formula: "=$\(letter)2=\"late\"",
                format: try workbook.format(background: 0xFFEB9C))
        }
    }

    /// Writes `cell`; text `wrapped` at the column's width when asked.
    func write(_ cell: Cell, to sheet: XlsxWorksheet, row: Int, column: Int, wrapped: Bool = false) throws {
        switch cell {
        case .text(let s):
            if !s.isEmpty { try sheet.write(s, row: row, column: column, format: try textFormat(wrapped: wrapped)) }
        case .date(let d):
            if Self.excelDates.contains(d) {
                try sheet.write(d.excelSerial, row: row, column: column, format: try dateFormat())
            } else {
                try sheet.write(d.description, row: row, column: column, format: try dateFormat())
            }
        case .money(let v, let c):
            try sheet.write(
                Money(minorUnits: v, currency: c).spreadsheetValue, row: row, column: column, format: try moneyFormat(c)
            )
        case .amount(let v, let c):
            try sheet.write(
                Money(minorUnits: v, currency: c).spreadsheetValue, row: row, column: column,
                format: try amountFormat(c))
        case .integer(let n): try sheet.write(Double(n), row: row, column: column)
        case .count(let n): try sheet.write(Double(n), row: row, column: column, format: try countFormat())
        case .decimal(let d): try sheet.write(d.spreadsheetValue, row: row, column: column)
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
