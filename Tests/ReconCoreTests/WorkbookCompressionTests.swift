import Foundation
import Testing
@testable import ReconCore

/// The workbook's zip level reaches libxlsxwriter, which has no setting of its own for it.
@Suite struct WorkbookCompressionTests {
    /// The same rows at level 1 and level 9: if recon's choice did not reach minizip, both files would be
    /// compressed at libxlsxwriter's 6 and be the same size.
    @Test func theChosenLevelDecidesTheWorkbookSize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-level-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func size(atLevel level: Int32) throws -> Int {
            let path = folder.appendingPathComponent("level\(level).xlsx").path
            let workbook = try XlsxWorkbook(path: path)
            let writer = WorkbookWriter(workbook: workbook)
            let table = ReportTable(name: "t", columns: [Column("order_id", .id), Column("n", .integer)], rowCount: 20_000) {
                [.text("O\(($0 &* 7_919) % 100_003)"), .integer(($0 &* 104_729) % 1_000_003)]
            }
            try writer.write(table, title: "Refunds")
            try workbook.close(level: level)
            return try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        }
        let fastest = try size(atLevel: 1)
        let smallest = try size(atLevel: 9)
        #expect(fastest > smallest + smallest / 10, "level 1: \(fastest) bytes, level 9: \(smallest) bytes")
    }
}
