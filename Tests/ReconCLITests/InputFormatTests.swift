import Foundation
import Testing

@testable import ReconCLI

/// `--payments-format` (and `--orders-format`) paired with the files in order: two payments exports in two
/// presets, each read through its own.
@Suite struct InputFormatTests {
    /// The small scenario's orders, O1's charge as a Stripe payments export and O2's as a PayPal activity
    /// download (10.00 USD at 03:05 PDT on 2 April, paid by bob@example.com).
    struct TwoPresets {
        let scenario: SmallScenario
        var stripe: String { scenario.folder.appendingPathComponent("stripe.csv").path }
        var paypal: String { scenario.folder.appendingPathComponent("paypal.csv").path }

        init() throws {
            scenario = try SmallScenario()
            let stripeText = """
                id,Created date (UTC),Amount,Amount Refunded,Currency,Card Last4,Status,order_id (metadata)
                ch_1,2026-04-01 10:05:00,25.00,0.00,usd,1234,Paid,O1

                """
            let paypalText = """
                "Date","Time","TimeZone","Type","Status","Currency","Gross","From Email Address",\
                "To Email Address","Transaction ID","Reference Txn ID","Invoice Number"
                "4/2/2026","03:05:00","PDT","Express Checkout Payment","Completed","USD","10.00",\
                "bob@example.com","shop@example.com","PP1","","O2"

                """
            try stripeText.write(toFile: stripe, atomically: true, encoding: .utf8)
            try paypalText.write(toFile: paypal, atomically: true, encoding: .utf8)
        }

        /// The options naming the orders, both payments files and `formats`.
        func arguments(formats: [String]) -> [String] {
            ["--orders", scenario.orders, "--payments", stripe, "--payments", paypal, "--as-of", "2026-06-30"]
                + formats.flatMap { ["--payments-format", $0] }
        }
    }

    @Test func nthFormatReadsTheNthFile() throws {
        let files = try TwoPresets()
        defer { files.scenario.remove() }
        let check = recon(
            ["check"] + files.arguments(formats: ["stripe-payments", "paypal-activity"])
                + ["--out", files.scenario.output])
        #expect(check.exitCode == 0, "\(check.out)\(check.err)")
        #expect(
            check.out.contains(
                "ok       \(files.stripe): payments, format stripe-payments (variant older), header fits; first 1 rows: 1 used"
            ))
        #expect(
            check.out.contains(
                "ok       \(files.paypal): payments, format paypal-activity (variant activity-en), header fits; first 1 rows: 1 used"
            ))
        // 03:05 PDT on 2 April is 10:05 UTC the same day.
        let explain = recon(
            ["explain", "PP1"] + files.arguments(formats: ["stripe-payments", "paypal-activity"]) + ["--quiet"])
        #expect(explain.exitCode == 0)
        #expect(explain.out.contains("Charge PP1 — \(files.paypal):2\n  2026-04-02, USD 10.00"))
    }

    /// In the other order, each file meets the other's format: both headers are named as not fitting.
    @Test func formatsInTheWrongOrderDoNotFit() throws {
        let files = try TwoPresets()
        defer { files.scenario.remove() }
        let check = recon(
            ["check"] + files.arguments(formats: ["paypal-activity", "stripe-payments"])
                + ["--out", files.scenario.output])
        #expect(check.exitCode == 1)
        #expect(
            check.out.contains("PROBLEM  \(files.stripe): line 1: header fits no variant of format 'paypal-activity'"))
        #expect(
            check.out.contains("PROBLEM  \(files.paypal): line 1: header fits no variant of format 'stripe-payments'"))
    }

    /// Neither one format nor one per file: a usage error saying so, before anything is read.
    @Test func formatCountThatIsNeitherOneNorOnePerFileIsAUsageError() throws {
        let files = try TwoPresets()
        defer { files.scenario.remove() }
        let run = recon(
            ["run"] + files.arguments(formats: ["canonical", "canonical", "canonical"])
                + ["--out", files.scenario.output])
        #expect(run.exitCode == 2 && run.out.isEmpty)
        #expect(
            run.err.hasSuffix(
                "--payments-format is given 3 times for 2 --payments files: give one for all, or one for each, "
                    + "in the same order\n"))
        let orders = recon(
            [
                "check", "--orders", files.scenario.orders, "--orders-format", "canonical", "--orders-format",
                "canonical", "--payments", files.scenario.payments,
            ])
        #expect(orders.exitCode == 2)
        #expect(orders.err.contains("--orders-format is given 2 times for 1 --orders file: give one for all"))
        #expect(!FileManager.default.fileExists(atPath: files.scenario.output))
    }

    /// Two orders files, each with its format (both canonical here): both are read.
    @Test func ordersRepeatWithAFormatEach() throws {
        let files = try TwoPresets()
        defer { files.scenario.remove() }
        let second = files.scenario.folder.appendingPathComponent("orders2.csv").path
        try FileManager.default.copyItem(atPath: files.scenario.orders, toPath: second)
        let check = recon(
            "check", "--orders", files.scenario.orders, "--orders", second, "--orders-format", "canonical",
            "--orders-format", "canonical", "--payments", files.scenario.payments, "--out", files.scenario.output)
        #expect(check.out.contains("ok       \(second): orders, format canonical, header fits"))
    }

    /// A pipeline file gives each source its format: the options may not be added to it.
    @Test func formatOptionWithAPipelineFileIsAUsageError() {
        let outcome = recon("check", "Pipelines/sample.yml", "--payments-format", "stripe-payments")
        #expect(outcome.exitCode == 2)
        #expect(outcome.err.contains("--payments-format cannot be combined with a pipeline file"))
    }
}
