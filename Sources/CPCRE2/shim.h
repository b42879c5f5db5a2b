#ifndef ADLAW_CPCRE2_SHIM_H
#define ADLAW_CPCRE2_SHIM_H

// pcre2.h needs the code-unit width before it is included, and a system-library
// target cannot pass -D flags, so it is set here.
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <time.h>

// Cast macros are not imported into Swift; expose them as functions.
static inline size_t adlaw_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t adlaw_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

// Lazy JIT (PCRE2Regex): a JIT-compiled copy of a pattern is made by one thread and then
// published to every thread; these are the atomic operations it needs.
static inline void *adlaw_load_acquire(void *const *slot) { return __atomic_load_n(slot, __ATOMIC_ACQUIRE); }
static inline void adlaw_store_release(void **slot, void *value) { __atomic_store_n(slot, value, __ATOMIC_RELEASE); }
// 1 for the one caller that flips `*flag` from 0 to 1, 0 for every other.
static inline int adlaw_claim_once(int *flag) {
    int expected = 0;
    return __atomic_compare_exchange_n(flag, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
static inline long adlaw_add_relaxed(long *counter, long value) { return __atomic_add_fetch(counter, value, __ATOMIC_RELAXED); }
// The monotonic clock in nanoseconds (vDSO, no system call): how long the interpreter ran.
static inline long adlaw_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)now.tv_sec * 1000000000L + now.tv_nsec;
}

#endif
