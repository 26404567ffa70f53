/// What the reading thread makes of one record before any value of it is read.
enum RowClass: Equatable {
    /// Counted as skipped: a blank line or a repeated header.
    case skipped(String)
    /// Rejected as it stands: a wrong field count, a quoting problem, bytes not valid in the encoding.
    case rejected(column: String, reason: String)
    /// An ASCII row of the built-in canonical format: its values are read from the record's bytes.
    case canonical
    /// A row decoded to text, to be mapped through the format.
    case decoded([String])
}

/// Sorts each record of one file into blank, repeated header, rejected as it stands, or data, with one
/// logic for every encoding: a canonical file's ASCII rows (the usual case) skip the decoding to text and
/// are read from their bytes later, as they would be read from the decoded text.
struct RowClassifier {
    /// The file's header names, as decoded.
    let header: [String]
    let decoder: RecordDecoder
    let repeatedHeader: RepeatedHeader
    /// Whether ASCII rows may be kept as bytes (`BoundFormat.directColumns` is set).
    let readsBytes: Bool

    init(header: [String], encoding: TextEncoding, readsBytes: Bool) {
        self.header = header
        decoder = RecordDecoder(encoding: encoding)
        repeatedHeader = RepeatedHeader(header)
        self.readsBytes = readsBytes
    }

    func classify(_ record: CSVRecord) -> RowClass {
        if record.isBlank && record.fieldCount <= 1 { return .skipped("blank line") }
        if record.fieldCount != header.count {
            return .rejected(
                column: "",
                reason: "expected \(header.count) fields as in the header, found \(record.fieldCount)")
        }
        if let problem = record.problem { return .rejected(column: columnName(problem.field), reason: problem.reason) }
        if readsBytes, record.isASCII {
            // ASCII is valid UTF-8 in every encoding: the bytes are the text.
            return repeatedHeader.matches(record) ? .skipped(RepeatedHeader.reason) : .canonical
        }
        switch decoder.decode(record) {
        case .invalid(let field):
            return .rejected(
                column: columnName(field),
                reason: "not valid UTF-8; if the file is Windows-1252, give its format encoding: "
                    + "windows-1252 or auto")
        case .fields(let fields):
            return repeatedHeader.matches(fields) ? .skipped(RepeatedHeader.reason) : .decoded(fields)
        }
    }

    /// A column as the file's header names it, for a reject.
    private func columnName(_ field: Int) -> String { header[field].trimmingSpaces().description }
}

/// Turns a record's fields into text in the file's encoding.
struct RecordDecoder {
    let encoding: TextEncoding

    enum Decoded: Equatable {
        case fields([String])
        /// The first field (0-based) whose bytes are not valid in the encoding (only UTF-8 can fail).
        case invalid(field: Int)
    }

    func decode(_ record: CSVRecord) -> Decoded {
        record.data.withUnsafeBufferPointer { data in
            var fields: [String] = []
            fields.reserveCapacity(record.fieldCount)
            for (i, range) in record.fieldRanges.enumerated() {
                // Declared UTF-8 must be UTF-8: a replacement character would silently change an id or a name.
                guard let text = encoding.decodeStrictly(UnsafeBufferPointer(rebasing: data[range])) else {
                    return .invalid(field: i)
                }
                fields.append(text)
            }
            return .fields(fields)
        }
    }
}

/// Recognises the header line written again further down (exports joined end to end): every field equal
/// to the header's name in that place, in any case and with spaces or tabs around it. A record of the
/// right field count is what it is asked about.
struct RepeatedHeader {
    static let reason = "repeated header line"
    /// Each header name trimmed and lowercased, as text and as UTF-8.
    private let names: [String]
    private let nameBytes: [[UInt8]]
    /// The first header name's length as it stands (untrimmed): a row whose first field differs in length
    /// is told apart at once, as nearly every row is.
    private let firstLength: Int

    init(_ header: [String]) {
        names = header.map { $0.trimmingSpaces().lowercased() }
        nameBytes = names.map { Array($0.utf8) }
        firstLength = header.first?.utf8.count ?? 0
    }

    /// For a record's fields as they stand in its bytes.
    func matches(_ record: CSVRecord) -> Bool {
        guard record.fieldRanges[0].count == firstLength else { return false }
        return record.data.withUnsafeBufferPointer { data in
            record.fieldRanges.indices.allSatisfy { i in
                isName(i, UnsafeBufferPointer(rebasing: data[record.fieldRanges[i]]))
            }
        }
    }

    /// For fields decoded to text.
    func matches(_ fields: [String]) -> Bool {
        guard fields[0].utf8.count == firstLength else { return false }
        return fields.indices.allSatisfy { i in
            var field = fields[i]
            return field.withUTF8 { isName(i, $0) }
        }
    }

    /// Whether `field` (UTF-8) is header name `i` once trimmed and lowercased: ASCII byte by byte, other
    /// text as `String.lowercased()` lowercases it.
    private func isName(_ i: Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var (start, end) = (0, field.count)
        while start < end, field[start] == 32 || field[start] == 9 { start += 1 }
        while start < end, field[end - 1] == 32 || field[end - 1] == 9 { end -= 1 }
        let value = UnsafeBufferPointer(rebasing: field[start..<end])
        guard value.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: value, as: UTF8.self).lowercased() == names[i]
        }
        let expected = nameBytes[i]
        guard value.count == expected.count else { return false }
        return zip(value, expected).allSatisfy { byte, name in (byte >= 65 && byte <= 90 ? byte + 32 : byte) == name }
    }
}
