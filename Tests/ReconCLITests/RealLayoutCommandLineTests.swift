import Foundation
import ReconCore
import Testing

@testable import ReconCLI

/// Real-layout exports (Tests/Fixtures/real-layouts) given straight on the command line, one format per
/// file: a store's PayPal (German layout) and Stripe (order numbers in the Description) payments against
/// its two order lists. The outcome is the two pipeline-file scenarios' together (RealLayoutTests).
@Suite struct RealLayoutCommandLineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-layouts")

    func fixture(_ name: String) -> String { Self.folder.appendingPathComponent(name).path }

    func text(ofGzip path: String) throws -> String {
        let reader = try GzipReader(source: try InputFile(path: path), name: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while case let n = try reader.read(into: buffer), n > 0 { bytes += buffer[..<n] }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func eachFileReadThroughItsOwnFormat() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recon-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = recon(
            "run", "--orders", fixture("paypal_orders.csv"), "--orders", fixture("stripe_orders.csv"),
            "--payments", fixture("paypal_activity_de.csv"), "--payments-format", "paypal-activity",
            "--payments", fixture("stripe_unified_payments.csv"), "--payments-format", "stripe-payments",
            "--timezone", "America/Los_Angeles", "--as-of", "2026-03-31", "--out", output.path, "--quiet")
        #expect(outcome.exitCode == 0, "\(outcome.err)")
        let cases = try text(ofGzip: output.appendingPathComponent("cases.csv.gz").path)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // order → state: 1001/1234/1236 refunded in time, 1002/1235 late, 1003/1237 never (overdue).
        #expect(
            cases.map { "\($0[0]) \($0[9])" } == [
                "1001 settled", "1002 late", "1003 overdue", "1234 settled", "1235 late", "1236 settled",
                "1237 overdue",
            ])
        let rejected = try text(ofGzip: output.appendingPathComponent("rejected.csv.gz").path)
        #expect(rejected.split(separator: "\n").count == 1, "\(rejected)")
    }
}
