/// The two kinds of input. Their canonical columns are listed once, in `CanonicalColumn`; the lists here
/// are derived from it and built once, since they are asked for on every field of every row.
package enum SourceKind: String, Sendable, CaseIterable {
    case orders, payments

    /// SPEC's canonical columns of this kind, in file order.
    var canonicalColumns: [CanonicalColumn] {
        self == .orders ? CanonicalColumn.orderColumns : CanonicalColumn.paymentColumns
    }

    /// The canonical columns' names, in file order.
    package var columns: [String] { self == .orders ? Self.orderNames : Self.paymentNames }

    /// Where `column` stands in `columns`: a short scan of small strings. Rows use `CanonicalColumn`, which
    /// looks this up once.
    package func position(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// The columns every file of this kind must have, in file order.
    package var required: [String] { self == .orders ? Self.orderRequired : Self.paymentRequired }

    /// Columns holding timestamps, read through a format's date layout.
    package var dateColumns: Set<String> { self == .orders ? Self.orderDates : Self.paymentDates }

    /// Columns holding amounts, read through a format's number style.
    package var amountColumns: Set<String> { self == .orders ? Self.orderAmounts : Self.paymentAmounts }

    private static let orderNames = SourceKind.orders.canonicalColumns.map(\.name)
    private static let paymentNames = SourceKind.payments.canonicalColumns.map(\.name)
    private static let orderRequired = SourceKind.orders.names { $0.isRequired }
    private static let paymentRequired = SourceKind.payments.names { $0.isRequired }
    private static let orderDates = Set(SourceKind.orders.names { $0.content == .timestamp })
    private static let paymentDates = Set(SourceKind.payments.names { $0.content == .timestamp })
    private static let orderAmounts = Set(SourceKind.orders.names { $0.content == .amount })
    private static let paymentAmounts = Set(SourceKind.payments.names { $0.content == .amount })

    private func names(where include: (CanonicalColumn) -> Bool) -> [String] {
        canonicalColumns.filter(include).map(\.name)
    }
}
