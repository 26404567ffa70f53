/// Links every refund to the payment it reverses, in three tiers:
/// 1. **reference**: `original_payment_id` names a charge;
/// 2. **order**: `order_id` is known, the original is that order's succeeded charge (same method first);
/// 3. **amount**: a succeeded refund left over matches exactly one open case by currency, outstanding
///    amount, approval date and method.
public struct RefundMatcher {
    let orders: [Order]
    let ordersById: IdIndex<Order>
    let payments: [Payment]
    let paymentsById: IdIndex<Payment>
    private let chargesByOrder: ChargesByOrder

    public init(ordersById: IdIndex<Order>, paymentsById: IdIndex<Payment>) {
        orders = ordersById.records
        self.ordersById = ordersById
        payments = paymentsById.records
        self.paymentsById = paymentsById
        chargesByOrder = ChargesByOrder(ordersById: ordersById, payments: payments)
    }

    /// Links for every refund, sorted by `payment_id`.
    public func match() -> [RefundLink] {
        var refunds = payments.indices.filter { payments[$0].type == .refund }
        refunds.sort { payments[$0].id < payments[$1].id }
        var links = refunds.map { linkByReferenceOrOrder($0) }
        linkByAmount(&links)
        return links
    }

    /// Tiers 1 and 2, or an unlinked placeholder for tier 3.
    private func linkByReferenceOrOrder(_ r: Int) -> RefundLink {
        let refund = payments[r]
        if let reference = refund.originalPaymentId, let c = paymentsById[reference], payments[c].type == .charge {
            let orderId = payments[c].orderId ?? refund.orderId
            return RefundLink(refund: r, tier: .reference, original: .charge(c), orderId: orderId,
                              order: orderId.flatMap { ordersById[$0] })
        }
        if let orderId = refund.orderId, let original = originalOfOrder(orderId, method: refund.method) {
            return RefundLink(refund: r, tier: .order, original: original, orderId: orderId, order: ordersById[orderId])
        }
        return RefundLink(refund: r, tier: .none, original: nil, orderId: refund.orderId, order: nil)
    }

    /// The original of a refund on `orderId`: its first succeeded charge with the refund's method, else its
    /// first succeeded charge; an order with none is its own original. An id known only from charges that
    /// all failed or are pending takes its first charge by the same rule. Nil when the id is unknown.
    func originalOfOrder(_ orderId: String, method: String?) -> Original? {
        let order = ordersById[orderId]
        let charges = chargesByOrder.charges(ofOrder: order, id: orderId)
        let succeeded = charges.filter { payments[$0].status == .succeeded }
        if let pick = Self.preferSameMethod(succeeded, method: method, payments: payments) { return .charge(pick) }
        if let order { return .order(order) }
        return Self.preferSameMethod(charges, method: method, payments: payments).map { .charge($0) }
    }

    private static func preferSameMethod(_ charges: [Int], method: String?, payments: [Payment]) -> Int? {
        if let method, let same = charges.first(where: { payments[$0].method == method }) { return same }
        return charges.first
    }

    /// Tier 3: the remaining succeeded refunds in (`created_at`, `payment_id`) order against open cases.
    private func linkByAmount(_ links: inout [RefundLink]) {
        var remaining = links.indices.filter { links[$0].tier == .none && payments[links[$0].refund].status == .succeeded }
        guard !remaining.isEmpty else { return }
        remaining.sort { Payment.chronological(payments[links[$0].refund], payments[links[$1].refund]) }

        // Each order's case and what is outstanding after the tier 1–2 links, in arrays by the case's slot
        // (at 10M orders, dictionaries by order over 2.9M cases held about 200 MB).
        var slotOfOrder = [Int32](repeating: -1, count: orders.count)
        var cases: [RefundCase] = []
        var outstanding: [Int64] = []
        for (i, order) in orders.enumerated() {
            guard let c = RefundCase(order: order) else { continue }
            slotOfOrder[i] = Int32(cases.count)
            cases.append(c)
            outstanding.append(c.expected)
        }
        func slot(_ order: Int) -> Int? { slotOfOrder[order] < 0 ? nil : Int(slotOfOrder[order]) }
        for link in links {
            guard let order = link.order, let s = slot(order), countsTowardCase(link) else { continue }
            outstanding[s] -= payments[link.refund].amount
        }
        // Open cases by (currency, outstanding), so that a refund finds its candidates directly; only under
        // the amounts some remaining refund has, since no other key is ever looked up (a case whose
        // outstanding changes below was found under such a key, and goes under its new amount).
        let wanted = Set(remaining.map { OpenKey(currency: payments[links[$0].refund].currency, amount: payments[links[$0].refund].amount) })
        var open: [OpenKey: [Int]] = [:]
        for (order, s) in slotOfOrder.enumerated() where s >= 0 && outstanding[Int(s)] > 0 {
            let key = OpenKey(currency: orders[order].currency, amount: outstanding[Int(s)])
            if wanted.contains(key) { open[key, default: []].append(order) }
        }

        for l in remaining {
            let refund = payments[links[l].refund]
            let key = OpenKey(currency: refund.currency, amount: refund.amount)
            let candidates = (open[key] ?? []).filter { order in
                cases[slot(order)!].approvedOn <= refund.createdOn
                    && !PaymentMethod.differ(orders[order].method, refund.method)
            }.sorted { orders[$0].id < orders[$1].id }
            if candidates.count > 1 {
                links[l].tier = .ambiguous
                links[l].candidates = candidates.map { orders[$0].id }
                continue
            }
            guard let order = candidates.first else { continue }
            let orderId = orders[order].id
            links[l].tier = .amount
            links[l].order = order
            links[l].orderId = orderId
            links[l].original = originalOfOrder(orderId, method: refund.method)
            if countsTowardCase(links[l]) {
                open[key]!.removeAll { $0 == order }
                let s = slot(order)!
                outstanding[s] -= refund.amount
                if outstanding[s] > 0 { open[OpenKey(currency: refund.currency, amount: outstanding[s]), default: []].append(order) }
            }
        }
    }

    /// A linked refund counts toward its order's case when it succeeded and is in the currency of both
    /// the order and its original.
    func countsTowardCase(_ link: RefundLink) -> Bool {
        guard let order = link.order, let original = link.original else { return false }
        let refund = payments[link.refund]
        return refund.status == .succeeded && refund.currency == orders[order].currency
            && refund.currency == OriginalFacts(original, orders: orders, payments: payments).currency
    }

    private struct OpenKey: Hashable {
        var currency: Currency
        var amount: Int64
    }
}
