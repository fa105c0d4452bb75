/* SPDX-License-Identifier: MIT */
/*
 * report_order.c - the order of agency rows (white-paper.md, "Order of
 * rows"): grouped by 旗区 in registry order with the city's own agencies
 * (市本级) first, within a group by the figure the table ranks by, then by
 * name in Chinese pinyin order. Pinyin order is ICU's "zh" collation (the
 * same on every machine: it needs no generated locale); names are turned
 * into ICU sort keys once, and keys compare with strcmp().
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

struct report_collator {
    UCollator *ucol;
};

fy_status report_collator_new(struct report_collator **out,
                              struct fy_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UCollator *u = ucol_open("zh", &st);

    /* without its Chinese data ICU falls back to the root order (code
     * points), which is not pinyin: an installation problem, not a bug */
    if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
        if (u)
            ucol_close(u);
        return fy_fail(err, FY_E_XLSX, NULL,
                       _("cannot load the Chinese (pinyin) collation of "
                         "ICU: %s (run 'make deps')"),
                       U_FAILURE(st) ? u_errorName(st) : "no zh data");
    }
    *out = fy_xcalloc(1, sizeof(**out));
    (*out)->ucol = u;
    return FY_OK;
}

void report_collator_free(struct report_collator *c)
{
    if (!c)
        return;
    ucol_close(c->ucol);
    free(c);
}

char *report_collation_key(const struct report_collator *c, const char *s)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;

    /* UTF-8 to UTF-16 (invalid bytes become U+FFFD), then the key */
    u_strFromUTF8WithSub(NULL, 0, &n, s, -1, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        FY_BUG("u_strFromUTF8: %s", u_errorName(st));
    UChar *u = fy_xcalloc((size_t)n + 1, sizeof(UChar));
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, n + 1, NULL, s, -1, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        FY_BUG("u_strFromUTF8: %s", u_errorName(st));
    int32_t k = ucol_getSortKey(c->ucol, u, n, NULL, 0);
    uint8_t *key = fy_xcalloc((size_t)k + 1, 1);
    ucol_getSortKey(c->ucol, u, n, key, k + 1);
    free(u);
    return (char *)key;
}

int report_collate(const struct report_collator *c, const char *a,
                   const char *b)
{
    char *ka = report_collation_key(c, a), *kb = report_collation_key(c, b);
    int r = strcmp(ka, kb);

    free(ka);
    free(kb);
    return r ? r : strcmp(a, b);
}

/* 1 for the labels that stand for no agency: they go last. */
static int is_rest(const char *name)
{
    return !name || strcmp(name, "未填写") == 0 || strcmp(name, "其他") == 0;
}

size_t report_agency_group(const struct norm_registry *reg, const char *name)
{
    int d;

    if (is_rest(name))
        return norm_registry_ndistricts(reg);
    d = norm_district_of_defendant(reg, name);
    /* rules 2-3 of the data contract, else 市本级 */
    return d == NORM_NONE ? NORM_CITY_LEVEL : (size_t)d;
}

/* A row being ordered: its group and pinyin key. */
struct keyed {
    struct report_agency_row row;
    size_t group;
    char *key;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;

    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->row.defined != y->row.defined)
        return x->row.defined ? -1 : 1;    /* undefined figures last */
    if (x->row.defined && x->row.figure != y->row.figure)
        return x->row.figure > y->row.figure ? -1 : 1;
    if (!x->key || !y->key)
        return x->key ? -1 : (y->key ? 1 : 0);
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    c = strcmp(x->row.name, y->row.name);
    if (c)
        return c;
    return x->row.index < y->row.index ? -1 : x->row.index > y->row.index;
}

void report_order_agencies(const struct report_collator *c,
                           const struct norm_registry *reg,
                           struct report_agency_row *rows, size_t n)
{
    struct keyed *k = fy_xcalloc(n ? n : 1, sizeof(*k));

    for (size_t i = 0; i < n; i++) {
        k[i].row = rows[i];
        k[i].group = report_agency_group(reg, rows[i].name);
        k[i].key = rows[i].name ? report_collation_key(c, rows[i].name)
                                : NULL;
    }
    if (n > 1)
        qsort(k, n, sizeof(*k), cmp_keyed);
    for (size_t i = 0; i < n; i++) {
        rows[i] = k[i].row;
        free(k[i].key);
    }
    free(k);
}
