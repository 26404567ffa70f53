/// One of SPEC's canonical input columns: its name, where it stands in its kind's columns (found once, not
/// on every row), what it holds and whether every file of its kind must have it.
package struct CanonicalColumn: Sendable {
    /// What a column holds, which decides how a format reads its values.
    enum Content: Sendable {
        case text
        /// Read through a format's date layout.
        case timestamp
        /// Read through a format's number style.
        case amount
    }

    package let name: String
    let position: Int
    let content: Content
    let isRequired: Bool

    private init(name: String, position: Int, content: Content, isRequired: Bool) {
        self.name = name
        self.position = position
        self.content = content
        self.isRequired = isRequired
    }

    /// SPEC's canonical columns of each kind, in the order a canonical file has them: the one list of them.
    /// `SourceKind`'s columns, the generator's header and the formats' columns all come from here.
    static let orderColumns = inFileOrder([
        orderId, placedAt, orderCurrency, total, orderMethod, country, sellerType, customer, orderStatus,
        cancelApprovedAt, refundRequestedAt, refundApprovedAt, refundAmount, capturedAmount, refundedAmount,
        counterparty,
    ])
    static let paymentColumns = inFileOrder([
        paymentId, type, createdAt, amount, paymentCurrency, paymentMethod, paymentOrderId, originalPaymentId,
        paymentStatus, chargeRefundedAmount, paymentDescription,
    ])

    /// `columns`, each of which stands where its `position` says.
    private static func inFileOrder(_ columns: [CanonicalColumn]) -> [CanonicalColumn] {
        precondition(columns.indices.allSatisfy { columns[$0].position == $0 }, "a canonical column out of place")
        return columns
    }

    // Each column is a constant (no lazy global's `swift_once` at each of the ingest's reads of a row's value).
    static let orderId = CanonicalColumn(name: "order_id", position: 0, content: .text, isRequired: true)
    static let placedAt = CanonicalColumn(name: "placed_at", position: 1, content: .timestamp, isRequired: true)
    static let orderCurrency = CanonicalColumn(name: "currency", position: 2, content: .text, isRequired: true)
    static let total = CanonicalColumn(name: "total", position: 3, content: .amount, isRequired: true)
    static let orderMethod = CanonicalColumn(name: "payment_method", position: 4, content: .text, isRequired: false)
    static let country = CanonicalColumn(name: "country", position: 5, content: .text, isRequired: false)
    static let sellerType = CanonicalColumn(name: "seller_type", position: 6, content: .text, isRequired: false)
    static let customer = CanonicalColumn(name: "customer", position: 7, content: .text, isRequired: false)
    static let orderStatus = CanonicalColumn(name: "status", position: 8, content: .text, isRequired: false)
    static let cancelApprovedAt = CanonicalColumn(
        name: "cancel_approved_at", position: 9, content: .timestamp, isRequired: false)
    static let refundRequestedAt = CanonicalColumn(
        name: "refund_requested_at", position: 10, content: .timestamp, isRequired: false)
    static let refundApprovedAt = CanonicalColumn(
        name: "refund_approved_at", position: 11, content: .timestamp, isRequired: false)
    static let refundAmount = CanonicalColumn(name: "refund_amount", position: 12, content: .amount, isRequired: false)
    static let capturedAmount = CanonicalColumn(
        name: "captured_amount", position: 13, content: .amount, isRequired: false)
    static let refundedAmount = CanonicalColumn(
        name: "refunded_amount", position: 14, content: .amount, isRequired: false)
    static let counterparty = CanonicalColumn(name: "counterparty", position: 15, content: .text, isRequired: false)

    static let paymentId = CanonicalColumn(name: "payment_id", position: 0, content: .text, isRequired: true)
    static let type = CanonicalColumn(name: "type", position: 1, content: .text, isRequired: true)
    static let createdAt = CanonicalColumn(name: "created_at", position: 2, content: .timestamp, isRequired: true)
    static let amount = CanonicalColumn(name: "amount", position: 3, content: .amount, isRequired: true)
    static let paymentCurrency = CanonicalColumn(name: "currency", position: 4, content: .text, isRequired: true)
    static let paymentMethod = CanonicalColumn(name: "payment_method", position: 5, content: .text, isRequired: false)
    static let paymentOrderId = CanonicalColumn(name: "order_id", position: 6, content: .text, isRequired: false)
    static let originalPaymentId = CanonicalColumn(
        name: "original_payment_id", position: 7, content: .text, isRequired: false)
    static let paymentStatus = CanonicalColumn(name: "status", position: 8, content: .text, isRequired: false)
    static let chargeRefundedAmount = CanonicalColumn(
        name: "refunded_amount", position: 9, content: .amount, isRequired: false)
    static let paymentDescription = CanonicalColumn(
        name: "description", position: 10, content: .text, isRequired: false)
}
