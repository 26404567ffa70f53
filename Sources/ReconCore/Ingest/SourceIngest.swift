/// Why a row cannot be used: the canonical column at fault (empty for the whole row) and the reason.
public struct RowRejection: Error, Sendable {
    public var column: String
    public var reason: String
    public init(_ column: String, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// What a normaliser did with a row it could read.
public enum RowOutcome: Sendable {
    case used
    case skipped(reason: String)
}

/// Opens one input (through gzip when it ends in `.gz`), maps its header, and feeds each record to a
/// normaliser while keeping the accounts: every row is used, skipped with a reason, or rejected.
public struct SourceIngest {
    public let kind: String
    public let path: String
    public let required: [String]

    public init(kind: String, path: String, required: [String]) {
        self.kind = kind
        self.path = path
        self.required = required
    }

    /// The record and the header map it is read through.
    public struct Row {
        public let record: CSVRecord
        public let header: HeaderMap
        public let path: String

        public var source: RowSource { RowSource(file: path, line: record.line) }

        /// The trimmed value of `column`, or nil when the column is absent or the value is empty.
        public func value(_ column: String) -> String? {
            guard let i = header.position(of: column) else { return nil }
            let v = record.field(i).trimmingSpaces()
            return v.isEmpty ? nil : String(v)
        }

        /// The trimmed value of a required column, rejecting the row when it is empty.
        public func required(_ column: String) throws -> String {
            guard let v = value(column) else { throw RowRejection(column, "required value is empty") }
            return v
        }
    }

    public func run(rejects: inout [RejectedRow], normalise: (Row) throws -> RowOutcome) throws -> SourceStats {
        var stats = SourceStats(kind: kind, path: path)
        let file = try InputFile(path: path)
        let source: ByteSource = path.hasSuffix(".gz") ? try GzipReader(source: file, name: path) : file
        let reader = CSVReader(source: source, name: path)
        var record = CSVRecord()
        do {
            guard try reader.next(into: &record) else {
                throw ReconError.unreadable(path: path, line: 1, reason: "file is empty; expected a header line")
            }
            let header = try HeaderMap(header: record, path: path, required: required)
            while try reader.next(into: &record) {
                stats.rowsRead += 1
                if record.isBlank && record.fieldCount <= 1 {
                    stats.skipped["blank line", default: 0] += 1
                    continue
                }
                do {
                    if record.fieldCount != header.count {
                        throw RowRejection("", "expected \(header.count) fields as in the header, found \(record.fieldCount)")
                    }
                    if let problem = record.problem {
                        throw RowRejection(header.names[min(problem.field, header.count - 1)], problem.reason)
                    }
                    switch try normalise(Row(record: record, header: header, path: path)) {
                    case .used: stats.used += 1
                    case .skipped(let reason): stats.skipped[reason, default: 0] += 1
                    }
                } catch let rejection as RowRejection {
                    stats.rejected += 1
                    rejects.append(RejectedRow(source: kind, file: path, line: record.line, column: rejection.column,
                                               reason: rejection.reason, raw: CardMasker.mask(record.rawText)))
                }
            }
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
