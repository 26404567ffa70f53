import Testing

@testable import ReconCore

@Suite struct CaseClockTests {
    let usHolidays = ["2026-05-25", "2026-06-19"]

    /// Approved Saturday 30 May, due Monday 29 June (see BusinessCalendarTests): refunded on the due day
    /// is on time; refunded the day after is late with 21 business days.
    @Test func dueDayIsOnTimeAndTheDayAfterIsLate() throws {
        var scenario = Scenario(
            orders: """
                ON,2026-05-26,USD,33.00,,US,standard,2026-05-30,,,
                LATE,2026-05-26,USD,33.00,,US,standard,2026-05-30T10:00:00Z,,,

                """,
            payments: """
                R-ON,refund,2026-06-29T08:00:00Z,33.00,USD,,ON,,
                R-LATE,refund,2026-06-30T08:00:00Z,33.00,USD,,LATE,,

                """)
        scenario.holidays = usHolidays
        let result = try scenario.reconcile()
        let onTime = try #require(result.caseOf("ON"))
        #expect(
            onTime.dueOn == CivilDate(iso: "2026-06-29") && onTime.state == .settled && onTime.businessDaysElapsed == 20
        )
        let late = try #require(result.caseOf("LATE"))
        #expect(late.state == .late)
        let flag = try #require(result.flags(.late).first)
        #expect(flag.orderId == "LATE" && flag.paymentId == "R-LATE" && flag.businessDays == 21 && flag.amount == 3300)
    }

    /// Approved Friday 1 May, due Monday 1 June (Memorial Day skipped). As of 30 June, 20 business days
    /// have passed since the due date (2–30 June less Juneteenth), and 60.00 of the 80.00 order is owed.
    @Test func overdueCountsBusinessDaysPastDue() throws {
        var scenario = Scenario(
            orders: "O,2026-04-14,USD,80.00,,US,standard,,2026-04-28,2026-05-01,60.00\n",
            payments: "")
        scenario.holidays = usHolidays
        let result = try scenario.reconcile()
        let flag = try #require(result.flags(.overdue).first)
        #expect(flag.dueOn == CivilDate(iso: "2026-06-01") && flag.businessDays == 20 && flag.amount == 6000)
        #expect(result.caseOf("O")?.businessDaysElapsed == 40)
    }

    @Test func dueOnAsOfIsStillPending() throws {
        // Approved Monday 2 March, due Monday 30 March.
        let pending = try Scenario(
            orders: "O,2026-03-01,USD,10.00,,US,standard,2026-03-02,,,\n", payments: "",
            asOf: "2026-03-30"
        ).reconcile()
        #expect(pending.caseOf("O")?.state == .pending && pending.flags(.overdue).isEmpty)
        let overdue = try Scenario(
            orders: "O,2026-03-01,USD,10.00,,US,standard,2026-03-02,,,\n", payments: "",
            asOf: "2026-03-31"
        ).reconcile()
        #expect(overdue.caseOf("O")?.state == .overdue && overdue.flags(.overdue).first?.businessDays == 1)
    }

    /// Split refunds settle on the refund that reaches the expected amount; a pending or failed one never counts.
    @Test func splitAndPartialRefunds() throws {
        let result = try Scenario(
            orders: """
                S,2026-05-20,USD,80.00,,US,standard,2026-06-01,,,
                P,2026-05-20,USD,80.00,,US,standard,,,2026-06-01,30.00

                """,
            payments: """
                S1,refund,2026-06-05,30.00,USD,,S,,
                S2,refund,2026-06-10,50.00,USD,,S,,
                P0,refund,2026-06-03,30.00,USD,,P,,failed
                P1,refund,2026-06-04,10.00,USD,,P,,
                P2,refund,2026-06-08,20.00,USD,,P,,pending

                """
        ).reconcile()
        #expect(result.caseOf("S")?.settledOn == CivilDate(iso: "2026-06-10"))
        let partial = try #require(result.caseOf("P"))
        #expect(
            partial.kind == .refund && partial.expected == 3000 && partial.settled == 1000
                && partial.outstanding == 2000)
        // Approved Monday 1 June with no holidays: due Monday 29 June, so overdue on 30 June.
        #expect(partial.state == .overdue && partial.dueOn == CivilDate(iso: "2026-06-29"))
    }

    /// What happens after as_of is ignored and counted: a refund created later is skipped, an approval dated
    /// later does not open a case yet.
    @Test func asOfCutOff() throws {
        let result = try Scenario(
            orders: """
                A,2026-06-01,USD,10.00,,US,standard,,,2026-06-02,
                B,2026-06-01,USD,10.00,,US,standard,2026-07-01,,,

                """,
            payments: """
                RA,refund,2026-07-01T00:00:01Z,10.00,USD,,A,,
                RB,refund,2026-06-30T23:59:59Z,10.00,USD,,B,,

                """
        ).reconcile()
        #expect(result.refund("RA") == nil)
        #expect(result.stats("payments")?.skipped == ["created after as_of": 1])
        #expect(result.stats("orders")?.ignoredAfterAsOf == ["cancel_approved_at": 1])
        #expect(result.caseOf("A")?.state == .pending && result.caseOf("B") == nil)
        #expect(result.refund("RB")?.match == .order)
    }

    @Test func currencyMismatchCountsTowardNothing() throws {
        let result = try Scenario(
            orders: "O,2026-04-01,USD,25.00,card:5,US,standard,,,2026-04-01,\n",
            payments: """
                CH,charge,2026-04-01T08:00:00Z,25.00,USD,card:5,O,,
                R,refund,2026-04-09,23.00,EUR,card:5,,CH,

                """
        ).reconcile()
        #expect(result.flags(.currencyMismatch).map(\.paymentId) == ["R"])
        #expect(result.caseOf("O")?.settled == 0 && result.caseOf("O")?.state == .overdue)
    }

    @Test func japaneseYenAndKuwaitiDinarKeepTheirDecimals() throws {
        let result = try Scenario(
            orders: """
                J,2026-05-15T10:00:00+09:00,JPY,12800,,JP,choice,2026-05-18,,,
                K,2026-05-10,KWD,12.345,,KW,standard,,,2026-05-19,5.5

                """,
            payments: """
                RJ,refund,2026-05-22,-12800.00,jpy,,J,,
                RK,refund,2026-06-25,-5.500,KWD,,K,,

                """
        ).reconcile()
        #expect(result.caseOf("J")?.settled == 12800 && result.caseOf("J")?.state == .settled)
        let k = try #require(result.caseOf("K"))
        #expect(k.expected == 5500 && k.settled == 5500)
        #expect(Money(minorUnits: k.expected, currency: k.currency).plainDecimal == "5.500")
    }
}
