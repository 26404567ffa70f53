import Foundation

@testable import ReconCore

/// Reads one small file through a format definition given as YAML, as the pipeline would.
struct FormatHarness {
    var yaml: String
    var params: [String: String] = [:]
    var asOf = "2026-12-31"

    struct Output {
        var payments: [Payment] = []
        var orders: [Order] = []
        var stats: SourceStats
        var rejected: [RejectedRow]
        /// The texts the records were coded in.
        var texts: RunTexts
        var paymentIds: [String] { payments.map { texts.id($0.id) } }
        var orderIds: [String] { orders.map { texts.id($0.id) } }
    }

    func read(_ bytes: [UInt8]) throws -> Output {
        try read(bytes, through: try FormatLoader.parse(yaml, path: "test-format.yml"))
    }

    /// Reads `bytes` through `format` instead of the harness's YAML.
    func read(_ bytes: [UInt8], through format: FormatDefinition) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("input.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var ingest = SourceIngest(kind: format.kind, path: path, format: format)
        ingest.parameters = params
        let context = NormaliseContext(sourceZone: format.zone ?? .utc, pipelineZone: .utc, asOf: CivilDate(iso: asOf)!)
        var rejected: [RejectedRow] = []
        let texts = RunTexts()
        switch format.kind {
        case .payments:
            var normaliser = PaymentsNormaliser(context: context, texts: texts)
            let stats = try ingest.run(&normaliser, rejects: &rejected)
            return Output(payments: normaliser.payments, stats: stats, rejected: rejected, texts: texts)
        case .orders:
            var normaliser = OrdersNormaliser(context: context, texts: texts)
            let stats = try ingest.run(&normaliser, rejects: &rejected)
            return Output(orders: normaliser.orders, stats: stats, rejected: rejected, texts: texts)
        }
    }

    func read(_ text: String) throws -> Output { try read(Array(text.utf8)) }
}
