/// The two kinds of input and SPEC's canonical columns for each.
public enum SourceKind: String, Sendable, CaseIterable {
    case orders, payments

    public var columns: [String] {
        switch self {
        case .orders:
            return ["order_id", "placed_at", "currency", "total", "payment_method", "country", "seller_type", "customer",
                    "status", "cancel_approved_at", "refund_requested_at", "refund_approved_at", "refund_amount"]
        case .payments:
            return ["payment_id", "type", "created_at", "amount", "currency", "payment_method", "order_id",
                    "original_payment_id", "status"]
        }
    }

    public var required: [String] {
        switch self {
        case .orders: return ["order_id", "placed_at", "currency", "total"]
        case .payments: return ["payment_id", "type", "created_at", "amount", "currency"]
        }
    }

    /// Columns holding timestamps, read through a format's date layout.
    public var dateColumns: Set<String> {
        switch self {
        case .orders: return ["placed_at", "cancel_approved_at", "refund_requested_at", "refund_approved_at"]
        case .payments: return ["created_at"]
        }
    }

    /// Columns holding amounts, read through a format's number style.
    public var amountColumns: Set<String> {
        switch self {
        case .orders: return ["total", "refund_amount"]
        case .payments: return ["amount"]
        }
    }
}
