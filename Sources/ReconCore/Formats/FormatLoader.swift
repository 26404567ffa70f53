import Foundation
import Yams

/// Finds and reads format definitions: `canonical` is built in; a name is looked up as `NAME.yml` in the
/// search folders (the pipeline's `formats/`, then `Pipelines/formats/` under the working folder); a value
/// with a `/` or ending in `.yml` is a path.
package enum FormatLoader {
    package static func load(_ nameOrPath: String, kind: SourceKind, searchFolders: [String], origin: String) throws
        -> FormatDefinition
    {
        if nameOrPath == "canonical" { return .canonical(kind) }
        let path: String
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yml") || nameOrPath.hasSuffix(".yaml") {
            path = nameOrPath
        } else {
            let candidates = searchFolders.map { ($0 as NSString).appendingPathComponent(nameOrPath + ".yml") }
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                let known = Set(["canonical"] + searchFolders.flatMap(names(in:))).sorted()
                throw ReconError.configuration(
                    file: origin, key: "\(kind.rawValue) format",
                    reason: "unknown format '\(nameOrPath)' (known: \(known.joined(separator: ", "))): no "
                        + "\(nameOrPath).yml in \(searchFolders.joined(separator: " or ")); give the format file's "
                        + "path, or run recon in the folder whose Pipelines/formats holds it")
            }
            path = found
        }
        let definition = try parse(file: path)
        guard definition.kind == kind else {
            throw ReconError.configuration(
                file: path, key: "kind",
                reason: "format '\(definition.name)' reads \(definition.kind.rawValue), not \(kind.rawValue)")
        }
        return definition
    }

    /// Format names in a folder (its `*.yml` files).
    package static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }
    }

    package static func parse(file path: String) throws -> FormatDefinition {
        try parse(try YAMLKeyReader.text(of: path), path: path)
    }

    static let topLevelKeys = [
        "format", "kind", "description", "encoding", "skip_lines", "decimal_mark",
        "thousands_separator", "date_format", "timezone", "timezone_column", "group_by",
        "skip_when", "columns", "records", "variants", "delimiter", "header", "refund_failure_type",
    ]

    /// The keys are read in a fixed order, so that of several bad keys the same one is always named.
    package static func parse(_ text: String, path: String) throws -> FormatDefinition {
        let reader = YAMLKeyReader(file: path)
        let root = try reader.root(of: text)
        try reader.keys(root, allowed: topLevelKeys, at: "")
        if let variants = root["variants"] { return try definition(root, variants: variants, reader) }
        return try definition(root, reader)
    }

    /// The definition a mapping of format keys gives: the file's top level, or a variant's keys over it.
    static func definition(_ root: Node.Mapping, _ reader: YAMLKeyReader) throws -> FormatDefinition {
        var definition = try emptyDefinition(root, reader)
        try readText(root, reader, into: &definition)
        try readDelimiter(root, reader, into: &definition)
        try readHeaderNames(root, reader, into: &definition)
        try readNumbersAndDates(root, reader, into: &definition)
        try readRowRules(root, reader, into: &definition)
        try readRefundFailureType(root, reader, into: &definition)
        definition.records = try records(root, definition.kind, reader)
        try checkRequiredColumns(of: definition, reader)
        return definition
    }

    /// A definition with the format's name and kind and nothing read yet.
    static func emptyDefinition(_ root: Node.Mapping, _ reader: YAMLKeyReader) throws -> FormatDefinition {
        let kind = try kind(root, reader)
        let name =
            try root["format"].map { try reader.string($0, "format") }
            ?? URL(fileURLWithPath: reader.file).deletingPathExtension().lastPathComponent
        return FormatDefinition(name: name, file: reader.file, kind: kind)
    }

    /// `kind`: required, orders or payments.
    private static func kind(_ root: Node.Mapping, _ reader: YAMLKeyReader) throws -> SourceKind {
        guard let node = root["kind"] else { throw reader.fail("kind", "required: orders or payments") }
        let text = try reader.string(node, "kind")
        guard let kind = SourceKind(rawValue: text) else {
            throw reader.fail("kind", "'\(text)' is not orders or payments")
        }
        return kind
    }

    /// How the file is laid out as text: `description`, `encoding`, `skip_lines`.
    static func readText(_ root: Node.Mapping, _ reader: YAMLKeyReader, into d: inout FormatDefinition) throws {
        if let v = root["description"] { d.description = try reader.string(v, "description") }
        if let v = root["encoding"] {
            let s = try reader.string(v, "encoding").lowercased()
            guard let e = TextEncoding(rawValue: s) else {
                throw reader.fail(
                    "encoding", "'\(s)' is not one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            d.encoding = e
        }
        if let v = root["skip_lines"] { d.skipLines = try reader.int(v, "skip_lines", in: 0...Int.max) }
    }

    /// `delimiter`: `","`, `";"`, `"\t"` (a tab, or the two characters `\t`), `"|"`, or `auto` (the default:
    /// detected from the header line).
    static func readDelimiter(
        _ root: Node.Mapping, _ reader: YAMLKeyReader, into d: inout FormatDefinition
    ) throws {
        guard let v = root["delimiter"] else { return }
        let text = try reader.string(v, "delimiter")
        if text == "auto" { return }
        let byte: UInt8? = text == "\\t" ? 9 : text.utf8.count == 1 ? text.utf8.first : nil
        guard let delimiter = Delimiter.candidates.first(where: { $0.byte == byte }) else {
            throw reader.fail("delimiter", "'\(text)' is not \",\", \";\", \"\\t\" (tab), \"|\" or auto")
        }
        d.delimiter = delimiter
    }

    /// `header`: the column names, in order, of a file that has no header line.
    static func readHeaderNames(
        _ root: Node.Mapping, _ reader: YAMLKeyReader, into d: inout FormatDefinition
    ) throws {
        guard let v = root["header"] else { return }
        let names = try reader.sequence(v, "header").enumerated().map { i, node in
            try reader.string(node, "header[\(i)]").trimmingSpaces().description
        }
        guard !names.isEmpty else { throw reader.fail("header", "list the file's columns, in order") }
        var seen: Set<String> = []
        for (i, name) in names.enumerated() {
            guard !name.isEmpty else { throw reader.fail("header[\(i)]", "a column needs a name") }
            guard seen.insert(name.lowercased()).inserted else {
                throw reader.fail("header[\(i)]", "'\(name)' is named twice")
            }
        }
        d.headerNames = names
    }

    /// How amounts and times are written: `decimal_mark`, `thousands_separator`, `date_format`, `timezone`,
    /// `timezone_column`.
    static func readNumbersAndDates(
        _ root: Node.Mapping, _ reader: YAMLKeyReader,
        into d: inout FormatDefinition
    ) throws {
        if let v = root["decimal_mark"] {
            let s = try reader.string(v, "decimal_mark")
            guard s.count == 1, s != "-" else {
                throw reader.fail("decimal_mark", "must be one character such as . or ,")
            }
            d.numbers.decimalMark = s.first!
        }
        if let v = root["thousands_separator"] {
            let s = try reader.string(v, "thousands_separator")
            guard s.count <= 1, s != String(d.numbers.decimalMark) else {
                throw reader.fail("thousands_separator", "must be one character other than the decimal mark, or empty")
            }
            d.numbers.thousandsSeparator = s.first
        }
        if let v = root["date_format"] {
            let s = try reader.string(v, "date_format")
            guard let layout = DateLayout(s) else {
                throw reader.fail("date_format", "'\(s)' needs YYYY, M or MM, and D or DD")
            }
            d.dateLayout = layout
        }
        if let v = root["timezone"] { d.zone = try reader.zone(v, "timezone") }
        if let v = root["timezone_column"] { d.zoneColumn = try aliases(v, "timezone_column", reader) }
    }

    /// `refund_failure_type`: the payments `type` value (after `map`) of a row that says the refund its
    /// `payment_id` names failed (`RefundFailures`).
    static func readRefundFailureType(
        _ root: Node.Mapping, _ reader: YAMLKeyReader, into d: inout FormatDefinition
    ) throws {
        guard let v = root["refund_failure_type"] else { return }
        guard d.kind == .payments else {
            throw reader.fail("refund_failure_type", "only a payments format has refunds to fail")
        }
        d.refundFailureType = try reader.string(v, "refund_failure_type").lowercased()
    }

    /// Which rows make one record and which are skipped: `group_by`, `skip_when`.
    private static func readRowRules(
        _ root: Node.Mapping, _ reader: YAMLKeyReader,
        into d: inout FormatDefinition
    ) throws {
        if let v = root["group_by"] { try readGroupBy(v, reader, into: &d) }
        if let v = root["skip_when"] {
            d.skipWhen = try reader.sequence(v, "skip_when").enumerated().map { i, item in
                try skipRule(item, key: "skip_when[\(i)]", reader)
            }
        }
    }

    /// `group_by`: a column (its aliases) joining consecutive rows, or `{key: COLUMN, sum: [COLUMN, …]}`
    /// joining rows with the same key anywhere in the file and adding up the `sum` columns.
    private static func readGroupBy(_ node: Node, _ reader: YAMLKeyReader, into d: inout FormatDefinition) throws {
        guard let m = node.mapping else {
            d.groupBy = try aliases(node, "group_by", reader)
            return
        }
        try reader.keys(m, allowed: ["key", "sum"], at: "group_by.")
        guard let key = m["key"] else { throw reader.fail("group_by.key", "required: the column that names a group") }
        d.groupBy = try aliases(key, "group_by.key", reader)
        var group = FormatDefinition.GroupAcrossFile()
        if let sum = m["sum"] {
            group.sum = try reader.sequence(sum, "group_by.sum").enumerated().map { i, item in
                try aliases(item, "group_by.sum[\(i)]", reader)
            }
        }
        d.groupAcrossFile = group
    }

    private static func skipRule(
        _ node: Node, key: String,
        _ reader: YAMLKeyReader
    ) throws -> FormatDefinition.SkipRule {
        let m = try reader.mapping(node, key)
        guard let reason = m["reason"] else {
            throw reader.fail(key + ".reason", "required: why such rows are skipped")
        }
        return .init(
            condition: try condition(m, key, reader, extraKeys: ["reason"]),
            reason: try reader.string(reason, key + ".reason"))
    }

    /// `columns` (one record a row) or `records` (several), exactly one of them.
    private static func records(
        _ root: Node.Mapping, _ kind: SourceKind,
        _ reader: YAMLKeyReader
    ) throws -> [FormatDefinition.RecordMapping] {
        switch (root["columns"], root["records"]) {
        case (let c?, nil):
            return [.init(when: nil, columns: try columns(c, "columns", kind, reader))]
        case (nil, let r?):
            return try reader.sequence(r, "records").enumerated().map { i, item in
                try record(item, key: "records[\(i)]", kind, reader)
            }
        default:
            throw reader.fail("columns", "give either columns (one record per row) or records (several)")
        }
    }

    private static func record(
        _ node: Node, key: String, _ kind: SourceKind,
        _ reader: YAMLKeyReader
    ) throws -> FormatDefinition.RecordMapping {
        let m = try reader.mapping(node, key)
        try reader.keys(m, allowed: ["when", "columns"], at: key + ".")
        guard let c = m["columns"] else { throw reader.fail(key + ".columns", "required") }
        let when = try m["when"].map {
            try condition(try reader.mapping($0, key + ".when"), key + ".when", reader, extraKeys: [])
        }
        return .init(when: when, columns: try columns(c, key + ".columns", kind, reader))
    }

    /// Every record maps every column a file of its kind must have.
    private static func checkRequiredColumns(of d: FormatDefinition, _ reader: YAMLKeyReader) throws {
        for (i, record) in d.records.enumerated() {
            for column in d.kind.required where record.columns[column] == nil {
                throw reader.fail(
                    d.records.count == 1 ? "columns" : "records[\(i)].columns",
                    "no mapping for required column '\(column)'")
            }
        }
    }

    static func aliases(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> [String] {
        if node.scalar != nil { return [try reader.string(node, key)] }
        return try reader.sequence(node, key).enumerated().map { try reader.string($1, "\(key)[\($0)]") }
    }

    private static func columns(_ node: Node, _ key: String, _ kind: SourceKind, _ reader: YAMLKeyReader) throws
        -> [String: FormatDefinition.FieldMapping]
    {
        var result: [String: FormatDefinition.FieldMapping] = [:]
        for (nameNode, value) in try reader.mapping(node, key) {
            let name = try reader.string(nameNode, key)
            let k = key + "." + name
            guard kind.columns.contains(name) else {
                throw reader.fail(
                    k, "not a canonical \(kind.rawValue) column (\(kind.columns.joined(separator: ", ")))")
            }
            let mapping = try field(value, k, reader)
            try checkPlacement(of: mapping, column: name, kind, k, reader)
            result[name] = mapping
        }
        return result
    }
}
