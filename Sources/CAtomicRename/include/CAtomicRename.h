#ifndef RECON_ATOMIC_RENAME_H
#define RECON_ATOMIC_RENAME_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system cannot exchange).
int recon_rename_exchange(const char *from, const char *to);

#endif
