import Foundation

/// Where a row came from, for explanations and errors. Every order and payment keeps one, so it is eight
/// bytes: the file by its number in a process-wide list of input paths, and the line.
public struct RowSource: Sendable, Hashable {
    private let fileNumber: UInt32
    /// Lines past 4,294,967,295 (a file of hundreds of gigabytes) are shown as that number.
    private let lineNumber: UInt32

    public init(file: String, line: Int) {
        self.init(fileNumber: InputPaths.number(of: file), line: line)
    }

    /// For a file already numbered by `InputPaths.number(of:)`, without the lookup.
    init(fileNumber: UInt32, line: Int) {
        self.fileNumber = fileNumber
        lineNumber = UInt32(clamping: line)
    }

    public var file: String { InputPaths.path(number: fileNumber) }
    public var line: Int { Int(lineNumber) }
}

/// Every input path this process has read, numbered in the order first seen.
enum InputPaths {
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        var numbers: [String: UInt32] = [:]
    }
    private static let table = Table()

    static func number(of path: String) -> UInt32 {
        table.lock.withLock {
            if let n = table.numbers[path] { return n }
            let n = UInt32(table.paths.count)
            table.paths.append(path)
            table.numbers[path] = n
            return n
        }
    }

    static func path(number: UInt32) -> String {
        table.lock.withLock { table.paths[Int(number)] }
    }
}
