import Foundation

/// A format definition bound to one file's header: aliases resolved to positions, required columns
/// checked, and each row turned into canonical records.
struct BoundFormat: Sendable {
    let definition: FormatDefinition
    let path: String
    /// `path` numbered in the run's `RunTexts`, for all the rows' `RowSource`s.
    let fileNumber: UInt16
    private let records: [BoundRecord]
    private let skipRules: [(BoundCondition, String)]
    /// The variant of `definition` chosen by the header; nil for a format without variants.
    let variant: String?
    /// Position of the grouping column, when the format groups rows.
    let groupColumn: Int?
    let zoneColumn: (index: Int, name: String)?
    let zoneValues = ZoneColumnValues()
    /// With `group_by: {key: …}`: the columns added up across a group's rows (empty without `sum`); nil
    /// when only consecutive rows are grouped, or none.
    let sumColumns: [(index: Int, name: String)]?
    /// Each `content` id's columns, by position: its id is read as the extra field `header.count + i`.
    let contentColumns: [[Int]]
    /// For the built-in canonical format read as UTF-8 (plain numbers, ISO dates, every column taken as it
    /// stands): the file column of each canonical column, -1 where the file has none. Such a file's rows
    /// become `CanonicalRow`s straight from the reader's bytes, with the values `outcomes(for:)` would give,
    /// without first making a string of every field and a record of them.
    let directColumns: [Int]?

    enum Outcome: Sendable {
        case record(CanonicalRow)
        case skipped(String)
    }

    /// A class, so that going through a record's fields on every row retains one reference per field
    /// rather than copying each field's strings, mapping and templates.
    final class BoundField: Sendable {
        let canonical: String
        /// Position of `canonical` in the kind's columns.
        let position: Int
        let isAmount: Bool
        let isDate: Bool
        let mapping: FormatDefinition.FieldMapping
        let from: (index: Int, name: String)?
        /// Each template's parts with columns resolved; nil entries are columns the file lacks.
        let templates: [[BoundPart]]
        let debit: (index: Int, name: String)?
        let credit: (index: Int, name: String)?
        /// `else`, bound to the same header.
        let fallback: BoundField?

        /// The source column as errors name it: the `from` column found, `Debit/Credit`, or the canonical name.
        var origin: String {
            if let from { return from.name }
            if let debit, let credit { return "\(debit.name)/\(credit.name)" }
            return canonical
        }

        init(
            canonical: String, position: Int, kind: SourceKind, mapping: FormatDefinition.FieldMapping,
            columns: (
                from: (index: Int, name: String)?, debit: (index: Int, name: String)?,
                credit: (index: Int, name: String)?
            ),
            templates: [[BoundPart]], fallback: BoundField?
        ) {
            self.canonical = canonical
            self.position = position
            self.isAmount = kind.amountColumns.contains(canonical)
            self.isDate = kind.dateColumns.contains(canonical)
            self.mapping = mapping
            self.from = columns.from
            self.debit = columns.debit
            self.credit = columns.credit
            self.templates = templates
            self.fallback = fallback
        }
    }

    /// `line` is the row's line number, known only per row.
    enum BoundPart: Sendable {
        case text(String)
        case column(Int?)
        case line
    }

    private struct BoundCondition: Sendable {
        var index: Int?
        var test: FormatDefinition.Condition.Test
        /// Conditions that must hold too (`and:`).
        var and: [BoundCondition] = []

        /// `condition` on the file's columns; a column the file lacks reads as empty.
        init(_ condition: FormatDefinition.Condition, _ columns: HeaderColumns) throws {
            index = try columns.find(condition.column)?.index
            test = condition.test
            and = try condition.and.map { try BoundCondition($0, columns) }
        }

        /// Whether the file has every column the condition and its `and` read.
        var hasItsColumns: Bool { index != nil && and.allSatisfy(\.hasItsColumns) }

        func holds(_ row: SourceRow) -> Bool { holdsOwnTest(row) && and.allSatisfy { $0.holds(row) } }

        private func holdsOwnTest(_ row: SourceRow) -> Bool {
            let value = index.map { row.fields[$0].trimmedOfSpaces } ?? ""
            switch test {
            case .empty: return value.isEmpty
            case .notEmpty: return !value.isEmpty
            case .oneOf(let values): return values.contains(FormatDefinition.matchKey(value))
            case .noneOf(let values): return !values.contains(FormatDefinition.matchKey(value))
            case .negative: return value.hasPrefix("-")
            case .positive: return !value.isEmpty && !value.hasPrefix("-")
            case .matches(let pattern): return pattern.matches(value)
            }
        }
    }

    private struct BoundRecord: Sendable {
        var when: BoundCondition?
        var fields: [BoundField]
        /// For a conditional record, the columns the file lacks: rows that need it are rejected.
        var unavailable: [String] = []
    }

    /// Fails naming the file and the columns it lacks, or the parameters the source did not give.
    /// `definition` has no variants: `bind` chooses one and names it in `variant`.
    init(
        definition: FormatDefinition, header: [String], path: String, fileNumber: UInt16, parameters: [String: String],
        origin: String, variant: String? = nil
    ) throws {
        self.definition = definition
        self.variant = variant
        self.path = path
        self.fileNumber = fileNumber
        let columns = HeaderColumns(header: header, path: path)
        let binder = FieldBinder(
            definition: definition, columns: columns, path: path, parameters: parameters,
            origin: origin)
        var missing: [String] = []
        var records: [BoundRecord] = []
        for record in definition.records {
            let (bound, recordMissing) = try binder.bind(record)
            // A record that applies to every row needs its columns; a conditional one only for its rows.
            if bound.when == nil { missing += recordMissing }
            records.append(bound)
        }
        let group = try columns.find(definition.groupBy)
        let zone = try columns.find(definition.zoneColumn)
        for (aliases, found) in [(definition.groupBy, group != nil), (definition.zoneColumn, zone != nil)]
        where !aliases.isEmpty && !found {
            missing.append(aliases.joined(separator: " | "))
        }
        (sumColumns, contentColumns) = try Self.bindSumsAndContent(definition, columns, missing: &missing)
        try Self.checkNothingMissing(missing, definition: definition, path: path)
        self.records = records
        // A rule on a column the file lacks never holds: it cannot be told what the column would say.
        self.skipRules = try definition.skipWhen.compactMap { rule in
            let condition = try BoundCondition(rule.condition, columns)
            return condition.hasItsColumns ? (condition, rule.reason) : nil
        }
        self.groupColumn = group?.index
        self.zoneColumn = zone
        directColumns = Self.plainColumns(
            definition: definition, records: records,
            noRowRules: skipRules.isEmpty && group == nil && zone == nil)
    }

    /// The columns conditional records need that the file lacks, each once: rows those records apply to are
    /// rejected, and a variant is chosen only when there are none.
    var unavailableColumns: [String] {
        var unique: [String] = []
        for column in records.flatMap(\.unavailable) where !unique.contains(column) { unique.append(column) }
        return unique
    }

    /// The `group_by` sum columns and the `content` id columns found in the header; those it lacks are
    /// added to `missing`.
    private static func bindSumsAndContent(
        _ definition: FormatDefinition, _ columns: HeaderColumns, missing: inout [String]
    ) throws -> (sums: [(index: Int, name: String)]?, content: [[Int]]) {
        var sums: [(index: Int, name: String)]?
        if let group = definition.groupAcrossFile {
            sums = []
            for aliases in group.sum {
                if let found = try columns.find(aliases) {
                    sums?.append(found)
                } else {
                    missing.append(aliases.joined(separator: " | "))
                }
            }
        }
        var content: [[Int]] = []
        for list in definition.contentLists {
            var indices: [Int] = []
            for column in list {
                if let found = try columns.find([column]) {
                    indices.append(found.index)
                } else {
                    missing.append(column)
                }
            }
            content.append(indices)
        }
        return (sums, content)
    }

    /// Fails naming the columns a file lacks (each once, in the order found), as a format mismatch when the
    /// format is a file's.
    private static func checkNothingMissing(_ missing: [String], definition: FormatDefinition, path: String) throws {
        guard !missing.isEmpty else { return }
        var unique: [String] = []
        for column in missing where !unique.contains(column) { unique.append(column) }
        guard let file = definition.file else { throw ReconError.missingColumns(path: path, columns: unique) }
        throw ReconError.formatMismatch(format: definition.name, definition: file, path: path, missing: unique)
    }

    /// `directColumns` when the format is the built-in canonical one read as UTF-8 with nothing to change,
    /// else nil. `noRowRules`: no skip rules, grouping or zone column.
    private static func plainColumns(definition: FormatDefinition, records: [BoundRecord], noRowRules: Bool) -> [Int]? {
        let takenAsTheyStand =
            records.count == 1 && records[0].when == nil
            && records[0].fields.allSatisfy {
                $0.mapping.value == nil && $0.mapping.sign == nil && $0.mapping.map.isEmpty && $0.templates.isEmpty
                    && $0.mapping.pattern == nil && $0.fallback == nil && $0.debit == nil
            }
        guard definition.file == nil, definition.encoding == .utf8, definition.numbers == NumberStyle(),
            definition.dateLayout == nil, noRowRules, takenAsTheyStand
        else { return nil }
        var columns = [Int](repeating: -1, count: definition.kind.columns.count)
        for field in records[0].fields { columns[field.position] = field.from?.index ?? -1 }
        return columns
    }

    /// A file's header: where each column name (trimmed, any case) stands.
    private struct HeaderColumns {
        let header: [String]
        let path: String
        private var index: [String: Int] = [:]
        /// Names that head more than one column: a format may not read them.
        private var duplicates: Set<String> = []

        init(header: [String], path: String) {
            self.header = header
            self.path = path
            for (i, name) in header.enumerated() {
                let key = String(name.trimmingSpaces()).lowercased()
                if key.isEmpty { continue }
                if index[key] != nil { duplicates.insert(key) } else { index[key] = i }
            }
        }

        /// The first of `aliases` the header has, its position and name as the file writes it; nil when none.
        func find(_ aliases: [String]) throws -> (index: Int, name: String)? {
            for alias in aliases {
                let key = alias.lowercased()
                if duplicates.contains(key) { throw ReconError.duplicateColumn(path: path, column: key) }
                if let i = index[key] { return (i, String(header[i].trimmingSpaces())) }
            }
            return nil
        }
    }

    /// Binds a format's records to one file: its header and the source's parameters.
    private struct FieldBinder {
        let definition: FormatDefinition
        let columns: HeaderColumns
        let path: String
        let parameters: [String: String]
        let origin: String

        /// The bound record, and the required columns the file lacks for it (aliases joined as the
        /// format gives them). Fields that take the sign of the amount come after it.
        func bind(_ record: FormatDefinition.RecordMapping) throws -> (BoundRecord, missing: [String]) {
            let inOrder = record.columns.sorted {
                ($0.value.signsAmount ? 1 : 0, $0.key) < ($1.value.signsAmount ? 1 : 0, $1.key)
            }
            let fields = try inOrder.map { try bind($0.key, $0.value) }
            let amount = fields.first { $0.canonical == "amount" }
            let missing = fields.filter {
                definition.kind.required.contains($0.canonical) && !isSatisfiable($0, amount: amount)
            }.map { requirement(of: $0.mapping) }
            let when = try record.when.map { try BoundCondition($0, columns) }
            return (BoundRecord(when: when, fields: fields, unavailable: when == nil ? [] : missing), missing)
        }

        private func bind(_ canonical: String, _ mapping: FormatDefinition.FieldMapping) throws -> BoundField {
            let kind = definition.kind
            return BoundField(
                canonical: canonical, position: kind.position(of: canonical)!, kind: kind, mapping: mapping,
                columns: (
                    from: mapping.content.isEmpty ? try columns.find(mapping.from) : contentColumn(mapping.content),
                    debit: try columns.find(mapping.debit),
                    credit: try columns.find(mapping.credit)
                ),
                templates: try mapping.templates.map { try $0.parts.map(bindPart) },
                fallback: try mapping.fallback.map { try bind(canonical, $0) })
        }

        /// What a field needs of the header, as an error names it: aliases joined by `|`, a template's
        /// columns by `+`, debit and credit by `and`, an `else` by `or`.
        private func requirement(of mapping: FormatDefinition.FieldMapping) -> String {
            let own: String
            if !mapping.content.isEmpty {
                own = mapping.content.joined(separator: " + ")
            } else if !mapping.from.isEmpty {
                own = mapping.from.joined(separator: " | ")
            } else if !mapping.debit.isEmpty {
                own = mapping.debit.joined(separator: " | ") + " and " + mapping.credit.joined(separator: " | ")
            } else if mapping.signsAmount {
                own = "amount"
            } else {
                own = mapping.templates.flatMap(\.columns).joined(separator: " + ")
            }
            return mapping.fallback.map { own + " or " + requirement(of: $0) } ?? own
        }

        /// The extra field a `content` id is read from (after the file's own), named by its columns.
        private func contentColumn(_ content: [String]) -> (index: Int, name: String) {
            (columns.header.count + definition.contentLists.firstIndex(of: content)!, content.joined(separator: " + "))
        }

        /// A template part with its column found, or its parameter's value.
        private func bindPart(_ part: FormatDefinition.Template.Part) throws -> BoundPart {
            switch part {
            case .text(let t): return .text(t)
            case .column(let c): return .column(try columns.find([c])?.index)
            case .parameter("line"): return .line
            case .parameter("file"): return .text((path as NSString).lastPathComponent)
            case .parameter(let p):
                guard let value = parameters[p] else {
                    throw ReconError.configuration(
                        file: origin, key: "params.\(p)",
                        reason: "format '\(definition.name)' needs this parameter for \(path) (a pipeline source's "
                            + "params: {\(p): …}, or --payments-params \(p)=… on the command line)")
                }
                return .text(value)
            }
        }

        /// Whether the file can give the field a value: a constant, a column it has, a template whose
        /// columns it has, both debit and credit, the record's `amount` for its sign, or its `else` can.
        private func isSatisfiable(_ field: BoundField, amount: BoundField?) -> Bool {
            let hasEveryColumn = { (parts: [BoundPart]) in
                parts.allSatisfy { if case .column(nil) = $0 { return false } else { return true } }
            }
            let signable = field.mapping.signsAmount && amount.map { isSatisfiable($0, amount: nil) } == true
            return field.mapping.value != nil || field.from != nil || field.templates.contains(where: hasEveryColumn)
                || (field.debit != nil && field.credit != nil) || signable
                || field.fallback.map { isSatisfiable($0, amount: amount) } == true
        }
    }

    /// The canonical records of one row, or why it is skipped; throws when a value cannot be read.
    func outcomes(for row: SourceRow) throws -> [Outcome] {
        if let (_, reason) = skipRules.first(where: { $0.0.holds(row) }) { return [.skipped(reason)] }
        var outcomes: [Outcome] = []
        for record in records {
            if let when = record.when, !when.holds(row) { continue }
            if !record.unavailable.isEmpty {
                throw RowRejection(
                    "",
                    "format '\(definition.name)' needs \(record.unavailable.joined(separator: ", ")) "
                        + "for this row, and the file has no such column")
            }
            outcomes.append(try outcome(of: record, row))
        }
        if outcomes.isEmpty { outcomes.append(.skipped("no record of format '\(definition.name)' applies")) }
        return outcomes
    }

    /// One record of a row: its canonical values, or why a `map` skips the row.
    private func outcome(of record: BoundRecord, _ row: SourceRow) throws -> Outcome {
        var values = [String?](repeating: nil, count: definition.kind.columns.count)
        var origins: [String]? = definition.file == nil ? nil : definition.kind.columns
        let amountPosition = definition.kind.position(of: "amount")
        for field in record.fields {
            let amount = amountPosition.flatMap { values[$0] }
            let reading = try self.reading(field, in: row, amount: amount)
            origins?[field.position] = reading.origin
            guard let text = reading.text else {
                return .skipped("\(reading.origin) '\(rawValue(of: reading.field, in: row))'")
            }
            if !text.isEmpty { values[field.position] = text }
        }
        return .record(
            CanonicalRow(
                source: RowSource(fileNumber: fileNumber, line: row.line), kind: definition.kind,
                values: values, origins: origins))
    }

    private func rawValue(of field: BoundField, in row: SourceRow) -> String {
        field.from.map { row.fields[$0.index].trimmedOfSpaces } ?? ""
    }
}
