import CSV
import Foundation

/// yaslab/CSV.swift, streaming from an InputStream.
func readWithCSVSwift(_ path: String) throws -> (records: Int, fields: Int) {
    guard let stream = InputStream(fileAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
    let reader = try CSVReader(stream: stream)
    var records = 0, fields = 0
    while let row = reader.next() {
        records += 1
        fields += row.count
    }
    return (records, fields)
}
