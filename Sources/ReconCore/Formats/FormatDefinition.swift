/// A declarative mapping from one real export layout onto SPEC's canonical columns, in the spirit of
/// hledger's CSV rules. Loaded from `Pipelines/formats/NAME.yml`; `canonical` is built in.
///
/// Order of evaluation for each row: `skip_when` conditions; then, for each record whose `when` holds,
/// each canonical column from `value`, else `from` (first header alias present), else the first `template`
/// whose columns are all filled, else `debit`/`credit`; then `pattern` (its first capture group), number
/// style (amounts), `sign`, `map`, date layout and zone (dates); when that leaves the value empty, `else`.
/// A `sign` without a source reads the record's `amount` as mapped, so it comes after the other columns.
///
/// A format with `variants` is a family of definitions: each variant is the file's top-level keys with the
/// variant's own keys in their place, and a file is read by the first variant its header fits.
package struct FormatDefinition: Sendable {
    package var name: String
    /// The file it was loaded from; nil for the built-in canonical format.
    package var file: String?
    package var kind: SourceKind
    package var description: String = ""
    package var encoding: TextEncoding = .utf8
    /// Lines before the header (titles, account numbers in bank exports).
    package var skipLines = 0
    /// The byte between fields; nil: detected from the header line.
    package var delimiter: Delimiter?
    /// The columns' names in file order, for a file without a header line (its first line is a row); nil:
    /// the file's first line (after `skipLines`) is its header.
    package var headerNames: [String]?
    package var numbers = NumberStyle()
    /// Nil: timestamps are ISO 8601 already.
    package var dateLayout: DateLayout?
    /// Zone of timestamps without offset, unless the source overrides it.
    package var zone: Zone?
    /// A column holding a zone abbreviation (PST, CEST) for each row's times.
    package var zoneColumn: [String] = []
    /// Consecutive rows (with `groupAcrossFile`, any rows) with the same value here are one record; empty
    /// fields are filled from later rows.
    package var groupBy: [String] = []
    /// Set by the mapping form of `group_by` (`{key: …, sum: […]}`): rows with the same key anywhere in
    /// the file are one record, and these columns are added up across them.
    package var groupAcrossFile: GroupAcrossFile?
    package var skipWhen: [SkipRule] = []
    /// The payments `type` (lower case) of a row that fails the refund its id names; nil: none does.
    package var refundFailureType: String?
    package var records: [RecordMapping] = []
    /// Alternative layouts, tried in order against a file's header; empty for a format with one layout.
    package var variants: [Variant] = []

    /// One layout of a format with variants.
    package struct Variant: Sendable {
        package var name: String
        /// Header names that must all be present for this variant to be chosen.
        package var requires: [String]
        /// The format's top-level keys overridden by the variant's.
        package var definition: FormatDefinition
    }

    /// `group_by: {key: Order ID, sum: [Total Owed]}`: the key is `groupBy`; `sum` names columns (each
    /// by its aliases) whose values are added up across the group's rows.
    package struct GroupAcrossFile: Sendable {
        package var sum: [[String]] = []
    }

    package struct SkipRule: Sendable {
        package var condition: Condition
        package var reason: String
    }

    /// One canonical record made from a row, when `when` holds (always, without one).
    package struct RecordMapping: Sendable {
        package var when: Condition?
        package var columns: [String: FieldMapping]
    }

    /// Where one canonical column's value comes from and how it is changed on the way.
    package struct FieldMapping: Sendable {
        package var value: String?
        /// Header aliases; the first present in the file is used.
        package var from: [String] = []
        /// Alternatives; the first whose referenced columns are all filled is used.
        package var templates: [Template] = []
        /// Columns of money going out and coming in: the amount is minus the one or plus the other.
        package var debit: [String] = []
        package var credit: [String] = []
        /// Keeps what its first capture group takes from the value read; no match leaves the value empty.
        package var pattern: FieldPattern?
        /// Source values (keyed by `matchKey`) to canonical ones; `*` is the default; `skip` skips the row.
        package var map: [String: String] = [:]
        /// Derives the value from the sign of the amount: (negative, positive). Without `from`, `template`
        /// or `value`, of the record's canonical `amount`.
        package var sign: (negative: String, positive: String)?
        /// `else`: the mapping used when this one leaves the value empty (an array of at most one, as a
        /// struct cannot hold itself).
        private var fallbacks: [FieldMapping] = []

        package init(from: [String] = []) { self.from = from }

        package var fallback: FieldMapping? {
            get { fallbacks.first }
            set { fallbacks = newValue.map { [$0] } ?? [] }
        }

        /// `content: [Date, Amount, Description]`: the id made of these columns' values and how many rows
        /// of the same content came before in the file (`2026-01-05 -12.34 AMAZON #1`).
        package var content: [String] = []

        /// Whether the value comes from the sign of the record's amount rather than from a source of its own.
        package var signsAmount: Bool {
            sign != nil && value == nil && from.isEmpty && templates.isEmpty && debit.isEmpty && content.isEmpty
        }
    }

    /// How `map` keys and `in`/`not_in` values are compared: ignoring case, spaces, hyphens and underscores,
    /// so that `Pre-approved payment` and `PREAPPROVED_PAYMENT` are the same.
    package static func matchKey(_ text: some StringProtocol) -> String {
        String(text.lowercased().unicodeScalars.filter { !" \t-_".unicodeScalars.contains($0) })
    }

    /// This format with `layout` (a source's `date_format`) in place of its own date layout and its variants'.
    package func withDateLayout(_ layout: DateLayout?) -> FormatDefinition {
        guard let layout else { return self }
        var copy = self
        copy.dateLayout = layout
        copy.variants = variants.map { variant in
            var changed = variant
            changed.definition.dateLayout = layout
            return changed
        }
        return copy
    }

    /// Every field mapping of the format's records, each followed by its `else` mappings, records in order
    /// and their columns by name (an order that does not depend on the dictionary's).
    private var fieldMappings: [FieldMapping] {
        records.flatMap { record in
            record.columns.sorted { $0.key < $1.key }.flatMap { _, first in
                sequence(first: first, next: \.fallback)
            }
        }
    }

    /// The distinct `content` column lists of the format's fields, in the order first met: each is read
    /// as one extra column after the file's own (`BoundFormat`, `ContentIds`).
    package var contentLists: [[String]] {
        var lists: [[String]] = []
        for mapping in fieldMappings where !mapping.content.isEmpty && !lists.contains(mapping.content) {
            lists.append(mapping.content)
        }
        return lists
    }

    /// The `{$name}` parameters the format's templates name, each once.
    package var parameterNames: Set<String> {
        Set(fieldMappings.flatMap { $0.templates.flatMap(\.parameters) })
    }

    /// `card:{Card Last4}`: text with `{Column}` and `{$param}` (`$line`, `$file` and the source's params).
    package struct Template: Sendable {
        package enum Part: Sendable {
            case text(String)
            case column(String)
            case parameter(String)
        }
        package var parts: [Part]

        package init(_ text: String) {
            var parts: [Part] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
                let name = String(rest[rest.index(after: open)..<close])
                parts.append(name.hasPrefix("$") ? .parameter(String(name.dropFirst())) : .column(name))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { parts.append(.text(String(rest))) }
            self.parts = parts
        }

        var columns: [String] { parts.compactMap { if case .column(let c) = $0 { return c } else { return nil } } }
        var parameters: [String] {
            parts.compactMap { if case .parameter(let p) = $0 { return p } else { return nil } }
        }
    }

    /// A test on one column (by its aliases).
    package struct Condition: Sendable {
        package enum Test: Sendable {
            case empty, notEmpty
            case oneOf([String])
            case noneOf([String])
            case negative, positive
            /// The regular expression occurs in the value (as written, not lower-cased).
            case matches(FieldPattern)
        }
        package var column: [String]
        package var test: Test
        /// `and:`: another condition that must hold too (at most one, which may have its own).
        package var and: [Condition] = []
    }

    /// SPEC's columns read as they are: the format of canonical CSV files.
    package static func canonical(_ kind: SourceKind) -> FormatDefinition {
        var definition = FormatDefinition(name: "canonical", file: nil, kind: kind)
        definition.description = "SPEC's canonical \(kind.rawValue) columns"
        definition.records = [
            RecordMapping(
                when: nil,
                columns: Dictionary(
                    uniqueKeysWithValues: kind.columns.map {
                        ($0, FieldMapping(from: [$0]))
                    }))
        ]
        return definition
    }

    package init(name: String, file: String?, kind: SourceKind) {
        self.name = name
        self.file = file
        self.kind = kind
    }
}
