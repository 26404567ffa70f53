/// The files a report folder holds: what a run writes, and all that a folder may hold for a later run to
/// recognise it as a previous report and replace it.
enum ReportFile: String, CaseIterable {
    case exceptions = "exceptions.csv.gz"
    case cases = "cases.csv.gz"
    case refunds = "refunds.csv.gz"
    case rejected = "rejected.csv.gz"
    case watchlist = "watchlist.csv.gz"
    case workbook = "reconciliation.xlsx"
    case manifest = "manifest.json"
}
