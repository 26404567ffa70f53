import Foundation
import Testing
@testable import ReconCore

/// The same events given once canonically and once in real export layouts give the same results.
/// Both forms are written by scripts/make_export_samples.py from one list of events.
@Suite struct FormatEquivalenceTests {
    static let root = SampleDataEndToEndTests.root

    func load(_ pipeline: String) throws -> RunConfiguration {
        try PipelineFile.load(path: Self.root.appendingPathComponent("Pipelines/\(pipeline)").path)
    }

    func sample(_ path: String) -> String { Self.root.appendingPathComponent("SampleData/\(path)").path }

    /// Runs `pipeline` through its presets and again on the canonical files in `folder`; expects the same
    /// exceptions, cases and refunds, and returns the presets' result.
    func presetsMatchCanonical(_ pipeline: String, folder: String) throws -> Pipeline.Result {
        let presets = try load(pipeline)
        var canonical = presets
        canonical.orders = [SourceSpec(path: sample("\(folder)/canonical_orders.csv"))]
        canonical.payments = [SourceSpec(path: sample("\(folder)/canonical_payments.csv"))]
        let a = try Pipeline(configuration: presets, origin: "presets").reconcile()
        let b = try Pipeline(configuration: canonical, origin: "canonical").reconcile()
        #expect(a.reconciliation.exceptions == b.reconciliation.exceptions)
        #expect(a.reconciliation.cases == b.reconciliation.cases)
        #expect(a.reconciliation.refunds == b.reconciliation.refunds)
        #expect(a.rejected.isEmpty && b.rejected.isEmpty)
        return a
    }

    @Test func storeExportsMatchTheirCanonicalForm() throws {
        let result = try presetsMatchCanonical("store-refunds.yml", folder: "store")
        let flags = Set(result.reconciliation.exceptions.map(\.flag))
        #expect(flags == [.overdue, .late, .methodMismatch, .overRefund, .unmatchedRefund])
        // Shopify line items grouped into 30 orders; the Stripe attempt and the PayPal withdrawal skipped.
        #expect(result.stats("orders")?.used == 30)
        #expect(result.stats.map(\.skipped).contains(["payment attempt without a charge (empty id)": 1]))
        #expect(result.stats.map(\.skipped).contains(["type general withdrawal": 1]))
    }

    @Test func supplierExportsMatchTheirCanonicalForm() throws {
        let result = try presetsMatchCanonical("supplier-refunds.yml", folder: "supplier")
        // Statement credits carry no ids: every linked one was matched by amount.
        #expect(result.reconciliation.refunds.allSatisfy { $0.match == .amount || $0.match == .none })
        #expect(Set(result.reconciliation.exceptions.map(\.flag)) == [.overdue, .late, .outOfWindow, .unmatchedRefund])
    }

    /// Payments read through a preset, compared field by field with the canonical file of the same events.
    func assertSamePayments(preset: String, file: String, canonicalFile: String) throws {
        func read(_ format: String, _ path: String) throws -> [Payment] {
            let definition = try FormatLoader.load(format, kind: .payments,
                                                   searchFolders: [Self.root.appendingPathComponent("Pipelines/formats").path], origin: "t")
            var normaliser = PaymentsNormaliser(context: NormaliseContext(sourceZone: definition.zone ?? .utc, pipelineZone: .utc,
                                                                          asOf: CivilDate(iso: "2026-12-31")!))
            var rejected: [RejectedRow] = []
            _ = try SourceIngest(kind: .payments, path: path, format: definition).run(&normaliser, rejects: &rejected)
            #expect(rejected.isEmpty)
            return normaliser.payments
        }
        func facts(_ p: Payment) -> String {
            "\(p.id) \(p.type) \(p.createdAt.seconds) \(p.amount) \(p.currency) \(p.method ?? "-") \(p.orderId ?? "-") \(p.originalPaymentId ?? "-") \(p.status)"
        }
        let viaPreset = try read(preset, sample(file)).map(facts)
        let viaCanonical = try read("canonical", sample(canonicalFile)).map(facts)
        #expect(!viaPreset.isEmpty)
        #expect(viaPreset == viaCanonical)
    }

    @Test func shopifyPayoutsMatchTheirCanonicalForm() throws {
        try assertSamePayments(preset: "shopify-payouts", file: "store/shopify_payouts.csv",
                               canonicalFile: "store/canonical_shopify_payouts.csv")
    }

    @Test func stripeBalanceReportMatchesItsCanonicalForm() throws {
        try assertSamePayments(preset: "stripe-balance", file: "store/stripe_balance.csv",
                               canonicalFile: "store/canonical_stripe_balance.csv")
    }

    /// Older Shopify exports end at "Cancelled at": the orders read the same from the first 47 columns.
    @Test func olderShorterShopifyLayoutReadsTheSameOrders() throws {
        let original = try String(contentsOfFile: sample("store/shopify_orders_export.csv"), encoding: .utf8)
        var shortened: [String] = []
        let reader = CSVReader(source: MemorySource(original, chunk: 4096), name: "shopify")
        var record = CSVRecord()
        while try reader.next(into: &record) {
            shortened.append((0..<47).map { i -> String in
                let field = record.field(i)
                return field.contains(",") ? "\"\(field)\"" : field
            }.joined(separator: ","))
        }
        #expect(shortened[0].hasSuffix(",Cancelled at"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-shopify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("orders_export.csv").path
        try (shortened.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var presets = try load("store-refunds.yml")
        let baseline = try Pipeline(configuration: presets, origin: "t").reconcile()
        presets.orders[0].path = path
        let older = try Pipeline(configuration: presets, origin: "t").reconcile()
        #expect(older.reconciliation.cases == baseline.reconciliation.cases)
        #expect(older.reconciliation.exceptions == baseline.reconciliation.exceptions)
    }

    /// Stripe renamed "Created (UTC)" to "Created date (UTC)"; either, in any column order, reads the same.
    @Test func changedHeaderThatStillFitsItsAliasesKeepsWorking() throws {
        let original = try String(contentsOfFile: sample("store/stripe_unified_payments.csv"), encoding: .utf8)
        let rows = original.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // Move the first column to the end and use the old name for the creation time.
        let reshaped = rows.map { Array($0.dropFirst()) + [$0[0]] }.enumerated().map { i, fields in
            (i == 0 ? fields.map { $0 == "Created date (UTC)" ? "Created (UTC)" : $0 } : fields).joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-alias-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stripe_old.csv").path
        try reshaped.write(toFile: path, atomically: true, encoding: .utf8)
        var presets = try load("store-refunds.yml")
        let baseline = try Pipeline(configuration: presets, origin: "t").reconcile()
        presets.payments[0].path = path
        let reshapedRun = try Pipeline(configuration: presets, origin: "t").reconcile()
        #expect(reshapedRun.reconciliation.refunds.map(\.paymentId) == baseline.reconciliation.refunds.map(\.paymentId))
        #expect(reshapedRun.reconciliation.exceptions.map(\.flag) == baseline.reconciliation.exceptions.map(\.flag))

        // Without any of the creation-time names, the run stops and says what is missing.
        try reshaped.replacingOccurrences(of: "Created (UTC)", with: "Creation").write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Pipeline(configuration: presets, origin: "t").reconcile()
        } throws: { error in
            guard case ReconError.formatMismatch("stripe-payments", let definition, path, let missing) = error else { return false }
            return definition.hasSuffix("Pipelines/formats/stripe-payments.yml")
                && missing == ["Created date (UTC) | Created (UTC) | Created"]
        }
    }
}
