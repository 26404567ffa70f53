import Foundation

/// One input file and how to read it.
public struct SourceSpec: Sendable, Equatable {
    public var path: String
    /// A format name; `canonical` reads SPEC's columns as they are.
    public var format: String = "canonical"
    /// Zone for timestamps without an offset; nil means the format's, else the pipeline's.
    public var zone: Zone?
    /// Values a format's templates use as `{$name}` (the card a statement belongs to, its currency).
    public var params: [String: String] = [:]
    /// A date layout in place of the format's (a UK PayPal account writes the day first in an English
    /// layout); nil keeps the format's. Checked to be a layout where it is read.
    public var dateFormat: String?
    /// Whom its rows' money is chased with (`Stripe`, a marketplace), shown beside each case; nil: a
    /// payments source's format name (none for `canonical`), an orders source's nothing.
    public var counterparty: String?

    public init(
        path: String, format: String = "canonical", zone: Zone? = nil, params: [String: String] = [:],
        dateFormat: String? = nil, counterparty: String? = nil
    ) {
        self.path = path
        self.format = format
        self.zone = zone
        self.params = params
        self.dateFormat = dateFormat
        self.counterparty = counterparty
    }
}

/// Everything a run needs, from a pipeline file or from command-line options.
public struct RunConfiguration: Sendable {
    public var pipelineName = "command line"
    public var zone: Zone = .utc
    /// nil: today in the pipeline's zone.
    public var asOf: CivilDate?
    public var businessDayLimit = 20
    public var weekend: Set<Int> = [6, 7]
    /// Holiday file of the default calendar; nil: weekends only.
    public var defaultHolidays: String?
    /// Holiday files by shipping country (ISO 3166-1 alpha-2, upper-case).
    public var countryHolidays: [String: String] = [:]
    public var windowDays = 90
    public var windowRules: [WindowRule] = []
    public var maxRejectRate = 0.05
    /// An input whose latest event is more calendar days than this before `as_of` is warned about.
    public var staleAfterDays = 3
    public var orders: [SourceSpec] = []
    public var payments: [SourceSpec] = []
    public var output: String?
    /// The pipeline file this configuration was read from; nil for the command line.
    public var pipelineFile: String?
    public var failOn: [Flag] = []
    /// The watchlist's kinds that `fail_on` / `--fail-on` name beside the flags.
    public var failOnWatch: [WatchKind] = []
    /// The watchlist lists deadlines closing from as-of through as-of + this many calendar days.
    public var watchDays = 14
    /// Order statuses (compared ignoring case) that mean the goods arrived: no refund request is watched.
    public var receivedStatuses = ["delivered", "completed"]
    /// Dispute windows by payment method kind; giving any replaces the defaults.
    public var disputeWindows = DisputeWindow.defaults
    /// The kinds of deadline the watchlist lists.
    public var watchKinds = WatchKind.allCases
    /// The zlib level of the gzipped CSVs: 6 (README, Performance, weighs it against 4).
    public var gzipLevel: Int32 = 6
    /// Leaves personal data (customer names, e-mail local parts, rejected rows' text) out of outputs.
    public var redactPersonalData = false
    /// Links each order in the workbook to the merchant's admin.
    public var orderLink: OrderLink?
    /// Folders where format names are looked up, first match wins (`Pipelines/formats` is always last).
    public var formatFolders: [String] = []
    /// The team's follow-up notes (`follow_up`), read and shown beside the cases, never written.
    public var followUp: String?
    /// The ECB reference-rate file (`fx_rates`) at which refunds in another currency than their case's are
    /// converted; nil: none is, and every output is as without conversions.
    public var fxRates: String?
    /// The share of what a case owes within which a converted refund settles it (`fx_tolerance`).
    public var fxTolerance = DecimalNumber(units: 2, scale: 2)

    public init() {}

    /// Every file a run reads: the inputs, the holiday calendars, the follow-up notes and the pipeline file.
    public var filesRead: [String] {
        (orders + payments).map(\.path) + [defaultHolidays, followUp, fxRates, pipelineFile].compactMap { $0 }
            + countryHolidays.values.sorted()
    }

    /// The run's reference date: `as_of` when set, else the date of `today` in the pipeline's zone.
    public func asOf(today: Date) -> CivilDate {
        asOf ?? Instant(seconds: Int64(today.timeIntervalSince1970.rounded(.down))).date(in: zone)
    }

    /// How a source's values are read: timestamps without an offset in its own zone (else its format's, else
    /// the pipeline's), dates in the pipeline's zone.
    func context(for spec: SourceSpec, format: FormatDefinition, asOf: CivilDate) -> NormaliseContext {
        NormaliseContext(
            sourceZone: spec.zone ?? format.zone ?? zone, pipelineZone: zone, asOf: asOf,
            refundFailureType: format.refundFailureType)
    }

    /// The folders to look formats up in: the configured ones, then `Pipelines/formats` in the working folder.
    public var formatSearchPath: [String] { formatFolders + ["Pipelines/formats"] }

    /// The format `spec` is read with: its format found on the search path, with the source's `date_format`
    /// in place of the format's when it gives one.
    func format(for spec: SourceSpec, kind: SourceKind, origin: String) throws -> FormatDefinition {
        try FormatLoader.load(spec.format, kind: kind, searchFolders: formatSearchPath, origin: origin)
            .withDateLayout(spec.dateFormat.flatMap(DateLayout.init))
    }
    static let weekdayNames = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    /// `business_days`: a case is due within a year of its approval at most.
    public static let businessDayRange = 1...366
    /// `refund_window.default_days` and each rule's `days`: ten years at most.
    public static let windowDayRange = 0...3650
    /// `max_reject_rate`: a share of a source's rows.
    public static let rejectRateRange = 0.0...1.0
    /// `stale_after_days`: ten years at most.
    public static let staleDayRange = 0...3650
    /// `watch_days` and each dispute window's `days`: ten years at most.
    public static let watchDayRange = 0...3650
    /// `gzip_level`: zlib's levels.
    public static let compressionLevelRange = 1...9

    /// Checks what no single key can (inputs present, a working day left), and every number against its
    /// range, whichever way it was set. The pipeline file and the options check their own keys first, so
    /// that the message names the key as the user wrote it; this names the pipeline file's key.
    public func validate(origin: String) throws {
        func fail(_ key: String, _ reason: String) -> ReconError {
            .configuration(file: origin, key: key, reason: reason)
        }
        if orders.isEmpty { throw fail("orders", "no orders input given") }
        if payments.isEmpty { throw fail("payments", "no payments input given") }
        if !Self.businessDayRange.contains(businessDayLimit) { throw fail("business_days", "must be from 1 to 366") }
        if weekend.count >= 7 { throw fail("weekend", "leaves no working day") }
        if !Self.windowDayRange.contains(windowDays) {
            throw fail("refund_window.default_days", "must be from 0 to 3650")
        }
        for (i, rule) in windowRules.enumerated() where !Self.windowDayRange.contains(rule.days) {
            throw fail("refund_window.rules[\(i)].days", "must be from 0 to 3650")
        }
        if !Self.rejectRateRange.contains(maxRejectRate) { throw fail("max_reject_rate", "must be between 0 and 1") }
        if !Self.staleDayRange.contains(staleAfterDays) { throw fail("stale_after_days", "must be from 0 to 3650") }
        if !Self.compressionLevelRange.contains(Int(gzipLevel)) { throw fail("gzip_level", "must be between 1 and 9") }
        if !Self.watchDayRange.contains(watchDays) { throw fail("watch_days", "must be from 0 to 3650") }
        for window in disputeWindows where !Self.watchDayRange.contains(window.days) {
            throw fail("dispute_windows.\(window.methodKind).days", "must be from 0 to 3650")
        }
        if !Self.isTolerance(fxTolerance) { throw fail("fx_tolerance", "must be from 0 to under 1") }
    }

    /// `fx_tolerance`: a share from 0 up to, not including, 1.
    public static func isTolerance(_ share: DecimalNumber) -> Bool { share.units < DecimalNumber.power(share.scale) }

    /// A digest of every setting that changes results, holiday and rate file contents included (the rates'
    /// lines only when there is a rate file, so that a run without one keeps its digest).
    public func digest(holidayDigests: [String: String], rateFileDigest: String? = nil) -> String {
        var lines = [
            "timezone=\(zone.identifier)", "as_of=\(asOf?.description ?? "today")",
            "business_days=\(businessDayLimit)", "weekend=\(weekend.sorted())",
            "default_calendar=\(defaultHolidays.flatMap { holidayDigests[$0] } ?? "none")",
            "window_days=\(windowDays)", "window_rules=\(windowRules.map(\.description).joined(separator: ","))",
            "max_reject_rate=\(maxRejectRate)", "watch_days=\(watchDays)",
            "received_statuses=\(watchRules.receivedStatuses.sorted().joined(separator: ","))",
            "dispute_windows=\(disputeWindows.map(\.description).joined(separator: ","))",
            "watch_kinds=\(watchKinds.map(\.rawValue).joined(separator: ","))",
        ]
        for (country, path) in countryHolidays.sorted(by: { $0.key < $1.key }) {
            lines.append("calendar.\(country)=\(holidayDigests[path] ?? "none")")
        }
        for spec in orders + payments {
            let params = spec.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            lines.append(
                "source=\(spec.format):\(spec.zone?.identifier ?? "-"):\(params)"
                    + (spec.dateFormat.map { ":date_format=\($0)" } ?? "")
                    + (spec.counterparty.map { ":counterparty=\($0)" } ?? ""))
        }
        if let rateFileDigest { lines += ["fx_rates=\(rateFileDigest)", "fx_tolerance=\(fxTolerance)"] }
        return SHA256.hex(of: Array(lines.joined(separator: "\n").utf8))
    }

    /// The watchlist's settings as the run applies them (statuses lower-cased).
    var watchRules: WatchRules {
        var rules = WatchRules()
        rules.watchDays = watchDays
        rules.receivedStatuses = Set(receivedStatuses.map { $0.lowercased() })
        rules.disputeWindows = disputeWindows
        rules.kinds = Set(watchKinds)
        return rules
    }
}
