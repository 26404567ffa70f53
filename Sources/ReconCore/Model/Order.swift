/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied.
public struct Order: Sendable {
    public var id: String
    public var placedAt: Instant
    public var placedOn: CivilDate
    public var currency: Currency
    public var total: Int64
    public var method: String?
    public var country: String?
    public var sellerType: String?
    public var customer: String?
    public var status: String?
    /// Approvals and requests dated after `as_of` are left nil (not yet made on that night).
    public var cancelApprovedOn: CivilDate?
    public var refundRequestedOn: CivilDate?
    public var refundApprovedOn: CivilDate?
    /// Approved refund amount; nil means the order total.
    public var refundAmount: Int64?
    public var source: RowSource
}

/// Where a row came from, for explanations and errors.
public struct RowSource: Sendable, Hashable {
    public var file: String
    public var line: Int
}
