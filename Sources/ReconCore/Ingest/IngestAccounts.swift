/// The accounts of one input file: every row read is used, skipped with a reason, or rejected with a row in
/// the rejected file, so that read = used + skipped + rejected.
struct IngestAccounts {
    private(set) var stats: SourceStats
    /// The rejected rows, in file order (after any the caller had already).
    var rejects: [RejectedRow] = []
    private let kind: SourceKind
    private let encoding: TextEncoding

    init(kind: SourceKind, path: String, encoding: TextEncoding) {
        stats = SourceStats(kind: kind.rawValue, path: path)
        self.kind = kind
        self.encoding = encoding
    }

    mutating func countRead() { stats.rowsRead += 1 }

    mutating func skip(_ reason: String) { stats.skipped[reason, default: 0] += 1 }

    mutating func use() { stats.used += 1 }

    /// Lines before the header (`skip_lines`) are read and skipped like any other row.
    mutating func skipLinesBeforeHeader(_ count: Int) {
        guard count > 0 else { return }
        stats.rowsRead += count
        stats.skipped["line before the header"] = count
    }

    /// Rejects the row on `line` as it stood (`raw`, only its start when `cut`).
    mutating func reject(line: Int, raw: some Collection<UInt8>, cut: Bool, column: String, reason: String) {
        stats.rejected += 1
        // Reasons quote the value at fault, and columns are named by the file's header: masked like the raw line.
        let text = encoding.decode(raw)
        rejects.append(
            RejectedRow(
                source: kind.rawValue, file: stats.path, line: line, column: CardMasker.mask(column),
                reason: CardMasker.mask(reason),
                raw: cut ? CardMasker.maskCut(text) + "…[cut]" : CardMasker.mask(text)))
    }

    /// Settles the file's bytes and digest once it is read.
    mutating func finish(bytes: Int, sha256: String) {
        stats.bytes = bytes
        stats.sha256 = sha256
    }

    /// Takes what the normalising thread made of a batch's rows into `normaliser`, in file order, counting
    /// each row; `format` names a rejected column as the file does. Rethrows the batch's failure, if any,
    /// as a `ReconError` naming the line.
    mutating func take<N: RecordNormaliser>(
        _ batch: RowBatch<N.Reader>, into normaliser: inout N,
        format: BoundFormat
    ) throws {
        if let (error, line) = batch.failure {
            if error is ReconError { throw error }
            throw ReconError.unreadable(path: stats.path, line: line, reason: "\(error)")
        }
        normaliser.prefetch(batch.records[...])
        for (step, verdict) in zip(batch.steps, batch.verdicts) {
            switch (step.kind, verdict) {
            case (.skipped(let reason), _), (_, .skipped(let reason)):
                skip(reason)
            case (.rejected(let column, let reason), _), (_, .rejected(let column, let reason)):
                reject(line: step.line, raw: batch.raw(of: step), cut: step.rawCut, column: column, reason: reason)
            case (_, .records(let range, let origins)):
                do {
                    try normaliser.accept(batch.records[range])
                    use()
                } catch let rejection as RowRejection {
                    let column = CanonicalRow.origin(
                        of: rejection.column, kind: format.definition.kind,
                        origins: origins)
                    reject(
                        line: step.line, raw: batch.raw(of: step), cut: step.rawCut, column: column,
                        reason: rejection.reason)
                }
            case (_, .settled):
                preconditionFailure("a row to read was not read")
            }
        }
    }
}
