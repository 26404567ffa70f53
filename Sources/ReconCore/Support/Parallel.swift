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
        /// Whether `start` does the work at once on the thread that calls it, instead of on another thread.
        private let onCallingThread: Bool

        init(onCallingThread: Bool = false) { self.onCallingThread = onCallingThread }

        /// Starts `work` on another thread (or does it here, `onCallingThread`); the previous work must have
        /// been waited for.
        func start(_ work: @escaping @Sendable () -> Void) {
            precondition(!running, "work started before the previous one was waited for")
            guard !onCallingThread else { return work() }
            running = true
            let done = self.done
            let handed = Locked<(@Sendable () -> Void)?>(work)
            DispatchQueue.global().async {
                Self.runAndLetGo(handed)
                done.signal()
            }
        }

        /// Runs the work `handed` holds and lets it go before returning, so before the waiting thread goes
        /// on: libdispatch may let the block go later, and the work may hold what that thread then changes in
        /// place (the ingest's reader holds the run's orders).
        private static func runAndLetGo(_ handed: Locked<(@Sendable () -> Void)?>) {
            let work = handed.withLock { held in
                defer { held = nil }
                return held
            }
            work?()
        }

        /// Whether the work started last has finished, without waiting for it (true when none is running).
        func isDone() -> Bool {
            guard running else { return true }
            guard done.wait(timeout: .now()) == .success else { return false }
            running = false
            return true
        }

        /// Waits for the work started last, if it is not waited for yet.
        func wait() {
            guard running else { return }
            done.wait()
            running = false
        }
    }

    /// Calls `work(0)`, `work(1)`, … `work(count - 1)` on two threads, each taking the next index as it
    /// becomes free, so they start in order, and returns their results in index order. After a failure no
    /// further index is started; once both threads are done, the failure of the lowest index is rethrown.
    /// The threads share nothing but the next index: each keeps its own results and hands them back.
    static func map<Result: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) throws -> Result) throws
        -> [Result]
    {
        let indexes = IndexQueue(count: count)
        let done = DispatchSemaphore(value: 0)
        // Written once by the other thread before it signals, read here after the wait.
        let handedOver = Locked<Share<Result>?>(nil)
        DispatchQueue.global().async {
            let share = indexes.drain(work)
            handedOver.withLock { $0 = share }
            done.signal()
        }
        let mine = indexes.drain(work)
        done.wait()
        return try merged(mine, handedOver.withLock { $0 } ?? Share(), count: count)
    }

    /// What one thread did: the result of each index it took, and the failure it stopped at.
    private struct Share<Result: Sendable>: Sendable {
        var results: [(index: Int, result: Result)] = []
        var failure: (index: Int, error: any Error)?
    }

    private static func merged<Result>(_ one: Share<Result>, _ other: Share<Result>, count: Int) throws -> [Result] {
        let failures = [one.failure, other.failure].compactMap { $0 }
        if let first = failures.min(by: { $0.index < $1.index }) { throw first.error }
        var results = [Result?](repeating: nil, count: count)
        for (index, result) in one.results + other.results { results[index] = result }
        return results.map { $0! }
    }

    /// The next index to take, and whether a thread has failed, shared by the two threads as atomics.
    private final class IndexQueue: Sendable {
        private let count: Int
        private let next = Atomic<Int>(0)
        private let failed = Atomic<Bool>(false)

        init(count: Int) { self.count = count }

        /// Calls `work` with each index this thread takes, until none is left or one has failed.
        func drain<Result>(_ work: (Int) throws -> Result) -> Share<Result> {
            var share = Share<Result>()
            while let index = take() {
                do {
                    share.results.append((index, try work(index)))
                } catch {
                    share.failure = (index, error)
                    failed.store(true, ordering: .relaxed)
                    break
                }
            }
            return share
        }

        private func take() -> Int? {
            guard !failed.load(ordering: .relaxed) else { return nil }
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            return index < count ? index : nil
        }
    }
}
