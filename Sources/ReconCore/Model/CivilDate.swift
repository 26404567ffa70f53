/// A calendar date as a day count since 1970-01-01, so that date arithmetic is integer arithmetic.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var days: Int32

    public init(days: Int32) { self.days = days }

    /// Returns nil unless year, month and day form a real date (years 0001–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        days = Int32(era * 146097 + doe - 719468)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (Int(days) + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days n: Int) -> CivilDate { CivilDate(days: days + Int32(n)) }

    /// Days since Excel's epoch, for writing real dates into a workbook.
    public var excelSerial: Double { Double(Int(days) + 25569) }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendDescription(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `description` (`YYYY-MM-DD`) to `bytes`.
    func appendDescription(to bytes: inout [UInt8]) {
        let (y, m, d) = components
        if y < 0 {
            bytes.append(contentsOf: String(y).leftPadded(4).utf8)
        } else {
            bytes.appendDecimal(UInt64(y), minimumDigits: 4)
        }
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(UInt64(m), minimumDigits: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(UInt64(d), minimumDigits: 2)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Digits.value(b, 0, 4), let m = Digits.value(b, 5, 2), let d = Digits.value(b, 8, 2),
            let date = CivilDate(year: y, month: m, day: d)
        else { return nil }
        self = date
    }
}

extension String {
    /// Pads on the left to `width` characters: `"7".leftPadded(2) == "07"`.
    package func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// Reads fixed-width ASCII digit runs out of byte buffers.
enum Digits {
    static func value<C: RandomAccessCollection>(_ bytes: C, _ start: Int, _ count: Int) -> Int?
    where C.Element == UInt8, C.Index == Int {
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let c = bytes[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}
