/// Turns canonical order rows into `Order`s, rejecting what cannot be read and applying `as_of`.
public struct OrdersNormaliser {
    public static let required = ["order_id", "placed_at", "currency", "total"]

    public private(set) var orders: [Order] = []
    public private(set) var indexById: [String: Int] = [:]
    /// Approvals and requests dated after `as_of`, by column.
    public private(set) var ignoredAfterAsOf: [String: Int] = [:]
    var context: NormaliseContext

    public init(context: NormaliseContext) { self.context = context }

    /// Orders from several files share one id space; each file may have its own zone.
    public mutating func use(context: NormaliseContext) { self.context = context }

    /// The after-`as_of` counts since the last call, for the file just read.
    public mutating func takeIgnoredAfterAsOf() -> [String: Int] {
        defer { ignoredAfterAsOf = [:] }
        return ignoredAfterAsOf
    }

    public mutating func normalise(_ row: SourceIngest.Row) throws -> RowOutcome {
        let id = try row.required("order_id")
        guard let (placedAt, placedOn) = try context.timestamp(row, "placed_at", required: true) else { return .used }
        let currency = try context.currency(row)
        let total = try context.amount(row, "total", currency: currency, required: true)!
        if total < 0 { throw RowRejection("total", "negative order total '\(row.value("total")!)'") }
        let refundAmount = try context.amount(row, "refund_amount", currency: currency, required: false)
        if let refundAmount, refundAmount < 0 {
            throw RowRejection("refund_amount", "negative refund amount '\(row.value("refund_amount")!)'")
        }
        var cancelApproved = try context.timestamp(row, "cancel_approved_at", required: false)?.1
        var refundRequested = try context.timestamp(row, "refund_requested_at", required: false)?.1
        var refundApproved = try context.timestamp(row, "refund_approved_at", required: false)?.1
        if let first = indexById[id] {
            throw RowRejection("order_id", "order_id '\(id)' already used at line \(orders[first].source.line)")
        }
        // Events after as_of had not happened on that night.
        for (column, date) in [("cancel_approved_at", cancelApproved), ("refund_requested_at", refundRequested),
                               ("refund_approved_at", refundApproved)] {
            guard let date, date > context.asOf else { continue }
            ignoredAfterAsOf[column, default: 0] += 1
            switch column {
            case "cancel_approved_at": cancelApproved = nil
            case "refund_requested_at": refundRequested = nil
            default: refundApproved = nil
            }
        }
        indexById[id] = orders.count
        orders.append(Order(
            id: id, placedAt: placedAt, placedOn: placedOn, currency: currency, total: total,
            method: row.value("payment_method").flatMap(PaymentMethod.normalise),
            country: row.value("country")?.uppercased(),
            sellerType: row.value("seller_type")?.lowercased(),
            customer: context.text(row, "customer"),
            status: context.text(row, "status"),
            cancelApprovedOn: cancelApproved, refundRequestedOn: refundRequested, refundApprovedOn: refundApproved,
            refundAmount: refundAmount,
            source: row.source))
        return .used
    }
}
