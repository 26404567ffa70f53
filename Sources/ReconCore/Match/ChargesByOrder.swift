/// The charges of each order id, in (`created_at`, `payment_id`) order. Charges of a known order are kept
/// in one flat array, a run per order found by the order's index (a few bytes per order, where a
/// dictionary of arrays costs about ninety); charges naming an id no order has are kept by that id.
struct ChargesByOrder {
    /// The charges of order `o` are `flat[runStart[o]..<runStart[o + 1]]`.
    private let runStart: [Int32]
    private let flat: [Int32]
    private let ofUnknownOrders: [String: [Int]]

    init(orders: [Order], ordersById: IdIndex<Order>, payments: [Payment]) {
        var orderOfCharge = [Int32](repeating: -1, count: payments.count)
        // Counts per order at `o + 1`, then (after the running sum) where each run starts.
        var starts = [Int32](repeating: 0, count: orders.count + 1)
        var unknown: [String: [Int]] = [:]
        for (i, p) in payments.enumerated() where p.type == .charge {
            guard let orderId = p.orderId else { continue }
            if let o = ordersById[orderId] {
                orderOfCharge[i] = Int32(o)
                starts[o + 1] += 1
            } else {
                unknown[orderId, default: []].append(i)
            }
        }
        for o in orders.indices { starts[o + 1] += starts[o] }
        var next = starts
        var flat = [Int32](repeating: 0, count: Int(starts[orders.count]))
        for (i, o) in orderOfCharge.enumerated() where o >= 0 {
            flat[Int(next[Int(o)])] = Int32(i)
            next[Int(o)] += 1
        }
        let chronological = { (a: Int32, b: Int32) in Payment.chronological(payments[Int(a)], payments[Int(b)]) }
        for o in orders.indices where starts[o + 1] - starts[o] > 1 {
            flat[Int(starts[o])..<Int(starts[o + 1])].sort(by: chronological)
        }
        // Sorted in place: walking `keys` while writing through them would copy the whole dictionary.
        for k in unknown.values.indices { unknown.values[k].sort { chronological(Int32($0), Int32($1)) } }
        runStart = starts
        self.flat = flat
        ofUnknownOrders = unknown
    }

    /// The charges of `orderId`: by the order's index when the order is known, else by the id.
    func charges(ofOrder order: Int?, id orderId: String) -> [Int] {
        guard let order else { return ofUnknownOrders[orderId] ?? [] }
        return flat[Int(runStart[order])..<Int(runStart[order + 1])].map(Int.init)
    }
}
