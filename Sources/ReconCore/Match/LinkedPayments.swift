/// Matching reads refunds, the charges they name, and the charges of the orders it may ask about; after
/// matching, nothing reads a charge that no refund reverses, unless it is a case's original charge: the
/// cases count refunds, the flags and the refund rows read refunds and their originals, the report's party
/// columns a case's original charge. The other charges are most of the payments (48 bytes each), so they
/// are dropped in place: those matching cannot ask for before it, the rest before the cases, flags and
/// report.
enum LinkedPayments {
    /// Keeps, in input order, the refunds, the charges that are some link's original and the charges in
    /// `originalCharges` (by order, a position among the payments or -1), gives the memory of the rest back,
    /// and renumbers the links, the counted and the converted refunds and `originalCharges` to the kept
    /// positions. A kept charge that names a payment let go names it by its id, coded in `texts`.
    static func keep(
        _ payments: inout [Payment], links: inout [RefundLink], counted: inout IndicesByOrder,
        conversions: inout ConvertedRefunds, originalCharges: inout [Int32], texts: RunTexts
    ) {
        var kept = KeptPositions(count: payments.count)
        for link in links {
            if case .charge(let c) = link.original { kept.keep(c) }
        }
        for charge in originalCharges where charge >= 0 { kept.keep(Int(charge)) }
        for i in payments.indices where payments[i].type == .refund { kept.keep(i) }
        kept.countKept()
        drop(&payments, keeping: kept, texts: texts)
        for l in links.indices { links[l].renumberPayments(kept.newPosition) }
        counted.renumberMembers { Int32(kept.newPosition(Int($0))) }
        conversions.renumberPayments(kept.newPosition)
        for o in originalCharges.indices where originalCharges[o] >= 0 {
            originalCharges[o] = Int32(kept.newPosition(Int(originalCharges[o])))
        }
    }

    /// Keeps, in input order, what matching may read: the refunds, the payments a refund names, the charges
    /// of the orders in `askedFor` (`RefundMatcher.ordersAskedFor`) and of ids no order has, and the charges
    /// in `refundedPerCharge` (by position, renumbered with them); gives the memory of the rest back.
    static func keepAskable(
        _ payments: inout [Payment], askedFor: KeptPositions, refundedPerCharge: inout [Int32: Int64],
        texts: RunTexts
    ) {
        var kept = KeptPositions(count: payments.count)
        for (i, payment) in payments.enumerated() {
            if payment.type == .refund {
                kept.keep(i)
                if let named = payment.original.position { kept.keep(named) }
            } else if payment.order.position.map(askedFor.isKept) ?? (payment.order.unresolvedId != nil) {
                kept.keep(i)
            }
        }
        for charge in refundedPerCharge.keys { kept.keep(Int(charge)) }
        kept.countKept()
        drop(&payments, keeping: kept, texts: texts)
        refundedPerCharge = Dictionary(
            uniqueKeysWithValues: refundedPerCharge.map { (Int32(kept.newPosition(Int($0.key))), $0.value) })
    }

    /// Drops the payments `kept` does not keep, in place, gives their memory back, and renumbers the kept
    /// payments' originals. A kept payment names a kept one or, when it names one let go (a charge's failed
    /// attempt it retried), that one's id, coded in `texts`.
    private static func drop(_ payments: inout [Payment], keeping kept: KeptPositions, texts: RunTexts) {
        for i in payments.indices where kept.isKept(i) {
            guard let named = payments[i].original.position, !kept.isKept(named) else { continue }
            payments[i].original = PaymentReference(unresolvedId: texts.id(payments[named].id), texts: texts)
        }
        payments.keepOnly(kept)
        for i in payments.indices {
            guard let named = payments[i].original.position else { continue }
            payments[i].original = PaymentReference(position: kept.newPosition(named))
        }
    }
}
