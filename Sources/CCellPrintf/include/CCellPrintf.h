#ifndef RECON_CELL_PRINTF_H
#define RECON_CELL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/// Formats `format` into `buffer` (NUL-terminated) when it uses only %s, %d, %u, %% and %.16G and the
/// result fits in `capacity`; returns the length, or -1 for glibc to do it. What recon's fprintf and
/// snprintf do first, exposed so that a test can compare it with glibc's vsnprintf.
int recon_cell_printf_format(char *buffer, size_t capacity, const char *format, va_list arguments);

/// How many fprintf and snprintf calls this thread has had formatted here rather than by glibc.
unsigned long recon_cell_printf_calls(void);

#endif
