import Foundation
import SwiftCSV

/// swiftcsv/SwiftCSV: loads the whole file as a String, then enumerates rows.
func readWithSwiftCSV(_ path: String) throws -> (records: Int, fields: Int) {
    let csv = try SwiftCSV.CSV<Enumerated>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
    var records = 1, fields = csv.header.count
    try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { row in
        records += 1
        fields += row.count
    }
    return (records, fields)
}
