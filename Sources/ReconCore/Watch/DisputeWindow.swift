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

/// The watchlist's settings: how far ahead it looks, which order statuses mean the goods arrived, and the
/// dispute windows by method kind.
package struct WatchRules: Sendable {
    /// Deadlines closing from as-of through as-of + this many calendar days are listed.
    package var watchDays = 14
    /// Lower-cased: an order in one of these statuses needs no refund request.
    package var receivedStatuses: Set<String> = ["delivered", "completed"]
    package var disputeWindows = DisputeWindow.defaults

    package init() {}

    /// Whether an order with this `status` (compared ignoring case) received its goods.
    func isReceived(_ status: String?) -> Bool {
        status.map { receivedStatuses.contains($0.lowercased()) } ?? false
    }

    /// The window for a method `kind:id`, nil when its kind has none.
    func disputeWindow(for method: String?) -> DisputeWindow? {
        guard let method else { return nil }
        let kind = DisputeWindow.kind(of: method)
        return disputeWindows.first { $0.methodKind == kind }
    }

    /// Whether a deadline closing on `day` is watched on `asOf`: from as-of through as-of + `watchDays`.
    func watches(_ day: CivilDate, asOf: CivilDate) -> Bool {
        day >= asOf && day <= asOf.adding(days: watchDays)
    }
}

extension WatchRules {
    /// Order statuses (lower-cased) that mean the order was cancelled: it needs no refund request.
    static let cancelledStatuses: Set<String> = ["cancelled", "canceled"]

    /// Whether an order with this `status` (compared ignoring case) was cancelled.
    func isCancelled(_ status: String?) -> Bool {
        status.map { Self.cancelledStatuses.contains($0.lowercased()) } ?? false
    }
}
