/// Whom to chase about each order that may have a case: the counterparty that owes the money, and the
/// original charge (its id and the file it came from). Found before matching drops the charges that no
/// refund reverses (an overdue case's charge among them), and held only for orders with a cancellation or
/// refund, by order position, which cases and their flags carry.
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

    /// What is held of a party (40 bytes): the counterparty as a run text, and the original charge's id,
    /// time, method and file (the charge itself goes after matching); `originalPaymentId` is nil when the
    /// order has no charge, and the other charge fields then mean nothing.
    private struct Held: Sendable {
        let originalPaymentId: String?
        let originalCreatedAt: Instant
        let counterparty: TextCode
        let originalMethod: TextCode
        let originalFileNumber: UInt16
    }

    /// By order position, the order's place in `held`, or -1: four bytes an order and 40 a party, each sized
    /// once, where a dictionary by order id held 64 bytes a slot (a quarter of them empty) and, while it
    /// grew, its old slots beside the new.
    private let heldOfOrder: [Int32]
    private let held: [Held]
    /// The run's texts, in which the counterparties and the original charges' files are.
    private let texts: RunTexts?

    package init() {
        heldOfOrder = []
        held = []
        texts = nil
    }

    /// The parties of the orders with refund details, from their charges among `payments` (all of them,
    /// before any is dropped).
    init(orders: [Order], payments: [Payment], sources: Sources, texts: RunTexts) {
        // Each order's original charge first, then its place among the parties, in the same array.
        var heldOfOrder = Self.originalCharges(orders: orders, payments: payments)
        var held: [Held] = []
        held.reserveCapacity(orders.lazy.filter { $0.refundDetails != nil }.count)
        for (position, order) in orders.enumerated() where order.refundDetails != nil {
            let chargePosition = heldOfOrder[position]
            let charge = chargePosition >= 0 ? payments[Int(chargePosition)] : nil
            let counterparty = texts.code(
                Self.counterparty(of: order, at: position, charge: charge, sources: sources, texts: texts))
            guard charge != nil || counterparty != .none else {
                heldOfOrder[position] = -1
                continue
            }
            heldOfOrder[position] = Int32(held.count)
            held.append(
                Held(
                    originalPaymentId: charge?.id, originalCreatedAt: charge?.createdAt ?? Instant(seconds: 0),
                    counterparty: counterparty, originalMethod: charge?.methodCode ?? .none,
                    originalFileNumber: charge?.source.fileNumber ?? 0))
        }
        self.heldOfOrder = heldOfOrder
        self.held = held
        self.texts = texts
    }

    /// The party of the order at `position` among the run's orders, nil when nothing is known of it.
    package subscript(orderAt position: Int) -> Party? {
        guard position >= 0, position < heldOfOrder.count, heldOfOrder[position] >= 0, let texts else { return nil }
        let party = held[Int(heldOfOrder[position])]
        guard let paymentId = party.originalPaymentId else {
            return Party(counterparty: texts.text(party.counterparty), originalPaymentId: nil, originalFile: nil)
        }
        return Party(
            counterparty: texts.text(party.counterparty), originalPaymentId: paymentId,
            originalFile: texts.file(number: party.originalFileNumber),
            originalMethod: texts.text(party.originalMethod), originalCreatedAt: party.originalCreatedAt)
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
    /// its first succeeded charge in (`created_at`, `payment_id`) order, else its first charge; -1 for
    /// any other order.
    static func originalCharges(orders: [Order], payments: [Payment]) -> [Int32] {
        var original = [Int32](repeating: -1, count: orders.count)
        for (i, payment) in payments.enumerated() where payment.type == .charge {
            guard let order = payment.order.position, orders[order].refundDetails != nil else { continue }
            let current = original[order]
            if current >= 0, !isPreferred(payment, over: payments[Int(current)]) { continue }
            original[order] = Int32(i)
        }
        return original
    }

    /// A succeeded charge before one that is not; else the earlier.
    private static func isPreferred(_ a: Payment, over b: Payment) -> Bool {
        if (a.status == .succeeded) != (b.status == .succeeded) { return a.status == .succeeded }
        return Payment.chronological(a, b)
    }
}
