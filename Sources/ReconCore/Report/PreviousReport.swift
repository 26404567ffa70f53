import Foundation

/// The key of an exception across runs: its flag, order and payment, as the CSV writes them.
struct ExceptionKey: Hashable, Sendable {
    var flag: String
    var orderId: String
    var paymentId: String
}

/// The key of a case across runs: its order and kind, as the CSV writes them.
struct CaseKey: Hashable, Sendable {
    var orderId: String
    var kind: String
}

/// An exception or case as changes see it, in the previous report or in this run: its flag (or the case's
/// state), its order and payment, the money it shows (a case's outstanding amount) and since when it has
/// been flagged.
struct FlaggedRow: Sendable {
    var label: String
    var orderId: String
    var paymentId: String
    var currency: Currency
    var amount: Int64
    var firstFlaggedOn: CivilDate
}

/// The report a run is about to replace, read from the output folder before the swap: its as-of date and
/// its exceptions and cases by key.
package struct PreviousReport: Sendable {
    var asOf: CivilDate
    var exceptions: [ExceptionKey: FlaggedRow]
    var cases: [CaseKey: FlaggedRow]
}

/// What a run compares its exceptions and cases with.
package enum Baseline: Sendable {
    case previous(PreviousReport)
    /// Nothing to compare with, and why; `damaged` when a previous report was there but could not be read
    /// (said as a warning).
    case nothing(reason: String, damaged: Bool)

    /// A run into a new folder.
    package static let firstRun = Baseline.nothing(reason: firstRunReason, damaged: false)
    static let firstRunReason = "no previous report in the output folder"

    /// The report in `folder` when it is a report of `pipeline` as of `asOf` or earlier; otherwise nothing,
    /// with the reason. Never throws: a report that cannot be read is a first run with a warning.
    package static func read(folder: String, pipeline: String, asOf: CivilDate) -> Baseline {
        let manifestPath = folder + "/" + ReportFile.manifest.rawValue
        // A symbolic link in the output's place is replaced, never followed: only a folder holds a report.
        var st = stat()
        guard lstat(folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR,
            FileManager.default.fileExists(atPath: manifestPath)
        else { return firstRun }
        do {
            let (previousPipeline, previousAsOf) = try PreviousReportReader.manifest(at: manifestPath)
            guard previousPipeline == pipeline else {
                return .nothing(
                    reason: "the report in the output folder is of another pipeline ('\(previousPipeline)')",
                    damaged: false)
            }
            guard previousAsOf <= asOf else {
                return .nothing(
                    reason: "the report in the output folder is as of \(previousAsOf), after this run's as-of",
                    damaged: false)
            }
            let reader = PreviousReportReader(asOf: previousAsOf)
            return .previous(
                PreviousReport(
                    asOf: previousAsOf,
                    exceptions: try reader.exceptions(at: folder + "/" + ReportFile.exceptions.rawValue),
                    cases: try reader.cases(at: folder + "/" + ReportFile.cases.rawValue)))
        } catch {
            return .nothing(reason: "the previous report could not be read: \(error)", damaged: true)
        }
    }
}

/// Reads the parts of a previous report that changes need. Columns are found by their header, so a report
/// written before `first_flagged_on` existed is read too: its rows count as first flagged on its as-of.
struct PreviousReportReader {
    /// The previous report's as-of date.
    let asOf: CivilDate

    /// A previous report's file that is not as recon writes it.
    struct Damaged: Error, CustomStringConvertible {
        let path: String
        let line: Int
        let reason: String
        var description: String { "\((path as NSString).lastPathComponent) line \(line): \(reason)" }
    }

    /// The pipeline name and as-of date in the manifest at `path`.
    static func manifest(at path: String) throws -> (pipeline: String, asOf: CivilDate) {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let pipeline = object["pipeline"] as? String, let asOfText = object["as_of"] as? String,
            let asOf = CivilDate(iso: asOfText)
        else { throw Damaged(path: path, line: 1, reason: "not a manifest with a pipeline and an as-of date") }
        return (pipeline, asOf)
    }

    func exceptions(at path: String) throws -> [ExceptionKey: FlaggedRow] {
        var rows: [ExceptionKey: FlaggedRow] = [:]
        try read(path, columns: ["flag", "order_id", "payment_id", "currency", "amount"]) { fields, line in
            let row = try previousRow(
                label: fields[0], orderId: fields[1], paymentId: fields[2], currency: fields[3], amount: fields[4],
                firstFlagged: fields[5], path: path, line: line)
            let key = ExceptionKey(flag: fields[0], orderId: fields[1], paymentId: fields[2])
            if rows[key] == nil { rows[key] = row }
        }
        return rows
    }

    func cases(at path: String) throws -> [CaseKey: FlaggedRow] {
        var rows: [CaseKey: FlaggedRow] = [:]
        try read(path, columns: ["order_id", "kind", "state", "currency", "outstanding"]) { fields, line in
            let row = try previousRow(
                label: fields[2], orderId: fields[0], paymentId: "", currency: fields[3], amount: fields[4],
                firstFlagged: fields[5], path: path, line: line)
            let key = CaseKey(orderId: fields[0], kind: fields[1])
            if rows[key] == nil { rows[key] = row }
        }
        return rows
    }

    /// A row from its fields as the CSV writes them; an unknown currency, an amount or a date that recon
    /// would not have written makes the file damaged.
    private func previousRow(
        label: String, orderId: String, paymentId: String, currency code: String, amount: String,
        firstFlagged: String, path: String, line: Int
    ) throws -> FlaggedRow {
        guard let currency = Currency(code: code) else {
            throw Damaged(path: path, line: line, reason: "unknown currency '\(code)'")
        }
        guard case .success(let minorUnits) = MoneyParser.parse(amount, currency: currency) else {
            throw Damaged(path: path, line: line, reason: "'\(amount)' is not an amount")
        }
        // Empty in a report written before the column existed.
        let first = firstFlagged.isEmpty ? asOf : CivilDate(iso: firstFlagged)
        guard let first else { throw Damaged(path: path, line: line, reason: "'\(firstFlagged)' is not a date") }
        return FlaggedRow(
            label: label, orderId: orderId, paymentId: paymentId, currency: currency, amount: minorUnits,
            firstFlaggedOn: first)
    }

    /// Calls `body` with each row's fields in the order of `columns`, then `first_flagged_on` (empty when
    /// the file has no such column), and the row's line.
    private func read(
        _ path: String, columns: [String], body: ([String], Int) throws -> Void
    ) throws {
        let reader = CSVReader(source: try GzipReader(source: try InputFile(path: path), name: path), name: path)
        var record = CSVRecord()
        guard try reader.next(into: &record), record.problem == nil else {
            throw Damaged(path: path, line: 1, reason: "no header")
        }
        let header = (0..<record.fieldCount).map(record.field)
        let positions = try columns.map { name in
            guard let c = header.firstIndex(of: name) else {
                throw Damaged(path: path, line: 1, reason: "no \(name) column")
            }
            return c
        }
        let firstFlagged = header.firstIndex(of: "first_flagged_on")
        while try reader.next(into: &record) {
            if let problem = record.problem {
                throw Damaged(path: path, line: record.line, reason: problem.reason)
            }
            guard record.fieldCount == header.count else {
                throw Damaged(
                    path: path, line: record.line, reason: "\(record.fieldCount) fields, the header has \(header.count)"
                )
            }
            var fields = positions.map { Self.unneutralised(record.field($0)) }
            fields.append(firstFlagged.map { record.field($0) } ?? "")
            try body(fields, record.line)
        }
    }

    /// A text field as the run that wrote it had it: the CSV writer puts `'` before a text a spreadsheet
    /// could run as a formula.
    static func unneutralised(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.utf8.dropFirst().first, CSVWriter.startsFormula(second)
        else { return field }
        return String(field.dropFirst())
    }
}
