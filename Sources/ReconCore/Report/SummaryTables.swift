/// The Summary's lower tables: the largest overdue amounts, cases by state, links to the sheets, the inputs.
extension SummarySheet {
    /// A row per currency with its largest overdue amounts, largest first, each order id a link to its row
    /// on the Overdue sheet.
    func writeLargestOverdue(_ lines: inout SummaryLines) throws {
        let columns = (0..<SummaryMoney.largestPerCurrency).flatMap { _ in ["Order", "Amount"] }
        try lines.heading(["Largest overdue"] + columns)
        if money.largestOverdue.isEmpty { try lines.line([.text("Nothing overdue")]) }
        let overdueSheets = sheets.first { $0.title == "Overdue" }?.names ?? ["Overdue"]
        let currencies = money.largestOverdue.map(\.currency).reduce(into: [Currency]()) { list, currency in
            if list.last != currency { list.append(currency) }
        }
        for currency in currencies {
            var cells: [Cell] = [.text(currency.code)]
            for large in money.largestOverdue where large.currency == currency {
                let sheet = overdueSheets[min(overdueSheets.count - 1, large.overdueRow / writer.rowsPerSheet)]
                let row = large.overdueRow % writer.rowsPerSheet + 2
                try lines.link("internal:'\(sheet)'!A\(row)", text: large.orderId, column: cells.count)
                cells += [.empty, .amount(large.outstanding, currency)]
            }
            try lines.line(cells)
        }
    }

    /// Cases by state, a column each, every state listed; under the count, the amounts approved in each
    /// currency for the states the clock sets aside (refunded per store, never captured), when there are any.
    func writeStates(_ lines: inout SummaryLines) throws {
        let listed = summary.casesByState.map(\.state)
        let states = listed + SummaryMoney.setAsideStates.filter { !listed.contains($0) }
        try lines.heading(["Cases by state"] + states.map(Self.words), wrapped: true)
        try lines.line(
            [.text("Cases")]
                + states.map { state in
                    .count(summary.casesByState.first { $0.state == state }?.count ?? 0)
                })
        let currencies = Set(money.setAside.map(\.currency)).sorted { $0.code < $1.code }
        for currency in currencies {
            try lines.line(
                [.text("Approved, \(currency.code)")]
                    + states.map { state in
                        guard let entry = money.setAside.first(where: { $0.state == state && $0.currency == currency })
                        else { return .empty }
                        return .amount(entry.expected, currency)
                    })
        }
    }

    /// Links to the sheets with rows, a few to a line; then the empty ones, which are hidden and not printed,
    /// and the sheets a long table continues on.
    func writeSheetLinks(_ lines: inout SummaryLines) throws {
        let shown = sheets.filter { $0.rows > 0 }
        for (i, start) in stride(from: 0, to: shown.count, by: Self.linksPerLine).enumerated() {
            let part = shown[start..<min(shown.count, start + Self.linksPerLine)]
            for (offset, sheet) in part.enumerated() {
                try lines.link("internal:'\(sheet.names[0])'!A1", text: sheet.title, column: offset + 1)
            }
            try lines.line([i == 0 ? .text("Sheets") : .empty])
        }
        let empty = sheets.filter { $0.rows == 0 }.map(\.title)
        if !empty.isEmpty {
            try lines.line(
                [.text("Not printed:"), .text(empty.joined(separator: ", ") + " (empty, so hidden)")], spills: true)
        }
        for sheet in sheets where sheet.names.count > 1 {
            let rest = sheet.names.dropFirst().map { "'\($0)'" }.joined(separator: ", ")
            try lines.line([.text("Continued:"), .text("\(sheet.title) continues on \(rest)")], spills: true)
        }
    }

    /// Sheet links a line holds: as many as the tables above have columns beside their labels.
    static let linksPerLine = 6

    /// Each input's rows (a column of those superseded by a later payments file when there are any), its
    /// latest event, and its file last, wrapped at the room left on the page; a warning line for each stale
    /// input.
    func writeInputs(_ lines: inout SummaryLines) throws {
        let overlapping = inputs.contains { $0.superseded > 0 }
        let headings = Self.inputHeadings(overlapping: overlapping)
        try lines.heading(headings)
        lines.wrap(column: headings.count - 1, for: inputs.map(\.path), within: Self.pageWidthPixels)
        for input in inputs { try lines.line(Self.inputCells(input, overlapping: overlapping), wrapLast: true) }
        // The label holds the first column; the warning runs on over the empty cells to its right.
        for warning in inputs.compactMap(\.freshnessWarning) {
            try lines.line([.text("Warning:"), .text(warning)], spills: true)
        }
    }

    static func inputHeadings(overlapping: Bool) -> [String] {
        ["Input", "Rows read", "Used", "Skipped", "Rejected"] + (overlapping ? ["Superseded"] : [])
            + ["Last event", "File"]
    }

    /// An input's line: its kind, rows read, used, skipped, rejected (and superseded), latest event and path.
    static func inputCells(_ input: SourceStats, overlapping: Bool) -> [Cell] {
        [
            .text(input.kind), .count(input.rowsRead), .count(input.used), .count(input.skippedTotal),
            .count(input.rejected),
        ] + (overlapping ? [.count(input.superseded)] : [])
            + [.optionalDate(input.freshness?.latestEventOn), .text(input.path)]
    }
}
