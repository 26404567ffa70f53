/// Reads a file's rows into batches: counts each row read, classifies it, groups line items, and adds it to
/// the batch either settled (skipped, rejected) or to be read on the normalising thread.
struct BatchFiller {
    private let reader: CSVReader
    /// The record read last (the header, before the first row).
    private var record: CSVRecord
    private let classifier: RowClassifier
    private var grouper: LineItemGrouper
    /// With `group_by: {key: …}`, in place of `grouper`: groups rows across the whole file.
    private var keyedGrouper: KeyedGrouper?
    private var contentIds: ContentIds
    /// Whether the file has ended (its held groups may still be to release).
    private var ended = false
    private var progress: ReadProgress
    let rowsPerBatch: Int
    /// Rows read at the most, the lines before the header included.
    let rowLimit: Int

    init(
        reader: CSVReader, after header: CSVRecord, classifier: RowClassifier, format: BoundFormat,
        parameters: [String: String], progress: ReadProgress, rowsPerBatch: Int, rowLimit: Int
    ) {
        self.reader = reader
        record = header
        self.classifier = classifier
        if let group = format.groupColumn, let sums = format.sumColumns {
            keyedGrouper = KeyedGrouper(keyColumn: group, sums: sums, numbers: format.definition.numbers)
            grouper = LineItemGrouper(column: nil)
        } else {
            grouper = LineItemGrouper(column: format.groupColumn)
        }
        contentIds = ContentIds(
            columns: format.contentColumns, parameters: parameters, used: format.definition.parameterNames)
        self.progress = progress
        self.rowsPerBatch = rowsPerBatch
        self.rowLimit = rowLimit
    }

    /// The line reached, for an error met while reading.
    var line: Int { record.line }

    /// Reads rows into `batch` until it holds `rowsPerBatch` of them; false when the file (or the row limit)
    /// has ended. The first rows tell `normaliser` how many records to make room for.
    mutating func fill<N: RecordNormaliser>(
        _ batch: inout RowBatch<N.Reader>, accounts: inout IngestAccounts,
        normaliser: inout N
    ) throws -> Bool {
        while batch.count < rowsPerBatch {
            if ended { return releaseHeldGroups(into: &batch) }
            guard accounts.stats.rowsRead < rowLimit, try reader.next(into: &record) else {
                ended = true
                if let held = grouper.finish() { addWhole(held, to: &batch) }
                continue
            }
            accounts.countRead()
            if let rowsToCome = progress.rowRead(accounts.stats.rowsRead, length: record.raw.count) {
                normaliser.reserveCapacity(forAbout: rowsToCome)
            }
            add(classifier.classify(record), to: &batch)
        }
        return true
    }

    /// Adds the record read last to `batch` as `rowClass` says.
    private mutating func add<R>(_ rowClass: RowClass, to batch: inout RowBatch<R>) {
        switch rowClass {
        case .skipped(let reason):
            batch.add(.skipped(reason), line: record.line)
        case .rejected(let column, let reason):
            batch.add(
                .rejected(column: column, reason: reason), line: record.line, raw: record.raw,
                rawCut: record.rawCut)
        case .canonical:
            batch.addCanonical(record)
        case .decoded(let fields):
            let row = HeldRow(row: SourceRow(line: record.line, fields: fields), raw: record.raw, rawCut: record.rawCut)
            if keyedGrouper != nil {
                if keyedGrouper?.add(row) == false { batch.add(.skipped(KeyedGrouper.reason), line: record.line) }
                return
            }
            switch grouper.add(row) {
            case .grouped: batch.add(.skipped(LineItemGrouper.reason), line: record.line)
            case .released(let whole?): addWhole(whole, to: &batch)
            case .released(nil): break
            }
        }
    }

    /// Adds a row that is whole (grouped, or needing no grouping) to be read, with its content ids.
    private mutating func addWhole<R>(_ held: HeldRow, to batch: inout RowBatch<R>) {
        var row = held.row
        if !contentIds.columns.isEmpty { contentIds.appendIds(to: &row) }
        batch.add(row, raw: held.raw, rawCut: held.rawCut)
    }

    /// Once the file has ended, adds the groups `keyedGrouper` holds until the batch is full; false when
    /// none is left.
    private mutating func releaseHeldGroups<R>(into batch: inout RowBatch<R>) -> Bool {
        while batch.count < rowsPerBatch {
            switch keyedGrouper?.next() {
            case .row(let whole)?: addWhole(whole, to: &batch)
            case .rejected(let row, let column, let reason)?:
                batch.add(
                    .rejected(column: column, reason: reason), line: row.row.line, raw: row.raw, rawCut: row.rawCut)
            case nil: return false
            }
        }
        return true
    }
}

/// Tells the observer how far the reading has come, and estimates from the first rows' length how many
/// rows an uncompressed file holds, so that the normaliser's storage is sized once.
struct ReadProgress {
    /// Rows whose length estimates how many rows an uncompressed file holds. (Waiting for 65,536 rows
    /// gives a closer estimate but a higher peak, from the storage doubled and dropped until then.)
    static let sizingSample = 4_096
    let file: InputFile
    /// The file's size (compressed, for a gzip file).
    let totalBytes: Int
    /// Whether the row count is estimated: not for a gzip file, whose size says little about its rows.
    let estimatesRows: Bool
    weak var observer: RunObserver?
    let stage: String
    let every: Int
    private var sampledBytes = 0

    init(file: InputFile, estimatesRows: Bool, observer: RunObserver?, stage: String, every: Int) {
        self.file = file
        totalBytes = file.size
        self.estimatesRows = estimatesRows
        self.observer = observer
        self.stage = stage
        self.every = every
    }

    /// Counts the row just read (`rowsRead` in all, this one `length` bytes without its line end); at the
    /// end of the sample, the estimate of rows still to come (nil at every other row).
    mutating func rowRead(_ rowsRead: Int, length: @autoclosure () -> Int) -> Int? {
        if rowsRead % every == 0 {
            observer?.progress(stage, rows: rowsRead, bytes: file.bytesRead, totalBytes: totalBytes)
        }
        guard rowsRead <= Self.sizingSample else { return nil }
        sampledBytes += length() + 1
        guard rowsRead == Self.sizingSample, estimatesRows else { return nil }
        // 2% over the estimate, so that a file of slightly longer rows later on still fits.
        let estimatedRows = totalBytes * Self.sizingSample / sampledBytes * 102 / 100
        return max(0, estimatedRows - rowsRead)
    }
}
