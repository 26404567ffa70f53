/// Whom to chase about each order that may have a case: the counterparty that owes the money, and the
/// original charge (its id and the file it came from). The original charges are found before matching drops
/// the charges that no refund reverses, and are kept with the refunds (an overdue case's charge reverses
/// nothing); a party is known only for orders with a cancellation or refund, by order position, which cases
/// and their flags carry.
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

    /// For each order with refund details, in order (`withDetails`), the position among `payments` of its
    /// original charge, or -1: a party is worked out when read, from the order, that charge (kept among the
    /// payments for it) and the counterparties of the sources, four bytes an order with refund details.
    private let originalCharges: [Int32]
    /// The orders with refund details, each's place among them.
    private let withDetails: KeptPositions
    private let orders: [Order]
    private let payments: [Payment]
    private let sources: Sources
    /// The run's texts, in which the counterparties and the original charges' files are.
    private let texts: RunTexts?

    package init() {
        (originalCharges, withDetails, orders, payments, sources, texts) = (
            [], KeptPositions(count: 0, keeping: { _ in false }), [], [], Sources(), nil
        )
    }

    /// The parties of `orders`, whose original charges (`originalCharges(orders:withDetails:payments:)`) are
    /// positions among `payments`; only the orders' own counterparties of orders with refund details are kept.
    init(
        orders: [Order], withDetails: KeptPositions, payments: [Payment], originalCharges: [Int32], sources: Sources,
        texts: RunTexts
    ) {
        self.originalCharges = originalCharges
        self.withDetails = withDetails
        self.orders = orders
        self.payments = payments
        self.sources = Sources(
            orderCounterparties: sources.orderCounterparties.filter { orders[Int($0.key)].refundDetails != nil },
            byFile: sources.byFile)
        self.texts = texts
    }

    /// The party of the order at `position` among the run's orders, nil when nothing is known of it.
    package subscript(orderAt position: Int) -> Party? {
        guard let texts, hasCase(position) else { return nil }
        let counterparty = counterparty(ofOrderAt: position)
        guard let charge = originalCharge(ofOrderAt: position) else {
            return counterparty.map { Party(counterparty: $0, originalPaymentId: nil, originalFile: nil) }
        }
        return Party(
            counterparty: counterparty, originalPaymentId: texts.id(charge.id), originalFile: texts.file(charge.source),
            originalMethod: charge.method(in: texts), originalCreatedAt: charge.createdAt)
    }

    /// The id of the party's original charge alone (what `self[orderAt:]` gives, for a report column).
    func originalPaymentId(ofOrderAt position: Int) -> String? {
        originalCharge(ofOrderAt: position).flatMap { texts?.id($0.id) }
    }

    /// The party's counterparty alone (what `self[orderAt:]` gives, without the rest, for a report column).
    func counterparty(ofOrderAt position: Int) -> String? {
        guard let texts, hasCase(position) else { return nil }
        return Self.counterparty(
            of: orders[position], at: position, charge: originalCharge(ofOrderAt: position), sources: sources,
            texts: texts)
    }

    /// The original charge of the order at `position`, kept among the payments; nil for none, or no case.
    func originalCharge(ofOrderAt position: Int) -> Payment? {
        guard hasCase(position) else { return nil }
        let charge = originalCharges[withDetails.newPosition(position)]
        return charge >= 0 ? payments[Int(charge)] : nil
    }

    /// The path of the file the original charge of the order at `position` came from.
    func originalFile(ofOrderAt position: Int) -> String? {
        originalCharge(ofOrderAt: position).flatMap { texts?.file($0.source) }
    }

    /// Whether the order at `position` is one of the run's with refund details (the only ones with a party).
    private func hasCase(_ position: Int) -> Bool {
        position >= 0 && position < orders.count && orders[position].refundDetails != nil
    }

    /// The order's own counterparty (its source's and its own, joined by " / ": `AliExpress / Supplier 0
    /// Store`) when it has one, else its original charge's source's.
    static func counterparty(
        of order: Order, at position: Int, charge: Payment?, sources: Sources, texts: RunTexts
    ) -> String? {
        let source = sources.byFile[order.source.fileNumber]
        let own = sources.orderCounterparties[Int32(position)].flatMap(texts.text)
        if let source, let own { return source + " / " + own }
        if let found = source ?? own { return found }
        return charge.flatMap { sources.byFile[$0.source.fileNumber] }
    }

    /// The orders with refund details (the only ones with a party), each's place among them.
    static func ordersWithDetails(_ orders: [Order]) -> KeptPositions {
        KeptPositions(count: orders.count) { orders[$0].refundDetails != nil }
    }

    /// For each order with refund details, by its place among them (`withDetails`): the position of the
    /// order's original charge, its first succeeded charge in (`created_at`, `payment_id`) order, else its
    /// first charge; -1 for none. `ids`: the run's.
    static func originalCharges(
        orders: [Order], withDetails: KeptPositions, payments: [Payment], ids: IdArena
    ) -> [Int32] {
        var original = [Int32](repeating: -1, count: withDetails.keptCount)
        for (i, payment) in payments.enumerated() where payment.type == .charge {
            guard let order = payment.order.position, withDetails.isKept(order) else { continue }
            let slot = withDetails.newPosition(order)
            let current = original[slot]
            if current >= 0, !isPreferred(payment, over: payments[Int(current)], ids: ids) { continue }
            original[slot] = Int32(i)
        }
        return original
    }

    /// A succeeded charge before one that is not; else the earlier.
    private static func isPreferred(_ a: Payment, over b: Payment, ids: IdArena) -> Bool {
        if (a.status == .succeeded) != (b.status == .succeeded) { return a.status == .succeeded }
        return Payment.chronological(a, b, ids: ids)
    }
}
