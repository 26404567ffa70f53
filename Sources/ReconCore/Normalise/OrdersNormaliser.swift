/// Turns canonical order records into `Order`s, rejecting what cannot be read and applying `as_of`.
package struct OrdersNormaliser: RecordNormaliser {
    /// The orders read so far, in input order, found by id.
    package private(set) var indexById: IdIndex<Order>
    package var orders: [Order] { indexById.records }

    /// The orders and their index, which this normaliser then no longer holds (so that whoever takes them
    /// can let the index go).
    package mutating func takeIndexById() -> IdIndex<Order> {
        defer { (indexById, orderTextsCodes) = (IdIndex(ids: texts.ids), OrderTextsCodes()) }
        return indexById
    }
    /// Approvals and requests dated after `as_of`, by column, since the last `takeIgnoredAfterAsOf()`.
    private var ignoredAfterAsOf: [String: Int] = [:]
    /// The latest placement, request or approval on or before `as_of` since the last `takeLatestEventOn()`.
    private var latestEventOn: CivilDate?
    var context: NormaliseContext
    /// The run's texts: the orders' repeated texts are coded here, and the payments' after them.
    package let texts: RunTexts
    /// By position: the `counterparty` of the orders that have one (a marketplace order's supplier), held
    /// apart since most orders have none.
    package private(set) var counterparties: [Int32: TextCode] = [:]
    /// The codes of the orders' four texts, given as the orders are taken.
    private var orderTextsCodes = OrderTextsCodes()

    package init(context: NormaliseContext, texts: RunTexts = RunTexts()) {
        self.context = context
        self.texts = texts
        indexById = IdIndex(ids: texts.ids)
    }

    package var reader: OrdersReader { OrdersReader(context: context, texts: texts) }

    /// Orders from several files share one id space; each file may have its own zone.
    package mutating func use(context: NormaliseContext) { self.context = context }

    /// The after-`as_of` counts since the last call, for the file just read.
    package mutating func takeIgnoredAfterAsOf() -> [String: Int] {
        defer { ignoredAfterAsOf = [:] }
        return ignoredAfterAsOf
    }

    package mutating func takeLatestEventOn() -> CivilDate? {
        defer { latestEventOn = nil }
        return latestEventOn
    }

    package func prefetch(_ records: ArraySlice<ReadOrder>) {
        for read in records {
            indexById.prefetch(read.idHash)
            orderTextsCodes.prefetch(read.textsHash)
        }
    }

    /// Takes a row's orders.
    package mutating func accept(_ records: ArraySlice<ReadOrder>) throws {
        for i in records.indices {
            let id = records[i].order.id
            if let first = indexById[id, hash: records[i].idHash] {
                // The earlier row's file is named when it is another orders file.
                let earlier = orders[first].source
                let place =
                    earlier.fileNumber == records[i].order.source.fileNumber
                    ? "line \(earlier.line)" : "\(texts.file(earlier)):\(earlier.line)"
                throw RowRejection("order_id", "order_id '\(texts.id(id))' already used at \(place)")
            }
            if records[..<i].contains(where: { texts.ids.equal($0.order.id, id) }) {
                throw RowRejection("order_id", "order_id '\(texts.id(id))' appears twice in this row")
            }
        }
        for read in records {
            if read.counterparty != .none { counterparties[Int32(indexById.records.count)] = read.counterparty }
            if !read.afterAsOf.isEmpty { countAfterAsOf(read.afterAsOf) }
            if let date = read.latestEventOn, latestEventOn.map({ date > $0 }) ?? true { latestEventOn = date }
            var order = read.order
            order.textsCode = orderTextsCodes.code(read.texts, hash: read.textsHash, in: texts)
            indexById.append(order, idHash: read.idHash)
        }
    }

    private mutating func countAfterAsOf(_ afterAsOf: AfterAsOf) {
        for (flag, column) in AfterAsOf.columns where afterAsOf.contains(flag) {
            ignoredAfterAsOf[column, default: 0] += 1
        }
    }

    package mutating func reserveCapacity(forAbout count: Int) {
        indexById.reserveCapacity(orders.count + count)
    }
}

/// An order as read, its repeated texts coded, before `OrdersNormaliser.accept` checks its id.
package struct ReadOrder: Sendable {
    var order: Order
    /// `order.id`'s hash (`HashedText.hash`), for `accept` to look it up with.
    var idHash: UInt32
    /// The texts that `order` holds coded, which `accept` codes (the order holds `OrderTexts.Code.unassigned`
    /// till then).
    var texts: OrderTexts
    /// `texts.hash`, made where the row is read.
    var textsHash: UInt64
    /// The `counterparty` (a marketplace order's supplier), held apart from the order.
    var counterparty: TextCode
    /// The approval and request columns dated after `as_of`, which the order holds as empty (counted by
    /// `accept`), and its latest placement, request or approval on or before `as_of`.
    var afterAsOf: AfterAsOf
    var latestEventOn: CivilDate?
}

/// The approval and request columns of an order dated after `as_of`: events that had not happened on that
/// night.
package struct AfterAsOf: OptionSet, Sendable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    static let cancelApproved = AfterAsOf(rawValue: 1)
    static let refundRequested = AfterAsOf(rawValue: 2)
    static let refundApproved = AfterAsOf(rawValue: 4)
    /// Each flag and the column it counts under in the manifest.
    static let columns: [(AfterAsOf, String)] = [
        (.cancelApproved, "cancel_approved_at"), (.refundRequested, "refund_requested_at"),
        (.refundApproved, "refund_approved_at"),
    ]
}

/// Reads order records, each row on its own: ids, dates, amounts, texts. One reads the rows of one file,
/// coding their repeated texts as it goes (the caches of the values seen so far are its own).
package struct OrdersReader: RecordReader {
    let context: NormaliseContext
    /// The run's, to which the ids that a `RecordId` cannot hold are added.
    private let ids: IdArena
    private var methods, countries, sellerTypes, statuses, counterparties: TextCodeCache

    init(context: NormaliseContext, texts: RunTexts) {
        self.context = context
        ids = texts.ids
        methods = TextCodeCache(texts: texts, normalise: PaymentMethod.normalise)
        countries = TextCodeCache(texts: texts) { CardMasker.mask($0.uppercased()) }
        sellerTypes = TextCodeCache(texts: texts) { CardMasker.mask($0.lowercased()) }
        statuses = TextCodeCache(texts: texts) { CardMasker.mask($0) }
        counterparties = TextCodeCache(texts: texts) { CardMasker.mask($0) }
    }

    package mutating func read(_ row: CanonicalRow) throws -> RecordOutcome<ReadOrder> {
        let id = try row.required(.orderId)
        let (_, placedOn) = try context.requiredTimestamp(row, .placedAt)
        let currency = try context.currency(row, .orderCurrency)
        let total = try context.requiredAmount(row, .total, currency: currency)
        if total < 0 { throw RowRejection("total", "negative order total '\(row.value(.total)!)'") }
        let refundAmount = try nonNegativeAmount(row, .refundAmount, "refund amount", currency: currency)
        let capturedAmount = try nonNegativeAmount(row, .capturedAmount, "captured amount", currency: currency)
        let refundedAmount = try nonNegativeAmount(row, .refundedAmount, "refunded amount", currency: currency)
        // Approvals and requests dated after `as_of` had not happened on that night.
        var afterAsOf = AfterAsOf()
        let cancelApprovedOn = onTheNight(try context.timestamp(row, .cancelApprovedAt)?.1, .cancelApproved, &afterAsOf)
        let refundRequestedOn = onTheNight(
            try context.timestamp(row, .refundRequestedAt)?.1, .refundRequested, &afterAsOf)
        let refundApprovedOn = onTheNight(try context.timestamp(row, .refundApprovedAt)?.1, .refundApproved, &afterAsOf)
        // The customer, personal data, is held only where an output can show it (the Overdue sheet, for an
        // order with a case).
        let hasCase = cancelApprovedOn != nil || refundApprovedOn != nil
        let details =
            cancelApprovedOn == nil && refundRequestedOn == nil && refundApprovedOn == nil
            ? nil
            : RefundDetails(
                customer: hasCase ? context.text(row, .customer) : nil, refundAmount: refundAmount,
                cancelApprovedOn: cancelApprovedOn, refundRequestedOn: refundRequestedOn,
                refundApprovedOn: refundApprovedOn, capturedAmount: capturedAmount, refundedAmount: refundedAmount)
        let latestEventOn = Self.later(
            Self.later(placedOn <= context.asOf ? placedOn : nil, cancelApprovedOn),
            Self.later(refundRequestedOn, refundApprovedOn))
        let order = Order(
            id: ids.add(id), total: total, refundDetails: details, placedOn: placedOn,
            textsCode: .unassigned, source: row.source, currency: currency)
        let orderTexts = OrderTexts(
            method: methods.code(.orderMethod, of: row), country: countries.code(.country, of: row),
            sellerType: sellerTypes.code(.sellerType, of: row), status: statuses.code(.orderStatus, of: row))
        return .record(
            ReadOrder(
                order: order, idHash: HashedText(id).hash, texts: orderTexts, textsHash: orderTexts.hash,
                counterparty: counterparties.code(.counterparty, of: row), afterAsOf: afterAsOf,
                latestEventOn: latestEventOn))
    }

    /// Nothing is left to complete: an order's record is whole when read.
    package func complete(_ records: inout [ReadOrder], _ range: Range<Int>) {}

    /// The later of two dates, either of which may be missing.
    private static func later(_ a: CivilDate?, _ b: CivilDate?) -> CivilDate? {
        guard let a, let b else { return a ?? b }
        return max(a, b)
    }

    /// `date` when it is on or before `as_of`; nil, with `flag` added to `afterAsOf`, when it is after.
    private func onTheNight(_ date: CivilDate?, _ flag: AfterAsOf, _ afterAsOf: inout AfterAsOf) -> CivilDate? {
        guard let date, date > context.asOf else { return date }
        afterAsOf.insert(flag)
        return nil
    }

    /// An optional amount column; a negative amount (`what` in the reason) rejects the row.
    private func nonNegativeAmount(
        _ row: CanonicalRow, _ column: CanonicalColumn, _ what: String, currency: Currency
    ) throws -> Int64? {
        let amount = try context.amount(row, column, currency: currency)
        if let amount, amount < 0 { throw RowRejection(column.name, "negative \(what) '\(row.value(column)!)'") }
        return amount
    }
}
