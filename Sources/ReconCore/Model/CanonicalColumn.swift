/// A canonical column and where it stands in its kind's columns, found once instead of on every row.
public struct CanonicalColumn: Sendable {
    public let name: String
    let position: Int

    init(_ kind: SourceKind, _ name: String) {
        guard let position = kind.position(of: name) else { preconditionFailure("'\(name)' is not a canonical \(kind) column") }
        self.name = name
        self.position = position
    }

    static let orderId = CanonicalColumn(.orders, "order_id")
    static let placedAt = CanonicalColumn(.orders, "placed_at")
    static let orderCurrency = CanonicalColumn(.orders, "currency")
    static let total = CanonicalColumn(.orders, "total")
    static let orderMethod = CanonicalColumn(.orders, "payment_method")
    static let country = CanonicalColumn(.orders, "country")
    static let sellerType = CanonicalColumn(.orders, "seller_type")
    static let customer = CanonicalColumn(.orders, "customer")
    static let orderStatus = CanonicalColumn(.orders, "status")
    static let cancelApprovedAt = CanonicalColumn(.orders, "cancel_approved_at")
    static let refundRequestedAt = CanonicalColumn(.orders, "refund_requested_at")
    static let refundApprovedAt = CanonicalColumn(.orders, "refund_approved_at")
    static let refundAmount = CanonicalColumn(.orders, "refund_amount")

    static let paymentId = CanonicalColumn(.payments, "payment_id")
    static let type = CanonicalColumn(.payments, "type")
    static let createdAt = CanonicalColumn(.payments, "created_at")
    static let amount = CanonicalColumn(.payments, "amount")
    static let paymentCurrency = CanonicalColumn(.payments, "currency")
    static let paymentMethod = CanonicalColumn(.payments, "payment_method")
    static let paymentOrderId = CanonicalColumn(.payments, "order_id")
    static let originalPaymentId = CanonicalColumn(.payments, "original_payment_id")
    static let paymentStatus = CanonicalColumn(.payments, "status")
}
