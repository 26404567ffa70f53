import Foundation
import Glibc
import Testing

@testable import ReconCore

/// Messages about files that are not what they should be: they say what the file is, name it, and never
/// quote it.
@Suite struct FileMessageTests {
    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The configuration error's reason for loading `path` as a pipeline file.
    static func pipelineError(_ path: String) -> String? {
        do {
            _ = try PipelineFile.load(path: path)
            return nil
        } catch let ReconError.configuration(file, "(file)", reason) where file == path {
            return reason
        } catch {
            return "unexpected: \(error)"
        }
    }

    /// A CSV given as the pipeline file: described by its first line's commas, and no byte of a row shown.
    @Test func aPipelineFileThatIsNotYAMLIsDescribedNotQuoted() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("orders.csv").path
        try
            "order_id,placed_at,currency,total,payment_method,country,seller_type,customer,street\nA,2026-06-01T10:00:00Z,USD,1.00,4111111111111111,US,retail,Ana: Lima,1 Main St: Apt 4\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let reason = try #require(Self.pipelineError(csv))
        #expect(reason == "not YAML: the file looks like a CSV header (first line has 8 commas)")

        let empty = folder.appendingPathComponent("empty.yml").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(Self.pipelineError(empty) == "the file is empty")
        let binary = folder.appendingPathComponent("book.yml").path
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]).write(to: URL(fileURLWithPath: binary))
        #expect(Self.pipelineError(binary) == "the file is not text (binary)")
        let utf16 = folder.appendingPathComponent("utf16.yml").path
        try Data([0xFF, 0xFE] + Array("name: x\n".utf8).flatMap { [$0, 0] }).write(to: URL(fileURLWithPath: utf16))
        #expect(Self.pipelineError(utf16) == "the file is UTF-16 text; save it as UTF-8")
        // A YAML error says where and what, without the line it is on.
        let broken = folder.appendingPathComponent("broken.yml").path
        try "name: a\n  secret: [4111111111111111\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let brokenReason = try #require(Self.pipelineError(broken))
        #expect(brokenReason.hasPrefix("not valid YAML: line 2, column 9: ") && !brokenReason.contains("1111"))
    }

    /// A folder or a FIFO as the pipeline or format file says so, rather than "permission denied" (or
    /// waiting for a writer, for a FIFO).
    @Test func aPipelineOrFormatFileThatIsNotARegularFileSaysWhatItIs() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.yml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(Self.pipelineError(folder.path) == "is a folder")
        #expect(Self.pipelineError(fifo) == "is not a regular file")
        #expect(throws: ReconError.configuration(file: fifo, key: "(file)", reason: "is not a regular file")) {
            _ = try FormatLoader.load(fifo, kind: .orders, searchFolders: [], origin: "test")
        }
        #expect(throws: ReconError.configuration(file: folder.path + "/", key: "(file)", reason: "is a folder")) {
            _ = try FormatLoader.load(folder.path + "/", kind: .orders, searchFolders: [], origin: "test")
        }
        #expect(throws: ReconError.cannotOpen(path: folder.path, reason: "is a folder")) {
            _ = try SourceIngest(kind: .orders, path: folder.path, format: .canonical(.orders)).checkHeader()
        }
        #expect(throws: ReconError.cannotOpen(path: fifo, reason: "is not a regular file")) {
            _ = try HolidayFile.load(path: fifo)
        }
        #expect(throws: ReconError.cannotOpen(path: folder.path, reason: "is a folder")) {
            _ = try HolidayFile.load(path: folder.path)
        }
        #expect(throws: ReconError.cannotOpen(path: "/dev/zero", reason: "is a device or socket, not a file")) {
            _ = try InputFile(path: "/dev/zero")
        }
    }

    /// A UTF-16 export (with or without its byte order mark) and a spreadsheet given as an input: the header
    /// check says what the file is, on line 1, instead of listing every column as missing.
    @Test(
        arguments: [
            (
                [0xFF, 0xFE] + Array("order_id,placed_at,currency,total\r\n".utf8).flatMap { [$0, 0] },
                "is UTF-16 text; save it as UTF-8 CSV"
            ),
            (
                Array("order_id,placed_at,currency,total\n".utf8).flatMap { [0, $0] },
                "is UTF-16 text; save it as UTF-8 CSV"
            ),
            (
                [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00],
                "is not text (binary)"
            ),
        ] as [([UInt8], String)])
    func anInputThatIsNotTextSaysSo(bytes: [UInt8], message: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("orders.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ReconError.unreadable(path: path, line: 1, reason: message)) {
            _ = try SourceIngest(kind: .orders, path: path, format: .canonical(.orders)).checkHeader()
        }
    }

    /// `../data/orders.csv` in a pipeline reached through a symbolic link is read from the real folder's
    /// parent: `real/p/nightly.yml` seen as `link/nightly.yml` (link → real/p) reads `real/data/orders.csv`,
    /// not `data/orders.csv` beside the link.
    @Test func pathsAreTakenFromThePipelinesRealFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real/p")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link").path, withDestinationPath: real.path)
        try "sources:\n  orders: [{path: ../data/orders.csv}]\n  payments: [{path: payments.csv}]\n"
            .write(to: real.appendingPathComponent("nightly.yml"), atomically: true, encoding: .utf8)
        let config = try PipelineFile.load(path: folder.appendingPathComponent("link/nightly.yml").path)
        let realFolder = try #require(realPath(folder.path))
        #expect(config.orders.map(\.path) == [realFolder + "/real/data/orders.csv"])
        #expect(config.payments.map(\.path) == [realFolder + "/real/p/payments.csv"])
        #expect(config.formatFolders == [realFolder + "/real/p/formats"])
        // The pipeline file itself a link (elsewhere/nightly.yml → real/p/nightly.yml): the same folders.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("elsewhere/nightly.yml").path,
            withDestinationPath: real.appendingPathComponent("nightly.yml").path)
        let linked = try PipelineFile.load(path: folder.appendingPathComponent("elsewhere/nightly.yml").path)
        #expect(linked.orders.map(\.path) == [realFolder + "/real/data/orders.csv"])
    }
}
