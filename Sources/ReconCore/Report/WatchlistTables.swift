/// The watchlist's table, and the `dispute_by` column of the cases and the Overdue sheet.
extension ReportTables {
    package static func watchlist(_ rows: [WatchRow]) -> ReportTable {
        ReportTable(name: "watchlist", rows: rows, columns: watchlistColumns)
    }

    /// The Watchlist sheet: the CSV's columns, with the deadline's kind and the order's status named so
    /// (the sheets' "Case kind" and "Refund status" say something else).
    package static func watchlistSheet(_ rows: [WatchRow]) -> ReportTable {
        let renamed = ["kind": "deadline", "status": "order_status"]
        let columns = watchlistColumns.map { column -> ReportColumn<WatchRow> in
            guard let name = renamed[column.column.name] else { return column }
            return ReportColumn(name, column.column.kind, column.value)
        }
        return ReportTable(name: "watchlist", rows: rows, columns: columns)
    }

    static let watchlistColumns: [ReportColumn<WatchRow>] = [
        .init("order_id", .id) { .text($0.orderId) },
        .init("kind", .text) { .text($0.kind.rawValue) },
        .init("closes_on", .date) { .date($0.closesOn) },
        .init("days_left", .integer) { .integer($0.daysLeft) },
        .init("currency", .text) { .text($0.currency.code) },
        .init("amount", .money) { .money($0.amount, $0.currency) },
        .init("payment_method", .text) { .optionalText($0.paymentMethod) },
        .init("status", .text) { .optionalText($0.status) },
        .init("detail", .longText) { .text($0.detail) },
    ]

    /// `dispute_by`: the last day to dispute the case of the row's order (`orderId`), empty when it has none.
    static func disputeByColumn<Row>(_ disputeBy: [String: CivilDate], orderId: @escaping @Sendable (Row) -> String)
        -> ReportColumn<Row>
    {
        .init("dispute_by", .date) { .optionalDate(disputeBy[orderId($0)]) }
    }
}
