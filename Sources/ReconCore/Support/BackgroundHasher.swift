import Dispatch

/// SHA-256 computed on another thread: `update` hands over a copy of the bytes and returns at once, so
/// hashing a file for the manifest costs its reader or writer almost nothing when a core is free. At most
/// `maxPending` chunks wait to be hashed, which bounds the memory.
final class BackgroundHasher: Sendable {
    /// Serial: chunks are hashed in the order handed over.
    private let queue = DispatchQueue(label: "recon.sha256")
    private let slots: DispatchSemaphore
    /// Updated on `queue`, read by `digest` after the queue has drained (the lock is never contended).
    private let hasher = Locked(SHA256())

    init(maxPending: Int = 8) { slots = DispatchSemaphore(value: maxPending) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let copy = [UInt8](bytes)
        slots.wait()
        queue.async { [self] in
            hasher.withLock { hasher in copy.withUnsafeBytes { hasher.update($0) } }
            slots.signal()
        }
    }

    /// Waits for every chunk handed over so far; the digest of them all, in hex.
    func digest() -> String {
        queue.sync {
            var copy = hasher.withLock { $0 }
            return copy.finalizeHex()
        }
    }
}
