/* SPDX-License-Identifier: MIT */
/* fy_buf.c - growable, NUL-terminated byte buffers. */
#include "fuyuan/core.h"

#include <stdlib.h>
#include <string.h>

static void grow(struct fy_buf *b, size_t extra)
{
    size_t need;

    if (extra > SIZE_MAX - b->len - 1)
        FY_BUG("buffer size overflow");
    need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = fy_xrealloc(b->data, cap);
    b->cap = cap;
}

void fy_buf_append(struct fy_buf *b, const void *data, size_t n)
{
    grow(b, n);
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fy_buf_puts(struct fy_buf *b, const char *s)
{
    fy_buf_append(b, s, strlen(s));
}

void fy_buf_putc(struct fy_buf *b, char c)
{
    fy_buf_append(b, &c, 1);
}

void fy_buf_vprintf(struct fy_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        FY_BUG("bad format '%s'", fmt);
    grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void fy_buf_printf(struct fy_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fy_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void fy_buf_reset(struct fy_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

const char *fy_buf_str(const struct fy_buf *b)
{
    return b->data ? b->data : "";
}

char *fy_buf_detach(struct fy_buf *b)
{
    char *d = b->data ? b->data : fy_xstrdup("");

    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void fy_buf_release(struct fy_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
