/// A streaming RFC 4180 reader over bytes: quoted fields with embedded commas, quotes and newlines,
/// CRLF or LF line ends, a leading UTF-8 BOM skipped. Spaces before an opening quote and after a closing
/// one are dropped (older PayPal files write `"Date", "Time"`); values are trimmed downstream anyway. Quoting it cannot make sense of is recorded
/// on the record (`problem`) rather than guessed at silently.
public final class CSVReader {
    private let source: ByteSource
    private let name: String
    private var buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var line = 1
    private var startedFile = false
    /// A record longer than this stops the read: no real export has one, and memory stays bounded.
    public let maxRecordBytes: Int

    public init(source: ByteSource, name: String, bufferSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20) {
        self.source = source
        self.name = name
        self.maxRecordBytes = maxRecordBytes
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturn }

    /// Reads the next record into `record`; false at the end of input.
    public func next(into record: inout CSVRecord) throws -> Bool {
        if !startedFile {
            startedFile = true
            try skipByteOrderMark()
        }
        guard let first = try nextByte() else { return false }
        record.reset(line: line)
        var state = State.fieldStart
        var fieldStart = 0
        var byte: UInt8? = first

        func endField() {
            record.fieldRanges.append(fieldStart..<record.data.count)
            fieldStart = record.data.count
        }

        while let c = byte {
            record.raw.append(c)
            if record.raw.count > maxRecordBytes {
                throw ReconError.unreadable(path: name, line: record.line,
                                            reason: "record is longer than \(maxRecordBytes) bytes; is a quote left open?")
            }
            switch state {
            case .fieldStart, .unquoted:
                switch c {
                case UInt8(ascii: ","):
                    endField(); state = .fieldStart
                case UInt8(ascii: "\n"):
                    line += 1
                    endField(); record.raw.removeLast(); return true
                case UInt8(ascii: "\r"):
                    state = .carriageReturn
                case UInt8(ascii: "\"") where state == .fieldStart:
                    state = .quoted
                case 32 where state == .fieldStart:
                    break
                default:
                    record.data.append(c); state = .unquoted
                }
            case .quoted:
                if c == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    record.data.append(c)
                }
            case .quoteInQuoted:
                switch c {
                case UInt8(ascii: "\""):
                    record.data.append(c); state = .quoted
                case 32:
                    break
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    // The quoted field has ended: a separator is handled as after any field.
                    record.raw.removeLast()
                    state = .unquoted
                    continue
                default:
                    if record.problem == nil {
                        record.problem = (record.fieldRanges.count, "text after the closing quote of a quoted field")
                    }
                    record.data.append(c); state = .unquoted
                }
            case .carriageReturn:
                if c == UInt8(ascii: "\n") {
                    line += 1
                    endField(); record.raw.removeLast(2); return true
                }
                // A lone CR is data.
                record.data.append(UInt8(ascii: "\r"))
                record.raw.removeLast()
                state = .unquoted
                continue  // reprocess `c` as part of an unquoted field
            }
            byte = try nextByte()
        }
        // End of input without a final line end.
        switch state {
        case .quoted:
            record.problem = (record.fieldRanges.count, "file ends inside a quoted field (unbalanced quote)")
        case .carriageReturn:
            record.raw.removeLast()
        default: break
        }
        endField()
        return true
    }

    private func nextByte() throws -> UInt8? {
        if position == filled {
            guard try refill() else { return nil }
        }
        let b = buffer[position]
        position += 1
        return b
    }

    private func refill() throws -> Bool {
        if atEnd { return false }
        position = 0
        filled = try source.read(into: buffer)
        if filled == 0 { atEnd = true }
        return filled > 0
    }

    private func skipByteOrderMark() throws {
        guard try refill() else { return }
        // A read may return fewer than three bytes; top up so the check is exact.
        while filled < 3 {
            let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if more == 0 { break }
            filled += more
        }
        if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
    }
}
