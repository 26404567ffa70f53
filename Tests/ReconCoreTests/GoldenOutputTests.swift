import Foundation
import Testing

@testable import ReconCore

/// The whole outputs of the three sample pipelines, row for row, against the files in
/// `Tests/Fixtures/golden/PIPELINE/`: an extra, missing, duplicated or changed row fails. When a change of
/// behaviour is meant, `RECON_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests` rewrites the files, and
/// the diff shows in review what changed.
@Suite struct GoldenOutputTests {
    static let csvs: [ReportFile] = [.exceptions, .cases, .refunds, .rejected, .watchlist]

    /// The counts of each input in the manifest, one line each: what was read, used, skipped and rejected.
    static func inputCounts(_ manifestPath: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        return inputs.map { input in
            let skipped = (input["skipped_by_reason"] as? [String: Int] ?? [:]).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            return ["kind", "path", "rows_read", "used", "rejected", "skipped"].map { "\(input[$0] ?? "")" }.joined(
                separator: ",")
                + ",\(skipped)"
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["sample", "store-refunds", "supplier-refunds"])
    func everyOutputIsTheGoldenOne(pipeline: String) throws {
        let root = SampleDataEndToEndTests.root
        let config = try PipelineFile.load(path: "Pipelines/\(pipeline).yml")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recon-golden-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = try Pipeline(configuration: config, origin: pipeline).run(output: output)
        let golden = root.appendingPathComponent("Tests/Fixtures/golden/\(pipeline)")
        var actual = try Self.csvs.map {
            ($0.rawValue.replacingOccurrences(of: ".gz", with: ""), try gunzippedText(output + "/" + $0.rawValue))
        }
        actual.append(("inputs.csv", try Self.inputCounts(output + "/manifest.json")))
        if ProcessInfo.processInfo.environment["RECON_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            for (name, text) in actual {
                try text.write(to: golden.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        for (name, text) in actual {
            let expected = try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
            let (a, e) = (
                text.split(separator: "\n", omittingEmptySubsequences: false),
                expected.split(separator: "\n", omittingEmptySubsequences: false)
            )
            let firstDifference =
                zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            #expect(
                text == expected,
                "\(pipeline)/\(name): \(a.count) lines, golden \(e.count); first difference at line \(firstDifference + 1): \(firstDifference < a.count ? a[firstDifference] : "(end)") | golden: \(firstDifference < e.count ? e[firstDifference] : "(end)")"
            )
        }
    }
}
