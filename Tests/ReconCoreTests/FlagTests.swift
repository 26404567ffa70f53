import Testing

@testable import ReconCore

@Suite struct FlagTests {
    /// Charge 100.00. Refunds in time order: 60 (cum 60), 30 (90), 20 (110: passes 100, its share 10),
    /// 5 (115: share 5). The failed 50 and the EUR 7 count toward nothing.
    /// Refund rows keep their flags as bits: each flag needs one of its own.
    @Test func everyFlagHasABitOfItsOwn() {
        let bits = Flag.allCases.map(\.bit)
        #expect(Set(bits).count == Flag.allCases.count)
        #expect(!bits.contains(0))
    }

    @Test func overRefundFlagsTheCrossingRefundAndEveryLaterOne() throws {
        let result = try Scenario(
            orders: "O,2026-06-01,USD,100.00,card:1,US,standard,,,,\n",
            payments: """
                CH,charge,2026-06-01T08:00:00Z,100.00,USD,card:1,O,,
                R1,refund,2026-06-05T09:00:00Z,60.00,USD,card:1,O,,
                RX,refund,2026-06-05T09:30:00Z,50.00,USD,card:1,O,,failed
                R2,refund,2026-06-06T09:00:00Z,30.00,USD,card:1,O,,
                R3b,refund,2026-06-07T09:00:00Z,20.00,USD,card:1,O,,
                R3a,refund,2026-06-07T09:00:00Z,7.00,EUR,card:1,O,,
                R4,refund,2026-06-08T09:00:00Z,5.00,USD,card:1,O,,

                """
        ).reconcile()
        let over = result.flags(.overRefund)
        #expect(over.map(\.paymentId) == ["R3b", "R4"])
        #expect(over.map(\.amount) == [1000, 500])
        #expect(over.allSatisfy { $0.originalPaymentId == "CH" && $0.orderId == "O" })
        #expect(result.flags(.currencyMismatch).map(\.paymentId) == ["R3a"])
        #expect(result.refund("RX")?.flags == [])
    }

    @Test func overRefundOrdersTiesByPaymentId() throws {
        // Same instant: B1 is taken before B2, so B2 crosses 10.00.
        let result = try Scenario(
            orders: "O,2026-06-01,USD,10.00,,US,standard,,,,\n",
            payments: """
                B2,refund,2026-06-05T09:00:00Z,6.00,USD,,O,,
                B1,refund,2026-06-05T09:00:00Z,6.00,USD,,O,,

                """
        ).reconcile()
        #expect(result.flags(.overRefund).map(\.paymentId) == ["B2"])
        #expect(result.flags(.overRefund).first?.amount == 200)
    }

    @Test func methodMismatchIsNotRaisedOnFailedRefundsOrUnknownMethods() throws {
        let result = try Scenario(
            orders: "O,2026-06-01,USD,50.00,card:1,US,standard,,,,\n",
            payments: """
                CH,charge,2026-06-01T08:00:00Z,50.00,USD,card:1,O,,
                R1,refund,2026-06-05,5.00,USD,card:2,O,,failed
                R2,refund,2026-06-05,5.00,USD,,O,,
                R3,refund,2026-06-05,5.00,USD,card:2,O,,pending

                """
        ).reconcile()
        #expect(result.flags(.methodMismatch).map(\.paymentId) == ["R3"])
    }

    @Test func outOfWindowByRuleAndByDefault() throws {
        var scenario = Scenario(
            orders: """
                BR1,2026-03-01,USD,42.00,,BR,standard,,2026-05-01,,
                BR2,2026-03-01,USD,42.00,,BR,standard,,2026-04-30,,
                US1,2026-01-10,USD,18.00,,US,standard,,2026-04-11,2026-04-12,
                US2,2026-01-10,USD,18.00,,US,standard,,2026-04-10,,
                CH1,2026-02-01,USD,22.00,,US,choice,,2026-04-18,,

                """,
            payments: "")
        scenario.configure = {
            $0.windowRules = [WindowRule(parsing: "BR/*=60")!, WindowRule(parsing: "*/choice=75")!]
        }
        let result = try scenario.reconcile()
        // BR: 1 March + 60 days = 30 April is the last day. Default: 10 Jan + 90 = 10 April. Choice: 1 Feb + 75 = 17 April.
        let flagged = result.flags(.outOfWindow)
        #expect(flagged.map(\.orderId) == ["BR1", "CH1", "US1"])
        #expect(flagged.first { $0.orderId == "US1" }?.approvedOn == CivilDate(iso: "2026-04-12"))
        #expect(flagged.first { $0.orderId == "BR1" }?.detail.contains("window 60 days (rule BR/*)") == true)
    }
}
