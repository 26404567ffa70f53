import ArgumentParser
import Foundation
import ReconCore

struct Check: ReconCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline before a nightly run: formats, input headers and rows, calendars, output folder.",
        discussion: """
            Reads each input's header and first 1,000 rows, and reports every problem at once. Exit code 0 when \
            all is well, otherwise the code the run would stop with (1 inputs or output, 2 configuration).
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "The output folder the run will write (default: the pipeline's).")
    var out: String?

    func run(console: Console) throws {
        let (config, origin) = try inputs.configuration()
        let findings = PipelineCheck(configuration: config, origin: origin).run(output: out ?? config.output)
        for finding in findings {
            console.print(
                (finding.exitCode == nil ? "ok       " : "PROBLEM  ") + TerminalText.safeLines(finding.message))
        }
        let problems = findings.compactMap(\.exitCode)
        console.print(
            TerminalText.safe(
                problems.isEmpty
                    ? "check: \(origin) is ready to run"
                    : "check: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(origin)"))
        if let worst = problems.max() { throw ExitCode(worst) }
    }
}
