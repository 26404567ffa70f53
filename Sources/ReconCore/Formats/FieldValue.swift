/// How one bound field makes its canonical text from a row: its source, `pattern`, number style, `sign`,
/// `map`, date layout and zone, and its `else` when that leaves nothing.
extension BoundFormat {
    /// A field's text (nil when a `map` says to skip the row), the source column it came from as errors name
    /// it, and the field, or `else` mapping, that gave it.
    struct FieldReading {
        var text: String?
        var origin: String
        var field: BoundField
    }

    /// `amount`: the record's canonical amount so far, for a `sign` of it.
    func reading(_ field: BoundField, in row: SourceRow, amount: String?) throws -> FieldReading {
        let origin = field.origin
        let text = try value(of: field, origin: origin, in: row, amount: amount)
        if text == "", let fallback = field.fallback { return try reading(fallback, in: row, amount: amount) }
        return FieldReading(text: text, origin: origin, field: field)
    }

    /// The text a field's source gives before any change: its constant, column, template, debit or credit,
    /// or (for a `sign` without a source) the amount.
    private func sourceText(of field: BoundField, origin: String, in row: SourceRow, amount: String?) throws -> String {
        if let constant = field.mapping.value { return constant }
        if let from = field.from { return row.fields[from.index].trimmedOfSpaces }
        if let debit = field.debit, let credit = field.credit {
            return try signedAmount(field, debit: debit, credit: credit, origin: origin, in: row)
        }
        if field.mapping.signsAmount { return amount ?? "" }
        return render(field.templates, row: row)
    }

    /// The canonical text of one field; nil when a `map` says to skip the row.
    private func value(of field: BoundField, origin: String, in row: SourceRow, amount: String?) throws -> String? {
        var text = try sourceText(of: field, origin: origin, in: row, amount: amount)
        if let pattern = field.mapping.pattern { text = pattern.firstCapture(in: text) }
        guard !text.isEmpty else { return "" }
        // An amount column may be read from a text column: its `map` gives canonical amounts, or "" for
        // none, so it applies before the number style (no format maps a column that holds amounts).
        if field.isAmount, let mapped = mapped(text, by: field) { return mapped == "skip" ? nil : mapped }
        // Debit and credit, and the amount a sign is taken from, are canonical numbers already.
        if field.isAmount && field.debit == nil { text = try canonicalAmount(text, origin: origin) }
        if let sign = field.mapping.sign { text = text.hasPrefix("-") ? sign.negative : sign.positive }
        if let mapped = mapped(text, by: field) {
            if mapped == "skip" { return nil }
            text = mapped
        }
        if field.isDate, let layout = definition.dateLayout { text = try isoTimestamp(text, layout, origin, row) }
        return text
    }

    /// What a field's `map` turns `text` into, nil when it has no entry for it (nor `"*"`).
    private func mapped(_ text: String, by field: BoundField) -> String? {
        guard !field.mapping.map.isEmpty else { return nil }
        return field.mapping.map[FormatDefinition.matchKey(text)] ?? field.mapping.map["*"]
    }

    /// An amount in the format's number style as a plain decimal (`-1234.50`).
    private func canonicalAmount(_ text: String, origin: String) throws -> String {
        guard let canonical = definition.numbers.canonical(text) else {
            let thousands = definition.numbers.thousandsSeparator.map { " and thousands separator '\($0)'" } ?? ""
            throw RowRejection(
                origin,
                "'\(text)' is not an amount written with decimal mark '\(definition.numbers.decimalMark)'\(thousands)")
        }
        return canonical
    }

    /// The amount of a row with a debit and a credit column: minus the debit or plus the credit, whichever
    /// holds an amount (a zero on the other side is none); "" when both are empty and `else` may say.
    /// Rejects the row when both hold an amount, or both are empty and there is no `else`.
    private func signedAmount(
        _ field: BoundField, debit: (index: Int, name: String), credit: (index: Int, name: String),
        origin: String, in row: SourceRow
    ) throws -> String {
        let out = row.fields[debit.index].trimmedOfSpaces
        let into = row.fields[credit.index].trimmedOfSpaces
        let outAmount = out.isEmpty ? nil : try canonicalAmount(out, origin: debit.name)
        let inAmount = into.isEmpty ? nil : try canonicalAmount(into, origin: credit.name)
        let magnitude = { (amount: String) in amount.hasPrefix("-") ? String(amount.dropFirst()) : amount }
        let holdsAmount = { (amount: String?) in amount?.contains { $0 >= "1" && $0 <= "9" } == true }
        switch (holdsAmount(outAmount), holdsAmount(inAmount)) {
        case (true, true):
            throw RowRejection(origin, "both \(debit.name) '\(out)' and \(credit.name) '\(into)' hold an amount")
        case (true, false): return "-" + magnitude(outAmount!)
        case (false, true): return magnitude(inAmount!)
        case (false, false):
            if let zero = inAmount ?? outAmount { return magnitude(zero) }
            guard field.fallback != nil else {
                throw RowRejection(origin, "neither \(debit.name) nor \(credit.name) holds an amount")
            }
            return ""
        }
    }

    /// A timestamp in the format's date layout as ISO 8601, with the row's zone abbreviation as its offset.
    private func isoTimestamp(_ text: String, _ layout: DateLayout, _ origin: String, _ row: SourceRow) throws
        -> String
    {
        guard var iso = layout.iso(text) else {
            // ISO 8601 is read whatever the layout: it cannot be taken for another date.
            if Self.isISODate(text) { return text }
            throw RowRejection(origin, "'\(text)' does not match the date format '\(layout)'" + Self.hint(text, layout))
        }
        if let zone = zoneColumn, !layout.tokens.contains(.offset) {
            let abbreviation = row.fields[zone.index].trimmedOfSpaces
            if !abbreviation.isEmpty {
                if iso.count == 10 { iso += "T00:00:00" }
                guard let offset = zoneValues.offset(for: abbreviation, atLocal: iso) else {
                    throw RowRejection(zone.name, "unknown time zone abbreviation '\(abbreviation)'")
                }
                iso += offset
            }
        }
        return iso
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

    /// Whether `text` starts with an ISO 8601 date (`2024-07-25`, `2024-07-25T22:21:25.765Z`).
    private static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        let isDigit = { (i: Int) in bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
        return bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy(isDigit)
    }

    /// What a date that does not fit `layout` fits instead, when it is the same layout with a two-digit year
    /// or with day and month swapped; "" otherwise.
    private static func hint(_ text: String, _ layout: DateLayout) -> String {
        if let short = layout.yearShortened, short.iso(text) != nil {
            return " (it fits '\(short)': give the source date_format: \"\(short)\" if the file writes two-digit years)"
        }
        let swapped = layout.monthAndDaySwapped
        guard swapped.iso(text) != nil else { return "" }
        return " (it fits '\(swapped)': give the source date_format: \"\(swapped)\" if the file writes the day first)"
    }
}
