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

struct norm_caseno;
struct norm_caseno_parser;

/*
 * The 案号 forms that exports use, parsed by hand: 1 and @p out filled as
 * the grammar would, or 0 when PCRE2 must decide (spaces, 最高法, a code
 * that is not 行…, anything unusual). norm_caseno_parse() tries it first.
 */
int norm_caseno_fast(const char *s, struct norm_caseno *out);
/** The grammar by PCRE2 alone (what the fast path is tested against). */
enum norm_caseno_result norm_caseno_parse_pcre2(struct norm_caseno_parser *p,
                                                const char *s,
                                                struct norm_caseno *out);

#endif /* FY_NORM_INT_H */
