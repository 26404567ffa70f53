import Foundation
import Testing

@testable import ReconCore

/// Every reject reason on one small file each, and the accounts: read = used + skipped + rejected.
@Suite struct RejectTests {
    @Test func everyOrderRejectReason() throws {
        let result = try Scenario(
            orders: """
                OK,2026-06-01,USD,10.00,,US,standard,,,,
                F1,2026-06-01,USD
                ,2026-06-01,USD,10.00,,US,standard,,,,
                D1,2026-02-30,USD,10.00,,US,standard,,,,
                A1,2026-06-01,JPY,1500.5,,JP,standard,,,,
                A2,2026-06-01,USD,1e9,,US,standard,,,,
                C1,2026-06-01,XYZ,10.00,,US,standard,,,,
                OK,2026-06-02,USD,11.00,,US,standard,,,,
                N1,2026-06-01,USD,-10.00,,US,standard,,,,
                Q1,2026-06-01,USD,"10"0,,US,standard,,,,
                R1,2026-06-01,USD,10.00,,US,standard,,,2026-13-01,


                """,
            payments: ""
        ).reconcile()
        let reasons = result.rejected.map { "\($0.line) \($0.column): \($0.reason)" }
        #expect(
            reasons == [
                "3 : expected 11 fields as in the header, found 3",
                "4 order_id: required value is empty",
                "5 placed_at: bad date '2026-02-30': date or time out of range",
                "6 total: bad amount '1500.5' in JPY: non-zero digits beyond the currency's 0 decimals",
                "7 total: bad amount '1e9' in USD: not a decimal amount (expected digits with an optional '.' and sign)",
                "8 currency: unknown currency code 'XYZ' (not in ISO 4217)",
                "9 order_id: order_id 'OK' already used at line 2",
                "10 total: negative order total '-10.00'",
                "11 total: text after the closing quote of a quoted field",
                "12 refund_approved_at: bad date '2026-13-01': date or time out of range",
            ])
        #expect(result.rejected[0].raw == "F1,2026-06-01,USD")
        let stats = try #require(result.stats("orders"))
        #expect(stats.rowsRead == 12 && stats.used == 1 && stats.rejected == 10 && stats.skippedTotal == 1)
        #expect(stats.skipped == ["blank line": 1])
    }

    /// An order id that an earlier orders file had is rejected naming that file and line, not the line alone
    /// (which would point into the rejected row's own file).
    @Test func anOrderIdFromAnotherFileNamesThatFile() throws {
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("recon-orders-\(UUID()).csv")
        try (Scenario.orderHeader + "B,2026-06-01,USD,5.00,,US,,,,,\nA,2026-06-02,USD,7.00,,US,,,,,\n")
            .write(to: second, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: second) }
        var scenario = Scenario(orders: "A,2026-06-01,USD,10.00,,US,,,,,\n", payments: "")
        scenario.configure = { $0.orders.append(SourceSpec(path: second.path)) }
        let result = try scenario.reconcile()
        #expect(result.rejected.map(\.line) == [3])
        #expect(result.rejected.first?.reason.hasPrefix("order_id 'A' already used at /") == true)
        #expect(result.rejected.first?.reason.hasSuffix("/orders.csv:2") == true)
    }

    @Test func everyPaymentRejectAndSkipReason() throws {
        let result = try Scenario(
            orders: "",
            payments: """
                P1,charge,2026-06-01,10.00,USD,,,,
                P1,charge,2026-06-01,10.00,USD,,,,
                P2,refund,2026-06-01,10.00,USD,,,,refunded
                P3,,2026-06-01,10.00,USD,,,,
                P4,refund,yesterday,10.00,USD,,,,
                FEE,Fee,2026-06-01,0.30,USD,,,,
                PO,payout,2026-06-01,100,USD,,,,
                P5,Refund,2026-06-01,5.00,USD,,,, Pending

                """
        ).reconcile()
        #expect(result.rejected.map(\.column) == ["payment_id", "status", "type", "created_at"])
        #expect(result.rejected[0].reason.contains("already used at"))
        let stats = try #require(result.stats("payments"))
        #expect(stats.skipped == ["type fee": 1, "type payout": 1])
        #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.rejected)
        #expect(result.refund("P5")?.status == .pending)
    }

    @Test func tooManyRejectsStopsTheRun() throws {
        var scenario = Scenario(orders: "A,2026-06-01,USD,1.00,,,,,,,\nB,bad,USD,1.00,,,,,,,\n", payments: "")
        scenario.configure = { $0.maxRejectRate = 0.4 }
        func stopsOnOrders(_ error: any Error) -> Bool {
            guard case ReconError.tooManyRejects(let stop) = error else { return false }
            return stop.source == "orders" && stop.rejected == 1 && stop.rows == 2 && stop.limit == 0.4
        }
        #expect(performing: { _ = try scenario.reconcile() }, throws: stopsOnOrders)
        // It stops before reading the payments: a missing payments file is never reached.
        scenario.configure = {
            $0.maxRejectRate = 0.4
            $0.payments = [SourceSpec(path: "/nonexistent/payments.csv")]
        }
        #expect(performing: { _ = try scenario.reconcile() }, throws: stopsOnOrders)
    }

    /// The stop lists the reasons with their counts and the first rows by file, line and column, and saves
    /// every rejected row beside the output folder, which it leaves as it was; a completed run removes them.
    @Test func tooManyRejectsExplainsAndSavesTheRows() throws {
        let bad = (1...23).map { "B\($0),2026-06-0x,USD,1.00,,,,,,,\n" }.joined()
        var scenario = Scenario(orders: "A,2026-06-01,USD,x,,,,,,,\n" + bad, payments: "")
        scenario.configure = { $0.maxRejectRate = 0.5 }
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        var message = ""
        #expect {
            _ = try Pipeline(configuration: config, origin: "test").run(output: output)
        } throws: { error in
            message = (error as? ReconError)?.description ?? ""
            return (error as? ReconError)?.exitCode == 1
        }
        let orders = config.orders[0].path
        let saved = folder.appendingPathComponent("out.rejected.csv.gz").path
        let lines = message.split(separator: "\n").map(String.init)
        // 24 data rows: A's total is not an amount, B1...B23's dates are not dates.
        #expect(lines[0] == "\(orders): orders rejected 24 of 24 rows, more than max_reject_rate 0.5")
        #expect(
            lines[1...3] == [
                "  rejected rows by reason:",
                "    23 × placed_at: bad date '…': not an ISO 8601 date or timestamp (expected YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])",
                "    1 × total: bad amount '…' in USD: not a decimal amount (expected digits with an optional '.' and sign)",
            ])
        #expect(lines[4] == "  the first 20 of them:")
        #expect(
            lines[5]
                == "    \(orders):2:total: bad amount 'x' in USD: not a decimal amount (expected digits with an optional '.' and sign)"
        )
        #expect(lines[6].hasPrefix("    \(orders):3:placed_at: bad date '2026-06-0x'"))
        #expect(lines.count == 5 + 20 + 1 && lines[25] == "  every rejected row is in \(saved)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let rows = try gunzippedText(saved).split(separator: "\n")
        #expect(rows.count == 1 + 24 && rows[0] == "source,file,line,column,reason,raw")

        var fixed = config
        fixed.maxRejectRate = 1
        _ = try Pipeline(configuration: fixed, origin: "test").run(output: output)
        #expect(FileManager.default.fileExists(atPath: output + "/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: saved))
    }

    @Test func headerProblemsStopTheRunNamingFileAndColumn() throws {
        var missing = Scenario(orders: "", payments: "")
        missing.orders = "order_id,currency\nA,USD\n"
        // Both required columns the header lacks are named, not only the first, and how the line was split.
        #expect {
            _ = try missing.reconcile()
        } throws: { error in
            guard case ReconError.headerSplit(let mismatch, .comma, nil) = error,
                case .missingColumns(let path, ["placed_at", "total"]) = mismatch
            else { return false }
            return path.hasSuffix("orders.csv") && (error as! ReconError).exitCode == 1
                && "\(error)".hasSuffix(
                    ": line 1: header lacks required columns 'placed_at', 'total' (header split at ',')")
        }
        var twice = Scenario(orders: "", payments: "")
        twice.payments = "payment_id,type,created_at,amount,currency,Amount\n"
        #expect {
            _ = try twice.reconcile()
        } throws: { error in
            guard case ReconError.duplicateColumn(_, "amount") = error else { return false }
            return true
        }
    }

    @Test func headerNamesAreMatchedLooselyAndExtraColumnsIgnored() throws {
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders = "\u{FEFF} Total ,ORDER_ID,Placed_At,currency,notes\r\n9.99,X,2026-06-01,usd,\"a, b\"\r\n"
        let result = try scenario.reconcile(keepEveryRecord: true)
        #expect(result.orders.first?.total == 999 && result.orders.first?.currency.code == "USD")
    }
}
