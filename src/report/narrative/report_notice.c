/* SPDX-License-Identifier: MIT */
/*
 * report_notice.c - the quarterly notification (季度通报) as an official
 * notice (公文) to 各旗区人民政府、市直各部门 (white-paper.md, "The quarterly
 * 通报"): 标题, 文号 and 主送, then
 *
 *   一、基本情况          the quarter and the year to date, each against
 *                        the same window last year;
 *   二、各旗区情况        the 旗区 table of the year to date and the 旗区
 *                        that fare worse than the city;
 *   三、被诉机关情况      first instance only: the agencies sued most;
 *                        二审 and 非诉执行 stated apart, never as 被诉;
 *   四、败诉案件及原因    rates, causes, the worst 败诉率 among agencies
 *                        with enough cases, every loss case of the quarter;
 *   五、负责人出庭应诉    rates, the 旗区 below 100%, every heard case of
 *                        the quarter without the agency head, by 旗区;
 *   六、司法建议、检察建议反馈  rates and every overdue one, by 旗区;
 *   七、工作建议          to the agencies (工作要求 when a government body
 *                        is among the issuers; nothing asked of courts);
 *
 * then 附件说明, the 落款, and the 附件 (the tables), each from a new page.
 * Rankings rank agencies and 旗区, never courts, and only with at least
 * min_cases cases (report_quarterly.c).
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
 * is announced without its items, a 工作建议 appears only when the list it
 * refers to is in the notice, and only tables that hold something are
 * attached.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many agencies 三、被诉机关情况 names (a tie at the end whole or not
 * at all). */
#define TOP_AGENCIES 10

/* The attachments, in order, with the rate a ranking ranks by (or -1). */
static const struct {
    enum report_table_id id;
    int rate;
} attached[] = {
    {TBL_CASES_BY_COURT, -1},
    {TBL_RANK_DISTRICTS_LOSS, MET_LOSS_RATE},
    {TBL_RANK_DISTRICTS_APPEARANCE, MET_APPEARANCE_RATE},
    {TBL_RANK_AGENCIES_LOSS, MET_LOSS_RATE},
    {TBL_RANK_AGENCIES_APPEARANCE, MET_APPEARANCE_RATE},
};
#define NATTACHED (sizeof(attached) / sizeof(attached[0]))

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
    int64_t min_cases;           /* rankings: least n to be ranked */
    int government;              /* a government body among the issuers */
    int attachment[NATTACHED];   /* its 附件 number; 0: not attached */
    /* what the notice lists, for 七、工作建议 */
    size_t nlosses;              /* loss cases of the quarter */
    size_t nabsent;              /* heard cases without the head */
    size_t noverdue;             /* overdue recommendations */
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

/* Whether @p t is attached: a table without rows, or a ranking in which
 * nothing is ranked, is left out - and so not referred to. */
static int worth_attaching(const struct report_table *t, int rate)
{
    return rate < 0 ? report_data_rows(t) > 0 : t->nranked > 0;
}

/* The 附件 number of table @p id, or 0 when it is not attached. */
static int attachment_of(const struct notice *n, enum report_table_id id)
{
    for (size_t i = 0; i < NATTACHED; i++)
        if (attached[i].id == id)
            return n->attachment[i];
    return 0;
}

/* "what见附件2。" / "what见附件3、附件5。" for the tables @p a and @p b
 * (TBL_NONE: none) that are attached; nothing when neither is. */
static void put_see(const struct notice *n, const char *what,
                    enum report_table_id a, enum report_table_id b,
                    struct fy_buf *out)
{
    int x = a != TBL_NONE ? attachment_of(n, a) : 0;
    int y = b != TBL_NONE ? attachment_of(n, b) : 0;

    if (!x && !y)
        return;
    fy_buf_printf(out, "%s见", what);
    if (x)
        fy_buf_printf(out, "附件%d", x);
    if (y)
        fy_buf_printf(out, "%s附件%d", x ? "、" : "", y);
    fy_buf_puts(out, "。");
}

/* "表2" of a table's title (owned). */
static char *table_number(const struct report_table *t)
{
    const char *sp = strchr(t->title, ' ');

    return sp ? fy_xstrndup(t->title, (size_t)(sp - t->title))
              : fy_xstrdup("相关表");
}

/* ------------------------------------------------------------------ */
/* 一、基本情况                                                         */
/* ------------------------------------------------------------------ */

/* "（其中一审行政案件N件，同比…）" of the first-instance filings. */
static void first_instance(const struct stats_result *r, struct fy_buf *b)
{
    int64_t fi = num(r, NULL, MET_ADMIN_FI_FILED);

    if (!fi)
        return;
    fy_buf_puts(b, "（其中一审行政案件");
    report_words_count(fi, b);
    fy_buf_puts(b, "，");
    report_words_count_change(fi, num_prev(r, NULL, MET_ADMIN_FI_FILED), b);
    fy_buf_puts(b, "）");
}

/* "新收行政案件360件，同比上升5.9%（其中一审行政案件225件，同比下降
 * 3.4%）；审结289件，同比上升5.9%" */
static void filed_closed(const struct stats_result *r, struct fy_buf *b)
{
    fy_buf_puts(b, "新收行政案件");
    report_words_count(num(r, NULL, MET_FILED), b);
    fy_buf_puts(b, "，");
    report_words_count_change(num(r, NULL, MET_FILED),
                              num_prev(r, NULL, MET_FILED), b);
    first_instance(r, b);
    fy_buf_puts(b, "；审结");
    report_words_count(num(r, NULL, MET_CLOSED), b);
    fy_buf_puts(b, "，");
    report_words_count_change(num(r, NULL, MET_CLOSED),
                              num_prev(r, NULL, MET_CLOSED), b);
}

static fy_status basics(struct notice *n)
{
    const enum stats_metric_id *mets =
        METS(MET_FILED, MET_CLOSED, MET_PENDING_END, MET_ADMIN_FI_FILED);
    struct stats_result *rq = NULL, *ry = NULL;
    struct fy_buf b = FY_BUF_INIT;
    fy_status rc;

    report_doc_heading(n->doc, "一、基本情况");
    rc = ask(n, &n->q, mets, 0, DIM_COUNT, &rq);
    if (rc == FY_OK)
        rc = ask(n, &n->ytd, mets, 0, DIM_COUNT, &ry);
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
    put_see(n, "各法院收结案情况", TBL_CASES_BY_COURT, TBL_NONE, &b);
    report_doc_para(n->doc, fy_buf_str(&b));
done:
    stats_result_free(rq);
    stats_result_free(ry);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 二、各旗区情况                                                       */
/* ------------------------------------------------------------------ */

static fy_status districts(struct notice *n)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    const char *sep = "。其中，";
    const char *when = n->one_window ? n->qt : n->yt;

    report_doc_heading(n->doc, "二、各旗区情况");
    FY_TRY(ask(n, &n->ytd, METS(MET_ADMIN_FI_FILED, MET_LOSS_RATE,
                                MET_APPEARANCE_RATE, MET_MW_RATE,
                                MET_LITIGATION), 0, DIM_DISTRICT, &r));
    const struct stats_cell *mw = stats_fig(r, NULL, MET_MW_RATE);
    const struct stats_cell *lit = stats_fig(r, NULL, MET_LITIGATION);
    fy_buf_printf(&b, "%s，全市", when);
    if (mw->den) {
        fy_buf_puts(&b, "一审行政案件调撤率为");
        report_words_rate(mw, &b);
        fy_buf_puts(&b, "，");
        report_words_rate_change(mw, stats_fig_prev(r, NULL, MET_MW_RATE), &b);
    } else {
        fy_buf_puts(&b, "未审结一审行政案件，不计算调撤率");
    }
    if (lit->den) {
        fy_buf_puts(&b, "；万人成讼率为");
        report_fmt_value(STATS_PER10K, lit, &b);
        const struct stats_cell *lp = stats_fig_prev(r, NULL, MET_LITIGATION);
        if (lp->den) {
            fy_buf_puts(&b, "，上年同期为");
            report_fmt_value(STATS_PER10K, lp, &b);
        }
    }
    report_put_worse_districts(&b, r, MET_LOSS_RATE, 1, n->min_cases,
                               "行政机关败诉率较高的是", &sep);
    report_put_worse_districts(&b, r, MET_APPEARANCE_RATE, 0, n->min_cases,
                               "负责人出庭应诉率较低的是", &sep);
    report_put_worse_districts(&b, r, MET_MW_RATE, 0, n->min_cases,
                               "调撤率较低的是", &sep);
    report_put_worse_districts(&b, r, MET_LITIGATION, 1, 1,
                               "万人成讼率较高的是", &sep);
    fy_buf_puts(&b, "。");
    const struct report_table *t = report_book_get(n->book,
                                                   TBL_DISTRICT_PROFILE);
    char *tn = table_number(t);
    fy_buf_printf(&b, "比较比率时，只比较分母达到%lld件的旗区。各旗区主要指标"
                      "见下表（%s）。", (long long)n->min_cases, tn);
    free(tn);
    report_doc_para(n->doc, fy_buf_str(&b));
    report_doc_table(n->doc, t);
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* 三、被诉机关情况                                                     */
/* ------------------------------------------------------------------ */

struct by_count {
    const struct stats_result *r;
    const size_t *rows;
    enum stats_metric_id id;
};

static int same_count_at(const void *ctx, size_t i)
{
    const struct by_count *x = ctx;

    return num(x->r, &x->r->rows[x->rows[i]], x->id)
           == num(x->r, &x->r->rows[x->rows[i + 1]], x->id);
}

/* "另有二审行政案件X件、非诉行政行为申请执行审查案件Y件" of @p r (filed by
 * case type): what is not 被诉, stated apart. */
static void not_sued(const struct stats_result *r, struct fy_buf *b)
{
    int64_t second = 0, exec = 0;

    for (size_t i = 0; i < r->nrows; i++) {
        enum norm_case_class k = report_case_class(r->rows[i].key[0]);
        int64_t v = num(r, &r->rows[i], MET_FILED);
        second += k == NORM_CLASS_SECOND ? v : 0;
        exec += k == NORM_CLASS_EXEC_REVIEW ? v : 0;
    }
    if (!second && !exec)
        return;
    fy_buf_puts(b, "另有");
    if (second) {
        fy_buf_puts(b, "二审行政案件");
        report_words_count(second, b);
    }
    if (exec) {
        fy_buf_printf(b, "%s行政机关申请人民法院强制执行的非诉审查案件",
                      second ? "、" : "");
        report_words_count(exec, b);
    }
    fy_buf_puts(b, "，不计入被诉案件。");
}

static fy_status agencies(struct notice *n)
{
    struct stats_result *fy = NULL, *types = NULL;
    struct fy_buf b = FY_BUF_INIT;
    const char *when = n->one_window ? n->qt : n->yt;
    fy_status rc;

    report_doc_heading(n->doc, "三、被诉机关情况");
    rc = ask(n, &n->ytd, METS(MET_ADMIN_FI_FILED), 0, DIM_DEFENDANT, &fy);
    if (rc == FY_OK)
        rc = ask(n, &n->ytd, METS(MET_FILED), 0, DIM_CASE_TYPE, &types);
    if (rc != FY_OK)
        goto done;
    int64_t filed = num(fy, NULL, MET_ADMIN_FI_FILED);
    size_t *idx = report_rows_by_count(
        fy, stats_metric_index(fy, MET_ADMIN_FI_FILED));
    size_t nag = 0;
    for (size_t i = 0; i < fy->nrows; i++) {
        const struct stats_row *row = &fy->rows[idx[i]];
        if (stats_key_label(fy, 0, row->key[0])
            && num(fy, row, MET_ADMIN_FI_FILED))
            idx[nag++] = idx[i];
    }
    if (!filed) {
        fy_buf_printf(&b, "%s，全市法院未新收一审行政案件，无行政机关被诉。",
                      when);
    } else if (!nag) {
        fy_buf_printf(&b, "%s，全市法院新收一审行政案件", when);
        report_words_count(filed, &b);
        fy_buf_puts(&b, "，均未载明被诉机关。");
    } else {
        fy_buf_printf(&b, "%s，全市法院新收一审行政案件", when);
        report_words_count(filed, &b);
        fy_buf_puts(&b, "，涉及被诉行政机关（含派出机构）");
        report_words_quantity((int64_t)nag, "个", &b);
        fy_buf_puts(&b, "。");
        struct by_count bc = {fy, idx, MET_ADMIN_FI_FILED};
        size_t named = report_cut_ties(nag, TOP_AGENCIES, same_count_at, &bc);
        /* only agencies sued more than once stand out */
        while (named > 0 && num(fy, &fy->rows[idx[named - 1]],
                                MET_ADMIN_FI_FILED) < 2)
            named--;
        for (size_t i = 0; i < named; i++) {
            const struct stats_row *row = &fy->rows[idx[i]];
            fy_buf_printf(&b, "%s%s（", i ? "、" : "被诉较多的是",
                          stats_key_label(fy, 0, row->key[0]));
            report_words_count(num(fy, row, MET_ADMIN_FI_FILED), &b);
            fy_buf_puts(&b, "）");
        }
        if (named)
            fy_buf_puts(&b, "。");
        fy_buf_puts(&b, "一案有多个被告的，分别计入各被告。");
    }
    free(idx);
    not_sued(types, &b);
    char *tn = table_number(report_book_get(n->book, TBL_DEFENDANTS));
    if (nag)
        fy_buf_printf(&b, "各被诉机关的一审新收、审结和败诉情况见统计工作簿%s。",
                      tn);
    free(tn);
    report_doc_para(n->doc, fy_buf_str(&b));
done:
    stats_result_free(fy);
    stats_result_free(types);
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 四、败诉案件及原因                                                   */
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

/* The value of metric column (@p role, @p id) in row @p row of @p t. */
static const struct report_value *metric_cell(const struct report_table *t,
                                              size_t row,
                                              enum report_col_role role,
                                              enum stats_metric_id id)
{
    return &t->cells[row * t->ncols + report_col_metric(t, role, id, 0)];
}

/*
 * The worst of a ranking @p t (agencies or 旗区 with enough cases): "lead
 * A（审结n件，败诉m件，x%）、B…" - at most three, a tie at the cut named
 * whole or not at all, only rates that say something (a 败诉率 above 0, an
 * 出庭应诉率 below 100%). Nothing when none is.
 */
static void put_worst(const struct report_table *t,
                      enum stats_metric_id id, const char *lead,
                      const char *den_words, const char *num_words,
                      struct fy_buf *b)
{
    size_t k = 0;

    while (k < t->nranked) {
        const struct report_value *v = metric_cell(t, k, COL_VALUE, id);
        if (id == MET_LOSS_RATE ? v->v <= 0 : v->v >= 1)
            break;
        k++;
    }
    if (k > 3) { /* the rank of the 4th equals the 3rd's: a tie at the cut */
        size_t cut = 3;
        while (cut > 0 && report_number(t, cut, FLD_RANK)
                              == report_number(t, cut - 1, FLD_RANK))
            cut--;
        k = cut;
    }
    for (size_t i = 0; i < k; i++) {
        fy_buf_printf(b, "%s%s（%s", i ? "、" : lead,
                      report_text(t, i, FLD_NAME), den_words);
        report_words_count(
            (int64_t)metric_cell(t, i, COL_DENOMINATOR, id)->v, b);
        fy_buf_printf(b, "，%s", num_words);
        report_words_count((int64_t)metric_cell(t, i, COL_NUMERATOR, id)->v, b);
        fy_buf_puts(b, "，");
        struct stats_cell c = {
            (int64_t)metric_cell(t, i, COL_NUMERATOR, id)->v,
            (int64_t)metric_cell(t, i, COL_DENOMINATOR, id)->v};
        report_words_rate(&c, b);
        fy_buf_puts(b, "）");
    }
    if (k)
        fy_buf_puts(b, "；");
}

static fy_status losses(struct notice *n)
{
    static const struct rate_ids ids = {
        MET_FI_CLOSED, MET_AGENCY_LOSSES, MET_LOSS_RATE,
        "全市法院审结一审行政案件", "审结一审行政案件", "行政机关败诉",
        "败诉率"};
    struct fy_buf b = FY_BUF_INIT;
    int64_t den[2];

    report_doc_heading(n->doc, "四、败诉案件及原因");
    fy_status rc = two_rates(n, &ids, &b, den);
    if (rc == FY_OK)
        rc = causes(n, &b);
    if (rc != FY_OK)
        goto done;
    report_doc_para(n->doc, fy_buf_str(&b));

    /* the agencies with enough cases and the worst 败诉率 */
    const struct report_table *rk = report_book_get(n->book,
                                                    TBL_RANK_AGENCIES_LOSS);
    fy_buf_reset(&b);
    char *lead = fy_xasprintf("%s一审审结%lld件以上的被诉机关中，败诉率较高的是",
                              n->one_window ? "本季度" : n->ym,
                              (long long)n->min_cases);
    put_worst(rk, MET_LOSS_RATE, lead, "审结", "败诉", &b);
    free(lead);
    if (b.len) {
        b.len -= strlen("；");
        fy_buf_puts(&b, "。");
        put_see(n, "各旗区和被诉机关败诉率排名", TBL_RANK_DISTRICTS_LOSS,
                TBL_RANK_AGENCIES_LOSS, &b);
        report_doc_para(n->doc, fy_buf_str(&b));
    }

    /* every loss case of the quarter, by 旗区 then date (the list is the
     * year to date's, in that order) */
    const struct report_table *t = report_book_get(n->book, TBL_LOSS_CASES);
    size_t k = 0;
    for (size_t i = 0; i < report_data_rows(t); i++) {
        int32_t day = date_of(t, i, FLD_CLOSED_ON);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度行政机关败诉案件如下（按旗区排列）：");
        fy_buf_reset(&b);
        const char *who = report_text(t, i, FLD_DEFENDANT);
        const char *cause = report_text(t, i, FLD_CAUSES);
        fy_buf_printf(&b, "%zu．%s　%s，%s（%s审理），", ++k,
                      report_text(t, i, FLD_DISTRICT),
                      who ? who : "被告未载明", report_text(t, i, FLD_CASE_NO),
                      report_text(t, i, FLD_COURT));
        report_words_date(day, &b);
        fy_buf_printf(&b, "%s；败诉原因：%s。",
                      report_words_disposition(
                          report_text(t, i, FLD_DISPOSITION)),
                      cause ? cause : "未载明");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->nlosses = k;
    if (!k)
        report_doc_para(n->doc, "本季度无行政机关败诉案件。");
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 五、负责人出庭应诉                                                   */
/* ------------------------------------------------------------------ */

/* "1—6月，出庭应诉率未达到100%的旗区有：A（开庭n件，负责人出庭m件）…"
 * (the year to date, 旗区 in registry order). */
static fy_status below_target(struct notice *n)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, p = FY_BUF_INIT;
    size_t shown = 0;

    FY_TRY(ask(n, &n->ytd,
               METS(MET_HEARINGS_HELD, MET_HEAD_APPEARANCES,
                    MET_APPEARANCE_RATE),
               0, DIM_DISTRICT, &r));
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const struct stats_cell *rate = stats_fig(r, row, MET_APPEARANCE_RATE);
        if (!rate->den || rate->num == rate->den)
            continue;
        fy_buf_printf(&b, "%s%s（开庭", shown ? "；" : "",
                      stats_key_label(r, 0, row->key[0]));
        report_words_count(num(r, row, MET_HEARINGS_HELD), &b);
        fy_buf_puts(&b, "，负责人出庭");
        report_words_count(num(r, row, MET_HEAD_APPEARANCES), &b);
        fy_buf_puts(&b, "，出庭应诉率");
        report_words_rate(rate, &b);
        fy_buf_puts(&b, "）");
        shown++;
    }
    stats_result_free(r);
    if (shown)
        fy_buf_printf(&p, "分旗区看，%s负责人出庭应诉率未达到100%%的有：%s。",
                      n->ym, fy_buf_str(&b));
    else
        fy_buf_printf(&p, "%s，各旗区开庭审理的一审行政案件，行政机关负责人均"
                          "出庭应诉。", n->ym);
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

    report_doc_heading(n->doc, "五、行政机关负责人出庭应诉");
    fy_status rc = two_rates(n, &ids, &b, den);
    if (rc != FY_OK)
        goto done;
    report_doc_para(n->doc, fy_buf_str(&b));
    if (den[1])
        rc = below_target(n);
    if (rc != FY_OK)
        goto done;

    /* every heard case of the quarter without the head, by 旗区 then date */
    const struct report_table *t = report_book_get(n->book, TBL_HEAD_ABSENT);
    size_t k = 0;
    for (size_t i = 0; i < report_data_rows(t); i++) {
        int32_t day = date_of(t, i, FLD_CLOSED_ON);
        if (day == FY_NO_DATE || day < n->q.start || day > n->q.end)
            continue;
        if (!k)
            report_doc_para(n->doc, "本季度开庭审理但行政机关负责人未出庭应诉"
                                    "的案件如下（按旗区排列）：");
        fy_buf_reset(&b);
        const char *who = report_text(t, i, FLD_DEFENDANT);
        const char *head = report_text(t, i, FLD_HEAD);
        int absent = head && strcmp(head, "否") == 0;
        fy_buf_printf(&b, "%zu．%s　%s，%s（%s审理，", ++k,
                      report_text(t, i, FLD_DISTRICT),
                      who ? who : "被告未载明", report_text(t, i, FLD_CASE_NO),
                      report_text(t, i, FLD_COURT));
        report_words_date(day, &b);
        fy_buf_printf(&b, "结案），%s。",
                      absent ? "负责人未出庭" : "负责人出庭情况未载明");
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->nabsent = k;
    /* 均出庭 only of hearings that were held; none held: the rate line's
     * "开庭审理…0件" has said it */
    if (!k && den[0])
        report_doc_para(n->doc, "本季度开庭审理的案件，行政机关负责人均出庭应诉。");
    fy_buf_reset(&b);
    const struct report_table *rk = report_book_get(
        n->book, TBL_RANK_AGENCIES_APPEARANCE);
    char *lead = fy_xasprintf("%s开庭审理%lld件以上的被诉机关中，出庭应诉率较低的"
                              "是", n->one_window ? "本季度" : n->ym,
                              (long long)n->min_cases);
    put_worst(rk, MET_APPEARANCE_RATE, lead, "开庭", "负责人出庭", &b);
    free(lead);
    if (b.len) {
        b.len -= strlen("；");
        fy_buf_puts(&b, "。");
        put_see(n, "各旗区和被诉机关出庭应诉率排名",
                TBL_RANK_DISTRICTS_APPEARANCE, TBL_RANK_AGENCIES_APPEARANCE,
                &b);
        report_doc_para(n->doc, fy_buf_str(&b));
    }
done:
    fy_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* 六、司法建议、检察建议反馈                                           */
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

static fy_status recommendations(struct notice *n)
{
    const enum stats_metric_id *mets =
        METS(MET_REC_ISSUED, MET_REC_DUE, MET_REC_ON_TIME,
             MET_REC_FEEDBACK_RATE);
    struct fy_buf b = FY_BUF_INIT;
    struct stats_result *r;

    report_doc_heading(n->doc, "六、司法建议、检察建议反馈");
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
    FY_TRY_BUF(ask(n, &n->ytd, METS(MET_REC_OVERDUE), 0, DIM_COUNT, &r), &b);
    int64_t overdue = num(r, NULL, MET_REC_OVERDUE);
    stats_result_free(r);
    fy_buf_puts(&b, "截至");
    report_words_date(n->as_of != FY_NO_DATE ? n->as_of : n->q.end, &b);
    if (overdue) {
        fy_buf_puts(&b, "，逾期未书面反馈的建议共");
        report_words_count(overdue, &b);
        fy_buf_puts(&b, "，如下（按旗区、再按反馈期限排列）：");
    } else {
        fy_buf_puts(&b, "，无逾期未书面反馈的建议。");
    }
    report_doc_para(n->doc, fy_buf_str(&b));

    /* each overdue one, as the follow-up list orders them */
    const struct report_table *t = report_book_get(n->book, TBL_OVERDUE);
    size_t k = 0;
    for (size_t j = 0; j < report_data_rows(t); j++) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%zu．%s　%s：%s（%s，", ++k,
                      report_text(t, j, FLD_DISTRICT),
                      report_text(t, j, FLD_RECIPIENT),
                      report_text(t, j, FLD_REC_NO),
                      report_text(t, j, FLD_REC_KIND));
        report_words_date(date_of(t, j, FLD_ISSUED_ON), &b);
        fy_buf_puts(&b, "发出，应于");
        report_words_date(date_of(t, j, FLD_DUE_ON), &b);
        fy_buf_printf(&b, "前反馈，已逾期%.0f天）。",
                      report_number(t, j, FLD_DAYS_LATE));
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    n->noverdue = k;
    fy_buf_release(&b);
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* 七、工作建议, 附件说明 and the 附件                                    */
/* ------------------------------------------------------------------ */

/* One request of 七 in two voices: the court's (建议/希望/提请) and a
 * government body's among the issuers (要…). */
static const struct {
    const char *advice, *order;
} requests[] = {
    {"建议本通报列明败诉案件的被诉机关逐案分析败诉原因，对违反法定程序、主要"
     "证据不足等问题举一反三，健全执法程序和证据规则，从源头上减少败诉。",
     "本通报列明败诉案件的被诉机关要逐案分析败诉原因，对违反法定程序、主要证据"
     "不足等问题举一反三，健全执法程序和证据规则，于收到本通报之日起三十日内将"
     "整改情况书面报送市司法局。"},
    {"希望负责人未出庭应诉案件的被诉机关认真落实行政机关负责人出庭应诉制度，做到"
     "“出庭、出声、出效果”，出庭应诉率向100%的目标看齐。",
     "行政机关负责人出庭应诉率目标为100%。本通报列明负责人未出庭应诉案件的被诉"
     "机关要书面说明未出庭理由，切实落实负责人出庭应诉制度。"},
    {"提请逾期未反馈司法建议、检察建议的接收单位尽快书面反馈办理和整改情况。",
     "逾期未反馈司法建议、检察建议的接收单位要于收到本通报之日起十五日内书面"
     "反馈，并抄送市司法局。"},
    {"希望各行政机关继续严格规范公正文明执法，认真做好行政应诉工作。",
     "各行政机关要继续严格规范公正文明执法，认真做好行政应诉工作。"},
};

/* What the agencies named above are asked to do: one numbered request
 * per list the notice has (none for a list it does not have), addressed
 * to the agencies only. */
static void requests_of(struct notice *n)
{
    static const char *const cn[] = {"一", "二", "三", "四"};
    const int have[] = {n->nlosses > 0, n->nabsent > 0, n->noverdue > 0, 1};
    struct fy_buf b = FY_BUF_INIT;
    size_t item = 0;

    report_doc_heading(n->doc, n->government ? "七、工作要求" : "七、工作建议");
    for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
        if (!have[i])
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "（%s）%s", cn[item++],
                      n->government ? requests[i].order : requests[i].advice);
        report_doc_para(n->doc, fy_buf_str(&b));
    }
    fy_buf_release(&b);
}

/* The title of an attached table: its book title without "表N ". */
static const char *attachment_title(const struct report_table *t)
{
    const char *sp = strchr(t->title, ' ');

    return sp ? sp + 1 : t->title;
}

/* Which tables are attached, numbered 附件1, 附件2, … */
static void number_attachments(struct notice *n)
{
    int k = 0;

    for (size_t i = 0; i < NATTACHED; i++) {
        const struct report_table *t = report_book_get(n->book,
                                                       attached[i].id);
        n->attachment[i] = worth_attaching(t, attached[i].rate) ? ++k : 0;
    }
}

/* 附件说明 after the body, then each attachment from a new page (the PDF
 * puts the 落款 before the first); the notes of the tables last. */
static void attachments(struct notice *n)
{
    struct fy_buf b = FY_BUF_INIT;

    for (size_t i = 0; i < NATTACHED; i++)
        if (n->attachment[i])
            fy_buf_printf(&b, "%s%d．%s", b.len ? "\n" : "附件：",
                          n->attachment[i],
                          attachment_title(report_book_get(n->book,
                                                           attached[i].id)));
    if (!b.len) {
        fy_buf_release(&b);
        return;
    }
    report_doc_attach_note(n->doc, fy_buf_str(&b));
    for (size_t i = 0; i < NATTACHED; i++) {
        if (!n->attachment[i])
            continue;
        const struct report_table *t = report_book_get(n->book,
                                                       attached[i].id);
        fy_buf_reset(&b);
        fy_buf_printf(&b, "附件%d", n->attachment[i]);
        report_doc_attachment(n->doc, fy_buf_str(&b), attachment_title(t));
        size_t rows = report_data_rows(t);
        if (attached[i].rate < 0 || t->nranked == rows) {
            report_doc_table(n->doc, t);
            continue;
        }
        /* a ranking: the ranked rows; those with too few cases are only
         * in the workbook (an agency list is long) */
        size_t *idx = fy_xcalloc(t->nranked, sizeof(size_t));
        for (size_t r = 0; r < t->nranked; r++)
            idx[r] = r;
        char *after = fy_xasprintf(
            "另有%zu个%s%s不足%lld件，不参加排名，见统计工作簿“%s”工作表。",
            rows - t->nranked, t->cols[1].header,
            attached[i].rate == MET_LOSS_RATE ? "一审审结" : "开庭审理",
            (long long)n->min_cases, t->sheet);
        report_doc_table_rows(n->doc, t, idx, t->nranked, after);
        free(after);
        free(idx);
    }
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

/* A government body among the issuers: then 七 is 工作要求, else the
 * court's 工作建议 (white-paper.md). */
static int government_issues(const char *issuers)
{
    static const char *const marks[] = {"人民政府", "司法局", "办公室",
                                        "委员会"};

    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
        if (strstr(issuers, marks[i]))
            return 1;
    return 0;
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
    static const char *const qnames[] = {"一", "二", "三", "四"};
    struct notice n;
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
    n.min_cases = book->settings->min_cases;
    n.government = government_issues(book->issuers);
    number_attachments(&n);

    /* a 公文 (white-paper.md, "The quarterly 通报"): 标题 "…关于2024年第
     * 二季度行政案件情况的通报", 文号, 主送, and a 落款 dated the day it
     * is made (SOURCE_DATE_EPOCH when set) */
    int qn = (m - 1) / 3;
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
    if (rc == FY_OK && book->revisions && book->revisions->n) {
        struct fy_buf line = FY_BUF_INIT; /* at the end of 一 */
        report_revisions_line(book->revisions, &line);
        report_doc_para(doc, fy_buf_str(&line));
        fy_buf_release(&line);
    }
    if (rc == FY_OK)
        rc = districts(&n);
    if (rc == FY_OK)
        rc = agencies(&n);
    if (rc == FY_OK)
        rc = losses(&n);
    if (rc == FY_OK)
        rc = appearances(&n);
    if (rc == FY_OK)
        rc = recommendations(&n);
    if (rc == FY_OK) {
        requests_of(&n);
        attachments(&n);
    }
    free(n.qt);
    free(n.yt);
    free(n.ym);
    return rc;
}
