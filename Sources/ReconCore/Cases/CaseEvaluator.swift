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
    /// toward its case, in time order. Throws when a case's refunds sum past what `Int64` holds.
    package func evaluate(counted: IndicesByOrder) throws -> (cases: [CaseRow], flags: [ExceptionRow]) {
        var cases: [CaseRow] = []
        cases.reserveCapacity(orders.lazy.filter { RefundCase(order: $0) != nil }.count)
        var flags: [ExceptionRow] = []
        for (i, order) in orders.enumerated() {
            guard let refundCase = RefundCase(order: order) else { continue }
            let row = try evaluate(order: order, refundCase: refundCase, refunds: counted[i])
            cases.append(row)
            if let flag = flag(for: row, order: order, at: i) { flags.append(flag) }
        }
        cases.sort { $0.orderId < $1.orderId }
        return (cases, flags)
    }

    func evaluate(order: Order, refundCase: RefundCase, refunds: [Int]) throws -> CaseRow {
        let calendar = rules.calendar(for: order.country(in: texts))
        let due = calendar.businessDay(rules.businessDayLimit, after: refundCase.approvedOn)
        var sum: Int64 = 0
        var settledOn: CivilDate? = refundCase.expected <= 0 ? refundCase.approvedOn : nil
        var settling: Int? = nil
        for r in refunds {
            let (next, overflow) = sum.addingReportingOverflow(payments[r].amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "refunds of order \(order.id)",
                    rows: [texts.inputLine(order.source), texts.inputLine(payments[r].source)])
            }
            sum = next
            if settledOn == nil, sum >= refundCase.expected {
                settledOn = payments[r].createdOn(in: rules.zone)
                settling = r
            }
        }
        let state: CaseState
        if let settledOn {
            state = settledOn > due ? .late : .settled
        } else {
            state = rules.asOf > due ? .overdue : .pending
        }
        return CaseRow(
            orderId: order.id, kind: refundCase.kind, approvedOn: refundCase.approvedOn, dueOn: due,
            currency: order.currency, expected: refundCase.expected, settled: sum, settledOn: settledOn, state: state,
            businessDaysElapsed: calendar.businessDays(after: refundCase.approvedOn, through: settledOn ?? rules.asOf),
            settlingPayment: settling)
    }

    /// The case's flag, if any; the order is at `position` among the orders.
    private func flag(for row: CaseRow, order: Order, at position: Int) -> ExceptionRow? {
        let calendar = rules.calendar(for: order.country(in: texts))
        switch row.state {
        case .overdue:
            return .overdue(
                row, orderAt: position,
                businessDaysOverdue: calendar.businessDays(after: row.dueOn, through: rules.asOf),
                detail: "\(row.kind.rawValue) approved \(row.approvedOn), due \(row.dueOn); "
                    + "\(Money.format(row.settled, decimals: row.currency.minorUnit)) of "
                    + "\(Money.format(row.expected, decimals: row.currency.minorUnit)) \(row.currency) refunded by \(rules.asOf)"
            )
        case .late:
            return .late(
                row, orderAt: position,
                settlingPaymentId: row.settlingPayment < 0 ? "" : payments[Int(row.settlingPayment)].id,
                detail: "\(row.kind.rawValue) approved \(row.approvedOn), due \(row.dueOn), settled \(row.settledOn!) "
                    + "after \(row.businessDaysElapsed) business days")
        case .settled, .pending:
            return nil
        }
    }
}
