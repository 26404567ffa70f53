/// The refunds converted into their cases' currencies (only when the run has a rate file), by the refund's
/// position among the payments: each one's conversion, what its case owed before it, and what it counts
/// toward the case.
package struct ConvertedRefunds: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var conversion: Conversion
        /// What the case still owed when the refund came, in the case's currency.
        package var owed: Int64
        /// What the refund counts toward its case: all it owed, when the converted amount is within the
        /// tolerance of that; nil when it is not (the refund then counts toward nothing).
        package var credited: Int64?

        /// The converted amount less what the case owed (negative when the refund came short).
        package var difference: Int64 { conversion.amount - owed }
    }

    private var byRefund: [Int32: Entry] = [:]

    package init() {}

    /// The conversion of the refund at `refund` among the payments, if it was converted.
    package subscript(refund: Int) -> Entry? { byRefund[Int32(refund)] }

    /// What the refund at `refund` counts toward its case, when it was converted within the tolerance.
    /// Asked of every counted refund: a run without conversions answers without hashing.
    package func credited(_ refund: Int) -> Int64? {
        byRefund.isEmpty ? nil : byRefund[Int32(refund)]?.credited
    }

    mutating func record(_ entry: Entry, refund: Int) { byRefund[Int32(refund)] = entry }

    /// Moves every entry to its refund's new position among the payments.
    mutating func renumberPayments(_ newPosition: (Int) -> Int) {
        guard !byRefund.isEmpty else { return }
        byRefund = Dictionary(uniqueKeysWithValues: byRefund.map { (Int32(newPosition(Int($0.key))), $0.value) })
    }
}
