import Foundation

/// A whole run: ingest and normalise every source, match, cases and flags, report.
public struct Pipeline {
    public let configuration: RunConfiguration
    /// Where the configuration came from, for errors (a pipeline file, or "command line").
    public let origin: String

    /// Hears stage starts, progress and ends.
    public weak var observer: RunObserver?

    public init(configuration: RunConfiguration, origin: String, observer: RunObserver? = nil) {
        self.configuration = configuration
        self.origin = origin
        self.observer = observer
    }

    /// What the stages produced before any output is written.
    public struct Result {
        public var facts: RunFacts
        public var orders: [Order]
        /// The refunds and the charges they reverse, or every payment when the run keeps them all.
        public var payments: [Payment] { reconciliation.payments }
        public var stats: [SourceStats]
        public var rejected: [RejectedRow]
        public var reconciliation: Reconciliation
        public var rules: ReconRules
        public var timer: StageTimer

    }

    /// Reads and reconciles; writes nothing. Stops on unreadable inputs and on too many rejects. The charges
    /// that no refund reverses are let go after matching unless `keepEveryPayment` (as `explain` needs).
    public func reconcile(today: Date = Date(), keepEveryPayment: Bool = false) throws -> Result {
        let config = configuration
        let asOf = config.asOf(today: today)
        var holidayDigests: [String: String] = [:]
        func calendar(_ path: String?, name: String) throws -> BusinessCalendar {
            guard let path else { return BusinessCalendar(name: name, weekend: config.weekend) }
            let dates = try HolidayFile.load(path: path)
            holidayDigests[path] = SHA256.hex(of: Array(dates.map(\.description).joined(separator: "\n").utf8))
            return try BusinessCalendar(name: name, weekend: config.weekend, holidays: dates, file: path)
        }
        var rules = ReconRules(asOf: asOf, defaultCalendar: try calendar(config.defaultHolidays, name: "default"))
        for (country, path) in config.countryHolidays { rules.countryCalendars[country] = try calendar(path, name: country) }
        rules.zone = config.zone
        rules.businessDayLimit = config.businessDayLimit
        rules.windowDays = config.windowDays
        rules.windowRules = config.windowRules

        // Every format is found and read before any input, so a configuration error stops the run early.
        let formats = try (config.orders.map { ($0, SourceKind.orders) } + config.payments.map { ($0, SourceKind.payments) })
            .map { spec, kind in
                (spec, kind, try FormatLoader.load(spec.format, kind: kind, searchFolders: config.formatSearchPath, origin: origin))
            }
        func ingest(_ spec: SourceSpec, _ kind: SourceKind, _ format: FormatDefinition) -> SourceIngest {
            var ingest = SourceIngest(spec: spec, kind: kind, format: format, origin: origin)
            ingest.observer = observer
            ingest.stage = "ingest_\(kind.rawValue)"
            return ingest
        }

        // Orders are read first, so that each payment holds its order's position instead of the id (16 bytes
        // less in each of millions of payments); each source sets its own context, starting from the
        // pipeline's.
        let pipelineContext = NormaliseContext(sourceZone: config.zone, pipelineZone: config.zone, asOf: asOf)
        var orders = OrdersNormaliser(context: pipelineContext)
        var timer = StageTimer(observer: observer)
        var stats: [SourceStats] = []
        var rejected: [RejectedRow] = []
        /// Reads every source of `kind` into `normaliser`; `finish` adds what the normaliser kept per file.
        /// Stops when a source rejected too many rows, before the next kind is read.
        func read<N: RecordNormaliser>(_ kind: SourceKind, into normaliser: inout N, use: (inout N, NormaliseContext) -> Void,
                                       finish: (inout N, inout SourceStats) -> Void = { _, _ in }) throws {
            for (spec, specKind, format) in formats where specKind == kind {
                stats.append(try timer.measure("ingest_\(kind.rawValue)", rows: \.rowsRead) {
                    use(&normaliser, config.context(for: spec, format: format, asOf: asOf))
                    var s = try ingest(spec, kind, format).run(&normaliser, rejects: &rejected)
                    finish(&normaliser, &s)
                    return s
                })
            }
            for s in stats where s.kind == kind.rawValue && s.rejectRate > config.maxRejectRate {
                throw ReconError.tooManyRejects(RejectStop(
                    source: s.kind, path: s.path, rejected: s.rejected, rows: s.rowsRead, limit: config.maxRejectRate,
                    rejectedRows: rejected.sorted(by: RejectedRow.ordered)))
            }
        }
        try read(.orders, into: &orders, use: { $0.use(context: $1) },
                 finish: { normaliser, s in s.ignoredAfterAsOf = normaliser.takeIgnoredAfterAsOf() })
        let ordersById = orders.takeIndexById()
        let orderRecords = ordersById.records
        var payments = PaymentsNormaliser(context: pipelineContext, ordersById: consume ordersById)
        try read(.payments, into: &payments, use: { $0.use(context: $1) })
        // Nothing finds an order by id from here on (at 10M orders, 100 MB of slots).
        payments.releaseOrders()
        rejected.sort(by: RejectedRow.ordered)

        // Handed over, not shared, so that matching can drop charges in place.
        let reconciliation = try Reconciler.run(orders: orderRecords, payments: payments.takePayments(), rules: rules,
                                            keepEveryPayment: keepEveryPayment, timer: &timer)
        let facts = RunFacts(pipeline: config.pipelineName, asOf: asOf, zone: config.zone,
                             configurationDigest: config.digest(holidayDigests: holidayDigests))
        return Result(facts: facts, orders: orderRecords, stats: stats, rejected: rejected,
                      reconciliation: reconciliation, rules: rules, timer: timer)
    }

    /// Where this run may write its report: not a folder that holds what it reads, nor the working folder.
    public func outputPlace(_ output: String) throws -> OutputPlace {
        try OutputPlace(output, protecting: configuration.filesRead)
    }

    /// Claims `output` (its lock held until the run ends), reconciles, and writes every output into it, all
    /// or nothing. A run stopped for too many rejects saves them beside the output instead.
    public func run(output: String, today: Date = Date()) throws -> (result: Result, summary: RunSummary) {
        let folder = try OutputFolder.claim(try outputPlace(output))
        var writer = ReportWriter()
        writer.gzipLevel = configuration.gzipLevel
        writer.orderLink = configuration.orderLink
        writer.redactPersonalData = configuration.redactPersonalData
        do {
            var result = try reconcile(today: today)
            let summary = try writer.write(ReportWriter.Input(
                reconciliation: result.reconciliation, rejected: result.rejected, stats: result.stats,
                orders: result.orders, facts: result.facts), into: folder, timer: &result.timer)
            writer.removeStoppedRejects(beside: folder.place)
            return (result, summary)
        } catch ReconError.tooManyRejects(var stop) {
            folder.discard()
            stop.saved = writer.saveStoppedRejects(stop.rejectedRows, beside: folder.place)
            throw ReconError.tooManyRejects(stop)
        } catch {
            folder.discard()
            throw error
        }
    }
}
