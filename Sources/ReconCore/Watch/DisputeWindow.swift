/// How long after which day an overdue refund paid with one kind of method (`card`, `paypal`: the part of
/// `kind:id` before the colon) can still be disputed with the card issuer or PayPal.
public struct DisputeWindow: Sendable, Equatable, CustomStringConvertible {
    /// The day a dispute window counts from.
    public enum Anchor: String, Sendable, CaseIterable {
        /// The case's due date: when the credit should have arrived.
        case dueOn = "due_on"
        /// The original payment's date (the order's placed date when no charge is linked).
        case paymentDate = "payment_date"
    }

    public var methodKind: String
    public var days: Int
    public var from: Anchor

    public init(methodKind: String, days: Int, from: Anchor) {
        self.methodKind = methodKind.lowercased()
        self.days = days
        self.from = from
    }

    /// Visa's and Mastercard's "credit not processed" disputes: 120 days from when the credit was due;
    /// PayPal's: 180 days from the payment.
    public static let defaults = [
        DisputeWindow(methodKind: "card", days: 120, from: .dueOn),
        DisputeWindow(methodKind: "paypal", days: 180, from: .paymentDate),
    ]

    /// The kind of a normalised method `kind:id` (`card:4242` is `card`); a method without a colon is all kind.
    static func kind(of method: String) -> String {
        String(method.prefix { $0 != ":" })
    }

    /// Who the dispute is opened with, as the detail names it: `card`, `PayPal`, else the kind.
    var disputeName: String { methodKind == "paypal" ? "PayPal" : methodKind }

    public var description: String { "\(methodKind): \(days) days from \(from.rawValue)" }
}
