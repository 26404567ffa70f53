/// The refunds that later rows say failed: a payments row of the type its format names in
/// `refund_failure_type` (stripe-balance's `refund_failure`: Stripe's balance report writes one when a
/// refund's money comes back to the merchant instead of reaching the customer) names the refund by its
/// `payment_id`. They are applied once every payment is read, so that neither the order of the
/// rows or files nor a later download of the refund undoes a failure.
///
/// A failure whose id names no refund (Stripe's default report has no `source_id`) fails the one refund of
/// its amount and currency made before it that no other failure names, when exactly one is; otherwise it is
/// skipped with that reason, and its refund, if any, counts as paid.
struct RefundFailures {
    /// The skip reason of a failure that names no refund, by id or by amount.
    static let namesNoRefund = "refund_failure naming no refund"

    /// A failure row: the refund id it names, the payments file it came from (0 for the first), its row,
    /// and its amount, currency and time, by which one naming no refund finds its refund.
    private struct Failure {
        let id: HashedText
        let file: Int
        let row: RowSource
        let amount: Int64
        let currency: Currency
        let createdAt: Instant
    }

    private var failures: [Failure] = []

    /// A failure row, read as `payment` (its `payment_id` the refund's id), from the payments file `file`.
    mutating func add(_ payment: Payment, id: HashedText, file: Int) {
        failures.append(
            Failure(
                id: id, file: file, row: payment.source, amount: payment.amount, currency: payment.currency,
                createdAt: payment.createdAt))
    }

    /// For each of `files` payments files, its failure rows that name no refund in `index`.
    func unmatched(in index: IdIndex<Payment>, files: Int) -> [Int] {
        var counts = Array(repeating: 0, count: files)
        for (failure, refund) in zip(failures, refunds(in: index)) where refund == nil && failure.file < files {
            counts[failure.file] += 1
        }
        return counts
    }

    /// Marks failed each refund in `index` that a failure names; returns, by each failed refund's row, the
    /// first failure row naming it.
    func apply(to index: inout IdIndex<Payment>) -> [RowSource: RowSource] {
        var failedBy: [RowSource: RowSource] = [:]
        for (failure, position) in zip(failures, refunds(in: index)) {
            guard let position else { continue }
            var refund = index.records[position]
            refund.status = .failed
            index.replace(at: position, with: refund)
            if failedBy[refund.source] == nil { failedBy[refund.source] = failure.row }
        }
        return failedBy
    }

    /// For each failure, the position of the refund it names: by its id, else the only refund of its amount
    /// and currency before it that no failure names by id and no other failure takes by amount. The same
    /// failure row in two overlapping downloads (one id) takes one refund.
    private func refunds(in index: IdIndex<Payment>) -> [Int?] {
        var found = failures.map { Self.refund($0.id, in: index) }
        let unnamed = found.indices.filter { found[$0] == nil }
        guard !unnamed.isEmpty else { return found }
        var taken = Set(found.compactMap { $0 })
        let candidates = Self.refundsByAmount(in: index, amounts: Set(unnamed.map { Amount(failures[$0]) }))
        var byId: [String: Int] = [:]
        for i in unnamed {
            let failure = failures[i]
            if let earlier = byId[failure.id.text] {
                found[i] = earlier
                continue
            }
            let before = (candidates[Amount(failure)] ?? []).filter {
                !taken.contains($0) && index.records[$0].createdAt <= failure.createdAt
            }
            guard before.count == 1 else { continue }
            found[i] = before[0]
            taken.insert(before[0])
            byId[failure.id.text] = before[0]
        }
        return found
    }

    /// An amount in its currency.
    private struct Amount: Hashable {
        let minorUnits: Int64
        let currency: Currency
        init(_ failure: Failure) { (minorUnits, currency) = (failure.amount, failure.currency) }
        init(_ payment: Payment) { (minorUnits, currency) = (payment.amount, payment.currency) }
    }

    /// The positions of the succeeded refunds in `index` of each of `amounts`, in one pass over the payments.
    private static func refundsByAmount(in index: IdIndex<Payment>, amounts: Set<Amount>) -> [Amount: [Int]] {
        var found: [Amount: [Int]] = [:]
        for (position, payment) in index.records.enumerated()
        where payment.type == .refund && payment.status == .succeeded {
            let amount = Amount(payment)
            if amounts.contains(amount) { found[amount, default: []].append(position) }
        }
        return found
    }

    /// The position of the refund `id` names; nil when no payment has it or it names a charge.
    private static func refund(_ id: HashedText, in index: IdIndex<Payment>) -> Int? {
        index[id].flatMap { index.records[$0].type == .refund ? $0 : nil }
    }
}
