public enum PaymentType: String, Sendable { case charge, refund }

public enum PaymentStatus: String, Sendable, CaseIterable {
    case succeeded, pending, failed
}

/// A charge or refund after normalisation; the amount is always the absolute value. Every payment is held
/// until the report is written, so the fields are ordered to leave no padding (72 bytes: the 12-byte
/// `createdAt` is followed by a 4-byte date, the 6-byte `source` by the one-byte currency and kind).
public struct Payment: Sendable {
    public var id: String
    public var orderId: String?
    public var createdAt: Instant
    public var createdOn: CivilDate
    public var amount: Int64
    public var source: RowSource
    public var currency: Currency
    /// Type and status in one byte: the type in the low bit, the status above it (0 succeeded, 1 pending,
    /// 2 failed).
    private var kind: UInt8
    /// Held as a `TextCode` (methods repeat across payments) and read through `method`.
    var methodCode: TextCode
    /// A `TextCode` too: only a minority of payments (refunds) name an original, and four bytes in every
    /// payment cost less than a 16-byte `String` in every payment.
    var originalCode: TextCode

    init(id: String, orderId: String?, createdAt: Instant, amount: Int64, source: RowSource, createdOn: CivilDate,
         methodCode: TextCode, originalCode: TextCode, currency: Currency, type: PaymentType, status: PaymentStatus) {
        self.id = id
        self.orderId = orderId
        self.createdAt = createdAt
        self.createdOn = createdOn
        self.amount = amount
        self.source = source
        self.currency = currency
        kind = 0
        self.methodCode = methodCode
        self.originalCode = originalCode
        self.type = type
        self.status = status
    }

    public var type: PaymentType {
        get { kind & 1 == 0 ? .charge : .refund }
        set { kind = kind & ~1 | (newValue == .charge ? 0 : 1) }
    }

    public var status: PaymentStatus {
        get {
            switch kind >> 1 {
            case 0: .succeeded
            case 1: .pending
            default: .failed
            }
        }
        set {
            let bits: UInt8 = switch newValue {
            case .succeeded: 0
            case .pending: 1
            case .failed: 2
            }
            kind = kind & 1 | bits << 1
        }
    }

    public var method: String? { methodCode.text }
    public var originalPaymentId: String? { originalCode.text }

    /// Refunds and charges are taken in (`created_at`, `payment_id`) order throughout.
    static func chronological(_ a: Payment, _ b: Payment) -> Bool {
        precedes((a.createdAt, a.id), (b.createdAt, b.id))
    }

    /// The same order on the two keys alone, for sorts that keep them beside a position.
    static func precedes(_ a: (createdAt: Instant, id: String), _ b: (createdAt: Instant, id: String)) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id
    }
}
