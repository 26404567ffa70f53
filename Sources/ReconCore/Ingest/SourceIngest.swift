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
    /// Rows handed to the normalising thread at a time.
    public var rowsPerBatch = 4_096
    /// Rows read at the most: `recon check` reads a sample, a run the whole file.
    public var rowLimit = Int.max

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
        let bound: BoundFormat
        do {
            bound = try BoundFormat(definition: format, header: header, path: path, parameters: parameters, origin: origin)
        } catch let error as ReconError where error.exitCode == 1 {
            // A UTF-16 export or a spreadsheet lacks every column: say what the file is instead.
            throw notTextError(headerLine: record.raw) ?? error
        }
        return Opened(file: file, reader: reader, header: header, bound: bound, linesBeforeHeader: skipped)
    }

    /// The header check's error for an input that is not text at all (UTF-16, or binary such as a
    /// spreadsheet), judged from its first bytes (read again; for a FIFO, which cannot be, from the header
    /// line as read); nil for text.
    private func notTextError(headerLine: [UInt8]) -> ReconError? {
        var bytes = Array(headerLine.prefix(ContentKind.sniffedBytes))
        if notARegularFile(path) == nil, let file = try? InputFile(path: path),
           let source: ByteSource = path.hasSuffix(".gz") ? try? GzipReader(source: file, name: path) : file {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ContentKind.sniffedBytes, alignment: 1)
            defer { buffer.deallocate() }
            var count = 0
            while count < buffer.count, let n = try? source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...])), n > 0 {
                count += n
            }
            bytes = Array(buffer[..<count])
        }
        switch ContentKind(firstBytes: bytes) {
        case .utf16: return .unreadable(path: path, line: 1, reason: "is UTF-16 text; save it as UTF-8 CSV")
        case .binary: return .unreadable(path: path, line: 1, reason: "is not text (binary)")
        default: return nil
        }
    }

    /// Reads only the header and binds the format to it: what `recon check` does for each input.
    public func checkHeader() throws -> [String] {
        var record = CSVRecord()
        return try open(&record).header
    }

    /// Reads the file into `normaliser` on two threads: this one reads rows into batches and takes each
    /// batch's records, in file order, into the normaliser, while the other reads the records of the batch
    /// before (ids, dates and amounts: the larger part of the work).
    public func run<N: RecordNormaliser>(_ normaliser: inout N, rejects: inout [RejectedRow]) throws -> SourceStats {
        var stats = SourceStats(kind: kind.rawValue, path: path)
        var record = CSVRecord()
        let opened = try open(&record)
        let (file, reader, header, bound) = (opened.file, opened.reader, opened.header, opened.bound)
        if opened.linesBeforeHeader > 0 {
            // Lines before the header are read and skipped like any other, so that read = used + skipped + rejected.
            stats.rowsRead = opened.linesBeforeHeader
            stats.skipped["line before the header"] = opened.linesBeforeHeader
        }
        let encoding = format.encoding
        let recordReader = normaliser.reader
        typealias Batch = RowBatch<N.Reader>

        func reject(_ line: Int, _ raw: some Collection<UInt8>, cut: Bool, _ column: String, _ reason: String) {
            stats.rejected += 1
            // Reasons quote the value at fault, and columns are named by the file's header: masked like the raw line.
            let text = encoding.decode(raw)
            rejects.append(RejectedRow(source: kind.rawValue, file: path, line: line, column: CardMasker.mask(column),
                                       reason: CardMasker.mask(reason),
                                       raw: cut ? CardMasker.maskCut(text) + "…[cut]" : CardMasker.mask(text)))
        }

        /// Takes what the other thread made of a batch's rows, in file order.
        func take(_ batch: Batch) throws {
            if let (error, line) = batch.failure {
                if error is ReconError { throw error }
                throw ReconError.unreadable(path: path, line: line, reason: "\(error)")
            }
            for (step, verdict) in zip(batch.steps, batch.verdicts) {
                switch (step.kind, verdict) {
                case (.skipped(let reason), _), (_, .skipped(let reason)):
                    stats.skipped[reason, default: 0] += 1
                case (.rejected(let column, let reason), _), (_, .rejected(let column, let reason)):
                    reject(step.line, batch.raw(of: step), cut: step.rawCut, column, reason)
                case (_, .records(let range, let origins)):
                    do {
                        try normaliser.accept(batch.records[range])
                        stats.used += 1
                    } catch let rejection as RowRejection {
                        let column = CanonicalRow.origin(of: rejection.column, kind: bound.definition.kind, origins: origins)
                        reject(step.line, batch.raw(of: step), cut: step.rawCut, column, rejection.reason)
                    }
                case (_, .settled):
                    preconditionFailure("a row to read was not read")
                }
            }
        }

        let normalising = Parallel.Worker()
        // The other thread holds a batch, the reader and the format until it is done.
        defer { normalising.wait() }
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
            let totalBytes = file.size
            var sampledBytes = 0

            /// Reads rows into `batch` until it holds `rowsPerBatch` of them; false when the file has ended.
            func fill(_ batch: Batch) throws -> Bool {
                func settle(_ kind: Batch.Kind) {
                    if case .rejected = kind {
                        batch.add(kind, line: record.line, raw: record.raw, rawCut: record.rawCut)
                    } else {
                        batch.add(kind, line: record.line)
                    }
                }
                while batch.count < rowsPerBatch {
                    guard stats.rowsRead < rowLimit, try reader.next(into: &record) else {
                        if let held = pending { batch.add(held.row, raw: held.raw, rawCut: held.rawCut) }
                        pending = nil
                        return false
                    }
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
                        settle(.skipped("blank line"))
                        continue
                    }
                    if record.fieldCount != header.count {
                        settle(.rejected(column: "", reason: "expected \(header.count) fields as in the header, found \(record.fieldCount)"))
                        continue
                    }
                    if let problem = record.problem {
                        settle(.rejected(column: header[problem.field].trimmingSpaces().description, reason: problem.reason))
                        continue
                    }
                    if bound.directColumns != nil, record.data.allSatisfy({ $0 < 0x80 }) {
                        // ASCII is valid UTF-8: the values are read from the record's bytes as they are asked for.
                        if repeatsHeader(record) {
                            settle(.skipped("repeated header line"))
                        } else {
                            batch.addCanonical(record)
                        }
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
                        settle(.rejected(column: header[fields.count].trimmingSpaces().description,
                                         reason: "not valid UTF-8; if the file is Windows-1252, give its format encoding: windows-1252 or auto"))
                        continue
                    }
                    if fields[0].utf8.count == header[0].utf8.count,
                       fields.map({ $0.trimmingSpaces().lowercased() }) == normalisedHeader {
                        settle(.skipped("repeated header line"))
                        continue
                    }
                    let row = SourceRow(line: record.line, fields: fields)
                    guard let g = bound.groupColumn else {
                        batch.add(row, raw: record.raw, rawCut: record.rawCut)
                        continue
                    }
                    // Consecutive rows with the same group key are one record (Shopify's line items).
                    if var first = pending, !row.fields[g].isEmpty, first.row.fields[g] == row.fields[g] {
                        for (i, value) in row.fields.enumerated() where first.row.fields[i].trimmingSpaces().isEmpty {
                            first.row.fields[i] = value
                        }
                        pending = first
                        settle(.skipped("line item grouped with the row above"))
                        continue
                    }
                    if let held = pending { batch.add(held.row, raw: held.raw, rawCut: held.rawCut) }
                    pending = (row, record.raw, record.rawCut)
                }
                return true
            }

            // Two batches: one filled here while the other is normalised, then taken.
            var filling = Batch()
            var normalised: Batch?
            var more = true
            while more {
                more = try fill(filling)
                normalising.wait()
                let next = filling
                normalising.start { next.normalise(with: recordReader, format: bound) }
                if let done = normalised {
                    try take(done)
                    done.reset()
                    filling = done
                } else {
                    filling = Batch()
                }
                normalised = next
            }
            normalising.wait()
            if let done = normalised { try take(done) }
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
