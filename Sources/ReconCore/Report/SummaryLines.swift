/// The Summary sheet's next row, how a title, fact, heading, link or line of cells is written there, the
/// widths its columns need for the values written, and the height its rows take.
struct SummaryLines {
    let sheet: XlsxWorksheet
    let writer: WorkbookWriter
    let header: XlsxFormat
    var row = 0
    /// The widest any column grows; longer text (a file's path) wraps.
    static let widthCap = 60.0
    /// As many columns as the lines written so far reach (a table has one for each currency it shows).
    var widths = ColumnWidths(floors: [], caps: [])
    /// How many columns, from the first, hold something.
    var columnsUsed = 1
    /// The rows' heights in lines, where more than one.
    private var extraLines: [Int: Int] = [:]
    /// The widths of columns whose text wraps, set by `wrap(column:for:within:)`.
    private var wrapWidths: [Int: Double] = [:]

    init(sheet: XlsxWorksheet, writer: WorkbookWriter, header: XlsxFormat) {
        self.sheet = sheet
        self.writer = writer
        self.header = header
    }

    /// The sheet's height in lines of the default row height.
    var heightInLines: Int { row + extraLines.values.reduce(0) { $0 + $1 - 1 } }

    mutating func title(_ text: String) throws {
        try sheet.write(text, row: row, column: 0, format: try writer.workbook.format(bold: true))
        row += 1
    }

    /// A label and its value; a text value may run on over the empty cells to its right, so it does not
    /// widen its column.
    mutating func fact(_ label: String, _ value: Cell) throws {
        try sheet.write(label, row: row, column: 0, format: try writer.workbook.format(bold: true))
        makeRoom(through: 0)
        widths.fit(header: label, at: 0, filtered: false, wrapped: false)
        try line([.empty, value], spills: true)
    }

    /// A link in `column` of the next line, which `line` then fills around it (with `.empty` there); indented
    /// like other text, so that it never touches a number to its left.
    mutating func link(_ url: String, text: String, column: Int) throws {
        let format = try writer.workbook.format(indent: true, link: true)
        try sheet.writeLink(url, text: text, row: row, column: column, format: format)
        makeRoom(through: column)
        widths.fit(.text(text), at: column)
        columnsUsed = max(columnsUsed, column + 1)
    }

    /// Writes `cells` on the next row. With `spills`, text past the first column runs on over empty cells
    /// and does not widen its column; with `wrapLast`, the last cell wraps at the width `wrap` gave its column.
    mutating func line(_ cells: [Cell], spills: Bool = false, wrapLast: Bool = false) throws {
        makeRoom(through: cells.count - 1)
        for (c, cell) in cells.enumerated() {
            let wrapped = wrapLast && c == cells.count - 1
            if case .text(let s) = cell, wrapped, let width = wrapWidths[c] {
                let lines = RenderedWidth.lines(s, width: Int(width - ColumnWidths.textPadding))
                if lines > 1 { try tall(row: row, lines: lines) }
            }
            try writer.write(cell, to: sheet, row: row, column: c, wrapped: wrapped)
            if cell != .empty { columnsUsed = max(columnsUsed, c + 1) }
            if case .text = cell, spills || wrapped, c > 0 { continue }
            widths.fit(cell, at: c)
        }
        row += 1
    }

    /// Makes `column` as wide as the widest of `texts` needs, within the room the other columns leave of
    /// `pixels` (at least `wrappedFloor`): the texts then wrap there. Called before their lines are written,
    /// as a row's height can only be set before the next row is.
    mutating func wrap(column: Int, for texts: [String], within pixels: Double) {
        makeRoom(through: column)
        let others = PrintSetup.pixels(
            widths: widths.widths.prefix(max(columnsUsed, column + 1)).enumerated()
                .filter { $0.offset != column }.map(\.element))
        let room = max(Self.wrappedFloor, ((pixels - others - 5) / 7).rounded(.down))
        let widest = texts.map { Double(RenderedWidth.text($0)) + ColumnWidths.textPadding }.max() ?? 0
        wrapWidths[column] = max(widths.widths[column], min(room, widest, Self.widthCap))
        columnsUsed = max(columnsUsed, column + 1)
    }

    /// Labels that will head lines below, fitted now so that `wrap` counts the first column's final width.
    mutating func fit(labels: [String]) {
        makeRoom(through: 0)
        for label in labels { widths.fit(header: label, at: 0, filtered: false, wrapped: false) }
    }

    /// `names` in the header format, whose shading sets a table apart from the one above without a blank
    /// row; with `wrapped`, on two lines where a name is wider than its column.
    mutating func heading(_ names: [String], wrapped: Bool = false) throws {
        let format =
            wrapped ? try writer.workbook.format(bold: true, background: 0xD9E1F2, indent: true, wrap: true) : header
        makeRoom(through: names.count - 1)
        for (c, name) in names.enumerated() {
            try sheet.write(name, row: row, column: c, format: format)
            widths.fit(header: name, at: c, filtered: false, wrapped: wrapped)
            columnsUsed = max(columnsUsed, c + 1)
        }
        if wrapped { try tall(row: row, lines: 2) }
        row += 1
    }

    /// Leaves `count` rows empty (for a chart drawn over them).
    mutating func skip(_ count: Int) { row += count }

    /// Sets each used column's width, that of a wrapping column as `wrap` made it; returns the widths.
    func finish() throws -> [Double] {
        let used = widths.widths.prefix(columnsUsed).enumerated().map { max($0.element, wrapWidths[$0.offset] ?? 0) }
        for (c, width) in used.enumerated() { try sheet.setColumn(c, width: width) }
        return used
    }

    /// The narrowest a wrapping column is made, however little room is left.
    static let wrappedFloor = 20.0

    /// Widths for the columns up to `column`, which a line is about to reach.
    private mutating func makeRoom(through column: Int) {
        widths.extend(to: column + 1, floor: Self.columnFloor, cap: Self.widthCap)
    }

    /// The narrowest a column is made.
    private static let columnFloor = 8.0

    /// Makes row `r` `lines` lines tall.
    private mutating func tall(row r: Int, lines: Int) throws {
        try sheet.setRowHeight(r, points: Double(lines) * ColumnWidths.linePoints)
        extraLines[r] = lines
    }
}
