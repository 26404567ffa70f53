import Foundation

/// A whole run: ingest and normalise every source, match, cases and flags, report.
public struct Pipeline {
    public let configuration: RunConfiguration
    /// Where the configuration came from, for errors (a pipeline file, or "command line").
    public let origin: String

    /// Hears stage starts, progress and ends. Held for as long as the pipeline is (the stages hold it weakly),
    /// so an observer made for the call is not gone before the first stage.
    public var observer: RunObserver?

    public init(configuration: RunConfiguration, origin: String, observer: RunObserver? = nil) {
        self.configuration = configuration
        self.origin = origin
        self.observer = observer
    }

    /// What the stages produced before any output is written.
    public struct Result {
        public var facts: RunFacts
        /// The orders the report reads (`Reconciliation.orders`), or every order when the run keeps every
        /// record.
        package var orders: [Order] { reconciliation.orders }
        /// The refunds, the charges they reverse and the cases' original charges, or every payment when the
        /// run keeps every record.
        package var payments: [Payment] { reconciliation.payments }
        public var stats: [SourceStats]
        public var rejected: [RejectedRow]
        public var reconciliation: Reconciliation
        package var rules: ReconRules
        package var timer: StageTimer
        /// The run's texts: what the records' text codes and row sources stand for.
        package var texts: RunTexts { reconciliation.texts }
        /// The team's follow-up notes (`follow_up`), and the ids in them that name no order.
        package var followUps: FollowUps?
        public var followUpUnknownIds: [String] = []
        /// The deadlines closing within the watched days, and each overdue case's last day to dispute.
        public var watchlist = Watchlist()
        /// By each failed refund's row, the row of a later report that says it failed (`RefundFailures`).
        package var refundFailedBy: [RowSource: RowSource] = [:]
        /// The warning on `followUpUnknownIds`, nil when every id names an order.
        public var followUpNote: String? { followUps?.unknownIdsNote(followUpUnknownIds) }

    }

    /// Reads and reconciles; writes nothing. Stops on unreadable inputs and on too many rejects. The charges
    /// that no refund reverses and no case started from, and the orders that none of the rest names, are let
    /// go after matching unless `keepEveryRecord` (as `explain` needs).
    public func reconcile(today: Date = Date(), keepEveryRecord: Bool = false) throws -> Result {
        let asOf = configuration.asOf(today: today)
        var (rules, holidayDigests) = try loadRules(asOf: asOf)
        let rateFile = try loadConverter(into: &rules)
        // Every format is found and read before any input, so a configuration error stops the run early.
        let sources = try loadFormats()
        let followUps = try configuration.followUp.map(FollowUps.load)
        var ingested = Ingested()
        var timer = StageTimer(observer: observer)

        // Orders are read first, so that each payment holds its order's position instead of the id (4 bytes
        // less in each of millions of payments); each source sets its own context, starting from the
        // pipeline's.
        let pipelineContext = NormaliseContext(
            sourceZone: configuration.zone, pipelineZone: configuration.zone,
            asOf: asOf)
        // The run's texts, made here and dropped with the result: no other run shares them.
        let texts = RunTexts()
        var orders = OrdersNormaliser(context: pipelineContext, texts: texts)
        try read(
            .orders, of: sources, asOf: asOf, into: &orders, ingested: &ingested, timer: &timer,
            use: { $0.use(context: $1) },
            finish: { normaliser, s in s.ignoredAfterAsOf = normaliser.takeIgnoredAfterAsOf() })
        let ordersById = orders.takeIndexById()
        let orderRecords = ordersById.records
        var payments = PaymentsNormaliser(context: pipelineContext, ordersById: consume ordersById, texts: texts)
        try read(
            .payments, of: sources, asOf: asOf, into: &payments, ingested: &ingested, timer: &timer,
            use: { $0.use(context: $1) })
        payments.settleAccounts(in: &ingested.stats)
        // Nothing finds an order by id from here on (a slot per order).
        payments.releaseOrders()
        ingested.rejected.sort(by: RejectedRow.ordered)

        // Handed over, not shared, so that matching can drop charges in place.
        let refundedPerCharge = payments.refundedPerCharge
        let chase = ChaseInputs(
            parties: CaseParties.Sources(
                orderCounterparties: orders.counterparties, byFile: Self.counterpartiesByFile(sources, texts: texts)),
            refundDescriptions: payments.refundDescriptions)
        var (requestWindowRows, idsNamingNoOrder): ([WatchRow], [String]) = ([], [])
        let reconciliation = try Reconciler.run(
            orders: consume orderRecords, payments: payments.takePayments(), refundedPerCharge: refundedPerCharge,
            rules: rules, texts: texts, chase: chase, keepEveryRecord: keepEveryRecord, timer: &timer
        ) { everyOrder in
            requestWindowRows = Watchlist.requestWindowRows(orders: everyOrder, rules: rules, texts: texts)
            idsNamingNoOrder = followUps?.idsNamingNoOrder(of: everyOrder, texts: texts) ?? []
        }
        let watchlist = Watchlist(
            requestWindowRows: requestWindowRows, orders: reconciliation.orders, exceptions: reconciliation.exceptions,
            parties: reconciliation.parties, rules: rules, texts: texts)
        return Result(
            facts: facts(asOf: asOf, holidayDigests: holidayDigests, rateFile: rateFile), stats: ingested.stats,
            rejected: ingested.rejected, reconciliation: reconciliation,
            rules: rules, timer: timer, followUps: followUps,
            followUpUnknownIds: FollowUps.unknownIds(idsNamingNoOrder, exceptions: reconciliation.exceptions),
            watchlist: watchlist, refundFailedBy: payments.failedBy)
    }

    /// What the manifest and the Summary say of the run's configuration.
    private func facts(asOf: CivilDate, holidayDigests: [String: String], rateFile: RateFileFacts?) -> RunFacts {
        RunFacts(
            pipeline: configuration.pipelineName, asOf: asOf, zone: configuration.zone,
            configurationDigest: configuration.digest(holidayDigests: holidayDigests, rateFileDigest: rateFile?.sha256),
            rateFile: rateFile)
    }

    /// The rules of the run: its calendars (each holiday file read, with its digest by path for the
    /// configuration digest), windows and limits.
    private func loadRules(asOf: CivilDate) throws -> (rules: ReconRules, holidayDigests: [String: String]) {
        let config = configuration
        var holidayDigests: [String: String] = [:]
        var rules = ReconRules(
            asOf: asOf,
            defaultCalendar: try loadCalendar(
                config.defaultHolidays, name: "default",
                digests: &holidayDigests))
        for (country, path) in config.countryHolidays {
            rules.countryCalendars[country] = try loadCalendar(path, name: country, digests: &holidayDigests)
        }
        rules.zone = config.zone
        rules.businessDayLimit = config.businessDayLimit
        rules.windowDays = config.windowDays
        rules.windowRules = config.windowRules
        rules.watch = config.watchRules
        return (rules, holidayDigests)
    }

    /// Reads the exchange-rate file, when the configuration names one, into the rules' converter; returns
    /// what the manifest records of it.
    private func loadConverter(into rules: inout ReconRules) throws -> RateFileFacts? {
        guard let path = configuration.fxRates else { return nil }
        let (rates, bytes) = try ExchangeRates.load(path: path)
        rules.converter = CurrencyConverter(rates: rates, tolerance: configuration.fxTolerance)
        return RateFileFacts(path: path, bytes: bytes.count, sha256: SHA256.hex(of: bytes), days: rates.dayCount)
    }

    /// The calendar of the holiday file at `path` (weekends only without one); its digest goes in `digests`.
    private func loadCalendar(
        _ path: String?, name: String,
        digests: inout [String: String]
    ) throws -> BusinessCalendar {
        guard let path else { return BusinessCalendar(name: name, weekend: configuration.weekend) }
        let dates = try HolidayFile.load(path: path)
        digests[path] = SHA256.hex(of: Array(dates.map(\.description).joined(separator: "\n").utf8))
        return try BusinessCalendar(name: name, weekend: configuration.weekend, holidays: dates, file: path)
    }

    /// A source to read: where it is configured, its kind and its format.
    private typealias Source = (spec: SourceSpec, kind: SourceKind, format: FormatDefinition)

    /// Every source's format, orders first.
    private func loadFormats() throws -> [Source] {
        let config = configuration
        return try (config.orders.map { ($0, SourceKind.orders) } + config.payments.map { ($0, SourceKind.payments) })
            .map { spec, kind in
                (
                    spec, kind,
                    try config.format(for: spec, kind: kind, origin: origin)
                )
            }
    }

    /// Each source's counterparty by its file's number in `texts`: the one its `counterparty` names, else a
    /// payments source's format name (none for `canonical`, which says nothing of who sent the money).
    private static func counterpartiesByFile(_ sources: [Source], texts: RunTexts) -> [UInt16: String] {
        var byFile: [UInt16: String] = [:]
        for source in sources {
            let formatName = source.kind == .payments && source.format.name != "canonical" ? source.format.name : nil
            if let counterparty = source.spec.counterparty ?? formatName {
                byFile[texts.fileNumber(of: source.spec.path)] = counterparty
            }
        }
        return byFile
    }

    /// What the sources read so far gave: their accounts and their rejected rows.
    private struct Ingested {
        var stats: [SourceStats] = []
        var rejected: [RejectedRow] = []
    }

    /// Reads every source of `kind` into `normaliser`, each with its own context (`use`); `finish` adds
    /// what the normaliser kept per file. Stops when a source rejected too many rows, before the next kind
    /// is read.
    private func read<N: RecordNormaliser>(
        _ kind: SourceKind, of sources: [Source], asOf: CivilDate,
        into normaliser: inout N, ingested: inout Ingested, timer: inout StageTimer,
        use: (inout N, NormaliseContext) -> Void,
        finish: (inout N, inout SourceStats) -> Void = { _, _ in }
    ) throws {
        let stage = Stage.ingest(kind)
        for source in sources where source.kind == kind {
            use(&normaliser, configuration.context(for: source.spec, format: source.format, asOf: asOf))
            var ingest = SourceIngest(spec: source.spec, kind: kind, format: source.format, origin: origin)
            ingest.observer = observer
            ingest.stage = stage.rawValue
            let running = timer.start(stage)
            var stats = try ingest.run(&normaliser, rejects: &ingested.rejected)
            timer.finish(running, rows: stats.rowsRead)
            finish(&normaliser, &stats)
            stats.freshness = InputFreshness(
                latestEventOn: normaliser.takeLatestEventOn(), asOf: asOf,
                staleAfterDays: configuration.staleAfterDays)
            ingested.stats.append(stats)
        }
        for s in ingested.stats where s.kind == kind.rawValue && s.rejectRate > configuration.maxRejectRate {
            throw ReconError.tooManyRejects(
                RejectStop(
                    source: s.kind, path: s.path, rejected: s.rejected, rows: s.rowsRead,
                    limit: configuration.maxRejectRate,
                    rejectedRows: ingested.rejected.sorted(by: RejectedRow.ordered)))
        }
    }

    /// Where this run may write its report: not a folder that holds what it reads, nor the working folder.
    package func outputPlace(_ output: String) throws -> OutputPlace {
        try OutputPlace(output, protecting: configuration.filesRead)
    }

    /// Claims `output` (its lock held until the run ends), reconciles, and writes every output into it, all
    /// or nothing. A run stopped for too many rejects saves them beside the output instead.
    public func run(output: String, today: Date = Date()) throws -> (result: Result, summary: RunSummary) {
        let folder = try OutputFolder.claim(try outputPlace(output))
        // The lock goes with the run, whatever still holds the folder for a moment on another thread.
        defer { folder.release() }
        var writer = ReportWriter()
        writer.gzipLevel = configuration.gzipLevel
        writer.orderLink = configuration.orderLink
        writer.redactPersonalData = configuration.redactPersonalData
        do {
            var result = try reconcile(today: today)
            // Under the lock, before the new report takes its place: the report this run replaces.
            let baseline = Baseline.read(
                folder: folder.target, pipeline: result.facts.pipeline, asOf: result.facts.asOf)
            let summary = try writer.write(
                ReportWriter.Input(
                    reconciliation: result.reconciliation, rejected: result.rejected, stats: result.stats,
                    orders: result.orders, facts: result.facts, baseline: baseline, followUps: result.followUps,
                    followUpUnknownIds: result.followUpUnknownIds, watchlist: result.watchlist), into: folder,
                timer: &result.timer)
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
