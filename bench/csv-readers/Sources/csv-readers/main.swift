import Foundation

// Usage: csv-readers FILE. Prints MB/s for each reader and its time relative to recon's.
let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "bench/data/100000/payments.csv"
let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
let readers: [(String, (String) throws -> (records: Int, fields: Int))] = [
    ("bytes only (floor)", readBytesOnly), ("bytes + SHA-256 (InputFile)", readBytesHashed), ("recon CSVReader", readWithRecon),
    ("yaslab/CSV.swift 2.5.2", readWithCSVSwift), ("swiftcsv/SwiftCSV 0.10.0", readWithSwiftCSV),
]
var reconSeconds = 0.0
print("csv-readers: \(path), \(Int(size / 1e6)) MB")
for (name, read) in readers {
    let clock = ContinuousClock()
    let start = clock.now
    let (records, fields) = try read(path)
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    if name.hasPrefix("recon") { reconSeconds = seconds }
    let relative = reconSeconds > 0 ? String(format: "%.2f× recon's time", seconds / reconSeconds) : ""
    let label = name.padding(toLength: 28, withPad: " ", startingAt: 0)
    print("  \(label)" + String(format: "%7.2f s %8.1f MB/s %9d records %10d fields  ", seconds, size / 1e6 / seconds, records, fields)
          + relative)
}
