/* SPDX-License-Identifier: MIT */
/* fy_alloc.c - allocation that exits with a message instead of NULL. */
#include "fuyuan/core.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/*
 * The test hook of tests/fault/walk.sh: FY_TEST_FAIL_ALLOC=N makes the Nth
 * allocation of this file fail as if out of memory; FY_TEST_ALLOC_COUNT=
 * FILE appends "malloc COUNT" to FILE at exit. Only fuyuan's own
 * allocations: a library made to fail inside may crash in itself. Read
 * once; off (and not counted) without them.
 */
static atomic_long alloc_calls;
static atomic_long alloc_fail_at = -1;   /* -1 unread, 0 off, else N */

static void write_alloc_count(void)
{
    FILE *f = fopen(getenv("FY_TEST_ALLOC_COUNT"), "a");

    if (f) {
        fprintf(f, "malloc %ld\n", atomic_load(&alloc_calls));
        fclose(f);
    }
}

static int test_fails(void)
{
    long at = atomic_load(&alloc_fail_at);

    if (at == -1) {
        const char *e = getenv("FY_TEST_FAIL_ALLOC");
        const char *c = getenv("FY_TEST_ALLOC_COUNT");
        long want = e && *e ? atol(e) : 0, unread = -1;
        if (want <= 0)
            want = c && *c ? LONG_MAX : 0; /* count, never fail */
        if (atomic_compare_exchange_strong(&alloc_fail_at, &unread, want)
            && c && *c)
            atexit(write_alloc_count);
        at = atomic_load(&alloc_fail_at);
    }
    return at && atomic_fetch_add(&alloc_calls, 1) + 1 == at;
}

static _Noreturn void oom(size_t n)
{
    fprintf(stderr, _("fuyuan: out of memory (asked for %zu bytes)\n"), n);
    fy_cleanup_now(); /* the private folder, temporary file, lock file */
    exit(FY_EXIT_INTERNAL);
}

void *fy_xmalloc(size_t n)
{
    void *p = test_fails() ? NULL : malloc(n ? n : 1);

    if (!p)
        oom(n);
    return p;
}

void *fy_xcalloc(size_t count, size_t size)
{
    void *p = test_fails() ? NULL : calloc(count ? count : 1, size ? size : 1);

    if (!p)
        oom(count * size);
    return p;
}

void *fy_xrealloc(void *p, size_t n)
{
    void *q = test_fails() ? NULL : realloc(p, n ? n : 1);

    if (!q)
        oom(n);
    return q;
}

void *fy_xreallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    return fy_xrealloc(p, count * size);
}

char *fy_xstrndup(const char *s, size_t n)
{
    char *d = fy_xmalloc(n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *fy_xstrdup(const char *s)
{
    return fy_xstrndup(s, strlen(s));
}

char *fy_xasprintf(const char *fmt, ...)
{
    struct fy_buf b = FY_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    fy_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return fy_buf_detach(&b);
}
