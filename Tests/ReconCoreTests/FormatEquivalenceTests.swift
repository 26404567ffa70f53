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
        // Shopify line items grouped into 33 orders; the Stripe attempt and the PayPal withdrawal skipped.
        #expect(result.stats("orders")?.used == 33)
        #expect(result.stats.map(\.skipped).contains(["payment attempt without a charge (empty id)": 1]))
        #expect(result.stats.map(\.skipped).contains(["type general withdrawal": 1]))
    }

    /// The store's cancellations that no payments export shows, as of 30 June with US federal holidays
    /// (Memorial Day 25 May, Juneteenth 19 June), dates in New York:
    /// - #1031, `voided` (cash on delivery), cancelled Saturday 2 May: never captured, owes nothing, closed
    ///   that day after 0 business days.
    /// - #1032, `refunded`, Refunded Amount 84.50 = Total, cancelled Tuesday 5 May: refunded_per_store, 84.50
    ///   settled per store, nothing outstanding, no date; 38 business days (6 May–30 June less the two holidays).
    /// - #1033, `partially_refunded`, 40.00 of 120.00, cancelled Friday 8 May: due Monday 8 June (20 business
    ///   days, Memorial Day skipped); 80.00 overdue by 15 business days (9–30 June less Juneteenth).
    @Test func storeCancellationsOweWhatWasTakenAndNotGivenBack() throws {
        let result = try Pipeline(configuration: load("store-refunds.yml"), origin: "store").reconcile()
        let voided = try #require(result.caseOf("#1031"))
        #expect(voided.state == .neverCaptured && voided.expected == 0 && voided.outstanding == 0)
        #expect(voided.settledOn == CivilDate(iso: "2026-05-02") && voided.businessDaysElapsed == 0)
        let refunded = try #require(result.caseOf("#1032"))
        #expect(refunded.state == .refundedPerStore && refunded.expected == 8450 && refunded.settled == 8450)
        #expect(refunded.outstanding == 0 && refunded.settledOn == nil && refunded.businessDaysElapsed == 38)
        let partly = try #require(result.caseOf("#1033"))
        #expect(partly.state == .overdue && partly.expected == 12000 && partly.settled == 4000)
        #expect(partly.outstanding == 8000 && partly.dueOn == CivilDate(iso: "2026-06-08"))
        let overdue = result.flags(.overdue).filter { ["#1031", "#1032", "#1033"].contains($0.orderId) }
        #expect(overdue.map(\.orderId) == ["#1033"] && overdue.first?.amount == 8000)
        #expect(overdue.first?.businessDays == 15)
    }

    @Test func supplierExportsMatchTheirCanonicalForm() throws {
        let result = try presetsMatchCanonical("supplier-refunds.yml", folder: "supplier")
        // Statement credits carry no ids: every linked one was matched by amount.
        #expect(result.reconciliation.refunds.allSatisfy { $0.match == .amount || $0.match == .none })
        #expect(Set(result.reconciliation.exceptions.map(\.flag)) == [.overdue, .late, .outOfWindow, .unmatchedRefund])
    }

    /// A canonical file's plain ASCII rows are read straight from the reader's bytes; every other route (a
    /// format from a file, a row with other characters) goes through the general mapping. The same file,
    /// read once as canonical and once through an identical format that names a file, gives the same
    /// payments, rejects and counts, with every kind of awkward row the reader can meet.
    @Test func canonicalRowsReadFromBytesMatchTheGeneralMapping() throws {
        let text = """
            amount,payment_id,TYPE,created_at,currency,payment_method,order_id,original_payment_id
            12.50,P1,charge,2026-03-01T10:00:00Z,usd,card:4242,O1,
             -5.00 ,P2,Refund,2026-03-02T10:00:00+02:00, EUR ,Card:4242,O1,P1
            "1,000.00",P3,charge,2026-03-03T10:00:00Z,USD,,O2,
            7.00, P4 ,charge,2026-03-04,USD,"card:4242",O3\t,
            AMOUNT,Payment_ID, type ,created_at,currency,payment_method,order_id,original_payment_id
            8.00,P5,charge,2026-03-05T10:00:00Z,USD,card:4242,Ø4,
            9.00,P1,charge,2026-03-06T10:00:00Z,USD,card:1,O5,
            10.00,P6,charge,not a date,USD,card:1,O6,
            ,P7,charge,2026-03-07T10:00:00Z,USD,card:1,O7,
            11.00,P8,payout,2026-03-07T10:00:00Z,USD,card:1,O7,
            12.00,P9,charge,2026-03-08T10:00:00Z,USD,card:1,"O8
            continued",
            \t13.00\t,P10,charge,2026-03-09T10:00:00Z,xyz,card:1,O9,

            14.00,P11,charge,2026-03-10T10:00:00Z,JPY,card:1,O10,
            15.00,P12,charge
            16.00,P13,charge,2026-03-11T10:00:00Z,USD,card:1,O11,

            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recon-direct-\(UUID().uuidString).csv"
        ).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        func read(_ definition: FormatDefinition, rowsPerBatch: Int = 4_096) throws -> (
            payments: [String], rejected: [RejectedRow], stats: SourceStats
        ) {
            var normaliser = PaymentsNormaliser(
                context: NormaliseContext(
                    sourceZone: .utc, pipelineZone: .utc,
                    asOf: CivilDate(iso: "2026-12-31")!))
            var rejected: [RejectedRow] = []
            var ingest = SourceIngest(kind: .payments, path: path, format: definition)
            ingest.rowsPerBatch = rowsPerBatch
            let stats = try ingest.run(&normaliser, rejects: &rejected)
            let read = normaliser.payments
            let payments = read.map {
                "\(normaliser.texts.id($0.id)) \($0.type) \($0.createdAt.seconds) \($0.amount) \($0.currency) \($0.method(in: normaliser.texts) ?? "-") "
                    + "\($0.orderId(in: [], texts: normaliser.texts) ?? "-") \($0.originalPaymentId(in: read, texts: normaliser.texts) ?? "-") \($0.status) \($0.source.line)"
            }
            return (payments, rejected, stats)
        }
        var general = FormatDefinition.canonical(.payments)
        general.file = "identity.yml"
        let direct = try read(.canonical(.payments))
        let mapped = try read(general)
        #expect(direct.payments == mapped.payments)
        #expect(direct.rejected == mapped.rejected)
        #expect(direct.stats == mapped.stats)
        // What the rows come to, worked out by hand: P5 (not ASCII) goes through the general mapping; P3 (a
        // thousands separator), the second P1, P6, P7, P10 (currency xyz) and P12 (three fields) are rejected.
        #expect(direct.payments.map { $0.split(separator: " ")[0] } == ["P1", "P2", "P4", "P5", "P9", "P11", "P13"])
        #expect(direct.payments[1] == "P2 refund 1772438400 500 EUR card:4242 O1 P1 succeeded 3")
        #expect(direct.payments[2].hasPrefix("P4 charge ") && direct.payments[2].contains(" O3 "))
        #expect(direct.rejected.map(\.line) == [4, 8, 9, 10, 14, 17])
        #expect(direct.stats.skipped == ["repeated header line": 1, "type payout": 1, "blank line": 1])
        #expect(
            direct.stats.rowsRead == direct.stats.used + direct.stats.rejected
                + direct.stats.skipped.values.reduce(0, +))
        // The same, however the rows fall into the batches the ingest hands between its threads.
        for rows in [1, 2, 3] {
            for definition in [.canonical(.payments), general] {
                let batched = try read(definition, rowsPerBatch: rows)
                #expect(
                    batched.payments == direct.payments && batched.rejected == direct.rejected
                        && batched.stats == direct.stats,
                    "batches of \(rows) rows, \(definition.file ?? "canonical")")
            }
        }
    }

    /// Payments read through a preset, compared field by field with the canonical file of the same events.
    func assertSamePayments(preset: String, file: String, canonicalFile: String) throws {
        func read(_ format: String, _ path: String) throws -> (payments: [Payment], texts: RunTexts) {
            let definition = try FormatLoader.load(
                format, kind: .payments,
                searchFolders: [Self.root.appendingPathComponent("Pipelines/formats").path], origin: "t")
            var normaliser = PaymentsNormaliser(
                context: NormaliseContext(
                    sourceZone: definition.zone ?? .utc, pipelineZone: .utc,
                    asOf: CivilDate(iso: "2026-12-31")!))
            var rejected: [RejectedRow] = []
            _ = try SourceIngest(kind: .payments, path: path, format: definition).run(&normaliser, rejects: &rejected)
            #expect(rejected.isEmpty)
            return (normaliser.payments, normaliser.texts)
        }
        func facts(_ read: (payments: [Payment], texts: RunTexts)) -> [String] {
            let (payments, texts) = read
            return payments.map { p in
                "\(texts.id(p.id)) \(p.type) \(p.createdAt.seconds) \(p.amount) \(p.currency) \(p.method(in: texts) ?? "-") "
                    + "\(p.orderId(in: [], texts: texts) ?? "-") \(p.originalPaymentId(in: payments, texts: texts) ?? "-") \(p.status)"
            }
        }
        let viaPreset = facts(try read(preset, sample(file)))
        let viaCanonical = facts(try read("canonical", sample(canonicalFile)))
        #expect(!viaPreset.isEmpty)
        #expect(viaPreset == viaCanonical)
    }

    @Test func shopifyPayoutsMatchTheirCanonicalForm() throws {
        try assertSamePayments(
            preset: "shopify-payouts", file: "store/shopify_payouts.csv",
            canonicalFile: "store/canonical_shopify_payouts.csv")
    }

    @Test func stripeBalanceReportMatchesItsCanonicalForm() throws {
        try assertSamePayments(
            preset: "stripe-balance", file: "store/stripe_balance.csv",
            canonicalFile: "store/canonical_stripe_balance.csv")
    }

    /// Older Shopify exports end at "Cancelled at": the orders read the same from the first 47 columns, but
    /// for the refunds Shopify records in "Refunded Amount" (column 50): without it, #1032 and #1033 (which
    /// no payments export shows) owe their whole totals, 84.50 and 120.00, overdue.
    @Test func olderShorterShopifyLayoutReadsTheSameOrders() throws {
        let original = try String(contentsOfFile: sample("store/shopify_orders_export.csv"), encoding: .utf8)
        var shortened: [String] = []
        let reader = CSVReader(source: MemorySource(original, chunk: 4096), name: "shopify")
        var record = CSVRecord()
        while try reader.next(into: &record) {
            shortened.append(
                (0..<47).map { i -> String in
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
        let recordedByShopify: Set<String> = ["#1032", "#1033"]
        #expect(
            older.reconciliation.cases.filter { !recordedByShopify.contains($0.orderId) }
                == baseline.reconciliation.cases.filter { !recordedByShopify.contains($0.orderId) })
        #expect(
            older.reconciliation.exceptions.filter { !recordedByShopify.contains($0.orderId) }
                == baseline.reconciliation.exceptions.filter { !recordedByShopify.contains($0.orderId) })
        #expect(older.flags(.overdue).filter { recordedByShopify.contains($0.orderId) }.map(\.amount) == [8450, 12000])
    }

    /// Stripe renamed "Created (UTC)" to "Created date (UTC)"; either, in any column order, reads the same.
    @Test func changedHeaderThatStillFitsItsAliasesKeepsWorking() throws {
        let original = try String(contentsOfFile: sample("store/stripe_unified_payments.csv"), encoding: .utf8)
        let rows = original.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // Move the first column to the end and use the old name for the creation time.
        let reshaped =
            rows.map { Array($0.dropFirst()) + [$0[0]] }.enumerated().map { i, fields in
                (i == 0 ? fields.map { $0 == "Created date (UTC)" ? "Created (UTC)" : $0 } : fields).joined(
                    separator: ",")
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
        try reshaped.replacingOccurrences(of: "Created (UTC)", with: "Creation").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Pipeline(configuration: presets, origin: "t").reconcile()
        } throws: { error in
            guard case ReconError.noVariantFits("stripe-payments", let definition, path, let lacks) = error else {
                return false
            }
            return definition.hasSuffix("Pipelines/formats/stripe-payments.yml")
                && lacks.contains("variant 'unified' lacks Created date (UTC) | Created (UTC) | Created")
        }
    }
}
