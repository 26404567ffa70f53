/// Match, then cases and flags: everything that follows from normalised orders and payments.
public struct Reconciliation: Sendable {
    /// The orders the cases, flags and report read, in input order: those with refund details and those a
    /// payment below, a link or a recorded refund names (every order when the run keeps every record). What
    /// below names an order names it by its position here.
    package var orders: [Order]
    /// The currencies of all the orders read, those let go included (the report's number formats).
    package var orderCurrencies: Set<Currency>
    /// The refunds, the charges they reverse and the cases' original charges, in input order (every
    /// payment when the run keeps every record): what the links, cases, parties and rows below find by position.
    package var payments: [Payment]
    public var exceptions: [ExceptionRow]
    public var cases: [CaseRow]
    public var refunds: RefundRows
    package var links: [RefundLink]
    /// Per order (index), the refunds (payment indices) that count toward its case, in
    /// (`created_at`, `payment_id`) order.
    package var counted: IndicesByOrder
    /// Refunds the sources record without a date, per order: their cases take them as refunded.
    package var recordedRefunds: RecordedRefunds
    /// The refunds converted into their cases' currencies (none without a rate file).
    package var conversions: ConvertedRefunds
    /// The run's texts, in which the records' text codes and row sources are.
    package var texts: RunTexts
    /// Whom to chase about each case: its counterparty and original charge.
    package var parties = CaseParties()
}

/// What the run read for chasing cases, beside the records: where counterparties come from, and each
/// refund's description (a statement line's words) by the row it came from.
package struct ChaseInputs: Sendable {
    var parties = CaseParties.Sources()
    var refundDescriptions: [RowSource: TextCode] = [:]

    package init() {}

    init(parties: CaseParties.Sources, refundDescriptions: [RowSource: TextCode]) {
        self.parties = parties
        self.refundDescriptions = refundDescriptions
    }
}

package enum Reconciler {
    /// `refundedPerCharge`: by charge position, what the payments' sources record as refunded of a charge
    /// without a refund row. Stage timings go to `timer`, under `match` and `cases_and_flags`. Before
    /// matching, the charges it cannot ask for are dropped from `payments`; when it ends, the charges that no
    /// refund reverses and no case started from, and the orders nothing read after names (`ReferencedOrders`),
    /// all in place (no other copy may share them), unless `keepEveryRecord` (for `explain`). Throws
    /// `ReconError.sumTooLarge` when a sum of money leaves `Int64`. `texts` are the run's, in which the records'
    /// texts were coded. `chase` says where each case's counterparty comes from and gives the refunds'
    /// descriptions, by the row they came from. `readEveryOrder` is given every order, once, before the
    /// orders go: after the charges matching cannot ask for are gone, so that what it makes is not held beside
    /// them.
    package static func run(
        orders orderRecords: consuming [Order], payments records: consuming [Payment],
        refundedPerCharge: [Int32: Int64] = [:], rules: ReconRules, texts: RunTexts, chase: ChaseInputs = ChaseInputs(),
        keepEveryRecord: Bool = false, timer: inout StageTimer, readEveryOrder: ([Order]) -> Void = { _ in }
    ) throws -> Reconciliation {
        var (orders, payments) = (consume orderRecords, consume records)
        let orderCurrencies = Set(orders.lazy.map(\.currency))
        // The orders that may have a case: what the cases read per order is held for them alone.
        var withDetails = CaseParties.ordersWithDetails(orders)
        var refundedPerCharge = refundedPerCharge
        if !keepEveryRecord {
            LinkedPayments.keepAskable(
                &payments, askedFor: RefundMatcher.ordersAskedFor(withDetails: withDetails, payments: payments),
                refundedPerCharge: &refundedPerCharge, texts: texts)
        }
        readEveryOrder(orders)
        let matching = timer.start(.match)
        var (links, counted, recordedRefunds, conversions) = try match(
            orders: orders, withDetails: withDetails, payments: payments, refundedPerCharge: refundedPerCharge,
            rules: rules, texts: texts)
        // Before the charges go, so that the cases' original charges stay (an overdue case's reverses nothing).
        var originalCharges = CaseParties.originalCharges(
            orders: orders, withDetails: withDetails, payments: payments, ids: texts.ids)
        var partySources = chase.parties
        // Held here alone once the matcher is gone, so that dropping charges and orders works in place.
        if !keepEveryRecord {
            LinkedPayments.keep(
                &payments, links: &links, counted: &counted, conversions: &conversions,
                originalCharges: &originalCharges, texts: texts)
            ReferencedOrders.keep(
                &orders, payments: &payments, links: &links, recordedRefunds: &recordedRefunds,
                counterparties: &partySources.orderCounterparties)
            // The same orders with details, in the same order: what is held by their place among them stays.
            withDetails = CaseParties.ordersWithDetails(orders)
            counted.rekey(withDetails)
        }
        let parties = CaseParties(
            orders: orders, withDetails: withDetails, payments: payments, originalCharges: originalCharges,
            sources: partySources, texts: texts)
        timer.finish(matching)

        let flagging = timer.start(.casesAndFlags)
        let (cases, exceptions, refunds) = try flags(
            orders: orders, payments: payments, links: links, counted: counted, recordedRefunds: recordedRefunds,
            conversions: conversions, rules: rules, texts: texts, descriptions: chase.refundDescriptions)
        timer.finish(flagging)
        return Reconciliation(
            orders: orders, orderCurrencies: orderCurrencies, payments: payments, exceptions: exceptions, cases: cases,
            refunds: refunds, links: links, counted: counted, recordedRefunds: recordedRefunds,
            conversions: conversions,
            texts: texts, parties: parties)
    }

    /// The cases, every flag (sorted) and the refund rows.
    private static func flags(
        orders: [Order], payments: [Payment], links: [RefundLink], counted: IndicesByOrder,
        recordedRefunds: RecordedRefunds, conversions: ConvertedRefunds, rules: ReconRules, texts: RunTexts,
        descriptions: [RowSource: TextCode]
    ) throws -> (cases: [CaseRow], exceptions: [ExceptionRow], refunds: RefundRows) {
        let (cases, caseFlags) = try CaseEvaluator(rules: rules, orders: orders, payments: payments, texts: texts)
            .evaluate(counted: counted, recordedRefunds: recordedRefunds, conversions: conversions)
        let windowFlags = WindowCheck(rules: rules, texts: texts).flags(orders: orders, casesByOrderId: cases)
        let (refunds, refundFlags) = try RefundFlagger(
            orders: orders, payments: payments, zone: rules.zone, texts: texts, descriptions: descriptions,
            conversions: conversions, showsConversions: rules.converter != nil
        )
        .flag(links: links)
        // Grown in place: a sum of the three would hold them and their copy at once.
        var exceptions = consume caseFlags
        exceptions += windowFlags
        exceptions += refundFlags
        exceptions.sort(by: ExceptionRow.ordered)
        return (cases, exceptions, refunds)
    }

    /// Every refund's link, the refunds that count toward each order's case in the order they count, and
    /// the refunds the sources record without a date that count, and the refunds converted into their cases'
    /// currencies. The matcher and its charges by order live only through this step, not beside the cases
    /// and flags.
    private static func match(
        orders: [Order], withDetails: KeptPositions, payments: [Payment], refundedPerCharge: [Int32: Int64],
        rules: ReconRules, texts: RunTexts
    ) throws -> ([RefundLink], IndicesByOrder, RecordedRefunds, ConvertedRefunds) {
        let matcher = RefundMatcher(
            orders: orders, withDetails: withDetails, payments: payments, zone: rules.zone, texts: texts,
            converter: rules.converter)
        var links = matcher.linksByReferenceOrOrder()
        var conversions = matcher.convertLinkedRefunds(links)
        try matcher.linkByAmount(&links, conversions: &conversions)
        // Only a case counts refunds, and only an order with refund details has one.
        var counted = IndicesByOrder(
            keys: withDetails,
            pairs: links.lazy.filter { matcher.countsTowardCase($0, conversions) }
                .map { (order: Int32($0.order!), member: Int32($0.refund)) })
        counted.sortRuns { Payment.chronological(payments[$0], payments[$1], ids: texts.ids) }
        let recorded = try RecordedRefunds(
            orders: orders, payments: payments, links: links, refundedPerCharge: refundedPerCharge, matcher: matcher,
            conversions: conversions)
        return (links, counted, recorded, conversions)
    }
}
