/* SPDX-License-Identifier: MIT */
/*
 * report_query.c - the outputs of `fuyuan query`: an aligned terminal
 * table, CSV and the JSON form of outputs.md; and the same three forms
 * of a plain listing (`fuyuan metrics`, `fuyuan dimensions`).
 */
#include "fuyuan/book.h"

#include <stdlib.h>
#include <string.h>

#define UNFILLED "未填写"
#define TOTAL "合计"

static const char *compare_label(const struct stats_result *res)
{
    return res->req.compare == STATS_COMPARE_PREV ? "上期" : "上年同期";
}

static const char *change_label(const struct stats_result *res)
{
    return res->req.compare == STATS_COMPARE_PREV ? "环比" : "同比";
}

/* ------------------------------------------------------------------ */
/* Table                                                               */
/* ------------------------------------------------------------------ */

struct grid {
    char **cells;       /* rows x cols, owned */
    size_t rows, cols;
    size_t *width;
};

static void grid_set(struct grid *g, size_t r, size_t c, const char *s)
{
    g->cells[r * g->cols + c] = fy_xstrdup(s);
    size_t w = fy_text_width(s);
    if (w > g->width[c])
        g->width[c] = w;
}

/* Cells of one metric (value, and with --compare previous and change). */
static size_t metric_cols(const struct stats_result *res)
{
    return res->req.compare ? 3 : 1;
}

static void fill_row(struct grid *g, size_t r, const struct stats_result *res,
                     const struct stats_row *row, int total)
{
    struct fy_buf b = FY_BUF_INIT;
    size_t c = 0, nd = res->req.ndims ? res->req.ndims : 0;

    for (size_t i = 0; i < nd; i++) {
        const char *label = total ? (i == 0 ? TOTAL : "")
                                  : stats_key_label(res, i, row->key[i]);
        grid_set(g, r, c++, label ? label : UNFILLED);
    }
    for (size_t m = 0; m < res->req.nmetrics; m++) {
        enum stats_kind k = stats_metric_kind(&res->req.metrics[m]);
        fy_buf_reset(&b);
        report_fmt_value(k, &row->cells[m], &b);
        grid_set(g, r, c++, fy_buf_str(&b));
        if (res->req.compare) {
            fy_buf_reset(&b);
            report_fmt_value(k, &row->prev[m], &b);
            grid_set(g, r, c++, fy_buf_str(&b));
            fy_buf_reset(&b);
            report_fmt_change(k, &row->cells[m], &row->prev[m], &b);
            grid_set(g, r, c++, fy_buf_str(&b));
        }
    }
    fy_buf_release(&b);
}

static void put_padded(FILE *out, const char *s, size_t width, int right)
{
    size_t w = fy_text_width(s);

    if (right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
    fputs(s, out);
    if (!right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
}

void report_query_table(const struct stats_result *res, FILE *out)
{
    const struct stats_dim_def *dims = stats_dim_defs();
    size_t nd = res->req.ndims;
    struct grid g;
    char buf[128];
    /* with dimensions: rows + the total; without: the total alone */
    size_t body = nd ? res->nrows + 1 : 1;

    g.cols = nd + res->req.nmetrics * metric_cols(res);
    g.rows = body + 1;
    g.cells = fy_xcalloc(g.rows * g.cols, sizeof(char *));
    g.width = fy_xcalloc(g.cols, sizeof(size_t));
    size_t c = 0;
    for (size_t i = 0; i < nd; i++)
        grid_set(&g, 0, c++, dims[res->req.dims[i]].name);
    for (size_t m = 0; m < res->req.nmetrics; m++) {
        const char *name = stats_metric_name(&res->req.metrics[m], buf,
                                             sizeof(buf));
        grid_set(&g, 0, c++, name);
        if (res->req.compare) {
            char *h = fy_xasprintf("%s%s", name, compare_label(res));
            grid_set(&g, 0, c++, h);
            free(h);
            h = fy_xasprintf("%s%s%s", name, change_label(res),
                             stats_metric_kind(&res->req.metrics[m])
                                     == STATS_COUNT ? "" : "增减");
            grid_set(&g, 0, c++, h);
            free(h);
        }
    }
    for (size_t r = 0; nd && r < res->nrows; r++)
        fill_row(&g, r + 1, res, &res->rows[r], 0);
    fill_row(&g, body, res, &res->total, nd > 0);

    for (size_t r = 0; r < g.rows; r++) {
        for (size_t k = 0; k < g.cols; k++) {
            if (k)
                fputs("  ", out);
            int right = k >= nd && r > 0;
            put_padded(out, g.cells[r * g.cols + k], g.width[k],
                       right || (k >= nd && r == 0));
        }
        fputc('\n', out);
        if (r == 0 || (nd && r == body - 1)) {
            size_t total = 0;
            for (size_t k = 0; k < g.cols; k++)
                total += g.width[k] + (k ? 2 : 0);
            for (size_t i = 0; i < total; i++)
                fputc('-', out);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < g.rows * g.cols; i++)
        free(g.cells[i]);
    free(g.cells);
    free(g.width);
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

static void csv_field(FILE *out, const char *s, int first)
{
    /* a name that a spreadsheet would run gets a leading "'" */
    char *guarded = fy_text_formula_like(s) ? fy_xasprintf("'%s", s) : NULL;

    if (guarded)
        s = guarded;
    if (!first)
        fputc(',', out);
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    free(guarded);
}

/* A figure's value, numerator and denominator (empty when undefined). */
static void csv_figure(FILE *out, enum stats_kind k,
                       const struct stats_cell *c, int *first)
{
    struct fy_buf b = FY_BUF_INIT;
    int defined;
    double v = stats_value(k, c, &defined);

    if (defined)
        report_fmt_double(v, &b);
    csv_field(out, fy_buf_str(&b), *first);
    fy_buf_reset(&b);
    fy_buf_printf(&b, "%lld", (long long)c->num);
    csv_field(out, fy_buf_str(&b), 0);
    fy_buf_reset(&b);
    if (k != STATS_COUNT)
        fy_buf_printf(&b, "%lld", (long long)c->den);
    csv_field(out, fy_buf_str(&b), 0);
    fy_buf_release(&b);
    *first = 0;
}

static void csv_row(FILE *out, const struct stats_result *res,
                    const struct stats_row *row, int total)
{
    struct fy_buf b = FY_BUF_INIT;
    int first = 1;

    for (size_t i = 0; i < res->req.ndims; i++, first = 0) {
        const char *label = total ? (i == 0 ? TOTAL : "")
                                  : stats_key_label(res, i, row->key[i]);
        csv_field(out, label ? label : "", first);
    }
    for (size_t m = 0; m < res->req.nmetrics; m++) {
        enum stats_kind k = stats_metric_kind(&res->req.metrics[m]);
        csv_figure(out, k, &row->cells[m], &first);
        if (res->req.compare) {
            int defined;
            csv_figure(out, k, &row->prev[m], &first);
            double ch = stats_change(k, &row->cells[m], &row->prev[m],
                                     &defined);
            fy_buf_reset(&b);
            if (defined)
                report_fmt_double(ch, &b);
            csv_field(out, fy_buf_str(&b), 0);
        }
    }
    fputc('\n', out);
    fy_buf_release(&b);
}

void report_query_csv(const struct stats_result *res, int bom, FILE *out)
{
    const struct stats_dim_def *dims = stats_dim_defs();
    char buf[128];
    int first = 1;

    if (bom)
        fputs("\xEF\xBB\xBF", out);
    for (size_t i = 0; i < res->req.ndims; i++, first = 0)
        csv_field(out, dims[res->req.dims[i]].id, first);
    for (size_t m = 0; m < res->req.nmetrics; m++) {
        const char *id = stats_metric_id(&res->req.metrics[m], buf,
                                         sizeof(buf));
        char *h[] = {
            fy_xstrdup(id), fy_xasprintf("%s_numerator", id),
            fy_xasprintf("%s_denominator", id),
            fy_xasprintf("%s_previous", id),
            fy_xasprintf("%s_previous_numerator", id),
            fy_xasprintf("%s_previous_denominator", id),
            fy_xasprintf("%s_change", id),
        };
        size_t n = res->req.compare ? 7 : 3;
        for (size_t k = 0; k < n; k++, first = 0)
            csv_field(out, h[k], first);
        for (size_t k = 0; k < 7; k++)
            free(h[k]);
    }
    fputc('\n', out);
    for (size_t r = 0; res->req.ndims && r < res->nrows; r++)
        csv_row(out, res, &res->rows[r], 0);
    csv_row(out, res, &res->total, res->req.ndims > 0);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void json_figure(FILE *out, enum stats_kind k,
                        const struct stats_cell *c)
{
    struct fy_buf b = FY_BUF_INIT;
    int defined;
    double v = stats_value(k, c, &defined);

    fputs("{\"value\": ", out);
    if (!defined)
        fputs("null", out);
    else if (k == STATS_COUNT)
        fprintf(out, "%lld", (long long)c->num);
    else {
        report_fmt_double(v, &b);
        fputs(fy_buf_str(&b), out);
    }
    fprintf(out, ", \"numerator\": %lld, \"denominator\": ",
            (long long)c->num);
    if (k == STATS_COUNT)
        fputs("null", out);
    else
        fprintf(out, "%lld", (long long)c->den);
    fy_buf_release(&b);
}

static void json_metrics(FILE *out, const struct stats_result *res,
                         const struct stats_row *row)
{
    char buf[128];
    static const char *const units[] = {
        [STATS_COUNT] = "relative", [STATS_RATE] = "percentage_points",
        [STATS_PER10K] = "difference",
    };

    fputs("\"metrics\": {", out);
    for (size_t m = 0; m < res->req.nmetrics; m++) {
        enum stats_kind k = stats_metric_kind(&res->req.metrics[m]);
        if (m)
            fputs(", ", out);
        json_string(out, stats_metric_id(&res->req.metrics[m], buf,
                                         sizeof(buf)));
        fputs(": ", out);
        json_figure(out, k, &row->cells[m]);
        if (res->req.compare) {
            int defined;
            struct fy_buf b = FY_BUF_INIT;
            fputs(", \"previous\": ", out);
            json_figure(out, k, &row->prev[m]);
            fputs("}, \"change\": ", out);
            double ch = stats_change(k, &row->cells[m], &row->prev[m],
                                     &defined);
            if (defined) {
                report_fmt_double(ch, &b);
                fputs(fy_buf_str(&b), out);
            } else {
                fputs("null", out);
            }
            fprintf(out, ", \"change_unit\": \"%s\"", units[k]);
            fy_buf_release(&b);
        }
        fputc('}', out);
    }
    fputc('}', out);
}

static void json_period(FILE *out, const char *name,
                        const struct stats_period *p)
{
    char a[11], b[11];

    fy_date_format(p->start, a);
    fy_date_format(p->end, b);
    fprintf(out, "\"%s\": {\"start\": \"%s\", \"end\": \"%s\"}", name, a, b);
}

void report_query_json(const struct stats_result *res, FILE *out)
{
    const struct stats_dim_def *dims = stats_dim_defs();
    size_t nd = res->req.ndims;

    fputs("{\n  ", out);
    json_period(out, "period", &res->period);
    if (res->req.compare) {
        fputs(",\n  ", out);
        json_period(out, "compare_period", &res->compare_period);
        fprintf(out, ",\n  \"compare\": \"%s\"",
                res->req.compare == STATS_COMPARE_PREV ? "prev" : "yoy");
    }
    fputs(",\n  \"by\": [", out);
    for (size_t i = 0; i < nd; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, dims[res->req.dims[i]].id);
    }
    fputs("],\n  \"rows\": [", out);
    size_t nrows = nd ? res->nrows : 1;
    for (size_t r = 0; r < nrows; r++) {
        const struct stats_row *row = nd ? &res->rows[r] : &res->total;
        fputs(r ? ",\n    {" : "\n    {", out);
        for (size_t i = 0; i < nd; i++) {
            const char *label = stats_key_label(res, i, row->key[i]);
            json_string(out, dims[res->req.dims[i]].id);
            fputs(": ", out);
            if (label)
                json_string(out, label);
            else
                fputs("null", out);
            fputs(", ", out);
        }
        json_metrics(out, res, row);
        fputc('}', out);
    }
    fputs(nrows ? "\n  ],\n  \"total\": {" : "],\n  \"total\": {", out);
    json_metrics(out, res, &res->total);
    fputs("}\n}\n", out);
}

/* ------------------------------------------------------------------ */
/* Listings                                                            */
/* ------------------------------------------------------------------ */

static void listing_table(const struct report_listing *l, FILE *out)
{
    struct grid g;

    g.cols = l->ncols;
    g.rows = l->nrows + 1;
    g.cells = fy_xcalloc(g.rows * g.cols, sizeof(char *));
    g.width = fy_xcalloc(g.cols, sizeof(size_t));
    for (size_t c = 0; c < l->ncols; c++)
        grid_set(&g, 0, c, l->cols[c].header);
    for (size_t r = 0; r < l->nrows; r++) {
        for (size_t c = 0; c < l->ncols; c++) {
            const char *s = l->cells[r * l->ncols + c];
            grid_set(&g, r + 1, c, s && *s ? s : "—");
        }
    }
    size_t total = 0;
    for (size_t c = 0; c < g.cols; c++)
        total += g.width[c] + (c ? 2 : 0);
    for (size_t r = 0; r < g.rows; r++) {
        for (size_t c = 0; c < g.cols; c++) {
            const char *s = g.cells[r * g.cols + c];
            if (c)
                fputs("  ", out);
            /* no trailing blanks after the last column */
            put_padded(out, s, c + 1 < g.cols ? g.width[c] : 0, 0);
        }
        fputc('\n', out);
        if (r == 0) {
            for (size_t i = 0; i < total; i++)
                fputc('-', out);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < g.rows * g.cols; i++)
        free(g.cells[i]);
    free(g.cells);
    free(g.width);
}

static void listing_csv(const struct report_listing *l, int bom, FILE *out)
{
    if (bom)
        fputs("\xEF\xBB\xBF", out);
    for (size_t c = 0; c < l->ncols; c++)
        csv_field(out, l->cols[c].key, c == 0);
    fputc('\n', out);
    for (size_t r = 0; r < l->nrows; r++) {
        for (size_t c = 0; c < l->ncols; c++) {
            const char *s = l->cells[r * l->ncols + c];
            csv_field(out, s ? s : "", c == 0);
        }
        fputc('\n', out);
    }
}

/* A list cell ("a b c") as a JSON array. */
static void json_list(FILE *out, const char *s)
{
    fputc('[', out);
    while (s && *s == ' ')
        s++;
    for (int first = 1; s && *s; first = 0) {
        size_t n = strcspn(s, " ");
        char *item = fy_xasprintf("%.*s", (int)n, s);
        if (!first)
            fputs(", ", out);
        json_string(out, item);
        free(item);
        s += n;
        while (*s == ' ')
            s++;
    }
    fputc(']', out);
}

static void listing_json(const struct report_listing *l, FILE *out)
{
    fputc('[', out);
    for (size_t r = 0; r < l->nrows; r++) {
        fputs(r ? ",\n  {" : "\n  {", out);
        for (size_t c = 0; c < l->ncols; c++) {
            const char *s = l->cells[r * l->ncols + c];
            if (c)
                fputs(", ", out);
            json_string(out, l->cols[c].key);
            fputs(": ", out);
            if (l->cols[c].list)
                json_list(out, s);
            else if (!s || !*s)
                fputs("null", out);
            else
                json_string(out, s);
        }
        fputc('}', out);
    }
    fputs(l->nrows ? "\n]\n" : "]\n", out);
}

void report_listing_write(const struct report_listing *l,
                          enum report_format format, int bom, FILE *out)
{
    switch (format) {
    case REPORT_CSV:
        listing_csv(l, bom, out);
        break;
    case REPORT_JSON:
        listing_json(l, out);
        break;
    default:
        listing_table(l, out);
        break;
    }
}
