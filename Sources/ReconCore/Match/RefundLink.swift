/// What a refund reverses: a charge, or an order that had no succeeded charge (its own original).
public enum Original: Sendable, Equatable, Hashable {
    case charge(Int)
    case order(Int)
}

/// How one refund was matched.
public struct RefundLink: Sendable, Equatable {
    /// Index of the refund in the payments.
    public var refund: Int
    public var tier: MatchTier
    public var original: Original?
    /// The linked order's id, or the refund's own `order_id` when unlinked.
    public var orderId: String?
    /// Index of the linked order among the orders, when the orders input has it.
    public var order: Int?
    /// Order ids of the tier-3 candidates, when there were several.
    public var candidates: [String] = []
}

/// The facts of an original that the rules compare a refund with.
public struct OriginalFacts: Sendable {
    public var paymentId: String
    var methodCode: TextCode
    public var currency: Currency
    public var amount: Int64

    public var method: String? { methodCode.text }

    public init(_ original: Original, orders: [Order], payments: [Payment]) {
        switch original {
        case .charge(let i):
            let charge = payments[i]
            self.init(paymentId: charge.id, methodCode: charge.methodCode, currency: charge.currency, amount: charge.amount)
        case .order(let i):
            let order = orders[i]
            self.init(paymentId: "", methodCode: order.methodCode, currency: order.currency, amount: order.total)
        }
    }

    init(paymentId: String, methodCode: TextCode, currency: Currency, amount: Int64) {
        self.paymentId = paymentId
        self.methodCode = methodCode
        self.currency = currency
        self.amount = amount
    }
}
