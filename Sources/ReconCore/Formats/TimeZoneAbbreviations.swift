/// Offsets of the time-zone abbreviations that exports print (PayPal's `TimeZone` column: PST, PDT, CEST…).
/// Ambiguous ones (IST, CST as China time) are left out, so they read as unknown rather than wrong.
package enum TimeZoneAbbreviations {
    /// `+HH:MM` for a known abbreviation.
    package static func offset(for abbreviation: String) -> String? {
        guard let minutes = minutes[abbreviation.trimmingSpaces().uppercased()] else { return nil }
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
