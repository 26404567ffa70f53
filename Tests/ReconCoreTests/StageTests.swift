import Foundation
import Testing

@testable import ReconCore

/// bench/run_bench.py groups the manifest's timings by stage name; the names it reads must be stages recon writes.
@Suite struct StageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theStagesTheBenchReadsAreStagesReconWrites() throws {
        let bench = try String(contentsOf: Self.root.appendingPathComponent("bench/run_bench.py"), encoding: .utf8)
        let line = try #require(bench.split(separator: "\n").first { $0.hasPrefix("STAGES_READ = (") })
        // The quoted names between the parentheses: every other piece when split at the quotes.
        let names = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(!names.isEmpty)
        for name in names { #expect(Stage(rawValue: name) != nil, "\(name)") }
    }

    @Test func eachSourceKindHasItsIngestStage() {
        #expect(SourceKind.allCases.map { Stage.ingest($0).rawValue } == ["ingest_orders", "ingest_payments"])
    }
}
