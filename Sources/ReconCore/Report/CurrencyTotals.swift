/// The totals per currency written under a sheet's rows (the Overdue sheet's outstanding money): one row per
/// currency, its amount a formula that adds up the rows the filter shows in that currency
/// (`SUBTOTAL(109, …)` row by row), with the sum of all its rows as the value readers that do not
/// calculate show.
struct CurrencyTotals {
    let labelColumn = 0
    let currencyColumn: Int
    let amountColumn: Int
    private var sums: [Currency: Int64] = [:]

    /// A cell of a totals row.
    struct Total: Equatable {
        enum Content: Equatable {
            case label(String)
            /// A formula, the value it gives with every row shown, and its currency.
            case sum(formula: String, value: Int64, currency: Currency)
        }
        let column: Int
        let content: Content
    }

    /// Nil unless `table` is one of `WorkbookWriter.currencyTotals` with a `currency` column and that amount column.
    init?(of table: ReportTable) {
        guard let amount = WorkbookWriter.currencyTotals[table.name], let a = table.column(named: amount),
            let c = table.column(named: "currency")
        else { return nil }
        currencyColumn = c
        amountColumn = a
    }

    /// Adds a row's amount to its currency's sum; throws when that passes what `Int64` holds.
    mutating func add(_ cells: [Cell]) throws {
        guard case .money(let value, let currency) = cells[amountColumn] else { return }
        let (total, overflow) = sums[currency, default: 0].addingReportingOverflow(value)
        if overflow { throw ReconError.sumTooLarge(what: "the totals in \(currency) of the sheet", rows: []) }
        sums[currency] = total
    }

    /// The totals rows of a sheet whose rows are `firstRow...lastRow` (from 0; row 0 the header), by currency code.
    func rows(firstRow: Int, lastRow: Int) -> [[Total]] {
        let amount = WorkbookWriter.columnLetter(amountColumn)
        let currency = WorkbookWriter.columnLetter(currencyColumn)
        let (first, last) = (firstRow + 1, lastRow + 1)
        return sums.keys.sorted { $0.code < $1.code }.map { code in
            let shown = "SUBTOTAL(109,OFFSET(\(amount)\(first),ROW(\(amount)\(first):\(amount)\(last))-\(first),0))"
            let formula = "=SUMPRODUCT(\(shown)*(\(currency)\(first):\(currency)\(last)=\"\(code.code)\"))"
            return [
                Total(column: labelColumn, content: .label("Total shown")),
                Total(column: currencyColumn, content: .label(code.code)),
                Total(column: amountColumn, content: .sum(formula: formula, value: sums[code]!, currency: code)),
            ]
        }
    }
}
