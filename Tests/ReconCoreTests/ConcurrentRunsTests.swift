import Foundation
import Testing

@testable import ReconCore

/// Each run holds its own texts (methods, countries, ids no record had, input paths): two pipelines run at
/// once in one process each read back their own, though both number their texts from 1 and their files from 0.
@Suite struct ConcurrentRunsTests {
    /// Run A: a card order, its charge, a refund of it to another card (method_mismatch) and a refund naming
    /// an original nobody has (no charge, order or open case matches it: unmatched_refund). The refunds name
    /// no order of their own.
    static let ordersA = "A1,2026-06-01,USD,30.00,card:1111,US,standard,,,,\n"
    static let paymentsA = """
        CH-A,charge,2026-06-01T10:00:00Z,30.00,USD,card:1111,A1,,
        R-A,refund,2026-06-05,10.00,USD,card:9999,,CH-A,
        R-X,refund,2026-06-06,1.00,USD,card:1111,,NOPE-A,

        """
    /// Run B: the same shape in PayPal and euros, from a German marketplace seller; every method the same.
    static let ordersB = "B1,2026-06-01,EUR,50.00,paypal:b@x.y,DE,choice,,,,\n"
    static let paymentsB = """
        CH-B,charge,2026-06-01T10:00:00Z,50.00,EUR,paypal:b@x.y,B1,,
        R-B,refund,2026-06-05,50.00,EUR,paypal:b@x.y,,CH-B,
        R-Y,refund,2026-06-06,2.00,EUR,paypal:b@x.y,,NOPE-B,

        """

    /// What a run says in text: each refund's methods and flags, each payment's order and original (by
    /// position or by an id no record had), each order's texts, and the file each row came from (relative
    /// to the run's folder).
    static func facts(orders: String, payments: String) throws -> [String] {
        let (folder, config) = try Scenario(orders: orders, payments: payments).writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Pipeline(configuration: config, origin: "test").reconcile()
        let texts = result.texts
        func file(_ source: RowSource) -> String {
            let path = texts.file(source)
            return path.hasPrefix(folder.path + "/") ? String(path.dropFirst(folder.path.count + 1)) : path
        }
        let refunds = result.reconciliation.refunds.map {
            "refund \($0.paymentId) \($0.paymentMethod(in: texts) ?? "-") \($0.originalMethod(in: texts) ?? "-") "
                + $0.flags.map(\.rawValue).joined(separator: ";")
        }
        let payments = result.payments.map {
            "payment \(texts.id($0.id)) order \($0.orderId(in: result.orders, texts: texts) ?? "-") "
                + "original \($0.originalPaymentId(in: result.payments, texts: texts) ?? "-") \(file($0.source)):\($0.source.line)"
        }
        let orders = result.orders.map {
            "order \(texts.id($0.id)) \($0.method(in: texts) ?? "-") \($0.country(in: texts) ?? "-") \($0.sellerType(in: texts) ?? "-") "
                + "\(file($0.source)):\($0.source.line)"
        }
        return refunds + payments + orders
    }

    static let expectedA = [
        "refund R-A card:9999 card:1111 method_mismatch", "refund R-X card:1111 - unmatched_refund",
        "payment CH-A order A1 original - payments.csv:2", "payment R-A order - original CH-A payments.csv:3",
        "payment R-X order - original NOPE-A payments.csv:4",
        "order A1 card:1111 US standard orders.csv:2",
    ]
    static let expectedB = [
        "refund R-B paypal:b@x.y paypal:b@x.y ", "refund R-Y paypal:b@x.y - unmatched_refund",
        "payment CH-B order B1 original - payments.csv:2", "payment R-B order - original CH-B payments.csv:3",
        "payment R-Y order - original NOPE-B payments.csv:4",
        "order B1 paypal:b@x.y DE choice orders.csv:2",
    ]

    @Test func eachRunAloneSaysWhatItRead() throws {
        #expect(try Self.facts(orders: Self.ordersA, payments: Self.paymentsA) == Self.expectedA)
        #expect(try Self.facts(orders: Self.ordersB, payments: Self.paymentsB) == Self.expectedB)
    }

    /// The two runs, several times each, on two tasks at once: each gets its own texts and files.
    @Test func twoRunsAtOnceKeepTheirOwnTexts() async throws {
        async let runsA = (0..<4).map { _ in try Self.facts(orders: Self.ordersA, payments: Self.paymentsA) }
        async let runsB = (0..<4).map { _ in try Self.facts(orders: Self.ordersB, payments: Self.paymentsB) }
        let (a, b) = try await (runsA, runsB)
        #expect(a == Array(repeating: Self.expectedA, count: 4))
        #expect(b == Array(repeating: Self.expectedB, count: 4))
    }
}
