/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied. Every order is
/// held until the report is written, so the fields are ordered to leave little padding, texts that repeat
/// across orders are `TextCode`s read through the properties named for them, and the cancellation and
/// refund columns, which most orders leave empty, are held apart (`RefundDetails`).
public struct Order: Sendable {
    public var id: String
    public var total: Int64
    public var source: RowSource
    /// Nil for an order with no cancellation approved, refund requested or refund approved by `as_of`.
    var refundDetails: RefundDetails?
    public var placedOn: CivilDate
    var methodCode: TextCode
    var countryCode: TextCode
    var sellerTypeCode: TextCode
    var statusCode: TextCode
    public var currency: Currency
}

/// What an order says about its cancellation or refund, with the customer shown beside its case: held only
/// by orders that say something, which spares the others 40 bytes each.
final class RefundDetails: Sendable {
    /// Kept only for an order with a refund case, the only kind whose customer an output shows.
    let customer: String?
    let refundAmount: Int64?
    let cancelApprovedOn: CivilDate?
    let refundRequestedOn: CivilDate?
    let refundApprovedOn: CivilDate?

    init(customer: String?, refundAmount: Int64?, cancelApprovedOn: CivilDate?, refundRequestedOn: CivilDate?,
         refundApprovedOn: CivilDate?) {
        self.customer = customer
        self.refundAmount = refundAmount
        self.cancelApprovedOn = cancelApprovedOn
        self.refundRequestedOn = refundRequestedOn
        self.refundApprovedOn = refundApprovedOn
    }
}

extension Order {
    public var method: String? { methodCode.text }
    public var country: String? { countryCode.text }
    public var sellerType: String? { sellerTypeCode.text }
    /// Free text from the export (`cancelled`, `shipped`, …): shown, never interpreted.
    public var status: String? { statusCode.text }

    public var customer: String? { refundDetails?.customer }
    /// Approved refund amount; nil means the order total.
    public var refundAmount: Int64? { refundDetails?.refundAmount }
    /// Approvals and requests dated after `as_of` are nil (not yet made on that night).
    public var cancelApprovedOn: CivilDate? { refundDetails?.cancelApprovedOn }
    public var refundRequestedOn: CivilDate? { refundDetails?.refundRequestedOn }
    public var refundApprovedOn: CivilDate? { refundDetails?.refundApprovedOn }
}
