/// The exceptions recon raises, in the words of the product contract.
public enum Flag: String, Sendable, CaseIterable, Comparable {
    /// Case not settled and `as_of` is past its due date.
    case overdue
    /// Case settled, but after its due date.
    case late
    /// Refund requested later than the order's refund window allows.
    case outOfWindow = "out_of_window"
    /// Refund went to another payment method than the original charge.
    case methodMismatch = "method_mismatch"
    /// Refund in another currency than the original charge.
    case currencyMismatch = "currency_mismatch"
    /// Refunds linked to one original passed its amount.
    case overRefund = "over_refund"
    /// Succeeded refund linked to nothing.
    case unmatchedRefund = "unmatched_refund"
    /// Succeeded refund with several equally good tier-3 candidates.
    case ambiguousMatch = "ambiguous_match"

    public static func < (a: Flag, b: Flag) -> Bool { a.rawValue < b.rawValue }

    /// Every flag, sorted by name.
    static let byName = allCases.sorted()

    /// A set of flags, one bit each.
    typealias Bits = UInt16
    var bit: Bits { 1 << Bits(Self.allCases.firstIndex(of: self)!) }
}
