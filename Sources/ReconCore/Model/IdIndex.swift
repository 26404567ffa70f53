import CPrefetch

/// A record that is found by its id.
package protocol Identified {
    var id: String { get }
}

extension Order: Identified {}
extension Payment: Identified {}

/// Records in the order they were added, found by id. Each id is kept once, in its record: the index is a
/// table of 8-byte slots (the id's hash and the record's position) checked against the records' own ids,
/// where a `[String: Int]` keeps a second copy of every id at about 48 bytes a record.
package struct IdIndex<Record: Identified & Sendable>: Sendable {
    package private(set) var records: [Record] = []
    /// 0 is empty; otherwise the id's 32-bit hash in the high half and the position + 1 in the low half.
    /// Never more than four-fifths full; the hash in each slot spares most id comparisons on the way. The
    /// table is sized to the records, not to a power of two (a hash picks its first slot by multiplying,
    /// not by masking), which spares up to half of the slots a power of two would add.
    private var slots: [UInt64] = []

    package init() {}

    /// An index over `records`, whose ids are distinct (as another index's records are); the records are
    /// shared, not copied.
    package init(records: [Record]) {
        self.records = records
        resize(toHold: records.count)
        for (position, record) in records.enumerated() { place(HashedText(record.id).hash, position: position) }
    }

    /// The position in `records` of the record with this id.
    package subscript(id: String) -> Int? { self[HashedText(id)] }

    /// The position in `records` of the record with this id, hashed already.
    subscript(id: HashedText) -> Int? {
        guard !slots.isEmpty else { return nil }
        var i = firstSlot(id.hash)
        var slot = slots[i]
        while slot != 0 {
            if UInt32(truncatingIfNeeded: slot >> 32) == id.hash {
                let position = Int(UInt32(truncatingIfNeeded: slot)) - 1
                if records[position].id == id.text { return position }
            }
            i = nextSlot(i)
            slot = slots[i]
        }
        return nil
    }

    /// Asks the CPU for the table's slot where a lookup of `hash` starts: the lookups of a batch's ids,
    /// asked for together first, then overlap their cache misses instead of waiting for each in turn.
    func prefetch(_ hash: UInt32) {
        guard !slots.isEmpty else { return }
        slots.withUnsafeBufferPointer { recon_prefetch($0.baseAddress! + firstSlot(hash)) }
    }

    /// The records, which this index then no longer holds (nor its slots), so that the caller's copy is
    /// the only one and can change in place.
    mutating func takeRecords() -> [Record] {
        defer { self = IdIndex() }
        return records
    }

    /// Adds a record whose id is not in the index yet, with the id's hash (`HashedText.hash`, made where the
    /// id was read): callers look first, since a repeated id is their reject to make.
    mutating func append(_ record: Record, idHash: UInt32) {
        precondition(records.count < Int(UInt32.max) - 1, "more records than an index holds")
        if !Self.fits(records.count + 1, in: slots.count) { resize(toHold: 2 * (records.count + 1)) }
        place(idHash, position: records.count)
        records.append(record)
    }

    /// Puts `record` in place of the record at `position`, which has the same id (its slot stays as it is).
    mutating func replace(at position: Int, with record: Record) {
        precondition(records[position].id == record.id, "a record replaced by one of another id")
        records[position] = record
    }

    /// Makes room for `count` records in all, so that neither the records nor the table grow by doubling.
    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        if !Self.fits(count, in: slots.count) { resize(toHold: count) }
    }

    private static func fits(_ count: Int, in size: Int) -> Bool { count * 5 <= size * 4 }

    private mutating func resize(toHold count: Int) {
        let size = max(16, count + count / 4 + 1)
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        for slot in old where slot != 0 {
            place(UInt32(truncatingIfNeeded: slot >> 32), position: Int(UInt32(truncatingIfNeeded: slot)) - 1)
        }
    }

    private mutating func place(_ hash: UInt32, position: Int) {
        var i = firstSlot(hash)
        while slots[i] != 0 { i = nextSlot(i) }
        slots[i] = UInt64(hash) << 32 | UInt64(position + 1)
    }

    /// The hash scaled onto the table (Lemire's multiply-shift), which works for any table size.
    private func firstSlot(_ hash: UInt32) -> Int { Int((UInt64(hash) &* UInt64(slots.count)) >> 32) }

    private func nextSlot(_ i: Int) -> Int { i + 1 == slots.count ? 0 : i + 1 }
}

/// A text with its hash, made where the text is read (the ingest's normalising thread), so that the thread
/// taking the records only probes tables with it. String hashing: texts are equal exactly when a
/// `Dictionary` would find them equal (the hash is seeded per process, so it is never kept beyond a run).
package struct HashedText: Sendable {
    package let text: String
    let hash: UInt32

    package init(_ text: String) {
        self.text = text
        hash = UInt32(truncatingIfNeeded: text.hashValue)
    }

    /// `text` with the hash made of it before.
    init(_ text: String, hash: UInt32) {
        self.text = text
        self.hash = hash
    }
}
