import CZlib

/// Inflates a gzip stream (concatenated members included) from another byte source.
package final class GzipReader: ByteSource {
    private let source: ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: UnsafeMutableRawBufferPointer
    private var sourceEnded = false
    private var finished = false
    private var open = true
    /// What to call the stream in errors.
    private let name: String
    /// A stream that inflates more than `maxRatio` times its size (past `ratioFloor` bytes) is refused:
    /// CSV exports compress 5–20 times; deflate cannot pass about 1,030, which is what a bomb does.
    package var maxRatio = 250
    package var ratioFloor = 64 << 20
    private var compressedBytes = 0
    private var inflatedBytes = 0

    package init(source: ByteSource, name: String, bufferSize: Int = 1 << 18) throws {
        self.source = source
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: bufferSize, alignment: 16)
        // 16 + MAX_WBITS: expect a gzip header.
        let code = recon_inflateInit2(stream, 16 + MAX_WBITS)
        guard code == Z_OK else {
            let error = ZlibError("inflateInit2", code: code, stream: stream)
            stream.deallocate()
            input.deallocate()
            open = false
            throw error
        }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(buffer.count)
        while stream.pointee.avail_out > 0 {
            try refillInput()
            if stream.pointee.avail_in == 0 && sourceEnded {
                let produced = buffer.count - Int(stream.pointee.avail_out)
                if produced > 0 { return produced }
                throw GzipReader.Truncated(name: name)
            }
            let code = inflate(stream, Z_NO_FLUSH)
            if code == Z_STREAM_END {
                // Another gzip member may follow; if nothing but zero padding follows, the stream is complete.
                if try onlyZeroPaddingFollows() {
                    finished = true
                    break
                }
                let reset = inflateReset(stream)
                guard reset == Z_OK else { throw ZlibError("inflateReset", code: reset, stream: stream) }
            } else if code == Z_DATA_ERROR && inflatedBytes == 0 && buffer.count == Int(stream.pointee.avail_out) {
                throw ReconError.unreadable(
                    path: name, line: 1,
                    reason: "not gzip data, though the name ends in .gz "
                        + "(zlib: \(ZlibError("inflate", code: code, stream: stream).message))")
            } else if code != Z_OK && !(code == Z_BUF_ERROR && stream.pointee.avail_in == 0) {
                throw ZlibError("inflate of \(name)", code: code, stream: stream)
            }
        }
        let produced = buffer.count - Int(stream.pointee.avail_out)
        inflatedBytes += produced
        if inflatedBytes > ratioFloor && inflatedBytes / max(compressedBytes, 1) > maxRatio {
            throw Bomb(name: name, compressed: compressedBytes, inflated: inflatedBytes)
        }
        return produced
    }

    /// The stream inflates far beyond what any CSV export does.
    package struct Bomb: Error, CustomStringConvertible {
        package let name: String
        package let compressed: Int
        package let inflated: Int
        package var description: String {
            "\(name): gzip stream inflates more than 250 times its size (\(compressed) bytes to over \(inflated)); refused as a gzip bomb"
        }
    }

    /// After a member's end: whether only zero bytes follow (the padding that tape and block tools add, which
    /// `gzip -d` ignores too), skipping them. Throws `TrailingData` when anything but another member follows.
    private func onlyZeroPaddingFollows() throws -> Bool {
        var zeros = 0
        while true {
            try refillInput()
            let available = Int(stream.pointee.avail_in)
            guard available > 0, let next = stream.pointee.next_in else { return true }
            var skipped = 0
            while skipped < available && next[skipped] == 0 { skipped += 1 }
            stream.pointee.next_in = next + skipped
            stream.pointee.avail_in = UInt32(available - skipped)
            zeros += skipped
            guard skipped == available else { break }
        }
        let offset = compressedBytes - Int(stream.pointee.avail_in)
        if zeros > 0 || stream.pointee.next_in.pointee != 0x1f { throw TrailingData(offset: offset) }
        return false
    }

    /// Bytes after the end of the gzip data that are neither zero padding nor another gzip member.
    package struct TrailingData: Error, Equatable, CustomStringConvertible {
        /// Where those bytes start in the compressed file.
        package let offset: Int
        package var description: String {
            "the bytes from byte \(offset) on follow the end of its gzip data and are not gzip "
                + "(a damaged download, or a file appended to); refused rather than read in part"
        }
    }

    /// Reads more compressed input once zlib has used all it had.
    private func refillInput() throws {
        guard stream.pointee.avail_in == 0 && !sourceEnded else { return }
        let n = try source.read(into: input)
        if n == 0 { sourceEnded = true }
        compressedBytes += n
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
    }

    /// The gzip stream ended before its end marker.
    package struct Truncated: Error, CustomStringConvertible {
        package let name: String
        package var description: String { "\(name): gzip stream is truncated" }
    }

    deinit {
        if open { inflateEnd(stream) }
        stream.deallocate()
        input.deallocate()
    }
}
