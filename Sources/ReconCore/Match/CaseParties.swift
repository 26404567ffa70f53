/// Whom to chase about each order that may have a case: the counterparty that owes the money, and the
/// original charge (its id and the file it came from). Found before matching drops the charges that no
/// refund reverses (an overdue case's charge among them), and held only for orders with a cancellation or
/// refund, by order id, which is how cases and their flags name their order.
package struct CaseParties: Sendable {
    /// Who owes a case's money and where its original charge is.
    package struct Party: Sendable, Equatable {
        package var counterparty: String?
        package var originalPaymentId: String?
        /// The payments file the original charge was read from, as the run names its inputs.
        package var originalFile: String?
        /// The original charge's method and when it was made (a dispute window may count from it).
        package var originalMethod: String? = nil
        package var originalCreatedAt: Instant? = nil
    }

    /// Where counterparties come from.
    package struct Sources: Sendable {
        /// By order position: the order's own `counterparty` (a marketplace order's supplier).
        var orderCounterparties: [Int32: TextCode] = [:]
        /// By input file number: the counterparty of the source the file is (`SourceSpec.counterparty`, or a
        /// payments source's format name).
        var byFile: [UInt16: String] = [:]

        package init() {}

        init(orderCounterparties: [Int32: TextCode], byFile: [UInt16: String]) {
            self.orderCounterparties = orderCounterparties
            self.byFile = byFile
        }
    }

    /// What is held of a party: the counterparty as a run text, the original charge's id, row, method and
    /// time (56 bytes).
    private struct Held: Sendable {
        let originalPaymentId: String?
        let counterparty: TextCode
        let originalSource: RowSource?
        let originalMethod: TextCode
        let originalCreatedAt: Instant?
    }

    private let byOrderId: [String: Held]
    /// The run's texts, in which the counterparties and the original charges' files are.
    private let texts: RunTexts?

    package init() {
        byOrderId = [:]
        texts = nil
    }

    /// The parties of the orders with refund details, from their charges among `payments` (all of them,
    /// before any is dropped).
    init(orders: [Order], payments: [Payment], sources: Sources, texts: RunTexts) {
        let charges = Self.originalCharges(orders: orders, payments: payments)
        var parties: [String: Held] = [:]
        for (position, order) in orders.enumerated() where order.refundDetails != nil {
            let charge = charges[Int32(position)].map { payments[$0] }
            let counterparty = texts.code(
                Self.counterparty(of: order, at: position, charge: charge, sources: sources, texts: texts))
            guard charge != nil || counterparty != .none else { continue }
            parties[order.id] = Held(
                originalPaymentId: charge?.id, counterparty: counterparty, originalSource: charge?.source,
                originalMethod: charge?.methodCode ?? .none, originalCreatedAt: charge?.createdAt)
        }
        byOrderId = parties
        self.texts = texts
    }

    /// The party of the order `orderId`, nil when nothing is known of it.
    package subscript(orderId: String) -> Party? {
        guard let held = byOrderId[orderId], let texts else { return nil }
        return Party(
            counterparty: texts.text(held.counterparty), originalPaymentId: held.originalPaymentId,
            originalFile: held.originalSource.map(texts.file), originalMethod: texts.text(held.originalMethod),
            originalCreatedAt: held.originalCreatedAt)
    }

    /// The order's own counterparty (its source's and its own, joined by " / ": `AliExpress / Supplier 0
    /// Store`) when it has one, else its original charge's source's.
    static func counterparty(
        of order: Order, at position: Int, charge: Payment?, sources: Sources, texts: RunTexts
    ) -> String? {
        let own = [
            sources.byFile[order.source.fileNumber],
            sources.orderCounterparties[Int32(position)].flatMap(texts.text),
        ].compactMap { $0 }
        if !own.isEmpty { return own.joined(separator: " / ") }
        return charge.flatMap { sources.byFile[$0.source.fileNumber] }
    }

    /// By order position, for orders with refund details: the position of the order's original charge,
    /// its first succeeded charge in (`created_at`, `payment_id`) order, else its first charge.
    static func originalCharges(orders: [Order], payments: [Payment]) -> [Int32: Int] {
        var original: [Int32: Int] = [:]
        for (i, payment) in payments.enumerated() where payment.type == .charge {
            guard let order = payment.order.position, orders[order].refundDetails != nil else { continue }
            if let current = original[Int32(order)], !isPreferred(payment, over: payments[current]) { continue }
            original[Int32(order)] = i
        }
        return original
    }

    /// A succeeded charge before one that is not; else the earlier.
    private static func isPreferred(_ a: Payment, over b: Payment) -> Bool {
        if (a.status == .succeeded) != (b.status == .succeeded) { return a.status == .succeeded }
        return Payment.chronological(a, b)
    }
}
