/// The workbook's column headers in plain words (`order_id` is "Order ID"); the CSVs keep the names SPEC
/// gives. A column without its own words here is named by its words: `first_flagged_on` is "First flagged on".
enum SheetHeaders {
    /// Headers whose words say more than the column's name.
    static let plainWords: [String: String] = [
        "kind": "Case kind",
        "expected": "Expected refund",
        "settled": "Refunded so far",
        "settled_on": "Settled on",
        "state": "Case state",
        "business_days_elapsed": "Business days since approval",
        "business_days_late": "Business days late",
        "business_days_overdue": "Business days overdue",
        "match": "Matched by",
        "flags": "Flags raised",
        "status": "Refund status",
        "raw": "Row as read",
        "column": "Column at fault",
        "link": "Order link",
        "converted_amount": "Converted to case currency",
        "rate": "Exchange rate",
    ]

    static func title(_ name: String) -> String { plainWords[name] ?? words(name) }

    /// `snake_case` as words, the first capitalised and `id` as "ID".
    static func words(_ name: String) -> String {
        let words = name.split(separator: "_").map { $0 == "id" ? "ID" : String($0) }
        guard let first = words.first else { return name }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }
}
