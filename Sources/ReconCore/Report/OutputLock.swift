import Foundation
import Glibc
import Synchronization

/// An exclusive `flock` on `.NAME.lock` beside an output folder, so that one run at a time writes it. The
/// kernel releases the lock when the run ends or dies; the file stays, since removing a lock file lets a
/// third run lock a new file while the second still holds the old one.
package final class OutputLock: Sendable {
    private let descriptor: Int32
    /// Whether `release` has closed the descriptor (the lock is let go at most once).
    private let released = Atomic<Bool>(false)

    /// Takes the lock, or stops (exit 1) when another run holds it. `probe` takes it only to see that it is
    /// free and writes nothing into the lock file (what `recon check` does).
    package init(_ place: OutputPlace, probe: Bool = false) throws {
        let path = Self.path(for: place)
        // Never through a symbolic link (a planted one would have recon write over the file it names), and only
        // a regular file.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link, which recon does not follow; remove it" : systemError()
            throw ReconError.cannotWrite(path: path, reason: reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw ReconError.cannotWrite(path: path, reason: "the lock file is not a regular file")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(fd)
            Glibc.close(fd)
            throw ReconError.cannotWrite(
                path: place.target,
                reason: "another run is writing it (\(holder)); "
                    + "this run stops without reading its inputs")
        }
        descriptor = fd
        if !probe { note() }
    }

    /// Lets the lock go now, rather than when the last reference goes: a worker thread that has handed its
    /// result back may still hold one for a moment after the run returns.
    package func release() {
        if !released.exchange(true, ordering: .acquiringAndReleasing) { Glibc.close(descriptor) }
    }

    deinit { release() }

    static func path(for place: OutputPlace) -> String { place.parent + "/." + place.name + ".lock" }

    /// Writes who holds the lock, for the message a second run prints.
    private func note() {
        let started = ISO8601DateFormatter().string(from: Date())
        let text = Array("pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(started)\n".utf8)
        guard ftruncate(descriptor, 0) == 0 else { return }
        // The note only helps a message; a lock file that cannot be written still locks.
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// What the holder wrote into the lock file, or a plain word when it wrote nothing readable.
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let text =
            n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        return text.isEmpty || !printable ? "lock held" : text
    }
}
