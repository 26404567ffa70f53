/// The tables behind the outputs, with columns in the order SPEC gives.
public enum ReportTables {
    public static func exceptions(_ rows: [ExceptionRow]) -> ReportTable {
        ReportTable(name: "exceptions", columns: [
            Column("flag", .text), Column("order_id", .id), Column("payment_id", .id),
            Column("original_payment_id", .id), Column("currency", .text), Column("amount", .money),
            Column("approved_on", .date), Column("due_on", .date), Column("settled_on", .date),
            Column("business_days", .integer), Column("detail", .longText),
        ], rowCount: rows.count) { i in
            let r = rows[i]
            return [.text(r.flag.rawValue), .text(r.orderId), .text(r.paymentId), .text(r.originalPaymentId),
                    .text(r.currency.code), .money(r.amount, r.currency), .optionalDate(r.approvedOn),
                    .optionalDate(r.dueOn), .optionalDate(r.settledOn), .optionalInteger(r.businessDays), .text(r.detail)]
        }
    }

    public static func cases(_ rows: [CaseRow]) -> ReportTable {
        ReportTable(name: "cases", columns: [
            Column("order_id", .id), Column("kind", .text), Column("approved_on", .date), Column("due_on", .date),
            Column("currency", .text), Column("expected", .money), Column("settled", .money),
            Column("outstanding", .money), Column("settled_on", .date), Column("state", .text),
            Column("business_days_elapsed", .integer),
        ], rowCount: rows.count) { i in
            let r = rows[i]
            return [.text(r.orderId), .text(r.kind.rawValue), .date(r.approvedOn), .date(r.dueOn), .text(r.currency.code),
                    .money(r.expected, r.currency), .money(r.settled, r.currency), .money(r.outstanding, r.currency),
                    .optionalDate(r.settledOn), .text(r.state.rawValue), .integer(r.businessDaysElapsed)]
        }
    }

    public static func refunds(_ rows: RefundRows) -> ReportTable {
        ReportTable(name: "refunds", columns: [
            Column("payment_id", .id), Column("status", .text), Column("created_on", .date), Column("currency", .text),
            Column("amount", .money), Column("payment_method", .text), Column("order_id", .id),
            Column("original_payment_id", .id), Column("original_method", .text), Column("match", .text),
            Column("flags", .text),
        ], rowCount: rows.count) { i in
            let r = rows[i]
            return [.text(r.paymentId), .text(r.status.rawValue), .date(r.createdOn), .text(r.currency.code),
                    .money(r.amount, r.currency), .optionalText(r.paymentMethod(in: rows.texts)), .text(r.orderId),
                    .text(r.originalPaymentId), .optionalText(r.originalMethod(in: rows.texts)), .text(r.match.rawValue),
                    .text(r.flags.map(\.rawValue).joined(separator: ";"))]
        }
    }

    public static func rejected(_ rows: [RejectedRow]) -> ReportTable {
        ReportTable(name: "rejected", columns: [
            Column("source", .text), Column("file", .text), Column("line", .integer), Column("column", .text),
            Column("reason", .longText), Column("raw", .longText),
        ], rowCount: rows.count) { i in
            let r = rows[i]
            return [.text(r.source), .text(r.file), .integer(r.line), .text(r.column), .text(r.reason), .text(r.raw)]
        }
    }

    /// Overdue cases, most days overdue first: the finance team's work list. Without `customers`, the
    /// customer column is left out. The orders' texts are in `texts`.
    public static func overdue(_ exceptions: [ExceptionRow], orders: [Order], texts: RunTexts,
                               customers: Bool = true) -> ReportTable {
        let rows = exceptions.filter { $0.flag == .overdue }
            .sorted { ($0.businessDays ?? 0, $1.orderId) > ($1.businessDays ?? 0, $0.orderId) }
        let columns = [
            Column("order_id", .id), Column("approved_on", .date), Column("due_on", .date),
            Column("business_days_overdue", .integer), Column("currency", .text), Column("outstanding", .money),
            Column("payment_method", .text), Column("country", .text), Column("customer", .text),
            Column("order_status", .text), Column("detail", .longText),
        ].filter { customers || $0.name != "customer" }
        return ReportTable(name: "overdue", columns: columns, rowCount: rows.count) { i in
            let r = rows[i]
            let order = r.order < 0 ? nil : orders[Int(r.order)]
            let customer: [Cell] = customers ? [.optionalText(order?.customer)] : []
            return [.text(r.orderId), .optionalDate(r.approvedOn), .optionalDate(r.dueOn), .optionalInteger(r.businessDays),
                    .text(r.currency.code), .money(r.amount, r.currency), .optionalText(order?.method(in: texts)),
                    .optionalText(order?.country(in: texts))]
                + customer + [.optionalText(order?.status(in: texts)), .text(r.detail)]
        }
    }
}
