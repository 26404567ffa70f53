import Foundation
import Testing

@testable import ReconCore

/// Refunds in another currency than their case's, with the rates of `ExchangeRateTests` (12 June: USD 1.0835,
/// JPY 163.25 per euro) and the default tolerance, 2% of what the case owes. Every case is approved on Monday
/// 1 June 2026 (weekends only: due Monday 29 June, so unsettled on 30 June is overdue). Worked out by hand:
/// - O1 (USD 100.00, charge CH1 in USD): R1 EUR 92.30 on 12 June, by order → 92.30 × 1.0835 = USD 100.01,
///   0.01 from 100.00 (within 2.00) → counts as 100.00: settled 12 June, no `currency_mismatch`.
/// - O2 (USD 100.00): R2 EUR 85.00 → USD 92.10, 7.90 short (outside) → `currency_mismatch`, overdue.
/// - O3 (USD 100.00): R3 JPY 15067 on Saturday 13 June, at Friday's rates: 1.0835 / 163.25 = 0.00663706,
///   15067 × 0.00663706 = 100.0006 → USD 100.00 → settled 13 June.
/// - O4 (USD 50.00, card:7) and O4x (USD 50.00, card:8): R4 EUR 46.15 with card:7 and no order → 50.0035 →
///   USD 50.00, within 2% of O4 (O4x's method differs) → tier 3 links O4, settled.
/// - O5a (USD 30.00) and O5b (USD 29.50): R5 EUR 27.69, no method → USD 30.00, within 0.60 of 30.00 and 0.59
///   of 29.50 (0.50 away) → two candidates: `ambiguous_match`.
@Suite struct CurrencyConversionTests {
    static var scenario: Scenario {
        Scenario(
            orders: """
                O1,2026-05-20,USD,100.00,card:5,US,standard,,,2026-06-01,
                O2,2026-05-20,USD,100.00,card:5,US,standard,,,2026-06-01,
                O3,2026-05-20,USD,100.00,card:5,US,standard,,,2026-06-01,
                O4,2026-05-20,USD,50.00,card:7,US,standard,,,2026-06-01,
                O4x,2026-05-20,USD,50.00,card:8,US,standard,,,2026-06-01,
                O5a,2026-05-20,USD,30.00,,US,standard,,,2026-06-01,
                O5b,2026-05-20,USD,29.50,,US,standard,,,2026-06-01,

                """,
            payments: """
                CH1,charge,2026-05-20T08:00:00Z,100.00,USD,card:5,O1,,
                R1,refund,2026-06-12,92.30,EUR,card:5,O1,,
                R2,refund,2026-06-12,85.00,EUR,card:5,O2,,
                R3,refund,2026-06-13,15067,JPY,card:5,O3,,
                R4,refund,2026-06-12,46.15,EUR,card:7,,,
                R5,refund,2026-06-12,27.69,EUR,,,,

                """)
    }

    /// The scenario run with a rate file (`ExchangeRateTests.text`), or without one; every payment kept for
    /// `explain` when asked.
    static func reconcile(
        _ scenario: Scenario = scenario, withRates: Bool, tolerance: String? = nil, keepEveryRecord: Bool = false
    ) throws -> Pipeline.Result {
        var scenario = scenario
        scenario.configure = { config in
            // Beside the inputs, in the scenario's own folder.
            let folder = URL(fileURLWithPath: config.orders[0].path).deletingLastPathComponent()
            if withRates { config.fxRates = folder.appendingPathComponent("rates.csv").path }
            if let tolerance { config.fxTolerance = DecimalNumber(parsing: tolerance)! }
        }
        let (folder, config) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ExchangeRateTests.text.write(
            to: folder.appendingPathComponent("rates.csv"), atomically: true, encoding: .utf8)
        return try Pipeline(configuration: config, origin: "test").reconcile(keepEveryRecord: keepEveryRecord)
    }

    @Test func withinTheToleranceSettlesWithoutACurrencyMismatch() throws {
        let result = try Self.reconcile(withRates: true)
        let o1 = try #require(result.caseOf("O1"))
        #expect(o1.state == .settled && o1.settled == 10000 && o1.settledOn == CivilDate(iso: "2026-06-12"))
        let r1 = try #require(result.refund("R1"))
        #expect(r1.match == .order && r1.flags.isEmpty)
        #expect(r1.conversion?.amount == 10001 && r1.conversion?.rate.description == "1.0835")
        let o3 = try #require(result.caseOf("O3"))
        #expect(o3.state == .settled && o3.settledOn == CivilDate(iso: "2026-06-13"))
        #expect(result.refund("R3")?.conversion?.rate.description == "0.00663706")
        #expect(result.refund("R3")?.conversion?.ratesOn == CivilDate(iso: "2026-06-12"))
    }

    /// R1: EUR 92.30 at 1.0835 = USD 100.01 against 100.00 owed, 0.01 over; 2% of 100.00 is 2.00. R2: 92.10
    /// against 100.00, 7.90 short.
    @Test func explainShowsTheRateItsDayAndTheDifference() throws {
        let explainer = Explainer(result: try Self.reconcile(withRates: true, keepEveryRecord: true))
        let r1 = try #require(explainer.explain("R1")?.joined(separator: "\n"))
        #expect(
            r1.contains("Converted: EUR 92.30 at 1.0835 USD per EUR (ECB reference rates of 2026-06-12) = USD 100.01"))
        #expect(
            r1.contains("the case owed USD 100.00 then; converted less owed: USD 0.01; tolerance 2% of it, USD 2.00"))
        #expect(r1.contains("within the tolerance → counts as USD 100.00, all the case owed"))
        let r2 = try #require(explainer.explain("R2")?.joined(separator: "\n"))
        #expect(
            r2.contains("converted less owed: USD -7.90")
                && r2.contains("outside the tolerance → counts toward nothing"))
        let o1 = try #require(explainer.explain("O1")?.joined(separator: "\n"))
        #expect(o1.contains("counted: R1 2026-06-12 EUR 92.30 converted, counted as USD 100.00 → settled USD 100.00"))
    }

    /// R7, EUR 46.15 on 2026-06-08 for order E7 (USD): the rate file's first day is 06-09, so there is no rate
    /// on or before the refund's day; `explain` says so, and the refund stays a `currency_mismatch`.
    @Test func explainSaysWhenNoRateCovers() throws {
        let scenario = Scenario(
            orders: "E7,2026-05-20,USD,50.00,card:7,US,standard,,,2026-06-01,\n",
            payments: """
                CH7,charge,2026-05-20T08:00:00Z,50.00,USD,card:7,E7,,
                R7,refund,2026-06-08,46.15,EUR,card:7,E7,,

                """)
        let result = try Self.reconcile(scenario, withRates: true, keepEveryRecord: true)
        #expect(result.flags(.currencyMismatch).map(\.paymentId) == ["R7"])
        let text = try #require(Explainer(result: result).explain("R7")?.joined(separator: "\n"))
        #expect(text.contains("Not converted: the rate file has no rate from EUR to USD on or before 2026-06-08"))
    }

    @Test func outsideTheToleranceIsAsWithoutRates() throws {
        let result = try Self.reconcile(withRates: true)
        #expect(result.flags(.currencyMismatch).map(\.paymentId) == ["R2"])
        let o2 = try #require(result.caseOf("O2"))
        #expect(o2.state == .overdue && o2.settled == 0)
        // The conversion is still shown: 85.00 × 1.0835 = 92.0975 → 92.10.
        #expect(result.refund("R2")?.conversion?.amount == 9210)
        // With a 10% tolerance (10.00 of 100.00) R2's 7.90 short is within, and O2 settles.
        let wide = try Self.reconcile(withRates: true, tolerance: "0.1")
        #expect(wide.caseOf("O2")?.state == .settled && wide.flags(.currencyMismatch).isEmpty)
    }

    @Test func tierThreeFindsOneCaseInAnotherCurrency() throws {
        let result = try Self.reconcile(withRates: true)
        let r4 = try #require(result.refund("R4"))
        #expect(r4.match == .amount && r4.orderId == "O4" && r4.conversion?.amount == 5000)
        #expect(result.caseOf("O4")?.state == .settled && result.caseOf("O4x")?.state == .overdue)
    }

    @Test func severalCasesInAnotherCurrencyAreAmbiguous() throws {
        let result = try Self.reconcile(withRates: true)
        let flag = try #require(result.flags(.ambiguousMatch).first)
        #expect(flag.paymentId == "R5" && flag.detail == "2 open cases match by amount: O5a, O5b")
        #expect(result.refund("R5")?.match == .ambiguous && result.refund("R5")?.conversion == nil)
    }

    /// E1 (USD 50.00) and E2 (EUR 46.15), both paid with card:6: R6, EUR 46.15 with card:6 and no order, owes
    /// exactly E2's amount in its own currency, and also converts to USD 50.00 (within 2% of E1). The exact
    /// match in its own currency wins, as it does without rates: E2 settled, E1 still overdue, no ambiguity.
    @Test func anExactMatchInTheRefundsCurrencyWinsOverAConvertedOne() throws {
        let scenario = Scenario(
            orders: """
                E1,2026-05-20,USD,50.00,card:6,US,standard,,,2026-06-01,
                E2,2026-05-20,EUR,46.15,card:6,DE,standard,,,2026-06-01,

                """,
            payments: """
                R6,refund,2026-06-12,46.15,EUR,card:6,,,

                """)
        for withRates in [true, false] {
            let result = try Self.reconcile(scenario, withRates: withRates)
            #expect(result.refund("R6")?.orderId == "E2" && result.flags(.ambiguousMatch).isEmpty)
            #expect(result.caseOf("E2")?.state == .settled && result.caseOf("E1")?.state == .overdue)
        }
    }

    /// Without a rate file, today's rules: R1–R3 raise `currency_mismatch` (R1 against its USD charge, R2 and
    /// R3 against their orders), R4 and R5 match nothing, and the refunds have no conversion columns.
    @Test func withoutRatesNothingIsConverted() throws {
        let result = try Self.reconcile(withRates: false)
        #expect(result.flags(.currencyMismatch).map(\.paymentId) == ["R1", "R2", "R3"])
        #expect(result.flags(.unmatchedRefund).map(\.paymentId) == ["R4", "R5"])
        #expect(result.reconciliation.cases.allSatisfy { $0.state == .overdue })
        let columns = ReportTables.refunds(result.reconciliation.refunds).columns.map(\.name)
        #expect(columns.last == "description")
        let withRates = try Self.reconcile(withRates: true)
        #expect(
            ReportTables.refunds(withRates.reconciliation.refunds).columns.map(\.name).suffix(3) == [
                "description", "converted_amount", "rate",
            ])
    }

    /// A rate file changes nothing where no refund is converted: the three tiers' scenario (`MatchingTests`,
    /// whose EUR refunds come within 2% of no USD case: EUR 15.00 → USD 16.25 against 20.00 and 25.00) writes
    /// the same exceptions and cases with it, and the same refunds but for two empty columns at the end.
    @Test func aRateFileChangesNothingWhereNothingIsConverted() throws {
        let (folder, config) = try MatchingTests().scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rates = folder.appendingPathComponent("rates.csv").path
        try "Date,USD,\n2026-06-01,1.0835,\n".write(toFile: rates, atomically: true, encoding: .utf8)
        func run(rates: String?, into name: String) throws -> [String] {
            var config = config
            config.fxRates = rates
            let output = folder.appendingPathComponent(name).path
            _ = try Pipeline(configuration: config, origin: "test").run(output: output)
            return try ["exceptions", "cases", "refunds"].map { try gunzippedText("\(output)/\($0).csv.gz") }
        }
        let (without, with) = (try run(rates: nil, into: "without"), try run(rates: rates, into: "with"))
        #expect(with[0] == without[0])
        #expect(with[1] == without[1])
        let widened = without[2].split(separator: "\n").enumerated().map { i, line in
            line + (i == 0 ? ",converted_amount,rate" : ",,")
        }
        #expect(with[2] == widened.joined(separator: "\n") + "\n")
    }
}
