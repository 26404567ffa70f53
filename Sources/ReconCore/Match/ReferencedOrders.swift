/// After matching, the cases, flags and report read only the orders with refund details (their cases and
/// parties) and the orders that a kept payment, a link or a recorded refund names: at 10M generated orders,
/// about a third of them. The others (40 bytes each) are dropped in place before the cases, and every
/// position that names an order is renumbered. What needs every order (the request-window watch, the
/// currencies the orders are in, the follow-up notes' ids that name no order) is worked out before.
enum ReferencedOrders {
    /// Keeps, in input order, the orders the rest of the run reads, gives the memory of the others back, and
    /// renumbers the payments' orders, the links', the recorded refunds' and the orders' `counterparties`
    /// (by position; an order let go has none).
    static func keep(
        _ orders: inout [Order], payments: inout [Payment], links: inout [RefundLink],
        recordedRefunds: inout RecordedRefunds, counterparties: inout [Int32: TextCode]
    ) {
        var kept = KeptPositions(count: orders.count)
        for (i, order) in orders.enumerated() where order.refundDetails != nil { kept.keep(i) }
        for payment in payments {
            if let order = payment.order.position { kept.keep(order) }
        }
        for link in links {
            if let order = link.order { kept.keep(order) }
            if case .order(let order) = link.original { kept.keep(order) }
        }
        for order in recordedRefunds.orders { kept.keep(Int(order)) }
        kept.countKept()
        orders.keepOnly(kept)
        for i in payments.indices { payments[i].order = payments[i].order.renumbered(kept.newPosition) }
        for l in links.indices { links[l].renumberOrders(kept.newPosition) }
        recordedRefunds.renumberOrders(kept.newPosition)
        counterparties = Dictionary(
            uniqueKeysWithValues: counterparties.compactMap { position, counterparty in
                kept.isKept(Int(position)) ? (Int32(kept.newPosition(Int(position))), counterparty) : nil
            })
    }
}
