/// An order's refund case: a cancellation (expected = total) or else an approved refund
/// (expected = `refund_amount` or total), dated by its approval. A case owes at most what was taken: the
/// captured amount when the order gives one, never more than the total (a refund approved above the total
/// owes the total, which is all a refund through the original payment can return).
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
        expected = min(owed, order.capturedAmount ?? order.total, order.total)
        neverCaptured = order.capturedAmount == 0
        refundedPerStore = order.refundedAmount ?? 0
    }
}
