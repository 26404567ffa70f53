/// Business days: days that are neither a weekend day nor a holiday of this calendar.
package struct BusinessCalendar: Sendable {
    package let name: String
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are weekend days.
    package let weekend: Set<Int>
    /// `weekend` as bits by ISO weekday: every case's clock tests a month of days, and a set lookup hashes.
    private let weekendBits: UInt8
    /// Holidays that fall on working weekdays, sorted (weekend holidays change nothing).
    private let holidays: [CivilDate]

    package init(name: String, weekend: Set<Int> = [6, 7], holidays: [CivilDate] = []) {
        self.name = name
        self.weekend = weekend
        weekendBits = weekend.reduce(0) { $0 | 1 << UInt8($1) }
        self.holidays = Set(holidays.filter { !weekend.contains($0.isoWeekday) }).sorted()
    }

    /// The most days in a row a calendar may leave without a business day.
    package static let longestClosedStretch = 366

    /// The same, for a calendar read from `file`: holidays that leave more than `longestClosedStretch` days
    /// in a row without a business day are a configuration error. Counting business days from any date then
    /// meets one within a year, so a case's due date is always found (`business_days` is at most 366).
    package init(name: String, weekend: Set<Int>, holidays: [CivilDate], file: String) throws {
        self.init(name: name, weekend: weekend, holidays: holidays)
        if let (from, through) = longestStretchWithoutBusinessDays(),
            through.days - from.days + 1 > Self.longestClosedStretch
        {
            throw ReconError.configuration(
                file: file, key: "holidays",
                reason: "no business day from \(from) through \(through), "
                    + "more than \(Self.longestClosedStretch) days in a row")
        }
    }

    /// The first and last day of the longest run of days without a business day that holidays make (nil
    /// when there are no holidays on working weekdays). Holidays are sorted working weekdays, so a run is
    /// holidays each of which is the next working weekday after the one before.
    private func longestStretchWithoutBusinessDays() -> (CivilDate, CivilDate)? {
        var longest: (CivilDate, CivilDate)? = nil
        var runStart = 0
        for (i, holiday) in holidays.enumerated() {
            if i > 0, nextWorkingWeekday(after: holidays[i - 1]) != holiday { runStart = i }
            let from = previousWorkingWeekday(before: holidays[runStart]).adding(days: 1)
            let through = nextWorkingWeekday(after: holiday).adding(days: -1)
            if longest.map({ through.days - from.days > $0.1.days - $0.0.days }) ?? true { longest = (from, through) }
        }
        return longest
    }

    private func nextWorkingWeekday(after date: CivilDate) -> CivilDate {
        var day = date.adding(days: 1)
        while isWeekend(day) { day = day.adding(days: 1) }
        return day
    }

    private func previousWorkingWeekday(before date: CivilDate) -> CivilDate {
        var day = date.adding(days: -1)
        while isWeekend(day) { day = day.adding(days: -1) }
        return day
    }

    private func isWeekend(_ date: CivilDate) -> Bool { weekendBits & 1 << UInt8(date.isoWeekday) != 0 }

    package func isBusinessDay(_ date: CivilDate) -> Bool {
        guard !isWeekend(date) else { return false }
        let next = firstIndex(after: date.adding(days: -1))  // the first holiday on or after `date`
        return next == holidays.count || holidays[next] != date
    }

    /// The `n`th business day after `start` (`start` itself never counts).
    package func businessDay(_ n: Int, after start: CivilDate) -> CivilDate {
        precondition(weekend.count < 7, "a calendar needs at least one working weekday")
        var date = start
        var counted = 0
        // The days go forward, so the next holiday to meet is one index that moves with them.
        var nextHoliday = firstIndex(after: start)
        while counted < n {
            date = date.adding(days: 1)
            let isHoliday = nextHoliday < holidays.count && holidays[nextHoliday] == date
            if isHoliday { nextHoliday += 1 }
            if !isHoliday && !isWeekend(date) { counted += 1 }
        }
        return date
    }

    /// The number of business days d with `start` < d ≤ `end`; 0 when `end` ≤ `start`.
    package func businessDays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        let span = Int(end.days - start.days)
        let workdaysPerWeek = 7 - weekend.count
        var count = (span / 7) * workdaysPerWeek
        var day = start.adding(days: (span / 7) * 7)
        while day < end {
            day = day.adding(days: 1)
            if !isWeekend(day) { count += 1 }
        }
        return count - holidaysBetween(after: start, through: end)
    }

    /// The holidays (on working weekdays) d with `start` < d ≤ `end`.
    package func holidays(after start: CivilDate, through end: CivilDate) -> [CivilDate] {
        guard end > start else { return [] }
        return Array(holidays[firstIndex(after: start)..<firstIndex(after: end)])
    }

    private func holidaysBetween(after start: CivilDate, through end: CivilDate) -> Int {
        firstIndex(after: end) - firstIndex(after: start)
    }

    /// Index of the first holiday later than `date`.
    private func firstIndex(after date: CivilDate) -> Int {
        var low = 0
        var high = holidays.count
        while low < high {
            let mid = (low + high) / 2
            if holidays[mid] <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
