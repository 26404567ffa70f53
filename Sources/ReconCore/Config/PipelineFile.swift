import Foundation
import Yams

/// Reads a pipeline file (YAML). Every key is checked: an unknown key or a bad value is a configuration
/// error naming the file and the key. Relative paths are taken from the pipeline file's folder.
public enum PipelineFile {
    public static func load(path: String) throws -> RunConfiguration {
        try parse(try YAMLKeyReader.text(of: path), path: path)
    }

    private static let topLevelKeys = [
        "name", "timezone", "as_of", "business_days", "weekend", "calendars",
        "refund_window", "max_reject_rate", "sources", "output", "fail_on", "gzip_level",
        "order_url", "redact_personal_data", "follow_up", "stale_after_days", "watch_days", "received_statuses",
        "dispute_windows", "watch_kinds", "fx_rates", "fx_tolerance",
    ]

    /// The keys are read in a fixed order, so that of several bad keys the same one is always named.
    public static func parse(_ text: String, path: String) throws -> RunConfiguration {
        let reader = YAMLKeyReader(file: path)
        let root = try reader.root(of: text)
        var config = RunConfiguration()
        config.pipelineName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        config.pipelineFile = path
        config.formatFolders = [reader.base.appendingPathComponent("formats").path]
        try reader.keys(root, allowed: topLevelKeys, at: "")
        try readRules(root, reader, into: &config)
        try readWatch(root, reader, into: &config)
        try readInputsAndOutputs(root, reader, into: &config)
        try config.validate(origin: path)
        return config
    }

    /// The keys that decide what is flagged: zone, reference date, business days, calendars, windows.
    private static func readRules(
        _ root: Node.Mapping, _ reader: YAMLKeyReader,
        into config: inout RunConfiguration
    ) throws {
        if let v = root["name"] { config.pipelineName = try reader.string(v, "name") }
        if let v = root["timezone"] { config.zone = try reader.zone(v, "timezone") }
        if let v = root["as_of"] { config.asOf = try reader.date(v, "as_of") }
        if let v = root["business_days"] {
            config.businessDayLimit = try reader.int(v, "business_days", in: RunConfiguration.businessDayRange)
        }
        if let v = root["weekend"] { config.weekend = Set(try weekend(v, reader)) }
        if let v = root["calendars"] { try readCalendars(v, reader, into: &config) }
        if let v = root["refund_window"] { try readRefundWindow(v, reader, into: &config) }
        if let v = root["max_reject_rate"] { config.maxRejectRate = try reader.fraction(v, "max_reject_rate") }
        if let v = root["stale_after_days"] {
            config.staleAfterDays = try reader.int(v, "stale_after_days", in: RunConfiguration.staleDayRange)
        }
    }

    /// The keys that say what is read and what is written, and how.
    private static func readInputsAndOutputs(
        _ root: Node.Mapping, _ reader: YAMLKeyReader,
        into config: inout RunConfiguration
    ) throws {
        if let v = root["sources"] {
            let map = try reader.mapping(v, "sources")
            try reader.keys(map, allowed: ["orders", "payments"], at: "sources.")
            if let o = map["orders"] { config.orders = try reader.sources(o, "sources.orders") }
            if let p = map["payments"] { config.payments = try reader.sources(p, "sources.payments") }
        }
        if let v = root["output"] { config.output = try reader.path(v, "output") }
        if let v = root["follow_up"] { config.followUp = try reader.path(v, "follow_up") }
        if let v = root["fx_rates"] { config.fxRates = try reader.path(v, "fx_rates") }
        if let v = root["fx_tolerance"] { config.fxTolerance = try reader.tolerance(v, "fx_tolerance") }
        if let v = root["fail_on"] { (config.failOn, config.failOnWatch) = try failOn(v, reader) }
        if let v = root["order_url"] { config.orderLink = try orderLink(v, reader) }
        if let v = root["redact_personal_data"] { config.redactPersonalData = try redactPersonalData(v, reader) }
        let levels = RunConfiguration.compressionLevelRange
        if let v = root["gzip_level"] { config.gzipLevel = Int32(try reader.int(v, "gzip_level", in: levels)) }
    }

    /// The watchlist's keys: `watch_days`, `received_statuses`, `dispute_windows` and `watch_kinds`.
    private static func readWatch(_ root: Node.Mapping, _ reader: YAMLKeyReader, into config: inout RunConfiguration)
        throws
    {
        if let v = root["watch_days"] {
            config.watchDays = try reader.int(v, "watch_days", in: RunConfiguration.watchDayRange)
        }
        if let v = root["watch_kinds"] { config.watchKinds = try watchKinds(v, reader) }
        if let v = root["received_statuses"] {
            config.receivedStatuses = try reader.sequence(v, "received_statuses").enumerated().map { i, item in
                try reader.string(item, "received_statuses[\(i)]")
            }
        }
        if let v = root["dispute_windows"] {
            config.disputeWindows = []
            for (key, value) in try reader.mapping(v, "dispute_windows") {
                let window = try disputeWindow(key, value, reader)
                if config.disputeWindows.contains(where: { $0.methodKind == window.methodKind }) {
                    throw reader.fail(
                        "dispute_windows.\(window.methodKind)", "given twice (kinds are compared ignoring case)")
                }
                config.disputeWindows.append(window)
            }
        }
    }

    /// One dispute window: `card: {days: 120, from: due_on}`.
    private static func disputeWindow(_ keyNode: Node, _ node: Node, _ reader: YAMLKeyReader) throws -> DisputeWindow {
        let kind = try reader.string(keyNode, "dispute_windows").lowercased()
        let key = "dispute_windows.\(kind)"
        guard !kind.isEmpty, !kind.contains(":") else {
            throw reader.fail(key, "'\(kind)' is not a payment method kind (card, paypal, …)")
        }
        let m = try reader.mapping(node, key)
        try reader.keys(m, allowed: ["days", "from"], at: key + ".")
        guard let days = m["days"] else { throw reader.fail(key + ".days", "required") }
        guard let from = m["from"] else { throw reader.fail(key + ".from", "required") }
        let anchorName = try reader.string(from, key + ".from")
        guard let anchor = DisputeWindow.Anchor(rawValue: anchorName) else {
            let names = DisputeWindow.Anchor.allCases.map(\.rawValue).joined(separator: " or ")
            throw reader.fail(key + ".from", "'\(anchorName)' is not \(names)")
        }
        return DisputeWindow(
            methodKind: kind, days: try reader.int(days, key + ".days", in: RunConfiguration.watchDayRange),
            from: anchor)
    }

    /// `weekend`: weekday names, as ISO weekday numbers (Monday 1).
    private static func weekend(_ node: Node, _ reader: YAMLKeyReader) throws -> [Int] {
        try reader.sequence(node, "weekend").enumerated().map { i, day in
            let name = try reader.string(day, "weekend[\(i)]").lowercased()
            guard let number = RunConfiguration.weekdayNames[name] else {
                throw reader.fail("weekend[\(i)]", "'\(name)' is not a weekday name")
            }
            return number
        }
    }

    /// `calendars`: a `default` holiday file and files `by_country`.
    private static func readCalendars(
        _ node: Node, _ reader: YAMLKeyReader,
        into config: inout RunConfiguration
    ) throws {
        let map = try reader.mapping(node, "calendars")
        try reader.keys(map, allowed: ["default", "by_country"], at: "calendars.")
        if let d = map["default"] { config.defaultHolidays = try reader.path(d, "calendars.default") }
        guard let byCountry = map["by_country"] else { return }
        for (key, value) in try reader.mapping(byCountry, "calendars.by_country") {
            let country = try reader.string(key, "calendars.by_country").uppercased()
            config.countryHolidays[country] = try reader.path(value, "calendars.by_country.\(country)")
        }
    }

    /// `refund_window`: `default_days` and `rules`.
    private static func readRefundWindow(
        _ node: Node, _ reader: YAMLKeyReader,
        into config: inout RunConfiguration
    ) throws {
        let map = try reader.mapping(node, "refund_window")
        try reader.keys(map, allowed: ["default_days", "rules"], at: "refund_window.")
        if let d = map["default_days"] {
            config.windowDays = try reader.int(d, "refund_window.default_days", in: RunConfiguration.windowDayRange)
        }
        if let rules = map["rules"] {
            config.windowRules = try reader.sequence(rules, "refund_window.rules").enumerated().map { i, rule in
                try windowRule(rule, key: "refund_window.rules[\(i)]", reader)
            }
        }
    }

    /// One window rule: `days` for a `country` and `seller_type`, each `*` (any) when not given.
    private static func windowRule(_ node: Node, key: String, _ reader: YAMLKeyReader) throws -> WindowRule {
        let m = try reader.mapping(node, key)
        try reader.keys(m, allowed: ["country", "seller_type", "days"], at: key + ".")
        guard let days = m["days"] else { throw reader.fail(key + ".days", "required") }
        return WindowRule(
            country: try m["country"].map { try reader.string($0, key + ".country") } ?? "*",
            sellerType: try m["seller_type"].map { try reader.string($0, key + ".seller_type") } ?? "*",
            days: try reader.int(days, key + ".days", in: RunConfiguration.windowDayRange))
    }

    /// `watch_kinds`: the watchlist's kinds, each once.
    private static func watchKinds(_ node: Node, _ reader: YAMLKeyReader) throws -> [WatchKind] {
        var kinds: [WatchKind] = []
        for (i, item) in try reader.sequence(node, "watch_kinds").enumerated() {
            let name = try reader.string(item, "watch_kinds[\(i)]")
            guard let kind = WatchKind(rawValue: name), !kinds.contains(kind) else {
                throw reader.fail(
                    "watch_kinds[\(i)]", "'\(name)' is not request_window or dispute_window, or is given twice")
            }
            kinds.append(kind)
        }
        return kinds
    }

    /// `fail_on`: flag names, and the watchlist's kinds.
    private static func failOn(_ node: Node, _ reader: YAMLKeyReader) throws -> (flags: [Flag], watch: [WatchKind]) {
        var result: (flags: [Flag], watch: [WatchKind]) = ([], [])
        for (i, item) in try reader.sequence(node, "fail_on").enumerated() {
            let name = try reader.string(item, "fail_on[\(i)]")
            if let flag = Flag(rawValue: name) {
                result.flags.append(flag)
            } else if let kind = WatchKind(rawValue: name) {
                result.watch.append(kind)
            } else {
                throw reader.fail("fail_on[\(i)]", "'\(name)' is not a flag or a watchlist kind")
            }
        }
        return result
    }

    private static func orderLink(_ node: Node, _ reader: YAMLKeyReader) throws -> OrderLink {
        let template = try reader.string(node, "order_url")
        guard let link = OrderLink(template: template) else {
            throw reader.fail(
                "order_url",
                "'\(template)' must start with https://, contain {order_id} and hold only printable ASCII (percent-encode the rest)"
            )
        }
        return link
    }

    private static func redactPersonalData(_ node: Node, _ reader: YAMLKeyReader) throws -> Bool {
        let text = try reader.string(node, "redact_personal_data")
        guard let redact = Bool(text) else {
            throw reader.fail("redact_personal_data", "'\(text)' is not true or false")
        }
        return redact
    }
}
