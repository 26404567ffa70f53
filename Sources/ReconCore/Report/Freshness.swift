/// How current one input is: the date of its latest event (orders: an order placed or a cancellation or
/// refund approved or requested; payments: a payment created), against `as_of`. An export downloaded days
/// ago leaves refunds that did come back looking overdue; this says so instead of letting it pass.
public struct InputFreshness: Sendable, Equatable {
    /// The latest event of the input on or before `as_of`; nil when it has none (no row used).
    public var latestEventOn: CivilDate?
    public var asOf: CivilDate
    /// `stale_after_days`: more calendar days than this between the latest event and `as_of` is stale.
    public var staleAfterDays: Int

    public init(latestEventOn: CivilDate?, asOf: CivilDate, staleAfterDays: Int) {
        self.latestEventOn = latestEventOn
        self.asOf = asOf
        self.staleAfterDays = staleAfterDays
    }

    /// Calendar days from the latest event to `as_of` (0: an event on `as_of` itself).
    public var daysBeforeAsOf: Int? { latestEventOn.map { Int(asOf.days - $0.days) } }

    /// An input with no event at all is stale too: an empty export is as silent as an old one.
    public var isStale: Bool { daysBeforeAsOf.map { $0 > staleAfterDays } ?? true }

    /// What is wrong with the input, for the log, `recon check` and the Summary; nil when it is current.
    public var problem: String? {
        guard isStale else { return nil }
        guard let latestEventOn, let days = daysBeforeAsOf else {
            return "has no dated event on or before \(asOf): nothing in it shows how current it is"
        }
        return "latest event \(latestEventOn) is \(days) day\(days == 1 ? "" : "s") before as of \(asOf), "
            + "more than stale_after_days \(staleAfterDays): refunds made since would look overdue"
    }
}

extension SourceStats {
    /// The warning about this input when it is stale: its kind and path, then the problem.
    public var freshnessWarning: String? {
        freshness?.problem.map { "\(kind) \(path): \($0)" }
    }
}
