import Dispatch

/// Runs two independent pieces of work at once, the second on another thread, and waits for both: the
/// gzipped CSVs are written while the workbook is. Neither piece may touch what the other changes.
enum Parallel {
    static func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        try withoutActuallyEscaping(second) { second in
            let shared = Handover(work: second)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                shared.result = Result { try shared.work!() }
                // The closure must not outlive this call: let go of it before saying it is done.
                shared.work = nil
                done.signal()
            }
            let a = Result { try first() }
            done.wait()
            return (try a.get(), try shared.result!.get())
        }
    }

    /// What passes between the threads; each field is written by one thread before the semaphore, read
    /// by the other after it.
    private final class Handover<B>: @unchecked Sendable {
        var work: (() throws -> B)?
        var result: Result<B, Error>?
        init(work: @escaping () throws -> B) { self.work = work }
    }
}
