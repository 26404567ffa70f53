import Foundation
import Testing

@testable import ReconCore

/// Every file in Tests/Fixtures/hostile runs through the whole pipeline, outputs included, and ends as
/// EXPECTED.tsv says: a clear stop naming the file, or rows rejected with their reason, and the accounts
/// adding up. Never a crash, a hang or a silently wrong number.
@Suite struct HostileInputTests {
    static let folder = SampleDataEndToEndTests.root.appendingPathComponent("Tests/Fixtures/hostile")

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var expectation: String
        var testDescription: String { file }
    }

    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("file\t") }.map {
            let parts = $0.split(separator: "\t", omittingEmptySubsequences: false)
            return Case(file: String(parts[0]), expectation: String(parts[1]))
        }
    }()

    @Test func everyFixtureIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0 != "EXPECTED.tsv"
        }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
        #expect(Self.cases.count >= 18)
    }

    @Test(arguments: cases)
    func fixtureEndsAsExpected(_ fixture: Case) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("recon-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let payments = work.appendingPathComponent("payments.csv").path
        try (Scenario.paymentHeader).write(toFile: payments, atomically: true, encoding: .utf8)
        var config = RunConfiguration()
        config.orders = [SourceSpec(path: Self.folder.appendingPathComponent(fixture.file).path)]
        config.payments = [SourceSpec(path: payments)]
        config.asOf = CivilDate(iso: "2026-06-30")
        config.maxRejectRate = 1
        let output = work.appendingPathComponent("out").path
        let parts = fixture.expectation.split(separator: ":", maxSplits: 2).map(String.init)

        if parts[0] == "stop" {
            #expect {
                _ = try Pipeline(configuration: config, origin: "test").run(output: output)
            } throws: { error in
                guard let error = error as? ReconError, error.exitCode == 1 else { return false }
                return error.description.contains(parts[1]) && error.description.contains(fixture.file)
            }
            #expect(!FileManager.default.fileExists(atPath: output))
            return
        }
        let (result, _) = try Pipeline(configuration: config, origin: "test").run(output: output)
        let stats = try #require(result.stats("orders"))
        #expect(stats.rowsRead == stats.used + stats.skippedTotal + stats.rejected)
        switch parts[0] {
        case "reject":
            #expect(stats.rejected == Int(parts[1]), "\(result.rejected.map(\.reason))")
            #expect(
                result.rejected.allSatisfy { $0.reason.contains(parts[2]) || $0.column.contains(parts[2]) },
                "\(result.rejected.map { "\($0.column): \($0.reason)" })")
        case "used":
            #expect(stats.used == Int(parts[1]) && stats.rejected == 0, "\(result.rejected.map(\.reason))")
        case "skip":
            #expect(stats.skipped.filter { $0.key.contains(parts[2]) }.values.reduce(0, +) == Int(parts[1]))
        default:
            Issue.record("unknown expectation \(fixture.expectation)")
        }
        #expect(FileManager.default.fileExists(atPath: output + "/manifest.json"))
    }

    /// Bigger than any committed fixture should be: a 10 MB field is rejected, and the reader keeps at most
    /// its field limit of it in memory.
    @Test func tenMegabyteFieldIsRejected() throws {
        var text = Scenario.orderHeader + "A1,2026-06-01,USD,1.00,,US,standard,,,,\n"
        text += "A2,2026-06-01,USD,1.00,,US,\"" + String(repeating: "x", count: 10 << 20) + "\",,,,\n"
        text += "A3,2026-06-01,USD,1.00,,US,standard,,,,\n"
        let result = try Scenario(orders: "", payments: "").with(orders: text).reconcile(keepEveryRecord: true)
        #expect(result.rejected.map(\.line) == [3])
        #expect(result.rejected.first?.reason == "field is longer than 1048576 bytes")
        #expect(
            result.rejected.first?.raw.hasSuffix("…[cut]") == true && result.rejected.first!.raw.utf8.count < 70_000)
        #expect(result.orderIds == ["A1", "A3"])
    }
}

extension Scenario {
    func with(orders text: String) -> Scenario {
        var copy = self
        copy.orders = text
        return copy
    }
}
