import Foundation

/// A whole run: ingest and normalise every source, match, cases and flags, report.
public struct Pipeline {
    public let configuration: RunConfiguration
    /// Where the configuration came from, for errors (a pipeline file, or "command line").
    public let origin: String

    public init(configuration: RunConfiguration, origin: String) {
        self.configuration = configuration
        self.origin = origin
    }

    /// What the stages produced before any output is written.
    public struct Result {
        public var facts: RunFacts
        public var orders: [Order]
        public var ordersById: [String: Int]
        public var payments: [Payment]
        public var paymentsById: [String: Int]
        public var stats: [SourceStats]
        public var rejected: [RejectedRow]
        public var reconciliation: Reconciliation
        public var timer: StageTimer
    }

    /// Reads and reconciles; writes nothing. Stops on unreadable inputs and on too many rejects.
    public func reconcile(today: Date = Date()) throws -> Result {
        let config = configuration
        let asOf = config.asOf ?? Instant(seconds: Int64(today.timeIntervalSince1970.rounded(.down))).date(in: config.zone)
        var holidayDigests: [String: String] = [:]
        func calendar(_ path: String?, name: String) throws -> BusinessCalendar {
            guard let path else { return BusinessCalendar(name: name, weekend: config.weekend) }
            let dates = try HolidayFile.load(path: path)
            holidayDigests[path] = SHA256.hex(of: Array(dates.map(\.description).joined(separator: "\n").utf8))
            return BusinessCalendar(name: name, weekend: config.weekend, holidays: dates)
        }
        var rules = ReconRules(asOf: asOf, defaultCalendar: try calendar(config.defaultHolidays, name: "default"))
        for (country, path) in config.countryHolidays { rules.countryCalendars[country] = try calendar(path, name: country) }
        rules.businessDayLimit = config.businessDayLimit
        rules.windowDays = config.windowDays
        rules.windowRules = config.windowRules

        var timer = StageTimer()
        var rejected: [RejectedRow] = []
        var stats: [SourceStats] = []
        func context(_ spec: SourceSpec) -> NormaliseContext {
            NormaliseContext(sourceZone: spec.zone ?? config.zone, pipelineZone: config.zone, asOf: asOf)
        }

        var orders = OrdersNormaliser(context: context(config.orders[0]))
        try timer.measure("ingest_orders") {
            for spec in config.orders {
                orders.use(context: context(spec))
                var s = try SourceIngest(kind: "orders", path: spec.path, required: OrdersNormaliser.required)
                    .run(rejects: &rejected) { try orders.normalise($0) }
                s.ignoredAfterAsOf = orders.takeIgnoredAfterAsOf()
                stats.append(s)
            }
        }
        var payments = PaymentsNormaliser(context: context(config.payments[0]))
        try timer.measure("ingest_payments") {
            for spec in config.payments {
                payments.use(context: context(spec))
                stats.append(try SourceIngest(kind: "payments", path: spec.path, required: PaymentsNormaliser.required)
                    .run(rejects: &rejected) { try payments.normalise($0) })
            }
        }
        for s in stats where s.rejectRate > config.maxRejectRate {
            throw ReconError.tooManyRejects(source: s.kind, path: s.path, rejected: s.rejected, rows: s.rowsRead,
                                            limit: config.maxRejectRate)
        }
        rejected.sort(by: RejectedRow.ordered)

        let reconciliation = Reconciler.run(orders: orders.orders, ordersById: orders.indexById,
                                            payments: payments.payments, paymentsById: payments.indexById,
                                            rules: rules, timer: &timer)
        let facts = RunFacts(pipeline: config.pipelineName, asOf: asOf, zone: config.zone,
                             configurationDigest: config.digest(holidayDigests: holidayDigests))
        return Result(facts: facts, orders: orders.orders, ordersById: orders.indexById, payments: payments.payments,
                      paymentsById: payments.indexById, stats: stats, rejected: rejected,
                      reconciliation: reconciliation, timer: timer)
    }

    /// Reconciles and writes every output into `output`, all or nothing.
    public func run(output: String, today: Date = Date()) throws -> (result: Result, summary: RunSummary) {
        var result = try reconcile(today: today)
        var writer = ReportWriter()
        writer.gzipLevel = configuration.gzipLevel
        let summary = try writer.write(ReportWriter.Input(
            reconciliation: result.reconciliation, rejected: result.rejected, stats: result.stats, orders: result.orders,
            ordersById: result.ordersById, facts: result.facts), to: output, timer: &result.timer)
        return (result, summary)
    }
}
