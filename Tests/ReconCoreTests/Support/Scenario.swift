import Foundation
import ReconCore

/// A small hand-made run: orders and payments as CSV text, reconciled through the real pipeline.
struct Scenario {
    var orders: String
    var payments: String
    var asOf = "2026-06-30"
    var holidays: [String] = []
    var configure: (inout RunConfiguration) -> Void = { _ in }

    static let orderHeader =
        "order_id,placed_at,currency,total,payment_method,country,seller_type,cancel_approved_at,refund_requested_at,refund_approved_at,refund_amount\n"
    static let paymentHeader =
        "payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status\n"

    init(orders: String, payments: String, asOf: String = "2026-06-30") {
        self.orders = Scenario.orderHeader + orders
        self.payments = Scenario.paymentHeader + payments
        self.asOf = asOf
    }

    /// Files written into a fresh temporary folder, removed by the caller's `defer`.
    func writeFiles() throws -> (folder: URL, config: RunConfiguration) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try orders.write(to: folder.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
        try payments.write(to: folder.appendingPathComponent("payments.csv"), atomically: true, encoding: .utf8)
        var config = RunConfiguration()
        config.orders = [SourceSpec(path: folder.appendingPathComponent("orders.csv").path)]
        config.payments = [SourceSpec(path: folder.appendingPathComponent("payments.csv").path)]
        config.asOf = CivilDate(iso: asOf)
        config.maxRejectRate = 1
        if !holidays.isEmpty {
            let path = folder.appendingPathComponent("holidays.txt").path
            try holidays.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            config.defaultHolidays = path
        }
        configure(&config)
        return (folder, config)
    }

    /// `keepEveryRecord`: keep every order and payment read, as `explain` does (a run keeps only those its
    /// report reads).
    func reconcile(keepEveryRecord: Bool = false) throws -> Pipeline.Result {
        let (folder, config) = try writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Pipeline(configuration: config, origin: "test").reconcile(keepEveryRecord: keepEveryRecord)
    }
}

extension Pipeline.Result {
    var paymentIds: [String] { payments.map { texts.id($0.id) } }
    var orderIds: [String] { orders.map { texts.id($0.id) } }
    func refund(_ id: String) -> RefundRow? { reconciliation.refunds.first { $0.paymentId == id } }
    func caseOf(_ orderId: String) -> CaseRow? { reconciliation.cases.first { $0.orderId == orderId } }
    func flags(_ flag: Flag) -> [ExceptionRow] { reconciliation.exceptions.filter { $0.flag == flag } }
    func stats(_ kind: String) -> SourceStats? { stats.first { $0.kind == kind } }
    /// The party of the order `orderId` (nil for an id no order has, as for an order with no party).
    func party(_ orderId: String) -> CaseParties.Party? {
        orders.firstIndex { texts.id($0.id) == orderId }.flatMap { reconciliation.parties[orderAt: $0] }
    }
}
