@testable import ReconCore

/// The text of a gzipped output file, read back through recon's own gzip reader.
func gunzippedText(_ path: String) throws -> String {
    let reader = try GzipReader(source: try InputFile(path: path), name: path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { buffer.deallocate() }
    var bytes: [UInt8] = []
    while case let n = try reader.read(into: buffer), n > 0 { bytes += buffer[..<n] }
    return String(decoding: bytes, as: UTF8.self)
}
