/* SPDX-License-Identifier: MIT */
/*
 * report_rank.c - comparisons the narratives share: rates compared
 * exactly, rows ranked by a rate, ties named whole or not at all, and the
 * 旗区 that fare worse than the city (the white paper's 旗区 table and
 * the notice's 各旗区情况 say it the same way).
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

static int is_rest(const char *label)
{
    return !label || strcmp(label, "其他") == 0 || strcmp(label, "未填写") == 0;
}

/* 1 when rate @p a is above rate @p b (exact; undefined lowest). */
int report_rate_above(const struct stats_cell *a, const struct stats_cell *b)
{
    if (!a->den || !b->den)
        return a->den && !b->den;
    return (__int128)a->num * b->den > (__int128)b->num * a->den;
}

int report_same_rate(const struct stats_cell *a, const struct stats_cell *b)
{
    return a->den && b->den
           && (__int128)a->num * b->den == (__int128)b->num * a->den;
}

/* Rows of @p res sorted by rate metric @p m, highest first (stable). */
size_t *report_rows_by_rate(const struct stats_result *res, size_t m)
{
    size_t n = res->nrows, *idx = fy_xcalloc(n ? n : 1, sizeof(size_t));

    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t k = idx[i], j = i;
        while (j > 0 && report_rate_above(&res->rows[k].cells[m],
                                   &res->rows[idx[j - 1]].cells[m])) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    return idx;
}

/*
 * How many of the @p n candidates (in ranking order) to name when at
 * most @p k are named: a tie at the cut-off is named whole or not at all
 * (never one of three equals). @p same says whether candidates i and
 * i + 1 tie.
 */
size_t report_cut_ties(size_t n, size_t k,
                     int (*same)(const void *ctx, size_t i), const void *ctx)
{
    if (n <= k)
        return n;
    size_t cut = k;
    while (cut > 0 && same(ctx, cut - 1))
        cut--;
    return cut;
}

/* Ties on a rate, for report_cut_ties() over an array of row indices. */
struct rate_rows {
    const struct stats_result *res;
    size_t m;
    const size_t *rows;
};

static int same_rate_at(const void *ctx, size_t i)
{
    const struct rate_rows *x = ctx;

    return report_same_rate(&x->res->rows[x->rows[i]].cells[x->m],
                     &x->res->rows[x->rows[i + 1]].cells[x->m]);
}

/*
 * The 旗区 of @p r (by district) whose metric @p id is worse than the
 * city's: above it when @p high, else below; only with n >= @p min_den;
 * worst first, at most three, ties named whole. "；lead A（x）、B（y），
 * 均高于全市的z" — nothing when none is.
 */
void report_put_worse_districts(struct fy_buf *b, const struct stats_result *r,
                                enum stats_metric_id id, int high,
                                int64_t min_den, const char *lead,
                                const char **sep)
{
    size_t m = stats_metric_index(r, id);
    const struct stats_cell *city = &r->total.cells[m];
    enum stats_kind kind = stats_metric_kind(&r->req.metrics[m]);
    size_t *order = report_rows_by_rate(r, m), n = 0;
    size_t *idx = fy_xcalloc(r->nrows ? r->nrows : 1, sizeof(size_t));

    for (size_t i = 0; city->den && i < r->nrows; i++) {
        /* lowest first when below the city's is worse */
        size_t k = order[high ? i : r->nrows - 1 - i];
        const struct stats_cell *cell = &r->rows[k].cells[m];
        if (is_rest(stats_key_label(r, 0, r->rows[k].key[0]))
            || cell->den < min_den || !cell->den
            || !(high ? report_rate_above(cell, city) : report_rate_above(city, cell)))
            continue;
        idx[n++] = k;
    }
    struct rate_rows rr = {r, m, idx};
    n = report_cut_ties(n, 3, same_rate_at, &rr);
    for (size_t i = 0; i < n; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        fy_buf_printf(b, "%s%s%s（", i ? "、" : *sep, i ? "" : lead,
                      stats_key_label(r, 0, row->key[0]));
        report_fmt_value(kind, &row->cells[m], b);
        fy_buf_puts(b, "）");
    }
    if (n) {
        fy_buf_printf(b, "，%s%s全市的", n > 1 ? "均" : "",
                      high ? "高于" : "低于");
        report_fmt_value(kind, city, b);
        *sep = "；";
    }
    free(order);
    free(idx);
}


/* The class of a case-type row (its key is the type name's index). */
enum norm_case_class report_case_class(uint32_t key)
{
    size_t n;
    const struct norm_case_type *types = norm_case_types(&n);

    for (size_t k = 0; k < n; k++)
        if (norm_case_type_name_index(k) == key)
            return types[k].cls;
    return NORM_CLASS_OTHER;
}
