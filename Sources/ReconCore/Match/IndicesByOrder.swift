/// Indices (of payments) grouped by order index, for the orders of some kind alone (`keys`): one flat array
/// with a run per such order, found through the order's place among them. A few bytes per such order and a
/// bit per other, where a dictionary of arrays costs about ninety bytes an order.
package struct IndicesByOrder: Sendable {
    /// The members of the order with run `r` are `flat[runStart[r]..<runStart[r + 1]]`.
    private let runStart: [Int32]
    private var flat: [Int32]
    /// The orders that have a run, each's run its place among them.
    private var keys: KeptPositions

    /// `pairs` are (order index, member index); each run keeps its members in the order given, and the
    /// pairs of orders that `keys` does not keep are left out (those orders have no members). They are
    /// walked twice (counted, then placed), so a lazy view of them is never stored as an array.
    init<Pairs: Collection>(keys: KeptPositions, pairs: Pairs) where Pairs.Element == (order: Int32, member: Int32) {
        let runs = pairs.lazy.filter { keys.isKept(Int($0.order)) }
            .map { (run: Int(keys.newPosition(Int($0.order))), member: $0.member) }
        let runCount = keys.keptCount
        // Counts per run at `r + 1`, then (after the running sum) where each run starts. Placing the members
        // moves each run's start to its end, which is the next run's start: shifting the table by one puts
        // every start back, without a second table of cursors.
        var starts = [Int32](repeating: 0, count: runCount + 1)
        for (run, _) in runs { starts[run + 1] += 1 }
        for r in 0..<runCount { starts[r + 1] += starts[r] }
        var flat = [Int32](repeating: 0, count: Int(starts[runCount]))
        for (run, member) in runs {
            flat[Int(starts[run])] = member
            starts[run] += 1
        }
        for r in stride(from: runCount, to: 0, by: -1) { starts[r] = starts[r - 1] }
        starts[0] = 0
        runStart = starts
        self.flat = flat
        self.keys = keys
    }

    /// The members of order `order`, in their run's order.
    package subscript(order: Int) -> [Int] {
        guard keys.isKept(order) else { return [] }
        let run = keys.newPosition(order)
        return flat[Int(runStart[run])..<Int(runStart[run + 1])].map(Int.init)
    }

    /// Keys the runs by `keys` instead: the same orders, kept in the same order, among orders renumbered.
    mutating func rekey(_ keys: KeptPositions) {
        precondition(keys.keptCount == self.keys.keptCount, "the same orders have runs")
        self.keys = keys
    }

    /// Gives every member its new index, keeping the runs as they are.
    mutating func renumberMembers(_ newIndex: (Int32) -> Int32) {
        for i in flat.indices { flat[i] = newIndex(flat[i]) }
    }

    /// Sorts the members within each run.
    mutating func sortRuns(by areInIncreasingOrder: (Int, Int) -> Bool) {
        for o in 0..<(runStart.count - 1) where runStart[o + 1] - runStart[o] > 1 {
            flat[Int(runStart[o])..<Int(runStart[o + 1])].sort { areInIncreasingOrder(Int($0), Int($1)) }
        }
    }
}
