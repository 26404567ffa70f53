/// What a refund reverses: a charge, or an order that had no succeeded charge (its own original).
package enum Original: Sendable, Equatable, Hashable {
    case charge(Int)
    case order(Int)
}

/// The tier-3 candidates of an ambiguous refund: how many there were and the first few by order id.
/// Only the ids an output shows are kept: a statement of many same-priced refunds against as many
/// same-priced open cases would otherwise hold every case's id once per refund (quadratic memory).
package final class AmbiguousCandidates: Sendable, Equatable {
    /// How many ids are kept: the exception's detail shows this many.
    package static let shownLimit = 10
    package let count: Int
    /// The first `shownLimit` candidates' order ids, in order-id order.
    package let firstOrderIds: [String]

    init(count: Int, firstOrderIds: [String]) {
        precondition(firstOrderIds.count <= Self.shownLimit && firstOrderIds.count <= count, "only shown ids are kept")
        self.count = count
        self.firstOrderIds = firstOrderIds
    }

    /// The kept ids, and how many more there were: `SO-1, SO-2 and 3 more`.
    package var listed: String {
        firstOrderIds.joined(separator: ", ")
            + (count > firstOrderIds.count ? " and \(count - firstOrderIds.count) more" : "")
    }

    package static func == (a: AmbiguousCandidates, b: AmbiguousCandidates) -> Bool {
        a.count == b.count && a.firstOrderIds == b.firstOrderIds
    }
}

/// How one refund was matched. One link per refund is held until the report is written, so positions are
/// held in four bytes each and the order as a reference (24 bytes a link, where `Int`s, optionals and the
/// order's id took 72).
package struct RefundLink: Sendable, Equatable {
    /// The tier-3 candidates, when there were several.
    package var ambiguity: AmbiguousCandidates?
    private var refundPosition: Int32
    /// The original's position among the payments (a charge) or the orders (an order), or -1 for none.
    private var originalPosition: Int32
    /// The linked order, or the order the refund names when unlinked (then never one the orders have: a
    /// refund naming a known order is linked to it in tier 2 at least).
    package var orderReference: OrderReference
    private var originalIsOrder: Bool
    package var tier: MatchTier

    package init(refund: Int, tier: MatchTier, original: Original?, order: OrderReference) {
        refundPosition = Int32(refund)
        originalPosition = -1
        orderReference = order
        originalIsOrder = false
        self.tier = tier
        self.original = original
    }

    /// Order ids of the first tier-3 candidates (at most `AmbiguousCandidates.shownLimit`), when there were several.
    package var candidates: [String] { ambiguity?.firstOrderIds ?? [] }

    /// The tier-3 candidates as outputs list them (`SO-1, SO-2 and 3 more`); empty unless there were several.
    package var listedCandidates: String { ambiguity?.listed ?? "" }

    /// How many tier-3 candidates there were, when there were several; else 0.
    package var candidateCount: Int { ambiguity?.count ?? 0 }

    /// Index of the refund in the payments.
    package var refund: Int { Int(refundPosition) }

    /// Index of the linked order among the orders, when the orders input has it.
    package var order: Int? { orderReference.position }

    /// The linked order's id, or the refund's own `order_id` when unlinked; `orders` are the run's.
    package func orderId(in orders: [Order], texts: RunTexts) -> String? { orderReference.id(in: orders, texts: texts) }

    /// Moves the order and an order original to their new positions among the orders.
    mutating func renumberOrders(_ newPosition: (Int) -> Int) {
        orderReference = orderReference.renumbered(newPosition)
        if originalPosition >= 0, originalIsOrder { originalPosition = Int32(newPosition(Int(originalPosition))) }
    }

    /// Moves the refund and a charge original to their new positions among the payments.
    mutating func renumberPayments(_ newPosition: (Int) -> Int) {
        refundPosition = Int32(newPosition(Int(refundPosition)))
        if originalPosition >= 0, !originalIsOrder { originalPosition = Int32(newPosition(Int(originalPosition))) }
    }

    package var original: Original? {
        get {
            guard originalPosition >= 0 else { return nil }
            return originalIsOrder ? .order(Int(originalPosition)) : .charge(Int(originalPosition))
        }
        set {
            switch newValue {
            case .charge(let i): (originalPosition, originalIsOrder) = (Int32(i), false)
            case .order(let i): (originalPosition, originalIsOrder) = (Int32(i), true)
            case nil: (originalPosition, originalIsOrder) = (-1, false)
            }
        }
    }
}

/// The facts of an original that the rules compare a refund with.
package struct OriginalFacts: Sendable {
    package var paymentId: String
    var methodCode: TextCode
    package var currency: Currency
    package var amount: Int64

    package func method(in texts: RunTexts) -> String? { texts.text(methodCode) }

    package init(_ original: Original, orders: [Order], payments: [Payment], texts: RunTexts) {
        switch original {
        case .charge(let i):
            let charge = payments[i]
            self.init(
                paymentId: texts.id(charge.id), methodCode: charge.methodCode, currency: charge.currency,
                amount: charge.amount)
        case .order(let i):
            let order = orders[i]
            self.init(
                paymentId: "", methodCode: order.methodCode(in: texts), currency: order.currency, amount: order.total)
        }
    }

    init(paymentId: String, methodCode: TextCode, currency: Currency, amount: Int64) {
        self.paymentId = paymentId
        self.methodCode = methodCode
        self.currency = currency
        self.amount = amount
    }
}
