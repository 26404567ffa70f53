/// A source row decoded to text: what formats map from.
package struct SourceRow: Sendable, Equatable {
    package var line: Int
    package var fields: [String]
}

/// A canonical record made from a source row: values by canonical column, and (for formats other than
/// canonical) the source column each came from, so that a reject names the column as the file calls it.
package struct CanonicalRow: Sendable {
    package var source: RowSource
    let kind: SourceKind
    // Two ways to hold a row, as stored properties rather than an enum's payloads: a value is then read
    // in place, where taking it out of a payload retains and releases each array at every value asked for.
    /// By position in `kind.columns`, for a row made by the general mapping: the values (nil when empty or
    /// not mapped) and, for formats other than canonical, the source column each came from. Empty otherwise.
    private let values: [String?]
    let origins: [String]?
    /// A canonical file's row as read, each value made when asked for: the unescaped bytes (of this row
    /// and others), where each file column lies in them, and the file column of each canonical column
    /// (-1 where the file has none). Empty for a row of the general mapping.
    private let bytes: [UInt8]
    private let ranges: ArraySlice<Range<Int>>
    private let columns: [Int]

    init(source: RowSource, kind: SourceKind, values: [String?], origins: [String]?) {
        self.source = source
        self.kind = kind
        self.values = values
        self.origins = origins
        (bytes, ranges, columns) = ([], [], [])
    }

    /// A row of a file in the built-in canonical format; `columns` are `BoundFormat.directColumns`.
    init(source: RowSource, kind: SourceKind, bytes: [UInt8], ranges: ArraySlice<Range<Int>>, columns: [Int]) {
        self.source = source
        self.kind = kind
        (values, origins) = ([], nil)
        self.bytes = bytes
        self.ranges = ranges
        self.columns = columns
    }

    /// The value of `column`, or nil when it is empty or not mapped.
    package func value(_ column: CanonicalColumn) -> String? {
        if columns.isEmpty { return values[column.position] }
        return trimmedRange(column).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The value of `column` with its hash, for a text that the thread taking the records looks up.
    func hashedValue(_ column: CanonicalColumn) -> HashedText? { value(column).map(HashedText.init) }

    /// The value of `column` as UTF-8, handed to `body`; nil, without calling it, when the value is empty or
    /// not mapped. The same value as `value(_:)`, without making a `String` of a canonical file's field.
    @inline(__always)
    func withValue<R>(_ column: CanonicalColumn, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        if columns.isEmpty {
            guard var text = values[column.position] else { return nil }
            return try text.withUTF8(body)
        }
        guard let range = trimmedRange(column) else { return nil }
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Where a canonical file's field lies without spaces and tabs at either end (as `String.trimmedOfSpaces`
    /// trims a field of the other storage); nil when that leaves nothing or the file has no such column.
    private func trimmedRange(_ column: CanonicalColumn) -> Range<Int>? {
        let field = columns[column.position]
        guard field >= 0 else { return nil }
        let trimmed = bytes.trimmingSpaces(ranges[ranges.startIndex + field])
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The value of a required column, rejecting the row when it is empty.
    package func required(_ column: CanonicalColumn) throws -> String {
        guard let v = value(column) else { throw RowRejection(column.name, "required value is empty") }
        return v
    }

    /// The source column a canonical column came from.
    func origin(of column: String) -> String { Self.origin(of: column, kind: kind, origins: origins) }

    /// The source column `column` of `kind` came from, given a row's `origins`.
    static func origin(of column: String, kind: SourceKind, origins: [String]?) -> String {
        guard let origins, let i = kind.position(of: column) else { return column }
        return origins[i]
    }
}

extension [UInt8] {
    /// `range` of these bytes without the spaces and tabs at either end, as `String.trimmedOfSpaces` trims.
    func trimmingSpaces(_ range: Range<Int>) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, self[start] == 32 || self[start] == 9 { start += 1 }
        while start < end, self[end - 1] == 32 || self[end - 1] == 9 { end -= 1 }
        return start..<end
    }
}
