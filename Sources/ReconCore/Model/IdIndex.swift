import CPrefetch

/// A record that is found by its id.
package protocol Identified {
    var id: RecordId { get }
}

extension Order: Identified {}
extension Payment: Identified {}

/// Records in the order they were added, found by id. Each id is kept once, in its record: the index is a
/// table of 4-byte slots (the record's position and some bits of the id's hash) checked against the records'
/// own ids, where a `[String: Int]` keeps a second copy of every id at about 48 bytes a record.
package struct IdIndex<Record: Identified & Sendable>: Sendable {
    package private(set) var records: [Record] = []
    /// The run's, in which the records' ids are read.
    package let ids: IdArena
    /// 0 is empty; otherwise the position + 1 in the low `positionBits` bits, and the id's hash's low bits
    /// above them, which spare most id comparisons on the way (the first slot comes from the hash's high
    /// bits, so the low ones tell apart the ids that meet there). Never more than four-fifths full. The
    /// table is sized to the records, not to a power of two (a hash picks its first slot by multiplying,
    /// not by masking), which spares up to half of the slots a power of two would add.
    private var slots: [UInt32] = []
    /// As many bits as the largest position the table is sized for needs.
    private var positionBits = 0

    package init(ids: IdArena) { self.ids = ids }

    /// An index over `records`, whose ids are distinct (as another index's records are) and read in `ids`;
    /// the records are shared, not copied.
    package init(records: [Record], ids: IdArena) {
        self.records = records
        self.ids = ids
        resize(toHold: records.count)
    }

    /// The position in `records` of the record with this id.
    package subscript(id: String) -> Int? { self[HashedText(id)] }

    /// The position in `records` of the record with this id, hashed already.
    subscript(id: HashedText) -> Int? { position(hash: id.hash) { ids.equal($0, id.text) } }

    /// The position in `records` of the record with the id `id` (read in `ids`), whose `HashedText.hash` is
    /// `hash`.
    subscript(id: RecordId, hash hash: UInt32) -> Int? { position(hash: hash) { ids.equal($0, id) } }

    /// The position of the record with the id of `hash` that `isId` says is the one.
    @inline(__always)
    private func position(hash: UInt32, where isId: (RecordId) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let tag = hashBits(hash)
        var i = firstSlot(hash)
        var slot = slots[i]
        while slot != 0 {
            if slot >> positionBits == tag {
                let position = Int((slot << (32 - positionBits)) >> (32 - positionBits)) - 1
                if isId(records[position].id) { return position }
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
        defer { self = IdIndex(ids: ids) }
        return records
    }

    /// Adds a record whose id is not in the index yet, with the id's hash (`HashedText.hash`, made where the
    /// id was read): callers look first, since a repeated id is their reject to make.
    mutating func append(_ record: Record, idHash: UInt32) {
        precondition(records.count < Int(UInt32.max) - 1, "more records than an index holds")
        records.append(record)
        if Self.fits(records.count, in: slots.count) {
            place(idHash, position: records.count - 1)
        } else {
            resize(toHold: 2 * records.count)
        }
    }

    /// Puts `record` in place of the record at `position`, which has the same id (its slot stays as it is).
    mutating func replace(at position: Int, with record: Record) {
        precondition(ids.equal(records[position].id, record.id), "a record replaced by one of another id")
        records[position] = record
    }

    /// Makes room for `count` records in all, so that neither the records nor the table grow by doubling.
    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        if !Self.fits(count, in: slots.count) { resize(toHold: count) }
    }

    private static func fits(_ count: Int, in size: Int) -> Bool { count * 5 <= size * 4 }

    /// A table for `count` records, every record placed again: the slots keep too few of a hash's bits to
    /// place it anew, so each id is hashed again (rarely: the ingest reserves room before reading).
    private mutating func resize(toHold count: Int) {
        let size = max(16, count + count / 4 + 1)
        let largestPosition = min(size * 4 / 5, Int(UInt32.max) - 1)
        positionBits = Int.bitWidth - (largestPosition + 1).leadingZeroBitCount
        slots = [UInt32](repeating: 0, count: size)
        for (position, record) in records.enumerated() {
            place(HashedText(ids.text(record.id)).hash, position: position)
        }
    }

    private mutating func place(_ hash: UInt32, position: Int) {
        var i = firstSlot(hash)
        while slots[i] != 0 { i = nextSlot(i) }
        slots[i] = hashBits(hash) << positionBits | UInt32(position + 1)
    }

    /// The bits of `hash` that a slot keeps above the position: its lowest `32 - positionBits` (none when
    /// positions take all 32; Swift's shifts give 0 past the width).
    private func hashBits(_ hash: UInt32) -> UInt32 { (hash << positionBits) >> positionBits }

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
