/* SPDX-License-Identifier: MIT */
/* fy_alloc.c - allocation that exits with a message instead of NULL. */
#include "fuyuan/core.h"

#include <stdlib.h>
#include <string.h>

static _Noreturn void oom(size_t n)
{
    fprintf(stderr, _("fuyuan: out of memory (asked for %zu bytes)\n"), n);
    exit(FY_EXIT_INTERNAL);
}

void *fy_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        oom(n);
    return p;
}

void *fy_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (!p)
        oom(count * size);
    return p;
}

void *fy_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

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
