import Foundation
import Testing

@testable import ReconCore

/// Overlapping payments downloads: a payment id that an earlier payments file had is one payment, the
/// later file's row winning; content-based ids make the same statement line the same id in each download.
/// Each case worked out by hand.
@Suite struct OverlappingDownloadsTests {
    struct Read {
        var payments: [Payment]
        var stats: [SourceStats]
        var rejected: [RejectedRow]
        var paymentIds: [String]
    }

    /// Reads `files` (CSV texts, in order) into one payments normaliser as a run does: each file started
    /// with `use(context:)`, the overlaps settled into the accounts at the end.
    /// `parameters`: each file's source's, `currency: USD` when not given.
    static func read(
        _ files: [String], format: FormatDefinition = .canonical(.payments), parameters: [[String: String]] = []
    ) throws -> Read {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = NormaliseContext(sourceZone: .utc, pipelineZone: .utc, asOf: CivilDate(iso: "2026-12-31")!)
        var normaliser = PaymentsNormaliser(context: context)
        var stats: [SourceStats] = []
        var rejected: [RejectedRow] = []
        for (i, text) in files.enumerated() {
            let path = folder.appendingPathComponent("download-\(i + 1).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            normaliser.use(context: context)
            var ingest = SourceIngest(kind: .payments, path: path, format: format)
            ingest.parameters = i < parameters.count ? parameters[i] : ["currency": "USD"]
            stats.append(try ingest.run(&normaliser, rejects: &rejected))
        }
        normaliser.settleAccounts(in: &stats)
        let ids = normaliser.payments.map { normaliser.texts.id($0.id) }
        return Read(payments: normaliser.payments, stats: stats, rejected: rejected, paymentIds: ids)
    }

    static func balances(_ s: SourceStats) -> Bool {
        s.rowsRead == s.used + s.skippedTotal + s.rejected + s.superseded
    }

    static let header = Scenario.paymentHeader

    /// Download 1 has p1 and p2 (pending); download 2 has p2 again (now succeeded), p3, and p3 once more.
    /// p2 is one payment with download 2's status, in download 1's place; p3's repeat inside download 2 is
    /// a reject. Download 1: read 2 = used 1 + superseded 1. Download 2: read 3 = used 2 + rejected 1, one
    /// of its used rows seen in an earlier file.
    @Test func theLaterFilesRowWins() throws {
        let out = try Self.read([
            Self.header + "p1,charge,2026-05-01T10:00:00Z,20.00,USD,card:1111,o1,,succeeded\n"
                + "p2,charge,2026-05-02T10:00:00Z,15.00,USD,card:1111,o2,,pending\n",
            Self.header + "p2,charge,2026-05-02T10:00:00Z,15.00,USD,card:1111,o2,,succeeded\n"
                + "p3,refund,2026-05-03T10:00:00Z,20.00,USD,card:1111,o1,p1,succeeded\n"
                + "p3,refund,2026-05-03T10:00:00Z,20.00,USD,card:1111,o1,p1,succeeded\n",
        ])
        #expect(out.paymentIds == ["p1", "p2", "p3"])
        #expect(out.payments.map(\.status) == [.succeeded, .succeeded, .succeeded])
        #expect(out.payments[1].source.line == 2 && out.payments[2].original == PaymentReference(position: 0))
        let (first, second) = (out.stats[0], out.stats[1])
        #expect(first.used == 1 && first.superseded == 1 && first.seenInEarlierFile == 0)
        #expect(second.used == 2 && second.rejected == 1 && second.seenInEarlierFile == 1 && second.superseded == 0)
        #expect(out.stats.allSatisfy(Self.balances))
        #expect(out.rejected.map(\.line) == [4] && out.rejected[0].reason.contains("already used at"))
    }

    /// Three nightly downloads each holding p1: the third's row is the one used; the first's and the
    /// second's are superseded (the second's row had replaced the first's).
    @Test func aPaymentInThreeDownloadsIsOnePayment() throws {
        let row = { (status: String) in
            Self.header + "p1,charge,2026-05-01T10:00:00Z,20.00,USD,card:1111,o1,,\(status)\n"
        }
        let out = try Self.read([row("pending"), row("pending"), row("failed")])
        #expect(out.payments.map(\.status) == [.failed])
        #expect(out.stats.map(\.used) == [0, 0, 1] && out.stats.map(\.superseded) == [1, 1, 0])
        #expect(out.stats.map(\.seenInEarlierFile) == [0, 1, 1])
        #expect(out.stats.allSatisfy(Self.balances))
    }

    /// A row with a charge and its refund (two payments): a later download holding only the refund leaves
    /// the row used for its charge; a third holding the charge supersedes it at last.
    @Test func aRowIsSupersededOnceNoneOfItsPaymentsIsLeft() throws {
        let format = try FormatLoader.parse(
            """
            kind: payments
            records:
              - columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}
              - when: {column: Refunded, not_in: [""]}
                columns:
                  payment_id: {template: "{id}-refund"}
                  type: {value: refund}
                  created_at: Created
                  amount: Refunded
                  currency: {value: USD}
                  original_payment_id: id
            """, path: "test-format.yml")
        let header = "id,Created,Amount,Refunded\n"
        let out = try Self.read(
            [
                header + "ch_1,2026-05-01T10:00:00Z,9.99,9.99\n",
                header + "ch_1-refund,2026-05-01T10:00:00Z,9.99,\n",
                header + "ch_1,2026-05-01T10:00:00Z,9.99,\n",
            ], format: format)
        #expect(out.paymentIds == ["ch_1", "ch_1-refund"])
        #expect(out.stats.map(\.used) == [0, 1, 1] && out.stats.map(\.superseded) == [1, 0, 0])
        #expect(out.stats.map(\.seenInEarlierFile) == [0, 1, 1])
        #expect(out.stats.allSatisfy(Self.balances))
    }

    /// A row whose two payments have one id stays a reject even when an earlier file had that id: the
    /// earlier payment stays, and is not superseded. Download 1: used 1; download 2: rejected 1.
    @Test func anIdTwiceInOneRowIsRejectedAfterAnEarlierFile() throws {
        let format = try FormatLoader.parse(
            """
            kind: payments
            records:
              - columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}
              - when: {column: Refunded, not_in: [""]}
                columns: {payment_id: id, type: {value: refund}, created_at: Created, amount: Refunded, currency: {value: USD}}
            """, path: "test-format.yml")
        let header = "id,Created,Amount,Refunded\n"
        let out = try Self.read(
            [header + "x,2026-05-01T10:00:00Z,9.99,\n", header + "x,2026-05-01T10:00:00Z,9.99,9.99\n"], format: format)
        #expect(out.payments.map(\.type) == [.charge] && out.payments[0].source.line == 2)
        #expect(out.stats.map(\.used) == [1, 0] && out.stats.map(\.rejected) == [0, 1])
        #expect(out.stats.map(\.superseded) == [0, 0] && out.stats.map(\.seenInEarlierFile) == [0, 0])
        #expect(out.rejected.first?.reason.contains("appears twice in this row") == true)
    }

    static let statement = try! FormatLoader.parse(
        """
        kind: payments
        columns:
          payment_id: {content: [Transaction Date, Amount, Description]}
          type: {value: charge}
          created_at: Transaction Date
          amount: Amount
          currency: {template: "{$currency}"}
        """, path: "statement.yml")

    /// Two identical lines on 2026-01-05 are #1 and #2; the downloads overlap on that day, so both lines
    /// are counted once: 3 payments in all. Download 1: read 3 = used 1 + superseded 2; download 2: read 3
    /// = used 3, two seen in the earlier file. Each id starts with the sources' parameter (currency USD, lower-cased).
    @Test func contentIdsCountTheSameStatementLineOnce() throws {
        let header = "Transaction Date,Amount,Description\n"
        let day = "2026-01-05,-12.34,AMAZON MKTPLACE\n2026-01-05,-12.34,AMAZON MKTPLACE\n"
        let out = try Self.read(
            [
                header + "2026-01-04,-5.00,COFFEE\n" + day,
                header + day + "2026-01-06,-7.50,BOOKS\n",
            ], format: Self.statement)
        #expect(
            out.paymentIds == [
                "usd 2026-01-04 -5.00 COFFEE #1", "usd 2026-01-05 -12.34 AMAZON MKTPLACE #1",
                "usd 2026-01-05 -12.34 AMAZON MKTPLACE #2", "usd 2026-01-06 -7.50 BOOKS #1",
            ])
        #expect(out.stats.map(\.used) == [1, 3] && out.stats.map(\.superseded) == [2, 0])
        #expect(out.stats.map(\.seenInEarlierFile) == [0, 2])
        #expect(out.stats.allSatisfy(Self.balances))
    }

    /// Two downloads of one statement, given their currency as `USD` and as `usd`, the second also an
    /// `account` that no template reads: their ids start alike, so the line in both is one payment.
    @Test func contentIdsIgnoreParametersNoTemplateReadsAndTheirCase() throws {
        let file = "Transaction Date,Amount,Description\n2026-01-05,-12.34,AMAZON MKTPLACE\n"
        let out = try Self.read(
            [file, file], format: Self.statement,
            parameters: [["currency": "USD"], ["currency": "usd", "account": "main"]])
        #expect(out.paymentIds == ["usd 2026-01-05 -12.34 AMAZON MKTPLACE #1"])
        #expect(out.stats.map(\.superseded) == [1, 0])
    }

    /// A card number in a content column never reaches the id: it is masked to its last four digits.
    @Test func contentIdsMaskCardNumbers() throws {
        let out = try Self.read(
            ["Transaction Date,Amount,Description\n2026-01-05,-3.00,REFUND CARD 4111 1111 1111 1111\n"],
            format: Self.statement)
        #expect(out.paymentIds == ["usd 2026-01-05 -3.00 REFUND CARD ****1111 #1"])
    }

    @Test func contentNeedsItsColumns() throws {
        #expect(throws: ReconError.self) {
            try Self.read(["Transaction Date,Amount\n2026-01-05,-3.00\n"], format: Self.statement)
        }
        #expect(throws: ReconError.self) {
            try FormatLoader.parse(
                "kind: payments\ncolumns:\n  payment_id: {content: []}\n  type: t\n  created_at: c\n  amount: a\n"
                    + "  currency: c\n", path: "bad.yml")
        }
    }

    /// Through a whole run: the manifest counts download 1's superseded row and download 2's row seen in
    /// it; the counts are absent where they are 0.
    @Test func theManifestCountsOverlaps() throws {
        let scenario = Scenario(
            orders: "o1,2026-04-30T10:00:00Z,USD,20.00,card:1111,US,first_party,,,,\n",
            payments: "p1,charge,2026-05-01T10:00:00Z,20.00,USD,card:1111,o1,,pending\n")
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let later = folder.appendingPathComponent("payments-later.csv").path
        try (Self.header + "p1,charge,2026-05-01T10:00:00Z,20.00,USD,card:1111,o1,,succeeded\n").write(
            toFile: later, atomically: true, encoding: .utf8)
        var twoDownloads = config
        twoDownloads.payments.append(SourceSpec(path: later))
        let output = folder.appendingPathComponent("out").path
        _ = try Pipeline(configuration: twoDownloads, origin: "test").run(output: output)
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count == 3)
        #expect(inputs[0]["superseded_by_later_file"] == nil && inputs[0]["duplicates_of_earlier_file"] == nil)
        #expect(inputs[1]["superseded_by_later_file"] as? Int == 1 && inputs[1]["used"] as? Int == 0)
        #expect(inputs[1]["duplicates_of_earlier_file"] == nil)
        #expect(inputs[2]["duplicates_of_earlier_file"] as? Int == 1 && inputs[2]["used"] as? Int == 1)
        #expect(inputs[2]["superseded_by_later_file"] == nil)
    }
}
