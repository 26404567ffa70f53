import CAtomicRename
import Foundation
import Glibc

/// An output folder that appears complete or not at all: files are written into a staging folder
/// beside the target and swapped into place only when every one of them is written. The run holds the
/// output's lock from `claim` until it calls `release` (or this value is dropped).
package final class OutputFolder: Sendable {
    package let place: OutputPlace
    let staging: String
    private let lock: OutputLock

    package var target: String { place.target }

    private init(place: OutputPlace, staging: String, lock: OutputLock) {
        self.place = place
        self.staging = staging
        self.lock = lock
    }

    /// Checks the target, takes its lock, clears what killed runs left beside it and makes a staging folder
    /// of a name no other run uses: all before any input is read.
    package static func claim(_ place: OutputPlace) throws -> OutputFolder {
        // Checked before the lock too, so that a refused folder gets no lock file beside it.
        try place.checkReplaceable()
        do {
            try FileManager.default.createDirectory(atPath: place.parent, withIntermediateDirectories: true)
        } catch {
            throw ReconError.cannotWrite(path: place.parent, reason: (error as NSError).localizedDescription)
        }
        let lock = try OutputLock(place)
        clearLeftovers(of: place)
        try place.checkReplaceable()
        let staging = place.parent + "/." + place.name + ".tmp-\(getpid())-\(uniqueSuffix())"
        guard mkdir(staging, 0o755) == 0 else { throw ReconError.cannotWrite(path: staging, reason: systemError()) }
        return OutputFolder(place: place, staging: staging, lock: lock)
    }

    /// Under the lock, whatever staging folders lie beside the target were left by killed runs: a run killed in
    /// the middle of a non-atomic swap left the previous report aside (put back), any other is removed.
    private static func clearLeftovers(of place: OutputPlace) {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: place.parent)) ?? []).sorted()
        let aside = entries.filter { $0.hasPrefix(".\(place.name).old-") && place.isLeftover($0) }
        var st = stat()
        if lstat(place.target, &st) != 0, let previous = aside.last {
            // Best effort: if it fails, the folder is removed below and the run writes a new report.
            _ = rename(place.parent + "/" + previous, place.target)
        }
        for entry in entries where place.isLeftover(entry) {
            try? fm.removeItem(atPath: place.parent + "/" + entry)
        }
    }

    /// Sixteen hex digits from the system's random source: two runs of the same process id (in two containers
    /// sharing a volume) never share a staging folder.
    static func uniqueSuffix() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16)
    }

    func path(_ file: ReportFile) -> String { staging + "/" + file.rawValue }

    /// Puts the staged files in place of the target in one atomic exchange where the file system allows it,
    /// so the target is at every moment either the previous report or the new one; the previous report is
    /// removed only afterwards.
    func commit() throws {
        let fm = FileManager.default
        let target = place.target
        // Once more: a file put into the previous report while this run was under way is not lost in the swap.
        try place.checkReplaceable()
        var st = stat()
        guard lstat(target, &st) == 0 else {
            guard rename(staging, target) == 0 else {
                throw ReconError.cannotWrite(path: target, reason: systemError())
            }
            return
        }
        if recon_rename_exchange(staging, target) == 0 {
            try? fm.removeItem(atPath: staging)  // now the previous report
            return
        }
        guard errno == EINVAL || errno == ENOSYS else {
            throw ReconError.cannotWrite(path: target, reason: systemError())
        }
        // No exchange here: move the previous report aside, then the new one in (`claim` repairs a kill between).
        let old = place.parent + "/." + place.name + ".old-\(getpid())-\(Self.uniqueSuffix())"
        guard rename(target, old) == 0 else { throw ReconError.cannotWrite(path: target, reason: systemError()) }
        guard rename(staging, target) == 0 else {
            let reason = systemError()
            _ = rename(old, target)  // put the previous report back; the error below says what failed
            throw ReconError.cannotWrite(path: target, reason: reason)
        }
        try? fm.removeItem(atPath: old)
    }

    /// Removes the staging folder of a run that did not complete.
    package func discard() { try? FileManager.default.removeItem(atPath: staging) }

    /// Lets the output's lock go: the run is done with the folder.
    package func release() { lock.release() }
}
