import Foundation
import Testing

@testable import ReconCore

/// Replays what the fuzzers found (`make fuzz` keeps failing inputs in Tests/Fixtures/fuzz/<target>/) and
/// hand-picked edge cases, with the invariants of Tests/Fuzz.
@Suite struct FuzzRegressionTests {
    static let folder = SampleDataEndToEndTests.root.appendingPathComponent("Tests/Fixtures/fuzz")

    static func inputs(_ target: String) -> [[UInt8]] {
        let dir = folder.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        return names.compactMap { try? Array(Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    @Test func csvReaderInputs() throws {
        let inputs = Self.inputs("CSVReader")
        #expect(inputs.count >= 6)
        for bytes in inputs {
            for chunk in [1, 2, 7] {
                let reader = CSVReader(
                    source: MemorySource(bytes: bytes, chunk: chunk), name: "fuzz",
                    maxFieldBytes: 64, maxRecordBytes: 256, maxRawBytes: 128)
                var record = CSVRecord()
                var lastLine = 0
                while try reader.next(into: &record) {
                    #expect(record.line > lastLine && record.data.count <= 257 && record.raw.count <= 128)
                    lastLine = record.line
                }
            }
        }
    }

    @Test func moneyParserInputs() {
        let inputs = Self.inputs("MoneyParser")
        #expect(inputs.count >= 5)
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            for code in ["JPY", "USD", "KWD", "CLF"] {
                let currency = Currency(code: code)!
                if case .success(let value) = MoneyParser.parse(text, currency: currency) {
                    let printed = Money(minorUnits: value, currency: currency).plainDecimal
                    #expect(MoneyParser.parse(printed, currency: currency) == .success(value), "\(text) in \(code)")
                }
            }
        }
        #expect(MoneyParser.parse("-9223372036854775808", currency: Currency(code: "JPY")!) == .failure(.tooLarge))
    }

    /// As Tests/Fuzz/FuzzPipeline.swift: each input run through the whole pipeline, with or without a report.
    @Test func pipelineInputs() throws {
        let inputs = Self.inputs("Pipeline")
        #expect(inputs.count >= 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for input in inputs {
            #expect(PipelineFuzzRun.problems(input, in: folder.path) == [], "\(input.prefix(200))")
        }
    }

    /// As Tests/Fuzz/FuzzWorkbookText.swift: each input, decoded leniently, written into a workbook and read back.
    @Test func workbookTextInputs() throws {
        let inputs = Self.inputs("WorkbookText")
        #expect(inputs.count >= 5)
        let folder = try WorkbookTextTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            let problems = try WorkbookTextRoundTrip.problems(
                writing: text, at: folder.appendingPathComponent("t.xlsx").path)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
        }
    }

    @Test func timestampParserInputs() {
        let inputs = Self.inputs("TimestampParser")
        #expect(inputs.count >= 4)
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            if case .success(let instant) = TimestampParser.parse(text, zone: .utc) {
                let date = instant.date(in: .utc)
                #expect(CivilDate(iso: date.description) == date || date.components.year < 1, "\(text)")
            }
        }
    }
}
