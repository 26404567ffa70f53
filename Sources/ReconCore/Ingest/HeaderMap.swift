/// Where each canonical column stands in a file's header, matched case-insensitively after trimming.
public struct HeaderMap: Sendable {
    public let names: [String]
    private var index: [String: Int] = [:]

    /// Fails when the header names a column twice or lacks a required one.
    public init(header: CSVRecord, path: String, required: [String]) throws {
        var names: [String] = []
        for i in 0..<header.fieldCount {
            let name = String(header.field(i).trimmingSpaces()).lowercased()
            names.append(name)
            if name.isEmpty { continue }
            if index[name] != nil { throw ReconError.duplicateColumn(path: path, column: name) }
            index[name] = i
        }
        self.names = names
        for column in required where index[column] == nil {
            throw ReconError.missingColumn(path: path, column: column)
        }
    }

    public func position(of column: String) -> Int? { index[column] }

    public var count: Int { names.count }
}
