#ifndef RECON_PREFETCH_H
#define RECON_PREFETCH_H

/// Asks the CPU to bring the cache line at `address` in, for a read soon; a hint only, which never faults.
/// Inline, so that Swift's call is the one instruction.
static inline void recon_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
