import Foundation
import Yams

/// Reads a pipeline file (YAML). Every key is checked: an unknown key or a bad value is a configuration
/// error naming the file and the key. Relative paths are taken from the pipeline file's folder.
public enum PipelineFile {
    public static func load(path: String) throws -> RunConfiguration {
        try parse(try YAMLKeyReader.text(of: path), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> RunConfiguration {
        let reader = YAMLKeyReader(file: path)
        let root = try reader.root(of: text)
        var config = RunConfiguration()
        config.pipelineName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        config.pipelineFile = path
        config.formatFolders = [reader.base.appendingPathComponent("formats").path]

        try reader.keys(root, allowed: ["name", "timezone", "as_of", "business_days", "weekend", "calendars",
                                        "refund_window", "max_reject_rate", "sources", "output", "fail_on", "gzip_level",
                                        "order_url", "redact_personal_data"], at: "")
        if let v = root["name"] { config.pipelineName = try reader.string(v, "name") }
        if let v = root["timezone"] { config.zone = try reader.zone(v, "timezone") }
        if let v = root["as_of"] { config.asOf = try reader.date(v, "as_of") }
        if let v = root["business_days"] { config.businessDayLimit = try reader.int(v, "business_days", in: RunConfiguration.businessDayRange) }
        if let v = root["weekend"] {
            config.weekend = Set(try reader.sequence(v, "weekend").enumerated().map { i, day in
                let name = try reader.string(day, "weekend[\(i)]").lowercased()
                guard let number = RunConfiguration.weekdayNames[name] else {
                    throw ReconError.configuration(file: path, key: "weekend[\(i)]", reason: "'\(name)' is not a weekday name")
                }
                return number
            })
        }
        if let v = root["calendars"] {
            let map = try reader.mapping(v, "calendars")
            try reader.keys(map, allowed: ["default", "by_country"], at: "calendars.")
            if let d = map["default"] { config.defaultHolidays = try reader.path(d, "calendars.default") }
            if let c = map["by_country"] {
                for (key, value) in try reader.mapping(c, "calendars.by_country") {
                    let country = try reader.string(key, "calendars.by_country").uppercased()
                    config.countryHolidays[country] = try reader.path(value, "calendars.by_country.\(country)")
                }
            }
        }
        if let v = root["refund_window"] {
            let map = try reader.mapping(v, "refund_window")
            try reader.keys(map, allowed: ["default_days", "rules"], at: "refund_window.")
            if let d = map["default_days"] { config.windowDays = try reader.int(d, "refund_window.default_days", in: RunConfiguration.windowDayRange) }
            if let rules = map["rules"] {
                config.windowRules = try reader.sequence(rules, "refund_window.rules").enumerated().map { i, rule in
                    let key = "refund_window.rules[\(i)]"
                    let m = try reader.mapping(rule, key)
                    try reader.keys(m, allowed: ["country", "seller_type", "days"], at: key + ".")
                    guard let days = m["days"] else {
                        throw ReconError.configuration(file: path, key: key + ".days", reason: "required")
                    }
                    return WindowRule(country: try m["country"].map { try reader.string($0, key + ".country") } ?? "*",
                                      sellerType: try m["seller_type"].map { try reader.string($0, key + ".seller_type") } ?? "*",
                                      days: try reader.int(days, key + ".days", in: RunConfiguration.windowDayRange))
                }
            }
        }
        if let v = root["max_reject_rate"] { config.maxRejectRate = try reader.fraction(v, "max_reject_rate") }
        if let v = root["sources"] {
            let map = try reader.mapping(v, "sources")
            try reader.keys(map, allowed: ["orders", "payments"], at: "sources.")
            if let o = map["orders"] { config.orders = try reader.sources(o, "sources.orders") }
            if let p = map["payments"] { config.payments = try reader.sources(p, "sources.payments") }
        }
        if let v = root["output"] { config.output = try reader.path(v, "output") }
        if let v = root["fail_on"] {
            config.failOn = try reader.sequence(v, "fail_on").enumerated().map { i, f in
                let name = try reader.string(f, "fail_on[\(i)]")
                guard let flag = Flag(rawValue: name) else {
                    throw ReconError.configuration(file: path, key: "fail_on[\(i)]", reason: "'\(name)' is not a flag")
                }
                return flag
            }
        }
        if let v = root["order_url"] {
            let template = try reader.string(v, "order_url")
            guard let link = OrderLink(template: template) else {
                throw reader.fail("order_url", "'\(template)' must start with https:// and contain {order_id}")
            }
            config.orderLink = link
        }
        if let v = root["redact_personal_data"] {
            let text = try reader.string(v, "redact_personal_data")
            guard let flag = Bool(text) else { throw reader.fail("redact_personal_data", "'\(text)' is not true or false") }
            config.redactPersonalData = flag
        }
        if let v = root["gzip_level"] { config.gzipLevel = Int32(try reader.int(v, "gzip_level", in: RunConfiguration.compressionLevelRange)) }
        try config.validate(origin: path)
        return config
    }
}
