// Shared by the tests and the libFuzzer target Tests/Fuzz/FuzzPipeline.swift, which links it against
// ReconCore built by SwiftPM: only ReconCore's public surface is used.
import Foundation
import ReconCore

/// One run of the whole pipeline on a fuzzer's input: small canonical inputs and options the input chooses.
/// Whatever the input, the run must complete or stop with a `ReconError` (never crash, hang or throw
/// anything else), and a completed run's counts must add up: every row read is used, skipped or rejected,
/// every reject is reported once, and the rejected CSV holds exactly those rows.
///
/// Input layout: the first byte chooses options (its bits: business days, max_reject_rate, time zone, the
/// canonical headers, whether the report is written or the run only reconciles, ten times faster); the rest
/// is the orders CSV and the payments CSV, split at the first 0x1E byte.
enum PipelineFuzzRun {
    static let orderHeader =
        "order_id,placed_at,currency,total,payment_method,country,seller_type,customer,status,"
        + "cancel_approved_at,refund_requested_at,refund_approved_at,refund_amount\n"
    static let paymentHeader =
        "payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status\n"

    /// What went wrong, empty when nothing did. Inputs and the report are written in `folder`, replacing
    /// what a previous input left there.
    static func problems(_ input: [UInt8], in folder: String) -> [String] {
        guard let options = input.first else { return [] }
        let body = input.dropFirst()
        let split = body.firstIndex(of: 0x1E) ?? body.endIndex
        let headers = (options & 16) == 0
        let orders = folder + "/orders.csv"
        let payments = folder + "/payments.csv"
        let written =
            FileManager.default.createFile(
                atPath: orders, contents: Data((headers ? Array(orderHeader.utf8) : []) + body[..<split]))
            && FileManager.default.createFile(
                atPath: payments,
                contents: Data(
                    (headers ? Array(paymentHeader.utf8) : [])
                        + (split < body.endIndex ? Array(body[(split + 1)...]) : [])))
        guard written else { return ["cannot write the inputs in \(folder)"] }
        let pipeline = Pipeline(
            configuration: configuration(options, orders: orders, payments: payments), origin: "fuzz")
        do {
            if (options & 32) == 0 {
                return problems(try pipeline.run(output: folder + "/report").result, report: folder + "/report")
            }
            return problems(try pipeline.reconcile(), report: nil)
        } catch is ReconError {
            return []  // a stop that names its reason
        } catch {
            return ["the run threw something other than a ReconError: \(error)"]
        }
    }

    /// The run's configuration, chosen by the input's first byte.
    static func configuration(_ options: UInt8, orders: String, payments: String) -> RunConfiguration {
        var config = RunConfiguration()
        config.orders = [SourceSpec(path: orders)]
        config.payments = [SourceSpec(path: payments)]
        config.asOf = CivilDate(iso: "2026-06-30")
        config.businessDayLimit = [20, 1, 5, 366][Int(options & 3)]
        config.maxRejectRate = (options & 4) == 0 ? 1 : 0.05
        config.zone = Zone(identifier: (options & 8) == 0 ? "UTC" : "America/Santiago")!
        config.windowRules = [WindowRule(parsing: "BR/*=60")!]
        return config
    }

    /// Every row read is used, skipped or rejected; each reject reported once, in the result and in the
    /// report's rejected CSV when one was written.
    static func problems(_ result: Pipeline.Result, report: String?) -> [String] {
        var problems: [String] = []
        for stats in result.stats {
            if stats.rowsRead != stats.used + stats.skippedTotal + stats.rejected {
                problems.append("counts of \(stats)")
            }
            if result.rejected.filter({ $0.file == stats.path }).count != stats.rejected {
                problems.append("rejects of \(stats.path)")
            }
        }
        guard let report else { return problems }
        let manifest = (try? Data(contentsOf: URL(fileURLWithPath: report + "/manifest.json")))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let outputs = manifest?["outputs"] as? [[String: Any]] ?? []
        let rows = outputs.first { $0["name"] as? String == "rejected.csv.gz" }?["rows"] as? Int
        if rows != result.rejected.count {
            problems.append("rejected.csv.gz holds \(rows ?? -1) rows, not \(result.rejected.count)")
        }
        return problems
    }
}
