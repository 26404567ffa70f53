import ArgumentParser
import Foundation
import ReconCore

@main
struct Recon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recon",
        abstract: "Reconciles refunds against the payments they reverse, and flags what is late, wrong or missing.",
        discussion: """
            Exit codes: 0 the run completed (whatever it flagged); 1 an input or output problem stopped it; \
            2 a usage or configuration error; 3 a flag named by --fail-on was raised.
            """,
        version: ReconVersion.current,
        subcommands: [Run.self])

    /// Maps every way out onto SPEC's exit codes: argument errors are usage errors (2), not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ReconError {
            Terminal.error("recon: \(error)")
            Foundation.exit(error.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
