import Testing

@testable import ReconCore

/// What a run holds per input row and per refund or case, until its report is written, keeps the size that
/// docs/SCALING.md counts on: a field added or reordered carelessly shows here, not in a 10M-order run.
@Suite struct RecordSizeTests {
    @Test func heldRecordsAndRowsKeepTheirSizes() {
        #expect(MemoryLayout<Order>.stride == 40)
        #expect(MemoryLayout<Payment>.stride == 48)
        #expect(MemoryLayout<RefundLink>.stride == 24)
        #expect(MemoryLayout<CaseRow>.stride == 64)
    }

    /// The compact fields read back what was put in: positions, an original of either kind, no date, every
    /// payment type with every status, refund details with none and with the extreme dates.
    @Test func compactFieldsReadBackWhatWasStored() {
        let texts = RunTexts()
        for type in [PaymentType.charge, .refund] {
            for status in PaymentStatus.allCases {
                var payment = Payment(
                    id: texts.ids.add("P"), order: .none, createdAt: Instant(seconds: 0), amount: 1,
                    source: RowSource(fileNumber: texts.fileNumber(of: "p.csv"), line: 2),
                    methodCode: .none, original: .none, currency: Currency(code: "JPY")!,
                    type: type, status: status)
                #expect(payment.type == type && payment.status == status && payment.currency.code == "JPY")
                payment.status = .failed
                payment.type = .refund
                #expect(payment.type == .refund && payment.status == .failed && payment.source.line == 2)
            }
        }
        // A payment's order: a position, an id no order has (by its text), or none, in four bytes.
        #expect(MemoryLayout<OrderReference>.size == 4)
        let orders = [
            Order(
                id: texts.ids.add("O0"), total: 1, refundDetails: nil, placedOn: CivilDate(days: 0),
                textsCode: texts.add(OrderTexts(method: .none, country: .none, sellerType: .none, status: .none)),
                source: RowSource(fileNumber: texts.fileNumber(of: "o.csv"), line: 2), currency: Currency(code: "EUR")!)
        ]
        let known = OrderReference(position: 0)
        let unknown = OrderReference(unresolvedId: "O-elsewhere", texts: texts)
        #expect(known.position == 0 && known.unresolvedId == nil && known.id(in: orders, texts: texts) == "O0")
        #expect(
            unknown.position == nil && unknown.id(in: orders, texts: texts) == "O-elsewhere"
                && unknown == OrderReference(unresolvedId: "O-elsewhere", texts: texts))
        #expect(unknown != OrderReference(unresolvedId: "O-other", texts: texts) && unknown != .none && known != .none)
        #expect(
            OrderReference.none.position == nil && OrderReference.none.unresolvedId == nil
                && OrderReference.none.id(in: orders, texts: texts) == nil)
        #expect(OrderReference(position: Int(Int32.max) - 1).position == Int(Int32.max) - 1)
        var link = RefundLink(refund: 7, tier: .order, original: .order(3), order: OrderReference(position: 3))
        #expect(link.refund == 7 && link.original == .order(3) && link.order == 3)
        link.original = .charge(0)
        link.orderReference = unknown
        #expect(
            link.original == .charge(0) && link.order == nil && link.orderId(in: orders, texts: texts) == "O-elsewhere")
        link.original = nil
        #expect(link.original == nil)
        let open = CaseRow(
            orderId: "O1", order: 0, kind: .refund, approvedOn: CivilDate(days: 20_000), dueOn: CivilDate(days: 20_028),
            currency: Currency(code: "USD")!, expected: 1_000, settled: 1_500, settledOn: nil, state: .pending,
            businessDaysElapsed: 3, settlingPayment: nil)
        #expect(
            open.settledOn == nil && open.outstanding == 0 && open.businessDaysElapsed == 3
                && open.settlingPayment == -1)
        let none = RefundDetails(
            customer: nil, refundAmount: nil, cancelApprovedOn: nil, refundRequestedOn: nil, refundApprovedOn: nil)
        #expect(
            none.refundAmount == nil && none.cancelApprovedOn == nil && none.refundRequestedOn == nil
                && none.refundApprovedOn == nil)
        let some = RefundDetails(
            customer: "Ann", refundAmount: 0, cancelApprovedOn: CivilDate(days: -719_162),
            refundRequestedOn: CivilDate(days: 0), refundApprovedOn: CivilDate(days: 2_932_896))
        #expect(
            some.refundAmount == 0 && some.customer == "Ann" && some.cancelApprovedOn == CivilDate(iso: "0001-01-01")
                && some.refundRequestedOn == CivilDate(iso: "1970-01-01")
                && some.refundApprovedOn == CivilDate(iso: "9999-12-31"))
        let blank = RefundDetails(
            customer: "", refundAmount: nil, cancelApprovedOn: nil, refundRequestedOn: nil,
            refundApprovedOn: nil)
        #expect(blank.customer == "" && none.customer == nil)
        // A customer past a `String`'s 15 inline bytes is held in the one allocation, after the fields.
        let long = RefundDetails(
            customer: "Zoë Customer 10000000", refundAmount: 5, cancelApprovedOn: nil,
            refundRequestedOn: nil, refundApprovedOn: CivilDate(days: 20_000))
        #expect(
            long.customer == "Zoë Customer 10000000" && long.refundAmount == 5
                && long.refundApprovedOn == CivilDate(days: 20_000))
    }

    /// Every mix of amounts reads back, each held after those before it, beside a customer or none; an order
    /// with a refund amount and a 16-byte customer takes one 64-byte `malloc` chunk (56 usable bytes).
    @Test func refundDetailsHoldTheAmountsTheyHave() {
        for mask in 0..<8 {
            let amounts = (0..<3).map { (k: Int) -> Int64? in mask >> k & 1 == 1 ? Int64(k + 1) * 100_000_000_007 : nil
            }
            let customer = mask.isMultiple(of: 2) ? "Customer 1234567" : nil
            let details = RefundDetails(
                customer: customer, refundAmount: amounts[0], cancelApprovedOn: nil,
                refundRequestedOn: CivilDate(days: 5), refundApprovedOn: nil, capturedAmount: amounts[1],
                refundedAmount: amounts[2])
            #expect([details.refundAmount, details.capturedAmount, details.refundedAmount] == amounts)
            #expect(details.customer == customer && details.refundRequestedOn == CivilDate(days: 5))
        }
        let typical = RefundDetails(
            customer: "Customer 1234567", refundAmount: 2_416, cancelApprovedOn: nil, refundRequestedOn: nil,
            refundApprovedOn: CivilDate(days: 20_500))
        #expect(typical.roomForAmountsAndCustomer == 8 + 16)
    }
}
