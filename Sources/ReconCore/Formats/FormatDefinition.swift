/// A declarative mapping from one real export layout onto SPEC's canonical columns, in the spirit of
/// hledger's CSV rules. Loaded from `Pipelines/formats/NAME.yml`; `canonical` is built in.
///
/// Order of evaluation for each row: `skip_when` conditions; then, for each record whose `when` holds,
/// each canonical column from `value`, else `from` (first header alias present), else the first `template`
/// whose columns are all filled; then number style (amounts), `sign`, `map`, date layout and zone (dates).
public struct FormatDefinition: Sendable {
    public var name: String
    /// The file it was loaded from; nil for the built-in canonical format.
    public var file: String?
    public var kind: SourceKind
    public var description: String = ""
    public var encoding: TextEncoding = .utf8
    /// Lines before the header (titles, account numbers in bank exports).
    public var skipLines = 0
    public var numbers = NumberStyle()
    /// Nil: timestamps are ISO 8601 already.
    public var dateLayout: DateLayout?
    /// Zone of timestamps without offset, unless the source overrides it.
    public var zone: Zone?
    /// A column holding a zone abbreviation (PST, CEST) for each row's times.
    public var zoneColumn: [String] = []
    /// Consecutive rows with the same value here are one record; empty fields are filled from later rows.
    public var groupBy: [String] = []
    public var skipWhen: [SkipRule] = []
    public var records: [RecordMapping] = []

    public struct SkipRule: Sendable {
        public var condition: Condition
        public var reason: String
    }

    /// One canonical record made from a row, when `when` holds (always, without one).
    public struct RecordMapping: Sendable {
        public var when: Condition?
        public var columns: [String: FieldMapping]
    }

    /// Where one canonical column's value comes from and how it is changed on the way.
    public struct FieldMapping: Sendable {
        public var value: String?
        /// Header aliases; the first present in the file is used.
        public var from: [String] = []
        /// Alternatives; the first whose referenced columns are all filled is used.
        public var templates: [Template] = []
        /// Source values (matched case-insensitively) to canonical ones; `*` is the default; `skip` skips the row.
        public var map: [String: String] = [:]
        /// Derives the value from the sign of the amount: (negative, positive).
        public var sign: (negative: String, positive: String)?
    }

    /// `card:{Card Last4}`: text with `{Column}` and `{$param}` (`$line`, `$file` and the source's params).
    public struct Template: Sendable {
        public enum Part: Sendable {
            case text(String)
            case column(String)
            case parameter(String)
        }
        public var parts: [Part]

        public init(_ text: String) {
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
    public struct Condition: Sendable {
        public enum Test: Sendable {
            case empty, notEmpty
            case oneOf([String])
            case noneOf([String])
            case negative, positive
        }
        public var column: [String]
        public var test: Test
    }

    /// SPEC's columns read as they are: the format of canonical CSV files.
    public static func canonical(_ kind: SourceKind) -> FormatDefinition {
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

    public init(name: String, file: String?, kind: SourceKind) {
        self.name = name
        self.file = file
        self.kind = kind
    }
}
