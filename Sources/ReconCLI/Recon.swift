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

    /// Runs the process's arguments and exits with the code `run(_:console:)` gives.
    package static func main() {
        Foundation.exit(run(Array(CommandLine.arguments.dropFirst()), console: .standard))
    }

    /// Parses and runs `arguments` (without the program's name), writing to `console`, and maps every way
    /// out onto SPEC's exit codes: argument errors are usage errors (2), not 64.
    package static func run(_ arguments: [String], console: Console) -> Int32 {
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return exitForArgumentParser(error, console)
        }
        do {
            if let command = command as? ReconCommand {
                try command.run(console: console)
            } else {
                var parserCommand = command
                try parserCommand.run()
            }
            return 0
        } catch let error as ReconError {
            report(error.description, for: command, console)
            return error.exitCode
        } catch let code as ExitCode {
            return code.rawValue
        } catch  where exitCode(for: error) == .success {
            // `--help` and `recon help run` parse into the parser's own help command, whose run throws the request.
            return exitForArgumentParser(error, console)
        } catch {
            report("\(error)", for: command, console)
            return 1
        }
    }

    /// Help and version requests print to standard output and exit 0; every other parser error is a usage
    /// error (2) on standard error.
    private static func exitForArgumentParser(_ error: Error, _ console: Console) -> Int32 {
        let message = fullMessage(for: error, columns: console.columns)
        if exitCode(for: error) == .success {
            console.print(message)
            return 0
        }
        // The message may quote an argument: each line made safe to print.
        console.printError(TerminalText.safeLines(message))
        return 2
    }

    /// Errors go out in the command's log format (a JSON line for `--log-format json`), or as plain text;
    /// either way made safe to print.
    private static func report(_ message: String, for command: ParsableCommand, _ console: Console) {
        if let command = command as? LoggingCommand {
            command.logging.logger(console: console).error("\(message)")
        } else {
            console.printError("recon: " + TerminalText.safeLines(message))
        }
    }
}

/// A recon subcommand: it writes through the console it is given, so that it can run in-process.
protocol ReconCommand: ParsableCommand {
    func run(console: Console) throws
}

extension ReconCommand {
    func run() throws { try run(console: .standard) }
}

/// A command that logs (text or JSON lines, as its options say), so its errors are logged in its format.
protocol LoggingCommand {
    var logging: LogOptions { get }
}
