/* SPDX-License-Identifier: MIT */
/*
 * stats_period.c - periods: a year, a quarter, a month or a range; the
 * comparison periods (上年同期, the period before) and the year to date.
 */
#include "fuyuan/stats.h"

#include <stdlib.h>
#include <string.h>

static const char *const quarter_names[4] = {"第一季度", "第二季度",
                                             "第三季度", "第四季度"};

static int parse_int(const char *s, size_t n, int *out)
{
    int v = 0;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static struct stats_period months(enum stats_period_kind kind, int y, int m,
                                  int nmonths)
{
    struct stats_period p;
    int ey = y, em = m + nmonths - 1;

    while (em > 12) {
        em -= 12;
        ey++;
    }
    p.kind = kind;
    p.start = fy_days_from_ymd(y, m, 1);
    p.end = fy_days_from_ymd(ey, em, fy_days_in_month(ey, em));
    return p;
}

fy_status stats_period_parse(const char *year, const char *quarter,
                             const char *month, const char *from,
                             const char *to, struct stats_period *out,
                             struct fy_error *err)
{
    int given = !!year + !!quarter + !!month + !!(from || to);
    int y, q;

    if (given == 0)
        return fy_fail(err, FY_E_USAGE, NULL, "%s",
                       _("no period given: use --year Y, --quarter YYYYQn, "
                         "--month YYYY-MM or --from DATE --to DATE"));
    if (given > 1)
        return fy_fail(err, FY_E_USAGE, NULL, "%s",
                       _("give only one period (--year, --quarter, --month "
                         "or --from/--to)"));
    if (year) {
        if (strlen(year) != 4 || !parse_int(year, 4, &y) || y < 1900)
            return fy_fail(err, FY_E_USAGE, NULL,
                           _("--year needs a year like 2023, not '%s'"),
                           year);
        *out = months(STATS_YEAR, y, 1, 12);
        return FY_OK;
    }
    if (quarter) {
        if (strlen(quarter) != 6 || !parse_int(quarter, 4, &y)
            || (quarter[4] != 'Q' && quarter[4] != 'q')
            || !parse_int(quarter + 5, 1, &q) || q < 1 || q > 4 || y < 1900)
            return fy_fail(err, FY_E_USAGE, NULL,
                           _("--quarter needs a quarter like 2024Q1, not "
                             "'%s'"), quarter);
        *out = months(STATS_QUARTER, y, (q - 1) * 3 + 1, 3);
        return FY_OK;
    }
    if (month) {
        int32_t idx;
        if (norm_month(month, &idx) != NORM_OK || idx / 12 < 1900)
            return fy_fail(err, FY_E_USAGE, NULL,
                           _("--month needs a month like 2024-03, not '%s'"),
                           month);
        *out = months(STATS_MONTH, idx / 12, idx % 12 + 1, 1);
        return FY_OK;
    }
    if (!from || !to)
        return fy_fail(err, FY_E_USAGE, NULL, "%s",
                       _("--from and --to go together"));
    int32_t a, b;
    if (norm_date(from, &a) != NORM_OK)
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--from needs a date like 2023-07-01, not '%s'"),
                       from);
    if (norm_date(to, &b) != NORM_OK)
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--to needs a date like 2024-06-30, not '%s'"), to);
    if (b < a)
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--to %s is before --from %s"), to, from);
    out->kind = STATS_RANGE;
    out->start = a;
    out->end = b;
    return FY_OK;
}

/* The same day @p years later (negative: earlier); 02-29 -> 02-28. */
int32_t stats_shift_years(int32_t day, int years)
{
    int y, m, d;

    fy_ymd_from_days(day, &y, &m, &d);
    y += years;
    if (d > fy_days_in_month(y, m))
        d = fy_days_in_month(y, m);
    return fy_days_from_ymd(y, m, d);
}

struct stats_period stats_period_yoy(const struct stats_period *p)
{
    struct stats_period q = *p;

    int y, m, d;

    q.start = stats_shift_years(p->start, -1);
    /* an end on a month's last day stays on it (2025-02-28 -> 2024-02-29) */
    fy_ymd_from_days(p->end, &y, &m, &d);
    if (d == fy_days_in_month(y, m))
        q.end = fy_days_from_ymd(y - 1, m, fy_days_in_month(y - 1, m));
    else
        q.end = stats_shift_years(p->end, -1);
    return q;
}

struct stats_period stats_period_prev(const struct stats_period *p)
{
    int y, m, d;

    fy_ymd_from_days(p->start, &y, &m, &d);
    switch (p->kind) {
    case STATS_YEAR:
        return months(STATS_YEAR, y - 1, 1, 12);
    case STATS_QUARTER:
        return m == 1 ? months(STATS_QUARTER, y - 1, 10, 3)
                      : months(STATS_QUARTER, y, m - 3, 3);
    case STATS_MONTH:
        return m == 1 ? months(STATS_MONTH, y - 1, 12, 1)
                      : months(STATS_MONTH, y, m - 1, 1);
    default: {
        struct stats_period q = *p;
        int32_t len = p->end - p->start + 1;
        q.end = p->start - 1;
        q.start = q.end - len + 1;
        return q;
    }
    }
}

struct stats_period stats_period_ytd(const struct stats_period *p)
{
    struct stats_period q;
    int y, m, d;

    fy_ymd_from_days(p->end, &y, &m, &d);
    q.kind = STATS_RANGE;
    q.start = fy_days_from_ymd(y, 1, 1);
    q.end = p->end;
    if (m == 12 && d == 31)
        q.kind = STATS_YEAR;
    return q;
}

char *stats_period_name(const struct stats_period *p)
{
    int y, m, d;
    char a[11], b[11];

    fy_ymd_from_days(p->start, &y, &m, &d);
    switch (p->kind) {
    case STATS_YEAR:
        return fy_xasprintf("%04d", y);
    case STATS_QUARTER:
        return fy_xasprintf("%04dQ%d", y, (m - 1) / 3 + 1);
    case STATS_MONTH:
        return fy_xasprintf("%04d-%02d", y, m);
    default:
        fy_date_format(p->start, a);
        fy_date_format(p->end, b);
        return fy_xasprintf("%s_%s", a, b);
    }
}

char *stats_period_title(const struct stats_period *p)
{
    int y, m, d, y2, m2, d2;

    fy_ymd_from_days(p->start, &y, &m, &d);
    fy_ymd_from_days(p->end, &y2, &m2, &d2);
    switch (p->kind) {
    case STATS_YEAR:
        return fy_xasprintf("%d年", y);
    case STATS_QUARTER:
        return fy_xasprintf("%d年%s", y, quarter_names[(m - 1) / 3]);
    case STATS_MONTH:
        return fy_xasprintf("%d年%d月", y, m);
    default:
        if (y == y2 && m == 1 && d == 1 && d2 == fy_days_in_month(y2, m2))
            return fy_xasprintf("%d年1—%d月", y, m2);
        return fy_xasprintf("%d年%d月%d日至%d年%d月%d日", y, m, d, y2, m2, d2);
    }
}
