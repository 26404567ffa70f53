import Foundation
import Synchronization

/// Writes a run's outputs into one folder: four gzipped CSVs, the workbook and the manifest,
/// all or nothing.
package struct ReportWriter: Sendable {
    package var gzipLevel: Int32 = 6
    /// Adds a link to each order in the workbook.
    package var orderLink: OrderLink?
    /// Leaves customer names, e-mail local parts and rejected rows' text out of every output.
    package var redactPersonalData = false

    package init() {}

    package struct Input {
        package var reconciliation: Reconciliation
        package var rejected: [RejectedRow]
        package var stats: [SourceStats]
        package var orders: [Order]
        package var facts: RunFacts
        /// The previous report to compare with, read from the output folder before it is replaced.
        package var baseline = Baseline.firstRun
        /// The team's follow-up notes, when the pipeline names a file of them, and the ids in it that name
        /// no order.
        package var followUps: FollowUps? = nil
        package var followUpUnknownIds: [String] = []
        package var watchlist = Watchlist()
    }

    /// Writes into `folder`'s staging folder and commits it; returns the summary shown on the Summary sheet
    /// and the terminal. On failure the caller discards the folder.
    package func write(_ input: Input, into folder: OutputFolder, timer: inout StageTimer) throws -> RunSummary {
        do {
            let r = input.reconciliation
            let changes = Changes(
                baseline: input.baseline, exceptions: r.exceptions, cases: r.cases, asOf: input.facts.asOf,
                masksEmails: redactPersonalData)
            var summary = try RunSummary(reconciliation: r)
            summary.changes = changes.counts
            summary.watchTotals = try WatchTotal.totals(of: input.watchlist.rows)
            summary.watchDays = input.watchlist.watchDays
            let tally = try writeTables(
                detailTables(input, firstFlagged: changes.firstFlagged), input: input, summary: summary,
                changes: ChangesSheet.table(changes, followUps: input.followUps, maskingEmails: redactPersonalData),
                into: folder,
                observer: timer.observer)
            timer.record(.reportCSV, seconds: tally.csvSeconds)
            timer.record(.reportXLSX, seconds: tally.xlsxSeconds)
            // The manifest records the timings so far; writing it is the last, short step.
            try writeManifest(input, summary: summary, tally: tally, timings: timer, into: folder)
            try folder.commit()
            return summary
        } catch let error as ReconError {
            throw error
        } catch {
            throw ReconError.cannotWrite(path: folder.target, reason: "\(error)")
        }
    }

    /// A table written both as a gzipped CSV and as a detail sheet of the workbook, which may show it
    /// otherwise (`sheetTable`).
    private struct DetailTable {
        let file: ReportFile
        let sheet: String
        let table: ReportTable
        var sheetTable: ReportTable? = nil

        var shown: ReportTable { sheetTable ?? table }
    }

    /// The detail tables in the order of their sheets (the Watchlist's, last, is shown after the Overdue sheet),
    /// e-mail addresses masked when personal data is left out.
    private func detailTables(_ input: Input, firstFlagged: FirstFlagged) -> [DetailTable] {
        let r = input.reconciliation
        return [
            DetailTable(
                file: .exceptions, sheet: "Exceptions",
                table: ReportTables.exceptions(r.exceptions, firstFlagged: firstFlagged),
                sheetTable: ReportTables.exceptionsSheet(r.exceptions, firstFlagged: firstFlagged)),
            DetailTable(
                file: .cases, sheet: "Cases",
                table: ReportTables.cases(
                    r.cases, firstFlagged: firstFlagged, parties: r.parties, disputeBy: input.watchlist.disputeBy)),
            DetailTable(file: .refunds, sheet: "Refunds", table: ReportTables.refunds(r.refunds)),
            DetailTable(file: .rejected, sheet: "Rejected", table: ReportTables.rejected(shown(input.rejected))),
            DetailTable(
                file: .watchlist, sheet: "Watchlist", table: ReportTables.watchlist(input.watchlist.rows),
                sheetTable: ReportTables.watchlistSheet(input.watchlist.rows)),
        ].map {
            guard redactPersonalData else { return $0 }
            return DetailTable(
                file: $0.file, sheet: $0.sheet, table: $0.table.maskingEmails(),
                sheetTable: $0.sheetTable?.maskingEmails())
        }
    }

    /// Writes the workbook and the gzipped CSVs. The workbook's sheets are made here, on one thread; then two
    /// threads fill them and write the CSVs, largest first, and whichever fills the last sheet closes the
    /// workbook. Returns what the threads did, added up.
    private func writeTables(
        _ tables: [DetailTable], input: Input, summary: RunSummary, changes: ReportTable, into folder: OutputFolder,
        observer: RunObserver?
    ) throws -> ReportTally {
        observer?.stageStarted(Stage.reportXLSX.rawValue)
        observer?.stageStarted(Stage.reportCSV.rawValue)
        let workbookPath = folder.path(.workbook)
        // The Watchlist (the last table) follows the Overdue sheet; then the Changes and the other tables.
        let shown = tables.map { (sheet: $0.sheet, table: $0.shown) }
        let ((writer, sheetParts, workbook), setUpSeconds) = try StageTimer.time {
            try startWorkbook(
                at: workbookPath, staging: folder.staging, input: input, summary: summary,
                details: [shown.last!, (ChangesSheet.title, changes)] + shown.dropLast())
        }
        let csvOrder = tables.indices.sorted { tables[$0].table.rowCount > tables[$1].table.rowCount }
        let jobs: [ReportJob] =
            sheetParts.sorted { $0.cellCount > $1.cellCount }.map(ReportJob.sheet)
            + csvOrder.map(ReportJob.csv)
        let sheetsLeft = Countdown(sheetParts.count)
        let done = try Parallel.map(jobs.count) { j -> ReportJobDone in
            switch jobs[j] {
            case .sheet(let part):
                return try fill(part, with: writer, closing: workbook, at: workbookPath, sheetsLeft: sheetsLeft)
            case .csv(let t):
                let (output, seconds) = try StageTimer.time {
                    try writeCSV(tables[t].table, named: tables[t].file, in: folder)
                }
                return .csv(index: t, output: output, seconds: seconds)
            }
        }
        return ReportTally(setUpSeconds: setUpSeconds, csvCount: tables.count, jobs: done)
    }

    /// Writes the rows of `part`; closes `workbook` when it was the last sheet to fill.
    private func fill(
        _ part: WorkbookWriter.SheetPart, with writer: WorkbookWriter, closing workbook: XlsxWorkbook,
        at path: String, sheetsLeft: Countdown
    ) throws -> ReportJobDone {
        let (links, seconds) = try StageTimer.time { try writer.writeRows(of: part) }
        guard sheetsLeft.countDown() else { return .sheet(links: links, seconds: seconds, workbook: nil) }
        let (output, closing) = try StageTimer.time {
            try workbook.close()
            return try Self.describe(path: path, name: ReportFile.workbook.rawValue)
        }
        return .sheet(links: links, seconds: seconds + closing, workbook: output)
    }

    private func writeManifest(
        _ input: Input, summary: RunSummary, tally: ReportTally, timings: StageTimer,
        into folder: OutputFolder
    ) throws {
        let outputs = tally.csvOutputs.map { $0! } + [tally.workbookOutput!]
        let manifest = Manifest(
            facts: input.facts, inputs: input.stats, outputs: outputs, summary: summary, timings: timings,
            links: orderLink != nil ? tally.links : nil,
            followUpUnknownIds: input.followUps == nil ? nil : input.followUpUnknownIds.count)
        let out = try OutputFile(path: folder.path(.manifest))
        try out.write(try manifest.encoded())
        try out.close()
    }

    /// Makes the workbook with its Summary sheet and the sheets of the Overdue table and of `details`,
    /// ready for their rows.
    private func startWorkbook(
        at path: String, staging: String, input: Input, summary: RunSummary,
        details: [(sheet: String, table: ReportTable)]
    )
        throws -> (WorkbookWriter, [WorkbookWriter.SheetPart], XlsxWorkbook)
    {
        let workbook = try XlsxWorkbook(path: path, temporaryDirectory: staging)
        try workbook.setProperties(
            title: "Refund reconciliation as of \(input.facts.asOf)",
            subject: "recon \(ReconVersion.current), pipeline \(input.facts.pipeline)")
        var writer = WorkbookWriter(workbook: workbook)
        writer.orderLink = orderLink
        writer.printing = PrintSetup(pipeline: input.facts.pipeline, asOf: input.facts.asOf)
        try writer.prepareCellFormats(
            currencies: Self.shownCurrencies(input.reconciliation))
        let overdueTable = ReportTables.overdue(
            input.reconciliation.exceptions, orders: input.orders,
            texts: input.reconciliation.texts, customers: !redactPersonalData,
            parties: input.reconciliation.parties, followUps: input.followUps, disputeBy: input.watchlist.disputeBy)
        let overdue = redactPersonalData ? overdueTable.maskingEmails() : overdueTable
        let sheets = [(title: "Overdue", table: overdue)] + details.map { (title: $0.sheet, table: $0.table) }
        try SummarySheet(
            writer: writer, summary: summary,
            money: try SummaryMoney(cases: input.reconciliation.cases, exceptions: input.reconciliation.exceptions),
            headline: Self.headlineFacts(input.facts), runFacts: Self.runFacts(input.facts), inputs: input.stats,
            sheets: sheets.map {
                ($0.title, $0.table.rowCount, writer.sheetNames(title: $0.title, rowCount: $0.table.rowCount))
            },
            followUpNote: input.followUps?.unknownIdsNote(input.followUpUnknownIds)
        ).write()
        let parts = try sheets.flatMap { try writer.addSheets(for: $0.table, title: $0.title) }
        if let note = ChangesSheet.note(summary.changes) { try ChangesSheet.write(note: note, among: parts) }
        return (writer, parts, workbook)
    }

    /// The currencies of the amounts the workbook shows: all the orders', the refunds' and their original
    /// charges'. (The payments kept after matching also hold the cases' original charges, whose amounts no
    /// sheet shows.)
    static func shownCurrencies(_ r: Reconciliation) -> Set<Currency> {
        var currencies = r.orderCurrencies
        for link in r.links {
            currencies.insert(r.payments[link.refund].currency)
            if case .charge(let c) = link.original { currencies.insert(r.payments[c].currency) }
        }
        return currencies
    }

    /// The run's facts at the top of the Summary sheet.
    private static func headlineFacts(_ facts: RunFacts) -> [(String, Cell)] {
        [("As of", .date(facts.asOf)), ("Pipeline", .text(facts.pipeline))]
    }

    /// The run's facts at the foot of the Summary sheet.
    private static func runFacts(_ facts: RunFacts) -> [(String, Cell)] {
        [
            ("Time zone", .text(facts.zone.identifier)), ("recon version", .text(ReconVersion.current)),
            ("Config digest", .text(facts.configurationDigest)),
        ]
    }

    private func writeCSV(_ table: ReportTable, named name: ReportFile, in folder: OutputFolder) throws
        -> Manifest.Output
    {
        try writeCSV(table, at: folder.path(name), name: name.rawValue)
    }

    private func writeCSV(_ table: ReportTable, at path: String, name: String) throws -> Manifest.Output {
        let out = try OutputFile(path: path)
        let gzip = try GzipWriter(sink: out, level: gzipLevel)
        var writer = CSVWriter(sink: gzip)
        let rows = try writer.write(table: table)
        try gzip.close()
        return Manifest.Output(name: name, bytes: out.bytesWritten, sha256: out.digest(), rows: rows)
    }

    /// Rejected rows as outputs show them: their raw text withheld when personal data is left out.
    private func shown(_ rejected: [RejectedRow]) -> [RejectedRow] {
        guard redactPersonalData else { return rejected }
        return rejected.map { row in
            var copy = row
            copy.raw = PersonalData.withheldRaw
            return copy
        }
    }

    /// Saves the rejected rows of a run stopped for too many rejects as `NAME.rejected.csv.gz` beside the
    /// output folder (never in it: the previous report stays as it was); says where, or why it could not.
    package func saveStoppedRejects(_ rejected: [RejectedRow], beside place: OutputPlace) -> String {
        let path = place.stoppedRejects
        guard !place.protected.contains(path), notARegularFile(path) == nil else {
            return "the rejected rows were not saved: \(path) is not a file recon wrote"
        }
        let partial =
            place.parent + "/." + place.name + ".rejected.csv.gz.tmp-\(getpid())-\(OutputFolder.uniqueSuffix())"
        do {
            _ = try writeCSV(
                ReportTables.rejected(shown(rejected)), at: partial, name: (path as NSString).lastPathComponent)
            guard rename(partial, path) == 0 else { throw ReconError.cannotWrite(path: path, reason: systemError()) }
            return "every rejected row is in \(path)"
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            return "the rejected rows could not be saved: \(error)"
        }
    }

    /// A completed run removes the rejected rows an earlier stopped run saved beside its output: a regular file
    /// of that name that is not one of the run's inputs.
    func removeStoppedRejects(beside place: OutputPlace) {
        let path = place.stoppedRejects
        var st = stat()
        guard !place.protected.contains(path), lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return }
        unlink(path)
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

/// One piece of the report's parallel part.
private enum ReportJob {
    case sheet(WorkbookWriter.SheetPart)
    /// The gzipped CSV of `tables[index]`.
    case csv(Int)
}

/// What one job of the report's parallel part did.
private enum ReportJobDone: Sendable {
    /// A sheet's order links and seconds, with the workbook's closing if this job closed it.
    case sheet(links: LinkCounts, seconds: Double, workbook: Manifest.Output?)
    /// The gzipped CSV of `tables[index]`.
    case csv(index: Int, output: Manifest.Output, seconds: Double)
}

/// The sheets still to fill, counted down by both threads; the one that fills the last closes the workbook.
private final class Countdown: Sendable {
    private let left: Atomic<Int>

    init(_ count: Int) { left = Atomic(count) }

    /// True for the call that reaches zero, which sees everything the other calls' threads did before them.
    func countDown() -> Bool { left.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 }
}

/// The report's parallel part added up, once both threads are done.
private struct ReportTally {
    var csvOutputs: [Manifest.Output?]
    var workbookOutput: Manifest.Output?
    /// The order links of every sheet.
    var links = LinkCounts()
    /// Time spent on each kind of output, added up over both threads.
    var csvSeconds = 0.0
    var xlsxSeconds: Double

    init(setUpSeconds: Double, csvCount: Int, jobs: [ReportJobDone]) {
        csvOutputs = Array(repeating: nil, count: csvCount)
        xlsxSeconds = setUpSeconds
        for job in jobs {
            switch job {
            case .sheet(let sheetLinks, let seconds, let workbook):
                links.add(sheetLinks)
                xlsxSeconds += seconds
                if let workbook { workbookOutput = workbook }
            case .csv(let index, let output, let seconds):
                csvOutputs[index] = output
                csvSeconds += seconds
            }
        }
    }
}
