import Dispatch
import Synchronization

/// Runs work on this thread and one other: the report's sheets and CSVs, the ingest's reading and normalising.
/// The work is `@Sendable`, so what it shares between the threads is what the compiler accepts as shareable.
enum Parallel {
    /// One piece of work at a time on another thread, started and later waited for. The worker itself stays
    /// with the thread that starts and waits; only the work and a semaphore go to the other thread.
    final class Worker {
        private let done = DispatchSemaphore(value: 0)
        /// True from `start` until the matching `wait`.
        private var running = false

        /// Starts `work` on another thread; the previous work must have been waited for.
        func start(_ work: @escaping @Sendable () -> Void) {
            precondition(!running, "work started before the previous one was waited for")
            running = true
            let done = self.done
            DispatchQueue.global().async {
                work()
                done.signal()
            }
        }

        /// Waits for the work started last, if it is not waited for yet.
        func wait() {
            guard running else { return }
            done.wait()
            running = false
        }
    }

    /// Calls `work(0)`, `work(1)`, … `work(count - 1)` on two threads, each taking the next index as it
    /// becomes free, so they start in order; after the first error no further index is started, and that
    /// error is rethrown once both threads are done.
    static func forEach(_ count: Int, _ work: @escaping @Sendable (Int) throws -> Void) throws {
        let indexes = IndexQueue(count: count)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            indexes.drain(work)
            done.signal()
        }
        indexes.drain(work)
        done.wait()
        if let error = indexes.firstError { throw error }
    }

    /// The indexes still to take and the first error, shared by the two threads.
    private final class IndexQueue: Sendable {
        private struct State {
            var next = 0
            var firstError: (any Error)?
        }

        private let count: Int
        private let state = Mutex(State())

        init(count: Int) { self.count = count }

        var firstError: (any Error)? { state.withLock { $0.firstError } }

        /// Calls `work` with each index this thread takes, until none is left or one has failed.
        func drain(_ work: (Int) throws -> Void) {
            while let index = take() {
                do {
                    try work(index)
                } catch {
                    state.withLock { if $0.firstError == nil { $0.firstError = error } }
                }
            }
        }

        private func take() -> Int? {
            state.withLock { state in
                guard state.firstError == nil, state.next < count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }
    }
}
