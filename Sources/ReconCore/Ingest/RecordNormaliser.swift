/// Why a row cannot be used: the canonical column at fault (empty for the whole row) and the reason.
package struct RowRejection: Error, Sendable {
    package var column: String
    package var reason: String
    package init(_ column: String, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// What a reader makes of one canonical record.
package enum RecordOutcome<Record> {
    case record(Record)
    case skipped(reason: String)
}

/// Reads canonical records one at a time, on the thread that normalises a file's rows while the ingest's
/// own thread reads the next ones. One reads one file: what it keeps between rows (the codes of repeated
/// texts) is its own; the indexes being built are `accept`'s.
package protocol RecordReader: Sendable {
    /// Sendable: records are made on the normalising thread and taken on the reading one.
    associatedtype Record: Sendable
    /// Reads one record; throws `RowRejection`.
    mutating func read(_ row: CanonicalRow) throws -> RecordOutcome<Record>
    /// Completes the records `read` made of a run of rows (`range` of `records`), together: lookups that
    /// miss the cache overlap there when their table slots are asked for first.
    func complete(_ records: inout [Record], _ range: Range<Int>)
}

/// Turns canonical records into orders or payments in two steps, so that a row yielding several records
/// (a charge and its refund) is used or rejected whole: its `reader` reads each record, on another thread,
/// and `accept` takes the records of one row, in file order.
package protocol RecordNormaliser {
    associatedtype Reader: RecordReader
    /// What reads the rows of the next file, with the normaliser's context as it is now (each file its own).
    var reader: Reader { get }
    /// The run's texts, where the file's path is numbered for its rows' `RowSource`s.
    var texts: RunTexts { get }
    /// Asks the CPU for what `accept` will look up for these records (a batch's, before they are taken).
    func prefetch(_ records: ArraySlice<Reader.Record>)
    /// Takes the records of one row; throws `RowRejection` (ids already used) before taking any.
    mutating func accept(_ records: ArraySlice<Reader.Record>) throws
    /// Makes room for about `count` more records, so that storage is sized once instead of grown by doubling
    /// (which, for a moment, holds both the old and the new copy).
    mutating func reserveCapacity(forAbout count: Int)
    /// The date of the latest event taken since the last call (the file just read), on or before `as_of`.
    mutating func takeLatestEventOn() -> CivilDate?
}
