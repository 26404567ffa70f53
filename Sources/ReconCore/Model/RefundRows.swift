/// The rows of `refunds.csv.gz`, one per link, made when read from the links, the records and each
/// refund's flags: a stored row per refund would copy three ids and more (80 bytes a refund) that the
/// links and records already hold.
public struct RefundRows: RandomAccessCollection, Equatable, Sendable {
    let links: [RefundLink]
    /// The flags of each link's refund, by the link's position.
    let flagBits: [Flag.Bits]
    let orders: [Order]
    let payments: [Payment]
    /// The pipeline's, in which each refund's day is given.
    let zone: Zone
    /// The run's texts, in which the ids no record had are.
    let texts: RunTexts
    /// The refunds' descriptions, by the row each came from.
    var descriptions: [RowSource: TextCode] = [:]
    /// The refunds converted into their cases' currencies; nil when the run has no rate file (then the rows
    /// have no conversion columns).
    package var conversions: ConvertedRefunds?

    public var startIndex: Int { 0 }
    public var endIndex: Int { links.count }

    public subscript(position: Int) -> RefundRow {
        let link = links[position]
        let refund = payments[link.refund]
        let original = link.original.map { OriginalFacts($0, orders: orders, payments: payments, texts: texts) }
        return RefundRow(
            paymentId: texts.id(refund.id), orderId: link.orderId(in: orders, texts: texts) ?? "",
            originalPaymentId: original?.paymentId ?? "",
            amount: refund.amount, createdOn: refund.createdOn(in: zone), paymentMethodCode: refund.methodCode,
            originalMethodCode: original?.methodCode ?? .none,
            descriptionCode: descriptions[refund.source] ?? .none, currency: refund.currency,
            status: refund.status, match: link.tier, flagBits: flagBits[position],
            conversion: conversions?[link.refund]?.conversion)
    }

    /// Equal when every row says the same; methods and descriptions are compared as texts, since each run
    /// codes them in its own table.
    public static func == (a: RefundRows, b: RefundRows) -> Bool {
        a.elementsEqual(b) { x, y in
            var (x, y) = (x, y)
            let texts = (
                a.texts.text(x.paymentMethodCode), a.texts.text(x.originalMethodCode), a.texts.text(x.descriptionCode)
            )
            guard
                texts == (
                    b.texts.text(y.paymentMethodCode), b.texts.text(y.originalMethodCode),
                    b.texts.text(y.descriptionCode)
                )
            else { return false }
            (x.paymentMethodCode, x.originalMethodCode, x.descriptionCode) = (.none, .none, .none)
            (y.paymentMethodCode, y.originalMethodCode, y.descriptionCode) = (.none, .none, .none)
            return x == y
        }
    }
}
