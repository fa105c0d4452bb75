/* SPDX-License-Identifier: MIT */
/*
 * report_quarterly.c - the quarterly notification (季度通报): the quarter
 * and the year to date side by side, each against the same window last
 * year; rankings of courts and agencies; and the follow-up lists (every
 * agency-loss case, every heard case whose agency head did not appear,
 * every overdue recommendation).
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

#define C COLF_COMPARE
#define NOCHART {CHART_NONE, {{-1, 0}}, 0}

/* Tables with the quarter and the year to date side by side. */
static const struct table_spec both_windows[] = {
    {TBL_CASES_BY_COURT, "收结案(法院)", "%s各法院行政案件收结案情况", "court",
     {{MET_FILED, C}, {MET_CLOSED, C}, {MET_PENDING_END, 0}, SPEC_END}, 1, NOCHART},
    {TBL_DEFENDANTS, "被诉机关", "%s被诉行政机关情况", "defendant",
     {{MET_FILED, C | COLF_RANK}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
      {MET_LOSS_RATE, 0},
      SPEC_END},
     1, NOCHART},
    {TBL_LOSS_BY_DOMAIN, "败诉(管理领域)", "%s行政机关败诉情况（按管理领域）",
     "domain",
     {{MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, C}, {MET_LOSS_RATE, C}, SPEC_END}, 1,
     NOCHART},
    {TBL_APPEARANCE_BY_COURT, "出庭应诉(法院)",
     "%s行政机关负责人出庭应诉情况（按法院）", "court",
     {{MET_HEARINGS_HELD, 0}, {MET_HEAD_APPEARANCES, 0}, {MET_APPEARANCE_RATE, C},
      SPEC_END},
     1, NOCHART},
    {TBL_RECS_BY_KIND, "建议(类型)", "%s司法建议、检察建议反馈情况", "rec_kind",
     {{MET_REC_ISSUED, C}, {MET_REC_DUE, 0}, {MET_REC_ON_TIME, 0},
      {MET_REC_FEEDBACK_RATE, C}, {MET_REC_OVERDUE, 0}, SPEC_END},
     1, NOCHART},
};

/* Tables of the year to date only. */
static const struct table_spec ytd_only[] = {
    {TBL_DISPOSITIONS_BY_COURT, "结案方式(法院)", "%s各法院审结案件结案方式",
     "court,disposition", {{MET_CLOSED, 0}, SPEC_END}, 1, NOCHART},
    {TBL_LITIGATION, "万人成讼率", "%s万人成讼率（按旗区）", "district",
     {{MET_CIVIL_FI_FILED, 0}, {MET_ADMIN_FI_FILED, 0},
      {MET_LITIGATION, C}, SPEC_END},
     1, NOCHART},
};

/* ------------------------------------------------------------------ */
/* Rankings                                                            */
/* ------------------------------------------------------------------ */

struct ranked {
    const char *name;
    char *key;                   /* pinyin sort key of the name */
    struct stats_cell cell;
};

static int cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;

    if (!x->cell.den || !y->cell.den) {
        if (x->cell.den != y->cell.den)
            return x->cell.den ? -1 : 1; /* undefined rates last */
        return strcmp(x->key, y->key);
    }
    /* rate descending: compare x.num/x.den with y.num/y.den exactly */
    __int128 l = (__int128)x->cell.num * y->cell.den;
    __int128 r = (__int128)y->cell.num * x->cell.den;
    if (l != r)
        return l > r ? -1 : 1;
    if (x->cell.den != y->cell.den)
        return x->cell.den > y->cell.den ? -1 : 1;
    return strcmp(x->key, y->key); /* pinyin order */
}

/* Equal rates share a rank: the tie-breaks of cmp_ranked() order the
 * tied rows, they do not rank them. */
static int same_rate(const struct stats_cell *a, const struct stats_cell *b)
{
    if (!a->den || !b->den)
        return !a->den && !b->den;
    return (__int128)a->num * b->den == (__int128)b->num * a->den;
}

static fy_status build_ranking(struct report_book *book,
                               const struct fy_dataset *ds,
                               const struct window *w, const char *dim,
                               const char *dim_title, const char *metric,
                               const char *name, int number,
                               struct fy_error *err)
{
    struct stats_request req;
    struct stats_result *res;
    struct report_table t;
    char marker[16];

    memset(&req, 0, sizeof(req));
    req.period = w->period;
    req.as_of = w->as_of;
    FY_TRY(stats_request_metrics(&req, metric, err));
    FY_TRY(stats_request_dims(&req, dim, err));
    if (!book->collator)
        FY_TRY(report_collator_new(&book->collator, err));
    FY_TRY(stats_run(ds, &req, &res, err));
    report_book_warnings(book, res);
    struct ranked *r = fy_xcalloc(res->nrows ? res->nrows : 1, sizeof(*r));
    for (size_t i = 0; i < res->nrows; i++) {
        const char *label = stats_key_label(res, 0, res->rows[i].key[0]);
        r[i].name = label ? label : "未填写";
        r[i].key = report_collation_key(book->collator, r[i].name);
        r[i].cell = res->rows[i].cells[0];
    }
    if (res->nrows > 1) /* qsort of an empty (NULL) list is undefined */
        qsort(r, res->nrows, sizeof(*r), cmp_ranked);
    const struct stats_metric_def *defs;
    size_t ndefs;
    defs = stats_metric_defs(&ndefs);
    const char *num_name = "", *den_name = "";
    for (size_t i = 0; i < ndefs; i++) {
        if (strcmp(defs[i].id, metric) == 0) {
            num_name = defs[i].numerator;
            den_name = defs[i].denominator;
        }
    }
    report_table_init(&t, 5, res->nrows);
    int mid = req.metrics[0].def;
    t.cols[0] = (struct report_column){fy_xstrdup("排名"), RC_INT,
                                       {COL_FIELD, 0, 0, FLD_RANK}};
    t.cols[1] = (struct report_column){fy_xstrdup(dim_title), RC_TEXT,
                                       {COL_FIELD, 0, 0, FLD_NAME}};
    t.cols[2] = (struct report_column){fy_xstrdup(den_name), RC_COUNT,
                                       {COL_DENOMINATOR, mid, 0, 0}};
    t.cols[3] = (struct report_column){fy_xstrdup(num_name), RC_COUNT,
                                       {COL_NUMERATOR, mid, 0, 0}};
    t.cols[4] = (struct report_column){fy_xstrdup(name), RC_RATE,
                                       {COL_VALUE, mid, 0, 0}};
    size_t rank = 0;
    for (size_t i = 0; i < res->nrows; i++) {
        struct stats_cell num = {r[i].cell.num, 0}, den = {r[i].cell.den, 0};
        if (i == 0 || !same_rate(&r[i - 1].cell, &r[i].cell))
            rank = i + 1;
        struct report_value *v = report_cell(&t, i, 0);
        v->defined = r[i].cell.den != 0;
        v->v = (double)rank;
        report_set_text(&t, i, 1, r[i].name);
        report_set_figure(&t, i, 2, STATS_COUNT, &den);
        report_set_figure(&t, i, 3, STATS_COUNT, &num);
        report_set_figure(&t, i, 4, STATS_RATE, &r[i].cell);
    }
    t.metrics[t.nmetrics++] = metric;
    t.id = dim[0] == 'c'
               ? (mid == MET_LOSS_RATE ? TBL_RANK_COURTS_LOSS
                                       : TBL_RANK_COURTS_APPEARANCE)
               : (mid == MET_LOSS_RATE ? TBL_RANK_AGENCIES_LOSS
                                       : TBL_RANK_AGENCIES_APPEARANCE);
    t.name = fy_xasprintf("T%02d_%s", number, report_table_id_name(t.id));
    t.sheet = fy_xasprintf("表%d 排名(%s%s)", number,
                           dim[0] == 'c' ? "法院" : "机关",
                           strcmp(metric, "loss_rate") == 0 ? "败诉率"
                                                            : "出庭率");
    t.title = fy_xasprintf("表%d %s%s%s排名", number, book->period_title,
                           dim_title, name);
    struct fy_buf src = FY_BUF_INIT;
    fy_buf_puts(&src, "按比率从高到低排名。");
    fy_buf_puts(&src, report_book_note(book,
                                       "排名：比率相同的并列同一名次，下一名次"
                                       "顺延（如1、2、2、4）；并列者按分母从大"
                                       "到小、再按名称的拼音排列。分母为0（比率"
                                       "为“—”）的不参加排名，列在最后。",
                                       marker));
    t.source = fy_buf_detach(&src);
    report_book_add(book, &t);
    for (size_t i = 0; i < res->nrows; i++)
        free(r[i].key);
    free(r);
    stats_result_free(res);
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* Follow-up lists                                                     */
/* ------------------------------------------------------------------ */

/* Cases by 结案日期, then 案号 (qsort_r with the dataset). */
static int cmp_case_date(const void *a, const void *b, void *arg)
{
    const struct fy_dataset *ds = arg;
    const struct fy_case *x = &ds->cases[*(const uint32_t *)a];
    const struct fy_case *y = &ds->cases[*(const uint32_t *)b];

    if (x->closed_on != y->closed_on)
        return x->closed_on < y->closed_on ? -1 : 1;
    return strcmp(fy_strpool_get(ds->pool, x->case_no),
                  fy_strpool_get(ds->pool, y->case_no));
}

static void set_date(struct report_table *t, size_t r, size_t c, int32_t d)
{
    struct report_value *v = report_cell(t, r, c);

    v->defined = d != FY_NO_DATE;
    v->v = d;
}

static fy_status records(const struct fy_dataset *ds, const struct window *w,
                         const char *metrics, size_t m, uint32_t **idx,
                         size_t *n, struct fy_error *err)
{
    struct stats_request req;

    memset(&req, 0, sizeof(req));
    req.period = w->period;
    req.as_of = w->as_of;
    FY_TRY(stats_request_metrics(&req, metrics, err));
    return stats_records(ds, &req, m, idx, n, err);
}

static void name_list(struct report_book *book, struct report_table *t,
                      int number, enum report_table_id id, const char *sheet,
                      const char *title, const char *source)
{
    t->id = id;
    t->name = fy_xasprintf("T%02d_%s", number, report_table_id_name(id));
    t->sheet = fy_xasprintf("表%d %s", number, sheet);
    t->title = fy_xasprintf("表%d %s%s", number, book->period_title, title);
    t->source = fy_xstrdup(source);
}

/* The first columns of a case list: 案号, 经办法院, 被告. */
static void set_case_cells(struct report_table *t, size_t row,
                           const struct fy_dataset *ds, const struct fy_case *c)
{
    report_set_text(t, row, 0, fy_strpool_get(ds->pool, c->case_no));
    report_set_text(t, row, 1,
                    norm_registry_court(ds->registry, c->court)->name);
    report_set_text(t, row, 2,
                    c->defendant ? fy_strpool_get(ds->pool, c->defendant)
                                 : NULL);
}

static fy_status build_loss_list(struct report_book *book,
                                 const struct fy_dataset *ds,
                                 const struct window *w, int number,
                                 struct fy_error *err)
{
    uint32_t *idx;
    size_t n;
    struct report_table t;
    struct fy_buf b = FY_BUF_INIT;

    FY_TRY(records(ds, w, "agency_losses", 0, &idx, &n, err));
    if (n > 1) /* idx is NULL when there are none */
        qsort_r(idx, n, sizeof(*idx), cmp_case_date, (void *)ds);
    report_table_init(&t, 6, n);
    const char *h[] = {"案号", "经办法院", "被告", "结案方式", "败诉原因",
                       "结案日期"};
    const enum report_field f[] = {FLD_CASE_NO, FLD_COURT, FLD_DEFENDANT,
                                   FLD_DISPOSITION, FLD_CAUSES, FLD_CLOSED_ON};
    for (size_t c = 0; c < 6; c++)
        t.cols[c] = (struct report_column){
            fy_xstrdup(h[c]), c == 5 ? RC_DATE : RC_TEXT,
            {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_case *c = &ds->cases[idx[i]];
        set_case_cells(&t, i, ds, c);
        report_set_text(&t, i, 3,
                        norm_rules_category(ds->rules, c->disposition));
        fy_buf_reset(&b);
        for (unsigned k = 0; k < NORM_NCAUSES; k++)
            if (c->loss_causes >> k & 1)
                fy_buf_printf(&b, "%s%s", b.len ? "、" : "",
                              norm_cause_name(k));
        report_set_text(&t, i, 4, b.len ? fy_buf_str(&b) : NULL);
        set_date(&t, i, 5, c->closed_on);
    }
    t.metrics[t.nmetrics++] = "agency_losses";
    name_list(book, &t, number, TBL_LOSS_CASES, "败诉案件", "行政机关败诉案件清单",
              "一审审结、以撤销、履行、给付、确认违法、确认无效、变更、赔偿"
              "结案的案件，按结案日期排列。");
    report_book_add(book, &t);
    fy_buf_release(&b);
    free(idx);
    return FY_OK;
}

static fy_status build_absence_list(struct report_book *book,
                                    const struct fy_dataset *ds,
                                    const struct window *w, int number,
                                    struct fy_error *err)
{
    uint32_t *heard, *came;
    size_t nh, nc, n = 0;
    struct report_table t;

    FY_TRY(records(ds, w, "hearings_held,head_appearances", 0, &heard, &nh,
                   err));
    fy_status rc = records(ds, w, "hearings_held,head_appearances", 1, &came,
                           &nc, err);
    if (rc != FY_OK) {
        free(heard);
        return rc;
    }
    /* heard minus came: both are in read order */
    for (size_t i = 0, j = 0; i < nh; i++) {
        while (j < nc && came[j] < heard[i])
            j++;
        if (j < nc && came[j] == heard[i])
            continue;
        heard[n++] = heard[i];
    }
    if (n > 1)
        qsort_r(heard, n, sizeof(*heard), cmp_case_date, (void *)ds);
    report_table_init(&t, 5, n);
    const char *h[] = {"案号", "经办法院", "被告", "负责人出庭", "结案日期"};
    const enum report_field f[] = {FLD_CASE_NO, FLD_COURT, FLD_DEFENDANT,
                                   FLD_HEAD, FLD_CLOSED_ON};
    for (size_t c = 0; c < 5; c++)
        t.cols[c] = (struct report_column){
            fy_xstrdup(h[c]), c == 4 ? RC_DATE : RC_TEXT,
            {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_case *c = &ds->cases[heard[i]];
        set_case_cells(&t, i, ds, c);
        report_set_text(&t, i, 3, c->head_appeared == FY_NO ? "否" : NULL);
        set_date(&t, i, 4, c->closed_on);
    }
    t.metrics[t.nmetrics++] = "appearance_rate";
    name_list(book, &t, number, TBL_HEAD_ABSENT, "负责人未出庭",
              "开庭审理但行政机关负责人未出庭的案件清单",
              "出庭应诉率目标为100%；负责人出庭为“否”或未填写的开庭案件均列出。");
    report_book_add(book, &t);
    free(heard);
    free(came);
    return FY_OK;
}

static fy_status build_overdue_list(struct report_book *book,
                                    const struct fy_dataset *ds,
                                    const struct window *w, int number,
                                    struct fy_error *err)
{
    uint32_t *idx;
    size_t n;
    struct report_table t;
    int32_t as_of = w->as_of != FY_NO_DATE ? w->as_of : w->period.end;

    FY_TRY(records(ds, w, "rec_overdue", 0, &idx, &n, err));
    report_table_init(&t, 6, n);
    const char *h[] = {"建议编号", "类型", "接收单位", "发出日期", "反馈期限",
                       "逾期天数"};
    const enum report_col_kind k[] = {RC_TEXT, RC_TEXT, RC_TEXT, RC_DATE,
                                      RC_DATE, RC_INT};
    const enum report_field f[] = {FLD_REC_NO, FLD_REC_KIND, FLD_RECIPIENT,
                                   FLD_ISSUED_ON, FLD_DUE_ON, FLD_DAYS_LATE};
    for (size_t c = 0; c < 6; c++)
        t.cols[c] = (struct report_column){fy_xstrdup(h[c]), k[c],
                                           {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_recommendation *r = &ds->recs[idx[i]];
        report_set_text(&t, i, 0, fy_strpool_get(ds->pool, r->rec_no));
        report_set_text(&t, i, 1, r->kind == FY_REC_JUDICIAL ? "司法建议"
                                                              : "检察建议");
        report_set_text(&t, i, 2, fy_strpool_get(ds->pool, r->recipient));
        set_date(&t, i, 3, r->issued_on);
        set_date(&t, i, 4, r->due_on);
        report_cell(&t, i, 5)->defined = 1;
        report_cell(&t, i, 5)->v = as_of - r->due_on;
    }
    t.metrics[t.nmetrics++] = "rec_overdue";
    char day[11];
    fy_date_format(as_of, day);
    char *src = fy_xasprintf("截至%s反馈期限已过、仍未书面反馈的建议（不论发出"
                             "日期）；逾期天数 = 截止日 − 反馈期限。", day);
    name_list(book, &t, number, TBL_OVERDUE, "逾期未反馈", "逾期未反馈建议清单",
              src);
    free(src);
    report_book_add(book, &t);
    free(idx);
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* The book                                                            */
/* ------------------------------------------------------------------ */

fy_status report_quarterly_book(const struct fy_dataset *ds,
                                const struct stats_period *period,
                                int32_t as_of,
                                const struct report_settings *settings,
                                struct report_book *book,
                                struct fy_error *err)
{
    struct stats_period ytd = stats_period_ytd(period);
    char *qt = stats_period_title(period);
    char *yt = stats_period_title(&ytd);
    char day[11];
    int number = 1;

    /* "2024年1—6月" -> column prefix "1—6月" (after "年") */
    /* the year-to-date columns: "1—6月"; for Q1 "1—3月" too */
    int y, m, d;
    fy_ymd_from_days(ytd.end, &y, &m, &d);
    char *yprefix = fy_xasprintf("1—%d月", m);
    struct window w[2] = {{*period, as_of, "本季度"},
                          {ytd, as_of, yprefix}};

    book->ds = ds;
    book->settings = settings;
    book->period_title = fy_xasprintf("%s（%s累计）", qt, yt);
    book->title = fy_xasprintf("%s%s行政案件情况通报统计表",
                               report_settings_city(settings, ds), qt);
    fy_date_format(as_of != FY_NO_DATE ? as_of : period->end, day);
    book->as_of = fy_xstrdup(day);
    book->issuers = report_settings_issuers(settings, ds);
    book->contents = fy_xstrdup(
        "本季度及年初至本季度末的收结案、被诉机关、败诉、出庭应诉、司法建议与检察"
        "建议反馈情况，各法院和行政机关的排名，以及需要跟进的败诉案件、负责人未出庭"
        "案件和逾期未反馈建议清单。");
    fy_status rc = FY_OK;
    for (size_t i = 0; rc == FY_OK && i < sizeof(both_windows) /
                                              sizeof(both_windows[0]); i++)
        rc = report_build_table(book, ds, &both_windows[i], w, 2, number++,
                                err);
    for (size_t i = 0; rc == FY_OK && i < sizeof(ytd_only) /
                                              sizeof(ytd_only[0]); i++)
        rc = report_build_table(book, ds, &ytd_only[i], &w[1], 1, number++,
                                err);
    if (rc == FY_OK)
        rc = build_ranking(book, ds, &w[1], "court", "经办法院", "loss_rate",
                           "行政机关败诉率", number++, err);
    if (rc == FY_OK)
        rc = build_ranking(book, ds, &w[1], "court", "经办法院",
                           "appearance_rate", "行政机关负责人出庭应诉率",
                           number++, err);
    if (rc == FY_OK)
        rc = build_ranking(book, ds, &w[1], "defendant", "被告", "loss_rate",
                           "行政机关败诉率", number++, err);
    if (rc == FY_OK)
        rc = build_ranking(book, ds, &w[1], "defendant", "被告",
                           "appearance_rate", "行政机关负责人出庭应诉率",
                           number++, err);
    if (rc == FY_OK)
        rc = build_loss_list(book, ds, &w[1], number++, err);
    if (rc == FY_OK)
        rc = build_absence_list(book, ds, &w[1], number++, err);
    if (rc == FY_OK)
        rc = build_overdue_list(book, ds, &w[1], number++, err);
    free(qt);
    free(yt);
    free(yprefix);
    return rc;
}
