/// A source row decoded to text: what formats map from.
public struct SourceRow: Sendable {
    public var line: Int
    public var fields: [String]
    public var raw: String
}

/// A canonical record made from a source row: values by canonical column, and for each the source
/// column it came from, so that a reject names the column as the file calls it.
public struct CanonicalRow: Sendable {
    public var source: RowSource
    var values: [String: String]
    var origins: [String: String]

    /// The value of `column`, or nil when it is empty or not mapped.
    public func value(_ column: String) -> String? { values[column] }

    /// The value of a required column, rejecting the row when it is empty.
    public func required(_ column: String) throws -> String {
        guard let v = values[column] else { throw RowRejection(column, "required value is empty") }
        return v
    }

    /// The source column a canonical column came from.
    func origin(of column: String) -> String { origins[column] ?? column }
}
