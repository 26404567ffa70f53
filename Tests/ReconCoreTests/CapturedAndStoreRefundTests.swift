import Testing

@testable import ReconCore

/// A case owes what was captured, less what the orders' source records as refunded when no payment names
/// the order. As of 2026-06-30 with weekends only: an approval on Wednesday 1 April is due on Wednesday
/// 29 April (2–3, 6–10, 13–17, 20–24, 27–29 April are its 20 business days), so anything still owed is overdue.
@Suite struct CapturedAndStoreRefundTests {
    static let header =
        "order_id,placed_at,currency,total,country,cancel_approved_at,refund_approved_at,refund_amount,"
        + "captured_amount,refunded_amount\n"

    func reconcile(orders: String, payments: String = "") throws -> Pipeline.Result {
        var scenario = Scenario(orders: "", payments: payments)
        scenario.orders = Self.header + orders
        return try scenario.reconcile()
    }

    /// Captured 0 (a voided authorisation): nothing is owed, the case is never_captured and closed on its
    /// approval day with 0 business days, and raises no flag, though nothing was refunded.
    @Test func neverCapturedOwesNothing() throws {
        let result = try reconcile(orders: "VOID,2026-03-30,USD,50.00,US,2026-04-01,,,0,\n")
        let c = try #require(result.caseOf("VOID"))
        #expect(c.state == .neverCaptured && c.expected == 0 && c.settled == 0 && c.outstanding == 0)
        #expect(c.settledOn == CivilDate(iso: "2026-04-01") && c.businessDaysElapsed == 0)
        #expect(result.reconciliation.exceptions.isEmpty)
        let lines = try #require(Explainer(result: result).explain("VOID"))
        #expect(lines.contains { $0.contains("never captured (USD 0.00 taken)") })
    }

    /// Captured 30.00 of an 80.00 order: the cancellation owes 30.00; a refund of 50.00 owes the smaller,
    /// 30.00; a captured amount above the total owes the total. None refunded, so all three are overdue.
    @Test func partlyCapturedOwesWhatWasCaptured() throws {
        let result = try reconcile(
            orders: """
                CANCEL,2026-03-30,USD,80.00,US,2026-04-01,,,30.00,
                REFUND,2026-03-30,USD,80.00,US,,2026-04-01,50.00,30.00,
                ABOVE,2026-03-30,USD,80.00,US,2026-04-01,,,90.00,

                """)
        #expect(result.caseOf("CANCEL")?.expected == 3000 && result.caseOf("CANCEL")?.state == .overdue)
        #expect(result.caseOf("REFUND")?.expected == 3000 && result.caseOf("REFUND")?.state == .overdue)
        #expect(result.caseOf("ABOVE")?.expected == 8000)
        #expect(result.flags(.overdue).map(\.amount) == [8000, 3000, 3000])
    }

    /// A refund approved for 15.00 on a 10.00 order owes the 10.00 taken, whether the captured amount is
    /// empty (the total) or the total written out; 9.99 captured owes 9.99. None refunded: all overdue.
    @Test func refundAboveTheTotalOwesWhatWasTaken() throws {
        let result = try reconcile(
            orders: """
                EMPTY,2026-03-30,USD,10.00,US,,2026-04-01,15.00,,
                TOTAL,2026-03-30,USD,10.00,US,,2026-04-01,15.00,10.00,
                LESS,2026-03-30,USD,10.00,US,,2026-04-01,15.00,9.99,

                """)
        #expect(["EMPTY", "TOTAL", "LESS"].map { result.caseOf($0)?.expected } == [1000, 1000, 999])
        #expect(result.flags(.overdue).map(\.amount) == [1000, 999, 1000])  // by order id
    }

    /// The store records 60.96 refunded on a 60.96 order and no payment names it: refunded_per_store, the
    /// store's figure as settled, nothing outstanding, no date, no flag.
    @Test func refundedPerStoreWithoutPayments() throws {
        let result = try reconcile(orders: "STORE,2026-03-30,USD,60.96,US,2026-04-01,,,,60.96\n")
        let c = try #require(result.caseOf("STORE"))
        #expect(c.state == .refundedPerStore && c.expected == 6096 && c.settled == 6096 && c.outstanding == 0)
        #expect(c.settledOn == nil)
        #expect(result.reconciliation.exceptions.isEmpty)
        let lines = try #require(Explainer(result: result).explain("STORE"))
        #expect(lines.contains { $0.contains("state refunded_per_store: refunded per store, not seen in payments") })
    }

    /// The store records 20.00 of 50.00 refunded and no payment names the order: 30.00 is still owed and
    /// overdue; the flag's detail says the 20.00 is the store's record.
    @Test func remainderBeyondTheStoresRecordIsOwed() throws {
        let result = try reconcile(orders: "REST,2026-03-30,USD,50.00,US,2026-04-01,,,,20.00\n")
        let c = try #require(result.caseOf("REST"))
        #expect(c.state == .overdue && c.settled == 2000 && c.outstanding == 3000)
        let flag = try #require(result.flags(.overdue).first)
        #expect(flag.amount == 3000)
        #expect(flag.detail.hasSuffix("20.00 of 50.00 USD refunded by 2026-06-30 per store (not seen in payments)"))
        let lines = try #require(Explainer(result: result).explain("REST"))
        #expect(
            lines.contains { $0.hasSuffix("USD 20.00 refunded per store (not seen in payments), the rest is owed") })
    }

    /// When a payment names the order, the payments decide and the store's record is ignored: a charge
    /// alone (nothing refunded: overdue for all 40.00), or a refund of 10.00 of 25.00 (overdue for 15.00).
    @Test func paymentsThatNameTheOrderDecide() throws {
        let result = try reconcile(
            orders: """
                CHARGED,2026-03-30,USD,40.00,US,2026-04-01,,,,40.00
                PARTREF,2026-03-30,USD,25.00,US,2026-04-01,,,,25.00

                """,
            payments: """
                C1,charge,2026-03-30T10:00:00Z,40.00,USD,,CHARGED,,
                R1,refund,2026-04-03T10:00:00Z,10.00,USD,,PARTREF,,

                """)
        let charged = try #require(result.caseOf("CHARGED"))
        #expect(charged.state == .overdue && charged.settled == 0 && charged.outstanding == 4000)
        let partly = try #require(result.caseOf("PARTREF"))
        #expect(partly.state == .overdue && partly.settled == 1000 && partly.outstanding == 1500)
        #expect(result.reconciliation.recordedRefunds.byOrders.isEmpty)
        let lines = try #require(Explainer(result: result).explain("CHARGED"))
        #expect(lines.contains { $0.contains("records USD 40.00 refunded, but payments name this order: they decide") })
    }

    /// Orders of 100.00 paid 70.00 by card (a charge in the payments) and 30.00 by gift card (in no payments
    /// file), which the store records as refunded: the record counts for the gift card's part, up to what
    /// it records beyond the payments' refunds, from the start, and the card's refunds settle on their day.
    /// - GIFT (cancelled 04-01, 100.00 recorded): 30.00 + the refund of 70.00 on 04-03 → settled 04-03.
    /// - SHORT (cancelled, 100.00 recorded): 30.00 + a refund of 50.00 → 80.00: 20.00 of the card's money is
    ///   still owed, overdue.
    /// - HALF (refund of 50.00 approved, 50.00 recorded): 30.00 + a refund of 20.00 on 04-06 → settled 04-06.
    /// - ONLYGIFT (refund of 20.00 approved, 20.00 recorded, no refund in the payments): 20.00 of the gift
    ///   card's part → refunded_per_store.
    @Test func theStoresRecordCountsForThePartThePaymentsNeverTook() throws {
        let result = try reconcile(
            orders: """
                GIFT,2026-03-30,USD,100.00,US,2026-04-01,,,,100.00
                SHORT,2026-03-30,USD,100.00,US,2026-04-01,,,,100.00
                HALF,2026-03-30,USD,100.00,US,,2026-04-01,50.00,,50.00
                ONLYGIFT,2026-03-30,USD,100.00,US,,2026-04-01,20.00,,20.00

                """,
            payments: """
                CG,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,GIFT,,
                CS,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,SHORT,,
                CH,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,HALF,,
                CO,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,ONLYGIFT,,
                RG,refund,2026-04-03T10:00:00Z,70.00,USD,card:1111,GIFT,CG,
                RS,refund,2026-04-03T10:00:00Z,50.00,USD,card:1111,SHORT,CS,
                RH,refund,2026-04-06T10:00:00Z,20.00,USD,card:1111,HALF,CH,

                """)
        let states = ["GIFT", "SHORT", "HALF", "ONLYGIFT"].map { id in
            result.caseOf(id).map { "\($0.state.rawValue) \($0.settled) \($0.settledOn?.description ?? "-")" }
        }
        #expect(
            states == [
                "settled 10000 2026-04-03", "overdue 8000 -", "settled 5000 2026-04-06", "refunded_per_store 2000 -",
            ])
        #expect(result.flags(.overdue).map(\.orderId) == ["SHORT"])
        #expect(
            result.flags(.overdue).first?.detail.hasSuffix(", 30.00 of it per store (not seen in payments)") == true)
        let lines = try #require(Explainer(result: result).explain("GIFT"))
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "they decide, but for USD 30.00 refunded of the part their charges did not take (a gift card or store credit), counted as refunded per store"
                )
            })
    }

    /// The store's record counts for the gift card's part only beyond the order's refunds that did not fail, and a
    /// case it covers alone has no refund's date. Orders of 100.00, 70.00 charged by card:
    /// - PEND (refund of 50.00 approved, 50.00 recorded): the card refund of 50.00 is pending, and the store's
    ///   50.00 is that refund, not the gift card's part: 50.00 owed, overdue.
    /// - COVER (refund of 30.00 approved, 40.00 recorded, a card refund of 10.00 on 04-10): the gift card's
    ///   30.00 covers the case alone, so it is refunded_per_store, not late by the card refund's day.
    /// - AGAIN (cancelled, 100.00 recorded): the card refund of 70.00 failed (04-03) and was made again
    ///   (04-08); the failed one gave nothing back, so the gift card's 30.00 counts: settled 04-08.
    /// - FAILED (cancelled, 30.00 recorded): the card refund of 70.00 failed; the store's 30.00 is the gift
    ///   card's: 70.00 owed, overdue.
    @Test func theStoresRecordCountsBeyondTheOrdersRefundsThatDidNotFail() throws {
        let result = try reconcile(
            orders: """
                PEND,2026-03-30,USD,100.00,US,,2026-04-01,50.00,,50.00
                COVER,2026-03-30,USD,100.00,US,,2026-04-01,30.00,,40.00
                AGAIN,2026-03-30,USD,100.00,US,2026-04-01,,,,100.00
                FAILED,2026-03-30,USD,100.00,US,2026-04-01,,,,30.00

                """,
            payments: """
                CP,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,PEND,,
                CC,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,COVER,,
                RP,refund,2026-04-03T10:00:00Z,50.00,USD,card:1111,PEND,CP,pending
                RC,refund,2026-05-11T10:00:00Z,10.00,USD,card:1111,COVER,CC,
                CA,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,AGAIN,,
                RA1,refund,2026-04-03T10:00:00Z,70.00,USD,card:1111,AGAIN,CA,failed
                RA2,refund,2026-04-08T10:00:00Z,70.00,USD,card:1111,AGAIN,CA,
                CF,charge,2026-03-30T10:00:00Z,70.00,USD,card:1111,FAILED,,
                RF,refund,2026-04-03T10:00:00Z,70.00,USD,card:1111,FAILED,CF,failed

                """)
        #expect(result.caseOf("PEND")?.state == .overdue && result.caseOf("PEND")?.outstanding == 5000)
        #expect(result.caseOf("COVER")?.state == .refundedPerStore && result.caseOf("COVER")?.settledOn == nil)
        #expect(
            result.caseOf("AGAIN")?.state == .settled && result.caseOf("AGAIN")?.settledOn?.description == "2026-04-08")
        #expect(result.caseOf("FAILED")?.state == .overdue && result.caseOf("FAILED")?.outstanding == 7000)
        #expect(result.flags(.overdue).map(\.orderId) == ["FAILED", "PEND"] && result.flags(.late).isEmpty)
    }

    /// 9,300 charges of 10,000,000,000,000.00 on one order whose store records a refund: what they took is
    /// summed up to the order's total, never past what an Int64 holds. Nothing came back: overdue.
    @Test func manyHugeChargesDoNotOverflowTheStoresRecord() throws {
        let charges = (1...9_300).map { "C\($0),charge,2026-03-30T10:00:00Z,10000000000000.00,USD,,BIG,,\n" }
        let result = try reconcile(
            orders: "BIG,2026-03-30,USD,10000000000000.00,US,2026-04-01,,,,10.00\n", payments: charges.joined())
        #expect(result.caseOf("BIG")?.state == .overdue)
    }

    /// Without the two columns a file reads as before: no case is never_captured or refunded_per_store,
    /// and the Summary lists only the four clock states.
    @Test func summaryListsTheNewStatesOnlyWhenPresent() throws {
        let plain = try reconcile(orders: "O,2026-03-30,USD,50.00,US,2026-04-01,,,,\n")
        #expect(
            try RunSummary(reconciliation: plain.reconciliation).casesByState.map(\.state) == CaseState.alwaysListed)
        let store = try reconcile(orders: "S,2026-03-30,USD,50.00,US,2026-04-01,,,,50.00\n")
        let states = try RunSummary(reconciliation: store.reconciliation).casesByState
        #expect(states.map(\.state) == CaseState.alwaysListed + [.refundedPerStore])
        #expect(states.last?.count == 1)
    }

    /// An amount column read from a text column through a `map`: `Voided` (any case) gives 0, any other
    /// status the `"*"` default "", which leaves the column empty (the total was captured), as does an
    /// empty status; the refunded amount is read as an amount.
    @Test func amountColumnTakesItsMapBeforeTheNumberStyle() throws {
        let harness = FormatHarness(
            yaml: """
                kind: orders
                columns:
                  order_id: Name
                  placed_at: Created
                  currency: {value: USD}
                  total: Total
                  cancel_approved_at: Cancelled
                  captured_amount: {from: Status, map: {voided: "0", "*": ""}}
                  refunded_amount: Refunded
                """)
        let out = try harness.read(
            """
            Name,Created,Total,Cancelled,Status,Refunded
            A,2026-05-01,10.00,2026-05-02,Voided,
            B,2026-05-01,10.00,2026-05-02,paid,4.00
            C,2026-05-01,10.00,2026-05-02,,

            """)
        #expect(out.rejected.isEmpty)
        #expect(out.orders.map(\.capturedAmount) == [0, nil, nil])
        #expect(out.orders.map(\.refundedAmount) == [nil, 400, nil])
    }

    /// A negative captured or refunded amount rejects the row, naming the column.
    @Test func negativeAmountsAreRejected() throws {
        let result = try reconcile(
            orders: """
                NEG1,2026-03-30,USD,50.00,US,2026-04-01,,,-1.00,
                NEG2,2026-03-30,USD,50.00,US,2026-04-01,,,,-1.00

                """)
        #expect(result.rejected.map(\.column) == ["captured_amount", "refunded_amount"])
        #expect(result.rejected.first?.reason == "negative captured amount '-1.00'")
    }
}
