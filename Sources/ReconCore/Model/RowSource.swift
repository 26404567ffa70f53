/// Where a row came from, for explanations and errors. Every order and payment keeps one, so it is six
/// bytes: the line, and the file by its number in the run's `RunTexts` (which gives its path back).
package struct RowSource: Sendable, Hashable {
    /// Lines past 4,294,967,295 (a file of hundreds of gigabytes) are shown as that number.
    private let lineNumber: UInt32
    let fileNumber: UInt16

    /// For a file numbered by `RunTexts.fileNumber(of:)`.
    init(fileNumber: UInt16, line: Int) {
        self.fileNumber = fileNumber
        lineNumber = UInt32(clamping: line)
    }

    package var line: Int { Int(lineNumber) }
}

/// A row's file and line, as an error names them (a `RowSource` with its path looked up).
public struct InputLine: Sendable, Equatable {
    public var file: String
    public var line: Int
}
