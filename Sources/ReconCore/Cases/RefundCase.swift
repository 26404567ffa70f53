/// An order's refund case: a cancellation (expected = total) or else an approved refund
/// (expected = `refund_amount` or total), dated by its approval. When the order gives `captured_amount`, a
/// case owes at most that (or the total, when the captured amount is larger): a cancellation owes it, a
/// refund the smaller of its amount and it.
package struct RefundCase: Sendable, Equatable {
    package var kind: CaseKind
    package var approvedOn: CivilDate
    package var expected: Int64
    /// Nothing was captured (`captured_amount` 0): the case owes nothing.
    package var neverCaptured: Bool
    /// What the order's source records as already refunded (`refunded_amount`), 0 when it says nothing. It
    /// counts only for an order no payment names (see `CaseEvaluator`).
    package var refundedPerStore: Int64

    package init?(order: Order) {
        let owed: Int64
        if let date = order.cancelApprovedOn {
            self.kind = .cancellation
            self.approvedOn = date
            owed = order.total
        } else if let date = order.refundApprovedOn {
            self.kind = .refund
            self.approvedOn = date
            owed = order.refundAmount ?? order.total
        } else {
            return nil
        }
        expected = order.capturedAmount.map { min(owed, $0, order.total) } ?? owed
        neverCaptured = order.capturedAmount == 0
        refundedPerStore = order.refundedAmount ?? 0
    }
}
