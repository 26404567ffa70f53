/// The exceptions recon raises, in the words of the product contract. Everything recon knows about a flag
/// (its name, what raises it, which side it is raised on) is in `facts`'s one switch, so a new flag
/// does not compile until it is described there; names, `--fail-on` and `fail_on` parsing, `explain`'s
/// rule text and the order/refund split all follow from it.
///
/// Not `RawRepresentable`: its equality would then compare names, where an enum's own compares cases.
public enum Flag: CaseIterable, Sendable, Comparable {
    case overdue
    case late
    case outOfWindow
    case methodMismatch
    case currencyMismatch
    case overRefund
    case unmatchedRefund
    case ambiguousMatch

    /// What a flag is raised on: an order's refund case (its `order_id`), or a refund payment.
    public enum Side: Sendable { case order, refund }

    /// A flag's facts.
    public struct Facts: Sendable {
        /// As outputs, `--fail-on` and `fail_on` write it.
        public let name: String
        public let side: Side
        /// The rule that raises it, as `explain` states it.
        public let rule: String
    }

    public var facts: Facts {
        switch self {
        case .overdue:
            Facts(name: "overdue", side: .order, rule: "the case is not settled and as_of is after its due date")
        case .late:
            Facts(name: "late", side: .order, rule: "the case was settled after its due date")
        case .outOfWindow:
            Facts(
                name: "out_of_window", side: .order,
                rule: "the refund was requested later than the order's window allows")
        case .methodMismatch:
            Facts(
                name: "method_mismatch", side: .refund,
                rule: "the refund went to another method than the original payment")
        case .currencyMismatch:
            Facts(
                name: "currency_mismatch", side: .refund,
                rule: "the refund is in another currency than the original payment")
        case .overRefund:
            Facts(name: "over_refund", side: .refund, rule: "refunds linked to one original passed its amount")
        case .unmatchedRefund:
            Facts(name: "unmatched_refund", side: .refund, rule: "a succeeded refund linked to nothing")
        case .ambiguousMatch:
            Facts(
                name: "ambiguous_match", side: .refund,
                rule: "a succeeded refund matched several open cases by amount")
        }
    }

    public var name: String { facts.name }
    public var side: Side { facts.side }
    public var rule: String { facts.rule }

    /// The flag called `name`, as `--fail-on` and `fail_on` give it; nil for no flag.
    public init?(name: String) {
        guard let flag = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = flag
    }

    /// The same as `init?(name:)` and `name`, under the names a `String`-backed enum would give them.
    public init?(rawValue: String) { self.init(name: rawValue) }
    public var rawValue: String { name }

    /// Every flag's name, in declaration order, for messages that list what may be given.
    public static var names: [String] { allCases.map(\.name) }

    public static func < (a: Flag, b: Flag) -> Bool { a.name < b.name }

    /// Every flag, sorted by name.
    static let byName = allCases.sorted()

    /// A set of flags, one bit each.
    typealias Bits = UInt16
    var bit: Bits { 1 << Bits(Self.allCases.firstIndex(of: self)!) }
}
