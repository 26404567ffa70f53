import CAtomicRename
import Foundation
import Glibc

/// An output folder that appears complete or not at all: files are written into a staging folder
/// beside the target and swapped into place only when every one of them is written.
struct OutputFolder {
    let target: String
    let staging: String

    /// Creates the staging folder, first clearing what killed runs left beside the target.
    static func prepare(target raw: String) throws -> OutputFolder {
        let target = URL(fileURLWithPath: raw).standardizedFileURL.path
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ReconError.cannotWrite(path: parent, reason: (error as NSError).localizedDescription)
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReconError.cannotWrite(path: target, reason: "exists and is not a folder")
        }
        // A run killed in the middle of a non-atomic swap left the previous report aside: put it back.
        if !fm.fileExists(atPath: target), let aside = ((try? fm.contentsOfDirectory(atPath: parent)) ?? [])
            .filter({ $0.hasPrefix(".\(name).old-") }).sorted().last {
            _ = rename((parent as NSString).appendingPathComponent(aside), target)
        }
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] {
            guard entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-"),
                  let pid = Int32(entry.split(separator: "-").last ?? ""), kill(pid, 0) != 0 else { continue }
            try? fm.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
        }
        let staging = (parent as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        try? fm.removeItem(atPath: staging)
        guard mkdir(staging, 0o755) == 0 else { throw ReconError.cannotWrite(path: staging, reason: systemError()) }
        return OutputFolder(target: target, staging: staging)
    }

    func path(_ file: String) -> String { (staging as NSString).appendingPathComponent(file) }

    /// Puts the staged files in place of the target in one atomic exchange where the file system allows it,
    /// so the target is at every moment either the previous report or the new one; the previous report is
    /// removed only afterwards.
    func commit() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: target) else {
            guard rename(staging, target) == 0 else { throw ReconError.cannotWrite(path: target, reason: systemError()) }
            return
        }
        if recon_rename_exchange(staging, target) == 0 {
            try? fm.removeItem(atPath: staging)  // now the previous report
            return
        }
        guard errno == EINVAL || errno == ENOSYS else { throw ReconError.cannotWrite(path: target, reason: systemError()) }
        // No exchange here: move the previous report aside, then the new one in (`prepare` repairs a kill between).
        let old = (target as NSString).deletingLastPathComponent + "/.\((target as NSString).lastPathComponent).old-\(getpid())"
        guard rename(target, old) == 0 else { throw ReconError.cannotWrite(path: target, reason: systemError()) }
        guard rename(staging, target) == 0 else {
            let reason = systemError()
            _ = rename(old, target)  // put the previous report back; the error below says what failed
            throw ReconError.cannotWrite(path: target, reason: reason)
        }
        try? fm.removeItem(atPath: old)
    }

    func discard() { try? FileManager.default.removeItem(atPath: staging) }
}
