// libxlsxwriter writes every cell of a worksheet with one fprintf (`<c r="%s" s="%d"><v>%.16G</v></c>`) and
// names it with one snprintf ("%d" for the row), and glibc's printf, %.16G above all with its
// multi-precision arithmetic, is half of a large workbook's time (see README, Performance). This file
// defines the fortified fprintf that libxlsxwriter calls (__fprintf_chk) and snprintf in recon itself: the
// dynamic linker binds libxlsxwriter's calls to the executable's definitions before glibc's. A call whose
// format uses only %s, %d, %u, %% and %.16G is formatted here, byte for byte as glibc formats it; any other
// call, a NULL string, a number outside 1e-4..1e15 or an output longer than the buffer is passed on to
// glibc unchanged. A test compares the two on 225,000 numbers and checks that a workbook's cells
// come through here.
#define _GNU_SOURCE
#undef _FORTIFY_SOURCE  // snprintf must stay a function here, not fortify's inline wrapper
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "CCellPrintf.h"

int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list arguments);  // glibc's, not in its headers

static _Thread_local unsigned long formatted_here;

unsigned long recon_cell_printf_calls(void) { return formatted_here; }

static const uint64_t powers_of_ten[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull, 1000000000ull,
    10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull, 100000000000000ull,
    1000000000000000ull, 10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull};

static char *put_unsigned(char *out, unsigned long long value) {
    char digits[20];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (count) *out++ = digits[--count];
    return out;
}

/// %.16G of `value` (at most 24 bytes) for 0 and 1e-4 <= |value| < 1e15; NULL for any other value.
/// The value is m / 2^shift exactly; its 16 significant digits are m * 10^(15 - x) / 2^shift rounded half
/// to even (glibc's rounding in the default mode), x being the decimal exponent. With 16 digits and
/// -4 <= x <= 15, %G prints in the style of %f with 15 - x decimals, trailing zeros and point dropped.
static char *put_g16(char *out, double value) {
    if (value == 0) {
        if (signbit(value)) *out++ = '-';
        *out++ = '0';
        return out;
    }
    double magnitude = fabs(value);
    if (!(magnitude >= 1e-4 && magnitude < 1e15)) return NULL;  // NaN fails both
    uint64_t bits;
    memcpy(&bits, &magnitude, sizeof bits);
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    int shift = 1075 - (int)(bits >> 52);  // 2..66 in this range
    // A first guess at x from the magnitude; the loop below corrects it from the exact digits.
    int x = magnitude >= 1 ? 0 : -1;
    while (x < 14 && magnitude >= (double)powers_of_ten[x + 1]) x++;
    uint64_t digits = 0;
    for (;;) {
        if (x < -4 || x > 15) return NULL;
        // Below 2^53 * 10^19 < 2^117.
        unsigned __int128 scaled = (unsigned __int128)m * powers_of_ten[15 - x];
        unsigned __int128 whole = scaled >> shift;
        if (whole >= powers_of_ten[16]) { x++; continue; }
        if (whole < powers_of_ten[15]) { x--; continue; }
        unsigned __int128 rest = scaled - (whole << shift), half = (unsigned __int128)1 << (shift - 1);
        digits = (uint64_t)whole;
        if (rest > half || (rest == half && (digits & 1))) digits++;
        if (digits == powers_of_ten[16]) {  // rounded up to the next power of ten
            digits = powers_of_ten[15];
            x++;
        }
        break;
    }
    if (x > 15) return NULL;
    char d[16];
    for (int i = 15; i >= 0; i--) {
        d[i] = (char)('0' + digits % 10);
        digits /= 10;
    }
    if (value < 0) *out++ = '-';
    int fraction = x >= 0 ? x + 1 : 0;  // where d's decimals start
    if (x >= 0) {
        memcpy(out, d, (size_t)fraction);
        out += fraction;
    } else {
        *out++ = '0';
    }
    int last = 15;
    while (last >= fraction && d[last] == '0') last--;
    if (last >= fraction) {
        *out++ = '.';
        for (int i = 0; i < -x - 1; i++) *out++ = '0';
        memcpy(out, d + fraction, (size_t)(last - fraction + 1));
        out += last - fraction + 1;
    }
    return out;
}

int recon_cell_printf_format(char *buffer, size_t capacity, const char *format, va_list arguments) {
    char *out = buffer, *end = buffer + capacity - 1;  // room for the NUL
    const char *f = format;
    for (;;) {
        const char *percent = strchrnul(f, '%');
        size_t literal = (size_t)(percent - f);
        if ((size_t)(end - out) < literal) return -1;
        memcpy(out, f, literal);
        out += literal;
        if (*percent == 0) break;
        if (end - out < 32) return -1;  // room for any number
        f = percent + 2;
        switch (percent[1]) {
        case '%': *out++ = '%'; break;
        case 's': {
            const char *text = va_arg(arguments, const char *);
            if (!text) return -1;  // glibc prints "(null)"
            size_t length = strlen(text);
            if ((size_t)(end - out) < length) return -1;
            memcpy(out, text, length);
            out += length;
            break;
        }
        case 'd': {
            long long number = va_arg(arguments, int);
            if (number < 0) *out++ = '-';
            out = put_unsigned(out, (unsigned long long)(number < 0 ? -number : number));
            break;
        }
        case 'u': out = put_unsigned(out, va_arg(arguments, unsigned)); break;
        case '.':
            if (strncmp(percent, "%.16G", 5) != 0) return -1;
            f = percent + 5;
            out = put_g16(out, va_arg(arguments, double));
            if (!out) return -1;
            break;
        default: return -1;
        }
    }
    *out = 0;
    return (int)(out - buffer);
}

int __fprintf_chk(FILE *stream, int flag, const char *format, ...) {
    va_list arguments, untouched;
    va_start(arguments, format);
    va_copy(untouched, arguments);
    char buffer[1024];
    int length = recon_cell_printf_format(buffer, sizeof buffer, format, arguments);
    if (length >= 0) {
        formatted_here++;
        if (fwrite(buffer, 1, (size_t)length, stream) != (size_t)length) length = -1;
    } else {
        length = __vfprintf_chk(stream, flag, format, untouched);
    }
    va_end(untouched);
    va_end(arguments);
    return length;
}

int snprintf(char *target, size_t size, const char *format, ...) {
    va_list arguments, untouched;
    va_start(arguments, format);
    va_copy(untouched, arguments);
    char buffer[256];
    int length = recon_cell_printf_format(buffer, sizeof buffer, format, arguments);
    if (length >= 0) {
        formatted_here++;
        if (size > 0) {
            size_t kept = (size_t)length < size - 1 ? (size_t)length : size - 1;
            memcpy(target, buffer, kept);
            target[kept] = 0;
        }
    } else {
        length = vsnprintf(target, size, format, untouched);
    }
    va_end(untouched);
    va_end(arguments);
    return length;
}
