/// The header line: how its delimiter is chosen, how it is read (or, for a format that lists the columns,
/// not), and what a header that lacks columns is told.
extension SourceIngest {
    /// Sets the reader's delimiter (the format's, or detected from the next line) and reads the header line
    /// into `record`, unless the format lists the columns: then the next line is the first row.
    func readHeaderLine(_ reader: CSVReader, into record: inout CSVRecord) throws {
        if let delimiter = format.delimiter { reader.delimiter = delimiter } else { try reader.detectDelimiter() }
        guard format.headerNames == nil else { return }
        guard try reader.next(into: &record) else {
            throw ReconError.unreadable(
                path: path, line: 1 + format.skipLines, reason: "file is empty; expected a header line")
        }
    }

    /// `error`, from binding the format to a header that lacks columns, made to say how the header line
    /// was split and at which other delimiter, if any, the line has every column; for a format that lists
    /// the columns itself (`header:`), a configuration error of that list.
    func headerMismatch(_ error: ReconError, headerLine: [UInt8], delimiter: Delimiter) -> ReconError {
        switch error {
        case .formatMismatch(_, let definition, _, let missing) where format.headerNames != nil:
            return .configuration(
                file: definition, key: "header",
                reason: "lists no column for \(missing.joined(separator: ", "))")
        case .missingColumns, .formatMismatch:
            let fitting = Delimiter.candidates.first { candidate in
                candidate != delimiter
                    && (try? BoundFormat(
                        definition: format, header: Self.names(of: headerLine, delimiter: candidate, format.encoding),
                        path: path, fileNumber: 0, parameters: parameters, origin: origin)) != nil
            }
            return .headerSplit(error, delimiter: delimiter, fitting: fitting)
        default:
            return error
        }
    }

    /// The names of a header line (as it stood, without its line end) split at `delimiter`.
    static func names(of line: [UInt8], delimiter: Delimiter, _ encoding: TextEncoding) -> [String] {
        var record = CSVRecord()
        record.reset(line: 1)
        var assembler = RecordAssembler(
            delimiter: delimiter.byte, maxFieldBytes: line.count + 1, maxRecordBytes: line.count + 1,
            maxRawBytes: line.count + 1)
        for byte in line {
            while assembler.take(byte, into: &record) == .again {}
        }
        assembler.endOfInput(&record)
        return record.fieldRanges.map { encoding.decode(record.data[$0]) }
    }
}
