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

    /// The canonical column `name` of `kind`; a name that is not one is a programming error.
    init(_ kind: SourceKind, _ name: String) {
        guard let column = kind.canonicalColumns.first(where: { $0.name == name }) else {
            preconditionFailure("'\(name)' is not a canonical \(kind) column")
        }
        self = column
    }

    /// SPEC's canonical columns of each kind, in the order a canonical file has them: the one list of them.
    /// `SourceKind`'s columns, the generator's header and the named columns below all come from here.
    static let orderColumns = numbered([
        ("order_id", .text, true), ("placed_at", .timestamp, true), ("currency", .text, true), ("total", .amount, true),
        ("payment_method", .text, false), ("country", .text, false), ("seller_type", .text, false),
        ("customer", .text, false), ("status", .text, false), ("cancel_approved_at", .timestamp, false),
        ("refund_requested_at", .timestamp, false), ("refund_approved_at", .timestamp, false),
        ("refund_amount", .amount, false), ("captured_amount", .amount, false), ("refunded_amount", .amount, false),
        ("counterparty", .text, false),
    ])
    static let paymentColumns = numbered([
        ("payment_id", .text, true), ("type", .text, true), ("created_at", .timestamp, true), ("amount", .amount, true),
        ("currency", .text, true), ("payment_method", .text, false), ("order_id", .text, false),
        ("original_payment_id", .text, false), ("status", .text, false), ("refunded_amount", .amount, false),
        ("description", .text, false),
    ])

    /// Columns from (name, content, required) in file order.
    private static func numbered(_ columns: [(String, Content, Bool)]) -> [CanonicalColumn] {
        columns.enumerated().map { CanonicalColumn(name: $1.0, position: $0, content: $1.1, isRequired: $1.2) }
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
    static let capturedAmount = CanonicalColumn(.orders, "captured_amount")
    static let refundedAmount = CanonicalColumn(.orders, "refunded_amount")
    static let counterparty = CanonicalColumn(.orders, "counterparty")

    static let paymentId = CanonicalColumn(.payments, "payment_id")
    static let type = CanonicalColumn(.payments, "type")
    static let createdAt = CanonicalColumn(.payments, "created_at")
    static let amount = CanonicalColumn(.payments, "amount")
    static let paymentCurrency = CanonicalColumn(.payments, "currency")
    static let paymentMethod = CanonicalColumn(.payments, "payment_method")
    static let paymentOrderId = CanonicalColumn(.payments, "order_id")
    static let originalPaymentId = CanonicalColumn(.payments, "original_payment_id")
    static let paymentStatus = CanonicalColumn(.payments, "status")
    static let chargeRefundedAmount = CanonicalColumn(.payments, "refunded_amount")
    static let paymentDescription = CanonicalColumn(.payments, "description")
}
