/* SPDX-License-Identifier: MIT */
/*
 * report_list.c - `fuyuan metrics` and `fuyuan dimensions`: the metric
 * table of metrics.def (with the loss_cause family) and the dimension
 * table, as listings. Nothing here is written by hand: a line added to
 * metrics.def is a line more here.
 */
#include "fuyuan/report.h"

#include <stdlib.h>
#include <string.h>

/* The ids of the dimensions in @p dims, separated by spaces. */
static char *dim_ids(unsigned dims)
{
    const struct stats_dim_def *d = stats_dim_defs();
    struct fy_buf b = FY_BUF_INIT;

    for (int i = 0; i < DIM_COUNT; i++)
        if (dims & DIM_BIT(i))
            fy_buf_printf(&b, "%s%s", b.len ? " " : "", d[i].id);
    char *s = fy_xstrdup(fy_buf_str(&b));
    fy_buf_release(&b);
    return s;
}

static size_t nmetric_lines(void)
{
    struct stats_metric_info mi;
    size_t n = 0;

    while (stats_metric_info(n, &mi))
        n++;
    return n;
}

static void listing_free(struct report_listing *l)
{
    for (size_t i = 0; i < l->nrows * l->ncols; i++)
        free(l->cells[i]);
    free(l->cells);
}

void report_metric_list(enum report_format format, int bom, FILE *out)
{
    const struct report_listing_col cols[] = {
        {"id", _("id"), 0},
        {"name", _("name"), 0},
        {"kind", _("kind"), 0},
        {"source", _("source table"), 0},
        {"numerator", _("numerator"), 0},
        {"denominator", _("denominator"), 0},
        {"dimensions", _("dimensions"), 1},
    };
    struct report_listing l = {cols, sizeof(cols) / sizeof(cols[0]), NULL,
                               nmetric_lines()};
    struct stats_metric_info mi;

    l.cells = fy_xcalloc(l.nrows * l.ncols, sizeof(char *));
    for (size_t r = 0; r < l.nrows; r++) {
        char **row = l.cells + r * l.ncols;
        stats_metric_info(r, &mi);
        row[0] = fy_xstrdup(mi.id);
        row[1] = fy_xstrdup(mi.name);
        row[2] = fy_xstrdup(stats_kind_name(mi.kind));
        row[3] = fy_xstrdup(stats_source_name(mi.source));
        row[4] = fy_xstrdup(mi.numerator);
        row[5] = mi.denominator ? fy_xstrdup(mi.denominator) : NULL;
        row[6] = dim_ids(mi.dims);
    }
    report_listing_write(&l, format, bom, out);
    listing_free(&l);
}

void report_dim_list(enum report_format format, int bom, FILE *out)
{
    const struct report_listing_col cols[] = {
        {"id", _("id"), 0},
        {"name", _("name"), 0},
        {"sources", _("source tables"), 1},
        {"metrics", _("metrics"), 1},
    };
    const struct stats_dim_def *dims = stats_dim_defs();
    struct report_listing l = {cols, sizeof(cols) / sizeof(cols[0]), NULL,
                               DIM_COUNT};
    size_t nm = nmetric_lines();
    struct stats_metric_info mi;

    l.cells = fy_xcalloc(l.nrows * l.ncols, sizeof(char *));
    for (size_t d = 0; d < (size_t)DIM_COUNT; d++) {
        char **row = l.cells + d * l.ncols;
        struct fy_buf src = FY_BUF_INIT, met = FY_BUF_INIT;
        unsigned seen = 0;
        for (size_t i = 0; i < nm; i++) {
            stats_metric_info(i, &mi);
            if (!(mi.dims & DIM_BIT(d)))
                continue;
            /* the loss_cause family is named once, by its shorthand */
            if (strncmp(mi.id, "loss_cause:", 11) == 0)
                continue;
            fy_buf_printf(&met, "%s%s", met.len ? " " : "", mi.id);
            if (mi.source == SRC_LITIGATION || seen & (1u << mi.source))
                continue;   /* several tables: not the table of a record */
            seen |= 1u << mi.source;
            fy_buf_printf(&src, "%s%s", src.len ? " " : "",
                          stats_source_name(mi.source));
        }
        row[0] = fy_xstrdup(dims[d].id);
        row[1] = fy_xstrdup(dims[d].name);
        row[2] = fy_xstrdup(fy_buf_str(&src));
        row[3] = fy_xstrdup(fy_buf_str(&met));
        fy_buf_release(&src);
        fy_buf_release(&met);
    }
    report_listing_write(&l, format, bom, out);
    listing_free(&l);
}
