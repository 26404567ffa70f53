import Foundation
import Testing

@testable import ReconCore

/// Exports in the layouts people download (Tests/Fixtures/real-layouts: files the project wrote in those
/// exact layouts, headers verbatim), read through the shipped presets from a pipeline file. Each scenario's
/// outcome was worked out by hand from its files (weekends only, as of 2026-03-31); the comments say how.
@Suite struct RealLayoutTests {
    static let folder = SampleDataEndToEndTests.root.appendingPathComponent("Tests/Fixtures/real-layouts")

    /// The scenario's pipeline file, its formats looked up among the shipped presets.
    func configuration(_ scenario: String) throws -> RunConfiguration {
        var config = try PipelineFile.load(path: Self.folder.appendingPathComponent("\(scenario).yml").path)
        config.formatFolders = [SampleDataEndToEndTests.root.appendingPathComponent("Pipelines/formats").path]
        return config
    }

    /// `everyPayment`: keep the charges no refund reverses, as `recon explain` does.
    func run(_ scenario: String, everyPayment: Bool = false) throws -> Pipeline.Result {
        try Pipeline(configuration: try configuration(scenario), origin: scenario)
            .reconcile(keepEveryRecord: everyPayment)
    }

    /// Each case as "order state settled-on", each flag as "flag order payment".
    func outcome(_ result: Pipeline.Result) -> (cases: [String], flags: [String]) {
        (
            result.reconciliation.cases.map {
                "\($0.orderId) \($0.state.rawValue) \($0.settledOn?.description ?? "-")"
            },
            result.reconciliation.exceptions.map { "\($0.flag.rawValue) \($0.orderId) \($0.paymentId)" }
        )
    }

    /// What each payments input came to: rows used, and rows skipped by reason.
    func payments(_ result: Pipeline.Result) -> [String] {
        result.stats.filter { $0.kind == "payments" }.map { stats in
            "used \(stats.used); "
                + stats.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
        }
    }

    func expectNoRejectsAndFullAccounts(_ result: Pipeline.Result) {
        #expect(result.rejected.isEmpty, "\(result.rejected.map { "\($0.line): \($0.reason)" })")
        for stats in result.stats {
            #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.rejected, "\(stats.path)")
        }
    }

    // MARK: Card and bank statements

    /// PO-201 (120.00, approved Mon 02-09, due 03-09) is refunded by a Return of 120.00 on 02-12: the only
    /// open case of that amount then. PO-202 (45.50, approved Fri 02-06, due 03-06) gets nothing: overdue.
    /// PO-203's refund of 30.00 (approved 02-17) arrives 03-02. Bill payments, fees, transfers and deposits
    /// are skipped with the statement's own reason and never become refunds.
    static let statementOutcome = (
        cases: ["PO-201 settled 2026-02-12", "PO-202 overdue -", "PO-203 settled 2026-03-02"],
        flags: ["overdue PO-202 "]
    )

    @Test(arguments: [
        // Sale, Return, two "Payment Thank You" (Type Payment), Fee, Adjustment, interest (Fee).
        ("chase-card", "used 5; card bill payment 2; fee, interest or adjustment 3"),
        // Debit and Credit columns; "CAPITAL ONE MOBILE PYMT", "… AUTOPAY PYMT" and a 45.50 "… MOBILE
        // PYMTAuthDate 20-Feb" (PO-202's amount) are bill payments.
        ("capital-one", "used 5; card bill payment 3"),
        // Merchants named like deposits, e-payments and transfers (DEPOSITPHOTOS, EPAYMENTS, XFERRA): whole
        // words only are skipped, so their purchases and returns are read.
        ("capital-one-merchant-names", "used 5; card bill payment 1"),
        // Credits written negative in the Credit column; "ONLINE PAYMENT, THANK YOU".
        ("citi-card", "used 5; card bill payment 1"),
        // Charges positive, credits negative, two card members (each line's card its Account #'s last four):
        // the second GLOBEX purchase of 45.50 (02-18) is a charge, not a refund that would settle PO-202. The
        // foreign transaction fee is a charge too; interest and two statement credits of 45.50 (title case:
        // "AMEX Dining Credit", "Equinox+ Credit", by name) are not, while "INITECH WHOLESALE CREDIT" is a refund.
        ("amex", "used 7; card bill payment 1; reward, cash back or adjustment 3"),
        // American Express's three-column download, with format amex: charges positive; the offer credit of
        // 45.50 is skipped.
        ("amex-basic", "used 6; card bill payment 1; reward, cash back or adjustment 1"),
        // Charges positive as on American Express; the Cashback Bonus redemption is a reward, DIRECTPAY FULL
        // BALANCE (45.50) a bill payment.
        ("discover", "used 6; card bill payment 2; reward, cash back or adjustment 1"),
        // Type Purchase and Credit; the card bill (Payment) and a device installment are skipped by type.
        ("apple-card", "used 6; type installment 1; type payment 1"),
        // Purchases negative, the bill payments positive: "PAYMENT - THANK YOU", "BA ELECTRONIC PAYMENT".
        ("bank-of-america-card", "used 5; card bill payment 2"),
        // The summary block (six lines) before the header, the balance line, and two processor payouts
        // (STRIPE, SHOPIFY DES:TRANSFER), which are credits not described as refunds.
        (
            "bank-of-america-checking",
            "used 5; balance line 1; credit not described as a refund (deposit, transfer or income) 2; "
                + "line before the header 6"
        ),
        // A deposit slip (DSLIP) and an online transfer in; the check is a charge. A credit from a customer
        // is not described as a refund: in an account, only refunds and returns are refunds.
        (
            "chase-checking",
            "used 6; credit not described as a refund (deposit, transfer or income) 1; deposit or transfer 2"
        ),
        // No header row; a transfer, a branch deposit and a mobile deposit; cash back; a customer's payment.
        (
            "wells-fargo",
            "used 6; credit not described as a refund (deposit, transfer or income) 1; deposit or transfer 3; "
                + "reward, cash back or adjustment 1"
        ),
    ])
    func statementSaysWhatEachLineIs(scenario: String, accounts: String) throws {
        let result = try run(scenario)
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == Self.statementOutcome.cases)
        #expect(flags == Self.statementOutcome.flags)
        #expect(payments(result) == [accounts])
        #expect(result.reconciliation.refunds.map(\.match) == [.amount, .amount])
    }

    /// Two Chase downloads that overlap (02-02…02-23 and 02-11…03-05): the sale of 02-11 and the return of
    /// 02-12 are in both, with the same content ids, and count once; the later file's rows are the ones
    /// used. The outcome is the single statement's.
    @Test func overlappingStatementDownloadsCountEachLineOnce() throws {
        let result = try run("overlapping-downloads")
        #expect(result.rejected.isEmpty)
        let (cases, flags) = outcome(result)
        #expect(cases == Self.statementOutcome.cases)
        #expect(flags == Self.statementOutcome.flags)
        let files = result.stats.filter { $0.kind == "payments" }
        #expect(files.map(\.used) == [2, 3])
        #expect(files.map(\.superseded) == [2, 0])
        #expect(files.map(\.seenInEarlierFile) == [0, 2])
        #expect(files.map(\.skippedTotal) == [3, 4])
        for stats in files { #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.superseded) }
    }

    /// Two cards' statements with the same lines: each line's id starts with its statement's card, so the
    /// second file's lines are not taken for the first's downloaded again. Approved Tue 03-03, each case is
    /// due Tue 03-31; S1 (card:4242) and S2 (card:1111) are refunded 19.99 on 03-10 on their own card, S3
    /// 49.00 on 03-12 by DEPOSITPHOTOS and S4 27.50 on 03-16 by REWARDSTYLE, whose Returns the statement's
    /// Type makes refunds whatever their names; CASH BACK REWARD, typed Return, is skipped as a reward.
    @Test func twoCardsStatementsKeepTheirOwnLines() throws {
        let result = try run("two-cards")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(
            cases == [
                "S1 settled 2026-03-10", "S2 settled 2026-03-10", "S3 settled 2026-03-12", "S4 settled 2026-03-16",
            ])
        #expect(flags.isEmpty)
        #expect(payments(result) == ["used 6; ", "used 2; reward, cash back or adjustment 1"])
        #expect(result.refund("card:4242 usd 03/10/2026 19.99 ALIEXPRESS.COM #1")?.orderId == "S1")
    }

    /// A Stripe balance report: 2001's refund re_1 (03-05) comes back on 03-09 (`refund_failure`, its
    /// source re_1), so the refund failed and 2001, approved Tue 03-03 and due Tue 03-31, is overdue by
    /// 04-30. 2003's refund re_3 (20.00, 03-06) comes back on 03-12 by a failure without source_id that
    /// names its charge ch_3: the one refund of 20.00 on ch_3 fails, and 2003 is overdue too. A failure whose
    /// source_id names re_OLD, a refund not in this download, names no refund: it is skipped with that
    /// reason (not taken out on its charge's re_2), as the fee row is by its type; 2002 is settled 03-05.
    /// 2004 (100.00) was refunded in two halves on ch_4, and both came back by failures naming ch_4 only:
    /// either half is as good for a failure, so each takes one, and 2004 is overdue again for 100.00.
    @Test func aStripeRefundFailureFailsTheRefundItNames() throws {
        let result = try run("stripe-balance-failure")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["2001 overdue -", "2002 settled 2026-03-05", "2003 overdue -", "2004 overdue -"])
        #expect(flags == ["overdue 2001 ", "overdue 2003 ", "overdue 2004 "])
        #expect(result.caseOf("2004")?.outstanding == 10000)
        #expect(payments(result) == ["used 13; refund_failure naming no refund 1; type fee 1"])
        #expect(result.refund("re_1")?.status == .failed && result.refund("re_2")?.status == .succeeded)
        #expect(result.refund("re_3")?.status == .failed)
        #expect(result.refund("re_1")?.createdOn.description == "2026-03-05")
        // `recon explain re_1` names the row that failed it: txn_5, line 7.
        let explained = try #require(Explainer(result: result).explain("re_1")).joined(separator: "\n")
        #expect(explained.contains("failed by Tests/Fixtures/real-layouts/stripe_balance_refund_failure.csv:7,"))
        // `recon check` counts the rows as the run does.
        let check = PipelineCheck(configuration: try configuration("stripe-balance-failure"), origin: "t")
        let payments = try #require(check.run(output: nil).first { $0.message.contains("refund_failure.csv") })
        #expect(payments.message.contains("13 used, 2 skipped, 0 rejected"))
    }

    /// Stripe's default balance report has no source_id: a refund_failure names its refund by amount, the one
    /// refund of 25.00 before it in a Stripe file (txn_1C, 03-05), which fails; C1 (card:1111, approved Tue
    /// 03-03, due 03-31) is then overdue by 04-30. The card statement's Return of 25.00 (03-06, card:4242)
    /// is no Stripe refund, so no Stripe failure takes it: it settles M1 (card:4242), the one open case of
    /// its amount and card. C2's refund of 60.00 (03-05) settles it. A failure of 99.00 matches no refund:
    /// skipped with that reason. A dispute names no charge in these columns, so it is skipped by type rather
    /// than settling Y1 (40.00, never refunded), the one open case of its amount: Y1 stays overdue.
    @Test func aStripeRefundFailureWithoutSourceIdFailsTheRefundOfItsAmount() throws {
        let result = try run("stripe-balance-default")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["C1 overdue -", "C2 settled 2026-03-05", "M1 settled 2026-03-06", "Y1 overdue -"])
        #expect(flags == ["overdue C1 ", "overdue Y1 "])
        #expect(result.refund("txn_1C")?.status == .failed && result.refund("txn_2C")?.status == .succeeded)
        #expect(payments(result) == ["used 5; refund_failure naming no refund 1; type dispute 1", "used 1; "])
        // `recon check` ties the failure as the run does: 5 used, the 99.00 one skipped.
        let check = PipelineCheck(configuration: try configuration("stripe-balance-default"), origin: "t")
        let stripe = try #require(check.run(output: nil).first { $0.message.contains("stripe_balance_default.csv") })
        #expect(stripe.message.contains("5 used, 2 skipped, 0 rejected"))
    }

    /// Two Stripe downloads in the default columns, the later listed first: failures take their
    /// refunds in the order they were made, so txn_f1 (03-08) takes txn_r1 (03-05), the only refund of 25.00
    /// by then, and txn_f2 (03-20) takes txn_r2 (03-12). Both fail; D1 and D2 (cancelled Tue 03-03, due
    /// 03-31) are overdue by 04-30, and no refund is left for the amount tier to find ambiguous.
    @Test func refundFailuresByAmountTakeTheirRefundsInTime() throws {
        let result = try run("stripe-balance-failures-in-time")
        expectNoRejectsAndFullAccounts(result)
        #expect(result.refund("txn_r1")?.status == .failed && result.refund("txn_r2")?.status == .failed)
        let (cases, flags) = outcome(result)
        #expect(cases == ["D1 overdue -", "D2 overdue -"])
        #expect(flags == ["overdue D1 ", "overdue D2 "])
    }

    /// Stripe disputes, all cancelled Tue 03-03 (due 03-31): D1's lost dispute (03-10) gives the customer the
    /// money back, settling it; D2's dispute is won back (dispute_reversal 03-20), which fails it: overdue by
    /// 04-30. D3 was captured 60.00 of 100.00 (a partial capture reversal of 40.00 on 03-04) and refunded
    /// 60.00 on 03-05: settled then. The fee row is skipped by type.
    @Test func stripeDisputesAndPartialCapturesCountAsTheyMoveTheMoney() throws {
        let result = try run("stripe-balance-disputes")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["D1 settled 2026-03-10", "D2 overdue -", "D3 settled 2026-03-05"])
        #expect(flags == ["overdue D2 "])
        #expect(result.refund("dp_D2")?.status == .failed)
        #expect(
            result.reconciliation.refunds.filter { $0.status == .succeeded }.map(\.match) == [
                .reference, .reference, .reference,
            ])
        #expect(payments(result) == ["used 8; type fee 1"])
    }

    /// A marketplace order list naming the card only by brand: 8100001 (Visa, cancelled Tue 03-03) has no
    /// known method, so the statement's Return of 58.62 on card:4242 (03-06) settles it by amount; `visa`
    /// would have differed from card:4242 and left it overdue with an unmatched refund. 8100002 (PayPal)
    /// keeps its kind: overdue by 04-30, with PayPal's dispute window (180 days from 03-02: 08-29). 8100003
    /// (Alipay, 58.62 too) keeps its method, which is no card: the Return is not its, nor ambiguous.
    /// 8100004 (Apple Pay, a wallet of cards, 12.00) has no known method either: the Return of 12.00 on
    /// 03-07 settles it.
    @Test func aMarketplaceOrderNamingOnlyACardBrandTakesItsRefund() throws {
        let result = try run("marketplace-brand")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(
            cases == [
                "8100001 settled 2026-03-06", "8100002 overdue -", "8100003 overdue -", "8100004 settled 2026-03-07",
            ])
        #expect(flags == ["overdue 8100002 ", "overdue 8100003 "])
        #expect(result.watchlist.disputeBy["8100002"]?.description == "2026-08-29")
    }

    /// Two Capital One cards' downloads with the same sale and return: the card comes from each line's
    /// Card No., which the line's id takes in, so neither file's lines replace the other's. S1 (card:1111)
    /// and S2 (card:2222), approved Tue 03-03 and due Tue 03-31, are each refunded 19.99 on 03-10.
    @Test func twoCapitalOneCardsKeepTheirOwnLines() throws {
        let result = try run("capital-one-two-cards")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["S1 settled 2026-03-10", "S2 settled 2026-03-10"])
        #expect(flags.isEmpty)
        #expect(payments(result) == ["used 2; ", "used 2; "])
    }

    // MARK: PayPal

    /// A chargeback and a payment reversal give the payer's money back as a refund does: 3001 (cancelled Thu
    /// 02-05) charged back 02-25 and 3002 (approved Thu 02-12) reversed 02-27 are settled, within their 20
    /// business days, not owed again. 3003 was paid by card through PayPal (Direct Credit Card Payment, a
    /// charge, invoice 3003) and its refund names that charge. Holds, their release and the chargeback fee are skipped.
    @Test func payPalChargebacksAndReversalsSettleTheirCases() throws {
        let result = try run("paypal-activity-disputes")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["3001 settled 2026-02-25", "3002 settled 2026-02-27", "3003 settled 2026-02-10"])
        #expect(flags.isEmpty)
        #expect(result.reconciliation.refunds.map(\.match) == [.reference, .reference, .reference])
        #expect(
            payments(result) == [
                "used 6; type cancellation of hold for dispute resolution 1; type chargeback fee 1; "
                    + "type hold on balance for dispute investigation 1"
            ])
    }

    /// 1001 (1,250.00, cancelled 02-04) refunded 02-05; 1002 (80.00, approved Tue 02-10, due 03-10) refunded
    /// 03-16, after 24 business days: late; 1003 (42.00, approved Fri 02-13, due 03-13) never: overdue.
    @Test(arguments: [
        ("paypal-activity-41", MatchTier.reference, "used 5; type general withdrawal 1"),
        ("paypal-activity-de", MatchTier.reference, "used 5; type allgemeine abbuchung 1"),
        ("paypal-statement-fr", MatchTier.reference, "used 5; no record of format 'paypal-activity' applies 1"),
        // No transaction ids and no references: the refunds are matched by amount.
        ("paypal-download-2024", MatchTier.amount, "used 5; type general withdrawal 1"),
    ])
    func everyPayPalLayoutGivesTheSameOutcome(scenario: String, match: MatchTier, accounts: String) throws {
        let result = try run(scenario)
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["1001 settled 2026-02-05", "1002 late 2026-03-16", "1003 overdue -"])
        #expect(
            flags.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["late 1002", "overdue 1003"])
        #expect(result.caseOf("1002")?.businessDaysElapsed == 24)
        #expect(result.reconciliation.refunds.map(\.match) == [match, match])
        #expect(payments(result) == [accounts])
    }

    /// A UK account writes the English layout's dates day first. With the source's date_format the outcome is
    /// the US file's; without it, 16/03/2026 cannot be a month-first date, and its reject says what to give.
    @Test func dayFirstPayPalDatesNeedTheSourcesDateFormat() throws {
        let result = try run("paypal-activity-41-uk")
        expectNoRejectsAndFullAccounts(result)
        let (cases, _) = outcome(result)
        #expect(cases == ["1001 settled 2026-02-05", "1002 late 2026-03-16", "1003 overdue -"])
        var config = try configuration("paypal-activity-41-uk")
        config.payments[0].dateFormat = nil
        config.maxRejectRate = 1
        let monthFirst = try Pipeline(configuration: config, origin: "t").reconcile()
        #expect(
            monthFirst.rejected.contains {
                $0.reason == "'16/03/2026 17:00:00' does not match the date format 'M/D/YYYY HH:mm:ss' (it fits "
                    + "'D/M/YYYY HH:mm:ss': give the source date_format: \"D/M/YYYY HH:mm:ss\" if the file writes the "
                    + "day first)"
            })
    }

    /// A buyer's 29 columns: "PreApproved Payment Bill User Payment" is a payment whatever its case and
    /// hyphens; funding, authorisation and void rows are skipped by type. PO-301 refunded 02-12, PO-302
    /// (approved 02-10) never.
    @Test func payPalBuyerAccountReadsItsPaymentTypes() throws {
        let result = try run("paypal-activity-29-buyer")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(cases == ["PO-301 settled 2026-02-12", "PO-302 overdue -"])
        #expect(flags == ["overdue PO-302 "])
        #expect(result.stats("payments")?.used == 3)
        #expect(result.reconciliation.exceptions.allSatisfy { $0.flag != .methodMismatch })
    }

    // MARK: Stripe

    /// Order numbers only in the Description ("Order #1234", "Order 1235", "Maple & Co - Order 1236"):
    /// 1234 refunded 02-04, 1235 (cancelled Wed 02-04, due 03-04) refunded 03-16: late; 1236 refunded 02-09;
    /// 1237 (cancelled 02-10) never: overdue. The attempt without a charge is skipped.
    @Test(arguments: ["stripe-unified", "stripe-excel-semicolon"])
    func stripeOrderNumbersComeFromTheDescription(scenario: String) throws {
        let result = try run(scenario)
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(
            cases == [
                "1234 settled 2026-02-04", "1235 late 2026-03-16", "1236 settled 2026-02-09", "1237 overdue -",
            ])
        #expect(flags == ["late 1235 ch_3Qa1BBB1234567890-refund", "overdue 1237 "])
        #expect(result.reconciliation.refunds.allSatisfy { $0.match == .reference })
        #expect(payments(result) == ["used 4; payment attempt without a charge (empty id) 1"])
    }

    /// Stripe's older layout has no refund dates: a charge's Amount Refunded is all it says. 1234, 1235 and
    /// 1236 were refunded in full per Stripe, on days the file does not give: refunded per store, never
    /// overdue; 1237 (cancelled 02-10, due 03-10) has nothing refunded: overdue. No row is rejected.
    @Test func stripeOlderLayoutCountsRefundsItRecordsWithoutDates() throws {
        let result = try run("stripe-older")
        expectNoRejectsAndFullAccounts(result)
        let (cases, flags) = outcome(result)
        #expect(
            cases == [
                "1234 refunded_per_store -", "1235 refunded_per_store -", "1236 refunded_per_store -",
                "1237 overdue -",
            ])
        #expect(flags == ["overdue 1237 "])
        #expect(result.caseOf("1235")?.settled == 12_000)
        #expect(result.stats.first { $0.kind == "payments" }?.formatVariant == "older")
        let lines = try #require(Explainer(result: result).explain("1235"))
        #expect(
            lines.contains { $0.contains("the payments export records USD 120.00 refunded of this order's charges") })
        let charge = try #require(
            Explainer(result: try run("stripe-older", everyPayment: true)).explain("ch_3Qa1BBB1234567890"))
        #expect(charge.contains("  the export records USD 120.00 refunded of it, without a refund row or date"))
    }

    // MARK: Amazon

    /// Order 114-4672710-6798647's items (26.38 and 36.83, with another order between them) are one order
    /// of 63.21, refunded in full: no over_refund. 112-1234567-1234567 (15.99) refunded 5.00.
    @Test func amazonItemsOfOneOrderAddUp() throws {
        let result = try run("amazon")
        expectNoRejectsAndFullAccounts(result)
        #expect(result.stats("orders")?.used == 3)
        let order = try #require(result.orders.first { result.texts.id($0.id) == "114-4672710-6798647" })
        #expect(order.total == 6_321)
        #expect(result.reconciliation.exceptions.isEmpty)
        #expect(result.reconciliation.refunds.map(\.match) == [.order, .order])
    }
}
