extension RefundMatcher {
    /// Converts the succeeded refunds linked in tiers 1–2 whose currency is not their case's (none without a
    /// rate file). Each case's counting refunds are walked in (`created_at`, `payment_id`) order: one in the
    /// case's currency lowers what it owes; one in another currency, converted at its day's rates, counts
    /// for all it still owes when within the tolerance of that, else for nothing.
    func convertLinkedRefunds(_ links: [RefundLink]) -> ConvertedRefunds {
        var conversions = ConvertedRefunds()
        guard let converter else { return conversions }
        var refundsByOrder: [Int: [Int]] = [:]
        for link in links where isLinkedInAnotherCurrency(link) { refundsByOrder[link.order!] = [] }
        guard !refundsByOrder.isEmpty else { return conversions }
        for link in links where link.tier == .reference || link.tier == .order {
            guard let order = link.order, refundsByOrder[order] != nil else { continue }
            if isLinkedInAnotherCurrency(link) || countsTowardCase(link, conversions) {
                refundsByOrder[order]!.append(link.refund)
            }
        }
        for (order, refunds) in refundsByOrder {
            convert(
                refunds.sorted { Payment.chronological(payments[$0], payments[$1], ids: texts.ids) }, ofOrder: order,
                converter: converter, into: &conversions)
        }
        return conversions
    }

    /// Whether a link of tier 1 or 2 ties a succeeded refund to a case in another currency than its own.
    private func isLinkedInAnotherCurrency(_ link: RefundLink) -> Bool {
        guard link.tier == .reference || link.tier == .order, let order = link.order,
            RefundCase(order: orders[order]) != nil
        else { return false }
        let refund = payments[link.refund]
        return refund.status == .succeeded && refund.currency != orders[order].currency
    }

    /// Walks one case's counting `refunds`, in time order (see `convertLinkedRefunds`).
    private func convert(
        _ refunds: [Int], ofOrder order: Int, converter: CurrencyConverter, into conversions: inout ConvertedRefunds
    ) {
        let currency = orders[order].currency
        var owed = RefundCase(order: orders[order])!.expected
        for r in refunds {
            let refund = payments[r]
            guard refund.currency != currency else {
                owed = max(0, owed - refund.amount)  // both non-negative: cannot overflow
                continue
            }
            guard
                let conversion = converter.convert(
                    refund.amount, from: refund.currency, to: currency, on: refund.createdOn(in: zone))
            else { continue }
            let credited = converter.isWithinTolerance(conversion.amount, of: owed) ? owed : nil
            conversions.record(.init(conversion: conversion, owed: owed, credited: credited), refund: r)
            owed -= credited ?? 0
        }
    }
}
