/// After matching, nothing reads a charge that no refund reverses: the cases count refunds, the flags and
/// the refund rows read refunds and their originals. Those charges are most of the payments (56 bytes
/// each), so they are dropped in place before the cases, flags and report.
enum LinkedPayments {
    /// Keeps, in input order, the refunds and the charges that are some link's original, gives the memory
    /// of the rest back, and renumbers the links, the counted and the converted refunds to the kept positions.
    static func keep(
        _ payments: inout [Payment], links: inout [RefundLink], counted: inout IndicesByOrder,
        conversions: inout ConvertedRefunds
    ) {
        let linkedCharge: Int32 = -2
        var newPosition = [Int32](repeating: -1, count: payments.count)
        for link in links {
            if case .charge(let c) = link.original { newPosition[c] = linkedCharge }
        }
        var kept = 0
        // Swapped forward, not copied into a new array: the kept records never exist twice.
        payments.withUnsafeMutableBufferPointer { p in
            for i in p.indices where p[i].type == .refund || newPosition[i] == linkedCharge {
                if i != kept { p.swapAt(i, kept) }
                newPosition[i] = Int32(kept)
                kept += 1
            }
        }
        payments.removeLast(payments.count - kept)
        payments.releaseSpareCapacityPages()
        // A refund names a refund (kept) or a charge, which tier 1 made its original (kept).
        for i in payments.indices {
            guard let named = payments[i].original.position else { continue }
            precondition(newPosition[named] >= 0, "a named payment is kept")
            payments[i].original = PaymentReference(position: Int(newPosition[named]))
        }
        for l in links.indices { links[l].renumberPayments { Int(newPosition[$0]) } }
        counted.renumberMembers { newPosition[Int($0)] }
        conversions.renumberPayments { Int(newPosition[$0]) }
    }
}
