import CPrefetch

/// An entry of a `ProbeTable`: empty, or holding a key's hash (and whatever the table's owner keeps).
protocol ProbeEntry: Sendable {
    /// The empty entry.
    init()
    var isEmpty: Bool { get }
    /// A hash of the entry's key, the same each time it is asked for (its top bits pick the first slot).
    var hash: UInt64 { get }
}

/// An open-addressing hash table of entries in a power-of-two array, at most three quarters full: the owner probes
/// from `firstSlot(hash)` through `nextSlot` until it meets its key or an empty slot, where it may insert.
struct ProbeTable<Entry: ProbeEntry>: Sendable {
    private(set) var entries = [Entry](repeating: Entry(), count: 64)
    private(set) var count = 0

    subscript(slot: Int) -> Entry { entries[slot] }

    func firstSlot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - entries.count.trailingZeroBitCount))
    }

    func nextSlot(_ slot: Int) -> Int { (slot + 1) & (entries.count - 1) }

    /// Asks the CPU for the slot where a probe for `hash` starts, so that the probes of a batch, asked for
    /// together first, overlap their cache misses.
    func prefetch(_ hash: UInt64) {
        entries.withUnsafeBufferPointer { recon_prefetch($0.baseAddress! + firstSlot(hash)) }
    }

    /// Adds `entry`, whose key the table does not have.
    mutating func insert(_ entry: Entry) {
        var i = firstSlot(entry.hash)
        while !entries[i].isEmpty { i = nextSlot(i) }
        entries[i] = entry
        count += 1
        if 4 * count > 3 * entries.count { grow() }
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(), count: 2 * old.count)
        count = 0
        for entry in old where !entry.isEmpty { insert(entry) }
    }
}
