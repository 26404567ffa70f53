public enum PaymentType: String, Sendable { case charge, refund }

public enum PaymentStatus: String, Sendable, CaseIterable {
    case succeeded, pending, failed
}

/// A charge or refund after normalisation; the amount is always the absolute value. Every payment is held
/// until the report is written, so the fields are ordered to leave little padding.
public struct Payment: Sendable {
    public var id: String
    public var orderId: String?
    public var createdAt: Instant
    public var amount: Int64
    public var source: RowSource
    public var createdOn: CivilDate
    /// Held as a `TextCode` (methods repeat across payments) and read through `method`.
    var methodCode: TextCode
    /// A `TextCode` too: only a minority of payments (refunds) name an original, and four bytes in every
    /// payment cost less than a 16-byte `String` in every payment.
    var originalCode: TextCode
    public var currency: Currency
    public var type: PaymentType
    public var status: PaymentStatus

    public var method: String? { methodCode.text }
    public var originalPaymentId: String? { originalCode.text }

    /// Refunds and charges are taken in (`created_at`, `payment_id`) order throughout.
    static func chronological(_ a: Payment, _ b: Payment) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id
    }
}
