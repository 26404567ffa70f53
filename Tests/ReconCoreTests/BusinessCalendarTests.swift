import Testing

@testable import ReconCore

@Suite struct BusinessCalendarTests {
    func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    let usHolidays = ["2026-05-25", "2026-06-19", "2026-07-03"].map { CivilDate(iso: $0)! }

    @Test func twentiethBusinessDayAcrossWeekends() {
        let plain = BusinessCalendar(name: "plain")
        // Approved Monday 2 March: 3–6, 9–13, 16–20, 23–27 March are days 1–19; Monday 30 March is day 20.
        #expect(plain.businessDay(20, after: day("2026-03-02")) == day("2026-03-30"))
    }

    @Test func holidaysPushTheDueDate() {
        let us = BusinessCalendar(name: "US", holidays: usHolidays)
        // Approved Friday 1 May: Memorial Day (25 May) is skipped, so day 20 is Monday 1 June, not Friday 29 May.
        #expect(us.businessDay(20, after: day("2026-05-01")) == day("2026-06-01"))
        #expect(BusinessCalendar(name: "plain").businessDay(20, after: day("2026-05-01")) == day("2026-05-29"))
    }

    @Test func saturdayApprovalStartsCountingOnMonday() {
        let us = BusinessCalendar(name: "US", holidays: usHolidays)
        #expect(us.businessDay(1, after: day("2026-05-30")) == day("2026-06-01"))
        // 1–5, 8–12, 15–18 June (19th is Juneteenth), 22–26, then Monday 29 June is day 20.
        #expect(us.businessDay(20, after: day("2026-05-30")) == day("2026-06-29"))
        #expect(us.businessDays(after: day("2026-05-30"), through: day("2026-06-29")) == 20)
        #expect(us.businessDays(after: day("2026-05-30"), through: day("2026-06-30")) == 21)
    }

    @Test func countingExcludesTheStartAndIncludesTheEnd() {
        let plain = BusinessCalendar(name: "plain")
        #expect(plain.businessDays(after: day("2026-06-01"), through: day("2026-06-01")) == 0)
        #expect(plain.businessDays(after: day("2026-06-01"), through: day("2026-06-02")) == 1)
        #expect(plain.businessDays(after: day("2026-06-05"), through: day("2026-06-08")) == 1)  // Fri → Mon
        #expect(plain.businessDays(after: day("2026-06-30"), through: day("2026-06-01")) == 0)
        // Long spans agree with day-by-day counting.
        let us = BusinessCalendar(name: "US", holidays: usHolidays)
        var expected = 0
        var d = day("2026-01-01")
        while d < day("2026-12-31") {
            d = d.adding(days: 1)
            if us.isBusinessDay(d) { expected += 1 }
        }
        #expect(us.businessDays(after: day("2026-01-01"), through: day("2026-12-31")) == expected)
    }

    /// Holidays back to back, on the start day, the day after it and on weekends: the nth business day and
    /// the count between two dates agree with walking the days one by one.
    @Test func clockAgreesWithWalkingTheDays() {
        let holidays = ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-28", "2026-12-31", "2027-01-01"].map(day)
        for weekend in [Set([6, 7]), Set([5, 6]), Set([7])] {
            let calendar = BusinessCalendar(name: "t", weekend: weekend, holidays: holidays)
            func walked(_ date: CivilDate) -> Bool { !weekend.contains(date.isoWeekday) && !holidays.contains(date) }
            for offset in 0..<21 {
                let start = day("2026-12-14").adding(days: offset)
                var date = start
                var counted = 0
                for n in 1...25 {
                    repeat { date = date.adding(days: 1) } while !walked(date)
                    counted += 1
                    #expect(calendar.businessDay(n, after: start) == date, "\(weekend) \(start) n=\(n)")
                    #expect(calendar.businessDays(after: start, through: date) == counted)
                    #expect(
                        calendar.isBusinessDay(date)
                            && calendar.isBusinessDay(date.adding(days: -1)) == walked(date.adding(days: -1)))
                }
            }
        }
    }

    @Test func configurableWeekend() {
        // A Friday–Saturday weekend: approved Thursday 4 June, day 1 is Sunday 7 June.
        let gulf = BusinessCalendar(name: "gulf", weekend: [5, 6])
        #expect(gulf.businessDay(1, after: day("2026-06-04")) == day("2026-06-07"))
    }

    @Test func holidayFileReadsDatesAndComments() throws {
        let dates = try HolidayFile.parse("# US\n2026-05-25  # Memorial Day\n\n2026-06-19\n", path: "h.txt")
        #expect(dates == [day("2026-05-25"), day("2026-06-19")])
        #expect(
            throws: ReconError.configuration(
                file: "h.txt", key: "line 2", reason: "'25/05/2026' is not a YYYY-MM-DD date")
        ) {
            _ = try HolidayFile.parse("2026-01-01\n25/05/2026\n", path: "h.txt")
        }
        // A BOM before the first date, as a spreadsheet's "save as text" writes it, is skipped.
        #expect(
            try HolidayFile.parse("\u{FEFF}2026-12-25\r\n2026-12-26\r\n", path: "h.txt") == [
                day("2026-12-25"), day("2026-12-26"),
            ])
    }
}

/// Holidays may close many days, but a calendar that leaves more than 366 days in a row without a business
/// day is refused when it is read, so that finding a due date always ends.
@Suite struct ClosedStretchTests {
    func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    /// Every day from `first` through `last` as a holiday.
    func everyDay(_ first: String, through last: String) -> [CivilDate] {
        (day(first).days...day(last).days).map { CivilDate(days: $0) }
    }

    /// 2026-01-01 (Thursday) through 2027-01-01 (Friday) are holidays: with the weekend after it, no business
    /// day from 1 Jan 2026 through Sunday 3 Jan 2027, 368 days → refused, naming the stretch.
    @Test func aYearAndMoreWithoutABusinessDayIsRefused() {
        #expect(
            throws: ReconError.configuration(
                file: "closed.txt", key: "holidays",
                reason: "no business day from 2026-01-01 through 2027-01-03, more than 366 days in a row")
        ) {
            _ = try BusinessCalendar(
                name: "closed", weekend: [6, 7], holidays: everyDay("2026-01-01", through: "2027-01-01"),
                file: "closed.txt")
        }
    }

    /// Holidays 1 Jan through Wednesday 30 Dec 2026: 364 days closed, accepted. Approved Wednesday 31 Dec
    /// 2025, business day 1 is Thursday 31 Dec 2026 and day 2 Friday 1 Jan 2027.
    @Test func justUnderAYearIsAcceptedAndCountedThrough() throws {
        let calendar = try BusinessCalendar(
            name: "closed", weekend: [6, 7], holidays: everyDay("2026-01-01", through: "2026-12-30"),
            file: "closed.txt")
        #expect(calendar.businessDay(1, after: day("2025-12-31")) == day("2026-12-31"))
        #expect(calendar.businessDay(2, after: day("2025-12-31")) == day("2027-01-01"))
    }

    /// A run reading such a holiday file stops with a configuration error (exit 2) naming the file.
    @Test func aRunWithSuchACalendarStops() throws {
        var scenario = Scenario(orders: "A,2026-06-01,USD,1.00,,US,standard,,,,\n", payments: "")
        scenario.holidays = everyDay("2026-01-01", through: "2027-01-01").map(\.description)
        #expect {
            _ = try scenario.reconcile()
        } throws: { error in
            guard case ReconError.configuration(let file, "holidays", _) = error else { return false }
            return file.hasSuffix("holidays.txt") && (error as! ReconError).exitCode == 2
        }
    }
}
