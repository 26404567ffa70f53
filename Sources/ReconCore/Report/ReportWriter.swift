/// Writes a run's outputs into one folder: four gzipped CSVs, the workbook and the manifest,
/// all or nothing.
public struct ReportWriter {
    public var gzipLevel: Int32 = 6
    public var xlsxLevel: Int32 = 1
    /// Adds a link to each order in the workbook.
    public var orderLink: OrderLink?
    /// Leaves customer names, e-mail local parts and rejected rows' text out of every output.
    public var redactPersonalData = false

    public init() {}

    public struct Input {
        public var reconciliation: Reconciliation
        public var rejected: [RejectedRow]
        public var stats: [SourceStats]
        public var orders: [Order]
        public var facts: RunFacts
    }

    /// Returns the summary shown on the Summary sheet and the terminal.
    public func write(_ input: Input, to target: String, timer: inout StageTimer) throws -> RunSummary {
        let folder = try OutputFolder.prepare(target: target)
        do {
            let summary = RunSummary(reconciliation: input.reconciliation)
            let r = input.reconciliation
            let rejected = redactPersonalData ? input.rejected.map { row in
                var copy = row
                copy.raw = PersonalData.withheldRaw
                return copy
            } : input.rejected
            let tables: [(file: String, sheet: String, table: ReportTable)] = [
                ("exceptions.csv.gz", "Exceptions", ReportTables.exceptions(r.exceptions)),
                ("cases.csv.gz", "Cases", ReportTables.cases(r.cases)),
                ("refunds.csv.gz", "Refunds", ReportTables.refunds(r.refunds)),
                ("rejected.csv.gz", "Rejected", ReportTables.rejected(rejected)),
            ].map { ($0.0, $0.1, redactPersonalData ? $0.2.maskingEmails() : $0.2) }
            // The gzipped CSVs are written on another thread while the workbook is: they share only
            // read-only tables, and each side keeps its own timer.
            let observer = timer.observer
            let (csv, xlsx) = try Parallel.both({
                var timer = StageTimer(observer: observer)
                let outputs = try timer.measure("report_csv") {
                    try tables.map { file, _, table in
                        let out = try OutputFile(path: folder.path(file))
                        let gzip = try GzipWriter(sink: out, level: gzipLevel)
                        var writer = CSVWriter(sink: gzip)
                        let rows = try writer.write(table: table)
                        try gzip.close()
                        return Manifest.Output(name: file, bytes: out.bytesWritten, sha256: out.digest(), rows: rows)
                    }
                }
                return (outputs, timer)
            }, {
                var timer = StageTimer(observer: observer)
                let output = try timer.measure("report_xlsx") {
                    let path = folder.path("reconciliation.xlsx")
                    let workbook = try XlsxWorkbook(path: path, temporaryDirectory: folder.staging)
                    try workbook.setProperties(title: "Refund reconciliation as of \(input.facts.asOf)",
                                               subject: "recon \(ReconVersion.current), pipeline \(input.facts.pipeline)")
                    var writer = WorkbookWriter(workbook: workbook)
                    writer.orderLink = orderLink
                    let overdueTable = ReportTables.overdue(r.exceptions, orders: input.orders,
                                                            customers: !redactPersonalData)
                    let overdue = redactPersonalData ? overdueTable.maskingEmails() : overdueTable
                    let details: [(title: String, table: ReportTable, highlight: WorkbookWriter.Highlight)] =
                        [("Overdue", overdue, .daysOverdue(column: 3))]
                        + tables.map { ($0.sheet, $0.table, $0.sheet == "Cases" ? .caseState(column: 9) : .none) }
                    try SummarySheet(
                        writer: writer, summary: summary,
                        facts: [("As of", .date(input.facts.asOf)), ("Pipeline", .text(input.facts.pipeline)),
                                ("Time zone", .text(input.facts.zone.identifier)), ("recon version", .text(ReconVersion.current)),
                                ("Configuration digest", .text(input.facts.configurationDigest))],
                        inputs: input.stats,
                        sheets: details.map { ($0.title, $0.table.rowCount, writer.sheetNames(title: $0.title, rowCount: $0.table.rowCount)) },
                        overdue: overdue).write()
                    for detail in details { try writer.write(detail.table, title: detail.title, highlight: detail.highlight) }
                    try workbook.close(level: xlsxLevel)
                    return try Self.describe(path: path, name: "reconciliation.xlsx")
                }
                return (output, timer)
            })
            timer.append(csv.1)
            timer.append(xlsx.1)
            let outputs = csv.0 + [xlsx.0]
            // The manifest records the timings so far; writing it is the last, short step.
            let manifest = Manifest(facts: input.facts, inputs: input.stats, outputs: outputs, summary: summary, timings: timer)
            let out = try OutputFile(path: folder.path("manifest.json"))
            try out.write(try manifest.encoded())
            try out.close()
            try folder.commit()
            return summary
        } catch {
            folder.discard()
            if let error = error as? ReconError { throw error }
            throw ReconError.cannotWrite(path: target, reason: "\(error)")
        }
    }

    /// Size and digest of a file written by a library rather than through `OutputFile`.
    static func describe(path: String, name: String) throws -> Manifest.Output {
        let file = try InputFile(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while try file.read(into: buffer) > 0 {}
        return .init(name: name, bytes: file.bytesRead, sha256: file.digest(), rows: nil)
    }
}
