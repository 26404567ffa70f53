import CCSVScan
import Glibc

/// A streaming RFC 4180 reader over bytes: quoted fields with embedded commas, quotes and newlines,
/// CRLF or LF line ends, a leading UTF-8 BOM skipped. Spaces before an opening quote and after a closing
/// one are dropped (older PayPal files write `"Date", "Time"`); values are trimmed downstream anyway.
/// What it cannot make sense of (stray quotes, NUL bytes, overlong fields) is recorded on the record as
/// its `problem`, never guessed at, and memory stays bounded whatever the input.
public final class CSVReader {
    private let source: ByteSource
    private let name: String
    private var buffer: UnsafeMutableRawBufferPointer
    /// Where each field of a plain line ends, as `recon_csv_plain_fields` finds them.
    private let fieldEnds = UnsafeMutablePointer<Int32>.allocate(capacity: plainFieldLimit)
    /// A line with more fields than this is left to the byte-by-byte reader.
    private static let plainFieldLimit = 4096
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var line = 1
    private var startedFile = false
    /// A longer field or record is a problem of its record (the rest of it is read and dropped); only the
    /// first `maxRawBytes` of a record are kept for the rejected file.
    public let maxFieldBytes: Int
    public let maxRecordBytes: Int
    public let maxRawBytes: Int

    public init(source: ByteSource, name: String, bufferSize: Int = 1 << 20, maxFieldBytes: Int = 1 << 20,
                maxRecordBytes: Int = 8 << 20, maxRawBytes: Int = 64 << 10) {
        self.source = source
        self.name = name
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxRawBytes = maxRawBytes
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        fieldEnds.deallocate()
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, carriageReturn }

    /// Reads the next record into `record`; false at the end of input.
    public func next(into record: inout CSVRecord) throws -> Bool {
        if !startedFile {
            startedFile = true
            try skipByteOrderMark()
        }
        if readPlainLine(into: &record) { return true }
        guard let first = try nextByte() else { return false }
        record.reset(line: line)
        var state = State.fieldStart
        var fieldStart = 0
        var byte: UInt8? = first

        func endField() {
            record.fieldRanges.append(fieldStart..<record.data.count)
            fieldStart = record.data.count
        }
        func flag(_ reason: String) {
            if record.problem == nil { record.problem = (record.fieldRanges.count, reason) }
        }
        /// Keeps a byte of the current field unless a limit is passed.
        func keep(_ c: UInt8) {
            if c == 0 { flag("NUL byte in the field") }
            if record.data.count - fieldStart >= maxFieldBytes {
                flag("field is longer than \(maxFieldBytes) bytes")
            } else if record.data.count >= maxRecordBytes {
                flag("record is longer than \(maxRecordBytes) bytes; is a quote left open?")
            } else {
                record.data.append(c)
            }
        }
        /// Drops the line end from the raw copy, unless the copy was already cut short.
        func dropFromRaw(_ count: Int) {
            if !record.rawCut { record.rawCopy.removeLast(min(count, record.rawCopy.count)) }
        }

        while let c = byte {
            if record.rawCopy.count < maxRawBytes { record.rawCopy.append(c) } else { record.rawCut = true }
            switch state {
            case .fieldStart, .unquoted:
                switch c {
                case UInt8(ascii: ","):
                    endField(); state = .fieldStart
                case UInt8(ascii: "\n"):
                    line += 1
                    endField(); dropFromRaw(1); return true
                case UInt8(ascii: "\r"):
                    state = .carriageReturn
                case UInt8(ascii: "\"") where state == .fieldStart:
                    state = .quoted
                case 32 where state == .fieldStart:
                    break
                default:
                    keep(c); state = .unquoted
                }
            case .quoted:
                if c == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    keep(c)
                }
            case .quoteInQuoted:
                switch c {
                case UInt8(ascii: "\""):
                    keep(c); state = .quoted
                case 32:
                    break
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    // The quoted field has ended: a separator is handled as after any field.
                    dropFromRaw(1)
                    state = .unquoted
                    continue
                default:
                    flag("text after the closing quote of a quoted field")
                    keep(c); state = .unquoted
                }
            case .carriageReturn:
                if c == UInt8(ascii: "\n") {
                    line += 1
                    endField(); dropFromRaw(2); return true
                }
                // A lone CR is data.
                keep(UInt8(ascii: "\r"))
                dropFromRaw(1)
                state = .unquoted
                continue  // reprocess `c` as part of an unquoted field
            }
            byte = try nextByte()
        }
        // End of input without a final line end.
        switch state {
        case .quoted:
            flag("file ends inside a quoted field (unbalanced quote)")
        case .carriageReturn:
            dropFromRaw(1)
        default: break
        }
        endField()
        return true
    }

    /// The common case, taken in bulk: a whole line already in the buffer with no quotes, CR (other than
    /// before the LF), NUL or leading spaces, and within every limit, split by a C scan of 16 bytes a step. Anything else is left, untouched, to
    /// the byte-by-byte reader, which gives the same record for such a line.
    private func readPlainLine(into record: inout CSVRecord) -> Bool {
        guard position < filled, let base = buffer.baseAddress,
              let found = memchr(base + position, 10, filled - position) else { return false }
        let newline = base.distance(to: found)
        let bytes = UnsafeRawBufferPointer(start: base + position, count: newline - position)
        var end = bytes.count
        if end > 0 && bytes[end - 1] == 13 { end -= 1 }
        guard end <= maxRawBytes && end <= maxRecordBytes else { return false }
        let count = recon_csv_plain_fields((base + position).assumingMemoryBound(to: UInt8.self), end, maxFieldBytes,
                                           fieldEnds, Self.plainFieldLimit)
        guard count >= 0 else { return false }
        record.setPlainLine(line: line, bytes: UnsafeRawBufferPointer(rebasing: bytes[..<end]),
                            fieldEnds: UnsafeBufferPointer(start: fieldEnds, count: count))
        self.line += 1
        position = newline + 1
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
