import Foundation
import Testing

@testable import ReconCore

/// A file is read on two threads, in batches of rows handed from one to the other: however its rows fall
/// into batches, the same records, rejects and counts come out.
@Suite struct IngestBatchTests {
    static let root = SampleDataEndToEndTests.root

    func definition(_ format: String, _ kind: SourceKind) throws -> FormatDefinition {
        try FormatLoader.load(
            format, kind: kind, searchFolders: [Self.root.appendingPathComponent("Pipelines/formats").path], origin: "t"
        )
    }

    func context(_ definition: FormatDefinition) -> NormaliseContext {
        NormaliseContext(sourceZone: definition.zone ?? .utc, pipelineZone: .utc, asOf: CivilDate(iso: "2026-12-31")!)
    }

    func ingest(_ file: String, _ definition: FormatDefinition, rowsPerBatch: Int) -> SourceIngest {
        var ingest = SourceIngest(
            kind: definition.kind, path: Self.root.appendingPathComponent("SampleData/\(file)").path,
            format: definition)
        ingest.rowsPerBatch = rowsPerBatch
        return ingest
    }

    /// Shopify writes an order's line items on consecutive rows, grouped into one order by the order's name:
    /// a group cut by the end of a batch is still one order.
    @Test func lineItemsGroupedAcrossBatches() throws {
        let format = try definition("shopify-orders", .orders)
        func read(_ rows: Int) throws -> (orders: [String], stats: SourceStats, rejected: [RejectedRow]) {
            var normaliser = OrdersNormaliser(context: context(format))
            var rejected: [RejectedRow] = []
            let stats = try ingest("store/shopify_orders_export.csv", format, rowsPerBatch: rows).run(
                &normaliser, rejects: &rejected)
            let orders = normaliser.orders.map {
                "\(normaliser.texts.id($0.id)) \($0.total) \($0.currency) \($0.placedOn) \($0.method(in: normaliser.texts) ?? "-") \($0.source.line) \($0.refundDetails?.refundAmount ?? -1)"
            }
            return (orders, stats, rejected)
        }
        let whole = try read(4_096)
        // 64 rows: 33 orders, 31 line items grouped with the row above, nothing rejected.
        #expect(whole.orders.count == 33)
        #expect(
            whole.stats.rowsRead == 64 && whole.stats.used == 33
                && whole.stats.skipped == ["line item grouped with the row above": 31])
        #expect(whole.rejected.isEmpty)
        for rows in [1, 2, 3, 7] {
            let batched = try read(rows)
            #expect(batched.orders == whole.orders, "batches of \(rows) rows")
            #expect(batched.stats == whole.stats, "batches of \(rows) rows")
        }
    }

    /// The sum form of `group_by` on the same export (`{key: Name, sum: [Total]}`: Shopify writes the total
    /// on an order's first row only, so the sum is that total) gives the same 30 orders, in the same order
    /// and with the same lines, however the rows and the groups released at the end fall into batches.
    @Test func lineItemsGroupedAcrossTheFileGiveTheSameOrders() throws {
        var format = try definition("shopify-orders", .orders)
        func read(_ rows: Int) throws -> (orders: [String], stats: SourceStats) {
            var normaliser = OrdersNormaliser(context: context(format))
            var rejected: [RejectedRow] = []
            let stats = try ingest("store/shopify_orders_export.csv", format, rowsPerBatch: rows).run(
                &normaliser, rejects: &rejected)
            return (
                normaliser.orders.map { "\(normaliser.texts.id($0.id)) \($0.total) \($0.placedOn) \($0.source.line)" },
                stats
            )
        }
        let consecutive = try read(4_096)
        format.groupAcrossFile = .init(sum: [["Total"]])
        for rows in [1, 2, 3, 7, 4_096] {
            let acrossFile = try read(rows)
            #expect(acrossFile.orders == consecutive.orders, "batches of \(rows) rows")
            #expect(
                acrossFile.stats.used == 33 && acrossFile.stats.skipped == [KeyedGrouper.reason: 31],
                "batches of \(rows) rows")
        }
    }

    /// A Stripe row with an amount refunded is a charge and its refund: the refund finds its original, the
    /// charge of the same row, by position, whatever batch the row falls in.
    @Test func chargeAndRefundOfOneRowAcrossBatches() throws {
        let format = try definition("stripe-payments", .payments)
        func read(_ rows: Int) throws -> (payments: [String], originals: [Int?], stats: SourceStats) {
            var normaliser = PaymentsNormaliser(context: context(format))
            var rejected: [RejectedRow] = []
            let stats = try ingest("store/stripe_unified_payments.csv", format, rowsPerBatch: rows).run(
                &normaliser, rejects: &rejected)
            #expect(rejected.isEmpty)
            let payments = normaliser.takePayments()
            return (
                payments.map {
                    "\(normaliser.texts.id($0.id)) \($0.type) \($0.amount) \($0.originalPaymentId(in: payments, texts: normaliser.texts) ?? "-") \($0.source.line)"
                },
                payments.map(\.original.position), stats
            )
        }
        let whole = try read(4_096)
        let refunds = whole.payments.filter { $0.contains(" refund ") }
        #expect(!refunds.isEmpty)
        // Each refund is the record after its charge, made from the same row.
        for (i, payment) in whole.payments.enumerated() where payment.contains(" refund ") {
            #expect(whole.originals[i] == i - 1)
            #expect(whole.payments[i - 1].split(separator: " ").last == payment.split(separator: " ").last)
        }
        for rows in [1, 2, 5] {
            let batched = try read(rows)
            #expect(batched.payments == whole.payments, "batches of \(rows) rows")
            #expect(batched.originals == whole.originals, "batches of \(rows) rows")
            #expect(batched.stats == whole.stats, "batches of \(rows) rows")
        }
    }
}
