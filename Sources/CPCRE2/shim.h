#ifndef ADLAW_CPCRE2_SHIM_H
#define ADLAW_CPCRE2_SHIM_H

// pcre2.h needs the code-unit width before it is included, and a system-library
// target cannot pass -D flags, so it is set here.
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>

// Cast macros are not imported into Swift; expose them as functions.
static inline size_t adlaw_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t adlaw_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
