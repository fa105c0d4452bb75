/* SPDX-License-Identifier: MIT */
/*
 * report_notice.c - the quarterly notification (季度通报) as a document,
 * on the model of domain.md. Every section gives the quarter and the year
 * to date (1月至本季度末), each against the same window last year:
 *
 *   一、基本情况       the city, then one line per court: 受理, 审结, 未结,
 *                     and how the cases were closed;
 *   二、被诉机关情况   one line per agency sued most ("市人社局被诉13件，
 *                     审结10件，其中判决驳回诉讼请求1件、撤诉1件");
 *   三、败诉案件及原因 rates, causes, every loss case of the quarter, the
 *                     agencies that lost most in the year to date;
 *   四、负责人出庭应诉 rates, every heard case of the quarter whose agency
 *                     head did not appear (by agency), the agencies below
 *                     the 100% target in the year to date;
 *   五、司法建议、检察建议反馈  rates, and the overdue ones by recipient;
 *   六、下步工作要求   what the agencies named above must do.
 *
 * Figures come from the engine, asked by metric id (stats_fig), and the
 * lists from the quarterly book's tables, found by table id and read by
 * field (report_text); nothing here computes a statistic, and nothing
 * reads a figure by its position.
 *
 * Empty and small periods (white-paper.md): a sentence that needs a
 * figure it does not have says there was none instead ("本季度无行政机关
 * 败诉案件"); a rate whose denominator is 0 is not stated, nor compared;
 * nothing is claimed from nothing (负责人均出庭 needs hearings), no list
 * is announced without its items, a request of 工作要求 appears only when
 * the list it refers to is in the notice, and the appendix prints only
 * the tables that hold something.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many agencies 二、被诉机关情况 names (ties at the end included). */
#define TOP_AGENCIES 15

struct notice {
    const struct fy_dataset *ds;
    struct stats_period q, ytd;
    int one_window;              /* a first quarter: the two are the same */
    int32_t as_of;
    const struct report_book *book;
    struct report_doc *doc;
    struct fy_error *err;
    char *qt;                    /* "2024年第二季度" */
    char *yt;                    /* "2024年1—6月" */
    char *ym;                    /* "1—6月" */
    /* what the notice lists, for 工作要求 */
    size_t nlosses;              /* loss cases of the quarter */
    size_t nabsent;              /* heard cases without the head */
    size_t nabsent_unfilled;     /* ... of them, 负责人出庭 not filled in */
    size_t noverdue;             /* recipients with overdue recommendations */
};

/* The engine's answer for metrics @p ids (with @p causes, every loss
 * cause after them) by @p dim (DIM_COUNT: none) over @p p, against the
 * same window last year. */
static fy_status ask(struct notice *n, const struct stats_period *p,
                     const enum stats_metric_id *ids, int causes,
                     enum stats_dim dim, struct stats_result **res)
{
    return report_ask_ids(n->ds, p, n->as_of, ids, causes, dim, res, n->err);
}

/* The engine's answer for metric @p id by (@p d0, @p d1) over @p p, no
 * comparison (report_ask_ids() splits by one dimension only). */
static fy_status ask_by2(struct notice *n, const struct stats_period *p,
                         enum stats_metric_id id, enum stats_dim d0,
                         enum stats_dim d1, struct stats_result **res)
{
    struct stats_request req;

    memset(&req, 0, sizeof(req));
    req.period = *p;
    req.as_of = n->as_of;
    FY_TRY(stats_request_add(&req, id, n->err));
    req.dims[0] = d0;
    req.dims[1] = d1;
    req.ndims = 2;
    return stats_run(n->ds, &req, res, n->err);
}

/* The count of metric @p id in @p row (NULL: the total), and last year's. */
static int64_t num(const struct stats_result *r, const struct stats_row *row,
                   enum stats_metric_id id)
{
    return stats_fig(r, row, id)->num;
}

static int64_t num_prev(const struct stats_result *r,
                        const struct stats_row *row, enum stats_metric_id id)
{
    return stats_fig_prev(r, row, id)->num;
}

/* The total of loss cause @p cause in @p res (asked with its causes). */
static const struct stats_cell *cause_fig(const struct stats_result *res,
                                          int cause)
{
    for (size_t i = 0; i < res->req.nmetrics; i++)
        if (res->req.metrics[i].def < 0 && res->req.metrics[i].cause == cause)
            return &res->total.cells[i];
    FY_BUG("loss cause %d was not asked for", cause);
}

/* The day of date field @p f in row @p row of @p t (FY_NO_DATE: none). */
static int32_t date_of(const struct report_table *t, size_t row,
                       enum report_field f)
{
    return (int32_t)report_number(t, row, f);
}

/* "表2" of a table's title (owned). */
static char *table_number(const struct report_table *t)
{
    const char *sp = strchr(t->title, ' ');

    return sp ? fy_xstrndup(t->title, (size_t)(sp - t->title))
              : fy_xstrdup("相关表");
}

/* The tables of the appendix, with the rate a ranking ranks by (or -1). */
static const struct {
    enum report_table_id id;
    int rate;
} appendix[] = {
    {TBL_CASES_BY_COURT, -1},
    {TBL_RANK_COURTS_LOSS, MET_LOSS_RATE},
    {TBL_RANK_COURTS_APPEARANCE, MET_APPEARANCE_RATE},
    {TBL_RANK_AGENCIES_LOSS, MET_LOSS_RATE},
    {TBL_RANK_AGENCIES_APPEARANCE, MET_APPEARANCE_RATE},
};

/* Whether the appendix prints @p t: a table without rows, or a ranking in
 * which no rate is defined (nothing ranked), is left out - and so not
 * referred to. */
static int printed(const struct report_table *t, int rate)
{
    size_t rows = report_data_rows(t);

    if (rate < 0)
        return rows > 0;
    size_t c = report_col_metric(t, COL_VALUE, rate, 0);
    for (size_t r = 0; r < rows; r++)
        if (t->cells[r * t->ncols + c].defined)
            return 1;
    return 0;
}

/* The row of @p res whose first key is @p key, or NULL. */
static const struct stats_row *row_of(const struct stats_result *res,
                                      uint32_t key)
{
    for (size_t i = 0; i < res->nrows; i++)
        if (res->rows[i].key[0] == key)
            return &res->rows[i];
    return NULL;
}

/* "、判决驳回诉讼请求1件" of @p row of @p r (closed by disposition). */
static void disposition_item(const struct stats_result *r,
                             const struct stats_row *row, int *first,
                             struct fy_buf *b)
{
    fy_buf_printf(b, "%s%s", *first ? "，其中" : "、",
                  report_words_disposition(stats_key_label(r, 1, row->key[1])));
    report_words_count(num(r, row, MET_CLOSED), b);
    *first = 0;
}

/* "，其中判决驳回诉讼请求1件、撤诉1件" from a result of closed by
 * (X, disposition) for the rows whose first key is @p key, largest first,
 * 其他 last. */
static void dispositions_of(const struct stats_result *r, uint32_t key,
                            struct fy_buf *b)
{
    size_t *idx = report_rows_by_count(r, stats_metric_index(r, MET_CLOSED));
    int first = 1;

    for (int other = 0; other < 2; other++) {
        for (size_t i = 0; i < r->nrows; i++) {
            const struct stats_row *row = &r->rows[idx[i]];
            const char *d = stats_key_label(r, 1, row->key[1]);
            if (row->key[0] != key || !num(r, row, MET_CLOSED))
                continue;
            if ((d && strcmp(d, "其他") == 0) != other)
                continue;
            disposition_item(r, row, &first, b);
        }
    }
    free(idx);
}

/* ------------------------------------------------------------------ */
/* 一、基本情况                                                         */
/* ------------------------------------------------------------------ */

/* "新收360件，同比上升5.9%；审结289件，同比上升5.9%" */
static void filed_closed(const struct stats_result *r, struct fy_buf *b)
{
    fy_buf_puts(b, "新收行政案件");
    report_words_count(num(r, NULL, MET_FILED), b);
    fy_buf_puts(b, "，");
    report_words_count_change(num(r, NULL, MET_FILED),
                              num_prev(r, NULL, MET_FILED), b);
    fy_buf_puts(b, "；审结");
    report_words_count(num(r, NULL, MET_CLOSED), b);
    fy_buf_puts(b, "，");
    report_words_count_change(num(r, NULL, MET_CLOSED),
                              num_prev(r, NULL, MET_CLOSED), b);
}

static fy_status basics(struct notice *n)
{
    const enum stats_metric_id *mets =
        METS(MET_FILED, MET_CLOSED, MET_PENDING_END);
    struct stats_result *rq = NULL, *ry = NULL, *disp = NULL;
    struct fy_buf b = FY_BUF_INIT;
    fy_status rc;

    report_doc_heading(n->doc, "一、基本情况");
    rc = ask(n, &n->q, mets, 0, DIM_COURT, &rq);
    if (rc == FY_OK)
        rc = ask(n, &n->ytd, mets, 0, DIM_COURT, &ry);
    if (rc == FY_OK)
        rc = ask_by2(n, &n->ytd, MET_CLOSED, DIM_COURT, DIM_DISPOSITION,
                     &disp);
    if (rc != FY_OK)
        goto done;
    fy_buf_printf(&b, "%s，全市法院", n->qt);
    filed_closed(rq, &b);
    fy_buf_puts(&b, "；季末未结");
    report_words_count(num(rq, NULL, MET_PENDING_END), &b);
    fy_buf_puts(&b, "。");
    if (!n->one_window) {
        fy_buf_printf(&b, "%s，全市法院累计", n->yt);
        filed_closed(ry, &b);
        fy_buf_puts(&b, "。");
    }
    const struct report_table *ct = report_book_get(n->book,
                                                    TBL_CASES_BY_COURT);
    if (printed(ct, -1)) {
        char *tn = table_number(ct);
        fy_buf_printf(&b, "各法院收结案及同比情况见附表（%s）。", tn);
        free(tn);
    }
    report_doc_para(n->doc, fy_buf_str(&b));

    /* one line per court, the year to date with the quarter beside it */
    for (size_t i = 0; i < ry->nrows; i++) {
        const struct stats_row *y = &ry->rows[i];
        const struct stats_row *q = row_of(rq, y->key[0]);
        const char *court = stats_key_label(ry, 0, y->key[0]);
        if (!num(ry, y, MET_FILED) && !num(ry, y, MET_CLOSED)
            && !num(ry, y, MET_PENDING_END))
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s：%s受理", court ? court : "法院未填写",
                      n->one_window ? "本季度" : n->ym);
        report_words_count(num(ry, y, MET_FILED), &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? num(rq, q, MET_FILED) : 0, &b);
            fy_buf_puts(&b, "）");
        }
        fy_buf_puts(&b, "，审结");
        report_words_count(num(ry, y, MET_CLOSED), &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? num(rq, q, MET_CLOSED) : 0, &b);
            fy_buf_puts(&b, "）");
        }
        dispositions_of(disp, y->key[0], &b);
        fy_buf_puts(&b, "；季末未结");
        report_words_count(num(ry, y, MET_PENDING_END), &b);
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
done:
    stats_result_free(rq);
    stats_result_free(ry);
    stats_result_free(disp);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 二、被诉机关情况                                                     */
/* ------------------------------------------------------------------ */

/* How many agencies of @p fy (by filed, @p idx largest first) are named:
 * the first TOP_AGENCIES and those tied with the last of them. */
static size_t agencies_named(const struct stats_result *fy, const size_t *idx)
{
    size_t named = 0;
    int64_t last = -1;

    for (size_t i = 0; i < fy->nrows; i++) {
        const struct stats_row *row = &fy->rows[idx[i]];
        int64_t filed = num(fy, row, MET_FILED);
        if (!stats_key_label(fy, 0, row->key[0]) || !filed)
            continue;
        if (named >= TOP_AGENCIES && filed != last)
            break;
        last = filed;
        named++;
    }
    return named;
}

static fy_status agencies(struct notice *n)
{
    struct stats_result *fy = NULL, *fq = NULL, *disp = NULL;
    struct fy_buf b = FY_BUF_INIT;
    fy_status rc;

    report_doc_heading(n->doc, "二、被诉机关情况");
    rc = ask(n, &n->ytd, METS(MET_FILED, MET_CLOSED), 0, DIM_DEFENDANT, &fy);
    if (rc == FY_OK)
        rc = ask(n, &n->q, METS(MET_FILED), 0, DIM_DEFENDANT, &fq);
    if (rc == FY_OK)
        rc = ask_by2(n, &n->ytd, MET_CLOSED, DIM_DEFENDANT, DIM_DISPOSITION,
                     &disp);
    if (rc != FY_OK)
        goto done;
    size_t *idx = report_rows_by_count(fy, stats_metric_index(fy, MET_FILED));
    size_t nagencies = 0, named = agencies_named(fy, idx), k = 0;
    for (size_t i = 0; i < fy->nrows; i++)
        nagencies += num(fy, &fy->rows[i], MET_FILED) > 0
                     && stats_key_label(fy, 0, fy->rows[i].key[0]);
    const char *when = n->one_window ? n->qt : n->yt;
    if (!nagencies) {
        /* nobody to list: say so, announce nothing */
        if (num(fy, NULL, MET_FILED))
            fy_buf_printf(&b, "%s，新收行政案件均未载明被诉机关。", when);
        else
            fy_buf_printf(&b, "%s，全市无行政机关（含派出机构）作为被告（或"
                              "申请执行人）涉诉。", when);
    } else {
        fy_buf_printf(&b, "%s，全市共有", when);
        report_words_quantity((int64_t)nagencies, "个", &b);
        fy_buf_puts(&b, "行政机关（含派出机构）作为被告（或申请执行人）涉诉。");
        if (named < nagencies)
            fy_buf_puts(&b, "被诉案件较多的机关情况如下（按被诉件数排列）：");
        else if (nagencies > 1)
            fy_buf_puts(&b, "各机关情况如下（按被诉件数排列）：");
        else
            fy_buf_puts(&b, "情况如下：");
    }
    report_doc_para(n->doc, fy_buf_str(&b));
    for (size_t i = 0; i < fy->nrows && k < named; i++) {
        const struct stats_row *row = &fy->rows[idx[i]];
        const char *name = stats_key_label(fy, 0, row->key[0]);
        if (!name || !num(fy, row, MET_FILED))
            continue;
        const struct stats_row *q = row_of(fq, row->key[0]);
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s被诉", name);
        report_words_count(num(fy, row, MET_FILED), &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? num(fq, q, MET_FILED) : 0, &b);
            fy_buf_puts(&b, "）");
        }
        fy_buf_puts(&b, "，审结");
        report_words_count(num(fy, row, MET_CLOSED), &b);
        dispositions_of(disp, row->key[0], &b);
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
        k++;
    }
    free(idx);
    if (named < nagencies) {
        char *tn = table_number(report_book_get(n->book, TBL_DEFENDANTS));
        fy_buf_reset(&b);
        fy_buf_puts(&b, "其余");
        report_words_quantity((int64_t)(nagencies - named), "个", &b);
        fy_buf_printf(&b, "机关被诉件数较少，各机关的被诉、审结和败诉情况见统计"
                          "工作簿%s。", tn);
        free(tn);
        report_doc_para(n->doc, fy_buf_str(&b));
    }
done:
    stats_result_free(fy);
    stats_result_free(fq);
    stats_result_free(disp);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 三、败诉案件及原因                                                   */
/* ------------------------------------------------------------------ */

/* A rate and the two counts it is made of, by metric id. */
struct rate_ids {
    enum stats_metric_id whole, part, rate;
    const char *what, *what_ytd, *part_words, *rate_words;
};

/* "本季度，…审结一审行政案件N件，行政机关败诉M件，败诉率x%，同比…" of
 * one window; only "…N件" when N is 0 (no rate to state or compare). */
static void rate_line(const char *label, const char *what,
                      const struct rate_ids *ids, const struct stats_result *r,
                      struct fy_buf *b)
{
    const struct stats_cell *rate = stats_fig(r, NULL, ids->rate);

    fy_buf_printf(b, "%s%s", label, what);
    report_words_count(num(r, NULL, ids->whole), b);
    if (!rate->den)
        return;
    fy_buf_printf(b, "，%s", ids->part_words);
    report_words_count(num(r, NULL, ids->part), b);
    fy_buf_printf(b, "，%s", ids->rate_words);
    report_words_rate(rate, b);
    fy_buf_puts(b, "，");
    report_words_rate_change(rate, stats_fig_prev(r, NULL, ids->rate), b);
}

/* The rates of both windows as one paragraph; @p den gets the rate's
 * denominator in the quarter and in the year to date. */
static fy_status two_rates(struct notice *n, const struct rate_ids *ids,
                           struct fy_buf *b, int64_t den[2])
{
    struct stats_result *r;
    const enum stats_metric_id mets[] = {ids->whole, ids->part, ids->rate,
                                         MET_COUNT};

    FY_TRY(ask(n, &n->q, mets, 0, DIM_COUNT, &r));
    rate_line("本季度，", ids->what, ids, r, b);
    den[0] = den[1] = stats_fig(r, NULL, ids->rate)->den;
    stats_result_free(r);
    if (!n->one_window) {
        FY_TRY(ask(n, &n->ytd, mets, 0, DIM_COUNT, &r));
        char *label = fy_xasprintf("%s累计", n->ym);
        fy_buf_puts(b, "；");
        rate_line(label, ids->what_ytd, ids, r, b);
        den[1] = stats_fig(r, NULL, ids->rate)->den;
        free(label);
        stats_result_free(r);
    }
    fy_buf_puts(b, "。");
    return FY_OK;
}

/* "从败诉原因看，1—6月主要为…（N件）、…。" of the year to date: the
 * named causes by count, largest first (其他, 未填写 left out); nothing
 * when no loss has a named cause. */
static fy_status causes(struct notice *n, struct fy_buf *b)
{
    struct stats_result *r;
    int order[NORM_NCAUSES];
    size_t nc = 0;

    FY_TRY(ask(n, &n->ytd, METS(MET_AGENCY_LOSSES), 1, DIM_COUNT, &r));
    int64_t losses = num(r, NULL, MET_AGENCY_LOSSES);
    for (int k = 0; losses && k < NORM_NCAUSES; k++) {
        int64_t c = cause_fig(r, k)->num;
        size_t j = nc;
        if (!c || strcmp(norm_cause_name((unsigned)k), "其他") == 0)
            continue;
        while (j > 0 && cause_fig(r, order[j - 1])->num < c) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
        nc++;
    }
    if (nc) {
        fy_buf_printf(b, "从败诉原因看，%s%s", n->one_window ? "" : n->ym,
                      losses > 1 ? "主要为" : "败诉原因为");
        for (size_t i = 0; i < nc && i < 4; i++) {
            fy_buf_printf(b, "%s%s（", i ? "、" : "",
                          norm_cause_name((unsigned)order[i]));
            report_words_count(cause_fig(r, order[i])->num, b);
            fy_buf_puts(b, "）");
        }
        fy_buf_puts(b, "。");
    }
    stats_result_free(r);
    return FY_OK;
}

/* "1—6月败诉2件以上的机关有：…。" and where the full list is; nothing
 * when neither has anything to say. */
static fy_status losers(struct notice *n, const struct report_table *t,
                        struct fy_buf *p)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    size_t shown = 0;

    FY_TRY(ask(n, &n->ytd, METS(MET_AGENCY_LOSSES), 0, DIM_DEFENDANT, &r));
    size_t *idx = report_rows_by_count(
        r, stats_metric_index(r, MET_AGENCY_LOSSES));
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *name = stats_key_label(r, 0, row->key[0]);
        if (!name || num(r, row, MET_AGENCY_LOSSES) < 2)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "、" : "", name);
        report_words_count(num(r, row, MET_AGENCY_LOSSES), &b);
        shown++;
    }
    free(idx);
    stats_result_free(r);
    if (shown)
        fy_buf_printf(p, "%s败诉2件以上的机关有：%s。", n->ym, fy_buf_str(&b));
    if (report_data_rows(t)) {
        char *tn = table_number(t);
        fy_buf_printf(p, "%s全部败诉案件见统计工作簿%s。", n->ym, tn);
        free(tn);
    }
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status losses(struct notice *n)
{
    static const struct rate_ids ids = {
        MET_FI_CLOSED, MET_AGENCY_LOSSES, MET_LOSS_RATE,
        "全市法院审结一审行政案件", "审结一审行政案件", "行政机关败诉",
        "败诉率"};
    struct fy_buf b = FY_BUF_INIT;
    int64_t den[2];

    report_doc_heading(n->doc, "三、败诉案件及原因");
    fy_status rc = two_rates(n, &ids, &b, den);
    if (rc == FY_OK)
        rc = causes(n, &b);
    if (rc != FY_OK)
        goto done;
    report_doc_para(n->doc, fy_buf_str(&b));

    /* every loss case of the quarter (the list is the year to date's) */
    const struct report_table *t = report_book_get(n->book, TBL_LOSS_CASES);
    size_t k = 0;
    for (size_t i = 0; i < report_data_rows(t); i++) {
        int32_t day = date_of(t, i, FLD_CLOSED_ON);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度行政机关败诉案件如下：");
        fy_buf_reset(&b);
        const char *who = report_text(t, i, FLD_DEFENDANT);
        const char *cause = report_text(t, i, FLD_CAUSES);
        fy_buf_printf(&b, "%zu．%s，%s（%s审理），", ++k,
                      who ? who : "被告未填写", report_text(t, i, FLD_CASE_NO),
                      report_text(t, i, FLD_COURT));
        report_words_date(day, &b);
        fy_buf_printf(&b, "%s；败诉原因：%s。",
                      report_words_disposition(
                          report_text(t, i, FLD_DISPOSITION)),
                      cause ? cause : "未填写");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->nlosses = k;
    if (!k)
        report_doc_para(n->doc, "本季度无行政机关败诉案件。");

    /* the agencies that lost most in the year to date */
    if (!n->one_window) {
        fy_buf_reset(&b);
        rc = losers(n, t, &b);
        if (rc == FY_OK && b.len)
            report_doc_para(n->doc, fy_buf_str(&b));
    }
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 四、负责人出庭应诉                                                   */
/* ------------------------------------------------------------------ */

/* "1—6月，负责人出庭应诉率未达到100%的机关有：…" (the year to date). */
static fy_status below_target(struct notice *n)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, p = FY_BUF_INIT;
    size_t shown = 0;

    FY_TRY(ask(n, &n->ytd,
               METS(MET_HEARINGS_HELD, MET_HEAD_APPEARANCES,
                    MET_APPEARANCE_RATE),
               0, DIM_DEFENDANT, &r));
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const struct stats_cell *rate = stats_fig(r, row, MET_APPEARANCE_RATE);
        const char *name = stats_key_label(r, 0, row->key[0]);
        if (!rate->den || rate->num == rate->den)
            continue;
        fy_buf_printf(&b, "%s%s（开庭", shown ? "；" : "",
                      name ? name : "被告未填写");
        report_words_count(num(r, row, MET_HEARINGS_HELD), &b);
        fy_buf_puts(&b, "，负责人出庭");
        report_words_count(num(r, row, MET_HEAD_APPEARANCES), &b);
        fy_buf_puts(&b, "）");
        shown++;
    }
    stats_result_free(r);
    if (shown)
        fy_buf_printf(&p, "%s，负责人出庭应诉率未达到100%%的机关有：%s。",
                      n->ym, fy_buf_str(&b));
    else
        fy_buf_printf(&p, "%s，各被诉机关负责人出庭应诉率均为100%%。", n->ym);
    report_doc_para(n->doc, fy_buf_str(&p));
    fy_buf_release(&p);
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status appearances(struct notice *n)
{
    static const struct rate_ids ids = {
        MET_HEARINGS_HELD, MET_HEAD_APPEARANCES, MET_APPEARANCE_RATE,
        "开庭审理一审行政案件", "开庭审理一审行政案件",
        "行政机关负责人出庭应诉", "出庭应诉率"};
    struct fy_buf b = FY_BUF_INIT;
    int64_t den[2];

    report_doc_heading(n->doc, "四、行政机关负责人出庭应诉");
    fy_status rc = two_rates(n, &ids, &b, den);
    if (rc != FY_OK)
        goto done;
    report_doc_para(n->doc, fy_buf_str(&b));

    const struct report_table *t = report_book_get(n->book, TBL_HEAD_ABSENT);
    size_t k = 0;
    for (size_t i = 0; i < report_data_rows(t); i++) {
        int32_t day = date_of(t, i, FLD_CLOSED_ON);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度开庭审理但行政机关负责人未出庭应诉"
                                    "的案件如下（出庭应诉率目标为100%）：");
        fy_buf_reset(&b);
        const char *who = report_text(t, i, FLD_DEFENDANT);
        const char *head = report_text(t, i, FLD_HEAD);
        int absent = head && strcmp(head, "否") == 0;
        fy_buf_printf(&b, "%zu．%s：%s（%s审理，", ++k,
                      who ? who : "被告未填写", report_text(t, i, FLD_CASE_NO),
                      report_text(t, i, FLD_COURT));
        report_words_date(day, &b);
        fy_buf_printf(&b, "结案），%s。",
                      absent ? "负责人未出庭" : "未填写负责人是否出庭");
        n->nabsent_unfilled += !absent;
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->nabsent = k;
    /* 均出庭 only of hearings that were held; none held: the rate line's
     * "开庭审理…0件" has said it */
    if (!k && den[0])
        report_doc_para(n->doc, "本季度开庭审理的案件，行政机关负责人均出庭应诉。");
    if (!n->one_window && den[1])
        rc = below_target(n);
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 五、司法建议、检察建议反馈                                           */
/* ------------------------------------------------------------------ */

/* "发出…N件，同比…；反馈期限届满的N件，按期反馈M件，按期反馈率x%";
 * the on-time part only when some were due. */
static void rec_line(const char *label, const struct stats_result *r,
                     struct fy_buf *b)
{
    int64_t issued = num(r, NULL, MET_REC_ISSUED);

    fy_buf_printf(b, "%s发出司法建议、检察建议", label);
    report_words_count(issued, b);
    fy_buf_puts(b, "，");
    report_words_count_change(issued, num_prev(r, NULL, MET_REC_ISSUED), b);
    fy_buf_puts(b, "；反馈期限届满的");
    report_words_count(num(r, NULL, MET_REC_DUE), b);
    if (!stats_fig(r, NULL, MET_REC_FEEDBACK_RATE)->den)
        return;
    fy_buf_puts(b, "，按期反馈");
    report_words_count(num(r, NULL, MET_REC_ON_TIME), b);
    fy_buf_puts(b, "，按期反馈率");
    report_words_rate(stats_fig(r, NULL, MET_REC_FEEDBACK_RATE), b);
}

/* 1 when row @p r of the overdue list is @p name's. */
static int is_recipient(const struct report_table *t, size_t r,
                        const char *name)
{
    const char *who = report_text(t, r, FLD_RECIPIENT);

    return who && name ? strcmp(who, name) == 0 : who == name;
}

/* The longest overdue days of @p name in the overdue list. */
static double max_overdue(const struct report_table *t, const char *name)
{
    double m = 0;

    for (size_t r = 0; r < report_data_rows(t); r++)
        if (is_recipient(t, r, name) && report_number(t, r, FLD_DAYS_LATE) > m)
            m = report_number(t, r, FLD_DAYS_LATE);
    return m;
}

/* Recipients by overdue count, then by the longest overdue, both largest
 * first. */
static size_t *by_overdue(const struct stats_result *res,
                          const struct report_table *t)
{
    size_t n = res->nrows, *idx = fy_xcalloc(n ? n : 1, sizeof(size_t));
    double *days = fy_xcalloc(n ? n : 1, sizeof(double));

    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        days[i] = max_overdue(t, stats_key_label(res, 0, res->rows[i].key[0]));
    }
    for (size_t i = 1; i < n; i++) {
        size_t k = idx[i], j = i;
        while (j > 0) {
            int64_t a = num(res, &res->rows[idx[j - 1]], MET_REC_OVERDUE);
            int64_t b = num(res, &res->rows[k], MET_REC_OVERDUE);
            if (a > b || (a == b && days[idx[j - 1]] >= days[k]))
                break;
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    free(days);
    return idx;
}

static fy_status recommendations(struct notice *n)
{
    const enum stats_metric_id *mets =
        METS(MET_REC_ISSUED, MET_REC_DUE, MET_REC_ON_TIME,
             MET_REC_FEEDBACK_RATE);
    struct fy_buf b = FY_BUF_INIT;
    struct stats_result *r, *by = NULL;
    fy_status rc;

    report_doc_heading(n->doc, "五、司法建议、检察建议反馈");
    FY_TRY_BUF(ask(n, &n->q, mets, 0, DIM_COUNT, &r), &b);
    rec_line("本季度，", r, &b);
    stats_result_free(r);
    if (!n->one_window) {
        FY_TRY_BUF(ask(n, &n->ytd, mets, 0, DIM_COUNT, &r), &b);
        fy_buf_printf(&b, "。%s累计", n->ym);
        rec_line("", r, &b);
        stats_result_free(r);
    }
    fy_buf_puts(&b, "。");
    rc = ask(n, &n->ytd, METS(MET_REC_OVERDUE), 0, DIM_RECIPIENT, &by);
    if (rc != FY_OK)
        goto done;
    int64_t overdue = num(by, NULL, MET_REC_OVERDUE);
    size_t nrec = 0;
    for (size_t i = 0; i < by->nrows; i++)
        nrec += num(by, &by->rows[i], MET_REC_OVERDUE) > 0;
    fy_buf_puts(&b, "截至");
    report_words_date(n->as_of != FY_NO_DATE ? n->as_of : n->q.end, &b);
    if (overdue) {
        fy_buf_puts(&b, "，逾期未书面反馈的建议共");
        report_words_count(overdue, &b);
        fy_buf_puts(&b, "，涉及");
        report_words_quantity((int64_t)nrec, "个", &b);
        fy_buf_puts(&b, "接收单位（按逾期件数和逾期时间排列）：");
    } else {
        fy_buf_puts(&b, "，无逾期未书面反馈的建议。");
    }
    report_doc_para(n->doc, fy_buf_str(&b));

    /* by recipient: its count (engine), then each of its recommendations;
     * the most overdue first */
    const struct report_table *t = report_book_get(n->book, TBL_OVERDUE);
    size_t *idx = by_overdue(by, t), k = 0;
    for (size_t i = 0; i < by->nrows; i++) {
        const struct stats_row *row = &by->rows[idx[i]];
        const char *name = stats_key_label(by, 0, row->key[0]);
        if (!num(by, row, MET_REC_OVERDUE))
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%zu．%s", ++k, name ? name : "接收单位未填写");
        report_words_count(num(by, row, MET_REC_OVERDUE), &b);
        fy_buf_puts(&b, "：");
        int first = 1;
        for (size_t j = 0; j < report_data_rows(t); j++) {
            if (!is_recipient(t, j, name))
                continue;
            fy_buf_printf(&b, "%s%s（%s，", first ? "" : "；",
                          report_text(t, j, FLD_REC_NO),
                          report_text(t, j, FLD_REC_KIND));
            report_words_date(date_of(t, j, FLD_ISSUED_ON), &b);
            fy_buf_puts(&b, "发出，应于");
            report_words_date(date_of(t, j, FLD_DUE_ON), &b);
            fy_buf_printf(&b, "前反馈，已逾期%.0f天）",
                          report_number(t, j, FLD_DAYS_LATE));
            first = 0;
        }
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->noverdue = k;
    free(idx);
done:
    stats_result_free(by);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The notification                                                    */
/* ------------------------------------------------------------------ */

/* What the agencies named above must do: one numbered request per list
 * the notice has (none for a list it does not have), addressed to the
 * agencies only. */
static void requirements(struct notice *n)
{
    static const char *const cn[] = {"一", "二", "三"};
    struct fy_buf b = FY_BUF_INIT;
    size_t item = 0;

    report_doc_heading(n->doc, "六、下步工作要求");
    if (n->nlosses) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "（%s）本通报列明败诉案件的被诉机关，要逐案分析败诉"
                          "原因，对违反法定程序、主要证据不足等问题举一反三，健全"
                          "执法程序和证据规则，于收到本通报之日起三十日内将整改"
                          "情况书面报送市司法局。", cn[item++]);
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    if (n->nabsent) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "（%s）行政机关负责人出庭应诉率目标为100%%。本通报列明"
                          "负责人未出庭应诉案件的被诉机关，要书面说明未出庭理由",
                      cn[item++]);
        if (n->nabsent_unfilled)
            fy_buf_puts(&b, "；列为未填写负责人是否出庭的，要一并书面说明负责人"
                            "出庭情况");
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    if (n->noverdue) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "（%s）逾期未反馈司法建议、检察建议的接收单位，要于收到"
                          "本通报之日起十五日内书面反馈，并抄送市司法局。",
                      cn[item++]);
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    if (!item)
        report_doc_para(n->doc, "本通报未列明需跟进的败诉案件、负责人未出庭应诉"
                                "案件和逾期未反馈的建议。各行政机关要继续严格规范"
                                "公正文明执法，认真做好行政应诉工作。");
    fy_buf_release(&b);
}

/* 附表: the tables that hold something; nothing at all when none does. */
static void tables(struct notice *n)
{
    const struct report_table *t[sizeof(appendix) / sizeof(appendix[0])];
    size_t nt = 0;
    int loss = 0, appearance = 0;

    for (size_t i = 0; i < sizeof(appendix) / sizeof(appendix[0]); i++) {
        const struct report_table *x = report_book_get(n->book,
                                                       appendix[i].id);
        if (!printed(x, appendix[i].rate))
            continue;
        t[nt++] = x;
        loss |= appendix[i].rate == MET_LOSS_RATE;
        appearance |= appendix[i].rate == MET_APPEARANCE_RATE;
    }
    if (!nt)
        return;
    report_doc_pagebreak(n->doc);
    report_doc_heading(n->doc, "附表　收结案情况及排名");
    struct fy_buf b = FY_BUF_INIT;
    fy_buf_puts(&b, "附表的编号与统计工作簿一致。");
    if (loss || appearance)
        fy_buf_printf(&b, "各法院和被诉机关按%s%s%s排名（年初至本季度末）；比率"
                          "相同的并列同一名次，分母为0的不参加排名，列在表末。",
                      loss ? "行政机关败诉率" : "",
                      loss && appearance ? "、" : "",
                      appearance ? "负责人出庭应诉率" : "");
    report_doc_para(n->doc, fy_buf_str(&b));
    for (size_t i = 0; i < nt; i++)
        report_doc_table(n->doc, t[i]);
    if (n->book->nnotes) {
        report_doc_subheading(n->doc, "表注");
        for (size_t i = 0; i < n->book->nnotes; i++) {
            fy_buf_reset(&b);
            fy_buf_printf(&b, "[注%zu] %s", i + 1, n->book->notes[i]);
            report_doc_para(n->doc, fy_buf_str(&b));
        }
    }
    fy_buf_release(&b);
}

/* The day of @p t on the local calendar (the 成文日期 of a notice). */
static int32_t day_of(time_t t)
{
    struct tm tm;

    if (!localtime_r(&t, &tm))
        return fy_days_from_ymd(1970, 1, 1);
    return fy_days_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The 发文字号 of the profile with {year} and {quarter} (1-4) filled in;
 * without one, the blank a clerk fills by hand: "〔2024〕　号". */
static char *notice_number(const struct report_settings *s, int year,
                           int quarter)
{
    struct fy_buf b = FY_BUF_INIT;
    const char *t = s->notice_number;

    if (!t || !*t) {
        fy_buf_printf(&b, "〔%d〕　　号", year);
        return fy_buf_detach(&b);
    }
    while (*t) {
        if (strncmp(t, "{year}", 6) == 0) {
            fy_buf_printf(&b, "%d", year);
            t += 6;
        } else if (strncmp(t, "{quarter}", 9) == 0) {
            fy_buf_printf(&b, "%d", quarter);
            t += 9;
        } else {
            fy_buf_append(&b, t++, 1);
        }
    }
    return fy_buf_detach(&b);
}

fy_status report_quarterly_doc(const struct fy_dataset *ds,
                               const struct stats_period *period,
                               int32_t as_of, const struct report_book *book,
                               struct report_doc *doc, struct fy_error *err)
{
    struct notice n;
    const char *city = norm_registry_city(ds->registry);
    struct fy_buf date = FY_BUF_INIT;
    fy_status rc;
    int y, m, d;

    memset(&n, 0, sizeof(n));
    n.ds = ds;
    n.q = *period;
    n.ytd = stats_period_ytd(period);
    n.one_window = n.ytd.start == n.q.start;
    n.as_of = as_of;
    n.book = book;
    n.doc = doc;
    n.err = err;
    n.qt = stats_period_title(&n.q);
    n.yt = stats_period_title(&n.ytd);
    fy_ymd_from_days(n.ytd.end, &y, &m, &d);
    n.ym = fy_xasprintf("1—%d月", m);

    /* a 公文 (white-paper.md, "The quarterly 通报"): 标题 "…关于2024年第
     * 二季度行政案件情况的通报", 文号, 主送, and a 落款 dated the day it
     * is made (SOURCE_DATE_EPOCH when set) */
    static const char *const qnames[] = {"一", "二", "三", "四"};
    int qn = (m - 1) / 3;
    (void)city;
    doc->form = DOC_NOTICE;
    doc->title = fy_xasprintf("%s关于%d年第%s季度行政案件情况的通报",
                              book->issuers, y, qnames[qn]);
    doc->subtitle = fy_xasprintf("（%s）", n.qt);
    doc->issuers = fy_xstrdup(book->issuers);
    doc->number = notice_number(book->settings, y, qn + 1);
    doc->to = fy_xasprintf("%s：", book->settings->notice_to
                                       ? book->settings->notice_to
                                       : REPORT_NOTICE_TO_DEFAULT);
    report_words_date(day_of(book->created), &date);
    doc->date = fy_buf_detach(&date);
    doc->created = book->created;
    rc = basics(&n);
    if (rc == FY_OK)
        rc = agencies(&n);
    if (rc == FY_OK)
        rc = losses(&n);
    if (rc == FY_OK)
        rc = appearances(&n);
    if (rc == FY_OK)
        rc = recommendations(&n);
    if (rc == FY_OK) {
        requirements(&n);
        tables(&n);
    }
    free(n.qt);
    free(n.yt);
    free(n.ym);
    return rc;
}
