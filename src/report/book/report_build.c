/* SPDX-License-Identifier: MIT */
/*
 * report_build.c - report tables from table specs: every figure is asked
 * of the statistics engine (one request per table and period), then laid
 * out as label columns, figures, shares and comparisons.
 */
#include "report/report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define UNDEFINED_NOTE "“—”表示分母为0，比率无意义（不是0）。"
/* metrics.md, dimension defendant: say so under every table split by it */
#define DEFENDANTS_NOTE "一件案件列有多个被告的，在每个被告下各计一次，" \
                        "故各行之和可能大于合计；合计中每件案件只计一次。"
#define SHARE_NOTE "占比 = 本行数量 ÷ 合计数量。"

void report_source_line(const struct report_book *book,
                        const struct stats_request *rq, struct fy_buf *out)
{
    const char *city = report_settings_city(book->settings, book->ds);
    unsigned seen = 0;

    for (size_t m = 0; m < rq->nmetrics; m++) {
        enum stats_source s = stats_metric_source(&rq->metrics[m]);
        seen |= 1u << s;
        if (s == SRC_LITIGATION)
            seen |= 1u << SRC_CASES | 1u << SRC_CIVIL;
    }
    fy_buf_puts(out, "资料来源：");
    const char *sep = "";
    /* cases and civil filings come from the same system: named once */
    if (seen & (1u << SRC_CASES) && seen & (1u << SRC_CIVIL)) {
        fy_buf_printf(out, "%s两级法院案件管理系统（行政案件、民事一审收案）",
                      city);
        sep = "；";
    } else if (seen & (1u << SRC_CASES)) {
        fy_buf_printf(out, "%s两级法院案件管理系统", city);
        sep = "；";
    } else if (seen & (1u << SRC_CIVIL)) {
        fy_buf_printf(out, "%s两级法院案件管理系统（民事一审收案）", city);
        sep = "；";
    }
    if (seen & (1u << SRC_LITIGATION)) {
        fy_buf_printf(out, "%s%s统计部门（常住人口）", sep, city);
        sep = "；";
    }
    if (seen & (1u << SRC_RECS)) {
        /* the bodies that issued the recommendations there are: courts
         * for 司法建议, procuratorates for 检察建议 (white-paper.md) */
        int judicial = 0, procuratorial = 0;
        for (size_t i = 0; book->ds && i < book->ds->nrecs; i++) {
            judicial |= book->ds->recs[i].kind == FY_REC_JUDICIAL;
            procuratorial |= book->ds->recs[i].kind == FY_REC_PROCURATORIAL;
        }
        fy_buf_puts(out, sep);
        if (judicial)
            fy_buf_printf(out, "%s两级法院（司法建议）", city);
        if (procuratorial)
            fy_buf_printf(out, "%s%s两级人民检察院（检察建议）",
                          judicial ? "、" : "", city);
        if (!judicial && !procuratorial)
            fy_buf_printf(out, "%s两级法院、人民检察院", city);
        fy_buf_puts(out, "建议台账");
        sep = "；";
    }
    if (seen & (1u << SRC_HEARINGS))
        fy_buf_printf(out, "%s%s人民检察院", sep, city);
    fy_buf_puts(out, "。");
}

/* ------------------------------------------------------------------ */
/* Chart rules (white-paper.md, "Charts")                              */
/* ------------------------------------------------------------------ */

/* 1 for the labels that go last and are never "the largest". */
static int is_rest(const char *label)
{
    return !label || strcmp(label, "其他") == 0 || strcmp(label, "未填写") == 0;
}

/* 1 when row @p r has something to draw in a series of @p t's chart: a
 * defined rate (0% is a figure) or a count above 0. */
static int chart_row_shows(const struct report_table *t, size_t r)
{
    const struct report_chart *ch = &t->chart;

    for (size_t s = 0; s < ch->nvalues; s++) {
        const struct report_column *col = &t->cols[ch->values[s]];
        const struct report_value *v = &t->cells[r * t->ncols
                                                 + ch->values[s]];
        if (col->key.role == COL_TARGET || !v->defined)
            continue;
        if (col->kind != RC_COUNT || v->v != 0)
            return 1;
    }
    return 0;
}

/* The first series' value of row @p r for sorting (-inf: undefined). */
static double chart_sort_value(const struct report_table *t, size_t r)
{
    const struct report_value *v = &t->cells[r * t->ncols
                                             + t->chart.values[0]];

    return v->defined ? v->v : -HUGE_VAL;
}

/*
 * Apply the chart rules to t->chart (its type and series set): the rows
 * shown (a category with nothing to draw is left out, except on a time
 * axis), the type (a donut with more than six slices becomes bars on
 * their side; a trend line needs three years, two are grouped bars, one
 * none), bars on their side and donuts largest first (其他 and 未填写
 * last), the unit, and the source line of the metrics drawn.
 */
static void chart_finish(struct report_book *book, struct report_table *t)
{
    struct report_chart *ch = &t->chart;
    size_t n = report_data_rows(t);
    int time_axis = ch->type == CHART_LINE;

    ch->rows = fy_xcalloc(n ? n : 1, sizeof(size_t));
    ch->nrows = 0;
    for (size_t r = 0; r < n; r++)
        if (time_axis || chart_row_shows(t, r))
            ch->rows[ch->nrows++] = r;
    if (ch->type == CHART_PIE && ch->nrows > 6)
        ch->type = CHART_BAR;
    if (ch->type == CHART_LINE && ch->nrows < 3)
        ch->type = ch->nrows == 2 ? CHART_COLUMN : CHART_NONE;
    if (!ch->nrows || !ch->nvalues)
        ch->type = CHART_NONE;
    if (ch->type == CHART_BAR || ch->type == CHART_PIE) {
        for (size_t i = 1; i < ch->nrows; i++) { /* stable, a few rows */
            size_t k = ch->rows[i], j = i;
            const char *label = t->cells[k * t->ncols + ch->category].text;
            while (j > 0) {
                size_t p = ch->rows[j - 1];
                const char *pl = t->cells[p * t->ncols + ch->category].text;
                if (is_rest(label) || (!is_rest(pl)
                        && chart_sort_value(t, p) >= chart_sort_value(t, k)))
                    break;
                ch->rows[j] = p;
                j--;
            }
            ch->rows[j] = k;
        }
    }

    /* unit and source of the series drawn (not of the 目标值) */
    struct stats_request rq;
    memset(&rq, 0, sizeof(rq));
    enum report_col_kind kind = RC_COUNT;
    for (size_t s = 0; s < ch->nvalues && rq.nmetrics < STATS_MAX_METRICS;
         s++) {
        const struct report_column *col = &t->cols[ch->values[s]];
        if (col->key.role == COL_TARGET)
            continue;
        if (!rq.nmetrics)
            kind = col->kind;
        rq.metrics[rq.nmetrics].def = col->key.metric;
        rq.metrics[rq.nmetrics++].cause = col->key.metric < 0 ? col->key.field
                                                               : 0;
    }
    ch->percent = kind == RC_RATE;
    ch->unit = fy_xstrdup(kind == RC_RATE ? "%"
                          : kind == RC_PER10K ? "件/万人" : "件");
    struct fy_buf src = FY_BUF_INIT;
    report_source_line(book, &rq, &src);
    if (src.len >= strlen("。")
        && strcmp(src.data + src.len - strlen("。"), "。") == 0)
        src.data[src.len -= strlen("。")] = '\0';
    ch->source = fy_buf_detach(&src);
}

fy_status report_ask_ids(const struct fy_dataset *ds,
                         const struct stats_period *p, int32_t as_of,
                         const enum stats_metric_id *ids, int causes,
                         enum stats_dim dim, struct stats_result **res,
                         struct fy_error *err)
{
    struct stats_request req;

    memset(&req, 0, sizeof(req));
    req.period = *p;
    req.as_of = as_of;
    req.compare = STATS_COMPARE_YOY;
    for (size_t i = 0; ids[i] != MET_COUNT; i++)
        FY_TRY(stats_request_add(&req, ids[i], err));
    if (causes)
        FY_TRY(stats_request_metrics(&req, "loss_causes", err));
    if (dim != DIM_COUNT) {
        req.dims[0] = dim;
        req.ndims = 1;
    }
    return stats_run(ds, &req, res, err);
}

size_t *report_rows_by_count(const struct stats_result *res, size_t m)
{
    size_t n = res->nrows, *idx = fy_xcalloc(n ? n : 1, sizeof(size_t));

    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, small n */
        size_t k = idx[i], j = i;
        while (j > 0 && res->rows[idx[j - 1]].cells[m].num
                            < res->rows[k].cells[m].num) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    return idx;
}

void report_set_text(struct report_table *t, size_t r, size_t c,
                     const char *s)
{
    struct report_value *v = report_cell(t, r, c);

    free(v->text);
    v->text = fy_xstrdup(s ? s : "未填写");
    v->defined = 1;
}

void report_set_figure(struct report_table *t, size_t r, size_t c,
                       enum stats_kind kind, const struct stats_cell *cell)
{
    struct report_value *v = report_cell(t, r, c);

    v->v = stats_value(kind, cell, &v->defined);
}

static void set_change(struct report_table *t, size_t r, size_t c,
                       enum stats_kind kind, const struct stats_cell *cur,
                       const struct stats_cell *prev)
{
    struct report_value *v = report_cell(t, r, c);

    v->v = stats_change(kind, cur, prev, &v->defined);
}

static enum report_col_kind col_kind(enum stats_kind k)
{
    return k == STATS_COUNT ? RC_COUNT : k == STATS_RATE ? RC_RATE
                                                         : RC_PER10K;
}

static enum report_col_kind change_kind(enum stats_kind k)
{
    return k == STATS_COUNT ? RC_CHANGE_REL
           : k == STATS_RATE ? RC_CHANGE_PP : RC_CHANGE_DIFF;
}

static void set_col(struct report_table *t, size_t c, enum report_col_kind k,
                    char *header)
{
    t->cols[c].kind = k;
    t->cols[c].header = header;
}

/* Say what column @p c holds. */
static void set_key(struct report_table *t, size_t c, enum report_col_role role,
                    const struct stats_metric *m, int window, int field)
{
    t->cols[c].key = (struct report_colkey){
        role, m ? (m->def >= 0 ? m->def : -1) : 0, window,
        m && m->def < 0 ? m->cause : field};
}

/* Find the row of @p key in @p res (or NULL). */
static const struct stats_row *find_row(const struct stats_result *res,
                                        const uint32_t *key)
{
    for (size_t r = 0; r < res->nrows; r++)
        if (memcmp(res->rows[r].key, key, sizeof(res->rows[r].key)) == 0)
            return &res->rows[r];
    return NULL;
}

static const struct stats_cell zero_cells[STATS_MAX_METRICS];

/* The id under which 说明 explains a metric (static storage). */
static const char *metric_key(const struct stats_metric *m)
{
    size_t n;

    return m->def >= 0 ? stats_metric_defs(&n)[m->def].id : "loss_causes";
}

/* How results are laid out as one table. */
struct layout {
    const struct stats_result *const *res;  /* one per window */
    size_t nres;
    const char *const *prefixes;            /* header prefix per window */
    const unsigned *flags;                  /* COLF_* per metric */
    int total;                              /* add the 合计 row */
    int target;                             /* add the 目标值 column */
};

/*
 * Lay results out: the dimension labels, then per window and metric the
 * figure, its share, the comparison figure and the change. value_col and
 * prev_col (STATS_MAX_METRICS each) get the columns of window 0.
 */
static void layout_table(struct report_book *book, const struct layout *l,
                         struct report_table *t, size_t *value_col,
                         size_t *prev_col)
{
    const struct stats_result *last = l->res[l->nres - 1];
    const struct stats_request *rq = &last->req;
    size_t nd = rq->ndims, nm = rq->nmetrics;
    size_t cap = 0, nkeys = 0;
    uint32_t (*keys)[STATS_MAX_DIMS] = NULL;
    const char *cmp_label = rq->compare == STATS_COMPARE_PREV ? "上期"
                                                               : "上年同期";
    const char *chg_label = rq->compare == STATS_COMPARE_PREV ? "环比"
                                                               : "同比";
    char marker[16];

    /* the rows: the keys of the last window's result, then any others */
    for (size_t w = l->nres; w-- > 0;) {
        for (size_t r = 0; nd && r < l->res[w]->nrows; r++) {
            size_t k;
            for (k = 0; k < nkeys; k++)
                if (memcmp(keys[k], l->res[w]->rows[r].key,
                           sizeof(keys[k])) == 0)
                    break;
            if (k < nkeys)
                continue;
            FY_GROW(keys, nkeys + 1, cap);
            memcpy(keys[nkeys++], l->res[w]->rows[r].key, sizeof(keys[0]));
        }
    }

    /* the columns */
    size_t per = 0;
    for (size_t c = 0; c < nm; c++)
        per += 1 + !!(l->flags[c] & COLF_SHARE)
               + 2 * !!(l->flags[c] & COLF_COMPARE);
    size_t nrows = nkeys + (l->total || nd == 0);
    report_table_init(t, nd + per * l->nres + !!l->target, nrows);
    t->has_total = l->total && nd > 0;
    const struct stats_dim_def *dims = stats_dim_defs();
    for (size_t i = 0; i < nd; i++) {
        set_col(t, i, RC_TEXT, fy_xstrdup(dims[rq->dims[i]].name));
        set_key(t, i, COL_LABEL, NULL, 0, (int)rq->dims[i]);
    }
    size_t col = nd;
    int shares = 0, rates = 0, compare = 0;
    for (size_t w = 0; w < l->nres; w++) {
        const char *pre = l->prefixes[w];
        for (size_t c = 0; c < nm; c++) {
            char buf[128];
            const struct stats_metric *m = &l->res[w]->req.metrics[c];
            const char *name = stats_metric_name(m, buf, sizeof(buf));
            enum stats_kind k = stats_metric_kind(m);
            rates |= k != STATS_COUNT;
            if (w == 0)
                value_col[c] = col;
            set_key(t, col, COL_VALUE, m, (int)w, 0);
            set_col(t, col++, col_kind(k), fy_xasprintf("%s%s", pre, name));
            if (l->flags[c] & COLF_SHARE) {
                set_key(t, col, COL_SHARE, m, (int)w, 0);
                set_col(t, col++, RC_RATE,
                        fy_xasprintf("%s%s占比", pre, name));
                shares = 1;
            }
            if (l->flags[c] & COLF_COMPARE) {
                compare = 1;
                if (w == 0)
                    prev_col[c] = col;
                set_key(t, col, COL_PREV, m, (int)w, 0);
                set_col(t, col++, col_kind(k),
                        fy_xasprintf("%s%s%s", pre, name, cmp_label));
                set_key(t, col, COL_CHANGE, m, (int)w, 0);
                set_col(t, col++, change_kind(k),
                        fy_xasprintf("%s%s%s%s", pre, name, chg_label,
                                     k == STATS_COUNT ? "" : "增减"));
            }
            if (w == 0 && t->nmetrics < STATS_MAX_METRICS)
                t->metrics[t->nmetrics++] = metric_key(m);
        }
    }

    /* the cells */
    for (size_t r = 0; r < nrows; r++) {
        int total = r == nkeys;
        for (size_t i = 0; i < nd; i++) {
            if (total)
                report_set_text(t, r, i, i == 0 ? "合计" : "");
            else
                report_set_text(t, r, i,
                                stats_key_label(last, i, keys[r][i]));
        }
        col = nd;
        for (size_t w = 0; w < l->nres; w++) {
            const struct stats_result *res = l->res[w];
            const struct stats_row *row = total ? &res->total
                                                : find_row(res, keys[r]);
            const struct stats_cell *cells = row ? row->cells : zero_cells;
            const struct stats_cell *prev = row && row->prev ? row->prev
                                                             : zero_cells;
            for (size_t c = 0; c < nm; c++) {
                enum stats_kind k = stats_metric_kind(&res->req.metrics[c]);
                report_set_figure(t, r, col++, k, &cells[c]);
                if (l->flags[c] & COLF_SHARE) {
                    struct stats_cell share = {cells[c].num,
                                               res->total.cells[c].num};
                    report_set_figure(t, r, col++, STATS_RATE, &share);
                }
                if (l->flags[c] & COLF_COMPARE) {
                    report_set_figure(t, r, col++, k, &prev[c]);
                    set_change(t, r, col++, k, &cells[c], &prev[c]);
                }
            }
        }
    }
    free(keys);
    if (l->target) { /* the 100% target of the Ordos linkage plan */
        set_col(t, t->ncols - 1, RC_RATE, fy_xstrdup("目标值"));
        set_key(t, t->ncols - 1, COL_TARGET, NULL, 0, 0);
        for (size_t r = 0; r < nrows; r++) {
            report_cell(t, r, t->ncols - 1)->defined = 1;
            report_cell(t, r, t->ncols - 1)->v = 1.0;
        }
    }

    struct fy_buf src = FY_BUF_INIT;
    report_source_line(book, rq, &src);
    if (rates)
        fy_buf_puts(&src, report_book_note(book, UNDEFINED_NOTE, marker));
    if (shares)
        fy_buf_puts(&src, report_book_note(book, SHARE_NOTE, marker));
    for (size_t i = 0; i < nd; i++)
        if (rq->dims[i] == DIM_DEFENDANT)
            fy_buf_puts(&src, report_book_note(book, DEFENDANTS_NOTE, marker));
    if (compare)
        fy_buf_puts(&src, report_book_note(
                              book, rq->compare == STATS_COMPARE_PREV
                                        ? "上期为紧邻的前一个同类期间；计数的"
                                          "环比为增减百分比，上期为0时不计算；"
                                          "比率的环比增减以个百分点表示。"
                                        : "上年同期为上一年的相同日期区间；计数"
                                          "的同比为增减百分比，上年同期为0时不"
                                          "计算；比率的同比增减以个百分点表示。",
                              marker));
    t->source = fy_buf_detach(&src);
}

/*
 * Order the rows of agency table @p t (white-paper.md, "Order of rows"):
 * by 旗区 group, then by metric @p metric of window @p window from high to
 * low, then by pinyin; the 合计 row stays last.
 */
static fy_status order_agencies(struct report_book *book,
                                struct report_table *t, int metric,
                                int window, struct fy_error *err)
{
    size_t n = report_data_rows(t), col;

    if (!book->collator)
        FY_TRY(report_collator_new(&book->collator, err));
    col = report_col_metric(t, COL_VALUE, metric, window);
    struct report_agency_row *rows = fy_xcalloc(n ? n : 1, sizeof(*rows));
    for (size_t r = 0; r < n; r++) {
        const struct report_value *v = &t->cells[r * t->ncols + col];
        rows[r] = (struct report_agency_row){t->cells[r * t->ncols].text,
                                             v->v, v->defined, r};
    }
    report_order_agencies(book->collator, book->ds->registry, rows, n);
    struct report_value *cells = fy_xcalloc(t->nrows * t->ncols,
                                            sizeof(*cells));
    for (size_t r = 0; r < t->nrows; r++)
        memcpy(&cells[r * t->ncols],
               &t->cells[(r < n ? rows[r].index : r) * t->ncols],
               t->ncols * sizeof(*cells));
    free(t->cells);
    t->cells = cells;
    t->ranked = 1;
    t->rank_col = col;
    free(rows);

    /* say so under the table */
    const struct norm_registry *reg = book->ds->registry;
    struct fy_buf note = FY_BUF_INIT;
    char marker[16];
    fy_buf_printf(&note, "各%s按所属旗区排列：%s在前，其后按",
                  t->cols[0].header, norm_registry_district(reg,
                                                            NORM_CITY_LEVEL));
    for (size_t d = 1; d < norm_registry_ndistricts(reg); d++)
        fy_buf_printf(&note, "%s%s", d > 1 ? "、" : "",
                      norm_registry_district(reg, d));
    fy_buf_printf(&note, "的顺序（名称中含旗区名的归该旗区，其余归%s）；"
                         "同一旗区内按“%s”从多到少、再按名称的拼音排列。",
                  norm_registry_district(reg, NORM_CITY_LEVEL),
                  t->cols[col].header);
    char *src = fy_xasprintf("%s%s", t->source,
                             report_book_note(book, fy_buf_str(&note),
                                              marker));
    free(t->source);
    t->source = src;
    fy_buf_release(&note);
    return FY_OK;
}

fy_status report_build_table(struct report_book *book,
                             const struct fy_dataset *ds,
                             const struct table_spec *spec,
                             const struct window *windows, size_t nwindows,
                             int number, struct fy_error *err)
{
    struct stats_result *res[4] = {NULL, NULL, NULL, NULL};
    const char *prefixes[4];
    unsigned flags[STATS_MAX_METRICS] = {0};
    size_t value_col[STATS_MAX_METRICS] = {0}, prev_col[STATS_MAX_METRICS] = {0};
    struct stats_request req;
    struct report_table t;
    fy_status rc = FY_OK;
    size_t ncolspec = 0, compare = 0;

    if (nwindows > 4)
        FY_BUG("at most 4 windows");
    while (ncolspec < 10 && spec->cols[ncolspec].metric != MET_COUNT) {
        flags[ncolspec] = spec->cols[ncolspec].flags;
        compare |= spec->cols[ncolspec++].flags & COLF_COMPARE;
    }
    for (size_t w = 0; w < nwindows && rc == FY_OK; w++) {
        memset(&req, 0, sizeof(req));
        req.period = windows[w].period;
        req.as_of = windows[w].as_of;
        req.compare = compare ? STATS_COMPARE_YOY : STATS_COMPARE_NONE;
        for (size_t c = 0; c < ncolspec && rc == FY_OK; c++)
            rc = stats_request_add(&req, spec->cols[c].metric, err);
        if (rc == FY_OK && req.nmetrics != ncolspec)
            FY_BUG("table %s: one metric per column",
                   report_table_id_name(spec->id));
        if (rc == FY_OK && spec->dims)
            rc = stats_request_dims(&req, spec->dims, err);
        if (rc == FY_OK)
            rc = stats_run(ds, &req, &res[w], err);
        if (rc == FY_OK)
            report_book_warnings(book, res[w]);
        prefixes[w] = windows[w].prefix;
    }
    if (rc != FY_OK)
        goto out;

    int target = spec->chart.type != CHART_NONE && spec->chart.target;
    struct layout l = {(const struct stats_result *const *)res, nwindows,
                       prefixes, flags, spec->total, target};
    layout_table(book, &l, &t, value_col, prev_col);
    size_t nd = res[0]->req.ndims;
    for (size_t c = 0; c < ncolspec; c++)
        if (flags[c] & COLF_RANK) {
            rc = order_agencies(book, &t, (int)res[0]->req.metrics[c].def,
                                (int)nwindows - 1, err);
            if (rc != FY_OK) {
                report_table_release(&t);
                goto out;
            }
        }

    /* names and chart */
    t.id = spec->id;
    t.name = fy_xasprintf("T%02d_%s", number, report_table_id_name(spec->id));
    t.sheet = fy_xasprintf("表%d %s", number, spec->sheet);
    /* a table of one window is titled by it ("2024年1—6月"), one of
     * several by the book's period */
    char *when = nwindows == 1 ? stats_period_title(&windows[0].period)
                               : fy_xstrdup(book->period_title);
    char *title = fy_xasprintf(spec->title, when);
    t.title = fy_xasprintf("表%d %s", number, title);
    free(title);
    free(when);
    if (spec->chart.type != CHART_NONE) {
        t.chart.type = spec->chart.type;
        t.chart.category = 0;
        t.chart.target = spec->chart.target;
        for (size_t s = 0; s < 4 && spec->chart.series[s].col >= 0; s++) {
            int c = spec->chart.series[s].col;
            if (spec->chart.series[s].prev && !prev_col[c])
                continue;
            t.chart.values[t.chart.nvalues++] =
                spec->chart.series[s].prev ? prev_col[c] : value_col[c];
        }
        if (target && t.chart.nvalues < 4)
            t.chart.values[t.chart.nvalues++] = t.ncols - 1;
        chart_finish(book, &t);
        t.chart.title = fy_xstrdup(t.title + strcspn(t.title, " ") + 1);
        struct fy_buf alt = FY_BUF_INIT;
        fy_buf_printf(&alt, "%s：", t.chart.title);
        for (size_t s = 0; s < t.chart.nvalues; s++)
            fy_buf_printf(&alt, "%s%s", s ? "、" : "",
                          t.cols[t.chart.values[s]].header);
        fy_buf_printf(&alt, "，按%s分列", nd ? t.cols[0].header : "合计");
        if (t.chart.target)
            fy_buf_puts(&alt, "，并标出100%目标线");
        fy_buf_puts(&alt, "。");
        t.chart.alt = fy_buf_detach(&alt);
    }
    report_book_add(book, &t);
out:
    for (size_t w = 0; w < nwindows; w++)
        stats_result_free(res[w]);
    return rc;
}

fy_status report_query_book(const struct fy_dataset *ds,
                            const struct stats_result *res,
                            const struct report_settings *settings,
                            struct report_book *book, struct fy_error *err)
{
    unsigned flags[STATS_MAX_METRICS];
    size_t value_col[STATS_MAX_METRICS], prev_col[STATS_MAX_METRICS];
    const char *prefix = "";
    struct report_table t;
    char buf[128];

    for (size_t m = 0; m < res->req.nmetrics; m++)
        flags[m] = res->req.compare ? COLF_COMPARE : 0;
    struct layout l = {&res, 1, &prefix, flags, 1, 0};
    book->ds = ds;
    book->settings = settings;
    book->period_title = stats_period_title(&res->period);
    book->title = fy_xasprintf("%s%s行政案件统计查询",
                               report_settings_city(settings, ds),
                               book->period_title);
    char day[11];
    fy_date_format(res->req.as_of != FY_NO_DATE ? res->req.as_of
                                                : res->period.end, day);
    book->as_of = fy_xstrdup(day);
    book->issuers = report_settings_issuers(settings, ds);
    layout_table(book, &l, &t, value_col, prev_col);
    struct fy_buf what = FY_BUF_INIT;
    for (size_t m = 0; m < res->req.nmetrics; m++)
        fy_buf_printf(&what, "%s%s", m ? "、" : "",
                      stats_metric_name(&res->req.metrics[m], buf,
                                        sizeof(buf)));
    if (res->req.ndims) {
        fy_buf_puts(&what, "，按");
        for (size_t i = 0; i < res->req.ndims; i++)
            fy_buf_printf(&what, "%s%s", i ? "、" : "",
                          stats_dim_defs()[res->req.dims[i]].name);
        fy_buf_puts(&what, "分列");
    }
    book->contents = fy_xasprintf("查询结果：%s。", fy_buf_str(&what));
    t.id = TBL_QUERY;
    t.name = fy_xstrdup("T01_Query");
    t.sheet = fy_xstrdup("表1 查询结果");
    t.title = fy_xasprintf("表1 %s%s", book->period_title, fy_buf_str(&what));
    fy_buf_release(&what);
    report_book_add(book, &t);
    (void)err; /* nothing here can fail but memory, which exits */
    return FY_OK;
}

fy_status report_build_causes(struct report_book *book,
                              const struct fy_dataset *ds,
                              const struct window *w, int number,
                              struct fy_error *err)
{
    struct stats_request req;
    struct stats_result *res;
    struct report_table t;
    char buf[128], marker[16];

    memset(&req, 0, sizeof(req));
    req.period = w->period;
    req.as_of = w->as_of;
    FY_TRY(stats_request_metrics(&req, "agency_losses,loss_causes", err));
    FY_TRY(stats_run(ds, &req, &res, err));
    size_t ncauses = req.nmetrics - 1;
    report_table_init(&t, 3, ncauses);
    set_col(&t, 0, RC_TEXT, fy_xstrdup("败诉原因"));
    set_col(&t, 1, RC_COUNT, fy_xstrdup("件数"));
    set_col(&t, 2, RC_RATE, fy_xstrdup("占败诉案件比例"));
    t.cols[0].key = (struct report_colkey){COL_FIELD, 0, 0, FLD_CAUSE};
    t.cols[1].key = (struct report_colkey){COL_VALUE, -1, 0, 0};
    t.cols[2].key = (struct report_colkey){COL_SHARE, -1, 0, 0};
    for (size_t i = 0; i < ncauses; i++) {
        const struct stats_metric *m = &req.metrics[i + 1];
        const char *name = stats_metric_name(m, buf, sizeof(buf));
        const struct stats_cell *c = &res->total.cells[i + 1];
        struct stats_cell count = {c->num, 0};
        report_set_text(&t, i, 0, name + strlen("败诉原因—"));
        report_set_figure(&t, i, 1, STATS_COUNT, &count);
        report_set_figure(&t, i, 2, STATS_RATE, c);
    }
    t.metrics[t.nmetrics++] = "agency_losses";
    t.metrics[t.nmetrics++] = "loss_causes";
    t.id = TBL_LOSS_CAUSES;
    t.name = fy_xasprintf("T%02d_%s", number,
                          report_table_id_name(TBL_LOSS_CAUSES));
    t.sheet = fy_xasprintf("表%d 败诉原因", number);
    t.title = fy_xasprintf("表%d %s行政机关败诉原因", number,
                           book->period_title);
    struct fy_buf src = FY_BUF_INIT;
    report_source_line(book, &req, &src);
    fy_buf_printf(&src, "行政机关败诉%lld件。", (long long)res->total.cells[0].num);
    fy_buf_puts(&src, report_book_note(book, "一件案件列有两项败诉原因的，"
                                             "分别计入两项，各项之和可大于败诉"
                                             "件数；未列原因的计入“未填写”。",
                                       marker));
    fy_buf_puts(&src, report_book_note(book, UNDEFINED_NOTE, marker));
    t.source = fy_buf_detach(&src);
    t.chart.type = CHART_BAR;
    t.chart.values[0] = 1;
    t.chart.nvalues = 1;
    chart_finish(book, &t);
    t.chart.title = fy_xasprintf("%s行政机关败诉原因", book->period_title);
    t.chart.alt = fy_xstrdup("条形图：各项败诉原因的件数。");
    report_book_add(book, &t);
    stats_result_free(res);
    return FY_OK;
}

fy_status report_build_trend(struct report_book *book,
                             const struct fy_dataset *ds,
                             const struct stats_period *period, int number,
                             struct fy_error *err)
{
    static const struct table_spec spec = {
        TBL_TREND, "历年趋势", "历年行政案件收结案及败诉情况", "year",
        {{MET_FILED, 0}, {MET_CLOSED, 0}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
         {MET_LOSS_RATE, 0}, {MET_MW_RATE, 0},
         {MET_APPEARANCE_RATE, 0}, SPEC_END},
        0,
        {CHART_LINE, {{0, 0}, {1, 0}, {-1, 0}}, 0},
    };
    struct window w;
    int y, m, d, first = 9999;

    fy_ymd_from_days(period->end, &y, &m, &d);
    for (size_t i = 0; i < ds->ncases; i++) {
        int cy, cm, cd;
        fy_ymd_from_days(ds->cases[i].filed_on, &cy, &cm, &cd);
        if (cy < first)
            first = cy;
    }
    if (first > y)
        first = y;
    if (first < y - 4) /* the trend covers five years at most */
        first = y - 4;
    w.period.kind = STATS_RANGE;
    w.period.start = fy_days_from_ymd(first, 1, 1);
    w.period.end = period->end;
    w.as_of = FY_NO_DATE;
    w.prefix = "";
    return report_build_table(book, ds, &spec, &w, 1, number, err);
}
