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
/// by orders that say something, which spares the others 40 bytes each. The amount and dates are held
/// without optionals' padding (a value no input can have stands for none), so that an object takes one
/// 64-byte allocation rather than 80.
final class RefundDetails: Sendable {
    /// Kept only for an order with a refund case, the only kind whose customer an output shows.
    let customer: String?
    private let amount: Int64
    private let cancelApprovedDays: Int32
    private let refundRequestedDays: Int32
    private let refundApprovedDays: Int32
    /// Never an amount (amounts are not negative) nor a day of the years 0001–9999.
    private static let noAmount = Int64.min, noDay = Int32.min

    init(customer: String?, refundAmount: Int64?, cancelApprovedOn: CivilDate?, refundRequestedOn: CivilDate?,
         refundApprovedOn: CivilDate?) {
        precondition((refundAmount ?? 0) >= 0, "a negative refund amount is rejected before it is held")
        self.customer = customer
        amount = refundAmount ?? Self.noAmount
        cancelApprovedDays = cancelApprovedOn?.days ?? Self.noDay
        refundRequestedDays = refundRequestedOn?.days ?? Self.noDay
        refundApprovedDays = refundApprovedOn?.days ?? Self.noDay
    }

    var refundAmount: Int64? { amount == Self.noAmount ? nil : amount }
    var cancelApprovedOn: CivilDate? { Self.date(cancelApprovedDays) }
    var refundRequestedOn: CivilDate? { Self.date(refundRequestedDays) }
    var refundApprovedOn: CivilDate? { Self.date(refundApprovedDays) }

    private static func date(_ days: Int32) -> CivilDate? { days == noDay ? nil : CivilDate(days: days) }
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
