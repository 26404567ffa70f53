/// Where a sheet shows a table otherwise than its CSV does.
extension ReportTables {
    /// The Exceptions sheet: the CSV's columns, with `business_days` split by what it counts, so that each
    /// column has one meaning ("Business days late" on `late` rows, "Business days overdue" on `overdue` rows).
    package static func exceptionsSheet(_ rows: [ExceptionRow], firstFlagged: FirstFlagged) -> ReportTable {
        ReportTable(name: "exceptions", rows: rows, columns: exceptionSheetColumns(firstFlagged: firstFlagged))
    }

    static func exceptionSheetColumns(firstFlagged: FirstFlagged) -> [ReportColumn<ExceptionRow>] {
        exceptionColumns(firstFlagged: firstFlagged).flatMap { column -> [ReportColumn<ExceptionRow>] in
            guard column.column.name == "business_days" else { return [column] }
            return [
                .init("business_days_late", .integer) { .optionalInteger($0.flag == .late ? $0.businessDays : nil) },
                .init("business_days_overdue", .integer) {
                    .optionalInteger($0.flag == .overdue ? $0.businessDays : nil)
                },
            ]
        }
    }
}
