import CZlib

/// Deflates everything written into a gzip stream on another sink. `close()` finishes the stream
/// and closes the sink, once; a writer dropped without `close()` releases zlib's state only.
package final class GzipWriter: ByteSink {
    private let sink: ByteSink
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: UnsafeMutableRawBufferPointer
    private var open = true

    /// `level` 1–9; zlib's default 6 is the usual balance of size and speed.
    package init(sink: ByteSink, level: Int32 = 6, bufferSize: Int = 1 << 18) throws {
        self.sink = sink
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(byteCount: bufferSize, alignment: 16)
        // 16 + MAX_WBITS: write a gzip header (mtime 0, so equal input gives equal bytes).
        let code = recon_deflateInit2(stream, level, 16 + MAX_WBITS)
        guard code == Z_OK else {
            let error = ZlibError("deflateInit2", code: code, stream: stream)
            stream.deallocate()
            output.deallocate()
            open = false
            throw error
        }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard open else { throw ZlibError("deflate after close", code: Z_STREAM_ERROR, stream: nil) }
        guard bytes.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    package func close() throws {
        guard open else { return }
        defer {
            deflateEnd(stream)
            open = false
        }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try pump(flush: Z_FINISH)
        try sink.close()
    }

    private func pump(flush: Int32) throws {
        repeat {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let code = deflate(stream, flush)
            guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
                throw ZlibError("deflate", code: code, stream: stream)
            }
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try sink.write(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            if flush == Z_FINISH && code == Z_STREAM_END { return }
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH)
    }

    deinit {
        if open { deflateEnd(stream) }
        stream.deallocate()
        output.deallocate()
    }
}
