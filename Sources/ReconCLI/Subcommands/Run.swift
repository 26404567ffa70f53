import ArgumentParser
import Foundation
import Logging
import ReconCore

struct Run: ReconCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reconciliation: from a pipeline file, or from inputs named on the command line.",
        discussion: """
            recon run Pipelines/sample.yml [--as-of 2026-06-30] [--out reports/sample]
            recon run --orders orders.csv --payments stripe.csv --payments paypal.csv.gz --holidays us.txt --out out/
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "Link each order in the workbook: a URL template with {order_id}.")
    var orderUrl: String?
    @Flag(help: "Leave customer names, e-mail addresses' local parts and rejected rows' text out of every output.")
    var redactPersonalData = false
    @Option(
        help: ArgumentHelp(
            "Exit with code 3 when any of these flags (comma-separated) is raised, or when the watchlist "
                + "lists a deadline of a kind named here. Repeats: the lists are joined.",
            valueName: "flags"))
    var failOn: [FlagList] = []
    @Option(help: "Output folder (required without a pipeline file).")
    var out: String?
    @OptionGroup var logging: LogOptions

    func run(console: Console) throws {
        let logger = logging.logger(console: console)
        var (config, origin) = try inputs.configuration()
        if let orderUrl {
            guard let link = OrderLink(template: orderUrl) else {
                throw ReconError.configuration(
                    file: InputOptions.commandLine, key: "--order-url",
                    reason:
                        "'\(orderUrl)' must start with https://, contain {order_id} and hold only printable ASCII (percent-encode the rest)"
                )
            }
            config.orderLink = link
        }
        if redactPersonalData { config.redactPersonalData = true }
        if let failOn = FlagList.joined(failOn) {
            (config.failOn, config.failOnWatch) = (failOn.flags, failOn.watchKinds)
        }
        guard let output = out ?? config.output else {
            throw ReconError.usage("name an output folder with --out")
        }
        let progress = StageProgress(logger: logger, options: logging, console: console)
        let (result, summary) = try Pipeline(configuration: config, origin: origin, observer: progress).run(
            output: output)
        if let warning = summary.changes.warning { logger.warning("\(warning)") }
        if let note = result.followUpNote { logger.warning("\(note)") }
        for warning in result.stats.compactMap(\.freshnessWarning) { logger.warning("\(warning)") }
        if !logging.quiet { RunReport.print(result: result, summary: summary, output: output, to: console) }
        let alerts = FailOnAlert.alerts(
            failOn: config.failOn, failOnWatch: config.failOnWatch, summary: summary,
            report: RunReport.workbookPath(output: output))
        if !alerts.isEmpty {
            for alert in alerts { alert.log(to: logger, json: logging.logFormat == .json) }
            throw ExitCode(3)
        }
    }
}
