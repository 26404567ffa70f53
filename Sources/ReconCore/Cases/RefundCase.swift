/// An order's refund case: a cancellation (expected = total) or else an approved refund
/// (expected = `refund_amount` or total), dated by its approval.
package struct RefundCase: Sendable, Equatable {
    package var kind: CaseKind
    package var approvedOn: CivilDate
    package var expected: Int64

    package init?(order: Order) {
        if let date = order.cancelApprovedOn {
            self.kind = .cancellation
            self.approvedOn = date
            self.expected = order.total
        } else if let date = order.refundApprovedOn {
            self.kind = .refund
            self.approvedOn = date
            self.expected = order.refundAmount ?? order.total
        } else {
            return nil
        }
    }
}
