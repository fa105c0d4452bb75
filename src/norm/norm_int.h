/* SPDX-License-Identifier: MIT */
/* norm_int.h - private helpers of the normalisation stage. */
#ifndef FY_NORM_INT_H
#define FY_NORM_INT_H

#include <pcre2.h>
#include <stdint.h>
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

/*
 * The limits of one match of a value of @p n bytes. The rules of the
 * sample and of the test fixtures need at most 7 steps (match limit) and
 * a depth of 4; on values of 100 kB the built-in rules need about one
 * step per 3 bytes (measured with a binary search for the least limit
 * that gives the same answer, as pcre2test's find_limits does). A
 * catastrophic pattern such as (a+)+$ needs 2^n steps on n letters: it is
 * stopped after NORM_MATCH_LIMIT_BASE + NORM_MATCH_LIMIT_PER_BYTE * n,
 * well under a millisecond for a cell of ordinary size. The heap limit
 * bounds the memory of the backtracking frames (without the JIT).
 */
#define NORM_MATCH_LIMIT_BASE 100000u
#define NORM_MATCH_LIMIT_PER_BYTE 10u
#define NORM_DEPTH_LIMIT_BASE 10000u
#define NORM_DEPTH_LIMIT_PER_BYTE 4u
#define NORM_HEAP_LIMIT_KIB (64u * 1024u)

static inline void norm_set_limits(pcre2_match_context *mctx, size_t n)
{
    uint64_t match = NORM_MATCH_LIMIT_BASE
                     + (uint64_t)NORM_MATCH_LIMIT_PER_BYTE * n;
    uint64_t depth = NORM_DEPTH_LIMIT_BASE
                     + (uint64_t)NORM_DEPTH_LIMIT_PER_BYTE * n;

    pcre2_set_match_limit(mctx, match > UINT32_MAX ? UINT32_MAX
                                                   : (uint32_t)match);
    pcre2_set_depth_limit(mctx, depth > UINT32_MAX ? UINT32_MAX
                                                   : (uint32_t)depth);
    pcre2_set_heap_limit(mctx, NORM_HEAP_LIMIT_KIB);
}

/* 1 when PCRE2's result @p rc is one of its limits (not a "no match"). */
static inline int norm_limit_hit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT
           || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
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
