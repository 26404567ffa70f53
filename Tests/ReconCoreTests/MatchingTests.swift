import Foundation
import Testing

@testable import ReconCore

/// The three tiers on one hand-made set. Worked out by hand:
/// - R1 names CH-A1 → reference; R2 names order A → order tier, CH-A1 (CH-A0 failed).
/// - After tiers 1–2, A is owed 50 − 10 − 15 = 25.00; B and C 20.00 each; D 15.00 EUR.
/// - Tier 3 in time order: R10 (2 June, before D's approval on 3 June) finds nothing → unmatched;
///   R3 20.00 fits B and C → ambiguous; R4 15.00 EUR fits D only → amount, D is its own original;
///   R5 25.00 fits A → amount, original CH-A1 (same method); R7 3.00 → unmatched; R8 is pending → none, no flag.
/// - R6 names order E, which has no charge → order tier, E is its own original.
@Suite struct MatchingTests {
    let scenario = Scenario(
        orders: """
            A,2026-06-01,USD,50.00,card:1111,US,standard,,,2026-06-02,
            B,2026-06-01,USD,20.00,card:2222,US,standard,,,2026-06-02,
            C,2026-06-01,USD,20.00,card:2222,US,standard,,,2026-06-02,
            D,2026-06-01,EUR,15.00,,DE,standard,,,2026-06-03,
            E,2026-06-01,USD,9.00,paypal:x@y.z,US,standard,,,,

            """,
        payments: """
            CH-A1,charge,2026-06-01T10:00:00Z,50.00,USD,card:1111,A,,
            CH-A0,charge,2026-06-01T09:00:00Z,50.00,USD,card:9999,A,,failed
            R1,refund,2026-06-05,10.00,USD,card:1111,,CH-A1,
            R2,refund,2026-06-06,-15.00,USD,card:1111,A,,
            R3,refund,2026-06-07,20.00,USD,card:2222,,,
            R4,refund,2026-06-08,15.00,eur,,,,
            R5,refund,2026-06-09,25.00,USD,card:1111,,,
            R6,refund,2026-06-10,9.00,USD,,E,,
            R7,refund,2026-06-10,3.00,USD,,,,
            R8,refund,2026-06-10,3.00,USD,,,,pending
            R10,refund,2026-06-02,15.00,EUR,,,,

            """)

    @Test func eachTierLinksWhatItShould() throws {
        let result = try scenario.reconcile()
        let expected: [(String, MatchTier, String, String)] = [
            ("R1", .reference, "A", "CH-A1"), ("R2", .order, "A", "CH-A1"), ("R3", .ambiguous, "", ""),
            ("R4", .amount, "D", ""), ("R5", .amount, "A", "CH-A1"), ("R6", .order, "E", ""),
            ("R7", .none, "", ""), ("R8", .none, "", ""), ("R10", .none, "", ""),
        ]
        for (id, tier, order, original) in expected {
            let refund = try #require(result.refund(id))
            #expect(refund.match == tier, "\(id)")
            #expect(refund.orderId == order, "\(id)")
            #expect(refund.originalPaymentId == original, "\(id)")
        }
        #expect(result.refund("R6")?.originalMethod(in: result.texts) == "paypal:x@y.z")
    }

    /// Shopify names its orders `#1003`, and Stripe's description `Order #1003` is read as `1003`: a payment
    /// whose `order_id` no order has is linked to the order whose id differs from it only by a leading `#`
    /// (either way round), and only then: `1005` has an order of its own beside `#1005`. #1003 (15.00,
    /// cancellation approved 06-01) is refunded 06-05 by re_1: settled by the order tier, its charge ch_1.
    @Test func aPaymentFindsItsOrderButForALeadingHash() throws {
        let result = try Scenario(
            orders: """
                #1003,2026-06-01,USD,15.00,card:4242,US,standard,2026-06-01,,,
                1004,2026-06-01,USD,9.00,card:4242,US,standard,,,,
                1005,2026-06-01,USD,7.00,card:4242,US,standard,,,,
                #1005,2026-06-01,USD,7.00,card:4242,US,standard,,,,

                """,
            payments: """
                ch_1,charge,2026-06-01T10:00:00Z,15.00,USD,card:4242,1003,,
                re_1,refund,2026-06-05T10:00:00Z,15.00,USD,card:4242,1003,,
                re_2,refund,2026-06-05T10:00:00Z,9.00,USD,card:4242,#1004,,
                re_3,refund,2026-06-05T10:00:00Z,7.00,USD,card:4242,1005,,

                """
        ).reconcile()
        #expect(result.caseOf("#1003")?.state == .settled)
        #expect(result.refund("re_1")?.orderId == "#1003" && result.refund("re_1")?.originalPaymentId == "ch_1")
        #expect(result.refund("re_2")?.orderId == "1004")
        #expect(result.refund("re_3")?.orderId == "1005")
        // ch_1, re_1 and re_2 found their orders but for the `#`; the manifest counts them.
        #expect(result.stats("payments")?.ordersFoundButForHash == 3)
    }

    /// A format's `refund_failure_type` row fails the refund of its id wherever that refund's row is, before
    /// it or after, and is no payment itself: A (20.00, approved Mon 06-01, due Mon 06-29) is refunded by
    /// RF1 on 06-05, whose failure is the file's first row, so A is overdue on 06-30; B's RF2 (06-05)
    /// stands, and RF2 given twice as a refund is still a rejected row. Read canonically, where no type
    /// fails a refund, the failure row is skipped by its type (SPEC) and A is settled.
    @Test func aFormatsRefundFailureFailsItsRefundWhereverItsRowIs() throws {
        var scenario = Scenario(
            orders: """
                A,2026-06-01,USD,20.00,card:1111,US,standard,2026-06-01,,,
                B,2026-06-01,USD,15.00,card:1111,US,standard,2026-06-01,,,

                """,
            payments: """
                RF1,refund_failure,2026-06-09T10:00:00Z,20.00,USD,,A,,
                CH1,charge,2026-06-01T10:00:00Z,20.00,USD,card:1111,A,,
                CH2,charge,2026-06-01T10:00:00Z,15.00,USD,card:1111,B,,
                RF1,refund,2026-06-05T10:00:00Z,20.00,USD,card:1111,A,CH1,
                RF2,refund,2026-06-05T10:00:00Z,15.00,USD,card:1111,B,CH2,
                RF2,refund,2026-06-06T10:00:00Z,15.00,USD,card:1111,B,CH2,failed

                """)
        let canonical = try scenario.reconcile()
        #expect(canonical.caseOf("A")?.state == .settled)
        #expect(canonical.stats("payments")?.skipped == ["type refund_failure": 1])
        scenario.configure = { config in
            let folder = URL(fileURLWithPath: config.payments[0].path).deletingLastPathComponent()
            let format = folder.appendingPathComponent("with-failures.yml")
            try? Self.formatWithFailures.write(to: format, atomically: true, encoding: .utf8)
            config.formatFolders = [folder.path]
            config.payments[0].format = "with-failures"
        }
        let result = try scenario.reconcile()
        #expect(result.caseOf("A")?.state == .overdue && result.caseOf("B")?.state == .settled)
        #expect(result.refund("RF1")?.status == .failed && result.refund("RF2")?.status == .succeeded)
        #expect(result.rejected.map(\.line) == [7])
        let stats = try #require(result.stats("payments"))
        #expect(stats.rowsRead == 6 && stats.used == 5 && stats.rejected == 1)
    }

    /// The canonical payments columns taken as they stand, with `refund_failure` as the failure type.
    static let formatWithFailures = """
        format: with-failures
        kind: payments
        refund_failure_type: refund_failure
        columns:
          payment_id: payment_id
          type: type
          created_at: created_at
          amount: amount
          currency: currency
          payment_method: payment_method
          order_id: order_id
          original_payment_id: original_payment_id
          status: status
        """

    /// A payment holds the original and order it names by position when they were read before it, else by
    /// id: RX names a charge read after it, RY the same charge read before; RZ names a refund, so tier 1
    /// passes it on (no order, no case: unlinked); RQ names order Q, which only its charge CH-Q knows; RN
    /// names an id nothing has. CH-SPARE is no refund's original, so the run lets it go after matching.
    @Test func namedRecordsReadBeforeAfterOrNowhere() throws {
        let result = try Scenario(
            orders: "A,2026-06-01,USD,30.00,card:1111,US,standard,,,,\n",
            payments: """
                RX,refund,2026-06-05,10.00,USD,card:1111,,CH-LATE,
                CH-LATE,charge,2026-06-01T10:00:00Z,30.00,USD,card:1111,A,,
                CH-SPARE,charge,2026-06-01T12:00:00Z,1.00,USD,card:2222,A,,
                RY,refund,2026-06-06,5.00,USD,card:1111,,CH-LATE,
                RZ,refund,2026-06-07,4.00,USD,card:1111,,RY,
                CH-Q,charge,2026-06-01T11:00:00Z,7.00,USD,card:3333,Q,,
                RQ,refund,2026-06-08,7.00,USD,card:3333,Q,,
                RN,refund,2026-06-09,2.00,USD,card:1111,,NOPE,

                """
        ).reconcile()
        let expected: [(String, MatchTier, String, String)] = [
            ("RX", .reference, "A", "CH-LATE"), ("RY", .reference, "A", "CH-LATE"), ("RZ", .none, "", ""),
            ("RQ", .order, "Q", "CH-Q"), ("RN", .none, "", ""),
        ]
        for (id, tier, order, original) in expected {
            let refund = try #require(result.refund(id))
            #expect((refund.match, refund.orderId, refund.originalPaymentId) == (tier, order, original), "\(id)")
        }
        // The refunds and the two originals are kept; each still names what it named, by position or id.
        #expect(result.paymentIds == ["RX", "CH-LATE", "RY", "RZ", "CH-Q", "RQ", "RN"])
        #expect(
            result.payments.map { $0.originalPaymentId(in: result.payments, texts: result.texts) ?? "-" }
                == ["CH-LATE", "-", "CH-LATE", "RY", "-", "-", "NOPE"])
        #expect(
            result.payments.map { $0.orderId(in: result.orders, texts: result.texts) ?? "-" } == [
                "-", "A", "-", "-", "Q", "Q", "-",
            ])
    }

    @Test func ambiguityAndUnmatchedAreFlagged() throws {
        let result = try scenario.reconcile()
        #expect(result.flags(.ambiguousMatch).map(\.paymentId) == ["R3"])
        #expect(result.flags(.ambiguousMatch).first?.detail == "2 open cases match by amount: B, C")
        #expect(result.flags(.unmatchedRefund).map(\.paymentId) == ["R10", "R7"])
        #expect(result.refund("R8")?.flags == [])
    }

    @Test func tierThreeLinksSettleTheirCases() throws {
        let result = try scenario.reconcile()
        let a = try #require(result.caseOf("A"))
        #expect(a.settled == 5000 && a.outstanding == 0 && a.settledOn == CivilDate(iso: "2026-06-09"))
        #expect(result.caseOf("D")?.state == .settled)
        // Approved Tuesday 2 June: due Tuesday 30 June, which is as_of itself, so still pending.
        #expect(result.caseOf("B")?.state == .pending && result.caseOf("C")?.state == .pending)
    }

    @Test func orderTierPrefersTheChargeWithTheRefundsMethod() throws {
        let result = try Scenario(
            orders: "F,2026-06-01,USD,100.00,card:1,US,standard,,,,\n",
            payments: """
                CH-F1,charge,2026-06-01T09:00:00Z,60.00,USD,card:1,F,,
                CH-F2,charge,2026-06-01T10:00:00Z,40.00,USD,card:2,F,,
                RF-1,refund,2026-06-05,40.00,USD,card:2,F,,
                RF-2,refund,2026-06-05,10.00,USD,card:3,F,,

                """
        ).reconcile()
        #expect(result.refund("RF-1")?.originalPaymentId == "CH-F2")
        #expect(result.refund("RF-1")?.flags == [])
        // No charge has card:3: the first charge is the original, and the methods differ.
        #expect(result.refund("RF-2")?.originalPaymentId == "CH-F1")
        #expect(result.refund("RF-2")?.flags == [.methodMismatch])
    }

    /// Charges are taken in time order whatever their order in the file, both for a known order and for an
    /// id known only from charges; with no charge of the refund's method, the earliest one is the original.
    @Test func orderTierTakesChargesInTimeOrder() throws {
        let result = try Scenario(
            orders: "H,2026-06-01,USD,100.00,card:1,US,standard,,,,\n",
            payments: """
                CH-H2,charge,2026-06-01T10:00:00Z,40.00,USD,card:2,H,,
                CH-H1,charge,2026-06-01T09:00:00Z,60.00,USD,card:1,H,,
                CH-Z2,charge,2026-06-01T10:00:00Z,40.00,USD,card:2,Z,,
                CH-Z1,charge,2026-06-01T09:00:00Z,60.00,USD,card:1,Z,,
                RH,refund,2026-06-05,10.00,USD,card:3,H,,
                RZ,refund,2026-06-05,10.00,USD,card:3,Z,,

                """
        ).reconcile()
        #expect(result.refund("RH")?.originalPaymentId == "CH-H1")
        #expect(result.refund("RZ")?.originalPaymentId == "CH-Z1")
        #expect(result.refund("RZ")?.match == .order)
    }

    @Test func tierThreeRespectsMethodsWhenBothAreKnown() throws {
        let result = try Scenario(
            orders: "G,2026-06-01,USD,30.00,card:4242,US,standard,,,2026-06-02,\n",
            payments: "RF-G,refund,2026-06-05,30.00,USD,card:1111,,,\n"
        ).reconcile()
        #expect(result.refund("RF-G")?.match == MatchTier.none)
        #expect(result.flags(.unmatchedRefund).count == 1)
    }
}

/// Many same-priced open cases and refunds of that price: an ambiguous refund keeps how many candidates it
/// had and the first ten by order id, which is what its detail shows.
@Suite struct AmbiguousCandidateTests {
    /// `count` open cases O01… of 9.99 USD approved 2 June, and one refund of 9.99 on 5 June naming nothing.
    private func sameAmountScenario(cases count: Int) -> Scenario {
        let orders = (1...count).map { "O\(String($0).leftPadded(2)),2026-06-01,USD,9.99,,US,standard,,,2026-06-02,\n" }
        return Scenario(orders: orders.joined(), payments: "R1,refund,2026-06-05,9.99,USD,,,,\n")
    }

    /// 7 candidates: all seven are shown, nothing is hidden (the same text as before candidates were capped).
    @Test func sevenCandidatesAreCountedAndShown() throws {
        let result = try sameAmountScenario(cases: 7).reconcile()
        #expect(
            result.flags(.ambiguousMatch).map(\.detail)
                == ["7 open cases match by amount: O01, O02, O03, O04, O05, O06, O07"])
        let link = try #require(result.reconciliation.links.first)
        #expect(link.candidateCount == 7 && link.candidates.count == 7)
    }

    /// 12 candidates: the count is 12, the first ten by id are kept and shown, and "and 2 more" stands for
    /// O11 and O12, which the link does not hold.
    @Test func twelveCandidatesKeepTheFirstTen() throws {
        let result = try sameAmountScenario(cases: 12).reconcile()
        #expect(
            result.flags(.ambiguousMatch).map(\.detail)
                == ["12 open cases match by amount: O01, O02, O03, O04, O05, O06, O07, O08, O09, O10 and 2 more"])
        let link = try #require(result.reconciliation.links.first)
        #expect(link.candidateCount == 12 && link.candidates == (1...10).map { "O" + String($0).leftPadded(2) })
    }

    /// Cases of 5.00 and 10.00: R1 (10.00) fits C1 alone and links; C1 then owes nothing. R2 and R3 (5.00)
    /// fit C2 and C3 → both ambiguous (an ambiguous refund settles nothing). C4 was approved on 9 June, after
    /// R4 (6 June, 10.00), so R4 is unmatched. Index and search must agree with the rule read literally.
    @Test func theIndexFindsWhatTheRuleSays() throws {
        let result = try Scenario(
            orders: """
                C1,2026-06-01,USD,10.00,,US,standard,,,2026-06-02,
                C2,2026-06-01,USD,5.00,,US,standard,,,2026-06-02,
                C3,2026-06-01,USD,5.00,,US,standard,,,2026-06-02,
                C4,2026-06-01,USD,10.00,,US,standard,,,2026-06-09,

                """,
            payments: """
                R1,refund,2026-06-03,10.00,USD,,,,
                R2,refund,2026-06-04,5.00,USD,,,,
                R3,refund,2026-06-05,5.00,USD,,,,
                R4,refund,2026-06-06,10.00,USD,,,,

                """
        ).reconcile()
        #expect(result.refund("R1")?.match == .amount && result.refund("R1")?.orderId == "C1")
        #expect(result.flags(.ambiguousMatch).map(\.paymentId) == ["R2", "R3"])
        #expect(
            result.flags(.ambiguousMatch).map(\.detail) == [
                "2 open cases match by amount: C2, C3",
                "2 open cases match by amount: C2, C3",
            ])
        #expect(result.flags(.unmatchedRefund).map(\.paymentId) == ["R4"])
    }
}
