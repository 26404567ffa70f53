#ifndef RECON_ALLOCATION_COUNT_H
#define RECON_ALLOCATION_COUNT_H

/// Counts, for the thread that starts it, the Swift heap objects made: the calls of the Swift runtime's
/// `swift_allocObject` (class instances; the storage of arrays, strings, dictionaries and sets; closure
/// contexts and boxes of known type) and `swift_allocBox` (boxes of generic type, which do not go through
/// `swift_allocObject`). The kernel counts them, through a uprobe on each function's first instruction
/// (`perf_event_open`), only while the thread runs: no function of the runtime or of the C library is
/// replaced. Memory taken without an object (`UnsafeMutablePointer.allocate`, C's `malloc`) is not counted.
typedef struct {
    /// The perf events' file descriptors, -1 when not open.
    int object_events;
    int box_events;
} ReconAllocationCounter;

/// Starts counting the calling thread's allocations into `counter`; 0, or the errno why the kernel (or the
/// look-up of the runtime) refused, with nothing left open.
int recon_allocation_counter_start(ReconAllocationCounter *counter);

/// The allocations counted since the start, or -1 when they cannot be read.
long long recon_allocation_counter_read(const ReconAllocationCounter *counter);

/// Stops counting and closes what `start` opened.
void recon_allocation_counter_stop(ReconAllocationCounter *counter);

#endif
