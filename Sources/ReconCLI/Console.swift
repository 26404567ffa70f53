import Foundation

/// Where a command writes: the process's standard output and standard error, or, in tests, a capture.
/// Commands get one from `Recon.run(_:console:)` rather than printing themselves, so that a test can run
/// them in-process and read what they said.
package struct Console: Sendable {
    /// Writes text to standard output as it is.
    let writeOut: @Sendable (String) -> Void
    /// Writes text to standard error as it is.
    let writeError: @Sendable (String) -> Void
    /// Whether standard error is a terminal, where a run's stages show as live lines.
    let errorIsTerminal: Bool
    /// The width help text is wrapped to; nil for the terminal's (80 when there is none).
    let columns: Int?

    package init(
        writeOut: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
        errorIsTerminal: Bool, columns: Int?
    ) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.errorIsTerminal = errorIsTerminal
        self.columns = columns
    }

    /// The process's own streams.
    package static var standard: Console {
        Console(
            writeOut: { Swift.print($0, terminator: "") },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            errorIsTerminal: isatty(STDERR_FILENO) == 1, columns: nil)
    }

    /// A line on standard output.
    func print(_ line: String) { writeOut(line + "\n") }

    /// A line on standard error.
    func printError(_ line: String) { writeError(line + "\n") }
}
