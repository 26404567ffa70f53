/// The money the Summary leads with, per currency: what is still owed (overdue, and pending not yet due),
/// how long past due it is in finance's aging buckets, the largest overdue amounts with their place on the
/// Overdue sheet, and the cases the clock sets aside (refunded per store, never captured).
struct SummaryMoney: Equatable {
    /// An aging bucket: business days past due, or nil for money not yet due.
    struct Bucket: Equatable {
        let label: String
        let daysPastDue: ClosedRange<Int>?
    }

    /// Finance's buckets, in order; every owed amount falls in exactly one.
    static let buckets: [Bucket] = [
        Bucket(label: "Not yet due", daysPastDue: nil), Bucket(label: "1–5 days", daysPastDue: 1...5),
        Bucket(label: "6–10 days", daysPastDue: 6...10), Bucket(label: "11–20 days", daysPastDue: 11...20),
        Bucket(label: "21–40 days", daysPastDue: 21...40), Bucket(label: "Over 40 days", daysPastDue: 41...Int.max),
    ]

    /// What one currency's cases still owe, in minor units.
    struct Owed: Equatable {
        let currency: Currency
        var overdue: Int64 = 0
        /// Pending cases: approved, not yet due.
        var notYetDue: Int64 = 0
        /// By `buckets`, in their order.
        var byAge = [Int64](repeating: 0, count: SummaryMoney.buckets.count)
        var total: Int64 = 0
    }

    /// An overdue case among its currency's largest, and its place (from 0) in the Overdue table.
    struct LargeOverdue: Equatable {
        let orderId: String
        let currency: Currency
        let outstanding: Int64
        let dueOn: CivilDate?
        let businessDaysOverdue: Int
        let overdueRow: Int
    }

    /// Cases in a state the clock leaves aside, in one currency: how many and the amount they were approved for.
    struct SetAside: Equatable {
        let state: CaseState
        let currency: Currency
        var count = 0
        var expected: Int64 = 0
    }

    /// How many of each currency's largest overdue cases the Summary lists.
    static let largestPerCurrency = 3
    /// The states whose cases owe nothing on the clock but are worth a look.
    static let setAsideStates: [CaseState] = [.refundedPerStore, .neverCaptured]

    /// Per currency, by code; only currencies that owe something.
    var owed: [Owed]
    /// Per currency (by code), largest first.
    var largestOverdue: [LargeOverdue]
    /// By state (in `setAsideStates` order), then currency.
    var setAside: [SetAside]

    /// Throws `ReconError.sumTooLarge` when one currency's owed money passes what `Int64` holds.
    init(cases: [CaseRow], exceptions: [ExceptionRow]) throws {
        // Read in place: a filtered copy of the flags would be the report's largest transient.
        let overdue = exceptions.lazy.filter { $0.flag == .overdue }
        owed = try Self.owed(cases: cases, overdue: overdue)
        largestOverdue = Self.largest(overdue)
        setAside = try Self.setAside(cases)
    }

    /// The bucket of money `daysPastDue` business days past due (nil: not yet due).
    static func bucket(daysPastDue: Int?) -> Int {
        guard let days = daysPastDue, days > 0 else { return 0 }
        return buckets.firstIndex { $0.daysPastDue?.contains(days) ?? false } ?? buckets.count - 1
    }

    /// Overdue money from the `overdue` flags (their amount is what is outstanding, their business days the
    /// days past due), pending money from the pending cases' outstanding amounts.
    private static func owed(cases: [CaseRow], overdue: some Sequence<ExceptionRow>) throws -> [Owed] {
        var byCurrency: [Currency: Owed] = [:]
        for flag in overdue {
            var owed = byCurrency[flag.currency] ?? Owed(currency: flag.currency)
            owed.overdue = try sum(owed.overdue, flag.amount, owed: flag.currency)
            owed.total = owed.overdue
            // Due on a Friday and overdue on the Saturday is 0 business days past due, yet past due.
            let b = bucket(daysPastDue: max(1, flag.businessDays ?? 1))
            owed.byAge[b] = try sum(owed.byAge[b], flag.amount, owed: flag.currency)
            byCurrency[flag.currency] = owed
        }
        for pending in cases where pending.state == .pending && pending.outstanding > 0 {
            var owed = byCurrency[pending.currency] ?? Owed(currency: pending.currency)
            owed.notYetDue = try sum(owed.notYetDue, pending.outstanding, owed: pending.currency)
            owed.byAge[0] = owed.notYetDue
            owed.total = try sum(owed.total, pending.outstanding, owed: pending.currency)
            byCurrency[pending.currency] = owed
        }
        return byCurrency.values.sorted { $0.currency.code < $1.currency.code }
    }

    /// `a + b`, or `ReconError.sumTooLarge` naming the money owed in `currency`.
    private static func sum(_ a: Int64, _ b: Int64, owed currency: Currency) throws -> Int64 {
        let (total, overflow) = a.addingReportingOverflow(b)
        if overflow { throw ReconError.sumTooLarge(what: "the money owed in \(currency)", rows: []) }
        return total
    }

    /// True when `a` comes before `b` on the Overdue sheet: most business days overdue first, then by order id.
    static func overdueSheetOrder(_ a: ExceptionRow, _ b: ExceptionRow) -> Bool {
        (a.businessDays ?? 0, b.orderId) > (b.businessDays ?? 0, a.orderId)
    }

    /// Each currency's `largestPerCurrency` largest overdue amounts (ties: more days overdue, then order id),
    /// with their rows on the Overdue sheet.
    private static func largest(_ overdue: some Collection<ExceptionRow>) -> [LargeOverdue] {
        let larger: (ExceptionRow, ExceptionRow) -> Bool = { a, b in
            a.amount != b.amount ? a.amount > b.amount : overdueSheetOrder(a, b)
        }
        var kept: [Currency: [ExceptionRow]] = [:]
        for flag in overdue {
            var list = kept[flag.currency, default: []]
            guard list.count < largestPerCurrency || larger(flag, list[list.count - 1]) else { continue }
            list.insert(flag, at: list.firstIndex { larger(flag, $0) } ?? list.count)
            kept[flag.currency] = Array(list.prefix(largestPerCurrency))
        }
        return kept.keys.sorted { $0.code < $1.code }.flatMap { currency in
            kept[currency]!.map { flag in
                LargeOverdue(
                    orderId: flag.orderId, currency: currency, outstanding: flag.amount, dueOn: flag.dueOn,
                    businessDaysOverdue: flag.businessDays ?? 0,
                    overdueRow: overdue.reduce(0) { $0 + (overdueSheetOrder($1, flag) ? 1 : 0) })
            }
        }
    }

    private static func setAside(_ cases: [CaseRow]) throws -> [SetAside] {
        var found: [CaseState: [Currency: SetAside]] = [:]
        for c in cases where setAsideStates.contains(c.state) {
            var entry = found[c.state, default: [:]][c.currency] ?? SetAside(state: c.state, currency: c.currency)
            entry.count += 1
            entry.expected = try sum(entry.expected, c.expected, owed: c.currency)
            found[c.state, default: [:]][c.currency] = entry
        }
        return setAsideStates.flatMap { state in
            (found[state] ?? [:]).values.sorted { $0.currency.code < $1.currency.code }
        }
    }
}
