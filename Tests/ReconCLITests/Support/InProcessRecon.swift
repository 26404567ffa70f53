import Foundation
import Synchronization

@testable import ReconCLI

/// What one in-process run of `recon` said and how it ended.
struct ReconOutcome {
    var exitCode: Int32
    var out: String
    var err: String
}

/// Runs `recon` with `arguments` in this process, as the executable would, with its output captured and
/// help wrapped to 80 columns whatever the terminal.
func recon(_ arguments: String...) -> ReconOutcome {
    recon(arguments)
}

func recon(_ arguments: [String]) -> ReconOutcome {
    let capture = Capture()
    let console = Console(
        writeOut: { text in capture.out.withLock { $0 += text } },
        writeError: { text in capture.err.withLock { $0 += text } },
        errorIsTerminal: false, columns: 80)
    let code = Recon.run(arguments, console: console)
    return ReconOutcome(exitCode: code, out: capture.out.withLock { $0 }, err: capture.err.withLock { $0 })
}

/// A run's stages write from their own threads: each stream is guarded.
private final class Capture: Sendable {
    let out = Mutex("")
    let err = Mutex("")
}

/// Two orders and their charges as canonical CSVs in a fresh folder, removed by the caller's `defer`.
///
/// O1 (USD 25.00) has a refund approved on Tuesday 2026-04-21 and never paid back: 20 business days
/// (weekends off, no holidays) after the approval it is due on 2026-05-19, so as of 2026-06-30 it is
/// overdue. O2 (USD 10.00) has no refund. Nothing is skipped or rejected.
struct SmallScenario {
    let folder: URL
    var orders: String { folder.appendingPathComponent("orders.csv").path }
    var payments: String { folder.appendingPathComponent("payments.csv").path }
    var output: String { folder.appendingPathComponent("out").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let orders = """
            order_id,placed_at,currency,total,payment_method,country,seller_type,customer,status,cancel_approved_at,\
            refund_requested_at,refund_approved_at,refund_amount
            O1,2026-04-01T10:00:00Z,USD,25.00,card:1234,US,standard,Ann,,,2026-04-20T10:00:00Z,2026-04-21T10:00:00Z,
            O2,2026-04-02T10:00:00Z,USD,10.00,card:5678,US,standard,Bob,,,,,

            """
        let payments = """
            payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status
            C1,charge,2026-04-01T10:05:00Z,25.00,USD,card:1234,O1,,
            C2,charge,2026-04-02T10:05:00Z,10.00,USD,card:5678,O2,,

            """
        try orders.write(toFile: self.orders, atomically: true, encoding: .utf8)
        try payments.write(toFile: self.payments, atomically: true, encoding: .utf8)
    }

    /// The options naming both inputs and the reference date.
    var inputs: [String] { ["--orders", orders, "--payments", payments, "--as-of", "2026-06-30"] }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
