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
    /// Position of the grouping column, when the format groups rows.
    let groupColumn: Int?
    /// With `group_by: {key: …}`: the columns added up across a group's rows (empty without `sum`); nil
    /// when only consecutive rows are grouped, or none.
    let sumColumns: [(index: Int, name: String)]?
    /// Each `content` id's columns, by position: its id is read as the extra field `header.count + i`.
    let contentColumns: [[Int]]
    private let zoneColumn: (index: Int, name: String)?
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
    private final class BoundField: Sendable {
        let canonical: String
        /// Position of `canonical` in the kind's columns.
        let position: Int
        let isAmount: Bool
        let isDate: Bool
        let mapping: FormatDefinition.FieldMapping
        let from: (index: Int, name: String)?
        /// Each template's parts with columns resolved; nil entries are columns the file lacks.
        let templates: [[BoundPart]]

        init(
            canonical: String, position: Int, isAmount: Bool, isDate: Bool, mapping: FormatDefinition.FieldMapping,
            from: (index: Int, name: String)?, templates: [[BoundPart]]
        ) {
            self.canonical = canonical
            self.position = position
            self.isAmount = isAmount
            self.isDate = isDate
            self.mapping = mapping
            self.from = from
            self.templates = templates
        }
    }

    /// `line` is the row's line number, known only per row.
    private enum BoundPart: Sendable {
        case text(String)
        case column(Int?)
        case line
    }

    private struct BoundCondition: Sendable {
        var index: Int?
        var test: FormatDefinition.Condition.Test

        func holds(_ row: SourceRow) -> Bool {
            let value = index.map { String(row.fields[$0].trimmingSpaces()).lowercased() } ?? ""
            switch test {
            case .empty: return value.isEmpty
            case .notEmpty: return !value.isEmpty
            case .oneOf(let values): return values.contains(value)
            case .noneOf(let values): return !values.contains(value)
            case .negative: return value.hasPrefix("-")
            case .positive: return !value.isEmpty && !value.hasPrefix("-")
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
    init(
        definition: FormatDefinition, header: [String], path: String, fileNumber: UInt16, parameters: [String: String],
        origin: String
    ) throws {
        self.definition = definition
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
        self.skipRules = try definition.skipWhen.map {
            (BoundCondition(index: try columns.find($0.condition.column)?.index, test: $0.condition.test), $0.reason)
        }
        self.groupColumn = group?.index
        self.zoneColumn = zone
        directColumns = Self.plainColumns(
            definition: definition, records: records,
            noRowRules: skipRules.isEmpty && group == nil && zone == nil)
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
        /// format gives them).
        func bind(_ record: FormatDefinition.RecordMapping) throws -> (BoundRecord, missing: [String]) {
            var missing: [String] = []
            var fields: [BoundField] = []
            for (canonical, mapping) in record.columns.sorted(by: { $0.key < $1.key }) {
                let field = try bind(canonical, mapping)
                if definition.kind.required.contains(canonical) && !isSatisfiable(field) {
                    missing.append(
                        !mapping.from.isEmpty
                            ? mapping.from.joined(separator: " | ")
                            : mapping.templates.flatMap(\.columns).joined(separator: " + "))
                }
                fields.append(field)
            }
            let when = try record.when.map { BoundCondition(index: try columns.find($0.column)?.index, test: $0.test) }
            return (BoundRecord(when: when, fields: fields, unavailable: when == nil ? [] : missing), missing)
        }

        private func bind(_ canonical: String, _ mapping: FormatDefinition.FieldMapping) throws -> BoundField {
            let kind = definition.kind
            return BoundField(
                canonical: canonical, position: kind.position(of: canonical)!,
                isAmount: kind.amountColumns.contains(canonical),
                isDate: kind.dateColumns.contains(canonical), mapping: mapping,
                from: mapping.content.isEmpty ? try columns.find(mapping.from) : contentColumn(mapping.content),
                templates: try mapping.templates.map { try $0.parts.map(bindPart) })
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
                        reason: "format '\(definition.name)' needs this parameter for \(path)")
                }
                return .text(value)
            }
        }

        /// Whether the file can give the field a value: a constant, a column it has, or a template whose
        /// columns it has.
        private func isSatisfiable(_ field: BoundField) -> Bool {
            let hasEveryColumn = { (parts: [BoundPart]) in
                parts.allSatisfy { if case .column(nil) = $0 { return false } else { return true } }
            }
            return field.mapping.value != nil || field.from != nil || field.templates.contains(where: hasEveryColumn)
        }
    }

    /// The canonical records of one row, or why it is skipped; throws when a value cannot be read.
    func outcomes(for row: SourceRow) throws -> [Outcome] {
        if let (_, reason) = skipRules.first(where: { $0.0.holds(row) }) { return [.skipped(reason)] }
        var outcomes: [Outcome] = []
        records: for record in records {
            if let when = record.when, !when.holds(row) { continue }
            if !record.unavailable.isEmpty {
                throw RowRejection(
                    "",
                    "format '\(definition.name)' needs \(record.unavailable.joined(separator: ", ")) "
                        + "for this row, and the file has no such column")
            }
            let width = definition.kind.columns.count
            var values = [String?](repeating: nil, count: width)
            var origins: [String]? = definition.file == nil ? nil : definition.kind.columns
            for field in record.fields {
                let origin = field.from?.name ?? field.canonical
                origins?[field.position] = origin
                switch try value(of: field, origin: origin, in: row) {
                case .some(let text): if !text.isEmpty { values[field.position] = text }
                case .none:
                    outcomes.append(.skipped("\(origin) '\(rawValue(of: field, in: row))'"))
                    continue records
                }
            }
            outcomes.append(
                .record(
                    CanonicalRow(
                        source: RowSource(fileNumber: fileNumber, line: row.line), kind: definition.kind,
                        values: values, origins: origins)))
        }
        if outcomes.isEmpty { outcomes.append(.skipped("no record of format '\(definition.name)' applies")) }
        return outcomes
    }

    private func rawValue(of field: BoundField, in row: SourceRow) -> String {
        field.from.map { row.fields[$0.index].trimmedOfSpaces } ?? ""
    }

    /// The canonical text of one field; nil when a `map` says to skip the row.
    private func value(of field: BoundField, origin: String, in row: SourceRow) throws -> String? {
        var text: String
        if let constant = field.mapping.value {
            text = constant
        } else if let from = field.from {
            text = row.fields[from.index].trimmedOfSpaces
        } else {
            text = render(field.templates, row: row)
        }
        guard !text.isEmpty else { return "" }
        if field.isAmount {
            guard let canonical = definition.numbers.canonical(text) else {
                let thousands = definition.numbers.thousandsSeparator.map { " and thousands separator '\($0)'" } ?? ""
                throw RowRejection(
                    origin,
                    "'\(text)' is not an amount written with decimal mark '\(definition.numbers.decimalMark)'\(thousands)"
                )
            }
            text = canonical
        }
        if let sign = field.mapping.sign { text = text.hasPrefix("-") ? sign.negative : sign.positive }
        if !field.mapping.map.isEmpty, let mapped = field.mapping.map[text.lowercased()] ?? field.mapping.map["*"] {
            if mapped == "skip" { return nil }
            text = mapped
        }
        if field.isDate, let layout = definition.dateLayout {
            guard var iso = layout.iso(text) else {
                throw RowRejection(origin, "'\(text)' does not match the date format '\(layout)'")
            }
            if let zone = zoneColumn, !layout.tokens.contains(.offset) {
                let abbreviation = row.fields[zone.index].trimmedOfSpaces
                if !abbreviation.isEmpty {
                    guard let offset = TimeZoneAbbreviations.offset(for: abbreviation) else {
                        throw RowRejection(zone.name, "unknown time zone abbreviation '\(abbreviation)'")
                    }
                    iso += (iso.count == 10 ? "T00:00:00" : "") + offset
                }
            }
            text = iso
        }
        return text
    }

    /// The first template whose columns are all filled in this row, or "".
    private func render(_ templates: [[BoundPart]], row: SourceRow) -> String {
        alternatives: for parts in templates {
            var out = ""
            for part in parts {
                switch part {
                case .text(let t): out += t
                case .line: out += String(row.line)
                case .column(nil): continue alternatives
                case .column(let i?):
                    let v = row.fields[i].trimmingSpaces()
                    if v.isEmpty { continue alternatives }
                    out += v
                }
            }
            return out
        }
        return ""
    }
}
