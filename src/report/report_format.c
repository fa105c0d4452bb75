/* SPDX-License-Identifier: MIT */
/*
 * report_format.c - numbers as the reports write them. Rounding is done
 * on the exact fractions (integer arithmetic, half away from zero), so a
 * figure shown as 12.35% is the one a person computes by hand.
 */
#include "fuyuan/report.h"

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
