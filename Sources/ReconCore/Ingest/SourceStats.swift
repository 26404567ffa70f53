/// What became of one input file's rows: read = used + skipped + rejected.
public struct SourceStats: Sendable, Equatable {
    /// `orders` or `payments`.
    public var kind: String
    public var path: String
    public var bytes: Int = 0
    public var sha256: String = ""
    public var rowsRead = 0
    public var used = 0
    public var rejected = 0
    /// Skipped rows by reason (`type fee`, `created after as_of`, `blank line`).
    public var skipped: [String: Int] = [:]
    /// Values dated after `as_of`, ignored as if not yet made, by column.
    public var ignoredAfterAsOf: [String: Int] = [:]
    /// The variant of the input's format its header chose; nil for a format without variants.
    public var formatVariant: String?

    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }
    public var rejectRate: Double { rowsRead == 0 ? 0 : Double(rejected) / Double(rowsRead) }
}
