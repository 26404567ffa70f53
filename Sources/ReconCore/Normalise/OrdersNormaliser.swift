/// Turns canonical order records into `Order`s, rejecting what cannot be read and applying `as_of`.
public struct OrdersNormaliser: RecordNormaliser {
    /// The orders read so far, in input order, found by id.
    public private(set) var indexById = IdIndex<Order>()
    public var orders: [Order] { indexById.records }
    /// Approvals and requests dated after `as_of`, by column, since the last `takeIgnoredAfterAsOf()`.
    private var ignoredAfterAsOf: [String: Int] = [:]
    var context: NormaliseContext
    private let methods = TextCodeCache(normalise: PaymentMethod.normalise)
    private let countries = TextCodeCache { $0.uppercased() }
    private let sellerTypes = TextCodeCache { $0.lowercased() }
    private let statuses = TextCodeCache { CardMasker.mask($0) }

    public init(context: NormaliseContext) { self.context = context }

    /// Orders from several files share one id space; each file may have its own zone.
    public mutating func use(context: NormaliseContext) { self.context = context }

    /// The after-`as_of` counts since the last call, for the file just read.
    public mutating func takeIgnoredAfterAsOf() -> [String: Int] {
        defer { ignoredAfterAsOf = [:] }
        return ignoredAfterAsOf
    }

    public func read(_ row: CanonicalRow) throws -> RecordOutcome<Order> {
        let id = try row.required(.orderId)
        let (_, placedOn) = try context.requiredTimestamp(row, .placedAt)
        let currency = try context.currency(row, .orderCurrency)
        let total = try context.requiredAmount(row, .total, currency: currency)
        if total < 0 { throw RowRejection("total", "negative order total '\(row.value(.total)!)'") }
        let refundAmount = try context.amount(row, .refundAmount, currency: currency)
        if let refundAmount, refundAmount < 0 {
            throw RowRejection("refund_amount", "negative refund amount '\(row.value(.refundAmount)!)'")
        }
        return .record(Order(
            id: id, customer: context.text(row, .customer),
            methodCode: methods.code(row.value(.orderMethod)), countryCode: countries.code(row.value(.country)),
            sellerTypeCode: sellerTypes.code(row.value(.sellerType)), statusCode: statuses.code(row.value(.orderStatus)),
            total: total, refundAmount: refundAmount, source: row.source, placedOn: placedOn,
            cancelApprovedOn: try context.timestamp(row, .cancelApprovedAt)?.1,
            refundRequestedOn: try context.timestamp(row, .refundRequestedAt)?.1,
            refundApprovedOn: try context.timestamp(row, .refundApprovedAt)?.1,
            currency: currency))
    }

    public mutating func accept(_ records: [Order]) throws {
        for (i, order) in records.enumerated() {
            if let first = indexById[order.id] {
                throw RowRejection("order_id", "order_id '\(order.id)' already used at line \(orders[first].source.line)")
            }
            if records[..<i].contains(where: { $0.id == order.id }) {
                throw RowRejection("order_id", "order_id '\(order.id)' appears twice in this row")
            }
        }
        for var order in records {
            // Events after as_of had not happened on that night.
            if let d = order.cancelApprovedOn, d > context.asOf { order.cancelApprovedOn = nil; ignoredAfterAsOf["cancel_approved_at", default: 0] += 1 }
            if let d = order.refundRequestedOn, d > context.asOf { order.refundRequestedOn = nil; ignoredAfterAsOf["refund_requested_at", default: 0] += 1 }
            if let d = order.refundApprovedOn, d > context.asOf { order.refundApprovedOn = nil; ignoredAfterAsOf["refund_approved_at", default: 0] += 1 }
            // Personal data is held only where an output can show it: the Overdue sheet, for orders with a case.
            if RefundCase(order: order) == nil { order.customer = nil }
            indexById.append(order)
        }
    }

    public mutating func reserveCapacity(forAbout count: Int) {
        indexById.reserveCapacity(orders.count + count)
    }
}
