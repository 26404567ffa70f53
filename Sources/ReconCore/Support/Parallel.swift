import Dispatch
import Foundation

/// Runs work on this thread and one other: the report's sheets and CSVs, the ingest's reading and normalising.
enum Parallel {
    /// One piece of work at a time on another thread, started and later waited for.
    final class Worker: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// The work running, set and cleared only by the thread that starts and waits for it.
        private var work: (() -> Void)?

        /// Starts `work` on another thread; the previous work must have been waited for.
        func start(_ work: @escaping () -> Void) {
            precondition(self.work == nil, "work started before the previous one was waited for")
            self.work = work
            DispatchQueue.global().async { [self] in
                self.work!()
                done.signal()
            }
        }

        /// Waits for the work started last, if it is not waited for yet.
        func wait() {
            guard work != nil else { return }
            done.wait()
            work = nil
        }
    }

    /// Calls `work(0)`, `work(1)`, … `work(count - 1)` on two threads, each taking the next index as it
    /// becomes free, so they start in order; after the first error no further index is started, and that
    /// error is rethrown once both threads are done.
    static func forEach(_ count: Int, _ work: (Int) throws -> Void) throws {
        try withoutActuallyEscaping(work) { work in
            let queue = Queue(count: count, work: work)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                queue.drain()
                done.signal()
            }
            queue.drain()
            done.wait()
            // The closure must not outlive this call.
            queue.work = nil
            if let error = queue.firstError { throw error }
        }
    }

    /// The indexes still to take and the first error, shared by the two threads under a lock.
    private final class Queue: @unchecked Sendable {
        let count: Int
        var work: ((Int) throws -> Void)?
        private let lock = NSLock()
        private var next = 0
        private(set) var firstError: Error?

        init(count: Int, work: @escaping (Int) throws -> Void) {
            self.count = count
            self.work = work
        }

        private func take() -> Int? {
            lock.withLock {
                guard firstError == nil, next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func drain() {
            while let index = take() {
                do { try work!(index) } catch { lock.withLock { if firstError == nil { firstError = error } } }
            }
        }
    }
}
