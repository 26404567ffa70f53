/// Business days: days that are neither a weekend day nor a holiday of this calendar.
public struct BusinessCalendar: Sendable {
    public let name: String
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are weekend days.
    public let weekend: Set<Int>
    /// Holidays that fall on working weekdays, sorted (weekend holidays change nothing).
    private let holidays: [CivilDate]
    private let holidaySet: Set<CivilDate>

    public init(name: String, weekend: Set<Int> = [6, 7], holidays: [CivilDate] = []) {
        self.name = name
        self.weekend = weekend
        let working = Set(holidays.filter { !weekend.contains($0.isoWeekday) })
        self.holidays = working.sorted()
        self.holidaySet = working
    }

    public func isBusinessDay(_ date: CivilDate) -> Bool {
        !weekend.contains(date.isoWeekday) && !holidaySet.contains(date)
    }

    /// The `n`th business day after `start` (`start` itself never counts).
    public func businessDay(_ n: Int, after start: CivilDate) -> CivilDate {
        precondition(weekend.count < 7, "a calendar needs at least one working weekday")
        var date = start
        var counted = 0
        while counted < n {
            date = date.adding(days: 1)
            if isBusinessDay(date) { counted += 1 }
        }
        return date
    }

    /// The number of business days d with `start` < d ≤ `end`; 0 when `end` ≤ `start`.
    public func businessDays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        let span = Int(end.days - start.days)
        let workdaysPerWeek = 7 - weekend.count
        var count = (span / 7) * workdaysPerWeek
        var day = start.adding(days: (span / 7) * 7)
        while day < end {
            day = day.adding(days: 1)
            if !weekend.contains(day.isoWeekday) { count += 1 }
        }
        return count - holidaysBetween(after: start, through: end)
    }

    /// The holidays (on working weekdays) d with `start` < d ≤ `end`.
    public func holidays(after start: CivilDate, through end: CivilDate) -> [CivilDate] {
        guard end > start else { return [] }
        return Array(holidays[firstIndex(after: start)..<firstIndex(after: end)])
    }

    private func holidaysBetween(after start: CivilDate, through end: CivilDate) -> Int {
        firstIndex(after: end) - firstIndex(after: start)
    }

    /// Index of the first holiday later than `date`.
    private func firstIndex(after date: CivilDate) -> Int {
        var low = 0, high = holidays.count
        while low < high {
            let mid = (low + high) / 2
            if holidays[mid] <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
