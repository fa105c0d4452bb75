/* SPDX-License-Identifier: MIT */
/*
 * fuzz_values.c - the value parsers (src/norm/norm_value.c) and the text
 * helpers under them (src/core/fy_text.c, fy_date.c) on any cell:
 *
 * - the cell is normalised as ingest does; normalising again changes
 *   nothing (valid UTF-8);
 * - fy_utf8_valid() agrees with decoding character by character, and so
 *   does its scalar check (fy_utf8_valid() takes the AVX2 one where the
 *   processor has it);
 * - each parser's value, written back in its plain form, parses to the
 *   same value: a date is a valid day in 1000-9999 and its YYYY-MM-DD
 *   reads back to the same day; counts, decimals, months, years alike;
 * - the items of a list lie inside the cell, non-empty, trimmed;
 * - a text escaped for a message holds no control character but line
 *   breaks and tabs.
 */
#include "fuzz.h"

#include <inttypes.h>

#include "core/core_int.h"
#include "fuyuan/norm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_utf8(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            break;
        FUZZ_CHECK(k <= n - i && cp <= 0x10FFFF
                       && !(cp >= 0xD800 && cp <= 0xDFFF),
                   "decoded U+%" PRIX32 " from %zu bytes", cp, k);
        i += k;
    }
    FUZZ_CHECK(fy_utf8_valid(s, n) == (i == n),
               "fy_utf8_valid says %d, decoding stops at %zu of %zu",
               fy_utf8_valid(s, n), i, n);
    FUZZ_CHECK(fy_utf8_valid_scalar(s, n) == (i == n),
               "fy_utf8_valid_scalar says %d, decoding stops at %zu of %zu",
               fy_utf8_valid_scalar(s, n), i, n);
}

static void check_date(const char *s)
{
    int32_t days, back;
    char text[11];
    int y, m, d;

    enum norm_result r = norm_date(s, &days);
    enum norm_result o = norm_date_optional(s, &back);
    FUZZ_CHECK(o == r || (o == NORM_EMPTY && r == NORM_BAD),
               "norm_date %d, optional %d on '%s'", (int)r, (int)o, s);
    if (r != NORM_OK)
        return;
    FUZZ_CHECK(o == NORM_OK && back == days, "optional differs on '%s'", s);
    fy_ymd_from_days(days, &y, &m, &d);
    FUZZ_CHECK(fy_ymd_valid(y, m, d) && fy_days_from_ymd(y, m, d) == days,
               "'%s' gives day %d = %d-%d-%d", s, (int)days, y, m, d);
    fy_date_format(days, text);
    FUZZ_CHECK(norm_date(text, &back) == NORM_OK && back == days,
               "'%s' gives %s, which reads back as %d, not %d", s, text,
               (int)back, (int)days);
}

static void check_numbers(const char *s)
{
    char text[64];
    int64_t v, back;
    int32_t month, mback;
    int year, yback;

    if (norm_count(s, &v) == NORM_OK) {
        FUZZ_CHECK(v >= 0, "count %" PRId64 " of '%s'", v, s);
        snprintf(text, sizeof(text), "%" PRId64, v);
        FUZZ_CHECK(norm_count(text, &back) == NORM_OK && back == v,
                   "count '%s' of '%s'", text, s);
        FUZZ_CHECK(norm_decimal(s, 0, &back) == NORM_OK && back == v,
                   "decimal 0 of count '%s'", s);
    }
    for (int dec = 0; dec <= 4; dec++) {
        if (norm_decimal(s, dec, &v) != NORM_OK)
            continue;
        FUZZ_CHECK(v >= 0, "decimal %" PRId64 " of '%s'", v, s);
        if (v == INT64_MAX)
            continue; /* saturated: no plain form */
        int64_t scale = 1;
        for (int i = 0; i < dec; i++)
            scale *= 10;
        if (dec)
            snprintf(text, sizeof(text), "%" PRId64 ".%0*" PRId64, v / scale,
                     dec, v % scale);
        else
            snprintf(text, sizeof(text), "%" PRId64, v);
        FUZZ_CHECK(norm_decimal(text, dec, &back) == NORM_OK && back == v,
                   "decimal %d: '%s' of '%s' reads back as %" PRId64, dec,
                   text, s, back);
    }
    if (norm_month(s, &month) == NORM_OK) {
        int y = month / 12, m = month % 12 + 1;
        FUZZ_CHECK(y >= 1000 && y <= 9999, "month %d of '%s'", (int)month, s);
        snprintf(text, sizeof(text), "%04d-%02d", y, m);
        FUZZ_CHECK(norm_month(text, &mback) == NORM_OK && mback == month,
                   "month '%s' of '%s'", text, s);
    }
    if (norm_year(s, &year) == NORM_OK) {
        FUZZ_CHECK(year >= 1000 && year <= 9999, "year %d of '%s'", year, s);
        snprintf(text, sizeof(text), "%d年", year);
        FUZZ_CHECK(norm_year(text, &yback) == NORM_OK && yback == year,
                   "year '%s' of '%s'", text, s);
    }
    enum fy_yesno yn = FY_UNKNOWN;
    enum norm_result r = norm_yesno(s, &yn);
    FUZZ_CHECK(r != NORM_OK || yn == FY_YES || yn == FY_NO, "yes/no %d",
               (int)yn);
}

static void check_list(const char *s, enum norm_split mode)
{
    struct norm_item items[8];
    size_t n = norm_list_split(s, mode, items, 8), len = strlen(s);

    FUZZ_CHECK(n <= len, "%zu items in %zu bytes", n, len);
    for (size_t i = 0; i < n && i < 8; i++) {
        FUZZ_CHECK(items[i].s >= s && items[i].n > 0
                       && items[i].s + items[i].n <= s + len,
                   "item %zu outside the cell", i);
        FUZZ_CHECK(items[i].s[0] != ' ' && items[i].s[items[i].n - 1] != ' ',
                   "item %zu not trimmed", i);
        FUZZ_CHECK(i == 0 || items[i].s >= items[i - 1].s + items[i - 1].n,
                   "items %zu and %zu overlap", i - 1, i);
    }
    FUZZ_CHECK(norm_list_split(s, mode, NULL, 0) == n, "%s",
               "the count depends on max");
}

static void check_text(const char *s, size_t n)
{
    char *esc = fy_text_escaped(s);

    for (const unsigned char *p = (const unsigned char *)esc; *p; p++)
        FUZZ_CHECK(*p >= 0x20 || *p == '\n' || *p == '\t',
                   "control byte %02x left by fy_text_escaped", *p);
    for (const char *p = esc; (p = strstr(p, "\xC2")) != NULL; p++)
        FUZZ_CHECK((unsigned char)p[1] >= 0xA0 || (unsigned char)p[1] < 0x80,
                   "%s", "a C1 control left by fy_text_escaped");
    free(esc);
    (void)fy_text_width(s);
    (void)fy_text_formula_like(s);
    (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *raw = fuzz_string(data, size);
    struct fy_buf cell = FY_BUF_INIT, again = FY_BUF_INIT;
    size_t n = strlen(raw);

    check_utf8((const char *)data, size);
    fy_text_normalize(raw, n, &cell);
    const char *s = fy_buf_str(&cell);
    if (fy_utf8_valid(raw, n)) {
        fy_text_normalize(s, cell.len, &again);
        FUZZ_CHECK(again.len == cell.len
                       && memcmp(fy_buf_str(&again), s, cell.len) == 0,
                   "normalising '%s' twice gives '%s'", s,
                   fy_buf_str(&again));
    }
    check_date(s);
    check_numbers(s);
    check_list(s, NORM_SPLIT_LIST);
    check_list(s, NORM_SPLIT_DEFENDANTS);
    check_text(raw, n);
    fy_buf_release(&again);
    fy_buf_release(&cell);
    free(raw);
    return 0;
}
