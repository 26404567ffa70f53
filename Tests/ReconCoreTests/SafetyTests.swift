import CSHA256
import Foundation
import Testing

@testable import ReconCore

@Suite struct SafetyTests {
    @Test func cardNumbersKeepOnlyTheirLastFourDigits() {
        #expect(CardMasker.mask("Max 4111 1111 1111 1111 paid") == "Max ****1111 paid")
        #expect(CardMasker.mask("pan=4242-4242-4242-4242") == "pan=****4242")
        #expect(CardMasker.mask("order 12345, call 555-1234") == "order 12345, call 555-1234")
        #expect(CardMasker.mask("id 12345678901234567890123") == "id 12345678901234567890123")
        #expect(PaymentMethod.normalise("4242424242424242") == "card:4242")
        #expect(PaymentMethod.normalise(" Card:4000 0566 5566 5556 ") == "card:5556")
        #expect(PaymentMethod.normalise(" PayPal:Jane@Example.com ") == "paypal:jane@example.com")
        #expect(PaymentMethod.normalise("  ") == nil)
        // A card's last four written after a space or a mask are the same card as `card:4242`.
        #expect(PaymentMethod.normalise("card: 4242") == "card:4242")
        #expect(PaymentMethod.normalise("Card:****4242") == "card:4242")
        #expect(PaymentMethod.normalise("card:•••• 4242") == "card:4242")
        #expect(PaymentMethod.normalise("card:xxxx-4242") == "card:4242")
        #expect(PaymentMethod.normalise("card:●●●●4242") == "card:4242")
        #expect(PaymentMethod.normalise("card:4242 (visa)") == "card:4242 (visa)")
        #expect(PaymentMethod.normalise("card:xx12ab") == "card:xx12ab")
        // American Express's Account # holds a card's last five digits.
        #expect(PaymentMethod.normalise("card:-71002") == "card:1002")
        #expect(PaymentMethod.normalise("card:123") == "card:123")
        #expect(PaymentMethod.normalise("card:visa") == "card:visa")
    }

    /// A Summary table has a column for each currency its flags are in: nine refunds in nine currencies, none
    /// of which any charge or case takes, are nine `unmatched_refund` flags in a table eleven columns wide
    /// (its name, the count, then AUD … USD), reaching column K.
    @Test func aSummaryTableWidensForEveryCurrencyItShows() throws {
        let codes = ["AUD", "CAD", "CHF", "EUR", "GBP", "JPY", "NZD", "SEK", "USD"]
        let payments = codes.enumerated().map { "R\($0.offset),refund,2026-04-05,1,\($0.element),,,,\n" }.joined()
        let (folder, config) = try Scenario(orders: "Z,2026-01-01,USD,1.00,,,,,,,\n", payments: payments).writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try Pipeline(configuration: config, origin: "test").run(output: output).result
        #expect(result.reconciliation.exceptions.filter { $0.flag == .unmatchedRefund }.count == 9)
        let archive = Array(try Data(contentsOf: URL(fileURLWithPath: output + "/reconciliation.xlsx")))
        let summary = try #require(WorkbookTextRoundTrip.part("xl/worksheets/sheet1.xml", of: archive))
        #expect(String(decoding: summary, as: UTF8.self).contains(" r=\"K"))
    }

    @Test func rejectedRawLinesAndReasonsAreMasked() throws {
        let result = try Scenario(
            orders: "A,bad-date,USD,1.00,,US,,,,,\"4111 1111 1111 1111\"\nB,4242424242424242,USD,1.00,,US,,,,,\n",
            payments: ""
        ).reconcile()
        #expect(result.rejected.first?.raw.contains("****1111") == true)
        #expect(result.rejected.first?.raw.contains("4111 1111") == false)
        #expect(
            result.rejected.last?.reason
                == "bad date '****4242': not an ISO 8601 date or timestamp (expected YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])"
        )
    }

    /// A customer name is personal data: it is kept for an order with a refund case (the Overdue sheet can
    /// show it) and dropped for the others, including a case whose approval comes after `as_of`.
    @Test func customersAreKeptOnlyForOrdersWithACase() throws {
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders = """
            order_id,placed_at,currency,total,customer,refund_approved_at
            A,2026-06-01,USD,1.00,Ana Lima,2026-06-02
            B,2026-06-01,USD,1.00,Bo Chen,
            C,2026-06-01,USD,1.00,Carla Díaz,2026-07-02

            """
        let result = try scenario.reconcile(keepEveryRecord: true)
        #expect(result.orderIds == ["A", "B", "C"])
        #expect(result.orders.map(\.customer) == ["Ana Lima", nil, nil])
    }

    @Test func csvNeutralisesFormulasAndQuotesWhatNeedsIt() throws {
        let sink = MemorySink()
        var writer = CSVWriter(sink: sink)
        let table = ReportTable(
            name: "t", columns: [Column("a", .text), Column("b", .text), Column("c", .money)],
            rowCount: 3
        ) { i in
            [
                [Cell.text("=HYPERLINK(\"x\")"), .text("-5"), .money(-1, Currency(code: "USD")!)],
                [.text("a,b"), .text("say \"hi\""), .empty],
                [.text("@cmd"), .text("line\nbreak"), .money(1500, Currency(code: "JPY")!)],
            ][i]
        }
        _ = try writer.write(table: table)
        let expected =
            [
                #"a,b,c"#,
                #""'=HYPERLINK(""x"")","'-5",-0.01"#,
                #""a,b","say ""hi""","#,
                "\"'@cmd\",\"line\nbreak\",1500",
            ].joined(separator: "\n") + "\n"
        #expect(String(decoding: sink.bytes, as: UTF8.self) == expected)
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(of: long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// The SHA-instruction version (taken on CPUs that have them) and the portable one agree block for block,
    /// and a digest fed in odd pieces equals the one fed at once.
    @Test func sha256VersionsAgree() {
        var generator = InputGenerator.Random(state: 7)
        let data = (0..<64 * 37).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var fast: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        var portable = fast
        data.withUnsafeBufferPointer { bytes in
            recon_sha256_blocks(&fast, bytes.baseAddress, 37)
            recon_sha256_blocks_portable(&portable, bytes.baseAddress, 37)
        }
        #expect(fast == portable)
        var pieces = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 200, 7] + Array(repeating: 500, count: 4) where offset < data.count {
            let end = min(offset + size, data.count)
            data[offset..<end].withUnsafeBytes { pieces.update($0) }
            offset = end
        }
        data[offset...].withUnsafeBytes { pieces.update($0) }
        #expect(pieces.finalizeHex() == SHA256.hex(of: data))
    }
}
