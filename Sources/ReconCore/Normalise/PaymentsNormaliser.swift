/// Turns canonical payment records into charges and refunds; other types are skipped and counted by type,
/// and payments created after `as_of` are skipped as not yet made.
package struct PaymentsNormaliser: RecordNormaliser {
    /// The payments read so far, in input order, found by id.
    package private(set) var indexById: IdIndex<Payment>
    package var payments: [Payment] { indexById.records }

    /// Every payment read, which this normaliser then no longer holds, nor its index: nothing finds a
    /// payment by id after this (8 bytes a payment). An original read after its refund is
    /// found now, so that every original the payments have is held by position.
    package mutating func takePayments() -> [Payment] {
        failedBy = refundFailures.apply(to: &indexById)
        var foundLate: [(refund: Int, original: Int)] = []
        for (i, payment) in indexById.records.enumerated() {
            if let id = payment.original.unresolvedId.flatMap(texts.text), let original = indexById[id] {
                foundLate.append((i, original))
            }
        }
        var payments = indexById.takeRecords()
        for (refund, original) in foundLate { payments[refund].original = PaymentReference(position: original) }
        return payments
    }
    var context: NormaliseContext
    /// The orders read before the payments, against which each payment's `order_id` is found.
    private var ordersById: IdIndex<Order>
    /// Whether an order's id starts with `#` (Shopify's `#1003`), which a payment may name without it.
    private let hashNamedOrders: Bool
    /// The run's texts, shared with the orders' normaliser (a payment's method is compared with its order's).
    package let texts: RunTexts
    /// Which file each payment came from, for ids that earlier files had too.
    private var overlaps = PaymentOverlaps()
    /// For each file started, its payments whose order was found by its id but for a leading `#`.
    private var ordersFoundButForHash: [Int] = []
    /// The refunds later rows say failed.
    private var refundFailures = RefundFailures()
    /// By each refund's row, the row that says it failed (made by `takePayments`).
    package private(set) var failedBy: [RowSource: RowSource] = [:]
    /// The latest `created_at` taken since the last `takeLatestEventOn()` (payments after `as_of` are skipped).
    private var latestCreatedAt: Instant?
    /// By position: charges whose source records an amount refunded of them without a date (a layout
    /// without refund dates, such as Stripe's older payments export).
    package private(set) var refundedPerCharge: [Int32: Int64] = [:]
    /// The `description` of each refund that has one (a statement's line), by the row it came from: rows
    /// keep their place while the payments are renumbered, and few payments are refunds.
    package private(set) var refundDescriptions: [RowSource: TextCode] = [:]

    /// `ordersById`: the orders, all read; without them every `order_id` is an id no order has. `texts`:
    /// the table the orders' texts and ids were coded in.
    package init(context: NormaliseContext, ordersById: IdIndex<Order>? = nil, texts: RunTexts = RunTexts()) {
        precondition(ordersById.map { $0.ids === texts.ids } ?? true, "the orders' ids are the run's")
        self.context = context
        self.ordersById = ordersById ?? IdIndex(ids: texts.ids)
        indexById = IdIndex(ids: texts.ids)
        hashNamedOrders = self.ordersById.records.contains { texts.ids.firstByte(of: $0.id) == UInt8(ascii: "#") }
        self.texts = texts
    }

    /// Lets the orders' index go once every payment is read.
    package mutating func releaseOrders() { ordersById = IdIndex(ids: texts.ids) }

    /// Payments from several files share one id space; each file may have its own zone. Called before
    /// each file is read: the payments read after it are the next file's.
    package mutating func use(context: NormaliseContext) {
        self.context = context
        overlaps.startFile(at: indexById.records.count)
        ordersFoundButForHash.append(0)
        if context.refundFailureType != nil { refundFailures.noteFileWithFailures(overlaps.fileBeingRead) }
    }

    /// Called once every payment is read: finds the refund failures' refunds, and writes into the payments
    /// files' accounts (`stats`, other kinds among them left alone, the payments files in the order read)
    /// what only the whole set of payments tells: where the files overlapped (each file's rows whose payment
    /// an earlier file had too, and its rows whose every payment a later file's row replaced, no longer
    /// used), the orders found but for a `#`, and the failures that name no refund (skipped, not used).
    package mutating func settleAccounts(in stats: inout [SourceStats]) {
        let (records, overlaps, texts) = (indexById.records, overlaps, texts)
        refundFailures.resolve(
            in: indexById, fileOf: overlaps.file(of:), originalId: { $0.original.id(in: records, texts: texts) })
        let payments = stats.indices.filter { stats[$0].kind == SourceKind.payments.rawValue }
        for (i, counts) in zip(payments, overlaps.counts) { stats[i].settle(counts) }
        for (i, count) in zip(payments, ordersFoundButForHash) { stats[i].ordersFoundButForHash = count }
        for (i, count) in zip(payments, refundFailures.unmatched(files: payments.count)) where count > 0 {
            stats[i].used -= count
            stats[i].skipped[RefundFailures.namesNoRefund, default: 0] += count
        }
    }

    /// The date of the latest payment of the file just read, in the pipeline's zone.
    package mutating func takeLatestEventOn() -> CivilDate? {
        defer { latestCreatedAt = nil }
        return latestCreatedAt?.date(in: context.pipelineZone)
    }

    package var reader: PaymentsReader {
        PaymentsReader(context: context, ordersById: ordersById, hashNamedOrders: hashNamedOrders, texts: texts)
    }

    package func prefetch(_ records: ArraySlice<ReadPayment>) {
        for read in records {
            indexById.prefetch(read.idHash)
            if let original = read.originalId { indexById.prefetch(original.hash) }
        }
    }

    /// Takes a row's payments, each with its order (found by the reader) held by position
    /// or else by id and, for a refund, its original found by position when it was read before (the usual
    /// order, a charge in the same row included); one read later, or never, is held by its id, which
    /// `takePayments` looks up once every payment is read.
    ///
    /// An id an earlier file had (overlapping downloads) is the same payment: this row's replaces it, in
    /// its place. An id this file had already rejects the row. A row saying that a refund failed names the
    /// refund by its id, and is kept apart (`RefundFailures`).
    package mutating func accept(_ records: ArraySlice<ReadPayment>) throws {
        var replacesEarlierFile = false
        for i in records.indices where !records[i].failsRefund {
            let payment = records[i].payment
            if let first = indexById[payment.id, hash: records[i].idHash] {
                if overlaps.isFromThisFile(first) {
                    let earlier = payments[first].source
                    throw RowRejection(
                        "payment_id",
                        "payment_id '\(texts.id(payment.id))' already used at \(texts.file(earlier)):\(earlier.line)")
                }
                replacesEarlierFile = true
            }
            if records[..<i].contains(where: { texts.ids.equal($0.payment.id, payment.id) }) {
                throw RowRejection("payment_id", "payment_id '\(texts.id(payment.id))' appears twice in this row")
            }
        }
        for read in records {
            var payment = read.payment
            if latestCreatedAt.map({ payment.createdAt > $0 }) ?? true { latestCreatedAt = payment.createdAt }
            payment.order = OrderReference(position: read.orderPosition, orId: read.orderId?.text, texts: texts)
            if read.failsRefund {
                refundFailures.add(
                    payment, id: HashedText(texts.id(payment.id), hash: read.idHash), file: overlaps.fileBeingRead,
                    tie: RefundFailures.Tie(original: read.originalId?.text, order: payment.order))
                continue
            }
            if read.orderFoundButForHash, !ordersFoundButForHash.isEmpty {
                ordersFoundButForHash[ordersFoundButForHash.count - 1] += 1
            }
            payment.original = PaymentReference(naming: read.originalId, in: indexById, texts: texts)
            if payment.type == .refund, let description = read.description {
                refundDescriptions[payment.source] = texts.code(CardMasker.mask(description))
            }
            // The row's ids differ (checked above): adding one of them leaves the others' lookups as they were.
            if replacesEarlierFile, let earlier = indexById[payment.id, hash: read.idHash] {
                overlaps.replace(at: earlier, in: indexById.records)
                indexById.replace(at: earlier, with: payment)
                refundedPerCharge[Int32(earlier)] = read.refundedAmount
            } else {
                if let refunded = read.refundedAmount { refundedPerCharge[Int32(indexById.records.count)] = refunded }
                indexById.append(payment, idHash: read.idHash)
            }
        }
        if replacesEarlierFile, let first = records.first {
            overlaps.countRowSeenBefore(line: first.payment.source.line, payments: records.count)
        }
    }

    package mutating func reserveCapacity(forAbout count: Int) {
        indexById.reserveCapacity(payments.count + count)
    }
}

/// A payment as read, before `PaymentsNormaliser.accept` finds its original. Its method comes coded, its
/// order found and its id and original hashed, so that `accept` does the least.
package struct ReadPayment: Sendable {
    var payment: Payment
    /// `payment.id`'s hash (`HashedText.hash`).
    var idHash: UInt32
    /// The `original_payment_id` as read.
    var originalId: HashedText?
    /// The `order_id` as read, and the position of the order it names among the orders (`complete`).
    var orderId: HashedText?
    var orderPosition: Int? = nil
    /// Whether the order was found by its id but for a leading `#` (`complete`).
    var orderFoundButForHash = false
    /// For a charge: what its source records as refunded of it, without a date (`refunded_amount`).
    var refundedAmount: Int64?
    /// The `description` as read (a statement line's words).
    var description: String? = nil
    /// Whether the row says that the refund of this id failed (`RefundFailures`) rather than being a payment.
    var failsRefund = false
}

/// Reads payment records, each row on its own, codes their methods and finds each payment's order among
/// the orders (read before the payments, so that their index no longer changes while the payments are
/// read). One reads the rows of one file.
package struct PaymentsReader: RecordReader {
    let context: NormaliseContext
    let ordersById: IdIndex<Order>
    /// Whether some order's id starts with `#`.
    let hashNamedOrders: Bool
    private var methods: TextCodeCache
    /// The run's, to which the ids that a `RecordId` cannot hold are added.
    private let ids: IdArena

    init(context: NormaliseContext, ordersById: IdIndex<Order>, hashNamedOrders: Bool, texts: RunTexts) {
        self.context = context
        ids = texts.ids
        self.ordersById = ordersById
        self.hashNamedOrders = hashNamedOrders
        methods = TextCodeCache(texts: texts, normalise: PaymentMethod.normalise)
    }

    /// Finds the orders of a run of payments: the table slots of all of them asked for first, so that
    /// their cache misses overlap instead of following one another.
    package func complete(_ records: inout [ReadPayment], _ range: Range<Int>) {
        for i in range { if let id = records[i].orderId { ordersById.prefetch(id.hash) } }
        for i in range {
            guard let id = records[i].orderId else { continue }
            records[i].orderPosition = ordersById[id]
            if records[i].orderPosition == nil, let position = order(namedButForHash: id) {
                records[i].orderPosition = position
                records[i].orderFoundButForHash = true
            }
        }
    }

    /// The position of the order whose id differs from `id` only by a leading `#`, for an `id` no order
    /// has: Shopify names its orders `#1003`, which a payment processor's description writes `Order #1003`,
    /// read as `1003` (and another export may write `#1003` for an order `1003`).
    private func order(namedButForHash id: HashedText) -> Int? {
        if id.text.utf8.first == UInt8(ascii: "#") { return ordersById[String(id.text.dropFirst())] }
        return hashNamedOrders ? ordersById["#" + id.text] : nil
    }

    package mutating func read(_ row: CanonicalRow) throws -> RecordOutcome<ReadPayment> {
        let typeText = try row.required(.type).lowercased()
        let failsRefund = typeText == context.refundFailureType
        guard let type = failsRefund ? .refund : PaymentType(lowercased: typeText) else {
            return .skipped(reason: "type \(typeText)")
        }
        let id = try row.required(.paymentId)
        let (createdAt, createdOn) = try context.requiredTimestamp(row, .createdAt)
        let currency = try context.currency(row, .paymentCurrency)
        // Many exports write refunds negative: the amount is read as its absolute value.
        let amount = try context.requiredAmount(row, .amount, currency: currency).magnitude
        var status = PaymentStatus.succeeded
        if let text = row.value(.paymentStatus) {
            guard let known = PaymentStatus(lowercased: text.lowercased()) else {
                throw RowRejection("status", "unknown status '\(text)' (expected succeeded, pending or failed)")
            }
            status = known
        }
        if createdOn > context.asOf { return .skipped(reason: "created after as_of") }
        let refunded = type == .charge ? try context.amount(row, .chargeRefundedAmount, currency: currency) : nil
        return .record(
            ReadPayment(
                payment: Payment(
                    id: ids.add(id), order: .none, createdAt: createdAt, amount: Int64(amount), source: row.source,
                    methodCode: methods.code(.paymentMethod, of: row), original: .none, currency: currency,
                    type: type, status: status),
                idHash: HashedText(id).hash, originalId: row.hashedValue(.originalPaymentId),
                orderId: row.hashedValue(.paymentOrderId),
                refundedAmount: refunded.flatMap { $0 == 0 ? nil : Int64($0.magnitude) },
                description: row.value(.paymentDescription), failsRefund: failsRefund))
    }
}
