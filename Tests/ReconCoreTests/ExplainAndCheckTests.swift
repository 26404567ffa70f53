import Foundation
import Testing

@testable import ReconCore

@Suite struct ExplainAndCheckTests {
    static let sample = try! PipelineFile.load(
        path: SampleDataEndToEndTests.root.appendingPathComponent("Pipelines/sample.yml").path)

    func explain(_ id: String) throws -> String? {
        let result = try Pipeline(configuration: Self.sample, origin: "sample.yml").reconcile(keepEveryRecord: true)
        return Explainer(result: result).explain(id)?.joined(separator: "\n")
    }

    @Test func overdueCaseShowsItsClock() throws {
        let text = try #require(try explain("SO-1003"))
        #expect(text.contains("Order SO-1003 — SampleData/orders.csv:4"))
        #expect(text.contains("holidays skipped: 2026-05-25"))
        #expect(text.contains("due 2026-06-01: business day 20 after 2026-05-01"))
        #expect(text.contains("state overdue: not settled, and as of 2026-06-30 is after the due date 2026-06-01"))
        #expect(text.contains("overdue  USD 60.00"))
    }

    /// SO-1023's card refund was due 2026-03-12: a dispute is accepted until 120 days later, 2026-07-10.
    /// SO-2028 (a `choice` order placed 2026-04-17, no request) may still ask for a refund until 2026-07-01.
    @Test func orderShowsItsDeadlines() throws {
        let card = try #require(try explain("SO-1023"))
        #expect(
            card.contains(
                "Dispute window: the refund is overdue; a card dispute (card:2323) can be opened until 2026-07-10 "
                    + "(120 days from the refund's due date 2026-03-12), 10 days left; on the watchlist"))
        let request = try #require(try explain("SO-2028"))
        #expect(
            request.contains(
                "Request window: a refund request is accepted until 2026-07-01 (75-day window from 2026-04-17 by "
                    + "rule */choice), 1 day left; on the watchlist"))
    }

    @Test func refundShowsWhyEachTierDecidedAsItDid() throws {
        let mismatch = try #require(try explain("RF-1005"))
        #expect(mismatch.contains("1 reference: no original_payment_id → next tier"))
        #expect(
            mismatch.contains(
                "no succeeded charge paid with card:1111, so its first succeeded charge: CH-1005 → linked"))
        #expect(mismatch.contains("method_mismatch"))
        // The order's explanation names its refunds' flags too.
        let order = try #require(try explain("SO-1005"))
        #expect(order.contains("On its refunds:\n  RF-1005  method_mismatch  USD 30.00"))
        let ambiguous = try #require(try explain("RF-9002"))
        #expect(ambiguous.contains("SO-1009A, SO-1009B → ambiguous, not linked"))
        let byAmount = try #require(try explain("RF-9003"))
        #expect(byAmount.contains("one, SO-1010 → linked") && byAmount.contains("Flags: none"))
        let pending = try #require(try explain("RF-1015P"))
        #expect(pending.contains("Linked to CH-1015") && !pending.contains("3 amount"))
    }

    @Test func chargeShowsItsRefundsAndRejectedRowsShowTheirReason() throws {
        let charge = try #require(try explain("CH-1007"))
        #expect(charge.contains("RF-1007A") && charge.contains("RF-1007B") && charge.contains("over_refund  USD 10.00"))
        let rejected = try #require(try explain("PX-BAD2"))
        #expect(rejected.contains("payments.csv:417 column status: unknown status 'refunded'"))
        #expect(try explain("NO-SUCH-ID") == nil)
    }

    @Test func checkReportsEveryProblemAtOnce() throws {
        var config = Self.sample
        config.orders = [SourceSpec(path: "/nonexistent/orders.csv")]
        config.payments.append(SourceSpec(path: config.payments[0].path, format: "stripe-payments"))
        config.payments.append(SourceSpec(path: config.payments[0].path, format: "no-such-format"))
        config.defaultHolidays = "/nonexistent/holidays.txt"
        let findings = PipelineCheck(configuration: config, origin: "sample.yml").run(output: "/etc/hostname/reports")
        let problems = findings.filter { $0.exitCode != nil }.map(\.message)
        #expect(problems.count == 5)
        #expect(problems.contains { $0.contains("orders.csv: cannot open") })
        #expect(problems.contains { $0.contains("header fits no variant of format 'stripe-payments'") })
        #expect(problems.contains { $0.contains("unknown format 'no-such-format'") })
        #expect(problems.contains { $0.contains("holidays.txt") })
        #expect(problems.contains { $0.contains("cannot write") })
        // The good payments file, how current it is (its latest payment on or before as_of 2026-06-30 is on
        // 2026-06-30: current), and the sample's four country calendars (GB, DE, JP, BR).
        #expect(findings.filter { $0.exitCode == nil }.count == 6)
        #expect(findings.allSatisfy { !$0.isWarning })
        #expect(
            PipelineCheck(configuration: Self.sample, origin: "s").run(output: nil).allSatisfy { $0.exitCode == nil })
    }

    /// `recon check` reads the first 1,000 rows of each input as the run would, and judges the output folder
    /// as the run would: one that holds an input, one of someone else's, one a run is writing.
    @Test func checkSamplesRowsAndJudgesTheOutputAsTheRunWould() throws {
        let good = (1...1_004).map { "G\($0),2026-06-01,USD,1.00,,,,,,,\n" }.joined()
        var scenario = Scenario(orders: "B,2026-06-0x,USD,1.00,,,,,,,\n" + good, payments: "")
        scenario.configure = { $0.maxRejectRate = 0.0005 }
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let orders = config.orders[0].path
        // 1 of the first 1,000 rows rejected: 0.001, over 0.0005.
        let tight = PipelineCheck(configuration: config, origin: "t").run(output: nil)
        #expect(tight[0].exitCode == 1)
        #expect(
            tight[0].message.hasPrefix("\(orders): orders rejected 1 of 1000 rows, more than max_reject_rate 0.0005"))
        #expect(tight[0].message.hasSuffix("\n  recon check read only the first 1000 rows"))
        var loose = config
        loose.maxRejectRate = 0.01
        let findings = PipelineCheck(configuration: loose, origin: "t").run(output: nil)
        #expect(findings[0].exitCode == nil)
        #expect(
            findings[0].message
                == "\(orders): orders, format canonical, header fits; first 1000 rows: 999 used, 0 skipped, 1 rejected"
                + "\n    1 × placed_at: bad date '…': not an ISO 8601 date or timestamp (expected YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])"
        )

        let notes = folder.appendingPathComponent("notes").path
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        try "x".write(toFile: notes + "/todo.txt", atomically: true, encoding: .utf8)
        func outputCheck(_ output: String) -> PipelineCheck.Finding {
            PipelineCheck(configuration: loose, origin: "t").run(output: output).last!
        }
        #expect(outputCheck(folder.path).exitCode == 2)
        #expect(outputCheck(notes).exitCode == 1 && outputCheck(notes).message.contains("'todo.txt'"))
        let report = folder.appendingPathComponent("report").path
        #expect(outputCheck(report).exitCode == nil)
        let running = try OutputFolder.claim(try OutputPlace(report, protecting: []))
        #expect(outputCheck(report).exitCode == 1 && outputCheck(report).message.contains("another run is writing it"))
        running.discard()
    }

    @Test func orderLinksAreEncodedAndValidated() {
        let link = OrderLink(template: "https://admin.shopify.com/store/acme/orders/{order_id}")
        #expect(link?.url(for: "#1001 a/b") == "https://admin.shopify.com/store/acme/orders/%231001%20a%2Fb")
        #expect(OrderLink(template: "javascript:alert({order_id})") == nil)
        #expect(OrderLink(template: "https://example.com/orders") == nil)
        #expect(OrderLink(template: "https://example.com/orders/{order_id}?a\u{2}") == nil)
        #expect(OrderLink(template: "https://example.com/\u{FFFF}/{order_id}") == nil)
    }

    /// A table longer than a sheet continues on `Name (2)`, `Name (3)`; read back with Python's zipfile.
    @Test func longTablesContinueOnNumberedSheets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.xlsx").path
        let workbook = try XlsxWorkbook(path: path)
        var writer = WorkbookWriter(workbook: workbook)
        writer.rowsPerSheet = 3
        let table = ReportTable(name: "t", columns: [Column("order_id", .id), Column("n", .integer)], rowCount: 7) {
            [.text("O\($0)"), .integer($0)]
        }
        #expect(writer.sheetNames(title: "Refunds", rowCount: 7) == ["Refunds", "Refunds (2)", "Refunds (3)"])
        #expect(writer.sheetNames(title: "Refunds", rowCount: 0) == ["Refunds"])
        try writer.write(table, title: "Refunds")
        try workbook.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import re, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            names = re.findall(r'<sheet name="([^"]+)"', z.read('xl/workbook.xml').decode())
            rows = [len(re.findall(r'<row ', z.read(f'xl/worksheets/sheet{i}.xml').decode())) for i in range(1, len(names) + 1)]
            print(names, rows)
            """, path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "['Refunds', 'Refunds (2)', 'Refunds (3)'] [4, 4, 2]")
    }
}
