/// Indices (of payments) grouped by order index: one flat array with a run per order, found through the
/// order's index. A few bytes per order, where a dictionary of arrays costs about ninety; or, for the
/// orders of some kind alone (`keys`), a few bytes per such order and a bit per other.
package struct IndicesByOrder: Sendable {
    /// The members of the order with run `r` are `flat[runStart[r]..<runStart[r + 1]]`.
    private let runStart: [Int32]
    private var flat: [Int32]
    /// The orders that have a run, each's run its place among them; nil when every order has one (an
    /// order's run is its index).
    private let keys: KeptPositions?

    /// Runs for the orders that `keys` keeps alone: the pairs of other orders are left out, and those
    /// orders have no members.
    init<Pairs: Collection>(keys: KeptPositions, pairs: Pairs) where Pairs.Element == (order: Int32, member: Int32) {
        let kept = pairs.lazy.filter { keys.isKept(Int($0.order)) }
            .map { (order: Int32(keys.newPosition(Int($0.order))), member: $0.member) }
        self.init(runCount: keys.keptCount, pairs: kept, keys: keys)
    }

    /// A run for each of `orderCount` orders.
    init<Pairs: Collection>(orderCount: Int, pairs: Pairs) where Pairs.Element == (order: Int32, member: Int32) {
        self.init(runCount: orderCount, pairs: pairs, keys: nil)
    }

    /// `pairs` are (run, member index); each run keeps its members in the order given. They are walked twice
    /// (counted, then placed), so a lazy view of them is never stored as an array.
    private init<Pairs: Collection>(runCount orderCount: Int, pairs: Pairs, keys: KeptPositions?)
    where Pairs.Element == (order: Int32, member: Int32) {
        // Counts per order at `o + 1`, then (after the running sum) where each run starts. Placing the members
        // moves each order's start to its run's end, which is the next run's start: shifting the table by
        // one puts every start back, without a second table of cursors.
        var starts = [Int32](repeating: 0, count: orderCount + 1)
        for (order, _) in pairs { starts[Int(order) + 1] += 1 }
        for o in 0..<orderCount { starts[o + 1] += starts[o] }
        var flat = [Int32](repeating: 0, count: Int(starts[orderCount]))
        for (order, member) in pairs {
            flat[Int(starts[Int(order)])] = member
            starts[Int(order)] += 1
        }
        for o in stride(from: orderCount, to: 0, by: -1) { starts[o] = starts[o - 1] }
        starts[0] = 0
        runStart = starts
        self.flat = flat
        self.keys = keys
    }

    /// The members of order `order`, in their run's order.
    package subscript(order: Int) -> [Int] {
        guard let run = keys.map({ $0.isKept(order) ? $0.newPosition(order) : nil }) ?? order else { return [] }
        return flat[Int(runStart[run])..<Int(runStart[run + 1])].map(Int.init)
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
