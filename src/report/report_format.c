/* SPDX-License-Identifier: MIT */
/*
 * report_format.c - numbers as the reports write them. Rounding is done
 * on the exact fractions (integer arithmetic, half away from zero), so a
 * figure shown as 12.35% is the one a person computes by hand.
 */
#include "fuyuan/book.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define UNDEFINED "—"

/* n / d rounded half away from zero (d > 0). */
static int64_t round_div(__int128 n, __int128 d)
{
    __int128 q = (2 * (n < 0 ? -n : n) + d) / (2 * d);
    return (int64_t)(n < 0 ? -q : q);
}

/* Hundredths as "12.35" with sign @p plus ("+" for a rise). */
static void put_hundredths(int64_t h, int plus, struct fy_buf *out)
{
    uint64_t u = h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;

    if (h < 0)
        fy_buf_putc(out, '-');
    else if (h > 0 && plus)
        fy_buf_putc(out, '+');
    fy_buf_printf(out, "%llu.%02llu", (unsigned long long)(u / 100),
                  (unsigned long long)(u % 100));
}

void report_fmt_count(int64_t n, struct fy_buf *out)
{
    char digits[32];
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)u);

    if (n < 0)
        fy_buf_putc(out, '-');
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            fy_buf_putc(out, ',');
        fy_buf_putc(out, digits[i]);
    }
}

void report_fmt_percent(double fraction, struct fy_buf *out)
{
    put_hundredths((int64_t)llround(fraction * 10000.0), 0, out);
    fy_buf_putc(out, '%');
}

void report_fmt_value(enum stats_kind kind, const struct stats_cell *c,
                      struct fy_buf *out)
{
    if (kind != STATS_COUNT && c->den == 0) {
        fy_buf_puts(out, UNDEFINED);
        return;
    }
    switch (kind) {
    case STATS_COUNT:
        report_fmt_count(c->num, out);
        break;
    case STATS_RATE:
        put_hundredths(round_div((__int128)c->num * 10000, c->den), 0, out);
        fy_buf_putc(out, '%');
        break;
    case STATS_PER10K:
        put_hundredths(round_div((__int128)c->num * 1000000, c->den), 0, out);
        break;
    }
}

void report_fmt_change(enum stats_kind kind, const struct stats_cell *cur,
                       const struct stats_cell *prev, struct fy_buf *out)
{
    __int128 n, d;

    if (kind == STATS_COUNT) {
        if (prev->num == 0) {
            fy_buf_puts(out, UNDEFINED);
            return;
        }
        put_hundredths(round_div((__int128)(cur->num - prev->num) * 10000,
                                 prev->num < 0 ? -prev->num : prev->num),
                       1, out);
        fy_buf_putc(out, '%');
        return;
    }
    if (cur->den == 0 || prev->den == 0) {
        fy_buf_puts(out, UNDEFINED);
        return;
    }
    /* a/b - c/d = (a*d - c*b) / (b*d) */
    n = (__int128)cur->num * prev->den - (__int128)prev->num * cur->den;
    d = (__int128)cur->den * prev->den;
    put_hundredths(round_div(n * (kind == STATS_RATE ? 10000 : 1000000), d), 1,
                   out);
    if (kind == STATS_RATE)
        fy_buf_puts(out, "个百分点");
}

void report_fmt_double(double v, struct fy_buf *out)
{
    char tmp[64];

    if (v == floor(v) && fabs(v) < 1e15) {
        fy_buf_printf(out, "%.0f", v);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    fy_buf_puts(out, tmp);
}

/* A change with its sign: "+1.20%", "-0.31", "0.00". */
static void put_change(double v, const char *unit, struct fy_buf *b)
{
    long long h = llround(v * 100.0);
    unsigned long long u = h < 0 ? (unsigned long long)(-h)
                                 : (unsigned long long)h;

    fy_buf_printf(b, "%s%llu.%02llu%s", h > 0 ? "+" : h < 0 ? "-" : "",
                  u / 100, u % 100, unit);
}

/* The text of a cell as the paper prints it. */
void report_fmt_cell(const struct report_value *v, enum report_col_kind k,
                     struct fy_buf *b)
{
    fy_buf_reset(b);
    if (k == RC_TEXT) {
        fy_buf_puts(b, v->text ? v->text : "未填写");
        return;
    }
    if (!v->defined) {
        fy_buf_puts(b, "—");
        return;
    }
    switch (k) {
    case RC_COUNT:
        report_fmt_count(llround(v->v), b);
        break;
    case RC_RATE:
        report_fmt_percent(v->v, b);
        break;
    case RC_CHANGE_REL:
        put_change(v->v * 100.0, "%", b);
        break;
    case RC_CHANGE_PP:     /* the unit is in the header */
    case RC_CHANGE_DIFF:
        put_change(v->v, "", b);
        break;
    case RC_PER10K:
        fy_buf_printf(b, "%.2f", v->v);
        break;
    case RC_DATE: {
        char d[11];
        fy_date_format((int32_t)v->v, d);
        fy_buf_puts(b, d);
        break;
    }
    default:
        fy_buf_printf(b, "%lld", (long long)llround(v->v));
        break;
    }
}
