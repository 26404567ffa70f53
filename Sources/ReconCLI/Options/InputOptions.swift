import ArgumentParser
import Foundation
import ReconCore

/// What to reconcile: a pipeline file, or inputs and rules named on the command line. Shared by
/// `run`, `explain` and `check`.
struct InputOptions: ParsableArguments {
    @Argument(help: "A pipeline file (YAML). Without one, name the inputs with --orders and --payments.")
    var pipeline: String?

    @Option(help: "An orders export (CSV, or .gz); repeat for several.")
    var orders: [String] = []
    @Option(
        help: ArgumentHelp(
            "Format of the orders exports: canonical (the default), a name from Pipelines/formats, or a path. "
                + "The n-th applies to the n-th --orders; a single one applies to all.",
            valueName: "format"))
    var ordersFormat: [String] = []
    @Option(help: "A payments export; repeat for several.")
    var payments: [String] = []
    @Option(
        help: ArgumentHelp(
            "Format of the payments exports, as for --orders-format: the n-th applies to the n-th "
                + "--payments; a single one applies to all.",
            valueName: "format"))
    var paymentsFormat: [String] = []
    @Option(
        help: ArgumentHelp(
            "The parameters a payments format asks for, NAME=VALUE,… (a card statement's "
                + "card=card:4242,currency=USD), as for --payments-format: the n-th applies to the n-th "
                + "--payments; a single one applies to all.",
            valueName: "params"))
    var paymentsParams: [String] = []
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
    @Option(
        help: "Warn when an input's latest event is more than this many days before the reference date (default 3).")
    var staleAfterDays: Int?
    @Option(help: "List deadlines closing within this many calendar days after the reference date (default 14).")
    var watchDays: Int?
    @Option(help: "Largest share of a source's rows that may be rejected before the run stops (default 0.05).")
    var maxRejectRate: Double?
    @Option(
        help: ArgumentHelp(
            "ECB reference rates (eurofxref-hist.csv layout): refunds in another currency than their case's are "
                + "converted at them.",
            valueName: "path"))
    var fxRates: String?
    @Option(
        help: ArgumentHelp(
            "Share of what a case owes within which a converted refund settles it (default 0.02).",
            valueName: "share"))
    var fxTolerance: String?

    /// The run's configuration: the pipeline file with `--as-of`, `--stale-after-days`, `--watch-days` and the
    /// exchange options, or the options alone; and where it came from.
    func configuration() throws -> (RunConfiguration, String) {
        var config: RunConfiguration
        let origin: String
        if let pipeline {
            try checkNoDirectOption(besides: pipeline)
            config = try PipelineFile.load(path: pipeline)
            origin = pipeline
        } else {
            origin = Self.commandLine
            config = try directConfiguration()
        }
        if let asOf {
            guard let date = CivilDate(iso: asOf) else {
                // Blamed on the command line, where it was given, with or without a pipeline file.
                throw ReconError.configuration(
                    file: Self.commandLine, key: "--as-of",
                    reason: "'\(asOf)' is not a YYYY-MM-DD date")
            }
            config.asOf = date
        }
        if let staleAfterDays {
            try Self.check(staleAfterDays, in: RunConfiguration.staleDayRange, option: "--stale-after-days")
            config.staleAfterDays = staleAfterDays
        }
        if let watchDays {
            try Self.check(watchDays, in: RunConfiguration.watchDayRange, option: "--watch-days")
            config.watchDays = watchDays
        }
        try applyExchange(to: &config)
        return (config, origin)
    }

    /// `--fx-rates` and `--fx-tolerance`, in place of the pipeline file's `fx_rates` and `fx_tolerance`.
    private func applyExchange(to config: inout RunConfiguration) throws {
        if let fxRates {
            guard !fxRates.isEmpty else {
                throw ReconError.configuration(file: Self.commandLine, key: "--fx-rates", reason: "no path given")
            }
            config.fxRates = fxRates
        }
        guard let fxTolerance else { return }
        guard let share = DecimalNumber(parsing: fxTolerance), RunConfiguration.isTolerance(share) else {
            throw ReconError.configuration(
                file: Self.commandLine, key: "--fx-tolerance",
                reason: "'\(fxTolerance)' is not a decimal from 0 to under 1 (e.g. 0.02)")
        }
        config.fxTolerance = share
    }

    /// The origin named in errors about options.
    static let commandLine = "command line"

    /// A pipeline file holds the inputs and rules; only `--as-of`, `--stale-after-days`, `--watch-days`,
    /// `--fx-rates`, `--fx-tolerance` (and the command's own options) may be added.
    private func checkNoDirectOption(besides pipeline: String) throws {
        let given = [
            ("--orders", !orders.isEmpty), ("--orders-format", !ordersFormat.isEmpty),
            ("--payments", !payments.isEmpty), ("--payments-format", !paymentsFormat.isEmpty),
            ("--payments-params", !paymentsParams.isEmpty),
            ("--holidays", holidays != nil),
            ("--timezone", timezone != nil), ("--business-days", businessDays != nil),
            ("--window-days", windowDays != nil), ("--window-rule", !windowRule.isEmpty),
            ("--max-reject-rate", maxRejectRate != nil),
        ]
        if let clash = given.first(where: { $0.1 }) {
            throw ReconError.usage(
                "\(clash.0) cannot be combined with a pipeline file; "
                    + "edit \(pipeline) instead")
        }
    }

    /// The configuration the options give without a pipeline file, validated.
    private func directConfiguration() throws -> RunConfiguration {
        var config = RunConfiguration()
        guard !orders.isEmpty else { throw ReconError.usage("name a pipeline file, or --orders and --payments") }
        config.orders = try Self.sources(orders, "--orders", formats: ordersFormat, "--orders-format")
        config.payments = try Self.sources(payments, "--payments", formats: paymentsFormat, "--payments-format")
        for (i, params) in try Self.paired(paymentsParams, to: payments, "--payments", "--payments-params").enumerated()
        {
            config.payments[i].params = try params.map(Self.parameters(parsing:)) ?? [:]
        }
        config.defaultHolidays = holidays
        try applyRules(to: &config)
        try config.validate(origin: Self.commandLine)
        return config
    }

    /// Each file with its format: the n-th format for the n-th file, a single one for all, none for canonical.
    private static func sources(_ paths: [String], _ option: String, formats: [String], _ formatOption: String)
        throws -> [SourceSpec]
    {
        zip(paths, try paired(formats, to: paths, option, formatOption)).map {
            SourceSpec(path: $0, format: $1 ?? "canonical")
        }
    }

    /// What a per-file option gives each file: the n-th value the n-th file's, a single one every file's, none
    /// nil; any other count of values is a usage error.
    private static func paired(_ values: [String], to paths: [String], _ option: String, _ valueOption: String)
        throws -> [String?]
    {
        switch values.count {
        case 0: return paths.map { _ in nil }
        case 1: return paths.map { _ in values[0] }
        case paths.count: return values
        default:
            throw ReconError.usage(
                "\(valueOption) is given \(values.count) times for \(paths.count) \(option) file"
                    + "\(paths.count == 1 ? "" : "s"): give one for all, or one for each, in the same order")
        }
    }

    /// One `--payments-params`: NAME=VALUE pairs separated by commas.
    private static func parameters(parsing text: String) throws -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parameters[parts[0]] == nil else {
                throw ReconError.configuration(
                    file: commandLine, key: "--payments-params",
                    reason: "'\(text)' is not NAME=VALUE,… with each name once (card=card:4242,currency=USD)")
            }
            parameters[parts[0]] = parts[1]
        }
        return parameters
    }

    /// The time zone, business days, refund windows and reject rate given, each checked against its range.
    private func applyRules(to config: inout RunConfiguration) throws {
        if let timezone {
            guard let zone = Zone(identifier: timezone) else {
                throw ReconError.configuration(
                    file: Self.commandLine, key: "--timezone",
                    reason: "'\(timezone)' is not a time zone")
            }
            config.zone = zone
        }
        if let businessDays {
            try Self.check(businessDays, in: RunConfiguration.businessDayRange, option: "--business-days")
            config.businessDayLimit = businessDays
        }
        if let windowDays {
            try Self.check(windowDays, in: RunConfiguration.windowDayRange, option: "--window-days")
            config.windowDays = windowDays
        }
        config.windowRules = try windowRule.map(Self.windowRule(parsing:))
        if let maxRejectRate {
            guard RunConfiguration.rejectRateRange.contains(maxRejectRate) else {
                throw ReconError.configuration(
                    file: Self.commandLine, key: "--max-reject-rate",
                    reason: "'\(maxRejectRate)' is not from 0 to 1")
            }
            config.maxRejectRate = maxRejectRate
        }
    }

    /// One `--window-rule`: COUNTRY/SELLER_TYPE=DAYS.
    private static func windowRule(parsing text: String) throws -> WindowRule {
        guard let rule = WindowRule(parsing: text) else {
            throw ReconError.configuration(
                file: commandLine, key: "--window-rule",
                reason: "'\(text)' is not COUNTRY/SELLER_TYPE=DAYS (e.g. BR/*=60)")
        }
        try check(rule.days, in: RunConfiguration.windowDayRange, option: "--window-rule \(text)")
        return rule
    }

    /// An option's number must lie in its range (README, Configuration).
    private static func check(_ value: Int, in range: ClosedRange<Int>, option: String) throws {
        guard range.contains(value) else {
            throw ReconError.configuration(
                file: commandLine, key: option,
                reason: "\(value) is not from \(range.lowerBound) to \(range.upperBound)")
        }
    }
}
