/// Runs the 20-business-day clock on every refund case and raises `overdue` and `late`.
package struct CaseEvaluator {
    let rules: ReconRules
    let orders: [Order]
    let payments: [Payment]
    /// The run's texts, in which an order's country is.
    let texts: RunTexts

    package init(rules: ReconRules, orders: [Order], payments: [Payment], texts: RunTexts) {
        self.rules = rules
        self.orders = orders
        self.payments = payments
        self.texts = texts
    }

    /// Cases sorted by `order_id`, and their flags. `counted` lists, per order, the refunds that count
    /// toward its case, in time order; `recordedRefunds`, per order, what the sources record as refunded
    /// without a date; `conversions`, what a refund in another currency counts for. Throws when a case's
    /// refunds sum past what `Int64` holds.
    package func evaluate(
        counted: IndicesByOrder, recordedRefunds: RecordedRefunds, conversions: ConvertedRefunds = ConvertedRefunds()
    ) throws -> (cases: [CaseRow], flags: [ExceptionRow]) {
        var cases: [CaseRow] = []
        cases.reserveCapacity(orders.lazy.filter { RefundCase(order: $0) != nil }.count)
        var flags: [ExceptionRow] = []
        for (i, order) in orders.enumerated() {
            guard let refundCase = RefundCase(order: order) else { continue }
            let (recorded, outside) = (recordedRefunds.amount(ofOrder: i), recordedRefunds.outsidePayments(ofOrder: i))
            let row = try evaluate(
                order: order, at: i, refundCase: refundCase, refunds: counted[i], recorded: recorded,
                outside: outside, conversions: conversions)
            cases.append(row)
            if let flag = flag(for: row, order: order, recorded: recorded + outside) { flags.append(flag) }
        }
        cases.sort { $0.orderId < $1.orderId }
        return (cases, flags)
    }

    /// The case of `order`, at `position` among the orders. `recorded`: what the sources record as refunded
    /// without a date (see `RecordedRefunds`), taken as refunded on no known day when the dated refunds do not
    /// settle the case: the case is `refunded_per_store` when the two cover what is owed, else the rest
    /// follows the clock.
    /// `outside`: what the orders' source records as refunded of the part the payments never took (a gift
    /// card), counted from the start, so that the refunds in the payments settle the case on their day.
    /// A refund in `conversions` counts for what it was credited in the order's currency.
    func evaluate(
        order: Order, at position: Int, refundCase: RefundCase, refunds: [Int], recorded: Int64 = 0,
        outside: Int64 = 0, conversions: ConvertedRefunds = ConvertedRefunds()
    ) throws -> CaseRow {
        let calendar = rules.calendar(for: order.country(in: texts))
        let due = calendar.businessDay(rules.businessDayLimit, after: refundCase.approvedOn)
        let (sum, settledOn, settling) = try settlement(
            of: order, refundCase, refunds: refunds, startingAt: outside, conversions: conversions)
        // Both below 2^62 (amounts are at most 10^15 each, a case's sum is checked): this cannot overflow.
        let settled = settledOn == nil ? sum + recorded : sum
        let state: CaseState
        if refundCase.neverCaptured {
            state = .neverCaptured
        } else if let settledOn {
            state = settledOn > due ? .late : .settled
        } else if recorded + outside > 0 && settled >= refundCase.expected {  // unsettled, so something is owed
            state = .refundedPerStore
        } else {
            state = rules.asOf > due ? .overdue : .pending
        }
        return CaseRow(
            orderId: texts.id(order.id), order: position, kind: refundCase.kind, approvedOn: refundCase.approvedOn,
            dueOn: due,
            currency: order.currency, expected: refundCase.expected,
            settled: settled,
            settledOn: settledOn, state: state,
            businessDaysElapsed: calendar.businessDays(after: refundCase.approvedOn, through: settledOn ?? rules.asOf),
            settlingPayment: settling)
    }

    /// The sum of `refunds` (in time order) after `start`, the day they reached the expected amount (the
    /// approval day for a case that owes nothing) and the refund that did. A converted refund counts for what
    /// it was credited.
    private func settlement(
        of order: Order, _ refundCase: RefundCase, refunds: [Int], startingAt start: Int64,
        conversions: ConvertedRefunds
    ) throws -> (sum: Int64, settledOn: CivilDate?, settling: Int?) {
        var sum = start
        var settledOn: CivilDate? = refundCase.expected <= 0 ? refundCase.approvedOn : nil
        var settling: Int? = nil
        for r in refunds {
            let (next, overflow) = sum.addingReportingOverflow(conversions.credited(r) ?? payments[r].amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "refunds of order \(texts.id(order.id))",
                    rows: [texts.inputLine(order.source), texts.inputLine(payments[r].source)])
            }
            sum = next
            // A case the store's record of the part outside the payments covers alone is no refund's to settle.
            if settledOn == nil, start < refundCase.expected, sum >= refundCase.expected {
                settledOn = payments[r].createdOn(in: rules.zone)
                settling = r
            }
        }
        return (sum, settledOn, settling)
    }

    /// The case's flag, if any. `recorded`: what the row counts as refunded on the sources' records without a
    /// date, which the detail says.
    private func flag(for row: CaseRow, order: Order, recorded: Int64) -> ExceptionRow? {
        let calendar = rules.calendar(for: order.country(in: texts))
        switch row.state {
        case .overdue:
            return .overdue(
                row, businessDaysOverdue: calendar.businessDays(after: row.dueOn, through: rules.asOf),
                detail: "\(row.kind.rawValue) approved \(row.approvedOn), due \(row.dueOn); "
                    + "\(Money.format(row.settled, decimals: row.currency.minorUnit)) of "
                    + "\(Money.format(row.expected, decimals: row.currency.minorUnit)) \(row.currency) refunded by \(rules.asOf)"
                    + recordedPart(recorded, of: row)
            )
        case .late:
            return .late(
                row, settlingPaymentId: row.settlingPayment < 0 ? "" : texts.id(payments[Int(row.settlingPayment)].id),
                detail: "\(row.kind.rawValue) approved \(row.approvedOn), due \(row.dueOn), settled \(row.settledOn!) "
                    + "after \(row.businessDaysElapsed) business days")
        case .settled, .pending, .refundedPerStore, .neverCaptured:
            return nil
        }
    }

    /// How an overdue case's detail names what the sources record as refunded without a date.
    private func recordedPart(_ recorded: Int64, of row: CaseRow) -> String {
        guard recorded > 0 else { return "" }
        if recorded == row.settled { return " per store (not seen in payments)" }
        return ", \(Money.format(recorded, decimals: row.currency.minorUnit)) of it per store (not seen in payments)"
    }
}
