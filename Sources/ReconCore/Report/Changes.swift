/// How many exceptions or cases are new since the previous report, still there, or resolved.
public struct ChangeTally: Sendable, Equatable, Encodable {
    public var new = 0
    public var unchanged = 0
    public var resolved = 0
}

/// The counts of changes since the previous report, on the Summary sheet and in the manifest: either the
/// previous report's as-of and the tallies, or why nothing was compared.
public struct ChangeCounts: Sendable, Equatable {
    /// The as-of date of the report compared with; nil when there was none.
    public var previousAsOf: CivilDate?
    /// Why nothing was compared (a first run, another pipeline's report, a damaged one); nil when compared.
    public var notCompared: String?
    /// A previous report was there but could not be read: a warning, not an error.
    public var warning: String?
    public var exceptions = ChangeTally()
    public var cases = ChangeTally()

    static let firstRun = nothing(Baseline.firstRunReason, damaged: false)

    /// Nothing compared, for `reason`.
    static func nothing(_ reason: String, damaged: Bool) -> ChangeCounts {
        ChangeCounts(
            previousAsOf: nil, notCompared: reason,
            warning: damaged ? "\(reason); the run goes on as a first run" : nil)
    }
}

/// A row of the Changes sheet: an exception or a case that is new since the previous report or resolved
/// since it.
struct ChangeRow: Sendable {
    enum Status: String, Sendable, Comparable {
        case new, resolved
        static func < (a: Status, b: Status) -> Bool { a == .new && b == .resolved }
    }

    var status: Status
    /// `exception`, or the case's kind and `case`.
    var kind: String
    /// Its label, money and first flagged date now for a new row, in the previous report for a resolved one.
    var row: FlaggedRow
    /// Empty for a new row.
    var howResolved: String

    /// New rows first, then by kind, flag or state, order and payment.
    static func ordered(_ a: ChangeRow, _ b: ChangeRow) -> Bool {
        (a.status, a.kind, a.row.label, a.row.orderId, a.row.paymentId)
            < (b.status, b.kind, b.row.label, b.row.orderId, b.row.paymentId)
    }
}

/// When each exception and case was first flagged: the date the previous report gave the same key, else the
/// run's as-of date. Keys are as the CSVs write them (e-mail addresses masked when the run masks them).
package struct FirstFlagged: Sendable {
    let asOf: CivilDate
    let masksEmails: Bool
    var exceptions: [ExceptionKey: CivilDate] = [:]
    var cases: [CaseKey: CivilDate] = [:]

    package init(asOf: CivilDate, masksEmails: Bool) {
        self.asOf = asOf
        self.masksEmails = masksEmails
    }

    func key(_ row: ExceptionRow) -> ExceptionKey {
        ExceptionKey(flag: row.flag.name, orderId: shown(row.orderId), paymentId: shown(row.paymentId))
    }

    func key(_ row: CaseRow) -> CaseKey { CaseKey(orderId: shown(row.orderId), kind: row.kind.rawValue) }

    func date(for row: ExceptionRow) -> CivilDate { exceptions.isEmpty ? asOf : exceptions[key(row)] ?? asOf }
    func date(for row: CaseRow) -> CivilDate { cases.isEmpty ? asOf : cases[key(row)] ?? asOf }

    private func shown(_ id: String) -> String { masksEmails ? PersonalData.maskEmails(id) : id }
}

/// What changed since the previous report: each exception (by flag, order and payment) and case (by order
/// and kind) is new, unchanged or resolved. A case is resolved when it was open (pending or overdue) and is
/// now closed, or when it is gone from the inputs; a closed case that is open again counts as new.
struct Changes: Sendable {
    var counts: ChangeCounts
    /// The new and resolved rows, ordered for the Changes sheet.
    var rows: [ChangeRow] = []
    var firstFlagged: FirstFlagged

    static let openStates: Set<String> = [CaseState.pending.rawValue, CaseState.overdue.rawValue]

    init(baseline: Baseline, exceptions: [ExceptionRow], cases: [CaseRow], asOf: CivilDate, masksEmails: Bool) {
        firstFlagged = FirstFlagged(asOf: asOf, masksEmails: masksEmails)
        switch baseline {
        case .nothing(let reason, let damaged):
            counts = .nothing(reason, damaged: damaged)
        case .previous(let previous):
            counts = ChangeCounts(previousAsOf: previous.asOf)
            compareExceptions(exceptions, with: previous.exceptions, cases: cases)
            compareCases(cases, with: previous.cases)
            rows.sort(by: ChangeRow.ordered)
        }
    }

    private mutating func compareExceptions(
        _ exceptions: [ExceptionRow], with previous: [ExceptionKey: FlaggedRow], cases: [CaseRow]
    ) {
        var seen = Set<ExceptionKey>()
        for row in exceptions {
            let key = firstFlagged.key(row)
            guard seen.insert(key).inserted else { continue }
            if let before = previous[key] {
                counts.exceptions.unchanged += 1
                firstFlagged.exceptions[key] = before.firstFlaggedOn
            } else {
                counts.exceptions.new += 1
                let now = FlaggedRow(
                    label: key.flag, orderId: key.orderId, paymentId: key.paymentId, currency: row.currency,
                    amount: row.amount, firstFlaggedOn: firstFlagged.asOf)
                rows.append(ChangeRow(status: .new, kind: "exception", row: now, howResolved: ""))
            }
        }
        let resolved = previous.filter { !seen.contains($0.key) }
        let statesNow = caseStates(of: Set(resolved.keys.map(\.orderId)), in: cases)
        for (key, before) in resolved {
            counts.exceptions.resolved += 1
            let caseNow = statesNow[key.orderId].map { "; case now \(Self.spoken($0))" } ?? ""
            rows.append(
                ChangeRow(status: .resolved, kind: "exception", row: before, howResolved: "no longer raised" + caseNow))
        }
    }

    /// The state of the case of each of `orders` that has one now (its first case when it has two).
    private func caseStates(of orders: Set<String>, in cases: [CaseRow]) -> [String: String] {
        guard !orders.isEmpty else { return [:] }
        var states: [String: String] = [:]
        for row in cases {
            let orderId = firstFlagged.key(row).orderId
            if orders.contains(orderId), states[orderId] == nil { states[orderId] = row.state.rawValue }
        }
        return states
    }

    private mutating func compareCases(_ cases: [CaseRow], with previous: [CaseKey: FlaggedRow]) {
        var seen = Set<CaseKey>()
        for row in cases {
            let key = firstFlagged.key(row)
            guard seen.insert(key).inserted else { continue }
            let state = row.state.rawValue
            guard let before = previous[key] else {
                counts.cases.new += 1
                rows.append(newCase(key, row, first: firstFlagged.asOf))
                continue
            }
            firstFlagged.cases[key] = before.firstFlaggedOn
            switch (Self.openStates.contains(before.label), Self.openStates.contains(state)) {
            case (true, false):
                counts.cases.resolved += 1
                rows.append(
                    ChangeRow(status: .resolved, kind: key.kind + " case", row: before, howResolved: Self.spoken(state))
                )
            case (false, true):
                counts.cases.new += 1
                rows.append(newCase(key, row, first: before.firstFlaggedOn))
            default:
                counts.cases.unchanged += 1
            }
        }
        for (key, before) in previous where !seen.contains(key) {
            counts.cases.resolved += 1
            rows.append(
                ChangeRow(status: .resolved, kind: key.kind + " case", row: before, howResolved: "gone from the inputs")
            )
        }
    }

    /// A case new since the previous report: its state and outstanding amount now.
    private func newCase(_ key: CaseKey, _ row: CaseRow, first: CivilDate) -> ChangeRow {
        let now = FlaggedRow(
            label: row.state.rawValue, orderId: key.orderId, paymentId: "", currency: row.currency,
            amount: row.outstanding, firstFlaggedOn: first)
        return ChangeRow(status: .new, kind: key.kind + " case", row: now, howResolved: "")
    }

    /// A case state in words: `refunded_per_store` is "refunded per store".
    static func spoken(_ state: String) -> String { state.replacingOccurrences(of: "_", with: " ") }
}
