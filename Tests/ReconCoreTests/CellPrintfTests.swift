import CCellPrintf
import Foundation
import Testing
@testable import ReconCore

/// recon formats libxlsxwriter's cells itself (Sources/CCellPrintf): the bytes must be glibc's, and the
/// calls must really come through recon.
@Suite struct CellPrintfTests {
    /// recon's formatting and glibc's vsnprintf of the same call; nil where recon hands the call to glibc.
    static func both(_ format: String, _ arguments: [CVarArg]) -> (recon: String?, glibc: String) {
        var recon = [CChar](repeating: 0, count: 256)
        var glibc = [CChar](repeating: 0, count: 256)
        let length = withVaList(arguments) { recon_cell_printf_format(&recon, recon.count, format, $0) }
        _ = withVaList(arguments) { vsnprintf(&glibc, glibc.count, format, $0) }
        func text(_ c: [CChar]) -> String { String(decoding: c.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return (length < 0 ? nil : text(recon), text(glibc))
    }

    /// Amounts in 0, 2, 3 and 6 decimals, whole numbers, Excel dates, values one step off each, and numbers
    /// whose 16 significant digits show binary error (9.95 prints as 9.949999999999999), in 1e-4..1e15.
    @Test func numbersAreGlibcsDigits() {
        var values: [Double] = [0, -0.0, 9.95, 0.1, 0.3, 0.29, 1e-4, 0.000_999_999_999_999_99, 0.999_999_999_999_999_99,
                                9.999_999_999_999_999, 46_203, 123.456, 1_234_567_890_123.45, 99_999_999_999_999.99,
                                999_999_999_999_999.9, -1, 1e14]
        var random = InputGenerator.Random(state: 20_261_130)
        for _ in 0..<25_000 {
            let minor = Double(Int64(bitPattern: random.next()) % 1_000_000_000_000)
            let scaled = Double(random.next() >> 11) / 0x1p53 * 1e15
            values += [minor, minor / 100, minor / 1_000, minor / 1e6, (minor / 100).nextUp, (minor / 100).nextDown,
                       scaled, scaled / 1e10, scaled / 1e18]
        }
        var formattedHere = 0
        for value in values {
            let (recon, glibc) = Self.both("%.16G", [value])
            if let recon {
                formattedHere += 1
                #expect(recon == glibc, "\(value.debugDescription)")
            } else {
                #expect(!(value == 0 || (1e-4..<1e15).contains(value.magnitude)), "\(value.debugDescription) left to glibc")
            }
        }
        #expect(formattedHere > values.count * 3 / 4)
    }

    @Test func cellFormatsAreGlibcsAndOthersAreLeftToIt() {
        // A Swift String is no C string to a C variadic function: the test passes pointers.
        let reference = strdup("AB12")!, long = strdup(String(repeating: "x", count: 300))!
        defer { free(reference); free(long) }
        let cell = Self.both(#"<c r="%s" s="%d"><v>%.16G</v></c>%u %% %d"#,
                             [reference, Int32(7), 12.5, UInt32(4_000_000_000), Int32.min])
        #expect(cell.recon == cell.glibc)
        #expect(cell.recon == #"<c r="AB12" s="7"><v>12.5</v></c>4000000000 % -2147483648"#)
        #expect(Self.both("%x", [Int32(255)]).recon == nil)
        #expect(Self.both("%5d", [Int32(255)]).recon == nil)
        #expect(Self.both("%.2f", [1.5]).recon == nil)
        #expect(Self.both("%.16G", [Double.nan]).recon == nil)
        #expect(Self.both("%.16G", [1e300]).recon == nil)
        #expect(Self.both("%s", [long]).recon == nil, "longer than the buffer")
    }

    /// A workbook written on this thread has its cells formatted by recon: if the dynamic linker bound
    /// libxlsxwriter to glibc's functions instead, the count would not move.
    @Test func workbookCellsComeThroughRecon() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recon-printf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = recon_cell_printf_calls()
        let workbook = try XlsxWorkbook(path: folder.appendingPathComponent("cells.xlsx").path)
        let table = ReportTable(name: "t", columns: [Column("order_id", .id), Column("amount", .money)], rowCount: 1_000) {
            [.text("O\($0)"), .money(Int64($0) * 7, Currency(code: "USD")!)]
        }
        try WorkbookWriter(workbook: workbook).write(table, title: "Refunds")
        try workbook.close()
        #expect(recon_cell_printf_calls() - before >= 2_000)
    }
}
