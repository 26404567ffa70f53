/// The tables behind the outputs, each a list of columns in the order SPEC gives. The CSVs, the sheets and
/// the Summary are written from these lists; highlighting and the Summary find a column by its name.
package enum ReportTables {
    /// The exceptions, each with the date it was first flagged (`firstFlagged`).
    package static func exceptions(_ rows: [ExceptionRow], firstFlagged: FirstFlagged) -> ReportTable {
        ReportTable(name: "exceptions", rows: rows, columns: exceptionColumns(firstFlagged: firstFlagged))
    }

    /// The cases, each with the date it was first flagged (`firstFlagged`) and whom to chase about it
    /// (`parties`).
    /// The last day to dispute each overdue case with a dispute window (`disputeBy`) closes the columns.
    package static func cases(
        _ rows: [CaseRow], firstFlagged: FirstFlagged, parties: CaseParties = CaseParties(),
        disputeBy: [String: CivilDate] = [:]
    ) -> ReportTable {
        ReportTable(
            name: "cases", rows: rows,
            columns: caseColumns(firstFlagged: firstFlagged) + partyColumns(parties) { Int($0.order) }
                + [disputeByColumn(disputeBy) { $0.orderId }])
    }

    /// The refunds; with the conversion columns last when the run has a rate file.
    package static func refunds(_ rows: RefundRows) -> ReportTable {
        ReportTable(
            name: "refunds", rows: rows,
            columns: refundColumns(texts: rows.texts) + (rows.conversions == nil ? [] : conversionColumns))
    }

    package static func rejected(_ rows: [RejectedRow]) -> ReportTable {
        ReportTable(name: "rejected", rows: rows, columns: rejectedColumns)
    }

    /// Overdue cases, most days overdue first: the finance team's work list, with whom to chase
    /// (`parties`) and the team's notes (`followUps`, when the pipeline has a follow-up file). Without
    /// `customers`, the customer column is left out. The orders' texts are in `texts`; `disputeBy` gives
    /// each case's last day to dispute, when its method has a dispute window.
    package static func overdue(
        _ exceptions: [ExceptionRow], orders: [Order], texts: RunTexts,
        customers: Bool = true, parties: CaseParties = CaseParties(), followUps: FollowUps? = nil,
        disputeBy: [String: CivilDate] = [:]
    ) -> ReportTable {
        let rows = OverdueRows(exceptions: exceptions, orders: orders)
        var columns = overdueColumns(customers: customers, texts: texts)
        let extra =
            partyColumns(parties) { (row: OverdueRow) in Int(row.flag.order) }
            + [disputeByColumn(disputeBy) { (row: OverdueRow) in row.flag.orderId }]
            + (followUps?.columns { (row: OverdueRow) in row.flag.orderId } ?? [])
        // Before the long detail, which stays last.
        columns.insert(contentsOf: extra, at: columns.count - 1)
        return ReportTable(name: "overdue", rows: rows, columns: columns)
    }

    static func exceptionColumns(firstFlagged: FirstFlagged) -> [ReportColumn<ExceptionRow>] {
        [
            .init("flag", .text) { .text($0.flag.name) },
            .init("order_id", .id) { .text($0.orderId) },
            .init("payment_id", .id) { .text($0.paymentId) },
            .init("original_payment_id", .id) { .text($0.originalPaymentId) },
            .init("currency", .text) { .text($0.currency.code) },
            .init("amount", .money) { .money($0.amount, $0.currency) },
            .init("approved_on", .date) { .optionalDate($0.approvedOn) },
            .init("due_on", .date) { .optionalDate($0.dueOn) },
            .init("settled_on", .date) { .optionalDate($0.settledOn) },
            .init("business_days", .integer) { .optionalInteger($0.businessDays) },
            .init("detail", .longText) { .text($0.detail) },
            .init("first_flagged_on", .date) { .date(firstFlagged.date(for: $0)) },
            .init("payment_date", .date) { .optionalDate($0.paymentDate) },
            .init("description", .longText) { .text($0.description) },
        ]
    }

    static func caseColumns(firstFlagged: FirstFlagged) -> [ReportColumn<CaseRow>] {
        [
            .init("order_id", .id) { .text($0.orderId) },
            .init("kind", .text) { .text($0.kind.rawValue) },
            .init("approved_on", .date) { .date($0.approvedOn) },
            .init("due_on", .date) { .date($0.dueOn) },
            .init("currency", .text) { .text($0.currency.code) },
            .init("expected", .money) { .money($0.expected, $0.currency) },
            .init("settled", .money) { .money($0.settled, $0.currency) },
            .init("outstanding", .money) { .money($0.outstanding, $0.currency) },
            .init("settled_on", .date) { .optionalDate($0.settledOn) },
            .init("state", .text, highlight: .caseState) { .text($0.state.rawValue) },
            .init("business_days_elapsed", .integer) { .integer($0.businessDaysElapsed) },
            .init("first_flagged_on", .date) { .date(firstFlagged.date(for: $0)) },
        ]
    }

    /// The refunds' columns; their methods are texts of the run's table.
    static func refundColumns(texts: RunTexts) -> [ReportColumn<RefundRow>] {
        [
            .init("payment_id", .id) { .text($0.paymentId) },
            .init("status", .text) { .text($0.status.rawValue) },
            .init("created_on", .date) { .date($0.createdOn) },
            .init("currency", .text) { .text($0.currency.code) },
            .init("amount", .money) { .money($0.amount, $0.currency) },
            .init("payment_method", .text) { .optionalText($0.paymentMethod(in: texts)) },
            .init("order_id", .id) { .text($0.orderId) },
            .init("original_payment_id", .id) { .text($0.originalPaymentId) },
            .init("original_method", .text) { .optionalText($0.originalMethod(in: texts)) },
            .init("match", .text) { .text($0.match.rawValue) },
            .init("flags", .text) { .text($0.flags.map(\.name).joined(separator: ";")) },
            .init("description", .longText) { .optionalText($0.description(in: texts)) },
        ]
    }

    /// A converted refund's amount in its case's currency and the rate it was converted at; empty otherwise.
    static let conversionColumns: [ReportColumn<RefundRow>] = [
        .init("converted_amount", .money) { row in row.conversion.map { .money($0.amount, $0.currency) } ?? .empty },
        .init("rate", .decimal) { row in row.conversion.map { .decimal($0.rate) } ?? .empty },
    ]

    static let rejectedColumns: [ReportColumn<RejectedRow>] = [
        .init("source", .text) { .text($0.source) },
        .init("file", .text) { .text($0.file) },
        .init("line", .integer) { .integer($0.line) },
        .init("column", .text) { .text($0.column) },
        .init("reason", .longText) { .text($0.reason) },
        .init("raw", .longText) { .text($0.raw) },
    ]

    /// The Overdue sheet's columns; the customer's only when `customers`. The orders' texts are in `texts`.
    static func overdueColumns(customers: Bool, texts: RunTexts) -> [ReportColumn<OverdueRow>] {
        [
            .init("order_id", .id) { .text($0.flag.orderId) },
            .init("approved_on", .date) { .optionalDate($0.flag.approvedOn) },
            .init("due_on", .date) { .optionalDate($0.flag.dueOn) },
            .init("business_days_overdue", .integer, highlight: .daysOverdue) {
                .optionalInteger($0.flag.businessDays)
            },
            .init("currency", .text) { .text($0.flag.currency.code) },
            .init("outstanding", .money) { .money($0.flag.amount, $0.flag.currency) },
            .init("payment_method", .text) { .optionalText($0.order?.method(in: texts)) },
            .init("country", .text) { .optionalText($0.order?.country(in: texts)) },
            .init("customer", .text) { .optionalText($0.order?.customer) },
            .init("order_status", .text) { .optionalText($0.order?.status(in: texts)) },
            .init("detail", .longText) { .text($0.flag.detail) },
        ].filter { customers || $0.column.name != "customer" }
    }
}

/// A row of the Overdue sheet: an `overdue` flag and its order, when the orders input has it.
struct OverdueRow: Sendable {
    let flag: ExceptionRow
    let order: Order?
}

/// The Overdue sheet's rows, made when read from the run's exceptions and orders, which the run holds
/// anyway: a held row would copy its flag and its order (224 bytes an overdue case).
struct OverdueRows: RandomAccessCollection, Sendable {
    private let exceptions: [ExceptionRow]
    private let orders: [Order]
    /// The `overdue` exceptions' positions, in the sheet's order (`SummaryMoney.overdueSheetOrder`).
    private let positions: [Int32]

    init(exceptions: [ExceptionRow], orders: [Order]) {
        self.exceptions = exceptions
        self.orders = orders
        positions = exceptions.indices.lazy.filter { exceptions[$0].flag == .overdue }.map(Int32.init)
            .sorted { SummaryMoney.overdueSheetOrder(exceptions[Int($0)], exceptions[Int($1)]) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { positions.count }

    subscript(position: Int) -> OverdueRow {
        let flag = exceptions[Int(positions[position])]
        return OverdueRow(flag: flag, order: flag.order < 0 ? nil : orders[Int(flag.order)])
    }
}
