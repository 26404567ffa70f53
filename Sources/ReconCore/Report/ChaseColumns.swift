/// The columns that say whom to chase about a case: its counterparty, its original charge and the file that
/// charge came from (`CaseParties`), for any table whose rows carry their order's position.
extension ReportTables {
    static func partyColumns<Row>(
        _ parties: CaseParties, orderPosition: @escaping @Sendable (Row) -> Int
    ) -> [ReportColumn<Row>] {
        [
            // Each column asks for its own part of the party: the whole would look two texts up in the run's
            // table at every cell.
            .init("counterparty", .text) { .text(parties.counterparty(ofOrderAt: orderPosition($0)) ?? "") },
            .init("original_payment_id", .id) {
                .text(parties.originalPaymentId(ofOrderAt: orderPosition($0)) ?? "")
            },
            .init("original_file", .text) { .text(parties.originalFile(ofOrderAt: orderPosition($0)) ?? "") },
        ]
    }
}
