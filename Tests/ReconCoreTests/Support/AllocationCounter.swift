import CAllocationCount

/// The Swift heap objects made on the thread that made the counter (`CAllocationCount`): a synchronous test
/// stays on one thread, so other tests running at the same time on other threads do not disturb its count.
/// Nil where the kernel offers no uprobes or refuses them (no `perf_event_open` permission).
final class AllocationCounter {
    private var counter = ReconAllocationCounter()

    init?() {
        guard recon_allocation_counter_start(&counter) == 0 else { return nil }
    }

    deinit { recon_allocation_counter_stop(&counter) }

    /// The objects made on this thread since the counter was made.
    var count: Int { Int(recon_allocation_counter_read(&counter)) }

    /// Whether this machine lets a test count: the tests that count run only where it does.
    static let isAvailable = AllocationCounter() != nil
}
