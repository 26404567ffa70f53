import ReconCore

/// Bytes from memory, handed out a few at a time so that readers meet every buffer boundary.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private let chunk: Int

    init(_ text: String, chunk: Int = 3) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    init(bytes: [UInt8], chunk: Int = 4096) {
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

/// Collects what is written, for checking writers.
final class MemorySink: ByteSink {
    private(set) var bytes: [UInt8] = []
    private(set) var closed = 0

    func write(_ data: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: data) }
    func close() throws { closed += 1 }
}
