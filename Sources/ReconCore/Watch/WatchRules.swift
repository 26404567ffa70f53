/// The watchlist's settings: how far ahead it looks, which order statuses mean the goods arrived, and the
/// dispute windows by method kind.
package struct WatchRules: Sendable {
    /// Deadlines closing from as-of through as-of + this many calendar days are listed.
    package var watchDays = 14
    /// Lower-cased: an order in one of these statuses needs no refund request.
    package var receivedStatuses: Set<String> = ["delivered", "completed"]
    package var disputeWindows = DisputeWindow.defaults
    /// The kinds of deadline listed: a store's own customer orders have no supplier to ask for a refund, so
    /// its pipeline watches dispute windows only.
    package var kinds = Set(WatchKind.allCases)

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
