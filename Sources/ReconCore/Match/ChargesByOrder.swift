/// The charges of each order, in (`created_at`, `payment_id`) order: those of a known order by the order's
/// position, those naming an id no order has by that id's code. Only the orders whose charges matching can
/// ask for are kept (`wanted`); any other order has none here.
struct ChargesByOrder {
    private let ofKnownOrders: IndicesByOrder
    private let ofUnknownOrders: [TextCode: [Int]]

    /// `wanted`: the orders whose charges may be asked for, among all the orders; `ids`: the run's.
    init(wanted: KeptPositions, payments: [Payment], ids: IdArena) {
        var unknown: [TextCode: [Int]] = [:]
        for (i, payment) in payments.enumerated() where payment.type == .charge {
            if let id = payment.order.unresolvedId { unknown[id, default: []].append(i) }
        }
        let chronological = { (a: Int, b: Int) in Payment.chronological(payments[a], payments[b], ids: ids) }
        // Read from the payments as needed, rather than stored as (order, charge) pairs: 8 bytes a charge.
        var known = IndicesByOrder(
            keys: wanted,
            pairs: payments.indices.lazy
                .filter { payments[$0].type == .charge && payments[$0].order.position != nil }
                .map { (order: Int32(payments[$0].order.position!), member: Int32($0)) })
        known.sortRuns(by: chronological)
        // Sorted in place: walking `keys` while writing through them would copy the whole dictionary.
        for k in unknown.values.indices { unknown.values[k].sort(by: chronological) }
        ofKnownOrders = known
        ofUnknownOrders = unknown
    }

    /// The charges naming `order`.
    func charges(of order: OrderReference) -> [Int] {
        if let position = order.position { return ofKnownOrders[position] }
        return order.unresolvedId.map { ofUnknownOrders[$0] ?? [] } ?? []
    }
}
