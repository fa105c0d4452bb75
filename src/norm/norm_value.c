/* SPDX-License-Identifier: MIT */
/*
 * norm_value.c - typed values from normalised cell text: dates, yes/no,
 * counts, decimals, months, years and lists (data-contract.md, "Values").
 */
#include "fuyuan/norm.h"

#include <string.h>
#include <strings.h>

#define EXCEL_EPOCH_Y 1899
#define EXCEL_EPOCH_M 12
#define EXCEL_EPOCH_D 30

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read 1..max digits at *p into *v; returns the number read. */
static int digits(const char **p, int max, int *v)
{
    int n = 0, x = 0;

    while (n < max && is_digit(**p)) {
        x = x * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = x;
    return n;
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A time of day after a date ("10:30", "10:30:00", "10:30:00.000"). */
static int is_time_part(const char *p)
{
    int v;

    if (*p != ' ' && *p != 'T')
        return 0;
    while (*p == ' ' || *p == 'T')
        p++;
    if (!digits(&p, 2, &v) || *p++ != ':' || digits(&p, 2, &v) != 2)
        return 0;
    if (*p == ':') {
        p++;
        if (digits(&p, 2, &v) != 2)
            return 0;
        if (*p == '.') {
            p++;
            if (!digits(&p, 9, &v))
                return 0;
        }
    }
    return *p == '\0';
}

static enum norm_result ymd(int y, int m, int d, const char *rest,
                            int32_t *days)
{
    if (*rest != '\0' && !is_time_part(rest))
        return NORM_BAD;
    if (!fy_ymd_valid(y, m, d))
        return NORM_BAD;
    *days = fy_days_from_ymd(y, m, d);
    return NORM_OK;
}

enum norm_result norm_date(const char *s, int32_t *days)
{
    const char *p = s;
    int y, m, d;
    size_t n;

    if (*s == '\0')
        return NORM_EMPTY;
    for (n = 0; is_digit(s[n]); n++)
        ;
    if (n == 5 && (s[5] == '\0' || s[5] == '.')) { /* Excel serial */
        int serial;
        digits(&p, 5, &serial);
        if (*p == '.') { /* the time of day, ignored: any precision */
            p++;
            if (!is_digit(*p))
                return NORM_BAD;
            while (is_digit(*p))
                p++;
            if (*p != '\0')
                return NORM_BAD;
        }
        *days = fy_days_from_ymd(EXCEL_EPOCH_Y, EXCEL_EPOCH_M, EXCEL_EPOCH_D)
                + serial;
        return NORM_OK;
    }
    if (n == 8) { /* 20230105 */
        digits(&p, 4, &y);
        digits(&p, 2, &m);
        digits(&p, 2, &d);
        return ymd(y, m, d, p, days);
    }
    if (n != 4)
        return NORM_BAD;
    digits(&p, 4, &y);
    if (starts(p, "年")) {
        p += strlen("年");
        if (!digits(&p, 2, &m) || !starts(p, "月"))
            return NORM_BAD;
        p += strlen("月");
        if (!digits(&p, 2, &d) || !starts(p, "日"))
            return NORM_BAD;
        p += strlen("日");
        return ymd(y, m, d, p, days);
    }
    char sep = *p;
    if (sep != '-' && sep != '/' && sep != '.')
        return NORM_BAD;
    p++;
    if (!digits(&p, 2, &m) || *p != sep)
        return NORM_BAD;
    p++;
    if (!digits(&p, 2, &d))
        return NORM_BAD;
    return ymd(y, m, d, p, days);
}

enum norm_result norm_date_optional(const char *s, int32_t *days)
{
    static const char *const none[] = {"--", "—", "/", "无", "-", "——"};

    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
        if (strcmp(s, none[i]) == 0)
            return NORM_EMPTY;
    return norm_date(s, days);
}

enum norm_result norm_yesno(const char *s, enum fy_yesno *v)
{
    static const struct {
        const char *text;
        enum fy_yesno value;
    } words[] = {
        {"是", FY_YES}, {"y", FY_YES}, {"yes", FY_YES}, {"true", FY_YES},
        {"1", FY_YES}, {"√", FY_YES},
        {"否", FY_NO}, {"n", FY_NO}, {"no", FY_NO}, {"false", FY_NO},
        {"0", FY_NO}, {"×", FY_NO},
        {"", FY_UNKNOWN}, {"不详", FY_UNKNOWN}, {"未知", FY_UNKNOWN},
    };

    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strcasecmp(s, words[i].text) == 0) {
            *v = words[i].value;
            return *v == FY_UNKNOWN ? NORM_EMPTY : NORM_OK;
        }
    }
    return NORM_BAD;
}

/*
 * Digits with optional thousands separators (groups of three after the
 * first). Stops at the first other character; *end points there. A value
 * above INT64_MAX gives INT64_MAX (see norm_count).
 */
static int grouped_digits(const char *s, int64_t *v, const char **end)
{
    const char *p = s;
    int64_t x = 0;
    int group = -1, ndigits = 0; /* digits in the current group */

    for (;; p++) {
        if (is_digit(*p)) {
            if (x > (INT64_MAX - (*p - '0')) / 10)
                x = INT64_MAX; /* saturated, and stays so */
            else
                x = x * 10 + (*p - '0');
            ndigits++;
            if (group >= 0 && ++group > 3)
                return 0;
        } else if (*p == ',' && ndigits > 0 && is_digit(p[1])) {
            if (group >= 0 && group != 3)
                return 0;
            if (group < 0 && ndigits > 3)
                return 0;
            group = 0;
        } else {
            break;
        }
    }
    if (ndigits == 0 || (group >= 0 && group != 3))
        return 0;
    *v = x;
    *end = p;
    return 1;
}

enum norm_result norm_count(const char *s, int64_t *v)
{
    const char *end;

    if (*s == '\0')
        return NORM_EMPTY;
    if (!grouped_digits(s, v, &end) || *end != '\0')
        return NORM_BAD;
    return NORM_OK;
}

enum norm_result norm_decimal(const char *s, int max_decimals, int64_t *v)
{
    const char *end;
    int64_t x, scale = 1;
    int nd = 0;

    if (*s == '\0')
        return NORM_EMPTY;
    if (!grouped_digits(s, &x, &end))
        return NORM_BAD;
    for (int i = 0; i < max_decimals; i++)
        scale *= 10;
    if (__builtin_mul_overflow(x, scale, &x))
        x = INT64_MAX;
    if (*end == '.') {
        const char *p = end + 1;
        int64_t f = 0;
        while (is_digit(*p)) {
            if (++nd > max_decimals)
                return NORM_BAD;
            f = f * 10 + (*p - '0');
            p++;
        }
        if (nd == 0 || *p != '\0')
            return NORM_BAD;
        for (int i = nd; i < max_decimals; i++)
            f *= 10;
        if (__builtin_add_overflow(x, f, &x))
            x = INT64_MAX;
    } else if (*end != '\0') {
        return NORM_BAD;
    }
    *v = x;
    return NORM_OK;
}

enum norm_result norm_month(const char *s, int32_t *month)
{
    const char *p = s;
    int y, m;
    size_t n;

    if (*s == '\0')
        return NORM_EMPTY;
    for (n = 0; is_digit(s[n]); n++)
        ;
    if (n == 6) {
        digits(&p, 4, &y);
        digits(&p, 2, &m);
    } else if (n == 4) {
        digits(&p, 4, &y);
        if (starts(p, "年")) {
            p += strlen("年");
            if (!digits(&p, 2, &m) || !starts(p, "月"))
                return NORM_BAD;
            p += strlen("月");
        } else if (*p == '-' || *p == '/' || *p == '.') {
            p++;
            if (!digits(&p, 2, &m))
                return NORM_BAD;
        } else {
            return NORM_BAD;
        }
    } else {
        return NORM_BAD;
    }
    if (*p != '\0' || y < 1000 || m < 1 || m > 12)
        return NORM_BAD;
    *month = fy_month_index(y, m);
    return NORM_OK;
}

enum norm_result norm_year(const char *s, int *year)
{
    const char *p = s;

    if (*s == '\0')
        return NORM_EMPTY;
    if (digits(&p, 4, year) != 4 || *year < 1000)
        return NORM_BAD;
    if (starts(p, "年"))
        p += strlen("年");
    return *p == '\0' ? NORM_OK : NORM_BAD;
}

/* Length of the separator at p (0 when none). */
static size_t separator(const char *p, enum norm_split mode)
{
    static const char *const list_seps[] = {";", "、", ",", "/", "；", "，"};
    /* the 被告 column: 、 ； ; ， (, once folded) and line breaks */
    static const char *const def_seps[] = {";", "、", "；", "，", ",",
                                           "\r\n", "\n", "\r"};
    const char *const *seps = mode == NORM_SPLIT_LIST ? list_seps : def_seps;
    size_t nseps = mode == NORM_SPLIT_LIST ? 6 : 8;
    unsigned char c = (unsigned char)*p;

    /* every separator starts with one of these bytes: most bytes are not */
    if (c != ';' && c != ',' && c != '/' && c != '\r' && c != '\n'
        && c != 0xE3 && c != 0xEF)
        return 0;
    for (size_t i = 0; i < nseps; i++)
        if (starts(p, seps[i]))
            return strlen(seps[i]);
    return 0;
}

size_t norm_list_split(const char *s, enum norm_split mode,
                       struct norm_item *items, size_t max)
{
    size_t count = 0;
    const char *p = s, *start = s;

    for (;;) {
        size_t k = *p ? separator(p, mode) : 1;
        if (k || *p == '\0') {
            const char *a = start, *b = p;
            /* trim ASCII and ideographic/NBSP spaces */
            for (;;) {
                if (a < b && (*a == ' ' || *a == '\t'))
                    a++;
                else if (b - a >= 3 && starts(a, "\u3000"))
                    a += 3;
                else if (b - a >= 2 && starts(a, "\u00a0"))
                    a += 2;
                else
                    break;
            }
            for (;;) {
                if (a < b && (b[-1] == ' ' || b[-1] == '\t'))
                    b--;
                else if (b - a >= 3 && strncmp(b - 3, "\u3000", 3) == 0)
                    b -= 3;
                else if (b - a >= 2 && strncmp(b - 2, "\u00a0", 2) == 0)
                    b -= 2;
                else
                    break;
            }
            if (b > a) {
                if (count < max) {
                    items[count].s = a;
                    items[count].n = (size_t)(b - a);
                }
                count++;
            }
            if (*p == '\0')
                break;
            p += k;
            start = p;
        } else {
            p++;
        }
    }
    return count;
}
