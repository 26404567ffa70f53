/// What became of one input file's rows: read = used + skipped + rejected + superseded.
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
    /// Payments files: rows once used whose every payment a later file's row replaced (overlapping
    /// downloads); no longer counted as used.
    public var superseded = 0
    /// Payments files: rows used whose payment an earlier file had too (counted in `used` as well).
    public var seenInEarlierFile = 0
    /// Payments files: payments whose `order_id` no order has, linked to the order whose id differs from it
    /// only by a leading `#` (`1003` for Shopify's `#1003`).
    public var ordersFoundButForHash = 0
    /// How current the input is; set once the run knows `as_of` and `stale_after_days` (nil in `recon
    /// check`'s sample).
    public var freshness: InputFreshness?

    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Takes in what overlapping payments files gave: superseded rows leave `used`.
    mutating func settle(_ overlaps: PaymentOverlaps.Counts) {
        used -= overlaps.superseded
        superseded = overlaps.superseded
        seenInEarlierFile = overlaps.seenInEarlierFile
    }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }
    public var rejectRate: Double { rowsRead == 0 ? 0 : Double(rejected) / Double(rowsRead) }
}
