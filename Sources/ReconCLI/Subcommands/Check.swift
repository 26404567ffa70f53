import ArgumentParser
import Foundation
import ReconCore

struct Check: ReconCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline before a nightly run: formats, input headers and rows, calendars, output folder.",
        discussion: """
            Reads each input's header and first 1,000 rows, and reports every problem at once; reads the rest of \
            each input for its latest event, and warns when that is more than stale_after_days before as of. \
            Exit code 0 when all is well (warnings included), otherwise the code the run would stop with \
            (1 inputs or output, 2 configuration).
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "The output folder the run will write (default: the pipeline's).")
    var out: String?

    func run(console: Console) throws {
        let (config, origin) = try inputs.configuration()
        let findings = PipelineCheck(configuration: config, origin: origin).run(output: out ?? config.output)
        for finding in findings {
            let status = finding.exitCode != nil ? "PROBLEM  " : finding.isWarning ? "WARNING  " : "ok       "
            console.print(status + TerminalText.safeLines(finding.message))
        }
        let problems = findings.compactMap(\.exitCode)
        let warnings = findings.filter(\.isWarning).count
        let warned = warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"
        console.print(
            TerminalText.safe(
                problems.isEmpty
                    ? "check: \(origin) is ready to run\(warned)"
                    : "check: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(origin)\(warned)"))
        if let worst = problems.max() { throw ExitCode(worst) }
    }
}
