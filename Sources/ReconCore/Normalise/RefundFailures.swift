/// The refunds that later rows say failed: a payments row of the type its format names in
/// `refund_failure_type` (stripe-balance's `refund_failure`: Stripe's balance report writes one when a
/// refund's money comes back to the merchant instead of reaching the customer) names the refund by its
/// `payment_id`. They are applied once every payment is read, so that neither the order of the
/// rows or files nor a later download of the refund undoes a failure; a failure that names no refund is
/// skipped with that reason.
struct RefundFailures {
    /// The skip reason of a failure whose id no refund has.
    static let namesNoRefund = "refund_failure naming no refund"

    /// Each failure row's refund id, with the payments file it came from (0 for the first) and its row.
    private var named: [(id: HashedText, file: Int, row: RowSource)] = []

    mutating func add(_ id: HashedText, file: Int, row: RowSource) { named.append((id, file, row)) }

    /// For each of `files` payments files, its failure rows whose id no refund in `index` has.
    func unmatched(in index: IdIndex<Payment>, files: Int) -> [Int] {
        var counts = Array(repeating: 0, count: files)
        for (id, file, _) in named where Self.refund(id, in: index) == nil && file < files { counts[file] += 1 }
        return counts
    }

    /// Marks failed each refund in `index` that a failure names; returns, by each failed refund's row, the
    /// first failure row naming it.
    func apply(to index: inout IdIndex<Payment>) -> [RowSource: RowSource] {
        var failedBy: [RowSource: RowSource] = [:]
        for (id, _, row) in named {
            guard let position = Self.refund(id, in: index) else { continue }
            var refund = index.records[position]
            refund.status = .failed
            index.replace(at: position, with: refund)
            if failedBy[refund.source] == nil { failedBy[refund.source] = row }
        }
        return failedBy
    }

    /// The position of the refund `id` names; nil when no payment has it or it names a charge.
    private static func refund(_ id: HashedText, in index: IdIndex<Payment>) -> Int? {
        index[id].flatMap { index.records[$0].type == .refund ? $0 : nil }
    }
}
