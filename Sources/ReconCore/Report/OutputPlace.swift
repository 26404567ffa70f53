import Foundation
import Glibc

/// Where a run may write its report, checked before any input is read: a run replaces only a missing or
/// empty folder or a previous recon report, and never a folder that holds the working folder, an input or
/// the pipeline file.
package struct OutputPlace: Sendable, Equatable {
    /// The output folder as the file system names it: absolute, symbolic links and `..` resolved by the
    /// file system, not by text.
    package let target: String
    /// The folder the target lies in.
    package var parent: String { (target as NSString).deletingLastPathComponent }
    /// The target's last component.
    package var name: String { (target as NSString).lastPathComponent }
    /// The files the run reads, resolved: never replaced, removed or written over.
    let protected: [String]
    /// Where a run stopped for too many rejects saves them: beside the target, never in it.
    var stoppedRejects: String { parent + "/" + name + ".rejected.csv.gz" }

    /// Resolves `path` and refuses (usage error, exit 2) an empty path and a folder that is, or holds, the
    /// working folder or one of `protected` (the inputs, calendars and the pipeline file).
    package init(_ path: String, protecting protected: [String]) throws {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ReconError.usage("the output folder is empty (an unset variable?); name a folder for the report")
        }
        target = Self.resolve(path, followingLast: false)
        self.protected = protected.map { Self.resolve($0) }
        if Self.holds(target, Self.resolve(FileManager.default.currentDirectoryPath)) {
            throw ReconError.usage(
                "the output folder \(path) is the working folder or holds it; "
                    + "a run replaces its output folder whole, so name a folder of its own")
        }
        for (file, resolved) in zip(protected, self.protected) where Self.holds(target, resolved) {
            throw ReconError.usage(
                "the output folder \(path) holds \(file), which the run reads; "
                    + "a run replaces its output folder whole, so name a folder of its own")
        }
    }

    /// Whether `entry` beside the target is what a killed run of this output left: a staging folder, a
    /// previous report set aside, or a half-saved rejects file, each named `.NAME.KIND-PID[-HEX]`.
    func isLeftover(_ entry: String) -> Bool {
        for kind in ["tmp", "old", "rejected.csv.gz.tmp"] where entry.hasPrefix(".\(name).\(kind)-") {
            let suffix = entry.dropFirst(name.count + kind.count + 3).split(
                separator: "-", omittingEmptySubsequences: false)
            let pid = !suffix[0].isEmpty && suffix[0].allSatisfy { ("0"..."9").contains($0) }
            let random =
                suffix.count == 2 && (1...16).contains(suffix[1].count)
                && suffix[1].allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            return pid && (suffix.count == 1 || random)
        }
        return false
    }

    /// Stops (exit 1) unless the target is missing, an empty folder, or a previous recon report: a folder
    /// with recon's manifest that holds only files a report holds.
    package func checkReplaceable() throws {
        var st = stat()
        // A symbolic link is replaced by the report's folder; what it points to is left as it is.
        guard lstat(target, &st) == 0, (st.st_mode & S_IFMT) != S_IFLNK else { return }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw ReconError.cannotWrite(path: target, reason: "exists and is not a folder")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
        } catch {
            throw ReconError.cannotWrite(
                path: target, reason: "cannot list the folder: \((error as NSError).localizedDescription)")
        }
        if entries.isEmpty || isPreviousReport(entries) { return }
        let foreign = entries.filter { ReportFile(rawValue: $0) == nil }
        let shown = (foreign.isEmpty ? entries : foreign).prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        let more = (foreign.isEmpty ? entries : foreign).count - 5
        throw ReconError.cannotWrite(
            path: target,
            reason: "holds \(shown)\(more > 0 ? " and \(more) more" : ""), "
                + "which is not a recon report; recon replaces only an empty folder or a previous "
                + "report, so name a new or empty folder")
    }

    /// Every entry a regular file a report holds, the manifest among them and written by recon.
    private func isPreviousReport(_ entries: [String]) -> Bool {
        guard entries.contains(ReportFile.manifest.rawValue) else { return false }
        for entry in entries {
            var st = stat()
            guard ReportFile(rawValue: entry) != nil, lstat(target + "/" + entry, &st) == 0,
                (st.st_mode & S_IFMT) == S_IFREG
            else { return false }
        }
        guard let data = FileManager.default.contents(atPath: target + "/" + ReportFile.manifest.rawValue),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return manifest["tool"] as? String == "recon"
    }

    /// True when `folder` is `path` or one of its ancestors: by name, or by device and inode where the same
    /// folder is reached by another name (a bind mount).
    static func holds(_ folder: String, _ path: String) -> Bool {
        if folder == path || folder == "/" || path.hasPrefix(folder + "/") { return true }
        var folderStat = stat()
        guard stat(folder, &folderStat) == 0, (folderStat.st_mode & S_IFMT) == S_IFDIR else { return false }
        var ancestor = path
        while true {
            var st = stat()
            if stat(ancestor, &st) == 0, st.st_dev == folderStat.st_dev, st.st_ino == folderStat.st_ino { return true }
            let up = (ancestor as NSString).deletingLastPathComponent
            if up == ancestor || up.isEmpty { return false }
            ancestor = up
        }
    }

    /// The absolute path the file system means by `path`: its longest existing prefix resolved by `realpath`
    /// (which follows symbolic links before `..`), the rest, which does not exist yet, appended as written.
    /// Without `followingLast`, a last component that is a name is kept as it is: an output that is a symbolic
    /// link is replaced by a folder, never followed.
    static func resolve(_ path: String, followingLast: Bool = true) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components = absolute.split(separator: "/").map(String.init)
        if !followingLast, let last = components.last, last != ".", last != ".." {
            components.removeLast()
            return (resolve("/" + components.joined(separator: "/")) as NSString).appendingPathComponent(last)
        }
        for existing in stride(from: components.count, through: 0, by: -1) {
            guard let real = realPath("/" + components[..<existing].joined(separator: "/")) else { continue }
            var resolved = real.split(separator: "/").map(String.init)
            for component in components[existing...] {
                switch component {
                case ".": continue
                case "..": _ = resolved.popLast()
                default: resolved.append(component)
                }
            }
            return "/" + resolved.joined(separator: "/")
        }
        return absolute
    }
}
