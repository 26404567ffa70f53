/// The stages of a run, by the names the manifest's `timings` and the run's observer give them
/// (bench/run_bench.py reads them from the manifest; `StageTests` checks the ones it groups by are here).
package enum Stage: String, Sendable, CaseIterable {
    case ingestOrders = "ingest_orders"
    case ingestPayments = "ingest_payments"
    case match
    case casesAndFlags = "cases_and_flags"
    case reportCSV = "report_csv"
    case reportXLSX = "report_xlsx"

    /// Reading the sources of `kind`.
    package static func ingest(_ kind: SourceKind) -> Stage {
        switch kind {
        case .orders: .ingestOrders
        case .payments: .ingestPayments
        }
    }
}
