/// Where a row came from, for explanations and errors. Every order and payment keeps one, so it is six
/// bytes: the line, and the file by its number in a process-wide list of input paths.
public struct RowSource: Sendable, Hashable {
    /// Lines past 4,294,967,295 (a file of hundreds of gigabytes) are shown as that number.
    private let lineNumber: UInt32
    private let fileNumber: UInt16

    /// Every input path this process has read, numbered in the order first seen.
    static let paths = TextNumbering()

    public init(file: String, line: Int) {
        self.init(fileNumber: Self.number(of: file), line: line)
    }

    /// The number `paths` gives `file`; a run reads at most 65,535 files.
    static func number(of file: String) -> UInt16 {
        let number = paths.number(of: file)
        precondition(number <= UInt16.max, "more than 65,535 input files in one process")
        return UInt16(number)
    }

    /// For a file already numbered by `paths`, without the lookup.
    init(fileNumber: UInt16, line: Int) {
        self.fileNumber = fileNumber
        lineNumber = UInt32(clamping: line)
    }

    public var file: String { Self.paths.text(UInt32(fileNumber)) }
    public var line: Int { Int(lineNumber) }
}
