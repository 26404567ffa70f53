/// Where a row came from, for explanations and errors. Every order and payment keeps one, so it is eight
/// bytes: the file by its number in a process-wide list of input paths, and the line.
public struct RowSource: Sendable, Hashable {
    private let fileNumber: UInt32
    /// Lines past 4,294,967,295 (a file of hundreds of gigabytes) are shown as that number.
    private let lineNumber: UInt32

    /// Every input path this process has read, numbered in the order first seen.
    static let paths = TextNumbering()

    public init(file: String, line: Int) {
        self.init(fileNumber: Self.paths.number(of: file), line: line)
    }

    /// For a file already numbered by `paths`, without the lookup.
    init(fileNumber: UInt32, line: Int) {
        self.fileNumber = fileNumber
        lineNumber = UInt32(clamping: line)
    }

    public var file: String { Self.paths.text(fileNumber) }
    public var line: Int { Int(lineNumber) }
}
