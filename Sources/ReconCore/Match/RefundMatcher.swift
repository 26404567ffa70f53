/// Links every refund to the payment it reverses, in three tiers:
/// 1. **reference**: `original_payment_id` names a charge;
/// 2. **order**: `order_id` is known, the original is that order's succeeded charge (same method first);
/// 3. **amount**: a succeeded refund left over matches exactly one open case by currency, outstanding
///    amount, approval date and method; with a rate file, also a case in another currency whose outstanding
///    amount the refund comes within the tolerance of, converted.
/// Links come sorted by `payment_id`. Payments hold their orders and originals by position (found while
/// they were read), so nothing here finds a record by id.
package struct RefundMatcher {
    let orders: [Order]
    let payments: [Payment]
    /// The pipeline's, in which a refund's day is read.
    let zone: Zone
    /// The run's texts, in which an error finds the files of the rows it names.
    let texts: RunTexts
    /// Converts refunds in another currency than their case's, when the run has a rate file.
    let converter: CurrencyConverter?
    private let chargesByOrder: ChargesByOrder

    /// `withDetails`: the orders with refund details (`CaseParties.ordersWithDetails`), whose charges the
    /// cases and the recorded refunds ask for, as the refunds ask for their orders'.
    init(
        orders: [Order], withDetails: KeptPositions, payments: [Payment], zone: Zone, texts: RunTexts,
        converter: CurrencyConverter? = nil
    ) {
        self.orders = orders
        self.payments = payments
        self.zone = zone
        self.texts = texts
        self.converter = converter
        chargesByOrder = ChargesByOrder(
            wanted: Self.ordersAskedFor(withDetails: withDetails, payments: payments), payments: payments,
            ids: texts.ids)
    }

    /// The orders whose charges matching may ask for: those with refund details (`withDetails`, as
    /// `CaseParties.ordersWithDetails` gives them), whose cases and recorded refunds ask, and those a refund
    /// names.
    static func ordersAskedFor(withDetails: KeptPositions, payments: [Payment]) -> KeptPositions {
        var wanted = withDetails
        for payment in payments where payment.type == .refund {
            if let order = payment.order.position { wanted.keep(order) }
        }
        wanted.countKept()
        return wanted
    }

    /// Tiers 1 and 2 for every refund, in `payment_id` order; what they leave is a placeholder for tier 3.
    /// What this builds on the way is gone when it returns, before tier 3 builds its own.
    func linksByReferenceOrOrder() -> [RefundLink] {
        // Sorted as (id prefix, id, position): comparing through the payments, or through the arena for the
        // ids longer than 8 bytes, would reach into a table far larger than the cache at every step.
        let ids = texts.ids
        var keyed: [(prefix: UInt64, id: RecordId, position: Int32)] = []
        keyed.reserveCapacity(payments.lazy.filter { $0.type == .refund }.count)
        for i in payments.indices where payments[i].type == .refund {
            keyed.append((ids.prefix(of: payments[i].id), payments[i].id, Int32(i)))
        }
        keyed.sort { ids.precedes(($0.prefix, $0.id), ($1.prefix, $1.id)) }
        let refunds = keyed.map(\.position)
        keyed = []
        return refunds.map { linkByReferenceOrOrder(Int($0)) }
    }

    /// Tiers 1 and 2, or an unlinked placeholder for tier 3.
    private func linkByReferenceOrOrder(_ r: Int) -> RefundLink {
        let refund = payments[r]
        if let c = refund.original.position, payments[c].type == .charge {
            let order = payments[c].order == .none ? refund.order : payments[c].order
            return RefundLink(refund: r, tier: .reference, original: .charge(c), order: order)
        }
        if refund.order != .none, let original = originalOfOrder(refund.order, method: refund.methodCode) {
            return RefundLink(refund: r, tier: .order, original: original, order: refund.order)
        }
        return RefundLink(refund: r, tier: .none, original: nil, order: refund.order)
    }

    /// The original of a refund on `order`: its first succeeded charge with the refund's method, else its
    /// first succeeded charge; an order with none is its own original. An id known only from charges that
    /// all failed or are pending takes its first charge by the same rule. Nil when the id is unknown.
    func originalOfOrder(_ order: OrderReference, method: TextCode) -> Original? {
        let charges = chargesByOrder.charges(of: order)
        let succeeded = charges.filter { payments[$0].status == .succeeded }
        if let pick = Self.preferSameMethod(succeeded, method: method, payments: payments) { return .charge(pick) }
        if let position = order.position { return .order(position) }
        return Self.preferSameMethod(charges, method: method, payments: payments).map { .charge($0) }
    }

    /// Whether some charge (of any status) names the order at `order` among the orders.
    func isNamedByACharge(_ order: Int) -> Bool { !charges(ofOrder: order).isEmpty }

    /// The charges naming the order at `order`, in (`created_at`, `payment_id`) order.
    func charges(ofOrder order: Int) -> [Int] { chargesByOrder.charges(of: OrderReference(position: order)) }

    /// Methods are compared by their codes, which are equal exactly when the texts are.
    private static func preferSameMethod(_ charges: [Int], method: TextCode, payments: [Payment]) -> Int? {
        if method != .none, let same = charges.first(where: { payments[$0].methodCode == method }) { return same }
        return charges.first
    }

    /// Tier 3: the remaining succeeded refunds in (`created_at`, `payment_id`) order against open cases.
    /// An ambiguous refund keeps its candidates' count and the first few ids only. A refund linked to a case
    /// in another currency is recorded in `conversions`. Throws when an order's linked refunds sum past what
    /// `Int64` holds.
    func linkByAmount(_ links: inout [RefundLink], conversions: inout ConvertedRefunds) throws {
        let remaining = remainingInTimeOrder(links)
        guard !remaining.isEmpty else { return }
        var cases = OpenCases(orders: orders, texts: texts)
        for link in links {
            guard let order = link.order, cases.hasCase(order), countsTowardCase(link, conversions) else { continue }
            try cases.count(countedAmount(link, conversions), of: payments[link.refund], toward: order)
        }
        cases.index(
            wanted: Set(remaining.map { key(of: payments[links[$0].refund]) }), acrossCurrencies: converter != nil)
        for l in remaining {
            try linkByAmount(&links[l], cases: &cases, conversions: &conversions)
        }
    }

    /// Tier 3 for one refund: linked to its one candidate, ambiguous among several, else left unlinked. Cases
    /// in other currencies are candidates only when none in the refund's own currency fits: an exact match
    /// stays what it is without a rate file.
    private func linkByAmount(
        _ link: inout RefundLink, cases: inout OpenCases, conversions: inout ConvertedRefunds
    ) throws {
        let refund = payments[link.refund]
        let day = refund.createdOn(in: zone)
        let limit = AmbiguousCandidates.shownLimit
        let (count, first) = cases.candidates(key(of: refund), madeOn: day, method: refund.methodCode, limit: limit)
        let across =
            count > 0 ? [] : converter.map { cases.candidates(across: refund, madeOn: day, converter: $0) } ?? []
        if count + across.count > 1 {
            let ids = (first.map { texts.id(orders[$0].id) } + across.map { texts.id(orders[$0.order].id) }).sorted()
                .prefix(limit)
            link.tier = .ambiguous
            link.ambiguity = AmbiguousCandidates(count: count + across.count, firstOrderIds: Array(ids))
            return
        }
        guard let order = first.first ?? across.first?.order else { return }
        link.tier = .amount
        link.orderReference = OrderReference(position: order)
        link.original = originalOfOrder(link.orderReference, method: refund.methodCode)
        if let conversion = across.first?.conversion {
            let owed = cases.outstanding(of: order)
            conversions.record(.init(conversion: conversion, owed: owed, credited: owed), refund: link.refund)
        }
        if countsTowardCase(link, conversions) {
            try cases.settle(countedAmount(link, conversions), of: refund, toward: order)
        }
    }

    /// The links left unlinked by tiers 1–2 whose refund succeeded, in (`created_at`, `payment_id`) order,
    /// sorted on those keys beside each link rather than through the links and payments at every comparison.
    private func remainingInTimeOrder(_ links: [RefundLink]) -> [Int] {
        var keyed: [(createdAt: Instant, id: RecordId, link: Int32)] = []
        for l in links.indices where links[l].tier == .none {
            let refund = payments[links[l].refund]
            if refund.status == .succeeded { keyed.append((refund.createdAt, refund.id, Int32(l))) }
        }
        let ids = texts.ids
        keyed.sort { Payment.precedes(($0.createdAt, $0.id), ($1.createdAt, $1.id), ids: ids) }
        return keyed.map { Int($0.link) }
    }

    private func key(of refund: Payment) -> OpenCases.Key {
        OpenCases.Key(currency: refund.currency, amount: refund.amount)
    }

    /// A linked refund counts toward its order's case when it succeeded and is in the currency of both
    /// the order and its original, or was converted into the order's within the tolerance.
    func countsTowardCase(_ link: RefundLink, _ conversions: ConvertedRefunds) -> Bool {
        guard let order = link.order, let original = link.original else { return false }
        let refund = payments[link.refund]
        guard refund.status == .succeeded else { return false }
        if conversions.credited(link.refund) != nil { return true }
        return refund.currency == orders[order].currency
            && refund.currency == OriginalFacts(original, orders: orders, payments: payments, texts: texts).currency
    }

    /// What a refund that counts toward its case counts for, in the case's currency: its amount, or what it
    /// was credited when converted.
    func countedAmount(_ link: RefundLink, _ conversions: ConvertedRefunds) -> Int64 {
        conversions.credited(link.refund) ?? payments[link.refund].amount
    }
}
