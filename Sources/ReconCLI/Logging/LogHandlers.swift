import Foundation
import Logging
import ReconCore

/// Log lines on stderr: `recon: message key=value …` as text, or one JSON object a line.
struct StderrLogHandler: LogHandler {
    let label: String
    let json: Bool
    let console: Console
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        // Messages and values quote file names and data: made safe to print, in either format.
        let message = TerminalText.safeLines(event.message.description)
        let extra = event.metadata
        let all = metadata.merging(extra ?? [:]) { $1 }.mapValues { TerminalText.safe("\($0)") }
        let text: String
        if json {
            var object: [String: Any] = [
                "time": ISO8601DateFormatter().string(from: Date()), "level": level.rawValue,
                "message": message, "logger": label,
            ]
            for (key, value) in all { object[key] = value }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        } else {
            let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let prefix = level >= .warning ? "\(level.rawValue): " : ""
            text = "recon: \(prefix)\(message)" + (pairs.isEmpty ? "" : " " + pairs)
        }
        console.printError(text)
    }
}

extension LogOptions {
    /// The command's logger, writing to `console`'s standard error as these options say. Made for each
    /// command rather than set up once for the process, so that commands can run one after another in-process.
    func logger(console: Console) -> Logger {
        var handler = StderrLogHandler(label: "recon", json: logFormat == .json, console: console)
        handler.logLevel = quiet ? .error : (verbose ? .debug : .info)
        return Logger(label: "recon") { _ in handler }
    }
}
