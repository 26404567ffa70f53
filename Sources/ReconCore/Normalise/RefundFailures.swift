/// The refunds that later rows say failed: a payments row of the type its format names in
/// `refund_failure_type` (stripe-balance's `refund_failure`: Stripe's balance report writes one when a
/// refund's money comes back to the merchant instead of reaching the customer) names the refund by its
/// `payment_id`. They are applied once every payment is read, so that neither the order of the
/// rows or files nor a later download of the refund undoes a failure.
///
/// A failure that names no refund by its id, and neither a charge nor an order (Stripe's default report
/// has no `source_id`, `charge_id` or metadata), fails the one refund of its amount and currency made
/// before it, in a file whose format has failures, that no other failure takes; failures take theirs in
/// the order they were made. Any other failure naming no refund is skipped with that reason, and its
/// refund, if any, counts as paid.
struct RefundFailures {
    /// The skip reason of a failure that names no refund, by id or by amount.
    static let namesNoRefund = "refund_failure naming no refund"

    /// A failure row: the refund id it names, the payments file it came from (0 for the first), its row,
    /// its amount, currency and time, and whether it names a charge or an order (and so no refund by amount).
    private struct Failure {
        let id: HashedText
        let file: Int
        let row: RowSource
        let amount: Amount
        let createdAt: Instant
        let namesChargeOrOrder: Bool
    }

    /// An amount in its currency.
    private struct Amount: Hashable {
        let minorUnits: Int64
        let currency: Currency
    }

    private var failures: [Failure] = []
    /// The payments files (0 for the first) whose format has failures: the only ones whose refunds a failure
    /// may name by amount.
    private var filesWithFailures: Set<Int> = []
    /// For each failure, the position of the refund it names, once `resolve` has found them.
    private var found: [Int?] = []

    /// A failure row, read as `payment` (its `payment_id` the refund's id), from the payments file `file`;
    /// `namesChargeOrOrder`: whether its row names a charge or an order.
    mutating func add(_ payment: Payment, id: HashedText, file: Int, namesChargeOrOrder: Bool) {
        failures.append(
            Failure(
                id: id, file: file, row: payment.source,
                amount: Amount(minorUnits: payment.amount, currency: payment.currency), createdAt: payment.createdAt,
                namesChargeOrOrder: namesChargeOrOrder))
    }

    /// Notes that the payments file `file` is of a format that has failures.
    mutating func noteFileWithFailures(_ file: Int) { filesWithFailures.insert(file) }

    /// Finds each failure's refund among every payment read (`index`), the payment at each position from
    /// the payments file `fileOf` gives; called once they all are.
    mutating func resolve(in index: IdIndex<Payment>, fileOf: (Int) -> Int) {
        found = failures.map { Self.refund($0.id, in: index) }
        let unnamed = failures.indices.filter { found[$0] == nil && !failures[$0].namesChargeOrOrder }
            .sorted {
                (failures[$0].createdAt, failures[$0].row.line) < (failures[$1].createdAt, failures[$1].row.line)
            }
        guard !unnamed.isEmpty else { return }
        var named = Set(found.compactMap { $0 })
        var candidates = refundsByAmount(in: index, amounts: Set(unnamed.map { failures[$0].amount }), fileOf: fileOf)
        var byId: [String: Int] = [:]
        for i in unnamed {
            let failure = failures[i]
            if let earlier = byId[failure.id.text] {
                found[i] = earlier
                continue
            }
            guard let refund = candidates[failure.amount]?.take(madeBy: failure.createdAt, unless: named) else {
                continue
            }
            found[i] = refund
            named.insert(refund)
            byId[failure.id.text] = refund
        }
    }

    /// For each of `files` payments files, its failure rows that name no refund (after `resolve`).
    func unmatched(files: Int) -> [Int] {
        var counts = Array(repeating: 0, count: files)
        for (failure, refund) in zip(failures, found) where refund == nil && failure.file < files {
            counts[failure.file] += 1
        }
        return counts
    }

    /// Marks failed each refund in `index` that a failure names (after `resolve`); returns, by each failed
    /// refund's row, the first failure row naming it.
    func apply(to index: inout IdIndex<Payment>) -> [RowSource: RowSource] {
        var failedBy: [RowSource: RowSource] = [:]
        for (failure, position) in zip(failures, found) {
            guard let position else { continue }
            var refund = index.records[position]
            refund.status = .failed
            index.replace(at: position, with: refund)
            if failedBy[refund.source] == nil { failedBy[refund.source] = failure.row }
        }
        return failedBy
    }

    /// The succeeded refunds of each of `amounts` in the files with failures, in one pass over the payments.
    private func refundsByAmount(in index: IdIndex<Payment>, amounts: Set<Amount>, fileOf: (Int) -> Int)
        -> [Amount: RefundsOfAnAmount]
    {
        var positions: [Amount: [Int]] = [:]
        for (position, payment) in index.records.enumerated() where payment.type == .refund {
            let amount = Amount(minorUnits: payment.amount, currency: payment.currency)
            guard payment.status == .succeeded, amounts.contains(amount), filesWithFailures.contains(fileOf(position))
            else { continue }
            positions[amount, default: []].append(position)
        }
        return positions.mapValues { RefundsOfAnAmount(positions: $0, records: index.records) }
    }

    /// The refunds of one amount, in the order they were made, handed to failures taken in that order: the
    /// refunds made by a failure's time join those it may name, so each failure costs only the refunds it
    /// passes (not all of them again).
    private struct RefundsOfAnAmount {
        private let madeInOrder: [(createdAt: Instant, position: Int)]
        private var reached = 0
        /// The refunds made by the last failure's time that no failure has taken.
        private var open: [Int] = []

        init(positions: [Int], records: [Payment]) {
            madeInOrder = positions.map { (records[$0].createdAt, $0) }.sorted { $0 < $1 }
        }

        /// The one refund made by `time` that no failure has taken and `named` (the refunds failures name by
        /// id) does not hold, taken; nil when there is none, or more than one.
        mutating func take(madeBy time: Instant, unless named: Set<Int>) -> Int? {
            while reached < madeInOrder.count, madeInOrder[reached].createdAt <= time {
                if !named.contains(madeInOrder[reached].position) { open.append(madeInOrder[reached].position) }
                reached += 1
            }
            return open.count == 1 ? open.removeLast() : nil
        }
    }

    /// The position of the refund `id` names; nil when no payment has it or it names a charge.
    private static func refund(_ id: HashedText, in index: IdIndex<Payment>) -> Int? {
        index[id].flatMap { index.records[$0].type == .refund ? $0 : nil }
    }
}
