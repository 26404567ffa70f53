import Foundation
import Testing

@testable import ReconCore

/// Whom to chase: each case's counterparty, original charge and that charge's file; each refund-side
/// exception's refund date and description. As of 2026-06-30 with weekends only, a cancellation approved
/// on Wednesday 1 April is due on Wednesday 29 April, so A and B below, never refunded, are overdue.
@Suite struct ChaseTests {
    static let orders = """
        order_id,placed_at,currency,total,cancel_approved_at,counterparty
        A,2026-03-30,USD,50.00,2026-04-01,
        B,2026-03-30,USD,40.00,2026-04-01,Supplier 9 Store
        C,2026-03-30,USD,30.00,,Supplier 3 Store

        """
    /// A's failed charge at 09:00 comes before its succeeded one at 10:00: the succeeded one is the
    /// original. RF-X, 19.99 with no order, matches no charge, order or open case: unmatched.
    static let payments = """
        payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status,description
        CH-A0,charge,2026-03-30T09:00:00Z,50.00,USD,card:4242,A,,failed,
        CH-A1,charge,2026-03-30T10:00:00Z,50.00,USD,card:4242,A,,,
        CH-B,charge,2026-03-30T10:00:00Z,40.00,USD,card:4242,B,,,
        RF-X,refund,2026-05-21T12:00:00Z,19.99,USD,card:4242,,,,AMAZON MKTPLACE RETURN

        """

    func reconcile(configure: @escaping (inout RunConfiguration) -> Void = { _ in }) throws -> Pipeline.Result {
        var scenario = Scenario(orders: "", payments: "")
        (scenario.orders, scenario.payments) = (Self.orders, Self.payments)
        scenario.configure = configure
        return try scenario.reconcile()
    }

    /// The cells of `table`'s row whose `order_id` is `orderId`, by column name.
    func cells(_ table: ReportTable, orderId: String) throws -> [String: Cell] {
        let idColumn = try #require(table.column(named: "order_id"))
        let row = try #require((0..<table.rowCount).map(table.row).first { $0[idColumn] == .text(orderId) })
        return Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.name), row))
    }

    /// A, with no counterparty of its own, takes its charge's payments source's (`Stripe`, as configured);
    /// B's own supplier wins over it. Both name their original charge and its file.
    @Test func casesNameTheirCounterpartyAndOriginalCharge() throws {
        let result = try reconcile { $0.payments[0].counterparty = "Stripe" }
        let paymentsFile = result.stats("payments")!.path
        let firstFlagged = FirstFlagged(asOf: result.facts.asOf, masksEmails: false)
        let table = ReportTables.cases(
            result.reconciliation.cases, firstFlagged: firstFlagged, parties: result.reconciliation.parties)
        #expect(
            table.columns.suffix(4).map(\.name) == [
                "counterparty", "original_payment_id", "original_file", "dispute_by",
            ])
        let a = try cells(table, orderId: "A")
        #expect(a["counterparty"] == .text("Stripe") && a["original_payment_id"] == .text("CH-A1"))
        #expect(a["original_file"] == .text(paymentsFile))
        let b = try cells(table, orderId: "B")
        #expect(b["counterparty"] == .text("Supplier 9 Store") && b["original_payment_id"] == .text("CH-B"))
    }

    /// An orders source's counterparty (the marketplace) comes first: B is `AliExpress / Supplier 9 Store`,
    /// A `AliExpress`. The Overdue sheet shows the same columns before its detail.
    @Test func overdueSheetShowsTheMarketplaceAndSupplier() throws {
        let result = try reconcile {
            $0.orders[0].counterparty = "AliExpress"
            $0.payments[0].counterparty = "Stripe"
        }
        let overdue = ReportTables.overdue(
            result.reconciliation.exceptions, orders: result.orders, texts: result.texts,
            parties: result.reconciliation.parties)
        #expect(overdue.rowCount == 2)
        #expect(try cells(overdue, orderId: "B")["counterparty"] == .text("AliExpress / Supplier 9 Store"))
        #expect(try cells(overdue, orderId: "A")["counterparty"] == .text("AliExpress"))
        #expect(try cells(overdue, orderId: "A")["original_payment_id"] == .text("CH-A1"))
        #expect(overdue.columns.last?.name == "detail")
    }

    /// A canonical payments source names no counterparty: A's is empty, its charge still named.
    @Test func canonicalPaymentsNameNoCounterparty() throws {
        let result = try reconcile()
        let a = try #require(result.party("A"))
        #expect(a.counterparty == nil && a.originalPaymentId == "CH-A1")
        // C has no case: nothing is held for it.
        #expect(result.party("C") == nil)
    }

    /// The unmatched credit carries its day (21 May) and its description, in exceptions and refunds; case
    /// flags carry neither.
    @Test func refundSideExceptionsCarryTheirDateAndDescription() throws {
        let result = try reconcile()
        let unmatched = try #require(result.flags(.unmatchedRefund).first)
        #expect(unmatched.paymentId == "RF-X" && unmatched.paymentDate == CivilDate(iso: "2026-05-21"))
        #expect(unmatched.description == "AMAZON MKTPLACE RETURN")
        #expect(result.flags(.overdue).allSatisfy { $0.paymentDate == nil && $0.description.isEmpty })
        #expect(result.refund("RF-X")?.description(in: result.texts) == "AMAZON MKTPLACE RETURN")
        let exceptions = ReportTables.exceptions(
            result.reconciliation.exceptions, firstFlagged: FirstFlagged(asOf: result.facts.asOf, masksEmails: false))
        #expect(exceptions.columns.suffix(2).map(\.name) == ["payment_date", "description"])
    }

    /// The card-statement preset reads Description into `description`: the sample statement's unmatched
    /// Amazon return shows its words.
    @Test func statementPresetMapsTheDescription() throws {
        let config = try PipelineFile.load(
            path: SampleDataEndToEndTests.root.appendingPathComponent("Pipelines/supplier-refunds.yml").path)
        let result = try Pipeline(configuration: config, origin: "t").reconcile()
        let unmatched = try #require(result.flags(.unmatchedRefund).first)
        #expect(unmatched.description == "AMAZON MKTPLACE RETURN")
        #expect(unmatched.paymentDate == CivilDate(iso: "2026-05-21"))
        // The marketplace list's Store name is the supplier, after the pipeline's marketplace.
        let overdue = try #require(result.flags(.overdue).first)
        #expect(result.party(overdue.orderId)?.counterparty == "AliExpress / Supplier 4 Store")
    }

    /// A payments source without `counterparty` names its format: the store pipeline with its keys left
    /// out says `stripe-payments` for #1011, whose original is a Stripe charge (`Stripe` with them).
    @Test func paymentsSourceWithoutCounterpartyNamesItsFormat() throws {
        var config = try PipelineFile.load(
            path: SampleDataEndToEndTests.root.appendingPathComponent("Pipelines/store-refunds.yml").path)
        #expect(config.payments.map(\.counterparty) == ["Stripe", "PayPal"])
        for i in config.payments.indices { config.payments[i].counterparty = nil }
        let result = try Pipeline(configuration: config, origin: "t").reconcile()
        #expect(result.party("#1011")?.counterparty == "stripe-payments")
        #expect(result.party("#1011")?.originalPaymentId == "ch_3P1011xQk47233901")
    }
}
