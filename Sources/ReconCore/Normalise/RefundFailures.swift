/// The refunds that later rows say failed: a payments row of the type its format names in
/// `refund_failure_type` (stripe-balance's `refund_failure`: Stripe's balance report writes one when a
/// refund's money comes back to the merchant instead of reaching the customer) names the refund by its
/// `payment_id`. They are applied once every payment is read, so that neither the order of the
/// rows or files nor a later download of the refund undoes a failure.
///
/// A failure whose `payment_id` no refund has fails a refund of its amount and currency made no later than
/// it that no other failure takes, among the refunds of what else it names: any of those of the payment its
/// `original_payment_id` names (the refund's id, when the format gives it there, or its charge), else any of
/// its order's (they leave the case the same whichever fails), else (a row naming nothing, as in Stripe's
/// default report) the only one among the refunds of the files whose format has failures. Failures take
/// theirs in the order they were made. A failure with none (or, naming nothing, several) is skipped with
/// that reason, and its refund, if any, counts as paid.
struct RefundFailures {
    /// The skip reason of a failure that names no refund.
    static let namesNoRefund = "refund_failure naming no refund"

    /// What a failure names besides its `payment_id`, whose refunds it may fail by amount.
    enum Tie: Hashable {
        /// The payment id its `original_payment_id` gives: a refund's own, or its charge's.
        case payment(String)
        case order(OrderReference)
        /// Nothing: a refund of a file whose format has failures.
        case none

        /// What a failure row names besides its `payment_id`: the payment its `original_payment_id` gives
        /// (`original`), else its `order`, else nothing.
        init(original: String?, order: OrderReference) {
            if let original {
                self = .payment(original)
            } else {
                self = order == .none ? .none : .order(order)
            }
        }
    }

    /// A failure row: the refund id it names, the payments file it came from (0 for the first), its row,
    /// its amount and time, and what else it names.
    private struct Failure {
        let id: HashedText
        let file: Int
        let row: RowSource
        let pool: Pool
        let createdAt: Instant
    }

    /// The refunds a failure may take by amount: those of its amount, in its currency, tied as it is.
    private struct Pool: Hashable {
        let minorUnits: Int64
        let currency: Currency
        let tie: Tie

        /// The pool of the same amount tied to nothing.
        var untied: Pool { Pool(minorUnits: minorUnits, currency: currency, tie: .none) }
    }

    private var failures: [Failure] = []
    /// The payments files (0 for the first) whose format has failures: the only ones whose refunds a failure
    /// naming nothing may take.
    private var filesWithFailures: Set<Int> = []
    /// For each failure, the position of the refund it names, once `resolve` has found them.
    private var found: [Int?] = []

    /// A failure row, read as `payment` (its `payment_id` the refund's id), from the payments file `file`;
    /// `tie`: what else its row names.
    mutating func add(_ payment: Payment, id: HashedText, file: Int, tie: Tie) {
        let pool = Pool(minorUnits: payment.amount, currency: payment.currency, tie: tie)
        failures.append(Failure(id: id, file: file, row: payment.source, pool: pool, createdAt: payment.createdAt))
    }

    /// Notes that the payments file `file` is of a format that has failures.
    mutating func noteFileWithFailures(_ file: Int) { filesWithFailures.insert(file) }

    /// Finds each failure's refund among every payment read (`index`), the payment at each position from
    /// the payments file `fileOf` gives and its original's id from `originalId`; called once they all are.
    mutating func resolve(in index: IdIndex<Payment>, fileOf: (Int) -> Int, originalId: (Payment) -> String?) {
        found = failures.map { Self.refund($0.id, in: index) }
        let unnamed = failures.indices.filter { found[$0] == nil }
            .sorted { (failures[$0].createdAt, failures[$0].file) < (failures[$1].createdAt, failures[$1].file) }
        guard !unnamed.isEmpty else { return }
        var taken = Set(found.compactMap { $0 })
        // How many refunds of each amount failures have taken: a pool looks again at the refunds it holds
        // open only when one of its amount was taken (by a failure of another pool), not at every take.
        var takenOfAmount: [Pool: Int] = [:]
        var pools = refundPools(
            in: index, wanted: Set(unnamed.map { failures[$0].pool }), fileOf: fileOf, originalId: originalId)
        var byId: [String: Int] = [:]
        for i in unnamed {
            let failure = failures[i]
            if let earlier = byId[failure.id.text] {
                found[i] = earlier
                continue
            }
            let amount = failure.pool.untied
            guard
                let refund = pools[failure.pool]?.take(
                    madeBy: failure.createdAt, unless: taken, takenOfAmount: takenOfAmount[amount, default: 0],
                    anyWillDo: failure.pool.tie != .none)
            else { continue }
            found[i] = refund
            taken.insert(refund)
            takenOfAmount[amount, default: 0] += 1
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

    /// The succeeded refunds of each `wanted` pool, in one pass over the payments: a refund is in the pool
    /// of its own id and of its original's (`originalId`), of its order, and, in a file with failures, of
    /// no tie.
    private func refundPools(
        in index: IdIndex<Payment>, wanted: Set<Pool>, fileOf: (Int) -> Int, originalId: (Payment) -> String?
    ) -> [Pool: RefundsOfAnAmount] {
        let amounts = Set(wanted.map(\.untied))
        var positions: [Pool: [Int]] = [:]
        for (position, payment) in index.records.enumerated() where payment.type == .refund {
            let amount = Pool(minorUnits: payment.amount, currency: payment.currency, tie: .none)
            guard payment.status == .succeeded, amounts.contains(amount) else { continue }
            var ties: [Tie] = [.payment(index.ids.text(payment.id)), .order(payment.order)]
            if let original = originalId(payment) { ties.append(.payment(original)) }
            if filesWithFailures.contains(fileOf(position)) { ties.append(.none) }
            for tie in ties {
                let pool = Pool(minorUnits: payment.amount, currency: payment.currency, tie: tie)
                if wanted.contains(pool) { positions[pool, default: []].append(position) }
            }
        }
        return positions.mapValues { RefundsOfAnAmount(positions: $0, records: index.records) }
    }

    /// The refunds of one pool, in the order they were made, handed to failures taken in that order: the
    /// refunds made by a failure's time join those it may take, so each failure costs only the refunds it
    /// passes, and those already open only when a refund of their amount was taken since.
    private struct RefundsOfAnAmount {
        private let madeInOrder: [(createdAt: Instant, position: Int)]
        private var reached = 0
        /// The refunds made by the last failure's time that no failure had taken when they were last looked at.
        private var open: [Int] = []
        /// How many refunds of the pool's amount failures had taken when `open` was last looked at.
        private var takenOfAmountSeen = 0

        init(positions: [Int], records: [Payment]) {
            madeInOrder = positions.map { (records[$0].createdAt, $0) }.sorted { $0 < $1 }
        }

        /// A refund made by `time` that `taken` (the refunds failures have named or taken) does not hold,
        /// taken: any of them when `anyWillDo` (the refunds of one charge or order, any of which leaves its
        /// case as the others would), else the only one; nil when there is none, or (unless any will do)
        /// more than one. `takenOfAmount`: how many refunds of the pool's amount failures have taken so far.
        mutating func take(madeBy time: Instant, unless taken: Set<Int>, takenOfAmount: Int, anyWillDo: Bool)
            -> Int?
        {
            while reached < madeInOrder.count, madeInOrder[reached].createdAt <= time {
                if !taken.contains(madeInOrder[reached].position) { open.append(madeInOrder[reached].position) }
                reached += 1
            }
            if takenOfAmount != takenOfAmountSeen {
                open.removeAll(where: taken.contains)
                takenOfAmountSeen = takenOfAmount
            }
            return open.count == 1 || (anyWillDo && !open.isEmpty) ? open.removeFirst() : nil
        }
    }

    /// The position of the refund `id` names; nil when no payment has it or it names a charge.
    private static func refund(_ id: HashedText, in index: IdIndex<Payment>) -> Int? {
        index[id].flatMap { index.records[$0].type == .refund ? $0 : nil }
    }
}
