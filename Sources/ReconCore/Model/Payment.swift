package enum PaymentType: String, Sendable {
    case charge, refund

    /// The type a lowercased `type` value names: `init(rawValue:)` without the array of every case's name
    /// that the synthesised one makes at each call in a debug build (an allocation a payment row).
    init?(lowercased text: String) {
        switch text {
        case "charge": self = .charge
        case "refund": self = .refund
        default: return nil
        }
    }
}

public enum PaymentStatus: String, Sendable, CaseIterable {
    case succeeded, pending, failed

    /// The status a lowercased `status` value names, without an allocation (as `PaymentType(lowercased:)`).
    init?(lowercased text: String) {
        switch text {
        case "succeeded": self = .succeeded
        case "pending": self = .pending
        case "failed": self = .failed
        default: return nil
        }
    }
}

/// A charge or refund after normalisation; the amount is always the absolute value. Every payment is held
/// until every input is read, so the fields are ordered to leave no padding (48 bytes: the 12-byte `createdAt` is
/// followed by the 4-byte order, the 6-byte `source` by the one-byte currency and kind). The day it was made
/// is not held but worked out from `createdAt` in the pipeline's zone (`createdOn(in:)`).
package struct Payment: Sendable {
    /// The run's to read (`RunTexts.id(_:)`).
    package var id: RecordId
    package var createdAt: Instant
    /// The order named by `order_id`: found among the orders, which are read first.
    package var order: OrderReference
    package var amount: Int64
    package var source: RowSource
    package var currency: Currency
    /// Type and status in one byte: the type in the low bit, the status above it (0 succeeded, 1 pending,
    /// 2 failed).
    private var kind: UInt8
    /// Held as a `TextCode` (methods repeat across payments) and read through `method`.
    var methodCode: TextCode
    /// The payment named by `original_payment_id` (refunds name one): found among the payments read before.
    package var original: PaymentReference

    init(
        id: RecordId, order: OrderReference, createdAt: Instant, amount: Int64, source: RowSource,
        methodCode: TextCode, original: PaymentReference, currency: Currency, type: PaymentType, status: PaymentStatus
    ) {
        self.id = id
        self.order = order
        self.createdAt = createdAt
        self.amount = amount
        self.source = source
        self.currency = currency
        kind = 0
        self.methodCode = methodCode
        self.original = original
        self.type = type
        self.status = status
    }

    package var type: PaymentType {
        get { kind & 1 == 0 ? .charge : .refund }
        set { kind = kind & ~1 | (newValue == .charge ? 0 : 1) }
    }

    package var status: PaymentStatus {
        get {
            switch kind >> 1 {
            case 0: .succeeded
            case 1: .pending
            default: .failed
            }
        }
        set {
            let bits: UInt8 =
                switch newValue {
                case .succeeded: 0
                case .pending: 1
                case .failed: 2
                }
            kind = kind & 1 | bits << 1
        }
    }

    package func method(in texts: RunTexts) -> String? { texts.text(methodCode) }
    /// The day it was made, in `zone` (the pipeline's, `ReconRules.zone`).
    package func createdOn(in zone: Zone) -> CivilDate { createdAt.date(in: zone) }
    /// The `order_id` as read, found among `orders`, the orders the payment was read against.
    package func orderId(in orders: [Order], texts: RunTexts) -> String? { order.id(in: orders, texts: texts) }
    /// The `original_payment_id` as read, found among `payments`, the payments the refund was read with.
    package func originalPaymentId(in payments: [Payment], texts: RunTexts) -> String? {
        original.id(in: payments, texts: texts)
    }

    /// Refunds and charges are taken in (`created_at`, `payment_id`) order throughout; `ids` are the run's.
    static func chronological(_ a: Payment, _ b: Payment, ids: IdArena) -> Bool {
        precedes((a.createdAt, a.id), (b.createdAt, b.id), ids: ids)
    }

    /// The same order on the two keys alone, for sorts that keep them beside a position.
    static func precedes(
        _ a: (createdAt: Instant, id: RecordId), _ b: (createdAt: Instant, id: RecordId), ids: IdArena
    ) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt < b.createdAt : ids.precedes(a.id, b.id)
    }
}
