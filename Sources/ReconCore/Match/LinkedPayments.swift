/// After matching, nothing reads a charge that no refund reverses, unless it is a case's original charge:
/// the cases count refunds, the flags and the refund rows read refunds and their originals, the report's
/// party columns a case's original charge. The other charges are most of the payments (56 bytes each), so
/// they are dropped in place before the cases, flags and report.
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
        // A kept charge may name a payment that goes (a failed attempt it retried): it names it by id now.
        for i in payments.indices where payments[i].type == .charge && kept.isKept(i) {
            guard let named = payments[i].original.position, !kept.isKept(named) else { continue }
            payments[i].original = PaymentReference(unresolvedId: texts.id(payments[named].id), texts: texts)
        }
        var next = 0
        // Swapped forward, not copied into a new array: the kept records never exist twice.
        payments.withUnsafeMutableBufferPointer { p in
            for i in p.indices where kept.isKept(i) {
                if i != next { p.swapAt(i, next) }
                next += 1
            }
        }
        payments.removeLast(payments.count - next)
        payments.releaseSpareCapacityPages()
        // A refund names a refund (kept) or a charge, which tier 1 made its original (kept); a charge names
        // a kept payment or, from above, an id.
        for i in payments.indices {
            guard let named = payments[i].original.position else { continue }
            payments[i].original = PaymentReference(position: kept.newPosition(named))
        }
        for l in links.indices { links[l].renumberPayments(kept.newPosition) }
        counted.renumberMembers { Int32(kept.newPosition(Int($0))) }
        conversions.renumberPayments(kept.newPosition)
        for o in originalCharges.indices where originalCharges[o] >= 0 {
            originalCharges[o] = Int32(kept.newPosition(Int(originalCharges[o])))
        }
    }
}
