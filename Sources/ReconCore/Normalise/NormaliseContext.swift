/// What normalisers need to know about the run: zones and the `as_of` cut-off. A class, so that each copy
/// (every closure that reads a row's value with it, several a row) retains one reference rather than each
/// part of both zones.
package final class NormaliseContext: Sendable {
    /// Zone for timestamps without an offset in this source.
    package let sourceZone: Zone
    /// Zone in which an event's date is taken.
    package let pipelineZone: Zone
    package let asOf: CivilDate
    /// The payments `type` (lower case) of a row that fails the refund its id names, as the source's format
    /// says (`refund_failure_type`); nil for a format that has none, such as the canonical one.
    let refundFailureType: String?

    package init(sourceZone: Zone, pipelineZone: Zone, asOf: CivilDate, refundFailureType: String? = nil) {
        self.sourceZone = sourceZone
        self.pipelineZone = pipelineZone
        self.asOf = asOf
        self.refundFailureType = refundFailureType
    }

    /// Reads a timestamp column into an instant and its date in the pipeline's zone (a date alone: that
    /// date); nil when it is empty.
    func timestamp(_ row: CanonicalRow, _ column: CanonicalColumn) throws -> (Instant, CivilDate)? {
        try row.withValue(column) { try timestamp($0, column) }
    }

    /// The same for a column that must have a value: an empty one rejects the row.
    func requiredTimestamp(_ row: CanonicalRow, _ column: CanonicalColumn) throws -> (Instant, CivilDate) {
        guard let read = try timestamp(row, column) else { throw RowRejection(column.name, "required value is empty") }
        return read
    }

    private func timestamp(_ utf8: UnsafeBufferPointer<UInt8>, _ column: CanonicalColumn) throws -> (Instant, CivilDate)
    {
        switch TimestampParser.read(utf8: utf8, zone: sourceZone) {
        // A date alone is that date whatever the zones; its instant, which orders payments, is the date's
        // first in the pipeline's zone, so that the payment's day (taken there) is the date written.
        case .success(.date(let date)): return (Instant(startOf: date, in: pipelineZone), date)
        case .success(.instant(let instant)): return (instant, instant.date(in: pipelineZone))
        case .failure(let failure):
            throw RowRejection(column.name, "bad date '\(String(decoding: utf8, as: UTF8.self))': \(failure)")
        }
    }

    func currency(_ row: CanonicalRow, _ column: CanonicalColumn) throws -> Currency {
        let text = try row.required(column)
        guard let currency = Currency(code: text) else {
            throw RowRejection(column.name, "unknown currency code '\(text)' (not in ISO 4217)")
        }
        return currency
    }

    /// Reads an amount column in minor units of `currency`; nil when it is empty.
    func amount(_ row: CanonicalRow, _ column: CanonicalColumn, currency: Currency) throws -> Int64? {
        try row.withValue(column) { try amount($0, column, currency: currency) }
    }

    /// The same for a column that must have a value: an empty one rejects the row.
    func requiredAmount(_ row: CanonicalRow, _ column: CanonicalColumn, currency: Currency) throws -> Int64 {
        guard let amount = try amount(row, column, currency: currency) else {
            throw RowRejection(column.name, "required value is empty")
        }
        return amount
    }

    /// Reads a value's UTF-8, trimmed of spaces and tabs, without making a `String` of it unless it is bad.
    private func amount(_ utf8: UnsafeBufferPointer<UInt8>, _ column: CanonicalColumn, currency: Currency) throws
        -> Int64
    {
        var (start, end) = (0, utf8.count)
        while start < end, utf8[start] == 32 || utf8[start] == 9 { start += 1 }
        while start < end, utf8[end - 1] == 32 || utf8[end - 1] == 9 { end -= 1 }
        switch MoneyParser.parse(utf8: utf8[start..<end], currency: currency) {
        case .success(let value): return value
        case .failure(let failure):
            let text = String(decoding: utf8, as: UTF8.self)
            throw RowRejection(column.name, "bad amount '\(text)' in \(currency): \(failure)")
        }
    }

    /// Free text as shown in outputs: trimmed, card numbers masked, nil when empty.
    func text(_ row: CanonicalRow, _ column: CanonicalColumn) -> String? {
        row.value(column).map(CardMasker.mask)
    }
}
