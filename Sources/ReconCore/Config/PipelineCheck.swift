import Foundation

/// Checks a configuration before a nightly run: formats found and valid, inputs present with headers that
/// fit their formats and a first sample of rows that reads, calendars and follow-up notes readable, the
/// output folder one the run may replace. Every problem is reported, not only the first.
public struct PipelineCheck {
    public struct Finding: Sendable {
        /// Nil when the check passed; otherwise the exit code the problem would cause.
        public var exitCode: Int32?
        public var message: String
        /// A passed check that still needs a look (an input that is not current); it changes no exit code.
        public var isWarning = false
    }

    /// Rows of each input read through its format, to see the rejects a run would meet.
    public static let sampleRows = 1_000

    public let configuration: RunConfiguration
    public let origin: String

    public init(configuration: RunConfiguration, origin: String) {
        self.configuration = configuration
        self.origin = origin
    }

    public func run(output: String?) -> [Finding] {
        let config = configuration
        let sources = config.orders.map { ($0, SourceKind.orders) } + config.payments.map { ($0, SourceKind.payments) }
        // Each input's sample, then how current each input is (after the samples, so that the n-th finding
        // stays the n-th input's sample).
        let inputs = sources.map { spec, kind in inputFindings(spec, kind) }
        var findings = inputs.map(\.sample) + inputs.compactMap(\.freshness)
        let calendars = [config.defaultHolidays].compactMap { $0 } + config.countryHolidays.values.sorted()
        findings += calendars.map { path in
            finding {
                _ = try BusinessCalendar(
                    name: path, weekend: config.weekend, holidays: HolidayFile.load(path: path), file: path)
                return "\(path): holiday calendar readable"
            }
        }
        if let path = config.followUp {
            findings.append(
                finding { "\(path): follow-up notes readable, \(try FollowUps.load(path: path).orderIds.count) orders" }
            )
        }
        if let path = config.fxRates {
            findings.append(
                finding {
                    "\(path): exchange rates readable, \(try ExchangeRates.load(path: path).rates.dayCount) days"
                })
        }
        if let output {
            findings.append(finding { try checkOutput(output) })
        }
        return findings
    }

    /// What `body` says when it passes, or the problem it throws.
    private func finding(_ body: () throws -> String) -> Finding {
        do {
            return Finding(exitCode: nil, message: try body())
        } catch let error as ReconError {
            return Finding(exitCode: error.exitCode, message: error.description)
        } catch {
            return Finding(exitCode: 1, message: "\(error)")
        }
    }

    /// The input's sample, and when that reads, how current the input is (a warning when it is stale).
    private func inputFindings(_ spec: SourceSpec, _ kind: SourceKind) -> (sample: Finding, freshness: Finding?) {
        let read: (message: String, freshness: InputFreshness)
        do {
            read = try sample(spec, kind)
        } catch {
            return (finding { throw error }, nil)
        }
        let freshness = read.freshness
        let current = freshness.latestEventOn.map { latest in
            let days = freshness.daysBeforeAsOf ?? 0
            return "latest event \(latest), \(days) day\(days == 1 ? "" : "s") before as of \(freshness.asOf)"
        }
        return (
            Finding(exitCode: nil, message: read.message),
            Finding(
                exitCode: nil, message: "\(spec.path): " + (freshness.problem ?? current ?? ""),
                isWarning: freshness.isStale)
        )
    }

    /// Binds the source's format to its header and reads its first `sampleRows` rows, as the run would; and
    /// the input's freshness, for which the rest of a longer input is read too.
    private func sample(_ spec: SourceSpec, _ kind: SourceKind) throws -> (String, InputFreshness) {
        let config = configuration
        let format = try config.format(for: spec, kind: kind, origin: origin)
        let asOf = config.asOf(today: Date())
        let context = config.context(for: spec, format: format, asOf: asOf)
        var rejected: [RejectedRow] = []
        var (stats, latest) = try read(spec, kind, format, context, rowLimit: Self.sampleRows, rejects: &rejected)
        let message = try describe(spec, kind, stats, rejected)
        if stats.rowsRead >= Self.sampleRows {
            var rest: [RejectedRow] = []
            latest = try read(spec, kind, format, context, rowLimit: .max, rejects: &rest).latest
        }
        return (message, InputFreshness(latestEventOn: latest, asOf: asOf, staleAfterDays: config.staleAfterDays))
    }

    /// Reads up to `rowLimit` rows of the input as the run would: their accounts and the latest event.
    private func read(
        _ spec: SourceSpec, _ kind: SourceKind, _ format: FormatDefinition, _ context: NormaliseContext,
        rowLimit: Int, rejects: inout [RejectedRow]
    ) throws -> (stats: SourceStats, latest: CivilDate?) {
        var ingest = SourceIngest(spec: spec, kind: kind, format: format, origin: origin)
        ingest.rowLimit = rowLimit
        switch kind {
        case .orders:
            var normaliser = OrdersNormaliser(context: context)
            return (try ingest.run(&normaliser, rejects: &rejects), normaliser.takeLatestEventOn())
        case .payments:
            var normaliser = PaymentsNormaliser(context: context)
            normaliser.use(context: context)
            var stats = [try ingest.run(&normaliser, rejects: &rejects)]
            // As the run does once the payments are read: a refund failure naming none of them is skipped.
            normaliser.settleAccounts(in: &stats)
            return (stats[0], normaliser.takeLatestEventOn())
        }
    }

    /// What the sample of the input gave; a reject rate over the limit is the problem a run would stop at.
    private func describe(_ spec: SourceSpec, _ kind: SourceKind, _ stats: SourceStats, _ rejected: [RejectedRow])
        throws -> String
    {
        let config = configuration
        let stop = RejectStop(
            source: kind.rawValue, path: spec.path, rejected: stats.rejected, rows: stats.rowsRead,
            limit: config.maxRejectRate, rejectedRows: rejected,
            saved: "recon check read only the first \(stats.rowsRead) rows")
        if stats.rejectRate > config.maxRejectRate { throw ReconError.tooManyRejects(stop) }
        let reasons = stop.countsByReason.map { "\n    \($0.count) × \($0.reason)" }.joined()
        let variant = stats.formatVariant.map { " (variant \($0))" } ?? ""
        return "\(spec.path): \(kind.rawValue), format \(spec.format)\(variant), header fits; "
            + "first \(stats.rowsRead) rows: "
            + "\(stats.used) used, \(stats.skippedTotal) skipped, \(stats.rejected) rejected\(reasons)"
    }

    /// The output as the run will take it: not a folder holding what the run reads, not a folder of someone
    /// else's, not locked by a run under way, and creatable.
    private func checkOutput(_ output: String) throws -> String {
        let place = try OutputPlace(output, protecting: configuration.filesRead)
        try place.checkReplaceable()
        try Self.checkWritable(place.target)
        if FileManager.default.fileExists(atPath: place.parent) { _ = try OutputLock(place, probe: true) }
        return "\(output): output folder can be written (new, empty, or a previous recon report; no run under way)"
    }

    /// The output, if it exists, must be a folder, and the nearest existing folder above it writable.
    static func checkWritable(_ output: String) throws {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: output).standardizedFileURL
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ReconError.cannotWrite(path: output, reason: "exists and is not a folder")
            }
        }
        url = url.deletingLastPathComponent()
        while !fm.fileExists(atPath: url.path, isDirectory: &isFolder) { url = url.deletingLastPathComponent() }
        guard isFolder.boolValue else {
            throw ReconError.cannotWrite(path: output, reason: "\(url.path) is a file, not a folder")
        }
        guard fm.isWritableFile(atPath: url.path) else {
            throw ReconError.cannotWrite(path: output, reason: "\(url.path) is not writable")
        }
    }
}
