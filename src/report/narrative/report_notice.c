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
 * Figures come from the engine (stats_run) and the lists from the
 * quarterly book's tables; nothing here computes a statistic.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

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
};

/* The engine's answer over @p p, against last year. */
static fy_status ask_n(struct notice *n, const struct stats_period *p,
                       const char *metrics, const char *dims,
                       struct stats_result **res)
{
    return report_ask(n->ds, p, n->as_of, metrics, dims, res, n->err);
}


/* "表2" of a table's title (owned); "统计工作簿" when there is none. */
static char *table_number(const struct report_table *t)
{
    const char *sp = t ? strchr(t->title, ' ') : NULL;

    return sp ? fy_xstrndup(t->title, (size_t)(sp - t->title))
              : fy_xstrdup("相关表");
}

static const char *text_at(const struct report_table *t, size_t r, size_t c)
{
    return t->cells[r * t->ncols + c].text;
}

static int32_t day_at(const struct report_table *t, size_t r, size_t c)
{
    const struct report_value *v = &t->cells[r * t->ncols + c];

    return v->defined ? (int32_t)v->v : FY_NO_DATE;
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


/* "，其中判决驳回诉讼请求1件、撤诉1件" from a result by (X, disposition)
 * for the rows whose first key is @p key, largest first. */
static void dispositions_of(const struct stats_result *r, uint32_t key,
                            struct fy_buf *b)
{
    size_t *idx = report_rows_by_count(r, 0);
    int first = 1;

    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        if (row->key[0] != key || !row->cells[0].num)
            continue;
        const char *d = stats_key_label(r, 1, row->key[1]);
        if (d && strcmp(d, "其他") == 0)
            continue; /* 其他 last */
        fy_buf_printf(b, "%s%s", first ? "，其中" : "、",
                      report_words_disposition(d));
        report_words_count(row->cells[0].num, b);
        first = 0;
    }
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *d = stats_key_label(r, 1, row->key[1]);
        if (row->key[0] != key || !row->cells[0].num || !d
            || strcmp(d, "其他") != 0)
            continue;
        fy_buf_printf(b, "%s%s", first ? "，其中" : "、",
                      report_words_disposition(d));
        report_words_count(row->cells[0].num, b);
        first = 0;
    }
    free(idx);
}

/* ------------------------------------------------------------------ */
/* 一、基本情况                                                         */
/* ------------------------------------------------------------------ */

/* "新收360件，同比上升5.9%；审结289件，同比上升5.9%" */
static void filed_closed(const struct stats_row *t, struct fy_buf *b)
{
    fy_buf_puts(b, "新收行政案件");
    report_words_count(t->cells[0].num, b);
    fy_buf_puts(b, "，");
    report_words_count_change(t->cells[0].num, t->prev[0].num, b);
    fy_buf_puts(b, "；审结");
    report_words_count(t->cells[1].num, b);
    fy_buf_puts(b, "，");
    report_words_count_change(t->cells[1].num, t->prev[1].num, b);
}

static fy_status basics(struct notice *n)
{
    static const char metrics[] = "filed,closed,pending_end";
    struct stats_result *rq = NULL, *ry = NULL, *disp = NULL;
    struct fy_buf b = FY_BUF_INIT;
    fy_status rc;

    report_doc_heading(n->doc, "一、基本情况");
    rc = ask_n(n, &n->q, metrics, "court", &rq);
    if (rc == FY_OK)
        rc = ask_n(n, &n->ytd, metrics, "court", &ry);
    if (rc == FY_OK)
        rc = ask_n(n, &n->ytd, "closed", "court,disposition", &disp);
    if (rc != FY_OK)
        goto done;
    fy_buf_printf(&b, "%s，全市法院", n->qt);
    filed_closed(&rq->total, &b);
    fy_buf_puts(&b, "；季末未结");
    report_words_count(rq->total.cells[2].num, &b);
    fy_buf_puts(&b, "。");
    if (!n->one_window) {
        fy_buf_printf(&b, "%s，全市法院累计", n->yt);
        filed_closed(&ry->total, &b);
        fy_buf_puts(&b, "。");
    }
    const struct report_table *ct = report_book_table(n->book, "CasesByCourt");
    if (ct) {
        char *num = table_number(ct);
        fy_buf_printf(&b, "各法院收结案及同比情况见附表（%s）。", num);
        free(num);
    }
    report_doc_para(n->doc, fy_buf_str(&b));

    /* one line per court, the year to date with the quarter beside it */
    for (size_t i = 0; i < ry->nrows; i++) {
        const struct stats_row *y = &ry->rows[i];
        const struct stats_row *q = row_of(rq, y->key[0]);
        const char *court = stats_key_label(ry, 0, y->key[0]);
        if (!y->cells[0].num && !y->cells[1].num && !y->cells[2].num)
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s：%s受理", court ? court : "法院未填写",
                      n->one_window ? "本季度" : n->ym);
        report_words_count(y->cells[0].num, &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? q->cells[0].num : 0, &b);
            fy_buf_puts(&b, "）");
        }
        fy_buf_puts(&b, "，审结");
        report_words_count(y->cells[1].num, &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? q->cells[1].num : 0, &b);
            fy_buf_puts(&b, "）");
        }
        dispositions_of(disp, y->key[0], &b);
        fy_buf_puts(&b, "；季末未结");
        report_words_count(y->cells[2].num, &b);
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

static fy_status agencies(struct notice *n)
{
    struct stats_result *fy = NULL, *fq = NULL, *disp = NULL;
    struct fy_buf b = FY_BUF_INIT;
    fy_status rc;

    report_doc_heading(n->doc, "二、被诉机关情况");
    rc = ask_n(n, &n->ytd, "filed,closed", "defendant", &fy);
    if (rc == FY_OK)
        rc = ask_n(n, &n->q, "filed", "defendant", &fq);
    if (rc == FY_OK)
        rc = ask_n(n, &n->ytd, "closed", "defendant,disposition", &disp);
    if (rc != FY_OK)
        goto done;
    size_t *idx = report_rows_by_count(fy, 0), named = 0, nagencies = 0;
    int64_t last = -1;
    for (size_t i = 0; i < fy->nrows; i++)
        nagencies += fy->rows[i].cells[0].num > 0
                     && stats_key_label(fy, 0, fy->rows[i].key[0]);
    fy_buf_printf(&b, "%s，全市共有", n->one_window ? n->qt : n->yt);
    report_words_quantity((int64_t)nagencies, "个", &b);
    fy_buf_puts(&b, "行政机关（含派出机构）作为被告（或申请执行人）涉诉。"
                    "被诉案件较多的机关情况如下（按被诉件数排列）：");
    report_doc_para(n->doc, fy_buf_str(&b));
    for (size_t i = 0; i < fy->nrows; i++) {
        const struct stats_row *row = &fy->rows[idx[i]];
        const char *name = stats_key_label(fy, 0, row->key[0]);
        if (!name || !row->cells[0].num)
            continue;
        if (named >= TOP_AGENCIES && row->cells[0].num != last)
            break;
        const struct stats_row *q = row_of(fq, row->key[0]);
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s被诉", name);
        report_words_count(row->cells[0].num, &b);
        if (!n->one_window) {
            fy_buf_puts(&b, "（本季度");
            report_words_count(q ? q->cells[0].num : 0, &b);
            fy_buf_puts(&b, "）");
        }
        fy_buf_puts(&b, "，审结");
        report_words_count(row->cells[1].num, &b);
        dispositions_of(disp, row->key[0], &b);
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
        last = row->cells[0].num;
        named++;
    }
    free(idx);
    if (!named) {
        report_doc_para(n->doc, "本期无被诉行政机关。");
    } else if (named < nagencies) {
        char *num = table_number(report_book_table(n->book, "Defendants"));
        fy_buf_reset(&b);
        fy_buf_puts(&b, "其余");
        report_words_quantity((int64_t)(nagencies - named), "个", &b);
        fy_buf_printf(&b, "机关被诉件数较少，各机关的被诉、审结和败诉情况见统计"
                          "工作簿%s。", num);
        free(num);
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

/* "本季度…，行政机关败诉M件，败诉率x%，同比…" of one window. */
static void rate_line(const char *label, const char *what, const char *part,
                      const char *rate, const struct stats_row *t,
                      struct fy_buf *b)
{
    fy_buf_printf(b, "%s%s", label, what);
    report_words_count(t->cells[0].num, b);
    fy_buf_printf(b, "，%s", part);
    report_words_count(t->cells[1].num, b);
    fy_buf_printf(b, "，%s", rate);
    report_words_rate(&t->cells[2], b);
    fy_buf_puts(b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], b);
}

/* The rates of both windows as one paragraph. */
static fy_status two_rates(struct notice *n, const char *metrics,
                           const char *what, const char *what_ytd,
                           const char *part, const char *rate,
                           struct fy_buf *b)
{
    struct stats_result *r;

    FY_TRY(ask_n(n, &n->q, metrics, NULL, &r));
    rate_line("本季度，", what, part, rate, &r->total, b);
    stats_result_free(r);
    if (!n->one_window) {
        FY_TRY(ask_n(n, &n->ytd, metrics, NULL, &r));
        char *label = fy_xasprintf("%s累计", n->ym);
        fy_buf_puts(b, "；");
        rate_line(label, what_ytd, part, rate, &r->total, b);
        free(label);
        stats_result_free(r);
    }
    fy_buf_puts(b, "。");
    return FY_OK;
}

static fy_status losses(struct notice *n)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    char buf[64];

    report_doc_heading(n->doc, "三、败诉案件及原因");
    fy_status rc = two_rates(n, "fi_closed,agency_losses,loss_rate",
                             "全市法院审结一审行政案件", "审结一审行政案件",
                             "行政机关败诉",
                             "败诉率", &b);
    if (rc != FY_OK)
        goto done;
    rc = ask_n(n, &n->ytd, "agency_losses,loss_causes", NULL, &r);
    if (rc != FY_OK)
        goto done;
    if (r->total.cells[0].num) {
        /* the causes by count, largest first (其他, 未填写 left out) */
        size_t order[STATS_MAX_METRICS], nc = 0, shown = 0;
        for (size_t i = 1; i < r->req.nmetrics; i++) {
            size_t j = nc++;
            while (j > 0 && r->total.cells[order[j - 1]].num
                                < r->total.cells[i].num) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        fy_buf_printf(&b, "从败诉原因看，%s主要为", n->one_window ? "" : n->ym);
        for (size_t i = 0; i < nc && shown < 4; i++) {
            const struct stats_cell *cell = &r->total.cells[order[i]];
            const char *nm = stats_metric_name(&r->req.metrics[order[i]], buf,
                                               sizeof(buf));
            const char *cause = strstr(nm, "—");
            cause = cause ? cause + strlen("—") : nm;
            if (!cell->num || strcmp(cause, "其他") == 0
                || strcmp(cause, "未填写") == 0)
                continue;
            fy_buf_printf(&b, "%s%s（", shown ? "、" : "", cause);
            report_words_count(cell->num, &b);
            fy_buf_puts(&b, "）");
            shown++;
        }
        fy_buf_puts(&b, "。");
    }
    stats_result_free(r);
    report_doc_para(n->doc, fy_buf_str(&b));

    /* every loss case of the quarter */
    const struct report_table *t = report_book_table(n->book, "LossCases");
    size_t k = 0;
    for (size_t i = 0; t && i < t->nrows; i++) {
        int32_t day = day_at(t, i, 5);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度行政机关败诉案件如下：");
        fy_buf_reset(&b);
        const char *cause = text_at(t, i, 4);
        fy_buf_printf(&b, "%zu．%s，%s（%s审理），", ++k,
                      text_at(t, i, 2) ? text_at(t, i, 2) : "被告未填写",
                      text_at(t, i, 0), text_at(t, i, 1));
        report_words_date(day, &b);
        fy_buf_printf(&b, "%s；败诉原因：%s。",
                      report_words_disposition(text_at(t, i, 3)),
                      cause ? cause : "未填写（应补录）");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    if (!k)
        report_doc_para(n->doc, "本季度无行政机关败诉案件。");

    /* the agencies that lost most in the year to date */
    if (!n->one_window) {
        rc = ask_n(n, &n->ytd, "agency_losses", "defendant", &r);
        if (rc != FY_OK)
            goto done;
        size_t *idx = report_rows_by_count(r, 0), shown = 0;
        fy_buf_reset(&b);
        for (size_t i = 0; i < r->nrows; i++) {
            const struct stats_row *row = &r->rows[idx[i]];
            const char *name = stats_key_label(r, 0, row->key[0]);
            if (!name || row->cells[0].num < 2)
                continue;
            fy_buf_printf(&b, "%s%s", shown ? "、" : "", name);
            report_words_count(row->cells[0].num, &b);
            shown++;
        }
        free(idx);
        stats_result_free(r);
        struct fy_buf p = FY_BUF_INIT;
        char *num = table_number(t);
        if (shown)
            fy_buf_printf(&p, "%s败诉2件以上的机关有：%s。", n->ym,
                          fy_buf_str(&b));
        fy_buf_printf(&p, "%s全部败诉案件见统计工作簿%s。", n->ym, num);
        free(num);
        report_doc_para(n->doc, fy_buf_str(&p));
        fy_buf_release(&p);
    }
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 四、负责人出庭应诉                                                   */
/* ------------------------------------------------------------------ */

static fy_status appearances(struct notice *n)
{
    struct fy_buf b = FY_BUF_INIT;
    struct stats_result *r;

    report_doc_heading(n->doc, "四、行政机关负责人出庭应诉");
    fy_status rc = two_rates(n, "hearings_held,head_appearances,"
                                "appearance_rate",
                             "开庭审理一审行政案件", "开庭审理一审行政案件",
                             "行政机关负责人出庭应诉",
                             "出庭应诉率", &b);
    if (rc != FY_OK)
        goto done;
    report_doc_para(n->doc, fy_buf_str(&b));

    const struct report_table *t = report_book_table(n->book, "HeadAbsent");
    size_t k = 0;
    for (size_t i = 0; t && i < t->nrows; i++) {
        int32_t day = day_at(t, i, 4);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度开庭审理但行政机关负责人未出庭应诉"
                                    "的案件如下（出庭应诉率目标为100%）：");
        fy_buf_reset(&b);
        const char *heard = text_at(t, i, 3);
        fy_buf_printf(&b, "%zu．%s：%s（%s审理，", ++k,
                      text_at(t, i, 2) ? text_at(t, i, 2) : "被告未填写",
                      text_at(t, i, 0), text_at(t, i, 1));
        report_words_date(day, &b);
        fy_buf_printf(&b, "结案），%s。",
                      heard && strcmp(heard, "否") == 0
                          ? "负责人未出庭"
                          : "未填写负责人是否出庭（应补录）");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    if (!k)
        report_doc_para(n->doc, "本季度开庭审理的案件，行政机关负责人均出庭应诉。");

    if (!n->one_window) {
        rc = ask_n(n, &n->ytd, "hearings_held,head_appearances,appearance_rate",
                 "defendant", &r);
        if (rc != FY_OK)
            goto done;
        fy_buf_reset(&b);
        size_t shown = 0;
        for (size_t i = 0; i < r->nrows; i++) {
            const struct stats_row *row = &r->rows[i];
            const char *name = stats_key_label(r, 0, row->key[0]);
            if (!row->cells[2].den || row->cells[2].num == row->cells[2].den)
                continue;
            fy_buf_printf(&b, "%s%s（开庭", shown ? "；" : "",
                          name ? name : "被告未填写");
            report_words_count(row->cells[0].num, &b);
            fy_buf_puts(&b, "，负责人出庭");
            report_words_count(row->cells[1].num, &b);
            fy_buf_puts(&b, "）");
            shown++;
        }
        stats_result_free(r);
        struct fy_buf p = FY_BUF_INIT;
        if (shown)
            fy_buf_printf(&p, "%s，负责人出庭应诉率未达到100%%的机关有：%s。",
                          n->ym, fy_buf_str(&b));
        else
            fy_buf_printf(&p, "%s，各被诉机关负责人出庭应诉率均为100%%。",
                          n->ym);
        report_doc_para(n->doc, fy_buf_str(&p));
        fy_buf_release(&p);
    }
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 五、司法建议、检察建议反馈                                           */
/* ------------------------------------------------------------------ */

static void rec_line(const char *label, const struct stats_row *t,
                     struct fy_buf *b)
{
    fy_buf_printf(b, "%s发出司法建议、检察建议", label);
    report_words_count(t->cells[0].num, b);
    fy_buf_puts(b, "，");
    report_words_count_change(t->cells[0].num, t->prev[0].num, b);
    fy_buf_puts(b, "；反馈期限届满的");
    report_words_count(t->cells[1].num, b);
    fy_buf_puts(b, "，按期反馈");
    report_words_count(t->cells[2].num, b);
    fy_buf_puts(b, "，按期反馈率");
    report_words_rate(&t->cells[3], b);
}

/* 1 when row @p r of the overdue list is @p name's. */
static int is_recipient(const struct report_table *t, size_t r,
                        const char *name)
{
    const char *who = text_at(t, r, 2);

    return who && name ? strcmp(who, name) == 0 : who == name;
}

/* The longest overdue days of @p name in the overdue list. */
static double max_overdue(const struct report_table *t, const char *name)
{
    double m = 0;

    for (size_t r = 0; t && r < t->nrows; r++)
        if (is_recipient(t, r, name) && t->cells[r * t->ncols + 5].v > m)
            m = t->cells[r * t->ncols + 5].v;
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
            const struct stats_cell *a = &res->rows[idx[j - 1]].cells[0];
            const struct stats_cell *b = &res->rows[k].cells[0];
            if (a->num > b->num
                || (a->num == b->num && days[idx[j - 1]] >= days[k]))
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
    static const char metrics[] = "rec_issued,rec_due,rec_on_time,"
                                  "rec_feedback_rate,rec_overdue";
    struct fy_buf b = FY_BUF_INIT;
    struct stats_result *r, *by = NULL;
    fy_status rc;

    report_doc_heading(n->doc, "五、司法建议、检察建议反馈");
    FY_TRY_BUF(ask_n(n, &n->q, metrics, NULL, &r), &b);
    rec_line("本季度，", &r->total, &b);
    stats_result_free(r);
    if (!n->one_window) {
        FY_TRY_BUF(ask_n(n, &n->ytd, metrics, NULL, &r), &b);
        fy_buf_printf(&b, "。%s累计", n->ym);
        rec_line("", &r->total, &b);
        stats_result_free(r);
    }
    fy_buf_puts(&b, "。");
    rc = ask_n(n, &n->ytd, "rec_overdue", "recipient", &by);
    if (rc != FY_OK)
        goto done;
    size_t nrec = 0;
    for (size_t i = 0; i < by->nrows; i++)
        nrec += by->rows[i].cells[0].num > 0;
    fy_buf_puts(&b, "截至");
    report_words_date(n->as_of != FY_NO_DATE ? n->as_of : n->q.end, &b);
    fy_buf_puts(&b, "，逾期未书面反馈的建议共");
    report_words_count(by->total.cells[0].num, &b);
    if (by->total.cells[0].num) {
        fy_buf_puts(&b, "，涉及");
        report_words_quantity((int64_t)nrec, "个", &b);
        fy_buf_puts(&b, "接收单位（按逾期件数和逾期时间排列）：");
    } else {
        fy_buf_puts(&b, "。");
    }
    report_doc_para(n->doc, fy_buf_str(&b));

    /* by recipient: its count (engine), then each of its recommendations;
     * the most overdue first */
    const struct report_table *t = report_book_table(n->book, "Overdue");
    size_t *idx = by_overdue(by, t), k = 0;
    for (size_t i = 0; t && i < by->nrows; i++) {
        const struct stats_row *row = &by->rows[idx[i]];
        const char *name = stats_key_label(by, 0, row->key[0]);
        if (!row->cells[0].num)
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%zu．%s", ++k, name ? name : "接收单位未填写");
        report_words_count(row->cells[0].num, &b);
        fy_buf_puts(&b, "：");
        int first = 1;
        for (size_t j = 0; j < t->nrows; j++) {
            if (!is_recipient(t, j, name))
                continue;
            fy_buf_printf(&b, "%s%s（%s，", first ? "" : "；",
                          text_at(t, j, 0), text_at(t, j, 1));
            report_words_date(day_at(t, j, 3), &b);
            fy_buf_puts(&b, "发出，应于");
            report_words_date(day_at(t, j, 4), &b);
            fy_buf_printf(&b, "前反馈，已逾期%.0f天）",
                          t->cells[j * t->ncols + 5].v);
            first = 0;
        }
        fy_buf_puts(&b, "。");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    free(idx);
done:
    stats_result_free(by);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The notification                                                    */
/* ------------------------------------------------------------------ */

static void requirements(struct notice *n)
{
    report_doc_heading(n->doc, "六、下步工作要求");
    report_doc_para(n->doc,
                    "（一）本通报列明败诉案件的被诉机关，要逐案分析败诉原因，"
                    "对违反法定程序、主要证据不足等问题举一反三，健全执法程序"
                    "和证据规则，于收到本通报之日起三十日内将整改情况书面报送"
                    "市司法局。");
    report_doc_para(n->doc,
                    "（二）行政机关负责人出庭应诉率目标为100%。本通报列明负责人"
                    "未出庭应诉案件的被诉机关，要书面说明未出庭理由；案件管理"
                    "系统中未填写负责人是否出庭的，经办法院要及时补录。");
    report_doc_para(n->doc,
                    "（三）逾期未反馈司法建议、检察建议的接收单位，要于收到本"
                    "通报之日起十五日内书面反馈，并抄送市司法局。");
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

    doc->title = fy_xasprintf("%s行政案件情况通报", city);
    doc->subtitle = fy_xasprintf("（%s）", n.qt);
    doc->issuers = fy_xstrdup(book->issuers);
    fy_buf_puts(&date, "数据截至");
    report_words_date(as_of != FY_NO_DATE ? as_of : period->end, &date);
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
        report_doc_pagebreak(doc);
        report_doc_heading(doc, "附表　收结案情况及排名");
        report_doc_para(doc, "附表的编号与统计工作簿一致。各法院和被诉机关按"
                             "行政机关败诉率、负责人出庭应诉率排名（年初至本"
                             "季度末）；比率相同的并列同一名次，分母为0的不参加"
                             "排名，列在表末。");
        report_doc_table(doc, report_book_table(book, "CasesByCourt"));
        report_doc_table(doc, report_book_table(book, "RankCourtsLoss"));
        report_doc_table(doc, report_book_table(book, "RankCourtsAppearance"));
        report_doc_table(doc, report_book_table(book, "RankAgenciesLoss"));
        report_doc_table(doc, report_book_table(book, "RankAgenciesAppearance"));
        if (book->nnotes) {
            struct fy_buf b = FY_BUF_INIT;
            report_doc_subheading(doc, "表注");
            for (size_t i = 0; i < book->nnotes; i++) {
                fy_buf_reset(&b);
                fy_buf_printf(&b, "[注%zu] %s", i + 1, book->notes[i]);
                report_doc_para(doc, fy_buf_str(&b));
            }
            fy_buf_release(&b);
        }
    }
    free(n.qt);
    free(n.yt);
    free(n.ym);
    return rc;
}
