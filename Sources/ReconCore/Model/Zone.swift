import Foundation

/// A named time zone (IANA identifier). Its offsets from 1900 to 2100 are a table of the zone's clock
/// changes, made once when the zone is named, so that reading a timestamp or taking an instant's date asks
/// Foundation nothing (outside those years the zone's `TimeZone` is asked); UTC needs no table.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    public let identifier: String
    private let timeZone: TimeZone?
    private let fixedOffset: Int
    private let table: OffsetTable?

    public static let utc = Zone(identifier: "UTC", timeZone: nil, fixedOffset: 0)

    private init(identifier: String, timeZone: TimeZone?, fixedOffset: Int) {
        self.identifier = identifier
        self.timeZone = timeZone
        self.fixedOffset = fixedOffset
        table = timeZone.map(OffsetTable.init)
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
        guard let timeZone else { return fixedOffset }
        if let offset = table?.offset(at: seconds) { return offset }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The offset that applies to a wall-clock time in this zone (seconds since epoch as if it were UTC).
    /// A time the clock skips (in a gap, when clocks go forward) is read as the same time after the jump:
    /// the offset before the change, which gives the wall-clock time moved forward by the gap, in the new
    /// offset (00:30 on a day whose clocks go from 00:00 to 01:00 is 01:30). A time the clock shows twice
    /// (in an overlap, when clocks go back) is its first occurrence, with the offset before the change.
    public func offset(atLocal seconds: Int64) -> Int {
        guard timeZone != nil else { return fixedOffset }
        // The instant is within 18 hours of `seconds`: these are the offsets either side of a change near it.
        let before = offset(atUTC: seconds - 86400)
        let after = offset(atUTC: seconds + 86400)
        if before == after { return before }
        if offset(atUTC: seconds - Int64(before)) == before { return before }
        if offset(atUTC: seconds - Int64(after)) == after { return after }
        return before
    }

    public var description: String { identifier }

    public static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

/// A zone's offsets from 1900 to 2100 (UTC): `initial` until the first clock change, then each change's
/// offset from its instant on. Foundation lists the changes (about two a year in a zone with summer time).
private struct OffsetTable: Sendable {
    static let start: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    static let end: Int64 = 4_102_444_800  // 2100-01-01T00:00:00Z
    let initial: Int
    let changes: [Int64]
    let offsets: [Int32]

    init(_ timeZone: TimeZone) {
        var date = Date(timeIntervalSince1970: TimeInterval(Self.start))
        initial = timeZone.secondsFromGMT(for: date)
        var changes: [Int64] = []
        var offsets: [Int32] = []
        while let next = timeZone.nextDaylightSavingTimeTransition(after: date),
            next.timeIntervalSince1970 < TimeInterval(Self.end)
        {
            changes.append(Int64(next.timeIntervalSince1970.rounded(.down)))
            offsets.append(Int32(timeZone.secondsFromGMT(for: next)))
            date = next
        }
        self.changes = changes
        self.offsets = offsets
    }

    /// The offset at `seconds` (UTC), or nil outside the table's years.
    func offset(at seconds: Int64) -> Int? {
        guard seconds >= Self.start, seconds < Self.end else { return nil }
        var low = 0
        var high = changes.count  // the first change after `seconds`
        while low < high {
            let mid = (low + high) / 2
            if changes[mid] <= seconds { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initial : Int(offsets[low - 1])
    }
}
