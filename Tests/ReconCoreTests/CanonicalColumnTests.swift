import Foundation
import Testing

@testable import ReconCore

/// The canonical columns come from one table in `CanonicalColumn`; everything else that lists them is
/// derived from it. The expected lists are SPEC's tables (Inputs), copied by hand.
@Suite struct CanonicalColumnTests {
    @Test func columnsAreSpecsInSpecsOrder() {
        #expect(
            SourceKind.orders.columns == [
                "order_id", "placed_at", "currency", "total", "payment_method", "country",
                "seller_type", "customer", "status", "cancel_approved_at",
                "refund_requested_at", "refund_approved_at", "refund_amount", "captured_amount",
                "refunded_amount", "counterparty",
            ])
        #expect(
            SourceKind.payments.columns == [
                "payment_id", "type", "created_at", "amount", "currency", "payment_method",
                "order_id", "original_payment_id", "status", "refunded_amount", "description",
            ])
    }

    /// SPEC's starred columns; timestamps and amounts as SPEC's meanings say.
    @Test func requiredTimestampAndAmountColumnsAreDerived() {
        #expect(SourceKind.orders.required == ["order_id", "placed_at", "currency", "total"])
        #expect(SourceKind.payments.required == ["payment_id", "type", "created_at", "amount", "currency"])
        #expect(
            SourceKind.orders.dateColumns == [
                "placed_at", "cancel_approved_at", "refund_requested_at", "refund_approved_at",
            ])
        #expect(SourceKind.payments.dateColumns == ["created_at"])
        #expect(SourceKind.orders.amountColumns == ["total", "refund_amount", "captured_amount", "refunded_amount"])
        #expect(SourceKind.payments.amountColumns == ["amount", "refunded_amount"])
    }

    /// A named column stands where its name does in its kind's columns: the first, a middle and the last of
    /// each kind, and the two names both kinds have.
    @Test func namedColumnsStandWhereTheTablePutsThem() {
        let named: [(CanonicalColumn, SourceKind, Int)] = [
            (.orderId, .orders, 0), (.orderCurrency, .orders, 2), (.customer, .orders, 7), (.refundAmount, .orders, 12),
            (.refundedAmount, .orders, 14),
            (.paymentId, .payments, 0), (.paymentCurrency, .payments, 4), (.paymentOrderId, .payments, 6),
            (.paymentStatus, .payments, 8),
        ]
        for (column, kind, position) in named {
            #expect(column.position == position && kind.columns[position] == column.name)
        }
    }

    /// The generator writes the canonical columns as its headers (the orders' as far as its rows go).
    @Test func generatedFilesHaveTheCanonicalHeaders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let orders = folder.appendingPathComponent("orders.csv").path
        let payments = folder.appendingPathComponent("payments.csv").path
        _ = try InputGenerator(orders: 1, seed: 1).write(ordersTo: orders, paymentsTo: payments)
        let firstLine = { (path: String) in
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first
        }
        // The generated orders end at refund_amount: they say nothing of capture or of refunds the store made.
        #expect(
            try firstLine(orders)
                == "order_id,placed_at,currency,total,payment_method,country,seller_type,customer,status,"
                + "cancel_approved_at,refund_requested_at,refund_approved_at,refund_amount")
        // The generated payments end at status, as their rows do (9 fields): no charge records an amount refunded.
        #expect(
            try firstLine(payments)
                == "payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status")
    }
}
