import ArgumentParser
import Foundation
import ReconCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reconciliation: from a pipeline file, or from inputs named on the command line.",
        discussion: """
            recon run Pipelines/sample.yml [--as-of 2026-06-30] [--out reports/sample]
            recon run --orders orders.csv --payments stripe.csv --payments paypal.csv.gz --holidays us.txt --out out/
            """)

    @Argument(help: "A pipeline file (YAML). Without one, name the inputs with --orders and --payments.")
    var pipeline: String?

    @Option(help: "The orders export (canonical CSV, or .gz).")
    var orders: String?
    @Option(help: "Format of the orders export.")
    var ordersFormat: String = "canonical"
    @Option(help: "A payments export; repeat for several.")
    var payments: [String] = []
    @Option(help: "Format of the payments exports.")
    var paymentsFormat: String = "canonical"
    @Option(help: "Holiday file for the business-day calendar (YYYY-MM-DD a line, # comments).")
    var holidays: String?
    @Option(help: "Time zone of the run (IANA name, default UTC).")
    var timezone: String?
    @Option(help: "Business days after approval by which a refund is due (default 20).")
    var businessDays: Int?
    @Option(help: "Reference date YYYY-MM-DD (default: today in the run's time zone).")
    var asOf: String?
    @Option(help: "Days after the order in which a refund may be requested (default 90).")
    var windowDays: Int?
    @Option(help: "COUNTRY/SELLER_TYPE=DAYS, first match wins, * matches any (BR/*=60); repeat for several.")
    var windowRule: [String] = []
    @Option(help: "Largest share of a source's rows that may be rejected before the run stops (default 0.05).")
    var maxRejectRate: Double?
    @Option(help: "Exit with code 3 when any of these flags (comma-separated) is raised.")
    var failOn: String?
    @Option(help: "Link each order in the workbook: a URL template with {order_id}.")
    var orderUrl: String?
    @Option(help: "Output folder (required without a pipeline file).")
    var out: String?

    func run() throws {
        let (config, origin) = try configuration()
        guard let output = out ?? config.output else {
            throw ReconError.usage("recon run: name an output folder with --out")
        }
        let pipeline = Pipeline(configuration: config, origin: origin)
        let (result, summary) = try pipeline.run(output: output)
        RunReport.print(result: result, summary: summary, output: output)
        let raised = config.failOn.filter { (summary.flagCounts[$0] ?? 0) > 0 }
        if !raised.isEmpty {
            Terminal.error("recon: --fail-on: raised \(raised.map(\.rawValue).joined(separator: ", "))")
            throw ExitCode(3)
        }
    }

    /// The run's configuration: the pipeline file with command-line overrides, or the options alone.
    func configuration() throws -> (RunConfiguration, String) {
        var config: RunConfiguration
        let origin: String
        if let pipeline {
            let direct = [("--orders", orders != nil), ("--payments", !payments.isEmpty), ("--holidays", holidays != nil),
                          ("--timezone", timezone != nil), ("--business-days", businessDays != nil),
                          ("--window-days", windowDays != nil), ("--window-rule", !windowRule.isEmpty),
                          ("--max-reject-rate", maxRejectRate != nil)]
            if let clash = direct.first(where: { $0.1 }) {
                throw ReconError.usage("recon run: \(clash.0) cannot be combined with a pipeline file; edit \(pipeline) instead")
            }
            config = try PipelineFile.load(path: pipeline)
            origin = pipeline
        } else {
            origin = "command line"
            config = RunConfiguration()
            guard let orders else { throw ReconError.usage("recon run: name a pipeline file, or --orders and --payments") }
            config.orders = [SourceSpec(path: orders, format: ordersFormat)]
            config.payments = payments.map { SourceSpec(path: $0, format: paymentsFormat) }
            config.defaultHolidays = holidays
            if let timezone {
                guard let zone = Zone(identifier: timezone) else {
                    throw ReconError.configuration(file: origin, key: "--timezone", reason: "'\(timezone)' is not a time zone")
                }
                config.zone = zone
            }
            if let businessDays { config.businessDayLimit = businessDays }
            if let windowDays {
                guard windowDays >= 0 else { throw ReconError.configuration(file: origin, key: "--window-days", reason: "must not be negative") }
                config.windowDays = windowDays
            }
            config.windowRules = try windowRule.map { text in
                guard let rule = WindowRule(parsing: text) else {
                    throw ReconError.configuration(file: origin, key: "--window-rule",
                                                   reason: "'\(text)' is not COUNTRY/SELLER_TYPE=DAYS (e.g. BR/*=60)")
                }
                return rule
            }
            if let maxRejectRate { config.maxRejectRate = maxRejectRate }
            try config.validate(origin: origin)
        }
        if let asOf {
            guard let date = CivilDate(iso: asOf) else {
                throw ReconError.configuration(file: origin, key: "--as-of", reason: "'\(asOf)' is not a YYYY-MM-DD date")
            }
            config.asOf = date
        }
        if let orderUrl {
            guard let link = OrderLink(template: orderUrl) else {
                throw ReconError.configuration(file: origin, key: "--order-url",
                                               reason: "'\(orderUrl)' must start with https:// and contain {order_id}")
            }
            config.orderLink = link
        }
        if let failOn {
            config.failOn = try failOn.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let flag = Flag(rawValue: trimmed) else {
                    throw ReconError.configuration(file: origin, key: "--fail-on",
                                                   reason: "'\(trimmed)' is not a flag (\(Flag.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return flag
            }
        }
        return (config, origin)
    }
}
