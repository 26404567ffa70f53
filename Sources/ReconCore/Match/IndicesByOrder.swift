/// Indices (of payments) grouped by order index: one flat array with a run per order, found through the
/// order's index. A few bytes per order, where a dictionary of arrays costs about ninety.
package struct IndicesByOrder: Sendable {
    /// The members of order `o` are `flat[runStart[o]..<runStart[o + 1]]`.
    private let runStart: [Int32]
    private var flat: [Int32]

    /// `pairs` are (order index, member index); each run keeps its members in the order given. They are
    /// walked twice (counted, then placed), so a lazy view of them is never stored as an array.
    init<Pairs: Collection>(orderCount: Int, pairs: Pairs) where Pairs.Element == (order: Int32, member: Int32) {
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
    }

    /// The members of order `order`, in their run's order.
    package subscript(order: Int) -> [Int] {
        flat[Int(runStart[order])..<Int(runStart[order + 1])].map(Int.init)
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
