import Synchronization
import Testing

@testable import ReconCore

/// `Parallel` runs `@Sendable` work on two threads, which hand their results back rather than share them
/// (the suite also runs under ThreadSanitizer in `make test`).
@Suite struct ParallelTests {
    private struct Failure: Error, Equatable { let index: Int }

    /// 0…99 on two threads: each index's result comes back at its place, none lost or repeated.
    @Test func mapReturnsEveryResultInIndexOrder() throws {
        let squares = try Parallel.map(100) { $0 * $0 }
        #expect(squares == (0..<100).map { $0 * $0 })
    }

    /// Every index from 5 on fails: whichever thread fails first, the failure of index 5 is the one thrown
    /// (indexes are taken in order, so 5 is taken, and run, before any later one).
    @Test func mapRethrowsTheLowestFailure() {
        #expect(throws: Failure(index: 5)) {
            _ = try Parallel.map(1_000) { index in
                if index >= 5 { throw Failure(index: index) }
                return index
            }
        }
    }

    /// Zero indexes: nothing is called, nothing thrown, no results.
    @Test func mapOfNothing() throws {
        let results = try Parallel.map(0) { (_: Int) -> Int in throw Failure(index: -1) }
        #expect(results.isEmpty)
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
