/// Which of a table's positions are kept, and where each kept one lands once the others are dropped and the
/// kept close up in order: a bit a position and a count every 64 (about a sixth of a byte each) instead of a
/// four-byte new position for every one. Positions are marked first, then counted, then read.
struct KeptPositions {
    private var words: [UInt64]
    /// For each word, how many positions the words before it keep; made by `countKept()`.
    private var keptBefore: [Int32] = []

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    /// The positions below `count` for which `isKept` holds, marked and counted.
    init(count: Int, keeping isKept: (Int) -> Bool) {
        self.init(count: count)
        for position in 0..<count where isKept(position) { keep(position) }
        countKept()
    }

    mutating func keep(_ position: Int) { words[position >> 6] |= 1 << UInt64(position & 63) }

    func isKept(_ position: Int) -> Bool { words[position >> 6] >> UInt64(position & 63) & 1 == 1 }

    /// Counts the kept positions; call once all are marked, before `newPosition(_:)`.
    mutating func countKept() {
        keptBefore = []
        keptBefore.reserveCapacity(words.count)
        var kept: Int32 = 0
        for word in words {
            keptBefore.append(kept)
            kept += Int32(word.nonzeroBitCount)
        }
    }

    /// How many positions are kept; call after `countKept()`.
    var keptCount: Int { words.last.map { Int(keptBefore[words.count - 1]) + $0.nonzeroBitCount } ?? 0 }

    /// The place of the kept `position` among the kept ones.
    func newPosition(_ position: Int) -> Int {
        precondition(isKept(position), "a dropped position has no new one")
        let below = words[position >> 6] & ((1 << UInt64(position & 63)) - 1)
        return Int(keptBefore[position >> 6]) + below.nonzeroBitCount
    }
}

extension Array {
    /// Drops the elements at the positions `kept` does not keep, in place, the kept ones closing up in order
    /// (swapped forward, never copied: they never exist twice), and gives the dropped ones' memory back.
    mutating func keepOnly(_ kept: KeptPositions) {
        var next = 0
        let shared = withUnsafeBufferPointer { $0.baseAddress }
        withUnsafeMutableBufferPointer { elements in
            assert(UnsafePointer(elements.baseAddress) == shared, "the elements are this array's alone, not copied")
            for i in elements.indices where kept.isKept(i) {
                if i != next { elements.swapAt(i, next) }
                next += 1
            }
        }
        removeLast(count - next)
        releaseSpareCapacityPages()
    }
}
