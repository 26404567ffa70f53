import Foundation
import Testing

@testable import ReconCore

/// The format language's field and condition keys (`pattern`, `else`, `matches`, `debit`/`credit`, a `sign`
/// of the amount, loose `map` and `in` keys), each on a small file whose result was worked out by hand.
@Suite struct FormatLanguageTests {
    /// The columns every payments test format here shares; the test adds its own.
    static let paymentBasics = """
        kind: payments
        columns:
          payment_id: id
          type: {value: charge}
          created_at: Date
          amount: Amount
          currency: {value: USD}

        """

    static func orderIds(_ out: FormatHarness.Output) -> [String?] {
        out.payments.map { $0.orderId(in: [], texts: out.texts) }
    }

    @Test func patternKeepsItsFirstCaptureGroupAndNoMatchLeavesTheFieldEmpty() throws {
        let harness = FormatHarness(
            yaml: Self.paymentBasics + "  order_id: {from: Description, pattern: \"Order #?([0-9]+)\"}\n")
        let out = try harness.read(
            """
            id,Date,Amount,Description
            p1,2026-01-01,1.00,Shop name - Order 1234
            p2,2026-01-01,1.00,Order #77 (gift)
            p3,2026-01-01,1.00,Coffee

            """)
        // "Shop name - Order 1234" → 1234; "Order #77 (gift)" → 77 (the # is optional); "Coffee" → no order.
        #expect(Self.orderIds(out) == ["1234", "77", nil])
    }

    @Test func elseIsUsedWhenTheMappingLeavesTheValueEmpty() throws {
        let harness = FormatHarness(
            yaml: Self.paymentBasics + """
                  order_id:
                    from: ["order_id (metadata)", "Order ID (metadata)"]
                    else: {from: Description, pattern: "Order #?([0-9]+)", else: {value: none}}

                """)
        let out = try harness.read(
            """
            id,Date,Amount,order_id (metadata),Description
            p1,2026-01-01,1.00,A-9,Order 5
            p2,2026-01-01,1.00,,Shop - Order #5
            p3,2026-01-01,1.00,,Coffee

            """)
        // p1 has metadata; p2 has none, so the description's pattern gives 5; p3 matches nothing: the constant.
        #expect(Self.orderIds(out) == ["A-9", "5", "none"])
    }

    @Test func aRequiredColumnIsFoundThroughElseWhenItsOwnColumnIsAbsent() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                columns:
                  payment_id: {from: Reference, else: {template: "{$file}:{$line}"}}
                  type: {value: charge}
                  created_at: Date
                  amount: Amount
                  currency: {value: USD}
                """)
        // The file has no Reference column: the template of the else gives each row an id.
        let out = try harness.read("Date,Amount\n2026-01-01,1.00\n2026-01-02,2.00\n")
        #expect(out.paymentIds == ["input.csv:2", "input.csv:3"])
        let neither = FormatHarness(
            yaml: """
                kind: payments
                columns:
                  payment_id: {from: Reference, else: [Ref, Id]}
                  type: {value: charge}
                  created_at: Date
                  amount: Amount
                  currency: {value: USD}
                """)
        #expect {
            _ = try neither.read("Date,Amount\n2026-01-01,1.00\n")
        } throws: { error in
            guard case ReconError.headerSplit(ReconError.formatMismatch(_, _, _, let missing), .comma, nil) = error
            else { return false }
            return missing == ["Reference or Ref | Id"]
        }
    }

    @Test func matchesInSkipWhenAndWhen() throws {
        let harness = FormatHarness(
            yaml: #"""
                kind: payments
                skip_when:
                  - {column: Description, matches: "(?i)^(payment thank you|autopay)", reason: "card bill payment"}
                records:
                  - when: {column: Description, matches: '\bREFUND\b'}
                    columns: {payment_id: id, type: {value: refund}, created_at: Date, amount: Amount, currency: {value: USD}}
                """#)
        let out = try harness.read(
            """
            id,Date,Amount,Description
            p1,2026-01-01,1.00,PAYMENT THANK YOU
            p2,2026-01-01,1.00,Autopay 0042
            p3,2026-01-01,1.00,Coffee autopay
            p4,2026-01-01,1.00,REFUND Shop
            p5,2026-01-01,1.00,refund shop

            """)
        // A pattern with backslashes is single-quoted: in double quotes YAML reads \b as a backspace.
        // p1 and p2 begin with a bill payment's words (any case); p3 has them later, not at the start.
        // The record's pattern has no (?i): only p4's upper-case REFUND matches it; p3 and p5 match no record.
        #expect(out.paymentIds == ["p4"])
        #expect(
            out.stats.skipped == ["card bill payment": 2, "no record of format 'test-format' applies": 2],
            "\(out.stats.skipped)")
    }

    @Test func andJoinsTwoTestsOnTwoColumns() throws {
        let harness = FormatHarness(
            yaml: #"""
                kind: payments
                skip_when:
                  - column: Description
                    matches: '^(?!.*(?i:refund|return)).*$'
                    and: {column: Amount, sign: positive, and: {column: Memo, empty: true}}
                    reason: "credit not described as a refund"
                columns:
                  payment_id: id
                  type: {sign: {negative: charge, positive: refund}}
                  created_at: Date
                  amount: Amount
                  currency: {value: USD}
                """#)
        let out = try harness.read(
            """
            id,Date,Amount,Description,Memo
            p1,2026-01-01,-5.00,SHOP,
            p2,2026-01-01,5.00,SHOP REFUND,
            p3,2026-01-01,900.00,PAYROLL,
            p4,2026-01-01,7.00,Purchase return,
            p5,2026-01-01,8.00,VENDOR,kept

            """)
        // p1 is a debit and p2, p4 say refund or return: the first test or the second fails. p3 is a credit
        // not described as a refund, with an empty memo: every test holds, so it is skipped. p5's memo is
        // not empty: the innermost test fails and p5 is read as a refund.
        #expect(out.paymentIds == ["p1", "p2", "p4", "p5"])
        #expect(out.payments.map(\.type) == [.charge, .refund, .refund, .refund])
        #expect(out.stats.skipped == ["credit not described as a refund": 1])
    }

    /// A date layout reads the dates written that way, an ISO 8601 date whatever the layout (Amazon's refunds
    /// came as `05/16/2023 04:51:26 UTC` and as `2024-07-25T22:21:25.765Z`), and nothing else: a month
    /// above 12 is no date.
    @Test func dateLayoutAlsoTakesISODatesAndNoImpossibleMonth() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                date_format: "MM/DD/YYYY HH:mm:ss"
                timezone: UTC
                columns: {payment_id: id, type: {value: refund}, created_at: When, amount: Amount, currency: {value: USD}}
                """)
        let out = try harness.read(
            """
            id,When,Amount
            r1,05/16/2023 04:51:26,1.00
            r2,2024-07-25T22:21:25.765Z,2.00
            r3,13/05/2023 04:51:26,3.00
            r4,10/11/22 04:51:26,4.00

            """)
        // r1 by the layout: 2023-05-16 04:51:26 UTC; r2 as ISO; r3 has month 13, and fits day first; r4's
        // year has two digits (an Excel re-save), never year 22.
        #expect(out.paymentIds == ["r1", "r2"])
        #expect(out.payments.map(\.createdAt.seconds) == [1_684_212_686, 1_721_946_085])
        #expect(
            out.rejected.map(\.reason) == [
                "'13/05/2023 04:51:26' does not match the date format 'MM/DD/YYYY HH:mm:ss' (it fits "
                    + "'DD/MM/YYYY HH:mm:ss': give the source date_format: \"DD/MM/YYYY HH:mm:ss\" if the file writes the "
                    + "day first)",
                "'10/11/22 04:51:26' does not match the date format 'MM/DD/YYYY HH:mm:ss' (it fits "
                    + "'MM/DD/YY HH:mm:ss': give the source date_format: \"MM/DD/YY HH:mm:ss\" if the file writes "
                    + "two-digit years)",
            ])
        let twoDigits = FormatHarness(
            yaml: """
                kind: payments
                date_format: "M/D/YY"
                timezone: UTC
                columns: {payment_id: id, type: {value: refund}, created_at: When, amount: Amount, currency: {value: USD}}
                """)
        // 10/11/22 with YY is 11 October 2022, 00:00 UTC.
        let read = try twoDigits.read("id,When,Amount\nr4,10/11/22,4.00\n")
        #expect(read.payments.map(\.createdAt.seconds) == [1_665_446_400])
    }

    @Test func skipWhenOnAColumnTheFileLacksNeverHolds() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                skip_when:
                  - {column: Memo, empty: true, reason: "no memo"}
                  - {column: Memo, not_in: [sale], reason: "not a sale"}
                  - {column: Amount, matches: "^0", reason: "zero"}
                columns: {payment_id: id, type: {value: charge}, created_at: Date, amount: Amount, currency: {value: USD}}
                """)
        // Without a Memo column, neither Memo rule skips a row (an absent column would read as empty and
        // "not sale"); the rule on Amount, which the file has, still skips p2.
        let out = try harness.read("id,Date,Amount\np1,2026-01-01,1.00\np2,2026-01-01,0.50\n")
        #expect(out.paymentIds == ["p1"])
        #expect(out.stats.skipped == ["zero": 1])
    }

    @Test func debitAndCreditColumnsMakeOneSignedAmount() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                columns:
                  payment_id: id
                  type: {sign: {negative: charge, positive: refund}}
                  created_at: Date
                  amount: {debit: Debit, credit: [Credit, Gutschrift]}
                  currency: {value: USD}
                """)
        let out = try harness.read(
            """
            id,Date,Debit,Credit
            p1,2026-01-01,12.50,
            p2,2026-01-01,,3.00
            p3,2026-01-01,0.00,4.00
            p4,2026-01-01,-7.00,
            p5,2026-01-01,,
            p6,2026-01-01,1.00,2.00

            """)
        // p1: debit 12.50 → -12.50, a charge; p2: credit 3.00 → a refund; p3: a zero debit is no amount, so
        // the credit 4.00 → a refund; p4: a debit written negative is still money out → -7.00, a charge.
        #expect(out.paymentIds == ["p1", "p2", "p3", "p4"])
        #expect(out.payments.map(\.amount) == [1250, 300, 400, 700])
        #expect(out.payments.map(\.type) == [.charge, .refund, .refund, .charge])
        #expect(out.rejected.map(\.line) == [6, 7])
        #expect(out.rejected.map(\.column) == ["Debit/Credit", "Debit/Credit"])
        #expect(
            out.rejected.map(\.reason) == [
                "neither Debit nor Credit holds an amount", "both Debit '1.00' and Credit '2.00' hold an amount",
            ])
        #expect {
            _ = try harness.read("id,Date,Debit,Amount\n")
        } throws: { error in
            guard case ReconError.headerSplit(ReconError.formatMismatch(_, _, _, let missing), .comma, nil) = error
            else { return false }
            return missing == ["Debit and Credit | Gutschrift", "amount"]
        }
    }

    @Test func signWithoutFromReadsTheAmountAsMapped() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                decimal_mark: ","
                thousands_separator: "."
                columns:
                  payment_id: id
                  type: {sign: {negative: charge, positive: refund}}
                  created_at: Date
                  amount: Betrag
                  currency: {value: EUR}
                """)
        let out = try harness.read("id,Date,Betrag\np1,2026-01-01,\"-1.234,50\"\np2,2026-01-01,\"0,50\"\n")
        // -1.234,50 is -1234.50: negative, a charge; 0,50 is 0.50: a refund.
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.payments.map(\.amount) == [123450, 50])
    }

    @Test func mapKeysAndInValuesIgnoreCaseSpacesHyphensAndUnderscores() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                skip_when:
                  - {column: Status, in: ["Pending_Review"], reason: "under review"}
                columns:
                  payment_id: id
                  type:
                    from: Type
                    map: {"pre-approved payment bill user payment": charge, "Payment_Refund": refund, "*": skip}
                  created_at: Date
                  amount: Amount
                  currency: {value: USD}
                """)
        let out = try harness.read(
            """
            id,Date,Amount,Type,Status
            p1,2026-01-01,1.00,PreApproved Payment Bill User Payment,
            p2,2026-01-01,1.00,payment refund,
            p3,2026-01-01,1.00,PAYMENT-REFUND,
            p4,2026-01-01,1.00,Transfer,
            p5,2026-01-01,1.00,payment refund,pending review

            """)
        #expect(out.paymentIds == ["p1", "p2", "p3"])
        #expect(out.payments.map(\.type) == [.charge, .refund, .refund])
        #expect(out.stats.skipped == ["Type 'Transfer'": 1, "under review": 1])
        #expect(FormatDefinition.matchKey("Pre-Approved_payment X") == "preapprovedpaymentx")
    }

    @Test(arguments: [
        ("  order_id: {from: D, pattern: \"Order ([0-9]+\"}\n", "columns.order_id.pattern"),
        ("  order_id: {from: D, pattern: \"Order [0-9]+\"}\n", "columns.order_id.pattern"),
        ("  order_id: {from: D, else: {from: E, pattern: \"(?<\"}}\n", "columns.order_id.else.pattern"),
        ("  order_id: {debit: D, credit: C}\n", "columns.order_id"),
        ("  order_id: {from: D, map: {\"A-B\": x, \"a b\": y}}\n", "columns.order_id.map"),
        ("  order_id: {debit: D}\n", "columns.order_id"),
        ("  order_id: {sign: {negative: a, positive: b}, pattern: \"(x)\"}\n", "columns.order_id.pattern"),
    ])
    func badFieldsAreConfigurationErrors(field: String, key: String) {
        #expect {
            _ = try FormatLoader.parse(Self.paymentBasics + field, path: "f.yml")
        } throws: { error in
            guard case ReconError.configuration("f.yml", let named, _) = error else { return false }
            return named == key && (error as! ReconError).exitCode == 2
        }
    }

    @Test func badConditionPatternsAndMisplacedSignsAreConfigurationErrors() {
        let badMatches = """
            kind: payments
            skip_when: [{column: D, matches: "([a-z", reason: r}]
            columns: {payment_id: id, type: {value: charge}, created_at: Date, amount: Amount, currency: {value: USD}}
            """
        let signOnOrders = """
            kind: orders
            columns: {order_id: id, placed_at: Date, currency: C, total: T, status: {sign: {negative: a, positive: b}}}
            """
        for (yaml, key) in [(badMatches, "skip_when[0].matches"), (signOnOrders, "columns.status.sign")] {
            #expect {
                _ = try FormatLoader.parse(yaml, path: "f.yml")
            } throws: { error in
                guard case ReconError.configuration("f.yml", let named, let reason) = error else { return false }
                return named == key && !reason.isEmpty
            }
        }
    }
}
