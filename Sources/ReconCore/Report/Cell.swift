/// A typed value in an output table: CSVs render it as text, the workbook as a real number or date.
package enum Cell: Sendable, Equatable {
    case text(String)
    case date(CivilDate)
    case money(Int64, Currency)
    /// Money shown as a number in its currency's decimals, without the code: for tables whose row or column
    /// already names the currency.
    case amount(Int64, Currency)
    case integer(Int)
    /// A count shown with its thousands grouped (`11,237`): the Summary's.
    case count(Int)
    /// An exact decimal that is not money (an exchange rate).
    case decimal(DecimalNumber)
    case empty

    static func optionalDate(_ d: CivilDate?) -> Cell { d.map(Cell.date) ?? .empty }
    static func optionalInteger(_ i: Int?) -> Cell { i.map(Cell.integer) ?? .empty }
    static func optionalText(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }
}

/// What a column holds, which sets its narrowest width in the workbook.
package enum ColumnKind: Sendable {
    case id, text, longText, date, money, integer, decimal

    /// The narrowest a column of this kind is shown, whatever its first rows hold.
    var minimumWidth: Double {
        switch self {
        case .id, .text, .integer: return 8
        case .decimal: return 10
        case .date: return 12
        case .money: return 14
        case .longText: return 40
        }
    }
}

/// A column's header (on the sheet and in the CSV alike, as SPEC names it), what it holds, and what the
/// sheet highlights with it.
package struct Column: Sendable {
    package var name: String
    package var kind: ColumnKind
    package var highlight: ColumnHighlight
    package init(_ name: String, _ kind: ColumnKind, highlight: ColumnHighlight = .none) {
        self.name = name
        self.kind = kind
        self.highlight = highlight
    }
}

/// What a sheet highlights with a column's values.
package enum ColumnHighlight: Sendable, Equatable {
    case none
    /// A colour scale on the column: the more business days overdue, the redder.
    case daysOverdue
    /// Whole rows tinted by the case state the column holds.
    case caseState
}

/// A column of a table of `Row`s: its header, kind and highlight, and its value for a row. A table's
/// columns are a list of these, from which its CSV and its sheet are both written.
package struct ReportColumn<Row>: Sendable {
    package let column: Column
    package let value: @Sendable (Row) -> Cell

    package init(
        _ name: String, _ kind: ColumnKind, highlight: ColumnHighlight = .none,
        _ value: @escaping @Sendable (Row) -> Cell
    ) {
        column = Column(name, kind, highlight: highlight)
        self.value = value
    }
}

/// An output table: its columns and its rows, produced on demand so nothing is copied twice. The report reads
/// its rows on two threads, so `row` is `@Sendable`.
package struct ReportTable: Sendable {
    package var name: String
    package var columns: [Column]
    package var rowCount: Int
    /// Replaces the cells in its second argument with those of the row at its first: writers reuse one
    /// buffer for every row of a table.
    let fillRow: @Sendable (Int, inout [Cell]) -> Void

    init(name: String, columns: [Column], rowCount: Int, fillRow: @escaping @Sendable (Int, inout [Cell]) -> Void) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.fillRow = fillRow
    }

    /// A table whose row `i` is `row(i)`.
    package init(name: String, columns: [Column], rowCount: Int, row: @escaping @Sendable (Int) -> [Cell]) {
        self.init(name: name, columns: columns, rowCount: rowCount) { i, cells in cells = row(i) }
    }

    /// The table of `rows` by `columns`: each row's cells are its columns' values, in their order.
    /// Inlined so that the row closure is made for the caller's concrete `Rows`, not through their protocol.
    @inline(__always)
    package init<Rows: RandomAccessCollection & Sendable>(
        name: String, rows: Rows, columns: [ReportColumn<Rows.Element>]
    ) {
        // The values alone: going through whole columns would copy each one's name for every cell.
        let values = columns.map(\.value)
        self.init(name: name, columns: columns.map(\.column), rowCount: rows.count) { i, cells in
            let row = rows[rows.index(rows.startIndex, offsetBy: i)]
            if cells.count != values.count { cells = Array(repeating: .empty, count: values.count) }
            for c in values.indices { cells[c] = values[c](row) }
        }
    }

    /// The cells of row `i`.
    package func row(_ i: Int) -> [Cell] {
        var cells: [Cell] = []
        fillRow(i, &cells)
        return cells
    }

    /// The position of the column called `name`, if the table has one.
    package func column(named name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
