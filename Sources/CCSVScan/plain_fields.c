#include "CCSVScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Records a delimiter at `pos`, ending the field that began at `*start`; 0 when a limit is passed.
static inline int end_field(long pos, long *start, long max_field, int32_t *ends, long *count, long capacity) {
    if (pos - *start > max_field || *count >= capacity) return 0;
    ends[(*count)++] = (int32_t)pos;
    *start = pos + 1;
    return 1;
}

/// The bytes from `i` on, one at a time, continuing a scan that has found `count` fields so far.
static long scan_rest(const uint8_t *line, long i, long length, uint8_t delimiter, long max_field, int32_t *ends,
                      long capacity, long start, long count) {
    for (; i < length; i++) {
        uint8_t c = line[i];
        if (c == '"' || c == '\r' || c == 0 || (c == ' ' && i == start)) return -1;
        if (c == delimiter && !end_field(i, &start, max_field, ends, &count, capacity)) return -1;
    }
    if (!end_field(length, &start, max_field, ends, &count, capacity)) return -1;
    return count;
}

long recon_csv_plain_fields_portable(const uint8_t *line, long length, uint8_t delimiter, long max_field,
                                     int32_t *ends, long capacity) {
    if (length > INT32_MAX) return -1;
    return scan_rest(line, 0, length, delimiter, max_field, ends, capacity, 0, 0);
}

long recon_csv_plain_fields(const uint8_t *line, long length, uint8_t delimiter, long max_field, int32_t *ends,
                            long capacity) {
#if defined(__SSE2__)
    if (length > INT32_MAX) return -1;
    const __m128i delim = _mm_set1_epi8((char)delimiter), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                  space = _mm_set1_epi8(' '), zero = _mm_setzero_si128();
    long start = 0, count = 0, i = 0;
    /// 1 when the chunk's first byte starts a field (the line's start, or the byte after a delimiter).
    unsigned carry = 1;
    for (; i + 16 <= length; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(line + i));
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, zero));
        if (_mm_movemask_epi8(bad)) return -1;
        unsigned delims = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, delim));
        unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
        if (spaces & ((delims << 1) | carry) & 0xFFFF) return -1;
        carry = (delims >> 15) & 1;
        while (delims) {
            if (!end_field(i + __builtin_ctz(delims), &start, max_field, ends, &count, capacity)) return -1;
            delims &= delims - 1;
        }
    }
    return scan_rest(line, i, length, delimiter, max_field, ends, capacity, start, count);
#else
    return recon_csv_plain_fields_portable(line, length, delimiter, max_field, ends, capacity);
#endif
}
