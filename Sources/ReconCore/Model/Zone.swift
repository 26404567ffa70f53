import Foundation

/// A named time zone (IANA identifier) with fast paths for fixed offsets such as UTC.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    public let identifier: String
    private let timeZone: TimeZone?
    private let fixedOffset: Int

    public static let utc = Zone(identifier: "UTC", timeZone: nil, fixedOffset: 0)

    private init(identifier: String, timeZone: TimeZone?, fixedOffset: Int) {
        self.identifier = identifier
        self.timeZone = timeZone
        self.fixedOffset = fixedOffset
    }

    /// Returns nil for an identifier that names no time zone.
    public init?(identifier: String) {
        if identifier == "UTC" || identifier == "Etc/UTC" || identifier == "Z" {
            self = .utc
            return
        }
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(identifier: identifier, timeZone: tz, fixedOffset: 0)
    }

    /// The offset from UTC, in seconds, at a UTC instant.
    public func offset(atUTC seconds: Int64) -> Int {
        guard let tz = timeZone else { return fixedOffset }
        return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The offset that applies to a wall-clock time in this zone (seconds since epoch as if it were UTC).
    /// In a gap or overlap at a clock change, the offset before the change is used.
    public func offset(atLocal seconds: Int64) -> Int {
        guard timeZone != nil else { return fixedOffset }
        let guess = offset(atUTC: seconds)
        let second = offset(atUTC: seconds - Int64(guess))
        return guess == second ? guess : max(guess, second)
    }

    public var description: String { identifier }

    public static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
