/// The two kinds of input and SPEC's canonical columns for each.
public enum SourceKind: String, Sendable, CaseIterable {
    case orders, payments

    public var columns: [String] { self == .orders ? Self.orderColumns : Self.paymentColumns }

    /// Where `column` stands in `columns`: a short scan of small strings. Rows use `CanonicalColumn`, which
    /// looks this up once.
    public func position(of column: String) -> Int? { columns.firstIndex(of: column) }

    private static let orderColumns = ["order_id", "placed_at", "currency", "total", "payment_method", "country", "seller_type",
                                       "customer", "status", "cancel_approved_at", "refund_requested_at", "refund_approved_at",
                                       "refund_amount"]
    private static let paymentColumns = ["payment_id", "type", "created_at", "amount", "currency", "payment_method", "order_id",
                                         "original_payment_id", "status"]

    public var required: [String] {
        switch self {
        case .orders: return ["order_id", "placed_at", "currency", "total"]
        case .payments: return ["payment_id", "type", "created_at", "amount", "currency"]
        }
    }

    /// Columns holding timestamps, read through a format's date layout.
    public var dateColumns: Set<String> { self == .orders ? Self.orderDates : Self.paymentDates }

    /// Columns holding amounts, read through a format's number style.
    public var amountColumns: Set<String> { self == .orders ? Self.orderAmounts : Self.paymentAmounts }

    // Built once: these are asked for on every field of every row.
    private static let orderDates: Set<String> = ["placed_at", "cancel_approved_at", "refund_requested_at", "refund_approved_at"]
    private static let paymentDates: Set<String> = ["created_at"]
    private static let orderAmounts: Set<String> = ["total", "refund_amount"]
    private static let paymentAmounts: Set<String> = ["amount"]
}
