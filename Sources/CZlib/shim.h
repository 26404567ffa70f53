#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros that Swift cannot call. */
static inline int recon_deflateInit2(z_streamp strm, int level, int windowBits) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

static inline int recon_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
