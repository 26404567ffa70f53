/// Rows of one file on their way between the ingest's two threads. The reading thread fills a batch with
/// what it made of each row (`steps`, with the bytes of the rows still to read); the normalising thread
/// reads their records (`verdicts`, `records`); the reading thread then takes those in file order, while the
/// other normalises the next batch. A value: it is handed from one thread to the other through a
/// `NormalisingSlot`, never shared.
struct RowBatch<Reader: RecordReader>: Sendable {
    struct Step: Sendable {
        var line: Int
        /// The row as it stood in the file, in `bytes`, for the rejected file.
        var raw: Range<Int>
        var rawCut: Bool
        var kind: Kind
    }

    enum Kind: Sendable {
        /// Counted as skipped without reading: a blank line, a repeated header, a line item grouped above.
        case skipped(String)
        /// Rejected by the reading thread (field count, quoting, encoding).
        case rejected(column: String, reason: String)
        /// A row of the built-in canonical format, its fields in `bytes` where `fieldRanges[fields]` say.
        case canonical(fields: Range<Int>)
        /// A row of another format, decoded to text.
        case source(SourceRow)
    }

    /// What the normalising thread made of a step.
    enum Verdict: Sendable {
        /// Nothing to read: the reading thread settled the row.
        case settled
        /// The row's records, at this range of `records`; for a format other than canonical, the source
        /// column of each canonical column (a rejection by `accept` names the column as the file does).
        case records(Range<Int>, origins: [String]?)
        case skipped(String)
        case rejected(column: String, reason: String)
    }

    private(set) var steps: [Step] = []
    private(set) var bytes: [UInt8] = []
    private(set) var fieldRanges: [Range<Int>] = []
    /// By step: filled in when the step is read (`.settled` until then).
    private(set) var verdicts: [Verdict] = []
    /// The records of the steps read, the steps of `tail` first (each verdict says where its records are).
    private(set) var records: [Reader.Record] = []
    /// The steps the filling thread read itself (`readTail`); the other thread reads those before them.
    private(set) var tail = 0..<0
    /// An error other than a row's rejection, met while normalising the row on `line`; the steps after it
    /// have no verdict.
    private(set) var failure: (error: any Error, line: Int)?

    var count: Int { steps.count }

    /// Empties the batch for the next rows, keeping its storage.
    mutating func reset() {
        steps.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        fieldRanges.removeAll(keepingCapacity: true)
        verdicts.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        tail = 0..<0
        failure = nil
    }

    // MARK: Filled by the reading thread

    /// A row the reading thread settled: skipped, or rejected (with the row as it stood).
    mutating func add(_ kind: Kind, line: Int, raw: [UInt8] = [], rawCut: Bool = false) {
        steps.append(Step(line: line, raw: append(raw), rawCut: rawCut, kind: kind))
    }

    /// A canonical file's record, to read.
    mutating func addCanonical(_ record: CSVRecord) {
        let start = bytes.count
        bytes.append(contentsOf: record.data)
        let first = fieldRanges.count
        for range in record.fieldRanges { fieldRanges.append(start + range.lowerBound..<start + range.upperBound) }
        let raw = record.rawIsData ? start..<bytes.count : append(record.rawCopy)
        steps.append(
            Step(
                line: record.line, raw: raw, rawCut: record.rawCut,
                kind: .canonical(fields: first..<fieldRanges.count)))
    }

    /// A decoded row of another format, to read.
    mutating func add(_ row: SourceRow, raw: [UInt8], rawCut: Bool) {
        steps.append(Step(line: row.line, raw: append(raw), rawCut: rawCut, kind: .source(row)))
    }

    private mutating func append(_ raw: [UInt8]) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: raw)
        return start..<bytes.count
    }

    /// The bytes of a step's row as it stood in the file.
    func raw(of step: Step) -> ArraySlice<UInt8> { bytes[step.raw] }

    // MARK: Normalised by the other thread

    /// Reads the records of the last `count` rows with `reader`, on the thread that filled the batch, before
    /// it hands the batch to the other thread (which then reads the rest, `readHead`).
    mutating func readTail(_ count: Int, with reader: inout Reader, format: BoundFormat) {
        tail = steps.count - min(count, steps.count)..<steps.count
        read(tail, with: &reader, format: format)
    }

    /// Reads the records of the rows before `tail`, with `reader`.
    mutating func readHead(with reader: inout Reader, format: BoundFormat) {
        read(0..<tail.lowerBound, with: &reader, format: format)
    }

    /// Reads the records of `part` of the rows through the file's `format`; a failure stops the part there
    /// (the batch keeps the failure of the earliest row).
    private mutating func read(_ part: Range<Int>, with reader: inout Reader, format: BoundFormat) {
        if verdicts.count < steps.count {
            verdicts.append(contentsOf: repeatElement(.settled, count: steps.count - verdicts.count))
        }
        let firstRecord = records.count
        defer { reader.complete(&records, firstRecord..<records.count) }
        // This thread's own copy: each row retains and releases the columns it reads by, and the two threads
        // doing so on one array would pass its reference count's cache line back and forth at every row.
        let columns = format.directColumns?.map { $0 }
        for i in part {
            do {
                verdicts[i] = try verdict(on: steps[i], with: &reader, format: format, columns: columns)
            } catch {
                if failure.map({ steps[i].line < $0.line }) ?? true { failure = (error, steps[i].line) }
                return
            }
        }
    }

    /// What a row's step comes to: its records read, or the reason it is skipped or rejected. `columns`: the
    /// format's `directColumns`.
    private mutating func verdict(
        on step: Step, with reader: inout Reader, format: BoundFormat, columns: [Int]?
    ) throws -> Verdict {
        switch step.kind {
        case .skipped, .rejected:
            return .settled
        case .canonical(let fields):
            let row = CanonicalRow(
                source: RowSource(fileNumber: format.fileNumber, line: step.line),
                kind: format.definition.kind, bytes: bytes, ranges: fieldRanges[fields],
                columns: columns!)
            return try read(row, with: &reader)
        case .source(let row):
            let outcomes: [BoundFormat.Outcome]
            do {
                outcomes = try format.outcomes(for: row)
            } catch let rejection as RowRejection {
                return .rejected(column: rejection.column, reason: rejection.reason)
            }
            return try read(outcomes, with: &reader)
        }
    }

    /// Reads a canonical file's row, one record, into `records`: the verdict on the row. (What `read(_:with:)`
    /// of the row's one outcome answers, without making that outcome.)
    private mutating func read(_ row: CanonicalRow, with reader: inout Reader) throws -> Verdict {
        do {
            switch try reader.read(row) {
            case .record(let record):
                records.append(record)
                return .records(records.count - 1..<records.count, origins: nil)
            case .skipped(let reason): return .skipped(CardMasker.mask(reason))
            }
        } catch let rejection as RowRejection {
            return .rejected(column: rejection.column, reason: rejection.reason)
        }
    }

    /// Reads one row's canonical records into `records`: the verdict on the row. A row is rejected whole.
    private mutating func read(_ outcomes: some Sequence<BoundFormat.Outcome>, with reader: inout Reader) throws
        -> Verdict
    {
        let start = records.count
        var skipReason: String?
        var last: CanonicalRow?
        do {
            for outcome in outcomes {
                switch outcome {
                case .skipped(let reason): skipReason = skipReason ?? reason
                case .record(let row):
                    last = row
                    switch try reader.read(row) {
                    case .record(let record): records.append(record)
                    case .skipped(let reason): skipReason = skipReason ?? reason
                    }
                }
            }
        } catch let rejection as RowRejection {
            records.removeSubrange(start...)
            // Readers name canonical columns; the file's own name is what a reader of the rejects needs.
            return .rejected(column: last?.origin(of: rejection.column) ?? rejection.column, reason: rejection.reason)
        }
        // Reasons quote the value at fault (`type …`), and go to the manifest: masked like every text shown.
        if records.count == start { return .skipped(CardMasker.mask(skipReason ?? "no record")) }
        return .records(start..<records.count, origins: last?.origins)
    }
}

/// Where the batch being normalised lies while the other thread works on it, with the file's reader. The
/// reading thread hands a batch in and takes the one before out (`exchange`); the normalising thread works
/// on it under the same lock, so the two never reach a batch at once (and the reading thread waits for the
/// worker before the exchange, so the lock is never contended).
final class NormalisingSlot<Reader: RecordReader>: Sendable {
    private struct Held {
        var batch = RowBatch<Reader>()
        var reader: Reader
    }
    private let held: Locked<Held>

    init(reader: Reader) { held = Locked(Held(reader: reader)) }

    /// Puts `next` in the slot and returns the batch that was there.
    func exchange(_ next: consuming RowBatch<Reader>) -> RowBatch<Reader> {
        held.withLock { held in
            let done = held.batch
            held.batch = next
            return done
        }
    }

    /// Reads the records of the batch in the slot that the thread filling it left (`RowBatch.readHead`).
    func readHead(format: BoundFormat) {
        held.withLock { $0.batch.readHead(with: &$0.reader, format: format) }
    }
}
