import Foundation
import Testing

@testable import ReconCore

/// The output folder is recon's or nobody's: a run replaces only a missing or empty folder or a previous
/// report, refuses folders that hold what it reads, and one run at a time writes an output.
@Suite struct OutputFolderTests {
    static let orders = "A,2026-06-01,USD,1.00,,,,,,,\n"

    /// A small scenario's files, and a run of it into `output` (relative paths from the test's folder).
    func run(_ config: RunConfiguration, output: String) throws {
        _ = try Pipeline(configuration: config, origin: "test").run(output: output)
    }

    func exitCode(_ body: () throws -> Void) -> (code: Int32?, message: String) {
        do {
            try body()
            return (nil, "")
        } catch let error as ReconError {
            return (error.exitCode, error.description)
        } catch {
            return (-1, "\(error)")
        }
    }

    @Test func foldersHoldingWhatTheRunReadsAreUsageErrors() throws {
        var (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipelineFolder = folder.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: pipelineFolder, withIntermediateDirectories: true)
        config.pipelineFile = pipelineFolder.appendingPathComponent("nightly.yml").path
        for output in [
            "", "  ", ".", FileManager.default.currentDirectoryPath + "/Sources/..", folder.path,
            folder.path + "/sub/..", pipelineFolder.path, "/",
        ] {
            let (code, message) = exitCode { try run(config, output: output) }
            #expect(code == 2, "\(output): \(message)")
        }
        #expect(FileManager.default.fileExists(atPath: config.orders[0].path))
        #expect(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/Package.swift"))
    }

    /// A folder reached through a symbolic link and `..` is the folder the file system means, not the text.
    @Test func pathsAreResolvedByTheFileSystem() throws {
        let (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let link = folder.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: deep.path)
        // link/.. is a/, not the scenario's folder: it holds no input, so the run may write there.
        #expect(OutputPlace.resolve(link + "/../report") == OutputPlace.resolve(folder.path + "/a/report"))
        // link/../.. is the scenario's folder, which holds the inputs.
        #expect(exitCode { try run(config, output: link + "/../..") }.code == 2)
        // An output that is a link is replaced by the report's folder; the folder it pointed to is left alone.
        try "keep".write(toFile: deep.path + "/keep.txt", atomically: true, encoding: .utf8)
        try run(config, output: link)
        #expect(try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType == .typeDirectory)
        #expect(FileManager.default.fileExists(atPath: link + "/manifest.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: deep.path) == ["keep.txt"])
    }

    @Test func aFolderThatIsNotAReportIsLeftAlone() throws {
        var (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("reports").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "keep me".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        // The stop comes before any input is read: a missing input is never reached.
        config.payments = [SourceSpec(path: folder.path + "/missing.csv")]
        let (code, message) = exitCode { try run(config, output: output) }
        #expect(code == 1)
        #expect(message.contains("'notes.txt'") && message.contains("not a recon report"), "\(message)")
        #expect(try String(contentsOfFile: output + "/notes.txt", encoding: .utf8) == "keep me")
        // A manifest of recon's beside a file of someone else's is not a report either.
        try #"{"tool" : "recon"}"#.write(toFile: output + "/manifest.json", atomically: true, encoding: .utf8)
        #expect(exitCode { try run(config, output: output) }.code == 1)
        #expect(FileManager.default.fileExists(atPath: output + "/notes.txt"))
    }

    @Test func anEmptyFolderAndAPreviousReportAreReplaced() throws {
        let (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("reports/nightly").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try run(config, output: output)  // empty
        try run(config, output: output)  // the report just written
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == ReportFile.allCases.map(\.rawValue).sorted())
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/reports")
        #expect(beside.sorted() == [".nightly.lock", "nightly"])
    }

    /// A second run on the same output stops while the first holds the lock; a killed run's staging folders
    /// are cleared when the next run starts, even one that then stops.
    @Test func oneRunAtATimeAndNoLeftovers() throws {
        var (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let place = try OutputPlace(output, protecting: config.filesRead)
        do {
            let first = try OutputFolder.claim(place)
            let (code, message) = exitCode { try run(config, output: output) }
            #expect(code == 1 && message.contains("another run is writing it (pid \(getpid()) on "), "\(message)")
            #expect(message.contains("this run stops without reading its inputs"))
            first.discard()
        }
        for leftover in [".out.tmp-1", ".out.tmp-1-5f3a", ".out.old-1"] {
            try FileManager.default.createDirectory(
                atPath: folder.path + "/" + leftover, withIntermediateDirectories: true)
        }
        config.orders = [SourceSpec(path: folder.path + "/missing.csv")]
        #expect(exitCode { try run(config, output: output) }.code == 1)
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".out") }
        #expect(beside == [".out.lock"])
    }

    /// Found by trying recon as an attacker would: a planted lock symlink is not followed, another output whose
    /// name starts like this one's keeps its lock and staging folder, a file that only shares the stopped
    /// rejects' name is never removed, and a dangling link as the output is replaced like any link.
    @Test func nothingBesideTheOutputIsTakenForRecon() throws {
        let (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.path
        try "precious".write(toFile: base + "/victim.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: base + "/.planted.lock", withDestinationPath: base + "/victim.txt")
        #expect(exitCode { try run(config, output: base + "/planted") }.code == 1)
        #expect(try String(contentsOfFile: base + "/victim.txt", encoding: .utf8) == "precious")

        let others = [".r.tmp-x.lock", ".r.tmp-x.tmp-12-ab", ".r.old-2025.lock", "r.rejected.csv.gz/kept.txt"]
        try FileManager.default.createDirectory(atPath: base + "/r.rejected.csv.gz", withIntermediateDirectories: true)
        for name in others { try "theirs".write(toFile: base + "/" + name, atomically: true, encoding: .utf8) }
        try FileManager.default.createDirectory(atPath: base + "/.r.tmp-77-00ff", withIntermediateDirectories: true)
        try run(config, output: base + "/r")
        #expect(others.allSatisfy { FileManager.default.fileExists(atPath: base + "/" + $0) })
        #expect(!FileManager.default.fileExists(atPath: base + "/.r.tmp-77-00ff"))

        try FileManager.default.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/nowhere")
        try run(config, output: base + "/dangling")
        #expect(FileManager.default.fileExists(atPath: base + "/dangling/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: base + "/nowhere"))
    }

    /// A file put into the previous report while a run is under way stops the swap (exit 1) and is kept.
    @Test func aFileAddedDuringTheRunIsNotLostInTheSwap() throws {
        let (folder, config) = try Scenario(orders: Self.orders, payments: "").writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "/report"
        try run(config, output: output)
        let claimed = try OutputFolder.claim(try OutputPlace(output, protecting: []))
        try "mine".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(exitCode { try claimed.commit() }.code == 1)
        claimed.discard()
        #expect(try String(contentsOfFile: output + "/notes.txt", encoding: .utf8) == "mine")
    }
}
