/// The deadlines the watchlist lists, in the words of the product contract.
public enum WatchKind: String, CaseIterable, Sendable, Comparable {
    /// The marketplace's window for opening a refund request on an order that has none.
    case requestWindow = "request_window"
    /// The card network's or PayPal's window for disputing an overdue refund.
    case disputeWindow = "dispute_window"

    /// What the Summary calls the deadline.
    var words: String {
        switch self {
        case .requestWindow: "Refund request window"
        case .disputeWindow: "Dispute window"
        }
    }

    public static func < (a: WatchKind, b: WatchKind) -> Bool { a.rawValue < b.rawValue }

    /// Every kind's name, for messages that list what may be given.
    public static var names: [String] { allCases.map(\.rawValue) }
}
