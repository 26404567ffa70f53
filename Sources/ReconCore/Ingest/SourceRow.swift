/// A source row decoded to text: what formats map from.
public struct SourceRow: Sendable {
    public var line: Int
    public var fields: [String]
}

/// A canonical record made from a source row: values by canonical column, and (for formats other than
/// canonical) the source column each came from, so that a reject names the column as the file calls it.
public struct CanonicalRow: Sendable {
    public var source: RowSource
    let kind: SourceKind
    /// By position in `kind.columns`; nil when empty or not mapped.
    var values: [String?]
    /// By position in `kind.columns`; nil for the canonical format, whose columns are their own origin.
    var origins: [String]?

    /// The value of `column`, or nil when it is empty or not mapped.
    public func value(_ column: CanonicalColumn) -> String? { values[column.position] }

    /// The value of a required column, rejecting the row when it is empty.
    public func required(_ column: CanonicalColumn) throws -> String {
        guard let v = value(column) else { throw RowRejection(column.name, "required value is empty") }
        return v
    }

    /// The source column a canonical column came from.
    func origin(of column: String) -> String {
        guard let origins, let i = kind.position(of: column) else { return column }
        return origins[i]
    }
}
