import Foundation

/// The European Central Bank's euro reference rates, as it publishes them in `eurofxref-hist.csv`: a header
/// `Date,USD,JPY,…` (the ECB's ends in a comma: an empty last column), then one row a day, newest first, each
/// rate the units of the currency one euro buys, `N/A` where the day has none. The euro itself is 1.
package struct ExchangeRates: Sendable {
    /// One currency's published rates, oldest first.
    private struct Series: Sendable {
        var days: [CivilDate] = []
        var rates: [DecimalNumber] = []
    }

    private let series: [Currency: Series]
    /// How many days the file gives.
    package let dayCount: Int

    private static let euro = Currency(code: "EUR")!

    /// Reads the file at `path`. A file that cannot be opened stops the run as other inputs do; one that is
    /// not in the ECB's layout stops it naming the line and column.
    package static func load(path: String) throws -> (rates: ExchangeRates, bytes: [UInt8]) {
        // Checked first: reading a FIFO would wait for a writer, and a folder would read as "permission denied".
        if let problem = notARegularFile(path) { throw ReconError.cannotOpen(path: path, reason: problem) }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ReconError.cannotOpen(path: path, reason: (error as NSError).localizedDescription)
        }
        return (try parse(String(decoding: bytes, as: UTF8.self), path: path), bytes)
    }

    /// Reads the ECB layout from `text`; `path` names the file in errors. Columns of codes recon does not know
    /// (the ECB's file keeps retired ones such as `CYP`) are left out; blank lines are skipped.
    package static func parse(_ text: String, path: String) throws -> ExchangeRates {
        // CRLF is one character, so lines are split at any line break, not at "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.trimmingSpaces()
        }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard let header = lines.first, !header.isEmpty else {
            throw ReconError.unreadable(
                path: path, line: 1, reason: "no header; expected Date,USD,JPY,… (the ECB's layout)")
        }
        let columns = try currencies(inHeader: header, path: path)
        var byCurrency: [Currency: [(day: CivilDate, rate: DecimalNumber)]] = [:]
        var lineOfDay: [CivilDate: Int] = [:]
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let number = index + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            let day = try dayOfRow(fields, columnCount: columns.count, line: number, path: path)
            if let earlier = lineOfDay.updateValue(number, forKey: day) {
                throw ReconError.unreadable(
                    path: path, line: number, reason: "column 'Date': \(day) is given twice (also line \(earlier))")
            }
            for (c, column) in columns.enumerated() {
                guard let currency = column.currency, c < fields.count else { continue }
                if let rate = try rate(fields[c], code: column.code, line: number, path: path) {
                    byCurrency[currency, default: []].append((day, rate))
                }
            }
        }
        return ExchangeRates(byCurrency: byCurrency, dayCount: lineOfDay.count)
    }

    private init(byCurrency: [Currency: [(day: CivilDate, rate: DecimalNumber)]], dayCount: Int) {
        var series: [Currency: Series] = [:]
        for (currency, entries) in byCurrency {
            let sorted = entries.sorted { $0.day < $1.day }
            series[currency] = Series(days: sorted.map(\.day), rates: sorted.map(\.rate))
        }
        self.series = series
        self.dayCount = dayCount
    }

    /// The header's columns, `Date` first: each one's code and currency, nil for `Date`, an empty or an
    /// unknown code.
    private static func currencies(inHeader header: Substring, path: String) throws
        -> [(code: Substring, currency: Currency?)]
    {
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard names[0].lowercased() == "date", names.count > 1 else {
            throw ReconError.unreadable(
                path: path, line: 1, reason: "header '\(header)' does not start with Date,… (the ECB's layout)")
        }
        var seen: Set<Currency> = []
        return try names.enumerated().map { c, name in
            guard c > 0, let currency = Currency(code: name) else { return (name, nil) }
            guard seen.insert(currency).inserted else {
                throw ReconError.unreadable(path: path, line: 1, reason: "header names currency '\(name)' twice")
            }
            return (name, currency)
        }
    }

    /// The row's date; its fields must not outnumber the header's columns (fewer are missing rates).
    private static func dayOfRow(_ fields: [Substring], columnCount: Int, line: Int, path: String) throws -> CivilDate {
        let used = fields.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 0
        guard used <= columnCount else {
            throw ReconError.unreadable(
                path: path, line: line, reason: "has \(used) fields where the header has \(columnCount) columns")
        }
        guard let day = CivilDate(iso: String(fields[0])) else {
            throw ReconError.unreadable(
                path: path, line: line, reason: "column 'Date': '\(fields[0])' is not a YYYY-MM-DD date")
        }
        return day
    }

    /// One rate field: nil for `N/A` or nothing, else a positive decimal.
    private static func rate(_ field: Substring, code: Substring, line: Int, path: String) throws -> DecimalNumber? {
        if field.isEmpty || field.uppercased() == "N/A" { return nil }
        guard let rate = DecimalNumber(parsing: field), rate.units > 0 else {
            throw ReconError.unreadable(
                path: path, line: line,
                reason: "column '\(code)': '\(field)' is not a rate (a positive decimal such as 1.0835, or N/A)")
        }
        return rate
    }

    /// The rate of `currency` per euro on `day`, or on the latest earlier day that gives one, and that day;
    /// the euro is 1 on any day. Nil when the file gives none on or before `day`.
    package func perEuro(_ currency: Currency, on day: CivilDate) -> (rate: DecimalNumber, day: CivilDate)? {
        if currency == Self.euro { return (DecimalNumber(units: 1, scale: 0), day) }
        guard let s = series[currency] else { return nil }
        // The first published day after `day`; the one before it is the latest on or before.
        var (low, high) = (0, s.days.count)
        while low < high {
            let mid = (low + high) / 2
            if s.days[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : (s.rates[low - 1], s.days[low - 1])
    }
}

/// The rate file a run read, as its manifest records it.
public struct RateFileFacts: Sendable, Encodable {
    public var path: String
    public var bytes: Int
    public var sha256: String
    /// How many days the file gives rates for.
    public var days: Int
}
