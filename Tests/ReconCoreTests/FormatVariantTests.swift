import Foundation
import Testing

@testable import ReconCore

/// Formats with `variants`: the top-level keys as defaults, the first variant whose header fits, the error
/// naming what each lacks, and the chosen variant named in `recon check` and the manifest.
@Suite struct FormatVariantTests {
    static let threeLayouts = """
        kind: payments
        columns:
          payment_id: id
          type: {value: charge}
          created_at: Created
          amount: Amount
          currency: {value: USD}
        variants:
          - name: european
            requires: [Betrag]
            decimal_mark: ","
            thousands_separator: "."
            columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Betrag, currency: {value: EUR}}
          - name: day-first
            date_format: "DD/MM/YYYY"
          - name: old
            records:
              - columns: {payment_id: Ref, type: {value: charge}, created_at: Date, amount: Amount, currency: {value: USD}}
        """

    @Test func theFirstVariantWhoseHeaderFitsReadsTheFile() throws {
        let harness = FormatHarness(yaml: Self.threeLayouts)
        // No Betrag: not european; id, Created and Amount are day-first's (the top-level columns): 2 March.
        let dayFirst = try harness.read("id,Created,Amount\np1,02/03/2026,1.50\n")
        #expect(dayFirst.stats.formatVariant == "day-first")
        #expect(dayFirst.payments.map { $0.createdOn(in: .utc).description } == ["2026-03-02"])
        #expect(dayFirst.payments.map(\.amount) == [150])
        // Ref and Date: only old's records fit; its dates are ISO, the top level's (no date_format).
        let old = try harness.read("Ref,Date,Amount\nr1,2026-03-02,2.00\n")
        #expect(old.stats.formatVariant == "old" && old.paymentIds == ["r1"])
        // Betrag is present: european, with its decimal comma: 1.234,50 is 1234.50.
        let european = try harness.read("id,Created,Betrag\np1,2026-03-02,\"1.234,50\"\n")
        #expect(european.stats.formatVariant == "european")
        #expect(european.payments.map(\.amount) == [123450] && european.payments.map(\.currency.code) == ["EUR"])
    }

    @Test func aHeaderNoVariantFitsNamesWhatEachLacks() throws {
        let harness = FormatHarness(yaml: Self.threeLayouts)
        #expect {
            _ = try harness.read("X,Y\n1,2\n")
        } throws: { error in
            guard case ReconError.noVariantFits("test-format", "test-format.yml", _, let lacks) = error else {
                return false
            }
            // european: its required Betrag (once, though its amount also reads it), then its columns in
            // canonical name order (amount, created_at, payment_id).
            return lacks == [
                "variant 'european' lacks Betrag, Created, id", "variant 'day-first' lacks Amount, Created, id",
                "variant 'old' lacks Amount, Date, Ref",
            ] && (error as! ReconError).exitCode == 1
                && "\(error)".contains(": line 1: header fits no variant of format 'test-format' (test-format.yml): ")
        }
    }

    @Test func aVariantWhoseConditionalRecordLacksAColumnDoesNotFit() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                variants:
                  - name: with-refunds
                    records:
                      - columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}
                      - when: {column: Refunded, not_empty: true}
                        columns: {payment_id: {template: "{id}-r"}, type: {value: refund}, created_at: Refunded date, amount: Refunded, currency: {value: USD}}
                  - name: charges-only
                    columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}
                """)
        // Without "Refunded date" the refund record could not be made: the plain variant reads the file.
        let chargesOnly = try harness.read("id,Created,Amount,Refunded\np1,2026-01-01,5.00,5.00\n")
        #expect(chargesOnly.stats.formatVariant == "charges-only" && chargesOnly.paymentIds == ["p1"])
        let withRefunds = try harness.read(
            "id,Created,Amount,Refunded,Refunded date\np1,2026-01-01,5.00,5.00,2026-01-02\n")
        #expect(withRefunds.stats.formatVariant == "with-refunds")
        #expect(withRefunds.paymentIds == ["p1", "p1-r"])
    }

    @Test func eachVariantReadsTheHeaderInItsOwnEncoding() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                columns:
                  payment_id: id
                  type: {value: charge}
                  created_at: Created
                  amount: Gebühr
                  currency: {value: EUR}
                  order_id: Notiz
                variants:
                  - name: utf-8
                  - name: windows
                    encoding: windows-1252
                """)
        // "Gebühr" and "Café" in Windows-1252 (ü = 0xFC, é = 0xE9): as UTF-8 the header has no Gebühr.
        let bytes =
            Array("id,Created,Geb".utf8) + [0xFC] + Array("hr,Notiz\np1,2026-01-01,1.00,Caf".utf8) + [0xE9, 0x0A]
        let out = try harness.read(bytes)
        #expect(out.stats.formatVariant == "windows")
        #expect(out.payments.map { $0.orderId(in: [], texts: out.texts) } == ["Café"])
    }

    @Test(arguments: [
        ("variants:\n  - {name: a, skip_lines: 1}\n", "variants[0].skip_lines"),
        ("variants:\n  - {name: a, timezone: UTC}\n", "variants[0].timezone"),
        ("variants:\n  - {date_format: DD.MM.YYYY}\n", "variants[0].name"),
        ("variants:\n  - {name: a}\n  - {name: a}\n", "variants[1].name"),
        ("variants:\n  - {name: a, date_format: HH:mm}\n", "variants[0].date_format"),
        ("variants:\n  - {name: a, columns: {payment_id: id}}\n", "variants[0].columns"),
        ("variants: []\n", "variants"),
    ])
    func badVariantsAreConfigurationErrors(variants: String, key: String) {
        let yaml = """
            kind: payments
            columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}

            """ + variants
        #expect {
            _ = try FormatLoader.parse(yaml, path: "f.yml")
        } throws: { error in
            guard case ReconError.configuration("f.yml", let named, _) = error else { return false }
            return named == key
        }
    }

    /// `recon check` and manifest.json name the variant of an input whose format has variants, and only then.
    @Test func checkAndManifestNameTheChosenVariant() throws {
        var scenario = Scenario(orders: "A1,2026-06-01,USD,10.00,,,,,,,\n", payments: "")
        scenario.payments = "Ref,Date,Amount,Order\nP1,2026-06-01,10.00,A1\n"
        let format = """
            kind: payments
            columns: {payment_id: id, type: {value: charge}, created_at: Created, amount: Amount, currency: {value: USD}}
            variants:
              - name: current
              - name: legacy
                columns: {payment_id: Ref, type: {value: charge}, created_at: Date, amount: Amount, currency: {value: USD}, order_id: Order}
            """
        let (folder, baseConfig) = try scenario.writeFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        let formatPath = folder.appendingPathComponent("variants.yml").path
        try format.write(toFile: formatPath, atomically: true, encoding: .utf8)
        var config = baseConfig
        config.payments[0].format = formatPath
        let findings = PipelineCheck(configuration: config, origin: "t").run(output: nil)
        // The two samples, then how current each input is (both stale, no problem).
        #expect(findings.map(\.exitCode) == [nil, nil, nil, nil])
        #expect(findings[0].message.contains(", format canonical, header fits;"))
        #expect(findings[1].message.contains(", format \(formatPath) (variant legacy), header fits;"))
        let output = folder.appendingPathComponent("out").path
        _ = try Pipeline(configuration: config, origin: "t").run(output: output)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")))
                as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["format_variant"] as? String } == [nil, "legacy"])
        #expect(inputs[0].keys.contains("format_variant") == false)
    }
}
