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

/* Tables with the quarter and the year to date side by side. 被诉 is
 * first instance only (white-paper.md, "The quarterly 通报"): 二审 and
 * 非诉执行 are not an agency being sued. */
static const struct table_spec both_windows[] = {
    {TBL_CASES_BY_COURT, "收结案(法院)", "%s各法院行政案件收结案情况", "court",
     {{MET_FILED, C}, {MET_CLOSED, C}, {MET_PENDING_END, 0}, SPEC_END}, 1, NOCHART},
    {TBL_DEFENDANTS, "被诉机关", "%s被诉行政机关情况（一审）", "defendant",
     {{MET_ADMIN_FI_FILED, C | COLF_RANK}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
      {MET_LOSS_RATE, 0}, SPEC_END},
     1, NOCHART},
    {TBL_LOSS_BY_DOMAIN, "败诉(管理领域)", "%s行政机关败诉情况（按管理领域）",
     "domain",
     {{MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, C}, {MET_LOSS_RATE, C}, SPEC_END}, 1,
     NOCHART},
    {TBL_APPEARANCE_BY_DISTRICT, "出庭应诉(旗区)",
     "%s行政机关负责人出庭应诉情况（按旗区）", "district",
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
    /* 二、各旗区情况: one row per 旗区 */
    {TBL_DISTRICT_PROFILE, "旗区概况", "%s各旗区行政案件主要指标", "district",
     {{MET_ADMIN_FI_FILED, 0}, {MET_LOSS_RATE, 0}, {MET_APPEARANCE_RATE, 0},
      {MET_MW_RATE, 0}, {MET_LITIGATION, 0}, SPEC_END},
     1, NOCHART},
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

/*
 * A fair ranking (white-paper.md, "The quarterly 通报"): agencies or 旗区,
 * never courts; only those with at least min_cases cases in the rate's
 * denominator are ranked, worst first (the highest 败诉率, the lowest
 * 出庭应诉率); equal rates share a rank and say 并列; the rest follow,
 * unranked. Rows without a denominator have no rate and are left out.
 */
struct ranking_spec {
    enum report_table_id id;
    enum stats_dim dim;
    const char *who;             /* "被诉行政机关", "旗区" */
    const char *what;            /* "败诉率", in the title after who */
    const char *sheet;           /* "排名(机关败诉率)" */
    enum stats_metric_id metric;
    int worst_high;              /* 1: the highest rate is the worst */
};

static const struct ranking_spec rankings[] = {
    {TBL_RANK_DISTRICTS_LOSS, DIM_DISTRICT, "旗区", "各旗区行政机关败诉率",
     "排名(旗区败诉率)", MET_LOSS_RATE, 1},
    {TBL_RANK_DISTRICTS_APPEARANCE, DIM_DISTRICT, "旗区",
     "各旗区行政机关负责人出庭应诉率", "排名(旗区出庭率)",
     MET_APPEARANCE_RATE, 0},
    {TBL_RANK_AGENCIES_LOSS, DIM_DEFENDANT, "被诉行政机关", "被诉行政机关败诉率",
     "排名(机关败诉率)", MET_LOSS_RATE, 1},
    {TBL_RANK_AGENCIES_APPEARANCE, DIM_DEFENDANT, "被诉行政机关",
     "被诉行政机关负责人出庭应诉率", "排名(机关出庭率)", MET_APPEARANCE_RATE,
     0},
};

struct ranked {
    const char *name;
    char *key;                   /* pinyin sort key of the name */
    struct stats_cell cell;
    int ranked;                  /* n >= min_cases */
    int order;                   /* registry order of a 旗区, else 0 */
};

/* Ranked first, worst rate first; then by n, largest first; then 旗区
 * in registry order or agencies by name. worst_high rides in the
 * qsort_r argument. */
static int cmp_ranked(const void *a, const void *b, void *arg)
{
    const struct ranked *x = a, *y = b;
    int worst_high = *(const int *)arg;

    if (x->ranked != y->ranked)
        return x->ranked ? -1 : 1;
    if (x->ranked) {
        __int128 l = (__int128)x->cell.num * y->cell.den;
        __int128 r = (__int128)y->cell.num * x->cell.den;
        if (l != r)
            return (l > r) == worst_high ? -1 : 1;
    }
    if (x->cell.den != y->cell.den)
        return x->cell.den > y->cell.den ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->key, y->key); /* pinyin order */
}

static int same_rate(const struct stats_cell *a, const struct stats_cell *b)
{
    return (__int128)a->num * b->den == (__int128)b->num * a->den;
}

static fy_status build_ranking(struct report_book *book,
                               const struct fy_dataset *ds,
                               const struct window *w,
                               const struct ranking_spec *rs, int number,
                               struct fy_error *err)
{
    struct stats_request req;
    struct stats_result *res;
    struct report_table t;
    char marker[16];
    int64_t min = book->settings->min_cases;

    memset(&req, 0, sizeof(req));
    req.period = w->period;
    req.as_of = w->as_of;
    FY_TRY(stats_request_add(&req, rs->metric, err));
    req.dims[0] = rs->dim;
    req.ndims = 1;
    if (!book->collator)
        FY_TRY(report_collator_new(&book->collator, err));
    FY_TRY(stats_run(ds, &req, &res, err));
    report_book_warnings(book, res);
    struct ranked *r = fy_xcalloc(res->nrows ? res->nrows : 1, sizeof(*r));
    size_t n = 0, nranked = 0;
    for (size_t i = 0; i < res->nrows; i++) {
        const char *label = stats_key_label(res, 0, res->rows[i].key[0]);
        const struct stats_cell *cell = &res->rows[i].cells[0];
        if (!label || !cell->den)
            continue; /* no agency named, or no rate */
        uint32_t key = res->rows[i].key[0];
        r[n] = (struct ranked){label, report_collation_key(book->collator, label), *cell, cell->den >= min,
                               rs->dim == DIM_DISTRICT
                                   ? (key == NORM_CITY_LEVEL ? 1 << 20
                                                             : (int)key)
                                   : 0};
        nranked += r[n].ranked;
        n++;
    }
    int worst_high = rs->worst_high;
    if (n > 1) /* qsort of an empty (NULL) list is undefined */
        qsort_r(r, n, sizeof(*r), cmp_ranked, &worst_high);
    size_t ndefs;
    const struct stats_metric_def *def = &stats_metric_defs(&ndefs)[rs->metric];
    report_table_init(&t, 6, n);
    t.cols[0] = (struct report_column){fy_xstrdup("排名"), RC_INT,
                                       {COL_FIELD, 0, 0, FLD_RANK}};
    t.cols[1] = (struct report_column){fy_xstrdup(rs->who), RC_TEXT,
                                       {COL_FIELD, 0, 0, FLD_NAME}};
    t.cols[2] = (struct report_column){fy_xstrdup(def->denominator), RC_COUNT,
                                       {COL_DENOMINATOR, rs->metric, 0, 0}};
    t.cols[3] = (struct report_column){fy_xstrdup(def->numerator), RC_COUNT,
                                       {COL_NUMERATOR, rs->metric, 0, 0}};
    t.cols[4] = (struct report_column){fy_xstrdup(def->name), RC_RATE,
                                       {COL_VALUE, rs->metric, 0, 0}};
    t.cols[5] = (struct report_column){fy_xstrdup("备注"), RC_TEXT,
                                       {COL_FIELD, 0, 0, FLD_NOTE}};
    size_t rank = 0;
    char *few = fy_xasprintf("%s不足%lld件，不排名", def->denominator,
                             (long long)min);
    for (size_t i = 0; i < n; i++) {
        struct stats_cell num = {r[i].cell.num, 0}, den = {r[i].cell.den, 0};
        int tied = r[i].ranked
                   && ((i > 0 && r[i - 1].ranked
                        && same_rate(&r[i - 1].cell, &r[i].cell))
                       || (i + 1 < n && r[i + 1].ranked
                           && same_rate(&r[i + 1].cell, &r[i].cell)));
        if (r[i].ranked && (i == 0 || !same_rate(&r[i - 1].cell, &r[i].cell)))
            rank = i + 1;
        struct report_value *v = report_cell(&t, i, 0);
        v->defined = r[i].ranked;
        v->v = (double)rank;
        report_set_text(&t, i, 1, r[i].name);
        report_set_figure(&t, i, 2, STATS_COUNT, &den);
        report_set_figure(&t, i, 3, STATS_COUNT, &num);
        report_set_figure(&t, i, 4, STATS_RATE, &r[i].cell);
        report_set_text(&t, i, 5, !r[i].ranked ? few : tied ? "并列" : "");
    }
    free(few);
    t.metrics[t.nmetrics++] = def->id;
    t.id = rs->id;
    t.name = fy_xasprintf("T%02d_%s", number, report_table_id_name(t.id));
    t.sheet = fy_xasprintf("表%d %s", number, rs->sheet);
    const char *rate_word = rs->metric == MET_LOSS_RATE ? "败诉率"
                                                        : "出庭应诉率";
    char *when = stats_period_title(&w->period);
    t.title = fy_xasprintf("表%d %s%s排名（按%s从%s）", number, when,
                           rs->what, rate_word,
                           rs->worst_high ? "高到低" : "低到高");
    free(when);
    struct fy_buf src = FY_BUF_INIT;
    report_source_line(book, &req, &src);
    fy_buf_puts(&src, report_book_note(
                          book, "排名：只排列分母（一审审结或开庭审理的一审案件）"
                                "达到通报最低件数的；按比率由差到好排列（败诉率从"
                                "高到低，出庭应诉率从低到高），比率相同的并列同一"
                                "名次，备注“并列”，下一名次顺延（如1、2、2、4）；"
                                "未达到最低件数的列在其后，不排名；并列者按分母从大到小、"
                                "再按旗区顺序或名称的拼音排列。",
                          marker));
    t.source = fy_buf_detach(&src);
    t.nranked = nranked;
    report_book_add(book, &t);
    for (size_t i = 0; i < n; i++)
        free(r[i].key);
    free(r);
    stats_result_free(res);
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* Follow-up lists                                                     */
/* ------------------------------------------------------------------ */

/* A 旗区's place in the follow-up lists: registry order, 市本级 last. */
static uint32_t district_order(uint32_t d)
{
    return d == NORM_CITY_LEVEL ? UINT32_MAX : d;
}

/* Cases by 旗区, then 结案日期, then 案号 (qsort_r with the dataset):
 * follow-up lists sort by 旗区, then by date (white-paper.md). */
static int cmp_case_date(const void *a, const void *b, void *arg)
{
    const struct fy_dataset *ds = arg;
    const struct fy_case *x = &ds->cases[*(const uint32_t *)a];
    const struct fy_case *y = &ds->cases[*(const uint32_t *)b];

    if (district_order(x->district) != district_order(y->district))
        return district_order(x->district) < district_order(y->district)
                   ? -1 : 1;
    if (x->closed_on != y->closed_on)
        return x->closed_on < y->closed_on ? -1 : 1;
    return strcmp(fy_strpool_get(ds->pool, x->case_no),
                  fy_strpool_get(ds->pool, y->case_no));
}

/* Recommendations by the recipient's 旗区, then 反馈期限, then 建议编号. */
static int cmp_rec_due(const void *a, const void *b, void *arg)
{
    const struct fy_dataset *ds = arg;
    const struct fy_recommendation *x = &ds->recs[*(const uint32_t *)a];
    const struct fy_recommendation *y = &ds->recs[*(const uint32_t *)b];

    if (district_order(x->district) != district_order(y->district))
        return district_order(x->district) < district_order(y->district)
                   ? -1 : 1;
    if (x->due_on != y->due_on)
        return x->due_on < y->due_on ? -1 : 1;
    return strcmp(fy_strpool_get(ds->pool, x->rec_no),
                  fy_strpool_get(ds->pool, y->rec_no));
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

/* The first columns of a case list: 旗区, 案号, 经办法院, 被告 (every
 * 被告 of the case, as the data names them). */
static void set_case_cells(struct report_table *t, size_t row,
                           const struct fy_dataset *ds, const struct fy_case *c)
{
    struct fy_buf b = FY_BUF_INIT;

    report_set_text(t, row, 0, norm_registry_district(ds->registry,
                                                      c->district));
    report_set_text(t, row, 1, fy_strpool_get(ds->pool, c->case_no));
    report_set_text(t, row, 2,
                    norm_registry_court(ds->registry, c->court)->name);
    for (size_t j = 0; j < c->ndefendants; j++)
        fy_buf_printf(&b, "%s%s", j ? "、" : "",
                      fy_strpool_get(ds->pool,
                                     ds->defendants[c->defendants + j]));
    report_set_text(t, row, 3, b.len ? fy_buf_str(&b) : NULL);
    fy_buf_release(&b);
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
    report_table_init(&t, 7, n);
    const char *h[] = {"旗区", "案号", "经办法院", "被告", "结案方式",
                       "败诉原因", "结案日期"};
    const enum report_field f[] = {FLD_DISTRICT, FLD_CASE_NO, FLD_COURT,
                                   FLD_DEFENDANT, FLD_DISPOSITION, FLD_CAUSES,
                                   FLD_CLOSED_ON};
    for (size_t c = 0; c < 7; c++)
        t.cols[c] = (struct report_column){
            fy_xstrdup(h[c]), c == 6 ? RC_DATE : RC_TEXT,
            {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_case *c = &ds->cases[idx[i]];
        set_case_cells(&t, i, ds, c);
        report_set_text(&t, i, 4,
                        norm_rules_category(ds->rules, c->disposition));
        fy_buf_reset(&b);
        for (unsigned k = 0; k < NORM_NCAUSES; k++)
            if (c->loss_causes >> k & 1)
                fy_buf_printf(&b, "%s%s", b.len ? "、" : "",
                              norm_cause_name(k));
        report_set_text(&t, i, 5, b.len ? fy_buf_str(&b) : NULL);
        set_date(&t, i, 6, c->closed_on);
    }
    t.metrics[t.nmetrics++] = "agency_losses";
    name_list(book, &t, number, TBL_LOSS_CASES, "败诉案件", "行政机关败诉案件清单",
              "一审审结、以撤销、履行、给付、确认违法、确认无效、变更、赔偿"
              "结案的案件，按旗区、再按结案日期排列。");
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
    report_table_init(&t, 6, n);
    const char *h[] = {"旗区", "案号", "经办法院", "被告", "负责人出庭",
                       "结案日期"};
    const enum report_field f[] = {FLD_DISTRICT, FLD_CASE_NO, FLD_COURT,
                                   FLD_DEFENDANT, FLD_HEAD, FLD_CLOSED_ON};
    for (size_t c = 0; c < 6; c++)
        t.cols[c] = (struct report_column){
            fy_xstrdup(h[c]), c == 5 ? RC_DATE : RC_TEXT,
            {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_case *c = &ds->cases[heard[i]];
        set_case_cells(&t, i, ds, c);
        report_set_text(&t, i, 4, c->head_appeared == FY_NO ? "否" : NULL);
        set_date(&t, i, 5, c->closed_on);
    }
    t.metrics[t.nmetrics++] = "appearance_rate";
    name_list(book, &t, number, TBL_HEAD_ABSENT, "负责人未出庭",
              "开庭审理但行政机关负责人未出庭的案件清单",
              "出庭应诉率目标为100%；负责人出庭为“否”或未填写的开庭案件均列出，"
              "按旗区、再按结案日期排列。");
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
    if (n > 1)
        qsort_r(idx, n, sizeof(*idx), cmp_rec_due, (void *)ds);
    report_table_init(&t, 7, n);
    const char *h[] = {"旗区", "建议编号", "类型", "接收单位", "发出日期",
                       "反馈期限", "逾期天数"};
    const enum report_col_kind k[] = {RC_TEXT, RC_TEXT, RC_TEXT, RC_TEXT,
                                      RC_DATE, RC_DATE, RC_INT};
    const enum report_field f[] = {FLD_DISTRICT, FLD_REC_NO, FLD_REC_KIND,
                                   FLD_RECIPIENT, FLD_ISSUED_ON, FLD_DUE_ON,
                                   FLD_DAYS_LATE};
    for (size_t c = 0; c < 7; c++)
        t.cols[c] = (struct report_column){fy_xstrdup(h[c]), k[c],
                                           {COL_FIELD, 0, 0, f[c]}};
    for (size_t i = 0; i < n; i++) {
        const struct fy_recommendation *r = &ds->recs[idx[i]];
        report_set_text(&t, i, 0, norm_registry_district(ds->registry,
                                                          r->district));
        report_set_text(&t, i, 1, fy_strpool_get(ds->pool, r->rec_no));
        report_set_text(&t, i, 2, r->kind == FY_REC_JUDICIAL ? "司法建议"
                                                              : "检察建议");
        report_set_text(&t, i, 3, fy_strpool_get(ds->pool, r->recipient));
        set_date(&t, i, 4, r->issued_on);
        set_date(&t, i, 5, r->due_on);
        report_cell(&t, i, 6)->defined = 1;
        report_cell(&t, i, 6)->v = as_of - r->due_on;
    }
    t.metrics[t.nmetrics++] = "rec_overdue";
    char day[11];
    fy_date_format(as_of, day);
    char *src = fy_xasprintf("截至%s反馈期限已过、仍未书面反馈的建议（不论发出"
                             "日期），按旗区、再按反馈期限排列；逾期天数 = "
                             "截止日 − 反馈期限。", day);
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
        "本季度及年初至本季度末的收结案、被诉机关（一审）、败诉、出庭应诉、司法建议"
        "与检察建议反馈情况，各旗区主要指标，各旗区和被诉行政机关的排名，以及需要"
        "跟进的败诉案件、负责人未出庭案件和逾期未反馈建议清单。");
    fy_status rc = FY_OK;
    for (size_t i = 0; rc == FY_OK && i < sizeof(both_windows) /
                                              sizeof(both_windows[0]); i++)
        rc = report_build_table(book, ds, &both_windows[i], w, 2, number++,
                                err);
    for (size_t i = 0; rc == FY_OK && i < sizeof(ytd_only) /
                                              sizeof(ytd_only[0]); i++)
        rc = report_build_table(book, ds, &ytd_only[i], &w[1], 1, number++,
                                err);
    for (size_t i = 0; rc == FY_OK && i < sizeof(rankings) /
                                              sizeof(rankings[0]); i++)
        rc = build_ranking(book, ds, &w[1], &rankings[i], number++, err);
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
