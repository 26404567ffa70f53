import Synchronization
import Testing
@testable import ReconCore

/// `Parallel` runs `@Sendable` work on two threads; what the work shares goes through a mutex here, as in
/// the report (run under ThreadSanitizer by `make test`).
@Suite struct ParallelTests {
    private struct Failure: Error, Equatable { let index: Int }

    /// 0…99 on two threads: each index is called once, none twice or skipped.
    @Test func forEachCallsEveryIndexOnce() throws {
        let called = Mutex<[Int]>([])
        try Parallel.forEach(100) { index in called.withLock { $0.append(index) } }
        #expect(called.withLock { $0.sorted() } == Array(0..<100))
    }

    /// Index 5 fails: the error comes back out, and no index is called twice. (Which later indexes still
    /// ran depends on the other thread, so only the failing one is certain to have been called.)
    @Test func forEachRethrowsTheFailure() throws {
        let called = Mutex<[Int]>([])
        #expect(throws: Failure(index: 5)) {
            try Parallel.forEach(1_000) { index in
                called.withLock { $0.append(index) }
                if index == 5 { throw Failure(index: 5) }
            }
        }
        let indexes = called.withLock { $0 }
        #expect(indexes.contains(5) && Set(indexes).count == indexes.count)
    }

    /// Zero indexes: nothing is called and nothing thrown.
    @Test func forEachOfNothing() throws {
        try Parallel.forEach(0) { _ in throw Failure(index: -1) }
    }

    /// A worker runs each piece of work before `wait` returns; three in turn add 1 + 2 + 3 = 6.
    @Test func workerRunsEachPieceBeforeWaitReturns() {
        let total = Mutex(0)
        let worker = Parallel.Worker()
        for n in 1...3 {
            worker.start { total.withLock { $0 += n } }
            worker.wait()
            #expect(total.withLock { $0 } == (1...n).reduce(0, +))
        }
        worker.wait()  // nothing started: returns at once
    }
}
