import Foundation

/// Checks a configuration before a nightly run without reading past any header: formats found and valid,
/// inputs present with headers that fit their formats, calendars readable, the output folder writable.
/// Every problem is reported, not only the first.
public struct PipelineCheck {
    public struct Finding: Sendable {
        /// Nil when the check passed; otherwise the exit code the problem would cause.
        public var exitCode: Int32?
        public var message: String
    }

    public let configuration: RunConfiguration
    public let origin: String

    public init(configuration: RunConfiguration, origin: String) {
        self.configuration = configuration
        self.origin = origin
    }

    public func run(output: String?) -> [Finding] {
        var findings: [Finding] = []
        func attempt(_ success: String, _ body: () throws -> Void) {
            do {
                try body()
                findings.append(Finding(exitCode: nil, message: success))
            } catch let error as ReconError {
                findings.append(Finding(exitCode: error.exitCode, message: error.description))
            } catch {
                findings.append(Finding(exitCode: 1, message: "\(error)"))
            }
        }
        let config = configuration
        let sources = config.orders.map { ($0, SourceKind.orders) } + config.payments.map { ($0, SourceKind.payments) }
        for (spec, kind) in sources {
            attempt("\(spec.path): \(kind.rawValue), format \(spec.format), header fits") {
                let format = try FormatLoader.load(spec.format, kind: kind, searchFolders: config.formatSearchPath, origin: origin)
                _ = try SourceIngest(spec: spec, kind: kind, format: format, origin: origin).checkHeader()
            }
        }
        let calendars = [config.defaultHolidays].compactMap { $0 } + config.countryHolidays.values.sorted()
        for path in calendars {
            attempt("\(path): holiday calendar readable") {
                _ = try BusinessCalendar(name: path, weekend: config.weekend, holidays: HolidayFile.load(path: path), file: path)
            }
        }
        if let output {
            attempt("\(output): output folder can be written") { try Self.checkWritable(output) }
        }
        return findings
    }

    /// The output, if it exists, must be a folder, and the nearest existing folder above it writable.
    static func checkWritable(_ output: String) throws {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: output).standardizedFileURL
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ReconError.cannotWrite(path: output, reason: "exists and is not a folder") }
        }
        url = url.deletingLastPathComponent()
        while !fm.fileExists(atPath: url.path, isDirectory: &isFolder) { url = url.deletingLastPathComponent() }
        guard isFolder.boolValue else { throw ReconError.cannotWrite(path: output, reason: "\(url.path) is a file, not a folder") }
        guard fm.isWritableFile(atPath: url.path) else { throw ReconError.cannotWrite(path: output, reason: "\(url.path) is not writable") }
    }
}
