import Foundation
import Testing

@testable import ReconCore

/// Every row accounted for through every preset and format option: each sample export, damaged at random
/// and read with `skip_lines`, `group_by` (both forms) and `encoding` on top of its preset, gives rows read = used +
/// skipped + rejected, one rejected row reported per reject, and as many rows read as the file has records.
@Suite struct AccountingOptionTests {
    struct Source: Sendable, CustomStringConvertible {
        var file: String
        var format: String
        var kind: SourceKind
        var params: [String: String] = [:]
        var description: String { "\(format) \(file)" }
    }

    static let sources = [
        Source(file: "store/shopify_orders_export.csv", format: "shopify-orders", kind: .orders),
        Source(file: "store/stripe_unified_payments.csv", format: "stripe-payments", kind: .payments),
        Source(file: "store/paypal_activity.csv", format: "paypal-activity", kind: .payments),
        Source(file: "store/shopify_payouts.csv", format: "shopify-payouts", kind: .payments),
        Source(file: "store/stripe_balance.csv", format: "stripe-balance", kind: .payments),
        Source(file: "supplier/marketplace_orders.csv", format: "marketplace-orders", kind: .orders),
        Source(
            file: "supplier/card_statement.csv", format: "card-statement", kind: .payments,
            params: ["card": "card:4242", "currency": "USD"]),
        Source(file: "orders.csv", format: "canonical", kind: .orders),
        Source(file: "payments.csv", format: "canonical", kind: .payments),
    ]

    /// A file damaged by a few random edits of its lines (after the header), and whether its records can
    /// still be counted by `recordCount` (an inserted quote can join lines in ways only the reader decides).
    static func damaged(_ bytes: [UInt8], seed: UInt64) -> (bytes: [UInt8], countable: Bool) {
        var rng = InputGenerator.Random(state: seed)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var countable = true
        let garbage: [[UInt8]] = ["", "??", "-", "2026-13-45", "1e9", "NaN", "4111111111111111"].map { Array($0.utf8) }
        for _ in 0..<(1 + rng.below(6)) where lines.count > 1 {
            let i = 1 + rng.below(lines.count - 1)
            var fields = lines[i].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            switch rng.below(9) {
            case 0: lines.insert([], at: i)
            case 1: lines.insert(lines[0], at: i)
            case 2: lines.insert(lines[i], at: i)
            case 3: lines[i] = Array(fields.prefix(rng.below(fields.count)).joined(separator: [UInt8(ascii: ",")]))
            case 4:
                fields[rng.below(fields.count)] = rng.pick(garbage)
                lines[i] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            case 5: lines[i] += Array(",extra".utf8)
            case 6: lines.swapAt(i, 1 + rng.below(lines.count - 1))
            case 7: lines[i].insert(0xFF, at: rng.below(lines[i].count + 1))
            default:
                lines[i].insert(UInt8(ascii: "\""), at: rng.below(lines[i].count + 1))
                countable = false
            }
        }
        return (Array(lines.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")], countable)
    }

    /// Records in a well-quoted CSV file, header included: line ends outside quotes, and a last line
    /// without one.
    static func recordCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: "\n"), !quoted { count += 1 }
        }
        return count + (bytes.last == UInt8(ascii: "\n") || bytes.isEmpty ? 0 : 1)
    }

    /// Two title lines before the header (after a BOM, where the file has one), read with `skip_lines: 2`.
    static func withTitleLines(_ bytes: [UInt8]) -> [UInt8] {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
        return (bytes.starts(with: bom) ? bom : []) + Array("Account 1234 statement\nPeriod: 2026\n".utf8) + body
    }

    /// The sum form of `group_by` on a format that groups (Shopify's `Name`, adding up `Total`) and on the
    /// canonical one (by id, adding up the amount): rows of one key anywhere in the file are one record.
    static func groupAcrossFile(_ format: inout FormatDefinition) {
        switch (format.name, format.kind) {
        case ("canonical", .orders): (format.groupBy, format.groupAcrossFile) = (["order_id"], .init(sum: [["total"]]))
        case ("canonical", .payments):
            (format.groupBy, format.groupAcrossFile) = (["payment_id"], .init(sum: [["amount"]]))
        case ("shopify-orders", _): format.groupAcrossFile = .init(sum: [["Total"]])
        default: break
        }
    }

    @Test(arguments: sources)
    func everyRowIsUsedSkippedOrRejected(source: Source) throws {
        let root = SampleDataEndToEndTests.root
        let original = Array(try Data(contentsOf: root.appendingPathComponent("SampleData/" + source.file)))
        let preset = try FormatLoader.load(
            source.format, kind: source.kind,
            searchFolders: [root.appendingPathComponent("Pipelines/formats").path], origin: "test")
        for seed in 1...6 as ClosedRange<UInt64> {
            let (bytes, countable) = Self.damaged(original, seed: seed &* 7919)
            for titled in [false, true] {
                var format = preset
                if titled { format.skipLines += 2 }
                if seed % 2 == 0, format.encoding == .utf8 { format.encoding = .auto }
                if seed % 3 == 0, format.name == "canonical" {
                    format.groupBy = [format.kind == .orders ? "order_id" : "payment_id"]
                }
                if seed % 3 == 1 { Self.groupAcrossFile(&format) }
                let file = titled ? Self.withTitleLines(bytes) : bytes
                let out = try FormatHarness(yaml: "", params: source.params).read(file, through: format)
                let s = out.stats
                let context = "\(source) seed \(seed) titled \(titled)"
                #expect(s.rowsRead == s.used + s.skippedTotal + s.rejected, "\(context): \(s)")
                #expect(out.rejected.count == s.rejected, "\(context)")
                #expect(s.used == out.orders.count + Set(out.payments.map(\.source.line)).count, "\(context)")
                if format.groupAcrossFile != nil, source.format == "shopify-orders" {
                    // Shopify's line items are grouped by the sum form too.
                    #expect(s.skipped[KeyedGrouper.reason, default: 0] > 0, "\(context)")
                }
                if countable { #expect(s.rowsRead == Self.recordCount(file) - 1, "\(context)") }
            }
        }
    }
}
