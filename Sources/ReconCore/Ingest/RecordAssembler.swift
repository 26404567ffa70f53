/// Reads one record byte by byte, for the lines the plain-line scan leaves (quotes, a lone CR, NUL bytes,
/// overlong fields or records): RFC 4180's states, each byte's field bytes kept within the limits, a copy of
/// the record as it stood (at most `maxRawBytes`), and the record's first problem.
struct RecordAssembler {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturn }

    /// What to do after a byte.
    enum Step {
        /// Hand over the next byte.
        case next
        /// Hand over the same byte again: it ended a state and starts the next.
        case again
        /// The record has ended (at a line end).
        case ended
    }

    /// The byte between fields (a comma unless the file says otherwise).
    let delimiter: UInt8
    let maxFieldBytes: Int
    let maxRecordBytes: Int
    let maxRawBytes: Int
    private var state = State.fieldStart
    /// Where the current field starts in the record's data.
    private var fieldStart = 0
    /// Line ends met, inside quotes or ending the record.
    private(set) var newlines = 0

    init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int, maxRecordBytes: Int, maxRawBytes: Int) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxRawBytes = maxRawBytes
    }

    /// Takes byte `c` of `record` (which `CSVRecord.reset` emptied before its first byte).
    mutating func take(_ c: UInt8, into record: inout CSVRecord) -> Step {
        if record.rawCopy.count < maxRawBytes { record.rawCopy.append(c) } else { record.rawCut = true }
        switch state {
        case .fieldStart, .unquoted: return takeUnquoted(c, into: &record)
        case .quoted: return takeQuoted(c, into: &record)
        case .quoteInQuoted: return takeAfterQuote(c, into: &record)
        case .carriageReturn: return takeAfterCarriageReturn(c, into: &record)
        }
    }

    /// Ends the record at the end of input, which came without a final line end.
    mutating func endOfInput(_ record: inout CSVRecord) {
        switch state {
        case .quoted: flag("file ends inside a quoted field (unbalanced quote)", in: &record)
        case .carriageReturn: dropFromRaw(1, &record)
        default: break
        }
        endField(&record)
    }

    private mutating func takeUnquoted(_ c: UInt8, into record: inout CSVRecord) -> Step {
        switch c {
        case delimiter:
            endField(&record)
            state = .fieldStart
        case UInt8(ascii: "\n"):
            newlines += 1
            endField(&record)
            dropFromRaw(1, &record)
            return .ended
        case UInt8(ascii: "\r"):
            state = .carriageReturn
        case UInt8(ascii: "\"") where state == .fieldStart:
            state = .quoted
        case 32 where state == .fieldStart:
            break
        default:
            keep(c, in: &record)
            state = .unquoted
        }
        return .next
    }

    private mutating func takeQuoted(_ c: UInt8, into record: inout CSVRecord) -> Step {
        if c == UInt8(ascii: "\"") {
            state = .quoteInQuoted
        } else {
            if c == UInt8(ascii: "\n") { newlines += 1 }
            keep(c, in: &record)
        }
        return .next
    }

    /// After a quote inside a quoted field: an escaped quote, or the field's end.
    private mutating func takeAfterQuote(_ c: UInt8, into record: inout CSVRecord) -> Step {
        switch c {
        case UInt8(ascii: "\""):
            keep(c, in: &record)
            state = .quoted
        case 32:
            break
        case delimiter, UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            // The quoted field has ended: a separator is handled as after any field.
            dropFromRaw(1, &record)
            state = .unquoted
            return .again
        default:
            flag("text after the closing quote of a quoted field", in: &record)
            keep(c, in: &record)
            state = .unquoted
        }
        return .next
    }

    private mutating func takeAfterCarriageReturn(_ c: UInt8, into record: inout CSVRecord) -> Step {
        if c == UInt8(ascii: "\n") {
            newlines += 1
            endField(&record)
            dropFromRaw(2, &record)
            return .ended
        }
        // A lone CR is data; `c` is taken again as part of an unquoted field.
        keep(UInt8(ascii: "\r"), in: &record)
        dropFromRaw(1, &record)
        state = .unquoted
        return .again
    }

    private mutating func endField(_ record: inout CSVRecord) {
        record.fieldRanges.append(fieldStart..<record.data.count)
        fieldStart = record.data.count
    }

    /// Records the record's first problem, in the current field.
    private func flag(_ reason: String, in record: inout CSVRecord) {
        if record.problem == nil { record.problem = (record.fieldRanges.count, reason) }
    }

    /// Keeps a byte of the current field unless a limit is passed.
    private func keep(_ c: UInt8, in record: inout CSVRecord) {
        if c == 0 { flag("NUL byte in the field", in: &record) }
        if record.data.count - fieldStart >= maxFieldBytes {
            flag("field is longer than \(maxFieldBytes) bytes", in: &record)
        } else if record.data.count >= maxRecordBytes {
            flag("record is longer than \(maxRecordBytes) bytes; is a quote left open?", in: &record)
        } else {
            record.data.append(c)
        }
    }

    /// Drops the line end from the raw copy, unless the copy was already cut short.
    private func dropFromRaw(_ count: Int, _ record: inout CSVRecord) {
        if !record.rawCut { record.rawCopy.removeLast(min(count, record.rawCopy.count)) }
    }
}
