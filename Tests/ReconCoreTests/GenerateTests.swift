import Foundation
import Testing

@testable import ReconCore

/// `recon generate`: exactly the orders asked for, and the holiday and pipeline files that run them.
@Suite struct GenerateTests {
    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Twins (a second order with the same open refund, id ending in `t`) count among the orders asked for,
    /// so the file has exactly that many rows, twins included, whatever the size.
    @Test(arguments: [1, 2, 3_000])
    func writesExactlyTheOrdersAskedFor(orders: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let counts = try InputGenerator(orders: orders, seed: 1).write(
            ordersTo: folder + "/orders.csv", paymentsTo: folder + "/payments.csv")
        let rows = try String(contentsOfFile: folder + "/orders.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst()
        #expect(counts.orders == orders && rows.count == orders)
        if orders == 3_000 { #expect(rows.contains { $0.split(separator: ",")[0].hasSuffix("t") }) }
    }

    /// The pipeline file written beside the inputs runs them as of 2026-06-30 with the holiday file, and every
    /// order row is read.
    @Test func thePipelineFileRunsTheGeneratedInputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let generator = InputGenerator(orders: 500, seed: 3)
        _ = try generator.write(ordersTo: folder + "/orders.csv", paymentsTo: folder + "/payments.csv")
        try generator.writeRunFiles(into: folder)
        let config = try PipelineFile.load(path: folder + "/pipeline.yml")
        #expect(config.asOf == CivilDate(iso: "2026-06-30") && config.defaultHolidays == folder + "/holidays.txt")
        let result = try Pipeline(configuration: config, origin: "pipeline.yml").reconcile()
        #expect(result.stats("orders")?.rowsRead == 500)
        #expect(result.stats.allSatisfy { $0.rowsRead == $0.used + $0.skippedTotal + $0.rejected })
    }

    /// The generated holiday file holds the US federal holidays of 2025–2027 exactly as the shipped calendar.
    @Test func theHolidayFileIsTheShippedUSCalendar() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try InputGenerator(orders: 1, seed: 1).writeRunFiles(into: folder)
        let shipped = try HolidayFile.load(
            path: SampleDataEndToEndTests.root.appendingPathComponent("Pipelines/calendars/us-federal.txt").path)
        let years = CivilDate(iso: "2025-01-01")!...CivilDate(iso: "2027-12-31")!
        #expect(try HolidayFile.load(path: folder + "/holidays.txt") == shipped.filter { years.contains($0) })
    }
}
