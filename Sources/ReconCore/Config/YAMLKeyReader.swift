import Foundation
import Yams

/// Reads typed values out of YAML nodes, naming the file and key in every error.
struct YAMLKeyReader {
    let file: String
    let base: URL

    /// `base` is the real folder of `file` (symbolic links resolved, the file's own included), so that a `..`
    /// in a path relative to it leads where the file system says, not where the text says.
    init(file: String) {
        self.file = file
        let real = realPath(file) ?? file
        let folder = URL(fileURLWithPath: real).deletingLastPathComponent().path
        self.base = URL(fileURLWithPath: realPath(folder) ?? folder, isDirectory: true)
    }

    /// The text of a configuration file. One that cannot be read, is not a regular file or is not UTF-8
    /// text is a configuration error that says what the file is, without quoting it.
    static func text(of path: String) throws -> String {
        func fail(_ reason: String) -> ReconError { .configuration(file: path, key: "(file)", reason: reason) }
        // Checked first: reading a FIFO would wait for a writer, and a folder would read as "permission denied".
        if let problem = notARegularFile(path) { throw fail(problem) }
        // The system's reason (no such file, permission denied), not Foundation's "could not be completed".
        guard access(path, R_OK) == 0 else { throw fail("cannot read: \(systemError())") }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw fail("cannot read: \((error as NSError).localizedDescription)")
        }
        let kind = ContentKind(firstBytes: Array(bytes.prefix(ContentKind.sniffedBytes)))
        switch kind {
        case .utf16: throw fail("the file is UTF-16 text; save it as UTF-8")
        case .empty, .binary: throw fail("the file " + kind.description!)
        case .csvLike, .text: break
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail("the file is not UTF-8 text; save it as UTF-8")
        }
        return text
    }

    /// The top-level mapping of a YAML document. Errors say where and what the problem is, or what the
    /// file looks like when it is not YAML at all, and never quote it: a CSV given by mistake holds card
    /// numbers and addresses.
    func root(of text: String) throws -> Node.Mapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw fail("(file)", notYAML(text) ?? "not valid YAML: \(Self.problem(error))")
        }
        guard let root = node?.mapping else { throw fail("(file)", notYAML(text) ?? "expected a mapping of keys") }
        return root
    }

    /// What a text that is not YAML looks like (a CSV, nothing at all); nil when it looks like text.
    private func notYAML(_ text: String) -> String? {
        ContentKind(firstBytes: Array(text.utf8.prefix(ContentKind.sniffedBytes))).description.map {
            "not YAML: the file " + $0
        }
    }

    /// Where a YAML error is and what it is, without the lines of the file that Yams' own message shows.
    private static func problem(_ error: Error) -> String {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
            .composer(let context, let problem, let mark, _)?:
            return "line \(mark.line), column \(mark.column): " + (context.map { $0.text + ": " } ?? "") + problem
        case .reader(let problem, let offset, _, _)?:
            return problem + (offset.map { " at byte \($0)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return "line \(context.mark.line): keys given twice: \(duplicates.sorted().joined(separator: ", "))"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    func fail(_ key: String, _ reason: String) -> ReconError {
        .configuration(file: file, key: key, reason: reason)
    }

    func keys(_ map: Node.Mapping, allowed: [String], at prefix: String) throws {
        for key in map.keys {
            guard let name = key.string, allowed.contains(name) else {
                let line = key.mark.map { " (line \($0.line))" } ?? ""
                throw fail(
                    prefix + (key.string ?? "?"),
                    "unknown key\(line); expected one of \(allowed.joined(separator: ", "))")
            }
        }
    }

    func string(_ node: Node, _ key: String) throws -> String {
        guard let s = node.scalar?.string else { throw fail(key, "expected a single value") }
        return s
    }

    /// A whole number in `range`; the message names the range (an open one by its least value).
    func int(_ node: Node, _ key: String, in range: ClosedRange<Int>) throws -> Int {
        let s = try string(node, key)
        guard let n = Int(s), range.contains(n) else {
            let expected =
                range.upperBound == Int.max
                ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw fail(key, "'\(s)' is not a whole number \(expected)")
        }
        return n
    }

    func fraction(_ node: Node, _ key: String) throws -> Double {
        let s = try string(node, key)
        guard let x = Double(s), (0...1).contains(x) else { throw fail(key, "'\(s)' is not a number from 0 to 1") }
        return x
    }

    /// A share from 0 up to, not including, 1, as an exact decimal (`0.02`).
    func tolerance(_ node: Node, _ key: String) throws -> DecimalNumber {
        let s = try string(node, key)
        guard let share = DecimalNumber(parsing: s), RunConfiguration.isTolerance(share) else {
            throw fail(key, "'\(s)' is not a decimal from 0 to under 1 (e.g. 0.02)")
        }
        return share
    }

    func date(_ node: Node, _ key: String) throws -> CivilDate {
        let s = try string(node, key)
        guard let d = CivilDate(iso: s) else { throw fail(key, "'\(s)' is not a YYYY-MM-DD date") }
        return d
    }

    func zone(_ node: Node, _ key: String) throws -> Zone {
        let s = try string(node, key)
        guard let z = Zone(identifier: s) else {
            throw fail(key, "'\(s)' is not a time zone (e.g. UTC, Europe/Berlin)")
        }
        return z
    }

    func path(_ node: Node, _ key: String) throws -> String {
        // A YAML null (`output: ~`, `output:`) is no path, not a file or folder named `~`.
        if let scalar = node.scalar, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            throw fail(key, "is empty; name a file or folder")
        }
        let s = try string(node, key)
        if s.hasPrefix("/") { return s }
        // Shown in outputs: relative to the working folder when under it, so reports read the same anywhere.
        let full = Self.join(base.path, s)
        let workingFolder = FileManager.default.currentDirectoryPath
        let cwd = (realPath(workingFolder) ?? workingFolder) + "/"
        return full.hasPrefix(cwd) ? String(full.dropFirst(cwd.count)) : full
    }

    /// `relative` taken from the real folder `folder` as the file system takes it: a `..` leads to the real
    /// parent of what comes before it, a symbolic link included, where collapsing the text would not.
    static func join(_ folder: String, _ relative: String) -> String {
        var path = folder
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." {
                path = ((realPath(path) ?? path) as NSString).deletingLastPathComponent
            } else {
                path = (path as NSString).appendingPathComponent(String(part))
            }
        }
        return path
    }

    func mapping(_ node: Node, _ key: String) throws -> Node.Mapping {
        guard let m = node.mapping else { throw fail(key, "expected a mapping of keys") }
        return m
    }

    func sequence(_ node: Node, _ key: String) throws -> [Node] {
        guard let s = node.sequence else { throw fail(key, "expected a list") }
        return Array(s)
    }

    func sources(_ node: Node, _ key: String) throws -> [SourceSpec] {
        try sequence(node, key).enumerated().map { i, item in
            let k = "\(key)[\(i)]"
            let m = try mapping(item, k)
            try keys(m, allowed: ["path", "format", "timezone", "params", "date_format", "counterparty"], at: k + ".")
            guard let p = m["path"] else { throw fail(k + ".path", "required") }
            var params: [String: String] = [:]
            if let pm = m["params"] {
                for (name, value) in try mapping(pm, k + ".params") {
                    params[try string(name, k + ".params")] = try string(value, k + ".params")
                }
            }
            let format = try m["format"].map { try string($0, k + ".format") } ?? "canonical"
            // A format given as a path is relative to the pipeline file, like every other path.
            let formatReference =
                format.contains("/") || format.hasSuffix(".yml") ? try path(m["format"]!, k + ".format") : format
            let dateFormat = try m["date_format"].map { try string($0, k + ".date_format") }
            if let dateFormat, DateLayout(dateFormat) == nil {
                throw fail(k + ".date_format", "'\(dateFormat)' has no YYYY, M and D (e.g. \"D/M/YYYY HH:mm:ss\")")
            }
            return SourceSpec(
                path: try path(p, k + ".path"), format: formatReference,
                zone: try m["timezone"].map { try zone($0, k + ".timezone") }, params: params, dateFormat: dateFormat,
                counterparty: try m["counterparty"].map { try string($0, k + ".counterparty") })
        }
    }
}
