/// One CSV record: its unescaped fields, its raw text and the physical line it starts on.
public struct CSVRecord: Sendable {
    /// Physical line where the record starts (the header is line 1; newlines inside quotes count).
    public internal(set) var line: Int = 0
    /// The unescaped bytes of the fields; `fieldRanges` says where each lies (what is between them is not data).
    var data: [UInt8] = []
    /// Where each field lies in `data`.
    var fieldRanges: [Range<Int>] = []
    /// The record as it stood in the file, without its line end (only its start when `rawCut`).
    public var raw: [UInt8] { rawIsData ? data : rawCopy }
    /// What the byte-by-byte reader kept of the record as it stood.
    var rawCopy: [UInt8] = []
    /// A plain line (no quotes) is its own data, separators and all: no copy is kept.
    var rawIsData = false
    /// The record was longer than the reader keeps for the rejected file.
    public internal(set) var rawCut = false
    /// A quoting problem found while reading: the 0-based field and what was wrong.
    package internal(set) var problem: (field: Int, reason: String)? = nil

    public init() {}

    public var fieldCount: Int { fieldRanges.count }

    /// Whether every byte of the fields is ASCII (below 0x80), read eight bytes at a time.
    var isASCII: Bool {
        data.withUnsafeBytes { bytes in
            var highBits: UInt64 = 0
            var i = 0
            while i + 8 <= bytes.count {
                highBits |= bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < bytes.count {
                highBits |= UInt64(bytes[i])
                i += 1
            }
            return highBits & 0x8080_8080_8080_8080 == 0
        }
    }

    /// A line with nothing on it.
    package var isBlank: Bool { raw.isEmpty || raw.allSatisfy { $0 == 32 || $0 == 9 } }

    public func field(_ index: Int) -> String {
        String(decoding: data[fieldRanges[index]], as: UTF8.self)
    }

    public var rawText: String { String(decoding: raw, as: UTF8.self) + (rawCut ? "…[cut]" : "") }

    /// Makes this the record of a plain line (no quotes): `bytes` is the line without its end, separators
    /// and all, and each field ends at the next of `fieldEnds`. Written in place: lines of a file mostly
    /// have as many fields as the one before, so the field ranges are overwritten rather than rebuilt.
    mutating func setPlainLine(line: Int, bytes: UnsafeRawBufferPointer, fieldEnds: UnsafeBufferPointer<Int32>) {
        start(line: line)
        data.append(contentsOf: bytes)
        rawIsData = true
        if fieldRanges.count != fieldEnds.count {
            fieldRanges.removeAll(keepingCapacity: true)
            fieldRanges.append(contentsOf: repeatElement(0..<0, count: fieldEnds.count))
        }
        fieldRanges.withUnsafeMutableBufferPointer { ranges in
            var start = 0
            for (k, end) in fieldEnds.enumerated() {
                ranges[k] = start..<Int(end)
                start = Int(end) + 1
            }
        }
    }

    mutating func reset(line: Int) {
        start(line: line)
        fieldRanges.removeAll(keepingCapacity: true)
        rawIsData = false
    }

    /// Empties what every record refills (all but the field ranges, which a plain line may overwrite).
    private mutating func start(line: Int) {
        self.line = line
        data.removeAll(keepingCapacity: true)
        if !rawCopy.isEmpty { rawCopy.removeAll(keepingCapacity: true) }
        rawCut = false
        problem = nil
    }
}
