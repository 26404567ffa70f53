/// Offsets of the time-zone abbreviations that exports print (PayPal's `TimeZone` column: PST, PDT, CEST…).
/// Ambiguous ones (IST, CST as China time) are left out, so they read as unknown rather than wrong.
package enum TimeZoneAbbreviations {
    /// `+HH:MM` for a known abbreviation.
    package static func offset(for abbreviation: String) -> String? {
        guard let minutes = minutes[abbreviation.trimmingSpaces().uppercased()] else { return nil }
        return text(minutes: minutes)
    }

    /// `+HH:MM` (or `-HH:MM`) for an offset in minutes.
    static func text(minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        return sign + String(abs(minutes) / 60).leftPadded(2) + ":" + String(abs(minutes) % 60).leftPadded(2)
    }

    static let minutes: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120,
        "EET": 120, "EEST": 180, "MSK": 180, "HST": -600, "AKST": -540, "AKDT": -480, "PST": -480, "PDT": -420,
        "MST": -420, "MDT": -360, "CST": -360, "CDT": -300, "EST": -300, "EDT": -240, "AST": -240, "ADT": -180,
        "NST": -210, "NDT": -150, "BRT": -180, "ART": -180, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480,
        "AWST": 480, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    ]
}

/// What a zone column's values mean: an abbreviation (`PST`, a fixed offset) or an IANA name
/// (`America/Los_Angeles`, whose offset depends on the time). Each IANA zone is made once for a file, as
/// making a `Zone` reads its clock changes; only zones found are kept, so the table stays small.
package final class ZoneColumnValues: Sendable {
    private let zones = Locked<[String: Zone]>([:])

    package init() {}

    /// `+HH:MM` for the wall-clock time `iso` (`YYYY-MM-DDTHH:MM:SS`) in the zone `value` names; nil when
    /// `value` is neither a known abbreviation nor an IANA name.
    package func offset(for value: String, atLocal iso: String) -> String? {
        if let abbreviation = TimeZoneAbbreviations.offset(for: value) { return abbreviation }
        guard value.contains("/"), let zone = zone(named: value),
            case .success(let local) = TimestampParser.parse(iso, zone: .utc)
        else { return nil }
        return TimeZoneAbbreviations.text(minutes: zone.offset(atLocal: local.seconds) / 60)
    }

    private func zone(named name: String) -> Zone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        guard let zone = Zone(identifier: name) else { return nil }
        zones.withLock { $0[name] = zone }
        return zone
    }
}
