/* SPDX-License-Identifier: MIT */
/* norm_int.h - private helpers of the normalisation stage. */
#ifndef FY_NORM_INT_H
#define FY_NORM_INT_H

#include <pcre2.h>
#include <stdlib.h>

/*
 * JIT-compile a pattern when PCRE2 can (matching then runs as machine
 * code). FY_PCRE2_JIT=0 turns it off: valgrind cannot follow JIT code and
 * reports false errors in it, so the valgrind tests run without it.
 */
static inline void norm_jit_compile(pcre2_code *code)
{
    const char *v = getenv("FY_PCRE2_JIT");

    if (v && v[0] == '0')
        return;
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* optional */
}

#endif /* FY_NORM_INT_H */
