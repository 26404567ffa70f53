/// Opens one input (through gzip when it ends in `.gz`), binds its format to the header, and feeds each
/// row to a normaliser while keeping the accounts: every row is used, skipped with a reason, or rejected.
package struct SourceIngest {
    package let kind: SourceKind
    package let path: String
    package let format: FormatDefinition
    package var parameters: [String: String] = [:]
    /// Where the source was configured, for errors about its parameters.
    package var origin = "command line"
    /// Told of progress every `progressEvery` rows, under the stage name `stage`.
    package weak var observer: RunObserver?
    package var stage = "ingest"
    package var progressEvery = 100_000
    /// Rows handed to the normalising thread at a time.
    package var rowsPerBatch = 4_096
    /// Rows read at the most: `recon check` reads a sample, a run the whole file.
    package var rowLimit = Int.max
    /// Whether each batch is normalised on this thread too, once it is filled, instead of on another thread
    /// while the next is filled: the same work in the same order, all of it on the calling thread (where a
    /// test counts its allocations).
    package var normalisesOnThisThread = false

    package init(kind: SourceKind, path: String, format: FormatDefinition) {
        self.kind = kind
        self.path = path
        self.format = format
    }

    /// The ingest of a configured source: its path and parameters, errors about it naming `origin`.
    package init(spec: SourceSpec, kind: SourceKind, format: FormatDefinition, origin: String) {
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
    /// header (unless the format lists the columns) and binds the format to it, its rows' `RowSource`s to
    /// say file `fileNumber`. Read errors come out as `ReconError`s naming the file.
    private func open(_ record: inout CSVRecord, fileNumber: UInt16) throws -> Opened {
        let file = try InputFile(path: path)
        let source: ByteSource = path.hasSuffix(".gz") ? try GzipReader(source: file, name: path) : file
        let reader = CSVReader(source: source, name: path)
        var skipped = 0
        do {
            for _ in 0..<format.skipLines {
                guard try reader.next(into: &record) else { break }
                skipped += 1
            }
            try readHeaderLine(reader, into: &record)
        } catch let error as ReconError {
            throw error
        } catch {
            throw ReconError.unreadable(path: path, line: record.line, reason: "\(error)")
        }
        func header(in encoding: TextEncoding) -> [String] {
            format.headerNames ?? (0..<record.fieldCount).map { encoding.decode(record.data[record.fieldRanges[$0]]) }
        }
        let bound: BoundFormat
        do {
            bound = try BoundFormat.bind(
                format, header: header(in:), delimiter: reader.delimiter, path: path, fileNumber: fileNumber,
                parameters: parameters, origin: origin)
        } catch let error as ReconError where error.exitCode == 1 {
            // A UTF-16 export or a spreadsheet lacks every column: say what the file is instead.
            throw notTextError(headerLine: record.raw) ?? loneCarriageReturnError(record, delimiter: reader.delimiter)
                ?? headerMismatch(error, headerLine: record.raw, delimiter: reader.delimiter)
        }
        if let error = loneCarriageReturnError(record, delimiter: reader.delimiter) { throw error }
        return Opened(
            file: file, reader: reader, header: header(in: bound.definition.encoding), bound: bound,
            linesBeforeHeader: skipped)
    }

    /// The header check's error for an input that is not text at all (UTF-16, or binary such as a
    /// spreadsheet), judged from its first bytes (read again; for a FIFO, which cannot be, from the header
    /// line as read); nil for text.
    private func notTextError(headerLine: [UInt8]) -> ReconError? {
        var bytes = Array(headerLine.prefix(ContentKind.sniffedBytes))
        if notARegularFile(path) == nil, let file = try? InputFile(path: path),
            let source: ByteSource = path.hasSuffix(".gz") ? try? GzipReader(source: file, name: path) : file
        {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ContentKind.sniffedBytes, alignment: 1)
            defer { buffer.deallocate() }
            var count = 0
            while count < buffer.count,
                let n = try? source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...])), n > 0
            {
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

    /// The error for a header line holding, outside quotes, a carriage return that is not its line end's: a
    /// file whose lines end with CR alone (as old Mac software saved CSV) is one long line, which would read as
    /// a header and no rows; one whose lines end with CR CR LF would lose its last column.
    private func loneCarriageReturnError(_ header: CSVRecord, delimiter: Delimiter) -> ReconError? {
        guard format.headerNames == nil,
            let column = Self.loneCarriageReturnColumn(in: header.raw, delimiter: delimiter.byte)
        else { return nil }
        return .unreadable(
            path: path, line: header.line,
            reason: "column \(column) of the header holds a carriage return that ends no line: the file's lines "
                + "end with CR alone (an old Mac format) or with CR CR LF; save it again with LF or CR LF line ends")
    }

    /// The column, from 1, of the first CR outside quotes in a line (as read, without its line end) that no
    /// LF follows; nil for none.
    static func loneCarriageReturnColumn(in line: [UInt8], delimiter: UInt8) -> Int? {
        var column = 1
        var quoted = false
        for (i, byte) in line.enumerated() {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if quoted {
                continue
            } else if byte == delimiter {
                column += 1
            } else if byte == UInt8(ascii: "\r"), line[(i + 1)...].first != UInt8(ascii: "\n") {
                return column
            }
        }
        return nil
    }

    /// Reads only the header and binds the format to it: what `recon check` does for each input.
    package func checkHeader() throws -> [String] {
        var record = CSVRecord()
        // No row is read: the file needs no number.
        return try open(&record, fileNumber: 0).header
    }

    /// Reads the file into `normaliser` on two threads: this one reads rows into batches and takes each
    /// batch's records, in file order, into the normaliser, while the other reads the records of the batch
    /// before (ids, dates and amounts: the larger part of the work); with `normalisesOnThisThread`, all on this
    /// thread. Rejected rows are added to `rejects`.
    package func run<N: RecordNormaliser>(_ normaliser: inout N, rejects: inout [RejectedRow]) throws -> SourceStats {
        var record = CSVRecord()
        let opened = try open(&record, fileNumber: normaliser.texts.fileNumber(of: path))
        // A format's variant may read another encoding than its top level.
        let encoding = opened.bound.definition.encoding
        var accounts = IngestAccounts(kind: kind, path: path, encoding: encoding)
        accounts.skipLinesBeforeHeader(opened.linesBeforeHeader)
        swap(&rejects, &accounts.rejects)
        defer { swap(&rejects, &accounts.rejects) }
        let classifier = RowClassifier(
            header: opened.header, encoding: encoding,
            readsBytes: opened.bound.directColumns != nil)
        let progress = ReadProgress(
            file: opened.file, estimatesRows: !path.hasSuffix(".gz"), observer: observer,
            stage: stage, every: progressEvery)
        var rows = BatchFiller(
            reader: opened.reader, after: record, classifier: classifier,
            format: opened.bound, parameters: parameters, progress: progress,
            rowsPerBatch: rowsPerBatch, rowLimit: rowLimit)
        do {
            try readInBatches(&rows, into: &normaliser, accounts: &accounts, format: opened.bound)
        } catch let error as ReconError {
            throw error
        } catch {
            // zlib and gzip errors surface while reading: name the line reached.
            throw ReconError.unreadable(path: path, line: rows.line, reason: "\(error)")
        }
        accounts.finish(bytes: opened.file.bytesRead, sha256: opened.file.digest())
        var stats = accounts.stats
        stats.formatVariant = opened.bound.variant
        return stats
    }

    /// The batch loop: two batches, one filled here while the other is normalised on the other thread, then
    /// taken here while the first is normalised. Before handing a batch over, this thread reads the records
    /// of its last rows itself, as many as keep the two threads even (`ReadingShare`), with a reader of its own.
    private func readInBatches<N: RecordNormaliser>(
        _ rows: inout BatchFiller, into normaliser: inout N,
        accounts: inout IngestAccounts, format: BoundFormat
    ) throws {
        let slot = NormalisingSlot(reader: normaliser.reader)
        // Sendable: what the other thread touches is the slot (behind its lock) and the format.
        let readHead: @Sendable () -> Void = { slot.readHead(format: format) }
        let normalising = Parallel.Worker(onCallingThread: normalisesOnThisThread)
        // The other thread holds the slot's batch until it is done.
        defer { normalising.wait() }
        var ownReader = normaliser.reader
        var share = ReadingShare()
        var batch = RowBatch<N.Reader>()
        var more = true
        while more {
            more = try rows.fill(&batch, accounts: &accounts, normaliser: &normaliser)
            batch.readTail(share.rows(of: batch.count), with: &ownReader, format: format)
            share.adjust(normalisingWasDone: normalising.isDone())
            normalising.wait()
            // The batch filled goes to be normalised; the one normalised before (empty the first time) comes back.
            batch = slot.exchange(consume batch)
            normalising.start(readHead)
            try accounts.take(batch, into: &normaliser, format: format)
            batch.reset()
        }
        normalising.wait()
        try accounts.take(slot.exchange(RowBatch()), into: &normaliser, format: format)
    }
}
