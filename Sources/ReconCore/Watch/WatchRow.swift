/// One row of `watchlist.csv.gz`: a deadline that closes within the watched days after as-of.
public struct WatchRow: Sendable, Equatable {
    public var orderId: String
    public var kind: WatchKind
    /// The last day the request or dispute is accepted.
    public var closesOn: CivilDate
    /// Calendar days from as-of to `closesOn` (0: closes on the as-of day).
    public var daysLeft: Int
    public var currency: Currency
    /// `request_window`: the order total; `dispute_window`: the case's outstanding amount.
    public var amount: Int64
    public var paymentMethod: String?
    /// The order's status as the export gives it.
    public var status: String?
    /// What to do, in words.
    public var detail: String

    /// Sorted by (`closes_on`, `order_id`, `kind`).
    static func ordered(_ a: WatchRow, _ b: WatchRow) -> Bool {
        if a.closesOn != b.closesOn { return a.closesOn < b.closesOn }
        if a.orderId != b.orderId { return a.orderId < b.orderId }
        return a.kind < b.kind
    }
}
