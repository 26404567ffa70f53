/// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds, ordered.
package struct Instant: Hashable, Comparable, Sendable {
    package var seconds: Int64
    package var nanoseconds: Int32

    package init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    package static func < (a: Instant, b: Instant) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// The first instant of `date` in `zone`: its midnight, or where the clock skips midnight (Africa/Cairo
    /// on 2026-04-24 goes from 23:59:59 to 01:00), the moment the day begins.
    package init(startOf date: CivilDate, in zone: Zone) {
        let local = Int64(date.days) * 86400
        self.init(seconds: local - Int64(zone.offset(atLocal: local)))
    }

    /// The calendar date of this instant in `zone`.
    package func date(in zone: Zone) -> CivilDate {
        let local = seconds + Int64(zone.offset(atUTC: seconds))
        return CivilDate(days: Int32(local >= 0 ? local / 86400 : (local - 86399) / 86400))
    }
}
