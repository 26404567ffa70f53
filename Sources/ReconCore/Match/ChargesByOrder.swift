/// The charges of each order id, in (`created_at`, `payment_id`) order: those of a known order by the
/// order's index, those naming an id no order has by that id.
struct ChargesByOrder {
    private let ofKnownOrders: IndicesByOrder
    private let ofUnknownOrders: [String: [Int]]

    init(ordersById: IdIndex<Order>, payments: [Payment]) {
        var pairs: [(order: Int32, member: Int32)] = []
        // Sized once: grown by doubling, it held both copies at matching's peak.
        pairs.reserveCapacity(payments.lazy.filter { $0.type == .charge }.count)
        var unknown: [String: [Int]] = [:]
        ordersById.lookUp(count: payments.count, id: { payments[$0].type == .charge ? payments[$0].orderId : nil }) { i, o in
            if let o {
                pairs.append((Int32(o), Int32(i)))
            } else if payments[i].type == .charge, let orderId = payments[i].orderId {
                unknown[orderId, default: []].append(i)
            }
        }
        let chronological = { (a: Int, b: Int) in Payment.chronological(payments[a], payments[b]) }
        var known = IndicesByOrder(orderCount: ordersById.records.count, pairs: pairs)
        known.sortRuns(by: chronological)
        // Sorted in place: walking `keys` while writing through them would copy the whole dictionary.
        for k in unknown.values.indices { unknown.values[k].sort(by: chronological) }
        ofKnownOrders = known
        ofUnknownOrders = unknown
    }

    /// The charges of `orderId`: by the order's index when the order is known, else by the id.
    func charges(ofOrder order: Int?, id orderId: String) -> [Int] {
        guard let order else { return ofUnknownOrders[orderId] ?? [] }
        return ofKnownOrders[order]
    }
}
