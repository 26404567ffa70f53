import Foundation

/// `manifest.json`: what a run read, what it wrote, what it found and how long each stage took.
struct Manifest: Encodable {
    struct Input: Encodable {
        var kind: String
        var path: String
        var bytes: Int
        var sha256: String
        var rowsRead: Int
        var used: Int
        var rejected: Int
        var skipped: Int
        var skippedByReason: [String: Int]
        var ignoredAfterAsOf: [String: Int]
        /// Only for a format with variants (nil is left out of the JSON).
        var formatVariant: String?
        /// Payments files, only when not 0: rows replaced by a later file's row of the same payment id,
        /// and rows whose payment id an earlier file had (read = used + skipped + rejected + superseded).
        var supersededByLaterFile: Int?
        var duplicatesOfEarlierFile: Int?
        /// Payments files, only when not 0: payments linked to the order named by their `order_id` but for
        /// a leading `#`.
        var ordersFoundButForHash: Int?
        /// The date of the input's latest event on or before as_of (nil, left out, when it has none), and
        /// whether that is more than `stale_after_days` before as_of.
        var latestEventOn: String?
        var stale: Bool?
    }

    struct Output: Encodable {
        var name: String
        var bytes: Int
        var sha256: String
        var rows: Int?
    }

    struct Timing: Encodable {
        var stage: String
        var seconds: Double
    }

    var tool = "recon"
    var version: String
    var pipeline: String
    var asOf: String
    var timezone: String
    var configurationDigest: String
    var inputs: [Input]
    var outputs: [Output]
    var flags: [String: Int]
    var cases: [String: Int]
    var changes: ChangeSection
    /// The watchlist's rows per kind.
    var watchlist: [String: Int]
    var timings: [Timing]
    /// The workbook's order links, when the run adds them.
    var links: LinkCounts?
    /// Resident memory at its highest, when the manifest was written (the end of the run).
    var peakMemoryBytes: Int
    /// How many ids of the follow-up file name no order, when the pipeline has one.
    var followUpUnknownIds: Int?
    /// The exchange-rate file, when the run has one (nil is left out of the JSON).
    var fxRates: RateFileFacts?

    init(
        facts: RunFacts, inputs: [SourceStats], outputs: [Output], summary: RunSummary, timings: StageTimer,
        links: LinkCounts? = nil, followUpUnknownIds: Int? = nil
    ) {
        version = ReconVersion.current
        pipeline = facts.pipeline
        asOf = facts.asOf.description
        timezone = facts.zone.identifier
        configurationDigest = facts.configurationDigest
        self.inputs = inputs.map {
            Input(
                kind: $0.kind, path: $0.path, bytes: $0.bytes, sha256: $0.sha256, rowsRead: $0.rowsRead, used: $0.used,
                rejected: $0.rejected, skipped: $0.skippedTotal, skippedByReason: $0.skipped,
                ignoredAfterAsOf: $0.ignoredAfterAsOf, formatVariant: $0.formatVariant,
                supersededByLaterFile: $0.superseded == 0 ? nil : $0.superseded,
                duplicatesOfEarlierFile: $0.seenInEarlierFile == 0 ? nil : $0.seenInEarlierFile,
                ordersFoundButForHash: $0.ordersFoundButForHash == 0 ? nil : $0.ordersFoundButForHash,
                latestEventOn: $0.freshness?.latestEventOn?.description, stale: $0.freshness?.isStale)
        }
        self.outputs = outputs
        self.links = links
        self.followUpUnknownIds = followUpUnknownIds
        fxRates = facts.rateFile
        flags = Dictionary(uniqueKeysWithValues: Flag.allCases.map { ($0.rawValue, summary.flagCounts[$0] ?? 0) })
        cases = Dictionary(uniqueKeysWithValues: summary.casesByState.map { ($0.state.rawValue, $0.count) })
        changes = ChangeSection(summary.changes)
        watchlist = Dictionary(
            uniqueKeysWithValues: WatchKind.allCases.map { kind in
                (kind.rawValue, summary.watchTotals.filter { $0.kind == kind }.reduce(0) { $0 + $1.count })
            })
        peakMemoryBytes = PeakMemory.bytes()
        self.timings = timings.stages.map {
            Timing(stage: $0.stage.rawValue, seconds: ($0.seconds * 1e6).rounded() / 1e6)
        }
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}

/// The facts of a run that outputs and the terminal repeat.
public struct RunFacts: Sendable {
    public var pipeline: String
    public var asOf: CivilDate
    public var zone: Zone
    public var configurationDigest: String
    /// The exchange-rate file the run read, if any.
    public var rateFile: RateFileFacts? = nil
}

public enum ReconVersion {
    public static let current = "0.1.0"
}

extension Manifest {
    /// The manifest's `changes`: every key always there, `null` where it does not apply. Compared:
    /// `previous_as_of` and the counts, `not_compared` null; nothing compared: `previous_as_of` and the
    /// counts null, `not_compared` says why.
    struct ChangeSection: Encodable {
        var previousAsOf: String?
        var notCompared: String?
        var exceptions: ChangeTally?
        var cases: ChangeTally?

        init(_ counts: ChangeCounts) {
            previousAsOf = counts.previousAsOf?.description
            notCompared = counts.notCompared
            let compared = counts.previousAsOf != nil
            exceptions = compared ? counts.exceptions : nil
            cases = compared ? counts.cases : nil
        }

        enum CodingKeys: String, CodingKey { case previousAsOf, notCompared, exceptions, cases }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(previousAsOf, forKey: .previousAsOf)
            try container.encode(notCompared, forKey: .notCompared)
            try container.encode(exceptions, forKey: .exceptions)
            try container.encode(cases, forKey: .cases)
        }
    }
}
