import Foundation
import Logging
import ReconCore

/// Shows a run's stages: on a terminal (text logs, not quiet) a live line per stage on stderr; otherwise
/// an info log line when each stage ends and debug lines for progress. It is `Sendable`, so that a stage
/// working on another thread may report to it; each call holds its lock, so lines are not interleaved.
final class StageProgress: RunObserver, Sendable {
    private let logger: Logger
    private let console: Console
    private let live: Bool
    /// When each stage started.
    private let started = Locked<[String: ContinuousClock.Instant]>([:])

    init(logger: Logger, options: LogOptions, console: Console) {
        self.logger = logger
        self.console = console
        live = console.errorIsTerminal && options.logFormat == .text && !options.quiet
    }

    func stageStarted(_ stage: String) {
        started.withLock { started in
            started[stage] = ContinuousClock.now
            if live { write("\r\u{1B}[2K  \(stage) …") }
        }
    }

    func progress(_ stage: String, rows: Int, bytes: Int, totalBytes: Int) {
        started.withLock { started in
            let start = started[stage] ?? ContinuousClock.now
            report(stage, rows: rows, bytes: bytes, totalBytes: totalBytes, startedAt: start)
        }
    }

    private func report(
        _ stage: String, rows: Int, bytes: Int, totalBytes: Int,
        startedAt start: ContinuousClock.Instant
    ) {
        let elapsed = seconds(since: start)
        let rate = elapsed > 0 ? Int(Double(rows) / elapsed) : 0
        let read = "\(bytes / 1_000_000) MB of \(totalBytes / 1_000_000) MB"
        if live {
            write("\r\u{1B}[2K  \(stage)  \(rows.grouped) rows  \(rate.grouped) rows/s  \(read)")
        } else {
            logger.debug(
                "\(stage) reading",
                metadata: [
                    "rows": "\(rows)", "rows_per_second": "\(rate)",
                    "bytes": "\(bytes)", "total_bytes": "\(totalBytes)",
                ])
        }
    }

    func stageFinished(_ stage: String, seconds: Double, rows: Int?) {
        // Held so that a line is not written over another thread's.
        started.withLock { _ in finished(stage, seconds: seconds, rows: rows) }
    }

    private func finished(_ stage: String, seconds: Double, rows: Int?) {
        let time = String(format: "%.2f s", seconds)
        if live {
            let rowText = rows.map { "\($0.grouped) rows, " } ?? ""
            write("\r\u{1B}[2K  \(stage)  \(rowText)\(time)\n")
        } else {
            var metadata: Logger.Metadata = ["seconds": "\(String(format: "%.3f", seconds))"]
            if let rows { metadata["rows"] = "\(rows)" }
            logger.info("\(stage) done", metadata: metadata)
        }
    }

    private func write(_ text: String) { console.writeError(text) }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

extension Int {
    /// `1234567` as `1,234,567`.
    var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
