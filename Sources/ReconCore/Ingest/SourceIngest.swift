/// Why a row cannot be used: the canonical column at fault (empty for the whole row) and the reason.
public struct RowRejection: Error, Sendable {
    public var column: String
    public var reason: String
    public init(_ column: String, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// What a normaliser makes of one canonical record.
public enum RecordOutcome<Record> {
    case record(Record)
    case skipped(reason: String)
}

/// Turns canonical records into orders or payments in two steps, so that a row yielding several records
/// (a charge and its refund) is used or rejected whole.
public protocol RecordNormaliser {
    associatedtype Record
    /// Reads one record without changing anything; throws `RowRejection`.
    func read(_ row: CanonicalRow) throws -> RecordOutcome<Record>
    /// Takes the records of one row; throws `RowRejection` (ids already used) before taking any.
    mutating func accept(_ records: [Record]) throws
    /// Makes room for about `count` more records, so that storage is sized once instead of grown by doubling
    /// (which, for a moment, holds both the old and the new copy).
    mutating func reserveCapacity(forAbout count: Int)
}

/// Opens one input (through gzip when it ends in `.gz`), binds its format to the header, and feeds each
/// row to a normaliser while keeping the accounts: every row is used, skipped with a reason, or rejected.
public struct SourceIngest {
    public let kind: SourceKind
    public let path: String
    public let format: FormatDefinition
    public var parameters: [String: String] = [:]
    /// Where the source was configured, for errors about its parameters.
    public var origin = "command line"
    /// Told of progress every `progressEvery` rows, under the stage name `stage`.
    public weak var observer: RunObserver?
    public var stage = "ingest"
    public var progressEvery = 100_000
    /// Rows whose length estimates how many rows an uncompressed file holds. (Measured: waiting for 65,536
    /// rows gives a closer estimate but a higher peak, from the storage doubled and dropped until then.)
    static let sizingSample = 4_096

    public init(kind: SourceKind, path: String, format: FormatDefinition) {
        self.kind = kind
        self.path = path
        self.format = format
    }

    /// The ingest of a configured source: its path and parameters, errors about it naming `origin`.
    public init(spec: SourceSpec, kind: SourceKind, format: FormatDefinition, origin: String) {
        self.init(kind: kind, path: spec.path, format: format)
        parameters = spec.params
        self.origin = origin
    }

    /// An input opened to its first data row: the format bound to its header.
    private struct Opened {
        let file: InputFile
        let reader: CSVReader
        let header: [String]
        let bound: BoundFormat
        /// Lines read before the header (`skip_lines`).
        let linesBeforeHeader: Int
    }

    /// Opens the input (through gzip when it ends in `.gz`), skips the lines before the header, reads the
    /// header and binds the format to it. Read errors come out as `ReconError`s naming the file.
    private func open(_ record: inout CSVRecord) throws -> Opened {
        let file = try InputFile(path: path)
        let source: ByteSource = path.hasSuffix(".gz") ? try GzipReader(source: file, name: path) : file
        let reader = CSVReader(source: source, name: path)
        var skipped = 0
        do {
            for _ in 0..<format.skipLines {
                guard try reader.next(into: &record) else { break }
                skipped += 1
            }
            guard try reader.next(into: &record) else {
                throw ReconError.unreadable(path: path, line: 1 + format.skipLines, reason: "file is empty; expected a header line")
            }
        } catch let error as ReconError {
            throw error
        } catch {
            throw ReconError.unreadable(path: path, line: record.line, reason: "\(error)")
        }
        let header = (0..<record.fieldCount).map { format.encoding.decode(record.data[record.fieldRanges[$0]]) }
        let bound = try BoundFormat(definition: format, header: header, path: path, parameters: parameters, origin: origin)
        return Opened(file: file, reader: reader, header: header, bound: bound, linesBeforeHeader: skipped)
    }

    /// Reads only the header and binds the format to it: what `recon check` does for each input.
    public func checkHeader() throws -> [String] {
        var record = CSVRecord()
        return try open(&record).header
    }

    public func run<N: RecordNormaliser>(_ normaliser: inout N, rejects: inout [RejectedRow]) throws -> SourceStats {
        var stats = SourceStats(kind: kind.rawValue, path: path)
        var record = CSVRecord()
        let opened = try open(&record)
        let (file, reader, header, bound) = (opened.file, opened.reader, opened.header, opened.bound)
        if opened.linesBeforeHeader > 0 { stats.skipped["line before the header"] = opened.linesBeforeHeader }
        let encoding = format.encoding

        func rawText(_ bytes: [UInt8], cut: Bool) -> String { encoding.decode(bytes) + (cut ? "…[cut]" : "") }
        func reject(_ line: Int, _ raw: String, _ column: String, _ reason: String) {
            stats.rejected += 1
            // Reasons quote the value at fault, so they are masked like the raw line.
            rejects.append(RejectedRow(source: kind.rawValue, file: path, line: line, column: column,
                                       reason: CardMasker.mask(reason), raw: CardMasker.mask(raw)))
        }

        /// One row's records, emptied for the next row rather than allocated for each.
        var records: [N.Record] = []
        records.reserveCapacity(4)
        /// Normalises the canonical records `outcomes` makes of the row on `line`; `raw` gives the row as it
        /// stood in the file, only if it is rejected.
        func process(line: Int, raw: () -> String, outcomes: () throws -> [BoundFormat.Outcome]) throws {
            records.removeAll(keepingCapacity: true)
            var skipReason: String?
            var current: CanonicalRow?
            do {
                for outcome in try outcomes() {
                    switch outcome {
                    case .skipped(let reason): skipReason = skipReason ?? reason
                    case .record(let canonical):
                        current = canonical
                        switch try normaliser.read(canonical) {
                        case .record(let r): records.append(r)
                        case .skipped(let reason): skipReason = skipReason ?? reason
                        }
                    }
                }
                if records.isEmpty {
                    stats.skipped[skipReason ?? "no record", default: 0] += 1
                } else {
                    try normaliser.accept(records)
                    stats.used += 1
                }
            } catch let rejection as RowRejection {
                // Normalisers name canonical columns; the file's own name is what a reader of the rejects needs.
                let column = current?.origin(of: rejection.column) ?? rejection.column
                reject(line, raw(), column, rejection.reason)
            }
        }

        do {
            let normalisedHeader = header.map { $0.trimmingSpaces().lowercased() }
            let normalisedHeaderBytes = normalisedHeader.map { Array($0.utf8) }
            /// The repeated-header test below, on the bytes of an ASCII record of the right field count.
            func repeatsHeader(_ record: CSVRecord) -> Bool {
                guard record.fieldRanges[0].count == header[0].utf8.count else { return false }
                for (field, expected) in zip(record.fieldRanges, normalisedHeaderBytes) {
                    let value = record.data.trimmingSpaces(field)
                    guard value.count == expected.count else { return false }
                    for (i, byte) in zip(value, expected) {
                        let b = record.data[i]
                        guard (b >= 65 && b <= 90 ? b + 32 : b) == byte else { return false }
                    }
                }
                return true
            }
            /// A row of a grouping format, held (with its raw bytes) until the next row shows whether it goes on.
            var pending: (row: SourceRow, raw: [UInt8], rawCut: Bool)?
            func processPending() throws {
                guard let held = pending else { return }
                try process(line: held.row.line, raw: { rawText(held.raw, cut: held.rawCut) }) {
                    try bound.outcomes(for: held.row)
                }
            }
            let totalBytes = file.size
            var sampledBytes = 0
            func rejectRecord(_ column: String, _ reason: String) {
                reject(record.line, rawText(record.raw, cut: record.rawCut), column, reason)
            }
            while try reader.next(into: &record) {
                stats.rowsRead += 1
                if stats.rowsRead % progressEvery == 0 {
                    observer?.progress(stage, rows: stats.rowsRead, bytes: file.bytesRead, totalBytes: totalBytes)
                }
                if stats.rowsRead <= Self.sizingSample {
                    sampledBytes += record.raw.count + 1
                    if stats.rowsRead == Self.sizingSample, !path.hasSuffix(".gz") {
                        // 2% over the estimate, so that a file of slightly longer rows later on still fits.
                        let estimatedRows = totalBytes * Self.sizingSample / sampledBytes * 102 / 100
                        normaliser.reserveCapacity(forAbout: max(0, estimatedRows - stats.rowsRead))
                    }
                }
                if record.isBlank && record.fieldCount <= 1 {
                    stats.skipped["blank line", default: 0] += 1
                    continue
                }
                if record.fieldCount != header.count {
                    rejectRecord("", "expected \(header.count) fields as in the header, found \(record.fieldCount)")
                    continue
                }
                if let problem = record.problem {
                    rejectRecord(header[problem.field].trimmingSpaces().description, problem.reason)
                    continue
                }
                if let columns = bound.directColumns, record.data.allSatisfy({ $0 < 0x80 }) {
                    // ASCII is valid UTF-8: the values are read from the record's bytes as they are asked for.
                    if repeatsHeader(record) {
                        stats.skipped["repeated header line", default: 0] += 1
                        continue
                    }
                    let canonical = CanonicalRow(source: RowSource(fileNumber: bound.fileNumber, line: record.line), kind: bound.definition.kind,
                                                 bytes: record.data, ranges: record.fieldRanges, columns: columns)
                    try process(line: record.line, raw: { rawText(record.raw, cut: record.rawCut) }) { [.record(canonical)] }
                    continue
                }
                var fields: [String] = []
                fields.reserveCapacity(record.fieldCount)
                record.data.withUnsafeBufferPointer { data in
                    for range in record.fieldRanges {
                        // Declared UTF-8 must be UTF-8: a replacement character would silently change an id or a name.
                        guard let text = encoding.decodeStrictly(UnsafeBufferPointer(rebasing: data[range])) else { break }
                        fields.append(text)
                    }
                }
                if fields.count < record.fieldCount {
                    rejectRecord(header[fields.count].trimmingSpaces().description,
                                 "not valid UTF-8; if the file is Windows-1252, give its format encoding: windows-1252 or auto")
                    continue
                }
                if fields[0].utf8.count == header[0].utf8.count,
                   fields.map({ $0.trimmingSpaces().lowercased() }) == normalisedHeader {
                    stats.skipped["repeated header line", default: 0] += 1
                    continue
                }
                let row = SourceRow(line: record.line, fields: fields)
                guard let g = bound.groupColumn else {
                    try process(line: row.line, raw: { rawText(record.raw, cut: record.rawCut) }) { try bound.outcomes(for: row) }
                    continue
                }
                // Consecutive rows with the same group key are one record (Shopify's line items).
                if var first = pending, !row.fields[g].isEmpty, first.row.fields[g] == row.fields[g] {
                    for (i, value) in row.fields.enumerated() where first.row.fields[i].trimmingSpaces().isEmpty {
                        first.row.fields[i] = value
                    }
                    pending = first
                    stats.skipped["line item grouped with the row above", default: 0] += 1
                    continue
                }
                try processPending()
                pending = (row, record.raw, record.rawCut)
            }
            try processPending()
        } catch let error as ReconError {
            throw error
        } catch {
            // zlib and gzip errors surface while reading: name the line reached.
            throw ReconError.unreadable(path: path, line: record.line, reason: "\(error)")
        }
        stats.bytes = file.bytesRead
        stats.sha256 = file.digest()
        return stats
    }
}
