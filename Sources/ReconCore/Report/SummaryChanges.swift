extension SummarySheet {
    /// How many exceptions and cases are new, unchanged and resolved since the previous report, or why
    /// nothing was compared.
    func writeChanges(_ lines: inout SummaryLines) throws {
        let changes = summary.changes
        guard let previous = changes.previousAsOf else {
            try lines.heading(["Changes"])
            try lines.line(
                [.text("Not compared:"), .text(changes.notCompared ?? "no previous report")], spills: true)
            return
        }
        try lines.heading(["Since \(previous)", "New", "Unchanged", "Resolved"])
        for (label, tally) in [("Exceptions", changes.exceptions), ("Cases", changes.cases)] {
            try lines.line([.text(label), .count(tally.new), .count(tally.unchanged), .count(tally.resolved)])
        }
    }
}
