import Testing

@testable import ReconCore

/// Each option of a format definition on a small case whose result was worked out by hand.
@Suite struct FormatOptionTests {
    @Test func decimalCommaDayFirstDatesAndSignedTypes() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                decimal_mark: ","
                thousands_separator: "."
                date_format: "DD.MM.YYYY"
                columns:
                  payment_id: {template: "{$file}:{$line}"}
                  type: {from: Betrag, sign: {negative: charge, positive: refund}}
                  created_at: Datum
                  amount: Betrag
                  currency: {value: EUR}
                """)
        let out = try harness.read(
            "Datum;Betrag\n".replacingOccurrences(of: ";", with: ",")
                + "03.02.2026,\"-1.234,50\"\n05.02.2026,\"12,5\"\n06.02.2026,\"1,234,56\"\n07.02.2026,12.50\n")
        #expect(out.payments.map(\.amount) == [123450, 1250])
        #expect(out.payments.map(\.type) == [.charge, .refund])
        #expect(out.payments.map { $0.createdOn(in: .utc).description } == ["2026-02-03", "2026-02-05"])
        #expect(out.paymentIds == ["input.csv:2", "input.csv:3"])
        // A second decimal comma, and a point where a comma is the mark, are rejected, not guessed.
        #expect(out.rejected.map(\.line) == [4, 5])
        #expect(
            out.rejected.allSatisfy { $0.column == "Betrag" && $0.reason.contains("decimal mark ','") },
            "\(out.rejected)")
    }

    @Test func usDatesWithZoneAbbreviationsAndThousands() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                thousands_separator: ","
                date_format: "M/D/YYYY HH:mm:ss"
                timezone_column: [TimeZone, Time Zone]
                columns:
                  payment_id: Transaction ID
                  type: {value: charge}
                  created_at: {template: "{Date} {Time}"}
                  amount: Gross
                  currency: Currency
                """)
        let out = try harness.read(
            """
            "Date", "Time", "Time Zone", "Gross", "Currency", "Transaction ID"
            "1/1/2018","23:15:42","PST","1,560.00","USD","A1"
            "7/4/2026","23:30:00","PDT","-4,764.38","USD","A2"
            "7/4/2026","10:00:00","XST","1.00","USD","A3"

            """)
        // 23:15 PST on 1 January is 07:15 UTC on 2 January; 23:30 PDT on 4 July is 06:30 UTC on 5 July.
        #expect(out.payments.map { $0.createdOn(in: .utc).description } == ["2018-01-02", "2026-07-05"])
        #expect(out.payments.map(\.amount) == [156000, 476438])
        #expect(out.rejected.first?.column == "Time Zone")
        #expect(out.rejected.first?.reason == "unknown time zone abbreviation 'XST'")
    }

    @Test func windows1252AndByteOrderMark() throws {
        let harness = FormatHarness(
            yaml: """
                kind: orders
                encoding: auto
                columns:
                  order_id: Name
                  placed_at: Created
                  currency: Currency
                  total: Total
                  customer: Customer
                  cancel_approved_at: Cancelled
                """)
        // "José Müller" in Windows-1252: é = 0xE9, ü = 0xFC. (Customers are kept for orders with a case.)
        var bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("Name,Created,Currency,Total,Customer,Cancelled\n#1,2026-01-01,USD,1.00,Jos".utf8)
        bytes +=
            [0xE9] + Array(" M".utf8) + [0xFC] + Array("ller,2026-01-02\n#2,2026-01-01,USD,1.00,Zoë,2026-01-02\n".utf8)
        let out = try harness.read(bytes)
        #expect(out.orders.map(\.customer) == ["José Müller", "Zoë"])
    }

    @Test func linesBeforeTheHeaderAreSkippedAndCounted() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                skip_lines: 2
                columns: {payment_id: Id, type: {value: refund}, created_at: Date, amount: Amount, currency: {value: USD}}
                """)
        let out = try harness.read(
            "Statement for card ending 4242\nPeriod: May 2026\nId,Date,Amount\nS1,2026-05-02,7.00\n")
        #expect(out.paymentIds == ["S1"] && out.payments[0].source.line == 4)
        // Read 3 = used 1 + skipped 2 (the header itself is not a row).
        #expect(out.stats.skipped == ["line before the header": 2] && out.stats.rowsRead == 3 && out.stats.used == 1)
    }

    @Test func groupedLineItemsBecomeOneOrder() throws {
        let harness = FormatHarness(
            yaml: """
                kind: orders
                group_by: Name
                date_format: "YYYY-MM-DD HH:mm:ss Z"
                columns:
                  order_id: Name
                  placed_at: Created at
                  currency: Currency
                  total: Total
                  cancel_approved_at: Cancelled at
                """)
        let out = try harness.read(
            """
            Name,Created at,Currency,Total,Lineitem name,Cancelled at
            #1001,2025-12-06 10:37:33 -0500,USD,40.98,Mug,2025-12-06 11:39:58 +0000
            #1001,2025-12-06 10:37:33 -0500,,,Lamp,
            #1001,2025-12-06 10:37:33 -0500,,,Case,
            #1002,2025-12-07 19:08:25 +0000,USD,12.00,Tote,

            """)
        #expect(out.orderIds == ["#1001", "#1002"])
        #expect(out.orders[0].total == 4098 && out.orders[0].cancelApprovedOn?.description == "2025-12-06")
        #expect(out.stats.rowsRead == 4 && out.stats.used == 2)
        #expect(out.stats.skipped == ["line item grouped with the row above": 2])
    }

    @Test func oneRowCanYieldAChargeAndItsRefund() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                skip_when:
                  - {column: id, empty: true, reason: "no charge"}
                records:
                  - columns:
                      payment_id: id
                      type: {value: charge}
                      created_at: ["Created date (UTC)", "Created (UTC)"]
                      amount: Amount
                      currency: Currency
                      status: {from: Status, map: {paid: succeeded, refunded: succeeded, failed: failed, "*": skip}}
                  - when: {column: Amount Refunded, not_in: ["", "0.00"]}
                    columns:
                      payment_id: {template: "{id}-refund"}
                      type: {value: refund}
                      created_at: ["Refunded date (UTC)"]
                      amount: Amount Refunded
                      currency: Currency
                      original_payment_id: id
                """)
        let out = try harness.read(
            """
            id,Created (UTC),Amount,Amount Refunded,Currency,Refunded date (UTC),Status
            ch_1,2026-05-01 10:00:00,9.99,9.99,usd,2026-05-03 12:00:00,Refunded
            ch_2,2026-05-01 11:00,119.88,0.00,usd,,Paid
            ,2026-05-01 12:00:00,5.00,0.00,usd,,requires_payment_method
            ch_3,2026-05-02 10:00:00,5.00,0.00,usd,,Disputed

            """)
        #expect(out.paymentIds == ["ch_1", "ch_1-refund", "ch_2"])
        #expect(
            out.payments[1].originalPaymentId(in: out.payments, texts: out.texts) == "ch_1"
                && out.payments[1].type == .refund)
        #expect(out.stats.used == 2 && out.stats.skipped == ["no charge": 1, "Status 'Disputed'": 1])
    }

    @Test func aConditionalRecordWhoseColumnsAreMissingRejectsOnlyItsRows() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                records:
                  - columns: {payment_id: id, type: {value: charge}, created_at: Created (UTC), amount: Amount, currency: Currency}
                  - when: {column: Amount Refunded, not_in: ["", "0.00"]}
                    columns:
                      payment_id: {template: "{id}-refund"}
                      type: {value: refund}
                      created_at: Refunded date (UTC)
                      amount: Amount Refunded
                      currency: Currency
                """)
        let out = try harness.read(
            "id,Created (UTC),Amount,Amount Refunded,Currency\nch_1,2026-05-01,5.00,0.00,usd\nch_2,2026-05-01,5.00,5.00,usd\n"
        )
        #expect(out.paymentIds == ["ch_1"])
        #expect(
            out.rejected.first?.reason
                == "format 'test-format' needs Refunded date (UTC) for this row, and the file has no such column")
    }

    @Test func headerThatDoesNotFitNamesTheFormatAndEveryMissingColumn() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                columns: {payment_id: id, type: {value: charge}, created_at: ["Created date (UTC)", "Created (UTC)"], amount: Amount, currency: Currency}
                """)
        #expect {
            _ = try harness.read("id,Created,Total,Currency\n")
        } throws: { error in
            guard case ReconError.headerSplit(let mismatch, .comma, nil) = error,
                case .formatMismatch("test-format", "test-format.yml", _, let missing) = mismatch
            else { return false }
            return missing == ["Amount", "Created date (UTC) | Created (UTC)"] && (error as! ReconError).exitCode == 1
        }
    }

    @Test func missingParameterIsAConfigurationError() throws {
        let harness = FormatHarness(
            yaml: """
                kind: payments
                columns: {payment_id: id, type: {value: charge}, created_at: Date, amount: Amount, currency: {template: "{$currency}"}}
                """)
        #expect {
            _ = try harness.read("id,Date,Amount\n1,2026-01-01,1.00\n")
        } throws: { error in
            guard case ReconError.configuration("command line", "params.currency", let reason) = error else {
                return false
            }
            return reason.hasPrefix("format 'test-format' needs this parameter for ")
                && reason.contains("input.csv (a pipeline source's params: {")
        }
    }

    @Test(arguments: [
        ("kind: payments\ncolumns: {payment_id: id}\n", "columns"),
        ("kind: refunds\ncolumns: {}\n", "kind"),
        ("kind: payments\nencoding: latin9\ncolumns: {}\n", "encoding"),
        ("kind: payments\ndate_format: HH:mm\ncolumns: {}\n", "date_format"),
        ("kind: payments\ncolumns: {payment_id: {from: id, value: x}}\n", "columns.payment_id"),
        ("kind: payments\ncolumns: {paymentid: id}\n", "columns.paymentid"),
        ("kind: payments\nskip_when: [{column: id, empty: true}]\ncolumns: {}\n", "skip_when[0].reason"),
        ("kind: payments\nfancy: yes\ncolumns: {}\n", "fancy"),
    ])
    func badDefinitionsAreConfigurationErrors(yaml: String, key: String) {
        #expect {
            _ = try FormatLoader.parse(yaml, path: "f.yml")
        } throws: { error in
            guard case ReconError.configuration("f.yml", let named, _) = error else { return false }
            return named == key
        }
    }

    @Test func numberStylesAndDateLayouts() {
        let us = NumberStyle(decimalMark: ".", thousandsSeparator: ",")
        #expect(
            us.canonical("1,560.00") == "1560.00" && us.canonical("-4,764.38") == "-4764.38"
                && us.canonical("12") == "12")
        #expect(us.canonical("12,50") == nil && us.canonical("1,23,456.00") == nil)
        let de = NumberStyle(decimalMark: ",", thousandsSeparator: ".")
        #expect(de.canonical("1.234,50") == "1234.50" && de.canonical("1,5") == "1.5" && de.canonical("12.50") == nil)
        let fr = NumberStyle(decimalMark: ",", thousandsSeparator: " ")
        #expect(fr.canonical("1 234,50") == "1234.50")
        #expect(DateLayout("M/D/YYYY")?.iso("1/9/2018") == "2018-01-09")
        #expect(DateLayout("DD/MM/YYYY HH:mm")?.iso("09/01/2018 07:05") == "2018-01-09T07:05:00")
        #expect(DateLayout("YYYY-MM-DD HH:mm:ss Z")?.iso("2025-12-06 10:37:33 -0500") == "2025-12-06T10:37:33-0500")
        #expect(DateLayout("DD.MM.YYYY")?.iso("2018-01-09") == nil && DateLayout("HH:mm") == nil)
        #expect(TimeZoneAbbreviations.offset(for: "pdt") == "-07:00" && TimeZoneAbbreviations.offset(for: "IST") == nil)
    }
}
