import ArgumentParser
import Foundation
import ReconCore

struct Generate: ReconCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic canonical inputs of any size, the same for the same seed (for benchmarks).",
        discussion: """
            recon generate --orders 1000000 --seed 1 --out bench/data/1m   (then: recon run bench/data/1m/pipeline.yml)
            Writes orders.csv (exactly the orders asked for), payments.csv, holidays.txt (US federal holidays) and \
            pipeline.yml, which runs them as of 2026-06-30 into a report folder beside them.
            """)

    @Option(help: "How many orders (payments come to about 1.2 per order).")
    var orders: Int
    @Option(help: "Seed: the same seed and size give the same bytes.")
    var seed: UInt64 = 1
    @Option(help: "Share of rows written damaged, to be rejected.")
    var damagedShare: Double = 0.001
    @Option(help: "Folder for orders.csv, payments.csv, holidays.txt and pipeline.yml.")
    var out: String

    func validate() throws {
        guard orders > 0 else { throw ValidationError("--orders must be at least 1") }
        guard (0...1).contains(damagedShare) else { throw ValidationError("--damaged-share must be between 0 and 1") }
    }

    func run(console: Console) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var generator = InputGenerator(orders: orders, seed: seed)
        generator.damagedShare = damagedShare
        let counts = try generator.write(ordersTo: out + "/orders.csv", paymentsTo: out + "/payments.csv")
        try generator.writeRunFiles(into: out)
        console.print(
            TerminalText.safe(
                "recon generate: \(counts.orders) orders, \(counts.payments) payments, "
                    + "\(counts.bytes / 1_000_000) MB in \(out) (run: recon run \(out)/\(GeneratedRun.pipelineFile))"))
    }
}
