/// The columns that say whom to chase about a case: its counterparty, its original charge and the file that
/// charge came from (`CaseParties`), for any table whose rows name their order.
extension ReportTables {
    static func partyColumns<Row>(
        _ parties: CaseParties, orderId: @escaping @Sendable (Row) -> String
    ) -> [ReportColumn<Row>] {
        [
            .init("counterparty", .text) { .text(parties[orderId($0)]?.counterparty ?? "") },
            .init("original_payment_id", .id) { .text(parties[orderId($0)]?.originalPaymentId ?? "") },
            .init("original_file", .text) { .text(parties[orderId($0)]?.originalFile ?? "") },
        ]
    }
}
