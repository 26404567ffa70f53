/// The Summary sheet, the morning's answer on one printed page at 75% or more: money still owed per
/// currency, money flagged for review apart from money that came back late, owed money by age with a
/// chart, the largest overdue amounts (each a link to its row), cases by state, what changed, links to the
/// sheets, the inputs and the run's facts. Amounts show without their code: each row or column names its
/// currency.
struct SummarySheet {
    let writer: WorkbookWriter
    let summary: RunSummary
    let money: SummaryMoney
    /// The facts under the title (as-of, pipeline).
    let headline: [(String, Cell)]
    /// The facts at the foot of the sheet.
    let runFacts: [(String, Cell)]
    let inputs: [SourceStats]
    /// Each sheet's title, its rows and the sheets it takes.
    let sheets: [(title: String, rows: Int, names: [String])]
    /// What the Summary says of the follow-up file (ids that name no order), when there is something to say.
    var followUpNote: String? = nil

    /// The flags whose money is for review, in the order the sheet lists them, and their words there;
    /// nil for the flags of the clock (overdue money is owed, late money came back).
    static func reviewWords(_ flag: Flag) -> String? {
        switch flag {
        case .unmatchedRefund: "No matching order"
        case .ambiguousMatch: "Fits several orders"
        case .methodMismatch: "Other payment method"
        case .currencyMismatch: "Other currency"
        case .overRefund: "More than was paid"
        case .outOfWindow: "Requested too late"
        case .overdue, .late: nil
        }
    }

    static let reviewOrder: [Flag] = [
        .unmatchedRefund, .ambiguousMatch, .methodMismatch, .currencyMismatch, .overRefund, .outOfWindow,
    ]

    /// A case state in words, as the head of its column.
    static func words(_ state: CaseState) -> String {
        switch state {
        case .settled: "Settled on time"
        case .late: "Settled late"
        case .pending: "Pending"
        case .overdue: "Overdue"
        case .refundedPerStore: "Refunded per store"
        case .neverCaptured: "Never captured"
        }
    }

    /// The page the Summary fits at 75%: an upright Letter page's printable width at 100% is the landscape
    /// page's printable height.
    static let pageWidthPixels = PrintSetup.printableHeightPixels * 100 / Double(PrintSetup.smallestPercent)

    func write() throws {
        let sheet = try writer.workbook.addWorksheet("Summary")
        // Headings stay on one line: the Summary's rows keep their height.
        let heading = try writer.workbook.format(bold: true, background: 0xD9E1F2, indent: true)
        var lines = SummaryLines(sheet: sheet, writer: writer, header: heading)
        try lines.title("Refund reconciliation")
        for (label, value) in headline { try lines.fact(label, value) }
        try writeOwed(&lines)
        try writeReview(&lines)
        try writeLate(&lines)
        try writeWatchlist(&lines)
        try writeAging(&lines)
        try writeLargestOverdue(&lines)
        try writeStates(&lines)
        try writeChanges(&lines)
        try writeSheetLinks(&lines)
        lines.fit(labels: runFacts.map(\.0) + (followUpNote == nil ? [] : [Self.followUpLabel]))
        try writeInputs(&lines)
        if let followUpNote { try lines.line([.text(Self.followUpLabel), .text(followUpNote)], spills: true) }
        for (label, value) in runFacts { try lines.fact(label, value) }
        let widths = try lines.finish()
        guard let printing = writer.printing else { return }
        let chartWidth = money.owed.isEmpty ? 0 : Self.chartPixels.width
        try sheet.setUpPrinting(
            printing.forSummary(
                width: max(chartWidth, PrintSetup.pixels(widths: widths)),
                height: Double(lines.heightInLines) * Self.rowPixels))
    }

    static let followUpLabel = "Follow-up notes:"

    /// The chart's size (libxlsxwriter's 480 by 288, less tall), the rows it stands over, and a row's height
    /// (15 points), in pixels.
    static let chartPixels = (width: 480.0, height: 240.0)
    static let chartRows = 12
    static let rowPixels = 20.0

    private func writeOwed(_ lines: inout SummaryLines) throws {
        try lines.heading(["Money still owed", "Not yet due", "Overdue", "Total owed"])
        if money.owed.isEmpty { try lines.line([.text("Nothing owed")]) }
        for owed in money.owed {
            let c = owed.currency
            try lines.line([
                .text(c.code), .amount(owed.notYetDue, c), .amount(owed.overdue, c), .amount(owed.total, c),
            ])
        }
    }

    /// The currencies of the review and late tables: those of any flag but `overdue`, by code.
    private var flaggedCurrencies: [Currency] {
        Set(summary.flagTotals.filter { $0.flag != .overdue }.map(\.currency)).sorted { $0.code < $1.code }
    }

    /// A row per flag raised, its count and its money in a column per currency: as many rows at any size.
    private func writeFlags(_ flags: [Flag], heading: String, words: (Flag) -> String, _ lines: inout SummaryLines)
        throws
    {
        let currencies = flaggedCurrencies
        try lines.heading([heading, "Count"] + currencies.map(\.code))
        let raised = flags.filter { summary.flagCounts[$0, default: 0] > 0 }
        if raised.isEmpty { try lines.line([.text("None")]) }
        for flag in raised {
            let amounts = currencies.map { currency -> Cell in
                guard let total = summary.flagTotals.first(where: { $0.flag == flag && $0.currency == currency })
                else { return .empty }
                return .amount(total.amount, currency)
            }
            try lines.line([.text(words(flag)), .count(summary.flagCounts[flag, default: 0])] + amounts)
        }
    }

    private func writeReview(_ lines: inout SummaryLines) throws {
        try writeFlags(
            Self.reviewOrder, heading: "Flagged for review", words: { Self.reviewWords($0) ?? $0.name }, &lines)
    }

    private func writeLate(_ lines: inout SummaryLines) throws {
        try writeFlags([.late], heading: "Came back late", words: { _ in "After its due date" }, &lines)
    }

    /// The watchlist's deadlines: a row per kind listed, its count and its money in a column per currency.
    private func writeWatchlist(_ lines: inout SummaryLines) throws {
        let totals = summary.watchTotals
        let currencies = Set(totals.map(\.currency)).sorted { $0.code < $1.code }
        try lines.heading(["Closing in \(summary.watchDays) days", "Count"] + currencies.map(\.code))
        if totals.isEmpty { try lines.line([.text("None")]) }
        for kind in WatchKind.allCases {
            let ofKind = totals.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            let amounts = currencies.map { currency -> Cell in
                ofKind.first { $0.currency == currency }.map { .amount($0.amount, currency) } ?? .empty
            }
            try lines.line([.text(kind.words), .count(ofKind.reduce(0) { $0 + $1.count })] + amounts)
        }
    }

    /// Owed money by business days past due, a row per currency, and under it a chart of each currency's
    /// money split by age (bars stacked to 100%, so that currencies of any size compare).
    private func writeAging(_ lines: inout SummaryLines) throws {
        try lines.heading(["Owed, days overdue"] + SummaryMoney.buckets.map(\.label))
        if money.owed.isEmpty { return try lines.line([.text("Nothing owed")]) }
        let first = lines.row + 1
        for owed in money.owed {
            try lines.line([.text(owed.currency.code)] + owed.byAge.map { .amount($0, owed.currency) })
        }
        let chart = try writer.workbook.addPercentStackedBarChart(title: "Owed money by business days overdue")
        for (b, bucket) in SummaryMoney.buckets.enumerated() {
            let column = WorkbookWriter.columnLetter(b + 1)
            try chart.addSeries(
                categories: "=Summary!$A$\(first):$A$\(lines.row)",
                values: "=Summary!$\(column)$\(first):$\(column)$\(lines.row)",
                name: bucket.label)
        }
        try lines.sheet.insert(
            chart, row: lines.row, column: 0, widthScale: Self.chartPixels.width / 480,
            heightScale: Self.chartPixels.height / 288)
        lines.skip(Self.chartRows)
    }
}
