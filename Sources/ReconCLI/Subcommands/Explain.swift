import ArgumentParser
import Foundation
import ReconCore

struct Explain: ReconCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how recon saw one order or payment: its rows, matching, clock and flags.",
        discussion: """
            Takes the same inputs as run and writes nothing:
            recon explain SO-1003 Pipelines/sample.yml
            recon explain RF-1005 --orders orders.csv --payments payments.csv --as-of 2026-06-30
            """)

    @Argument(help: "An order id or a payment id (any case; a leading # may be left out).")
    var id: String
    @OptionGroup var inputs: InputOptions
    @OptionGroup var logging: LogOptions

    func run(console: Console) throws {
        let logger = logging.logger(console: console)
        let (config, origin) = try inputs.configuration()
        let result = try Pipeline(
            configuration: config, origin: origin,
            observer: StageProgress(logger: logger, options: logging, console: console)
        )
        .reconcile(keepEveryRecord: true)
        let explainer = Explainer(result: result)
        guard let lines = explainer.explain(id) else {
            let closest = explainer.closestIds(to: id)
            throw ReconError.usage(
                "no order or payment has the id '\(id)', whatever its case or a leading '#' (as of \(result.facts.asOf))"
                    + (closest.isEmpty
                        ? "" : "; the closest: " + closest.map { "'\($0)'" }.joined(separator: ", ")))
        }
        console.print(TerminalText.safe("As of \(result.facts.asOf), pipeline \(result.facts.pipeline)"))
        console.print(lines.joined(separator: "\n"))
    }
}
