public enum PaymentType: String, Sendable { case charge, refund }

public enum PaymentStatus: String, Sendable, CaseIterable {
    case succeeded, pending, failed
}

/// A charge or refund after normalisation; the amount is always the absolute value. Every payment is held
/// until the report is written, so the fields are ordered to leave little padding.
public struct Payment: Sendable {
    public var id: String
    public var orderId: String?
    public var originalPaymentId: String?
    public var createdAt: Instant
    public var createdOn: CivilDate
    public var amount: Int64
    public var source: RowSource
    public var currency: Currency
    public var type: PaymentType
    public var status: PaymentStatus
    /// Held as a `TextCode` (methods repeat across payments) and read through `method`.
    var methodCode: TextCode

    public var method: String? { methodCode.text }

    /// Refunds and charges are taken in (`created_at`, `payment_id`) order throughout.
    static func chronological(_ a: Payment, _ b: Payment) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id
    }
}
