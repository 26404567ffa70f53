#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs SHA-256's compression function over `blocks` 64-byte blocks at `data`, updating `state` (the eight
/// working words, host order). Uses the CPU's SHA instructions when it has them, portable C otherwise.
void recon_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable version alone, whatever the CPU: for tests that hold the two versions to the same answers.
void recon_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when recon_sha256_blocks uses the CPU's SHA instructions.
int recon_sha256_hardware(void);

#endif
