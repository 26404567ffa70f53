import Testing

@testable import ReconCore

/// `group_by: {key: …, sum: […]}`: rows of one key anywhere in the file are one record, the `sum` columns
/// added up exactly; each case worked out by hand.
@Suite struct GroupSumTests {
    static let amazonOrders = """
        kind: orders
        group_by: {key: Order ID, sum: [Total Owed]}
        date_format: "YYYY-MM-DD"
        columns:
          order_id: Order ID
          placed_at: Order Date
          currency: Currency
          total: Total Owed
        """

    /// The example: the items of order 114-4672710-6798647 (26.38 and 36.83) are on lines 2 and
    /// 4, with another order between them: one order of 63.21, its line the first row's (2); the other
    /// order stays 10.00 and comes second, its first row being later. Read 3 = used 2 + skipped 1.
    @Test func itemsOfOneOrderAnywhereInTheFileAddUp() throws {
        let out = try FormatHarness(yaml: Self.amazonOrders).read(
            """
            Order ID,Order Date,Currency,Total Owed,Title
            114-4672710-6798647,2026-03-01,USD,26.38,Kettle
            114-0000001-0000001,2026-03-02,USD,10.00,Cable
            114-4672710-6798647,2026-03-01,,36.83,Filter

            """)
        #expect(out.orderIds == ["114-4672710-6798647", "114-0000001-0000001"])
        #expect(out.orders.map(\.total) == [6321, 1000])
        #expect(out.orders.map(\.source.line) == [2, 3])
        #expect(out.stats.rowsRead == 3 && out.stats.used == 2 && out.stats.rejected == 0)
        #expect(out.stats.skipped == [KeyedGrouper.reason: 1])
    }

    /// A decimal comma and a thousands point: 1.234,50 + 0,75 + an empty value = 1.235,25 → 123525 cents.
    /// The empty value adds nothing; the currency, empty on the first row, comes from the second.
    @Test func sumsFollowTheFormatsNumberStyle() throws {
        let yaml = Self.amazonOrders.replacingOccurrences(
            of: "kind: orders", with: "kind: orders\ndecimal_mark: \",\"\nthousands_separator: \".\"")
        let out = try FormatHarness(yaml: yaml).read(
            "Order ID,Order Date,Currency,Total Owed,Title\nA,2026-03-01,,\"1.234,50\",x\nA,2026-03-01,EUR,\"0,75\",y\n"
                + "A,2026-03-01,,,z\n")
        #expect(out.orders.map(\.total) == [123525] && out.orders.map(\.currency.code) == ["EUR"])
        #expect(out.stats.used == 1 && out.stats.skippedTotal == 2)
    }

    /// A value that is not a number rejects the group once, on the bad row's line (4) naming its column;
    /// the group's other row counts as grouped: read 3 = used 1 (order B) + skipped 1 + rejected 1.
    @Test func aValueThatIsNotANumberRejectsTheGroup() throws {
        let out = try FormatHarness(yaml: Self.amazonOrders).read(
            """
            Order ID,Order Date,Currency,Total Owed,Title
            A,2026-03-01,USD,26.38,Kettle
            B,2026-03-02,USD,10.00,Cable
            A,2026-03-01,USD,n/a,Filter

            """)
        #expect(out.orderIds == ["B"])
        #expect(out.rejected.count == 1)
        let reject = try #require(out.rejected.first)
        #expect(reject.line == 4 && reject.column == "Total Owed" && reject.file.hasSuffix("input.csv"))
        #expect(reject.reason.contains("'n/a' is not a number") && reject.reason.contains("group 'A'"))
        #expect(reject.raw == "A,2026-03-01,USD,n/a,Filter")
        #expect(out.stats.rowsRead == out.stats.used + out.stats.skippedTotal + out.stats.rejected)
    }

    /// Rows without a key are records of their own, in their place: the empty-keyed row on line 3 is read
    /// (and rejected: order_id is required), the A rows (lines 2 and 4) are one order of 3.00.
    @Test func rowsWithoutAKeyAreNotGrouped() throws {
        let out = try FormatHarness(yaml: Self.amazonOrders).read(
            "Order ID,Order Date,Currency,Total Owed,Title\nA,2026-03-01,USD,1.00,a\n,2026-03-01,USD,5.00,b\n"
                + "A,2026-03-01,USD,2.00,c\n")
        #expect(out.orders.map(\.total) == [300])
        #expect(out.rejected.map(\.line) == [3] && out.rejected.map(\.column) == ["Order ID"])
    }

    @Test func decimalSumIsExact() throws {
        var sum = DecimalSum()
        try sum.add("26.38")
        try sum.add("36.83")
        #expect(sum.text(decimalMark: ".") == "63.21")
        // 63.21 + 1.5 - 70.015 = -5.305: the finest scale (3) is kept.
        try sum.add("1.5")
        try sum.add("-70.015")
        #expect(sum.text(decimalMark: ",") == "-5,305")
        var whole = DecimalSum()
        try whole.add("+12")
        #expect(whole.text(decimalMark: ".") == "12" && whole.hasValue)
        #expect(throws: DecimalSum.Failure.notANumber) { try whole.add("1e3") }
        #expect(throws: DecimalSum.Failure.notANumber) { try whole.add("-") }
        var large = DecimalSum()
        try large.add("9223372036854775807")
        #expect(throws: DecimalSum.Failure.tooLarge) { try large.add("1") }
    }

    @Test func groupByMappingNeedsAKey() {
        let yaml = Self.amazonOrders.replacingOccurrences(
            of: "{key: Order ID, sum: [Total Owed]}", with: "{sum: [Total Owed]}")
        #expect(throws: ReconError.self) { try FormatLoader.parse(yaml, path: "test-format.yml") }
        let unknown = Self.amazonOrders.replacingOccurrences(of: "sum:", with: "add:")
        #expect(throws: ReconError.self) { try FormatLoader.parse(unknown, path: "test-format.yml") }
    }

    /// A sum column the file lacks is a missing column, as any other.
    @Test func aMissingSumColumnIsAFormatMismatch() throws {
        let yaml = Self.amazonOrders.replacingOccurrences(of: "total: Total Owed", with: "total: Total")
        #expect {
            try FormatHarness(yaml: yaml).read("Order ID,Order Date,Currency,Total\nA,2026-03-01,USD,1\n")
        } throws: { error in
            (error as? ReconError)?.description.contains("Total Owed") == true
        }
    }
}
