import Yams

/// Reading one canonical column's mapping and one condition out of a format file.
extension FormatLoader {
    private static let fieldKeys = [
        "from", "template", "value", "content", "debit", "credit", "pattern", "map", "sign", "else",
    ]

    /// A field is an alias, a list of aliases, or a mapping of one source (`from`, `template`, `value`, or
    /// `debit` with `credit`; none for a `sign` of the record's amount) and what changes it (`pattern`,
    /// `map`, `sign`), with `else` for when it leaves the value empty.
    static func field(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> FormatDefinition.FieldMapping {
        guard let m = node.mapping else { return .init(from: try aliases(node, key, reader)) }
        try reader.keys(m, allowed: fieldKeys, at: key + ".")
        var f = try fieldSource(m, key, reader)
        if let v = m["pattern"] { f.pattern = try capturingPattern(v, key + ".pattern", reader) }
        if let v = m["map"] { f.map = try valueMap(v, key + ".map", reader) }
        if let v = m["sign"] {
            let s = try reader.mapping(v, key + ".sign")
            try reader.keys(s, allowed: ["negative", "positive"], at: key + ".sign.")
            guard let n = s["negative"], let p = s["positive"] else {
                throw reader.fail(key + ".sign", "needs negative and positive")
            }
            f.sign = (try reader.string(n, key + ".sign.negative"), try reader.string(p, key + ".sign.positive"))
        }
        if let v = m["else"] { f.fallback = try field(v, key + ".else", reader) }
        if f.signsAmount, f.pattern != nil {
            throw reader.fail(key + ".pattern", "needs from, template or value to read a value from")
        }
        return f
    }

    /// The source of a field: exactly one of `value`, `from`, `template`, or `debit` with `credit`; none
    /// when the field has a `sign` (of the record's amount).
    private static func fieldSource(_ m: Node.Mapping, _ key: String, _ reader: YAMLKeyReader) throws
        -> FormatDefinition.FieldMapping
    {
        var f = FormatDefinition.FieldMapping()
        if let v = m["value"] { f.value = try reader.string(v, key + ".value") }
        if let v = m["from"] { f.from = try aliases(v, key + ".from", reader) }
        if let v = m["template"] {
            f.templates = try aliases(v, key + ".template", reader).map(FormatDefinition.Template.init)
        }
        if let v = m["content"] { f.content = try contentColumns(v, key + ".content", reader) }
        if let v = m["debit"] { f.debit = try aliases(v, key + ".debit", reader) }
        if let v = m["credit"] { f.credit = try aliases(v, key + ".credit", reader) }
        guard f.debit.isEmpty == f.credit.isEmpty else {
            throw reader.fail(key, "give debit and credit together (the columns of money out and in)")
        }
        if !f.debit.isEmpty, m["pattern"] != nil {
            throw reader.fail(key + ".pattern", "does not apply to debit and credit")
        }
        let sources = [f.value != nil, !f.from.isEmpty, !f.templates.isEmpty, !f.content.isEmpty, !f.debit.isEmpty]
            .filter { $0 }.count
        guard sources == 1 || (sources == 0 && m["sign"] != nil) else {
            throw reader.fail(
                key, "give exactly one of value, from, template, content, debit and credit (or only sign)")
        }
        return f
    }

    /// `content: [COLUMN, …]`: the columns whose values make a content-based id, at least one.
    private static func contentColumns(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> [String] {
        let columns = try reader.sequence(node, key).enumerated().map { try reader.string($1, "\(key)[\($0)]") }
        guard !columns.isEmpty else { throw reader.fail(key, "name at least one column") }
        return columns
    }

    /// A regular expression with at least one capture group: its first is the field's value.
    private static func capturingPattern(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> FieldPattern {
        let pattern = try regularExpression(node, key, reader)
        guard pattern.captureGroups > 0 else {
            throw reader.fail(key, "'\(pattern.source)' has no capture group; put the part to keep in ( )")
        }
        return pattern
    }

    private static func regularExpression(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> FieldPattern {
        let text = try reader.string(node, key)
        do {
            return try FieldPattern(text)
        } catch {
            throw reader.fail(key, "'\(text)' is not a valid regular expression")
        }
    }

    /// `map`: source values, keyed by `FormatDefinition.matchKey`, to canonical ones. Two keys that compare
    /// the same must not map to different values.
    private static func valueMap(_ node: Node, _ key: String, _ reader: YAMLKeyReader) throws -> [String: String] {
        var map: [String: String] = [:]
        var written: [String: String] = [:]
        for (from, to) in try reader.mapping(node, key) {
            let source = try reader.string(from, key)
            let target = try reader.string(to, key)
            let matchKey = FormatDefinition.matchKey(source)
            if let other = written[matchKey], map[matchKey] != target {
                throw reader.fail(
                    key,
                    "'\(other)' and '\(source)' are the same key (case, spaces, - and _ are ignored) "
                        + "but map to different values")
            }
            map[matchKey] = target
            written[matchKey] = source
        }
        return map
    }

    /// A field may read debit and credit only for an amount, and the sign of the amount only where the kind
    /// has an `amount`; the same for each of its `else` mappings.
    static func checkPlacement(
        of mapping: FormatDefinition.FieldMapping, column: String, _ kind: SourceKind, _ key: String,
        _ reader: YAMLKeyReader
    ) throws {
        if !mapping.debit.isEmpty, !kind.amountColumns.contains(column) {
            throw reader.fail(key, "debit and credit give an amount; '\(column)' is not one")
        }
        if mapping.signsAmount, kind.position(of: "amount") == nil || column == "amount" {
            throw reader.fail(key + ".sign", "needs from, template or value (the sign of which value?)")
        }
        if let fallback = mapping.fallback {
            try checkPlacement(of: fallback, column: column, kind, key + ".else", reader)
        }
    }

    static func condition(_ m: Node.Mapping, _ key: String, _ reader: YAMLKeyReader, extraKeys: [String]) throws
        -> FormatDefinition.Condition
    {
        try reader.keys(
            m, allowed: ["column", "empty", "not_empty", "in", "not_in", "sign", "matches", "and"] + extraKeys,
            at: key + ".")
        guard let c = m["column"] else { throw reader.fail(key + ".column", "required") }
        let column = try aliases(c, key + ".column", reader)
        var tests: [FormatDefinition.Condition.Test] = []
        if let v = m["empty"], try reader.string(v, key + ".empty") == "true" { tests.append(.empty) }
        if let v = m["not_empty"], try reader.string(v, key + ".not_empty") == "true" { tests.append(.notEmpty) }
        if let v = m["in"] { tests.append(.oneOf(try aliases(v, key + ".in", reader).map(FormatDefinition.matchKey))) }
        if let v = m["not_in"] {
            tests.append(.noneOf(try aliases(v, key + ".not_in", reader).map(FormatDefinition.matchKey)))
        }
        if let v = m["sign"] {
            switch try reader.string(v, key + ".sign") {
            case "negative": tests.append(.negative)
            case "positive": tests.append(.positive)
            default: throw reader.fail(key + ".sign", "negative or positive")
            }
        }
        if let v = m["matches"] { tests.append(.matches(try regularExpression(v, key + ".matches", reader))) }
        guard tests.count == 1 else {
            throw reader.fail(key, "give exactly one test: empty, not_empty, in, not_in, sign or matches")
        }
        var condition = FormatDefinition.Condition(column: column, test: tests[0])
        if let v = m["and"] {
            condition.and = [
                try self.condition(try reader.mapping(v, key + ".and"), key + ".and", reader, extraKeys: [])
            ]
        }
        return condition
    }
}
