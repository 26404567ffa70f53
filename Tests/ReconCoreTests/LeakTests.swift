import Foundation
import Testing

@testable import ReconCore

/// No card number reaches an output, a log or an error, whatever column it was typed in; files that are
/// not what they should be are described, not quoted; data never drives the terminal.
@Suite struct LeakTests {
    /// Luhn-valid test numbers, one for each place a card number is typed by mistake.
    static let inCountry = "4111111111111111"
    static let inStatus = "5555555555554444"
    static let inCustomer = "4012 8888 8888 1881"
    static let inSellerType = "6011111111111117"
    static let inType = "378282246310005"
    static let inRejectedLine = "4000-0566-5566-5556"

    @Test func onlyLuhnValidNumbersNotGluedToLettersAreCardNumbers() {
        #expect(CardMasker.mask("paid 4111111111111111.") == "paid ****1111.")
        // Luhn-invalid (…1112), an Amazon order number (fails the check), a PayPal id (glued to its J).
        #expect(CardMasker.mask("4111111111111112") == "4111111111111112")
        #expect(CardMasker.mask("order 114-4672710-6798647") == "order 114-4672710-6798647")
        #expect(CardMasker.mask("6837826109773941J") == "6837826109773941J")
        #expect(CardMasker.mask("x4111111111111111") == "x4111111111111111")
        // The whole run (2 + 16 digits) fails the check; the card number among its groups is masked.
        #expect(CardMasker.mask("qty 2 4111 1111 1111 1111") == "qty 2 ****1111")
        #expect(CardMasker.mask("4111111111111111 5555555555554444") == "****1111 ****4444")
        #expect(!CardMasker.mayHoldCardNumber("2026-06-01T10:22:33Z,USD,12.00,card:4242".utf8))
    }

    /// Two orders, both overdue as of 2026-06-30 (approved 2026-05-01, nothing refunded): A with card numbers
    /// in country, status, customer and seller type; B with a Luhn-invalid number as country and an Amazon
    /// order number as status, which stay as they are. Order C's row is rejected (bad date) and holds a card
    /// number; payment P1's type is a card number, so it is skipped with the reason "type ****0005".
    static func leakyScenario() -> Scenario {
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders = """
            order_id,placed_at,currency,total,country,status,customer,seller_type,refund_approved_at
            A,2026-04-01,USD,10.00,\(inCountry),\(inStatus),\(inCustomer),\(inSellerType),2026-05-01
            B,2026-04-01,USD,10.00,4111111111111112,114-4672710-6798647,Bo,retail,2026-05-01
            C,not a date,USD,10.00,US,paid,\(inRejectedLine),retail,

            """
        scenario.payments = Scenario.paymentHeader + "P1,\(inType),2026-05-02,1.00,USD,,A,,\n"
        return scenario
    }

    @Test func cardNumbersInAnyColumnAreMaskedInEveryOutput() throws {
        let (folder, config) = try Self.leakyScenario().writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let (result, _) = try Pipeline(configuration: config, origin: "test").run(output: output)

        var written = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        for name in ["exceptions", "cases", "refunds", "rejected"] {
            written += try gunzippedText(output + "/\(name).csv.gz")
        }
        let overdue = ReportTables.overdue(result.reconciliation.exceptions, orders: result.orders, texts: result.texts)
        written += (0..<overdue.rowCount).flatMap(overdue.row).map { "\($0)" }.joined(separator: "\n")
        written += try #require(Explainer(result: result).explain("A")).joined(separator: "\n")
        written += try #require(Explainer(result: result).explain("C")).joined(separator: "\n")

        for card in [
            Self.inCountry, Self.inStatus, Self.inCustomer, Self.inSellerType, Self.inType, Self.inRejectedLine,
        ] {
            #expect(!written.contains(card), "\(card) leaked")
            #expect(written.contains("****" + card.suffix(4)), "\(card) not shown masked")
        }
        #expect(result.stats("payments")?.skipped == ["type ****0005": 1])
        #expect(written.contains("\"type ****0005\""))
        #expect(written.contains("4111111111111112") && written.contains("114-4672710-6798647"))
    }

    @Test func rejectReasonsQuotingACardNumberAreMasked() throws {
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders = "order_id,placed_at,currency,total\nA,2026-04-01,\(Self.inCountry),10.00\n"
        let result = try scenario.reconcile()
        #expect(result.rejected.map(\.reason) == ["unknown currency code '****1111' (not in ISO 4217)"])
        #expect(result.rejected.map(\.raw) == ["A,2026-04-01,****1111,10.00"])
    }

    /// A message recon writes over several lines keeps its line breaks; each line is made safe on its own.
    @Test func reconsOwnLineBreaksStay() {
        #expect(
            TerminalText.safeLines("first \u{1B}[2J\n  second 4111 1111 1111 1111")
                == "first \\u{1B}[2J\n  second ****1111")
    }

    /// A raw line cut at its size limit in the middle of a card number keeps none of its digits: the part
    /// before the cut fails the Luhn check, so the digits at the cut are dropped.
    @Test func aLineCutInsideACardNumberKeepsNoneOfItsDigits() {
        #expect(CardMasker.maskCut("A,2026-04-01,pan 4111 1111 1111") == "A,2026-04-01,pan")
        #expect(CardMasker.maskCut("A,4111111111111111,ok 12") == "A,****1111,ok")
        #expect(CardMasker.maskCut("A,customer") == "A,customer")
    }

    /// Escape sequences from the data are printed visibly, never sent to the terminal: ESC, BEL, DEL, the C1
    /// CSI and a line feed (which would start a line recon did not print) become `\u{…}`; a tab stays.
    @Test func controlCharactersFromTheDataArePrintedVisibly() throws {
        #expect(
            TerminalText.safe("a\u{1B}[31mred\u{7}\u{7F}\u{9B}2J\tok\nnext 4111111111111111")
                == "a\\u{1B}[31mred\\u{7}\\u{7F}\\u{9B}2J\tok\\u{A}next ****1111")
        var scenario = Scenario(orders: "", payments: "")
        scenario.orders =
            "order_id,placed_at,currency,total,country,status\nA,2026-04-01,USD,10.00,U\u{1B}[2JS,paid\u{7}\n"
        let result = try scenario.reconcile(keepEveryRecord: true)
        let text = try #require(Explainer(result: result).explain("A")).joined(separator: "\n")
        #expect(text.contains("country U\\u{1B}[2JS") && text.contains("status paid\\u{7}"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
