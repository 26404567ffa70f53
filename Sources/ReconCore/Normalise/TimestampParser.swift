/// What a timestamp says: a date alone (`2026-03-01`), or an instant.
package enum Timestamp: Sendable, Equatable {
    case date(CivilDate)
    case instant(Instant)

    /// The instant; a date alone stands for its first instant in `zone` (see `Instant(startOf:in:)`).
    package func instant(in zone: Zone) -> Instant {
        switch self {
        case .date(let date): Instant(startOf: date, in: zone)
        case .instant(let instant): instant
        }
    }
}

/// Reads ISO 8601 timestamps: `2026-03-01`, `2026-03-01T10:22:33Z`, `2026-03-01T10:22:33.125+09:00`,
/// `2026-03-01 10:22:33 -0500`, minutes-only times, `T` or a space between date and time.
/// A timestamp without an offset is read in the source's zone (`Zone.offset(atLocal:)` says how a time the
/// clock skips or repeats is read); a date alone is a calendar date, in no zone.
package enum TimestampParser {
    package enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case outOfRange
        package var description: String {
            switch self {
            case .malformed:
                return "not an ISO 8601 date or timestamp (expected YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])"
            case .outOfRange: return "date or time out of range"
            }
        }
    }

    /// The instant `text` names; a date alone names its first instant in `zone`.
    package static func parse(_ text: some StringProtocol, zone: Zone) -> Result<Instant, Failure> {
        Array(text.utf8).withUnsafeBufferPointer { read(utf8: $0, zone: zone) }.map { $0.instant(in: zone) }
    }

    /// What UTF-8 bytes say, which a canonical file's field is read as without becoming a `String`.
    static func read(utf8: UnsafeBufferPointer<UInt8>, zone: Zone) -> Result<Timestamp, Failure> {
        // Trim spaces.
        var (start, end) = (0, utf8.count)
        while start < end, utf8[start] == 32 { start += 1 }
        while start < end, utf8[end - 1] == 32 { end -= 1 }
        return parse(bytes: UnsafeBufferPointer(rebasing: utf8[start..<end]), zone: zone)
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>, zone: Zone) -> Result<Timestamp, Failure> {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Digits.value(b, 0, 4), let mo = Digits.value(b, 5, 2), let d = Digits.value(b, 8, 2)
        else { return .failure(.malformed) }
        guard let date = CivilDate(year: y, month: mo, day: d) else { return .failure(.outOfRange) }
        if b.count == 10 { return .success(.date(date)) }
        var hour = 0
        var minute = 0
        var second = 0
        var nanos = 0
        var offset: Int? = nil
        var i = 10
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 32 else {
                return .failure(.malformed)
            }
            i += 1
            guard let h = Digits.value(b, i, 2), i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"),
                let mi = Digits.value(b, i + 3, 2)
            else { return .failure(.malformed) }
            hour = h
            minute = mi
            i += 5
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard let s = Digits.value(b, i + 1, 2) else { return .failure(.malformed) }
                second = s
                i += 3
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else { return .failure(.malformed) }
                    for _ in min(digits, 9)..<9 { nanos *= 10 }
                }
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return .failure(.outOfRange) }
            if second == 60 { second = 59 }  // a leap second is read as the second before it
            while i < b.count, b[i] == 32 { i += 1 }
            if i < b.count {
                switch parseOffset(b, from: i) {
                case .success(let o): offset = o
                case .failure(let f): return .failure(f)
                }
            }
        }
        let local = Int64(date.days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        let utc = local - Int64(offset ?? zone.offset(atLocal: local))
        return .success(.instant(Instant(seconds: utc, nanoseconds: Int32(nanos))))
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM`, to the end of the text.
    private static func parseOffset(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Result<Int, Failure> {
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? .success(0) : .failure(.malformed)
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let h = Digits.value(b, i + 1, 2)
        else { return .failure(.malformed) }
        var j = i + 3
        var m = 0
        if j < b.count {
            if b[j] == UInt8(ascii: ":") { j += 1 }
            guard let mm = Digits.value(b, j, 2), j + 2 == b.count else { return .failure(.malformed) }
            m = mm
        }
        guard h <= 18, m <= 59 else { return .failure(.outOfRange) }
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        return .success(sign * (h * 3600 + m * 60))
    }
}
