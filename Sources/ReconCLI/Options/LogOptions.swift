import ArgumentParser

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How much a command says on stderr, and in what form.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print errors only: no progress, no log lines, no closing summary.")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Also log progress while inputs are read (debug level).")
    var verbose = false
    @Option(help: "Log lines as plain text or as one JSON object a line, for log collectors.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
    }
}
