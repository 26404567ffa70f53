import Foundation
import ReconCore

/// recon's own reader: bytes in, fields as byte ranges, a String only when asked for.
func readWithRecon(_ path: String) throws -> (records: Int, fields: Int) {
    let reader = CSVReader(source: try InputFile(path: path), name: path)
    var record = CSVRecord()
    var records = 0, fields = 0
    while try reader.next(into: &record) {
        records += 1
        fields += record.fieldCount
    }
    return (records, fields)
}

/// A floor: the file's bytes through recon's InputFile, which hashes them (SHA-256) for the manifest.
func readBytesHashed(_ path: String) throws -> (records: Int, fields: Int) {
    let file = try InputFile(path: path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var newlines = 0
    while true {
        let n = try file.read(into: buffer)
        if n == 0 { break }
        for i in 0..<n where buffer[i] == 10 { newlines += 1 }
    }
    return (newlines, 0)
}

/// The floor: the file's bytes and nothing else, read as InputFile reads them (1 MiB at a time) but not hashed.
func readBytesOnly(_ path: String) throws -> (records: Int, fields: Int) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CocoaError(.fileNoSuchFile) }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var newlines = 0
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n <= 0 { break }
        for i in 0..<n where buffer[i] == 10 { newlines += 1 }
    }
    return (newlines, 0)
}
