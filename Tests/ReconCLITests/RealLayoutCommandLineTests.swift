import Foundation
import Testing

@testable import ReconCLI

/// Real-layout exports (Tests/Fixtures/real-layouts) given straight on the command line, one format per
/// file: a store's PayPal (German layout) and Stripe (order numbers in the Description) payments against
/// its two order lists. The outcome is the two pipeline-file scenarios' together (RealLayoutTests).
@Suite struct RealLayoutCommandLineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-layouts")

    func fixture(_ name: String) -> String { Self.folder.appendingPathComponent(name).path }

    @Test func eachFileReadThroughItsOwnFormat() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recon-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = recon(
            "run", "--orders", fixture("paypal_orders.csv"), "--orders", fixture("stripe_orders.csv"),
            "--payments", fixture("paypal_activity_de.csv"), "--payments-format", "paypal-activity",
            "--payments", fixture("stripe_unified_payments.csv"), "--payments-format", "stripe-payments",
            "--timezone", "America/Los_Angeles", "--as-of", "2026-03-31", "--out", output.path, "--quiet")
        #expect(outcome.exitCode == 0, "\(outcome.err)")
        let data = try Data(contentsOf: output.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // 1001, 1234 and 1236 refunded in time; 1002 and 1235 late; 1003 and 1237 never (overdue).
        #expect(manifest["cases"] as? [String: Int] == ["settled": 3, "late": 2, "pending": 0, "overdue": 2])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["rejected"] as? Int } == [0, 0, 0, 0])
        #expect(inputs.map { $0["format_variant"] as? String } == [nil, nil, "activity-de", "unified"])
    }

    /// A Chase card statement needs its card and currency: given by --payments-params, the run has the
    /// pipeline-file scenario's outcome (PO-201 and PO-203 settled, PO-202 overdue); without them, the run
    /// stops naming the parameter and the two ways to give it.
    @Test func statementParametersFromTheCommandLine() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recon-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let inputs = [
            "--orders", fixture("statement_orders.csv"), "--payments", fixture("chase_card.csv"),
            "--payments-format", "card-statement", "--as-of", "2026-03-31", "--out", output.path, "--quiet",
        ]
        let run = recon(["run"] + inputs + ["--payments-params", "card=card:4242, currency=USD"])
        #expect(run.exitCode == 0, "\(run.err)")
        let data = try Data(contentsOf: output.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["cases"] as? [String: Int] == ["settled": 2, "late": 0, "pending": 0, "overdue": 1])
        let missing = recon(["run"] + inputs + ["--payments-params", "card=card:4242"])
        #expect(missing.exitCode == 2)
        #expect(missing.err.contains("params.currency: format 'card-statement' needs this parameter"))
        #expect(missing.err.contains("--payments-params currency=…"))
        let twice = recon(["run"] + inputs + ["--payments-params", "card=a", "--payments-params", "card=b"])
        #expect(twice.exitCode == 2 && twice.err.contains("--payments-params is given 2 times for 1 --payments file"))
    }
}
