import Testing

@testable import ReconCore

@Suite struct GzipTests {
    func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try GzipWriter(sink: sink)
        try writer.write(bytes)
        try writer.close()
        #expect(sink.closed == 1)
        return sink.bytes
    }

    func inflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let reader = try GzipReader(source: MemorySource(bytes: bytes, chunk: 7), name: "t.gz")
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 100)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    @Test func roundTrip() throws {
        let text = Array((0..<5000).map { "row \($0),\($0 * 7)\n" }.joined().utf8)
        let compressed = try compress(text)
        #expect(compressed.starts(with: [0x1f, 0x8b]))
        #expect(compressed.count < text.count / 2)
        #expect(try inflate(compressed) == text)
    }

    @Test func sameInputGivesSameBytes() throws {
        let text = Array("a,b\n1,2\n".utf8)
        #expect(try compress(text) == compress(text))
    }

    @Test func concatenatedMembersReadAsOne() throws {
        let joined = try compress(Array("first\n".utf8)) + compress(Array("second\n".utf8))
        #expect(try inflate(joined) == Array("first\nsecond\n".utf8))
    }

    /// Zero bytes after the last member are padding (`gzip -d` ignores them too), read across the 7-byte chunks.
    @Test func zeroPaddingAfterTheDataIsIgnored() throws {
        let compressed = try compress(Array("first\n".utf8))
        #expect(try inflate(compressed + [UInt8](repeating: 0, count: 512)) == Array("first\n".utf8))
    }

    /// Anything else after the data is refused, naming the byte where it starts: 5 bytes of text, or zeros and
    /// then text (at the first byte that is not zero).
    @Test func trailingBytesThatAreNotGzipAreAnError() throws {
        let compressed = try compress(Array("first\n".utf8))
        #expect(throws: GzipReader.TrailingData(offset: compressed.count)) {
            _ = try inflate(compressed + Array("oops\n".utf8))
        }
        #expect(throws: GzipReader.TrailingData(offset: compressed.count + 20)) {
            _ = try inflate(compressed + [UInt8](repeating: 0, count: 20) + Array("oops\n".utf8))
        }
    }

    @Test func truncatedStreamIsAnError() throws {
        let compressed = try compress(Array(String(repeating: "abc,", count: 2000).utf8))
        #expect(throws: GzipReader.Truncated.self) { _ = try inflate(Array(compressed.prefix(compressed.count - 10))) }
    }

    @Test func notGzipIsAnError() throws {
        #expect(
            throws: ReconError.unreadable(
                path: "t.gz", line: 1,
                reason: "not gzip data, though the name ends in .gz (zlib: incorrect header check)")
        ) {
            _ = try inflate(Array("order_id,total\nA,1\n".utf8))
        }
    }

    /// 5,000 gzip members of a megabyte of zeros each: 5 GB from a few megabytes. Refused early.
    @Test func gzipBombIsRefusedBeforeItInflates() throws {
        let member = try compress([UInt8](repeating: 0, count: 1 << 20))
        var bomb: [UInt8] = []
        for _ in 0..<5000 { bomb += member }
        let reader = try GzipReader(source: MemorySource(bytes: bomb, chunk: 1 << 16), name: "bomb.csv.gz")
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var inflated = 0
        #expect(throws: GzipReader.Bomb.self) {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if n == 0 { break }
                inflated += n
            }
        }
        #expect(inflated < 100 << 20)
    }
}
