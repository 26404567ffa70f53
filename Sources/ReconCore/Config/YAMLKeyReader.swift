import Foundation
import Yams

/// Reads typed values out of YAML nodes, naming the file and key in every error.
struct YAMLKeyReader {
    let file: String
    let base: URL

    init(file: String) {
        self.file = file
        self.base = URL(fileURLWithPath: file).deletingLastPathComponent()
    }

    /// The text of a configuration file; a file that cannot be read is a configuration error.
    static func text(of path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ReconError.configuration(file: path, key: "(file)", reason: "cannot read: \((error as NSError).localizedDescription)")
        }
    }

    /// The top-level mapping of a YAML document.
    func root(of text: String) throws -> Node.Mapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw fail("(file)", "not valid YAML: \(error)")
        }
        guard let root = node?.mapping else { throw fail("(file)", "expected a mapping of keys") }
        return root
    }

    func fail(_ key: String, _ reason: String) -> ReconError {
        .configuration(file: file, key: key, reason: reason)
    }

    func keys(_ map: Node.Mapping, allowed: [String], at prefix: String) throws {
        for key in map.keys {
            guard let name = key.string, allowed.contains(name) else {
                let line = key.mark.map { " (line \($0.line))" } ?? ""
                throw fail(prefix + (key.string ?? "?"), "unknown key\(line); expected one of \(allowed.joined(separator: ", "))")
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
            let expected = range.upperBound == Int.max ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw fail(key, "'\(s)' is not a whole number \(expected)")
        }
        return n
    }

    func fraction(_ node: Node, _ key: String) throws -> Double {
        let s = try string(node, key)
        guard let x = Double(s), (0...1).contains(x) else { throw fail(key, "'\(s)' is not a number from 0 to 1") }
        return x
    }

    func date(_ node: Node, _ key: String) throws -> CivilDate {
        let s = try string(node, key)
        guard let d = CivilDate(iso: s) else { throw fail(key, "'\(s)' is not a YYYY-MM-DD date") }
        return d
    }

    func zone(_ node: Node, _ key: String) throws -> Zone {
        let s = try string(node, key)
        guard let z = Zone(identifier: s) else { throw fail(key, "'\(s)' is not a time zone (e.g. UTC, Europe/Berlin)") }
        return z
    }

    func path(_ node: Node, _ key: String) throws -> String {
        let s = try string(node, key)
        if s.hasPrefix("/") { return s }
        // Shown in outputs: relative to the working folder when under it, so reports read the same anywhere.
        let full = base.appendingPathComponent(s).standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return full.hasPrefix(cwd) ? String(full.dropFirst(cwd.count)) : full
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
            try keys(m, allowed: ["path", "format", "timezone", "params"], at: k + ".")
            guard let p = m["path"] else { throw fail(k + ".path", "required") }
            var params: [String: String] = [:]
            if let pm = m["params"] {
                for (name, value) in try mapping(pm, k + ".params") {
                    params[try string(name, k + ".params")] = try string(value, k + ".params")
                }
            }
            let format = try m["format"].map { try string($0, k + ".format") } ?? "canonical"
            // A format given as a path is relative to the pipeline file, like every other path.
            let formatReference = format.contains("/") || format.hasSuffix(".yml") ? try path(m["format"]!, k + ".format") : format
            return SourceSpec(path: try path(p, k + ".path"), format: formatReference,
                              zone: try m["timezone"].map { try zone($0, k + ".timezone") }, params: params)
        }
    }
}
