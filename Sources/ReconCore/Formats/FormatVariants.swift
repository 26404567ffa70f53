import Yams

/// Formats with `variants`: reading them, and choosing the one a file's header fits.
extension FormatLoader {
    /// Keys only the top level gives: what the format is, and where its header is (or the names of a file
    /// without one) and what zone its times are in, which are needed before a variant is chosen by the
    /// header. A variant's `delimiter` does not change how the file is split: it is a condition of its fit.
    private static let topLevelOnlyKeys = ["format", "kind", "variants", "skip_lines", "timezone", "header"]

    /// A format with variants: the top level's name, kind, text and number keys, and each variant read as
    /// the top-level keys with the variant's own in their place.
    static func definition(_ root: Node.Mapping, variants node: Node, _ reader: YAMLKeyReader) throws
        -> FormatDefinition
    {
        var family = try emptyDefinition(root, reader)
        try readText(root, reader, into: &family)
        try readDelimiter(root, reader, into: &family)
        try readHeaderNames(root, reader, into: &family)
        try readNumbersAndDates(root, reader, into: &family)
        try readRefundFailureType(root, reader, into: &family)
        var defaults = root
        defaults["variants"] = nil
        let items = try reader.sequence(node, "variants")
        guard !items.isEmpty else { throw reader.fail("variants", "give at least one variant, or leave the key out") }
        for (i, item) in items.enumerated() {
            let variant = try variant(item, key: "variants[\(i)]", defaults: defaults, reader)
            if family.variants.contains(where: { $0.name == variant.name }) {
                throw reader.fail("variants[\(i)].name", "'\(variant.name)' names two variants")
            }
            family.variants.append(variant)
        }
        return family
    }

    private static func variant(_ node: Node, key: String, defaults: Node.Mapping, _ reader: YAMLKeyReader) throws
        -> FormatDefinition.Variant
    {
        let m = try reader.mapping(node, key)
        let allowed = ["name", "requires"] + topLevelKeys.filter { !topLevelOnlyKeys.contains($0) }
        try reader.keys(m, allowed: allowed, at: key + ".")
        guard let nameNode = m["name"] else { throw reader.fail(key + ".name", "required") }
        let name = try reader.string(nameNode, key + ".name")
        let requires = try m["requires"].map { try aliases($0, key + ".requires", reader) } ?? []
        var merged = defaults
        var given: Set<String> = []
        for (keyNode, value) in m {
            guard let formatKey = keyNode.string, formatKey != "name", formatKey != "requires" else { continue }
            // `columns` and `records` say the same thing two ways: the variant's replaces the top level's.
            if formatKey == "columns" || formatKey == "records" { (merged["columns"], merged["records"]) = (nil, nil) }
            merged[formatKey] = value
            given.insert(formatKey)
        }
        do {
            return .init(name: name, requires: requires, definition: try definition(merged, reader))
        } catch ReconError.configuration(let file, let badKey, let reason)
            where given.contains(String(badKey.prefix { $0 != "." && $0 != "[" }))
        {
            throw ReconError.configuration(file: file, key: key + "." + badKey, reason: reason)
        }
    }
}

extension BoundFormat {
    /// Binds `definition` to a file's header; for a format with variants, the first variant whose header
    /// fits (see `lacking`), or an error naming what each variant lacks. `header` decodes the header line in
    /// an encoding (variants may differ in theirs).
    static func bind(
        _ definition: FormatDefinition, header: (TextEncoding) -> [String], delimiter: Delimiter, path: String,
        fileNumber: UInt16, parameters: [String: String], origin: String
    ) throws -> BoundFormat {
        guard !definition.variants.isEmpty else {
            return try BoundFormat(
                definition: definition, header: header(definition.encoding), path: path, fileNumber: fileNumber,
                parameters: parameters, origin: origin)
        }
        var lacks: [String] = []
        for variant in definition.variants {
            let binding = { (variantHeader: [String], parameters: [String: String]) in
                try BoundFormat(
                    definition: variant.definition, header: variantHeader, path: path, fileNumber: fileNumber,
                    parameters: parameters, origin: origin, variant: variant.name)
            }
            let variantHeader = header(variant.definition.encoding)
            let (bound, lacking): (BoundFormat?, [String])
            do {
                (bound, lacking) = try Self.lacking(variant, header: variantHeader, delimiter: delimiter) {
                    try binding($0, parameters)
                }
            } catch ReconError.configuration(let file, let key, let reason) where key.hasPrefix("params.") {
                // A parameter the source does not give matters only for the variant the header fits.
                let placeholders = Dictionary(variant.definition.parameterNames.map { ($0, "") }) { a, _ in a }
                let fitting = try Self.lacking(variant, header: variantHeader, delimiter: delimiter) {
                    try binding($0, parameters.merging(placeholders) { given, _ in given })
                }
                if fitting.0 != nil { throw ReconError.configuration(file: file, key: key, reason: reason) }
                (bound, lacking) = fitting
            }
            if let bound { return bound }
            var unique: [String] = []
            for column in lacking where !unique.contains(column) { unique.append(column) }
            lacks.append("variant '\(variant.name)' lacks \(unique.joined(separator: ", "))")
        }
        throw ReconError.noVariantFits(
            format: definition.name, definition: definition.file ?? "", path: path, lacks: lacks)
    }

    /// A variant fits a header that has every column it `requires` and, for each of its records, every
    /// required canonical column (conditional records included), split at the variant's `delimiter` when
    /// it gives one. The bound format when it fits, else what the header lacks.
    private static func lacking(
        _ variant: FormatDefinition.Variant, header: [String], delimiter: Delimiter,
        _ binding: ([String]) throws -> BoundFormat
    ) throws -> (BoundFormat?, [String]) {
        let names = Set(header.map { String($0.trimmingSpaces()).lowercased() })
        var required = variant.requires.filter { !names.contains(String($0.trimmingSpaces()).lowercased()) }
        if let own = variant.definition.delimiter, own != delimiter { required.append("fields split at \(own.name)") }
        do {
            let bound = try binding(header)
            let lacking = required + bound.unavailableColumns
            return lacking.isEmpty ? (bound, []) : (nil, lacking)
        } catch ReconError.formatMismatch(_, _, _, let missing) {
            return (nil, required + missing)
        }
    }
}
