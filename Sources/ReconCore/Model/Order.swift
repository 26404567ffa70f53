/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied. Every order is
/// held until the report is written, so the fields are ordered to leave little padding, and texts that
/// repeat across orders are `TextCode`s read through the properties named for them.
public struct Order: Sendable {
    public var id: String
    /// Kept only for an order with a refund case, the only kind whose customer an output shows.
    public var customer: String?
    var methodCode: TextCode
    var countryCode: TextCode
    var sellerTypeCode: TextCode
    var statusCode: TextCode
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

extension Order {
    public var method: String? { methodCode.text }
    public var country: String? { countryCode.text }
    public var sellerType: String? { sellerTypeCode.text }
    /// Free text from the export (`cancelled`, `shipped`, …): shown, never interpreted.
    public var status: String? { statusCode.text }
}
