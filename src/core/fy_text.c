/* SPDX-License-Identifier: MIT */
/* fy_text.c - UTF-8 validation, trimming, full-width folding, widths. */
#include "fuyuan/core.h"

#include <string.h>

size_t fy_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    size_t len;

    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        c = s[0] & 0x1F;
        len = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        c = s[0] & 0x0F;
        len = 3;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        c = s[0] & 0x07;
        len = 4;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF))
        || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int fy_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        /* Fast path over ASCII, eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

void fy_utf8_put(struct fy_buf *b, uint32_t cp)
{
    char out[4];
    size_t n;

    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fy_buf_append(b, out, n);
}

/* Is this code point trimmed at the ends of a value? */
static int is_trim_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n'
           || cp == 0xA0 || cp == 0x3000;
}

/*
 * Length of the character at @p s when it is copied unchanged: printable
 * ASCII and multi-byte characters that are neither spaces to trim (NBSP,
 * U+3000) nor full-width forms to fold (U+FF01..U+FF5E). 0 otherwise,
 * including for bytes that are not UTF-8 (the careful path handles them).
 */
static size_t plain_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];

    if (c < 0x80)
        return c > ' ' ? 1 : 0;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 && !(c == 0xC2 && s[1] == 0xA0)
                   ? 2 : 0;
    if (c >= 0xE1 && c <= 0xEC) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        return c == 0xE3 && s[1] == 0x80 && s[2] == 0x80 ? 0 : 3;
    }
    if (c == 0xEE || c == 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        /* U+FF01..U+FF5E are EF BC 81..EF BD 9E */
        if (c == 0xEF && ((s[1] == 0xBC && s[2] >= 0x81)
                          || (s[1] == 0xBD && s[2] <= 0x9E)))
            return 0;
        return 3;
    }
    return 0; /* E0, ED, F0..F4 and the rest: decoded carefully */
}

void fy_text_normalize(const char *s, size_t n, struct fy_buf *out)
{
    size_t i = 0, k;
    uint32_t cp;
    size_t keep = 0; /* out->len after the last non-space */

    fy_buf_reset(out);
    fy_buf_append(out, "", 0);
    while (i < n) {
        size_t run = plain_len((const unsigned char *)s + i, n - i);
        if (run) {
            /* a run of characters copied as they are */
            size_t j = i + run, m;
            while (j < n && (m = plain_len((const unsigned char *)s + j,
                                           n - j)))
                j += m;
            fy_buf_append(out, s + i, j - i);
            keep = out->len;
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            k = 1;
            cp = c;
        } else {
            k = fy_utf8_decode(s + i, n - i, &cp);
            if (!k) { /* not UTF-8: keep the byte as it is */
                k = 1;
                cp = 0xFFFFFFFFu;
            }
        }
        if (cp != 0xFFFFFFFFu && is_trim_space(cp)) {
            if (out->len > 0) /* inner space: kept, folded to ASCII */
                fy_buf_append(out, cp == 0x3000 || cp == 0xA0 ? " " : s + i,
                              cp == 0x3000 || cp == 0xA0 ? 1 : k);
        } else {
            if (cp >= 0xFF01 && cp <= 0xFF5E)
                fy_buf_putc(out, (char)(cp - 0xFEE0));
            else
                fy_buf_append(out, s + i, k);
            keep = out->len;
        }
        i += k;
    }
    out->len = keep;
    out->data[keep] = '\0';
}

/* East Asian Wide and Fullwidth ranges (the ones that occur in our text). */
static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E)
           || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF)
           || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
           || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
           || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
           || (cp >= 0xFFE0 && cp <= 0xFFE6)
           || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t fy_text_width(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;

    while (i < n) {
        uint32_t cp;
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            w++;
            continue;
        }
        /* em dash (U+2014) is drawn one column wide in most terminals */
        w += is_wide(cp) ? 2 : 1;
        i += k;
    }
    return w;
}

int fy_text_formula_like(const char *s)
{
    if (!strchr("=+-@\t\r", *s) || !*s)
        return 0;
    if (*s == '+' || *s == '-') { /* a plain number stays a number */
        const char *p = s + 1;
        size_t digits = 0;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
        if (digits && *p == '.') {
            p++;
            size_t frac = 0;
            while (*p >= '0' && *p <= '9')
                p++, frac++;
            if (!frac)
                return 1;
        }
        return !(digits && !*p);
    }
    return 1;
}

char *fy_text_escaped(const char *s)
{
    struct fy_buf b = FY_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        if (*p == '\n' || *p == '\t')  /* the layout of a message */
            fy_buf_append(&b, (const char *)p, 1);
        else if (*p == '\r')
            fy_buf_puts(&b, "\\r");
        else if (*p < 0x20 || *p == 0x7f)
            fy_buf_printf(&b, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 */
            fy_buf_printf(&b, "\\u%04x", (unsigned)*++p);
        else
            fy_buf_append(&b, (const char *)p, 1);
    }
    return fy_buf_detach(&b);
}
