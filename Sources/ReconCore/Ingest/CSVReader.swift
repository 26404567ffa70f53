import CCSVScan
import Glibc

/// A streaming RFC 4180 reader over bytes: quoted fields with embedded delimiters, quotes and newlines,
/// CRLF or LF line ends, a leading UTF-8 BOM skipped. Fields are separated by `delimiter` (a comma unless
/// set, or detected from the header line by `detectDelimiter()`). Spaces before an opening quote and after
/// a closing one are dropped (older PayPal files write `"Date", "Time"`); values are trimmed downstream anyway.
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
    /// The delimiter of the lines read from now on.
    public var delimiter = Delimiter.comma
    /// A longer field or record is a problem of its record (the rest of it is read and dropped); only the
    /// first `maxRawBytes` of a record are kept for the rejected file.
    public let maxFieldBytes: Int
    public let maxRecordBytes: Int
    public let maxRawBytes: Int

    public init(
        source: ByteSource, name: String, bufferSize: Int = 1 << 20, maxFieldBytes: Int = 1 << 20,
        maxRecordBytes: Int = 8 << 20, maxRawBytes: Int = 64 << 10
    ) {
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

    /// Reads the next record into `record`; false at the end of input.
    public func next(into record: inout CSVRecord) throws -> Bool {
        try startFile()
        if readPlainLine(into: &record) { return true }
        guard let first = try nextByte() else { return false }
        record.reset(line: line)
        var assembler = RecordAssembler(
            delimiter: delimiter.byte, maxFieldBytes: maxFieldBytes, maxRecordBytes: maxRecordBytes,
            maxRawBytes: maxRawBytes)
        var byte: UInt8? = first
        while let c = byte {
            switch assembler.take(c, into: &record) {
            case .next: byte = try nextByte()
            case .again: continue
            case .ended:
                line += assembler.newlines
                return true
            }
        }
        // End of input without a final line end.
        assembler.endOfInput(&record)
        line += assembler.newlines
        return true
    }

    /// Sets `delimiter` from the next line (the header, or the first row of a file without one), read ahead
    /// and left to be read: the candidate that splits it into the most fields (`Delimiter.detect`). A line
    /// longer than the buffer is judged by the part that fits.
    public func detectDelimiter() throws {
        try startFile()
        while true {
            let found = Delimiter.detect(in: UnsafeRawBufferPointer(rebasing: buffer[position..<filled]))
            if try found.complete || !readMore() {
                delimiter = found.delimiter
                return
            }
        }
    }

    private func startFile() throws {
        guard !startedFile else { return }
        startedFile = true
        try skipByteOrderMark()
    }

    /// Moves the bytes not yet read to the buffer's start and reads more after them; false at the end of
    /// input or when the buffer is full.
    private func readMore() throws -> Bool {
        guard !atEnd, let base = buffer.baseAddress else { return false }
        if position > 0 {
            memmove(base, base + position, filled - position)
            filled -= position
            position = 0
        }
        guard filled < buffer.count else { return false }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        if count == 0 { atEnd = true }
        filled += count
        return count > 0
    }

    /// The common case, taken in bulk: a whole line already in the buffer with no quotes, CR (other than
    /// before the LF), NUL or leading spaces, and within every limit, split by a C scan of 16 bytes a step.
    /// Anything else is left, untouched, to the byte-by-byte reader, which gives the same record for such a line.
    private func readPlainLine(into record: inout CSVRecord) -> Bool {
        guard position < filled, let base = buffer.baseAddress,
            let found = memchr(base + position, 10, filled - position)
        else { return false }
        let newline = base.distance(to: found)
        let bytes = UnsafeRawBufferPointer(start: base + position, count: newline - position)
        var end = bytes.count
        if end > 0 && bytes[end - 1] == 13 { end -= 1 }
        guard end <= maxRawBytes && end <= maxRecordBytes else { return false }
        let count = recon_csv_plain_fields(
            (base + position).assumingMemoryBound(to: UInt8.self), end, delimiter.byte, maxFieldBytes,
            fieldEnds, Self.plainFieldLimit)
        guard count >= 0 else { return false }
        record.setPlainLine(
            line: line, bytes: UnsafeRawBufferPointer(rebasing: bytes[..<end]),
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
