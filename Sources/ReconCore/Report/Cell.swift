/// A typed value in an output table: CSVs render it as text, the workbook as a real number or date.
public enum Cell: Sendable, Equatable {
    case text(String)
    case date(CivilDate)
    case money(Int64, Currency)
    case integer(Int)
    case empty

    static func optionalDate(_ d: CivilDate?) -> Cell { d.map(Cell.date) ?? .empty }
    static func optionalInteger(_ i: Int?) -> Cell { i.map(Cell.integer) ?? .empty }
    static func optionalText(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }
}

/// What a column holds, which sets its narrowest width in the workbook.
public enum ColumnKind: Sendable {
    case id, text, longText, date, money, integer

    /// The narrowest a column of this kind is shown, whatever its first rows hold.
    var minimumWidth: Double {
        switch self {
        case .id, .text, .integer: return 8
        case .date: return 12
        case .money: return 14
        case .longText: return 40
        }
    }
}

public struct Column: Sendable {
    public var name: String
    public var kind: ColumnKind
    public init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// An output table: its columns and its rows, produced on demand so nothing is copied twice. The report reads
/// its rows on two threads, so `row` is `@Sendable`.
public struct ReportTable: Sendable {
    public var name: String
    public var columns: [Column]
    public var rowCount: Int
    public var row: @Sendable (Int) -> [Cell]

    public init(name: String, columns: [Column], rowCount: Int, row: @escaping @Sendable (Int) -> [Cell]) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
    }
}
