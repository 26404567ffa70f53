/// The columns that say whom to chase about a case: its counterparty, its original charge and the file that
/// charge came from (`CaseParties`), for any table whose rows carry their order's position.
extension ReportTables {
    static func partyColumns<Row>(
        _ parties: CaseParties, orderPosition: @escaping @Sendable (Row) -> Int
    ) -> [ReportColumn<Row>] {
        [
            .init("counterparty", .text) { .text(parties[orderAt: orderPosition($0)]?.counterparty ?? "") },
            .init("original_payment_id", .id) { .text(parties[orderAt: orderPosition($0)]?.originalPaymentId ?? "") },
            .init("original_file", .text) { .text(parties[orderAt: orderPosition($0)]?.originalFile ?? "") },
        ]
    }
}
