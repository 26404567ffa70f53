/// Raises the refund flags: `method_mismatch`, `currency_mismatch`, `over_refund`, `unmatched_refund`
/// and `ambiguous_match`, and describes every refund for `refunds.csv.gz`.
package struct RefundFlagger {
    let orders: [Order]
    let payments: [Payment]
    /// The pipeline's, in which the refund rows give each refund's day.
    let zone: Zone
    /// The run's texts, in which the methods and the ids no record had are.
    let texts: RunTexts
    /// The refunds' descriptions (a statement line's words), by the row each came from.
    let descriptions: [RowSource: TextCode]
    /// The refunds converted into their cases' currencies: one within the tolerance raises no
    /// `currency_mismatch`.
    let conversions: ConvertedRefunds
    /// Whether the refund rows show the conversions (the run has a rate file).
    let showsConversions: Bool

    package init(
        orders: [Order], payments: [Payment], zone: Zone, texts: RunTexts, descriptions: [RowSource: TextCode] = [:],
        conversions: ConvertedRefunds = ConvertedRefunds(), showsConversions: Bool = false
    ) {
        self.orders = orders
        self.payments = payments
        self.zone = zone
        self.texts = texts
        self.descriptions = descriptions
        self.conversions = conversions
        self.showsConversions = showsConversions
    }

    /// Throws when the refunds against one original sum past what `Int64` holds.
    package func flag(links: [RefundLink]) throws -> (refunds: RefundRows, flags: [ExceptionRow]) {
        // Each link's flags in turn, its `over_refund` after the others: one array of the few flagged links'
        // rows and a bit set a link, where an array of rows a link holds millions of empty ones.
        var overRefunds = try overRefunds(links)[...]
        var flags: [ExceptionRow] = []
        var flagBits = [Flag.Bits](repeating: 0, count: links.count)
        for (l, link) in links.enumerated() {
            let start = flags.count
            flags += matchFlags(link)
            if let (over, row) = overRefunds.first, over == l {
                flags.append(row)
                overRefunds.removeFirst()
            }
            flagBits[l] = flags[start...].reduce(0) { $0 | $1.flag.bit }
        }
        var refunds = RefundRows(
            links: links, flagBits: flagBits, orders: orders, payments: payments, zone: zone, texts: texts,
            descriptions: descriptions)
        if showsConversions { refunds.conversions = conversions }
        return (refunds, flags)
    }

    private func row(_ flag: Flag, _ link: RefundLink, amount: Int64? = nil, detail: String) -> ExceptionRow {
        let refund = payments[link.refund]
        let originalId =
            link.original.map { OriginalFacts($0, orders: orders, payments: payments, texts: texts).paymentId } ?? ""
        return .onRefund(
            flag, refund, orderId: link.orderId(in: orders, texts: texts) ?? "",
            orderPosition: link.order.map(Int32.init) ?? -1,
            originalPaymentId: originalId, amount: amount, detail: detail,
            paymentDate: refund.createdOn(in: zone), description: descriptions[refund.source].flatMap(texts.text) ?? "",
            texts: texts)
    }

    private func matchFlags(_ link: RefundLink) -> [ExceptionRow] {
        let refund = payments[link.refund]
        guard let original = link.original else {
            guard refund.status == .succeeded else { return [] }
            if link.tier == .ambiguous {
                return [
                    row(
                        .ambiguousMatch, link,
                        detail: "\(link.candidateCount) open cases match by amount: \(link.listedCandidates)")
                ]
            }
            return [
                row(
                    .unmatchedRefund, link,
                    detail: "no charge, order or open case of \(refund.currency) "
                        + "\(Money.format(refund.amount, decimals: refund.currency.minorUnit)) matches")
            ]
        }
        guard refund.status != .failed else { return [] }
        let facts = OriginalFacts(original, orders: orders, payments: payments, texts: texts)
        var flags: [ExceptionRow] = []
        let (refundMethod, originalMethod) = (refund.method(in: texts), facts.method(in: texts))
        if PaymentMethod.differ(refundMethod, originalMethod) {
            flags.append(
                row(
                    .methodMismatch, link,
                    detail: "refunded to \(refundMethod!), original paid with \(originalMethod!)"))
        }
        if refund.currency != facts.currency, conversions.credited(link.refund) == nil {
            flags.append(
                row(
                    .currencyMismatch, link,
                    detail: "refund in \(refund.currency), original in \(facts.currency); counts toward nothing"))
        }
        return flags
    }

    /// Per original, the succeeded same-currency refunds in (`created_at`, `payment_id`) order: the one that
    /// passes the original's amount and every later one, each with its own share of the excess; each row
    /// with its link's position, in the links' order.
    private func overRefunds(_ links: [RefundLink]) throws -> [(Int, ExceptionRow)] {
        // The succeeded linked refunds, grouped by original and in time order within each group, in one
        // sorted array: a dictionary of arrays costs about ninety bytes an original.
        var byOriginal: [(original: Int, link: Int32)] = []
        byOriginal.reserveCapacity(links.count)  // grown by doubling, it held both copies at this stage's peak
        for (l, link) in links.enumerated() {
            guard let original = link.original, payments[link.refund].status == .succeeded else { continue }
            byOriginal.append((Self.groupKey(original), Int32(l)))
        }
        byOriginal.sort { a, b in
            a.original != b.original
                ? a.original < b.original
                : Payment.chronological(
                    payments[links[Int(a.link)].refund], payments[links[Int(b.link)].refund], ids: texts.ids)
        }
        var result: [(Int, ExceptionRow)] = []
        var start = 0
        while start < byOriginal.count {
            var end = start + 1
            while end < byOriginal.count, byOriginal[end].original == byOriginal[start].original { end += 1 }
            result += try overRefunds(ofOne: byOriginal[start..<end], links: links)
            start = end
        }
        // A link has one row at most, so the links' order is a total one.
        return result.sorted { $0.0 < $1.0 }
    }

    /// The `over_refund` rows of one original's refunds (`group`, in time order). Their running sum is
    /// checked: refunds that pass what `Int64` holds stop the run, naming the first and the last.
    private func overRefunds(
        ofOne group: ArraySlice<(original: Int, link: Int32)>,
        links: [RefundLink]
    ) throws -> [(Int, ExceptionRow)] {
        let first = links[Int(group.first!.link)]
        let facts = OriginalFacts(first.original!, orders: orders, payments: payments, texts: texts)
        let name = facts.paymentId.isEmpty ? "order \(first.orderId(in: orders, texts: texts) ?? "")" : facts.paymentId
        var result: [(Int, ExceptionRow)] = []
        var sum: Int64 = 0
        for entry in group {
            let l = Int(entry.link)
            let refund = payments[links[l].refund]
            guard refund.currency == facts.currency else { continue }
            let before = sum
            let overflow: Bool
            (sum, overflow) = sum.addingReportingOverflow(refund.amount)
            if overflow {
                throw ReconError.sumTooLarge(
                    what: "refunds against \(name)",
                    rows: [texts.inputLine(payments[first.refund].source), texts.inputLine(refund.source)])
            }
            guard sum > facts.amount else { continue }
            let share = sum - max(before, facts.amount)
            let total = Money.format(sum, decimals: facts.currency.minorUnit)
            let limit = Money.format(facts.amount, decimals: facts.currency.minorUnit)
            result.append(
                (
                    l,
                    row(
                        .overRefund, links[l], amount: share,
                        detail: "refunds against \(name) reach \(total) \(facts.currency), above its \(limit)")
                ))
        }
        return result
    }

    /// Orders an original's refunds together: charges on even keys, orders (their own originals) on odd ones.
    private static func groupKey(_ original: Original) -> Int {
        switch original {
        case .charge(let i): 2 * i
        case .order(let i): 2 * i + 1
        }
    }
}
