import ArgumentParser
import Foundation
import Logging
import ReconCore

package struct Recon: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "recon",
        abstract: "Reconciles refunds against the payments they reverse, and flags what is late, wrong or missing.",
        discussion: """
            Exit codes: 0 the run completed (whatever it flagged); 1 an input or output problem stopped it; \
            2 a usage or configuration error; 3 a flag named by --fail-on was raised.
            """,
        version: ReconVersion.current,
        subcommands: [Run.self, Explain.self, Check.self, Generate.self])

    package init() {}

    /// Maps every way out onto SPEC's exit codes: argument errors are usage errors (2), not 64.
    package static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitForArgumentParser(error)
        }
        do {
            try command.run()
        } catch let error as ReconError {
            report(error.description, for: command)
            Foundation.exit(error.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch where exitCode(for: error) == .success {
            // `--help` and `recon help run` parse into the parser's own help command, whose run throws the request.
            exitForArgumentParser(error)
        } catch {
            report("\(error)", for: command)
            Foundation.exit(1)
        }
    }

    /// Help and version requests print to standard output and exit 0; every other parser error is a usage
    /// error (2) on standard error.
    private static func exitForArgumentParser(_ error: Error) -> Never {
        if exitCode(for: error) == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        // The message may quote an argument: each line made safe to print.
        let message = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.safe(String($0)) }.joined(separator: "\n")
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(2)
    }

    /// Errors go out in the command's log format (a JSON line for `--log-format json`), or as plain text;
    /// either way made safe to print.
    private static func report(_ message: String, for command: ParsableCommand) {
        if command is LoggingCommand {
            Logger(label: "recon").error("\(message)")
        } else {
            FileHandle.standardError.write(Data(("recon: " + TerminalText.safe(message) + "\n").utf8))
        }
    }
}

/// A command that sets up logging before it can fail, so its errors are logged in its format.
protocol LoggingCommand {}
