import Foundation

/// A value that threads share, read and changed only while its lock is held. The lock is a pthread mutex
/// (Foundation's `NSLock`), not the standard library's `Mutex`: ThreadSanitizer on Linux does not see
/// `Mutex`'s futex, so to it every access to a `Mutex`'s value from two threads is a race (and a real race
/// would hide among those), where a pthread mutex it knows.
///
/// Sendable unchecked because the compiler cannot see the lock: `value` is private and only reached inside
/// `withLock`, which holds `lock` (a `let`) for the whole access; `Value` is itself `Sendable`, so what a
/// body hands out of it may cross threads.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) { self.value = value }

    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
