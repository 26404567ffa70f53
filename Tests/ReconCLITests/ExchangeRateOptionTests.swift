import Foundation
import ReconCore
import Testing

@testable import ReconCLI

/// `--fx-rates` and `--fx-tolerance` on the direct command line: their errors and exit codes.
@Suite struct ExchangeRateOptionTests {
    @Test(arguments: ["1", "1.5", "2%", "abc"])
    func aToleranceOutsideZeroToOneIsAConfigurationError(value: String) throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--fx-tolerance", value, "--out", scenario.output])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.err
                == "recon: error: command line: --fx-tolerance: '\(value)' is not a decimal from 0 to under 1 (e.g. 0.02)\n"
        )
    }

    @Test func anEmptyRatePathIsAUsageError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let outcome = recon(["run"] + scenario.inputs + ["--fx-rates", "", "--out", scenario.output])
        #expect(outcome.exitCode == 2 && outcome.err == "recon: error: command line: --fx-rates: no path given\n")
    }

    /// A rate that is not a number stops the run before anything is written, naming the file, line and column.
    @Test func aMalformedRateFileIsAnInputError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let rates = scenario.folder.appendingPathComponent("rates.csv").path
        try "Date,USD,JPY,\n2026-06-12,1.0835,163.25,\n2026-06-11,1.08x,N/A,\n".write(
            toFile: rates, atomically: true, encoding: .utf8)
        let outcome = recon(["run"] + scenario.inputs + ["--fx-rates", rates, "--out", scenario.output])
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.err.contains(
                "\(rates): line 3: column 'USD': '1.08x' is not a rate (a positive decimal such as 1.0835, or N/A)"))
        #expect(!FileManager.default.fileExists(atPath: scenario.output))
    }

    @Test func aMissingRateFileIsAnInputError() throws {
        let scenario = try SmallScenario()
        defer { scenario.remove() }
        let rates = scenario.folder.appendingPathComponent("none.csv").path
        let outcome = recon(["run"] + scenario.inputs + ["--fx-rates", rates, "--out", scenario.output])
        #expect(outcome.exitCode == 1 && outcome.err.contains("\(rates): cannot open"))
    }
}
