/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied.
/// Fields are declared widest first, so that a million orders carry no padding between them.
public struct Order: Sendable {
    public var id: String
    public var method: String?
    public var country: String?
    public var sellerType: String?
    public var customer: String?
    public var status: String?
    public var total: Int64
    /// Approved refund amount; nil means the order total.
    public var refundAmount: Int64?
    public var source: RowSource
    public var placedOn: CivilDate
    /// Approvals and requests dated after `as_of` are left nil (not yet made on that night).
    public var cancelApprovedOn: CivilDate?
    public var refundRequestedOn: CivilDate?
    public var refundApprovedOn: CivilDate?
    public var currency: Currency
}
