#ifndef CCSVSCAN_H
#define CCSVSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Splits one line (without its line end) at its `delimiter` bytes (comma, semicolon, tab or bar), when the
/// line is plain: no double quote, CR or NUL byte anywhere, no field starting with a space, no field longer
/// than `max_field` bytes and at most `capacity` fields. Writes each field's end offset (its delimiter's, or
/// `length` for the last) to `ends` and returns the number of fields; returns -1 for a line that is not
/// plain, which the caller reads byte by byte instead. Uses SSE2 on x86-64 (16 bytes at a time), plain C
/// elsewhere; both give the same answers.
long recon_csv_plain_fields(const uint8_t *line, long length, uint8_t delimiter, long max_field, int32_t *ends,
                            long capacity);

/// The plain C version alone, whatever the CPU: for tests that hold the two versions to the same answers.
long recon_csv_plain_fields_portable(const uint8_t *line, long length, uint8_t delimiter, long max_field,
                                     int32_t *ends, long capacity);

#endif
