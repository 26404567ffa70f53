import Foundation
import Testing

@testable import ReconCLI

/// `recon generate` writes the inputs and what runs them, and says how to run them.
@Suite struct GenerateCommandTests {
    @Test func generatedInputsRunWithTheirPipelineFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-gen-cli-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let generated = recon("generate", "--orders", "300", "--out", folder)
        #expect(generated.exitCode == 0)
        #expect(generated.out.hasPrefix("recon generate: 300 orders, "))
        #expect(generated.out.hasSuffix("(run: recon run \(folder)/pipeline.yml)\n"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "holidays.txt", "orders.csv", "payments.csv", "pipeline.yml",
            ])
        let run = recon("run", folder + "/pipeline.yml", "--quiet")
        #expect(run.exitCode == 0 && run.err.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder + "/report/reconciliation.xlsx"))
    }
}
