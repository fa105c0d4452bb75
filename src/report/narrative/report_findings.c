/* SPDX-License-Identifier: MIT */
/*
 * report_findings.c - 存在的问题 from the figures (white-paper.md,
 * "Findings"): each finding F1-F10 is a condition on the year's figures
 * with a threshold from the run's settings ([findings] of a profile),
 * compared with unrounded values; a finding that holds is one paragraph
 * with its figures, and names what its suggestion (意见建议) is about.
 * Rates of a group are judged only with n >= min_n.
 */
#include "report/report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct fctx {
    const struct fy_dataset *ds;
    struct stats_period period;
    int32_t as_of;
    const struct report_book *book;
    const struct report_findings *th;     /* thresholds */
    struct report_finding_list *out;
    struct fy_error *err;
};

static fy_status ask(struct fctx *c, const enum stats_metric_id *ids,
                     enum stats_dim dim, struct stats_result **res)
{
    return report_ask_ids(c->ds, &c->period, c->as_of, ids, 0, dim, res,
                          c->err);
}

/* Rate a/b as a double (0 when b is 0: callers test b first). */
static double frac(const struct stats_cell *x)
{
    return x->den ? (double)x->num / (double)x->den : 0.0;
}

/*
 * Exact comparisons with a threshold given in percent (a setting such as
 * 10 or 2.5): num / den × 100 >= pct, on integers, so that a value on the
 * threshold itself holds (0.011 − 0.01 is not quite 0.001 in doubles).
 * The threshold is taken to 1/10000 of a percent.
 */
static int ge_pct(__int128 num, __int128 den, double pct)
{
    __int128 t = (__int128)llround(pct * 10000.0);

    return den > 0 && num * 1000000 >= t * den;
}

/* (a − b) × 100 >= pct for two rates: the difference in 个百分点. */
static int rise_ge(const struct stats_cell *a, const struct stats_cell *b,
                   double pct)
{
    return ge_pct((__int128)a->num * b->den - (__int128)b->num * a->den,
                  (__int128)a->den * b->den, pct);
}

/* a < b for two defined rates, exactly. */
static int below(const struct stats_cell *a, const struct stats_cell *b)
{
    return (__int128)a->num * b->den < (__int128)b->num * a->den;
}

static void add(struct fctx *c, const char *id, struct fy_buf *text,
                struct fy_buf *names)
{
    struct report_finding_list *l = c->out;

    if (l->n == REPORT_MAX_FINDINGS)
        FY_BUG("more than %d findings", REPORT_MAX_FINDINGS);
    l->items[l->n].id = id;
    l->items[l->n].text = fy_buf_detach(text);
    l->items[l->n].names = names && names->len ? fy_buf_detach(names)
                                               : fy_xstrdup("");
    l->n++;
}

static int is_rest(const char *label)
{
    return !label || strcmp(label, "其他") == 0 || strcmp(label, "未填写") == 0;
}

/* "X个百分点" of a difference of fractions (two decimals). */
static void put_points(struct fy_buf *b, double d)
{
    fy_buf_printf(b, "%.2f个百分点", d * 100.0 + 0.0);
}

/* F1: the city 败诉率 rose, or is high. */
static fy_status f1(struct fctx *c)
{
    struct stats_result *r, *d;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_LOSS_RATE), DIM_COUNT, &r));
    const struct stats_cell *cur = stats_fig(r, NULL, MET_LOSS_RATE);
    const struct stats_cell *prev = stats_fig_prev(r, NULL, MET_LOSS_RATE);
    int rose = cur->den && prev->den && rise_ge(cur, prev, c->th->loss_points);
    int high = cur->den >= c->th->min_n
               && ge_pct(cur->num, cur->den, c->th->loss_level);
    if (!cur->den || cur->den < c->th->min_n || !(rose || high)) {
        stats_result_free(r);
        return FY_OK;
    }
    fy_buf_puts(&b, "行政机关败诉率");
    fy_buf_puts(&b, rose ? "有所上升。" : "仍然偏高。");
    fy_buf_puts(&b, "全年一审行政案件败诉率为");
    report_words_rate(cur, &b);
    if (prev->den) {
        fy_buf_puts(&b, "，");
        report_words_rate_change(cur, prev, &b);
    }
    if (high)
        fy_buf_printf(&b, "，处于%g%%以上的较高水平", c->th->loss_level);
    stats_result_free(r);
    FY_TRY_BUF(ask(c, METS(MET_AGENCY_LOSSES), DIM_DOMAIN, &d), &b);
    size_t *idx = report_rows_by_count(d, 0), k = 0;
    for (size_t i = 0; i < d->nrows && k < 3; i++) {
        const struct stats_row *row = &d->rows[idx[i]];
        const char *label = stats_key_label(d, 0, row->key[0]);
        int64_t x = stats_fig(d, row, MET_AGENCY_LOSSES)->num;
        if (is_rest(label) || !x)
            continue;
        fy_buf_printf(&b, "%s%s（", k ? "、" : "。败诉案件较多的领域是",
                      label);
        report_words_count(x, &b);
        fy_buf_puts(&b, "）");
        fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
        k++;
    }
    free(idx);
    stats_result_free(d);
    fy_buf_puts(&b, "。");
    add(c, "F1", &b, &n);
    fy_buf_release(&n);
    return FY_OK;
}

/* F2: domains well above the city 败诉率 (n >= min_n), worst first. */
static fy_status f2(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_LOSS_RATE), DIM_DOMAIN, &r));
    const struct stats_cell *city = stats_fig(r, NULL, MET_LOSS_RATE);
    size_t cnt = 0, *hit = fy_xcalloc(r->nrows ? r->nrows : 1, sizeof(size_t));
    for (size_t i = 0; city->den && i < r->nrows; i++) {
        const struct stats_cell *x = stats_fig(r, &r->rows[i], MET_LOSS_RATE);
        if (is_rest(stats_key_label(r, 0, r->rows[i].key[0]))
            || x->den < c->th->min_n
            || !rise_ge(x, city, c->th->domain_points))
            continue;
        size_t j = cnt++;
        while (j > 0 && frac(stats_fig(r, &r->rows[hit[j - 1]], MET_LOSS_RATE))
                            < frac(x)) {
            hit[j] = hit[j - 1];
            j--;
        }
        hit[j] = i;
    }
    for (size_t k = 0; k < cnt; k++) {
        const struct stats_row *row = &r->rows[hit[k]];
        const struct stats_cell *x = stats_fig(r, row, MET_LOSS_RATE);
        const char *label = stats_key_label(r, 0, row->key[0]);
        fy_buf_printf(&b, "%s%s领域（审结", k ? "；" : "部分领域败诉率明显高于全市平均水平。",
                      label);
        report_words_count(x->den, &b);
        fy_buf_puts(&b, "，败诉率");
        report_words_rate(x, &b);
        fy_buf_puts(&b, "，高于全市");
        put_points(&b, frac(x) - frac(city));
        fy_buf_puts(&b, "）");
        fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
    }
    if (cnt) {
        fy_buf_puts(&b, "。全市一审行政案件败诉率为");
        report_words_rate(city, &b);
        fy_buf_puts(&b, "。");
        add(c, "F2", &b, &n);
    }
    free(hit);
    stats_result_free(r);
    fy_buf_release(&b);
    fy_buf_release(&n);
    return FY_OK;
}

/* F3: agencies with agency_losses or more losses, most first, at most 10;
 * a tie at the 10th place that would pass 10 is left out whole. */
static fy_status f3(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_AGENCY_LOSSES, MET_FI_CLOSED, MET_REVIEW_LOSSES),
               DIM_DEFENDANT, &r));
    size_t *idx = report_rows_by_count(r, stats_metric_index(r,
                                                            MET_AGENCY_LOSSES));
    size_t cnt = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        if (!stats_key_label(r, 0, row->key[0])
            || stats_fig(r, row, MET_AGENCY_LOSSES)->num
                   < c->th->agency_losses)
            continue;
        idx[cnt++] = idx[i];
    }
    if (cnt > 10) {
        int64_t at = stats_fig(r, &r->rows[idx[9]], MET_AGENCY_LOSSES)->num;
        cnt = 10;
        if (stats_fig(r, &r->rows[idx[10]], MET_AGENCY_LOSSES)->num == at)
            while (cnt > 0
                   && stats_fig(r, &r->rows[idx[cnt - 1]],
                                MET_AGENCY_LOSSES)->num == at)
                cnt--;
    }
    for (size_t k = 0; k < cnt; k++) {
        const struct stats_row *row = &r->rows[idx[k]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        fy_buf_printf(&b, "%s%s（败诉", k ? "、" : "个别行政机关败诉案件较为集中。",
                      label);
        report_words_count(stats_fig(r, row, MET_AGENCY_LOSSES)->num, &b);
        fy_buf_puts(&b, "，一审审结");
        report_words_count(stats_fig(r, row, MET_FI_CLOSED)->num, &b);
        int64_t review = stats_fig(r, row, MET_REVIEW_LOSSES)->num;
        if (review) { /* white-paper.md, F3: losses as 复议机关 */
            fy_buf_puts(&b, "，其中作为复议机关共同被告败诉");
            report_words_count(review, &b);
        }
        fy_buf_puts(&b, "）");
        fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
    }
    if (cnt) {
        fy_buf_printf(&b, "，败诉均在%lld件以上。",
                      (long long)c->th->agency_losses);
        add(c, "F3", &b, &n);
    }
    free(idx);
    stats_result_free(r);
    fy_buf_release(&b);
    fy_buf_release(&n);
    return FY_OK;
}

/* F4: the leading loss cause covers cause_share % or more of the losses;
 * the second too when within 5 points of it. */
static fy_status f4(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(report_ask_ids(c->ds, &c->period, c->as_of,
                          METS(MET_AGENCY_LOSSES), 1, DIM_COUNT, &r, c->err));
    size_t first = SIZE_MAX, second = SIZE_MAX;
    for (size_t m = 0; m < r->req.nmetrics; m++) {
        const struct stats_metric *mt = &r->req.metrics[m];
        if (mt->def >= 0 || mt->cause == NORM_NCAUSES
            || strcmp(norm_cause_name((unsigned)mt->cause), "其他") == 0)
            continue;
        int64_t x = r->total.cells[m].num;
        if (first == SIZE_MAX || x > r->total.cells[first].num) {
            second = first;
            first = m;
        } else if (second == SIZE_MAX || x > r->total.cells[second].num) {
            second = m;
        }
    }
    const struct stats_cell *lead = first != SIZE_MAX ? &r->total.cells[first]
                                                      : NULL;
    if (lead && lead->den && lead->num
        && ge_pct(lead->num, lead->den, c->th->cause_share)) {
        fy_buf_printf(&b, "败诉原因相对集中。因%s败诉",
                      norm_cause_name((unsigned)r->req.metrics[first].cause));
        report_words_count(lead->num, &b);
        fy_buf_puts(&b, "，占败诉案件的");
        report_words_rate(lead, &b);
        fy_buf_puts(&n, norm_cause_name((unsigned)r->req.metrics[first].cause));
        const struct stats_cell *sec = second != SIZE_MAX
                                           ? &r->total.cells[second] : NULL;
        /* within 5 points: (lead − second) × 100 <= 5, exactly */
        if (sec && sec->num
            && ((__int128)lead->num * sec->den
                - (__int128)sec->num * lead->den) * 100
                   <= (__int128)5 * lead->den * sec->den) {
            const char *name =
                norm_cause_name((unsigned)r->req.metrics[second].cause);
            fy_buf_printf(&b, "；其次为%s", name);
            report_words_count(sec->num, &b);
            fy_buf_puts(&b, "，占");
            report_words_rate(sec, &b);
            fy_buf_printf(&n, "、%s", name);
        }
        fy_buf_puts(&b, "。");
        add(c, "F4", &b, &n);
    }
    stats_result_free(r);
    fy_buf_release(&b);
    fy_buf_release(&n);
    return FY_OK;
}

/* F5: 出庭应诉率 below 100%: the 旗区 below the city rate (n >= min_n). */
static fy_status f5(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_HEARINGS_HELD, MET_HEAD_APPEARANCES,
                       MET_APPEARANCE_RATE), DIM_DISTRICT, &r));
    const struct stats_cell *city = stats_fig(r, NULL, MET_APPEARANCE_RATE);
    if (!city->den || city->num == city->den) {
        stats_result_free(r);
        return FY_OK;
    }
    fy_buf_puts(&b, "行政机关负责人出庭应诉率未达到100%的目标。全年出庭应诉率为");
    report_words_rate(city, &b);
    fy_buf_puts(&b, "，负责人未出庭的开庭案件");
    report_words_count(city->den - city->num, &b);
    size_t k = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const struct stats_cell *x = stats_fig(r, row, MET_APPEARANCE_RATE);
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || x->den < c->th->min_n || !below(x, city))
            continue;
        fy_buf_printf(&b, "%s%s（出庭应诉率", k ? "、" : "。低于全市水平的有",
                      label);
        report_words_rate(x, &b);
        fy_buf_puts(&b, "，未出庭");
        report_words_count(x->den - x->num, &b);
        fy_buf_puts(&b, "）");
        fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
        k++;
    }
    fy_buf_puts(&b, "。");
    add(c, "F5", &b, &n);
    stats_result_free(r);
    fy_buf_release(&n);
    return FY_OK;
}

/* F6: the 败诉率 of the reconsidered cases is above the others',
 * (agency_losses − reconsidered losses) / (fi_closed − reconsidered),
 * with review_min or more reconsidered cases. */
static fy_status f6(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_FI_CLOSED, MET_AGENCY_LOSSES,
                       MET_RECONSIDERED_LOSS_RATE), DIM_COUNT, &r));
    /* copies: the cells belong to r, freed here */
    const struct stats_cell rate = *stats_fig(r, NULL,
                                              MET_RECONSIDERED_LOSS_RATE);
    const struct stats_cell *rl = &rate;
    struct stats_cell other = {
        stats_fig(r, NULL, MET_AGENCY_LOSSES)->num - rl->num,
        stats_fig(r, NULL, MET_FI_CLOSED)->num - rl->den};
    stats_result_free(r);
    if (rl->den < c->th->review_min || !rl->den || !other.den
        || !below(&other, rl))
        return FY_OK;
    fy_buf_puts(&b, "行政复议纠错功能有待进一步发挥。经行政复议后起诉的一审"
                    "行政案件审结");
    report_words_count(rl->den, &b);
    fy_buf_puts(&b, "，行政机关败诉");
    report_words_count(rl->num, &b);
    fy_buf_puts(&b, "，败诉率");
    report_words_rate(rl, &b);
    fy_buf_puts(&b, "，高于未经复议案件的");
    report_words_rate(&other, &b);
    fy_buf_puts(&b, "，部分违法或者不当的行政行为未能在复议阶段得到纠正。");
    add(c, "F6", &b, NULL);
    fy_buf_release(&b);
    return FY_OK;
}

/* F7: 旗区 whose 万人成讼率 rose by source_growth % of last year's value
 * and is above the city's. */
static fy_status f7(struct fctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_LITIGATION), DIM_DISTRICT, &r));
    const struct stats_cell *city = stats_fig(r, NULL, MET_LITIGATION);
    size_t k = 0;
    for (size_t i = 0; city->den && i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const struct stats_cell *x = stats_fig(r, row, MET_LITIGATION);
        const struct stats_cell *p = stats_fig_prev(r, row, MET_LITIGATION);
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || !x->den || !p->den || !p->num || !below(city, x)
            || !ge_pct((__int128)x->num * p->den - (__int128)p->num * x->den,
                       (__int128)p->num * x->den, c->th->source_growth))
            continue;
        fy_buf_printf(&b, "%s%s万人成讼率为", k ? "；" : "部分旗区诉源治理压力加大。",
                      label);
        report_fmt_value(STATS_PER10K, x, &b);
        fy_buf_puts(&b, "，上年为");
        report_fmt_value(STATS_PER10K, p, &b);
        fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
        k++;
    }
    if (k) {
        fy_buf_puts(&b, "，均高于全市的");
        report_fmt_value(STATS_PER10K, city, &b);
        fy_buf_puts(&b, "。");
        add(c, "F7", &b, &n);
    }
    stats_result_free(r);
    fy_buf_release(&b);
    fy_buf_release(&n);
    return FY_OK;
}

/* 1 when a procuratorate is among the issuers (F8 counts 检察建议 then). */
static int procuratorate_issues(const struct fctx *c)
{
    return strstr(c->book->issuers, "检察院") != NULL;
}

/* F8: recommendations overdue, or answered on time too rarely. */
static fy_status f8(struct fctx *c)
{
    struct stats_request req;
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    memset(&req, 0, sizeof(req));
    req.period = c->period;
    req.as_of = c->as_of;
    req.compare = STATS_COMPARE_NONE;
    FY_TRY(stats_request_add(&req, MET_REC_OVERDUE, c->err));
    FY_TRY(stats_request_add(&req, MET_REC_FEEDBACK_RATE, c->err));
    req.dims[0] = DIM_RECIPIENT;
    req.ndims = 1;
    if (!procuratorate_issues(c))
        FY_TRY(stats_request_where(&req, c->ds, "rec_kind=司法建议", c->err));
    FY_TRY(stats_run(c->ds, &req, &r, c->err));
    int64_t overdue = stats_fig(r, NULL, MET_REC_OVERDUE)->num;
    const struct stats_cell *rate = stats_fig(r, NULL, MET_REC_FEEDBACK_RATE);
    int low = rate->den && !ge_pct(rate->num, rate->den, c->th->feedback_rate);
    if (overdue || low) {
        fy_buf_printf(&b, "%s反馈不够及时。",
                      procuratorate_issues(c) ? "司法建议、检察建议"
                                              : "司法建议");
        if (rate->den) {
            fy_buf_puts(&b, "按期反馈率为");
            report_words_rate(rate, &b);
            fy_buf_puts(&b, overdue ? "；" : "。");
        }
        if (overdue) {
            fy_buf_puts(&b, "截至统计截止日，逾期未反馈");
            report_words_count(overdue, &b);
            size_t k = 0;
            for (size_t i = 0; i < r->nrows; i++) {
                const struct stats_row *row = &r->rows[i];
                int64_t x = stats_fig(r, row, MET_REC_OVERDUE)->num;
                const char *label = stats_key_label(r, 0, row->key[0]);
                if (!label || x < 2)
                    continue;
                fy_buf_printf(&b, "%s%s", k ? "、" : "，其中逾期两件以上的有",
                              label);
                report_words_count(x, &b);
                fy_buf_printf(&n, "%s%s", k ? "、" : "", label);
                k++;
            }
            fy_buf_puts(&b, "。");
        }
        add(c, "F8", &b, &n);
    }
    stats_result_free(r);
    fy_buf_release(&b);
    fy_buf_release(&n);
    return FY_OK;
}

/* The label of @p dim's row with the largest rise of metric @p m (NULL). */
static const char *largest_rise(const struct stats_result *r,
                                enum stats_metric_id m, int64_t *rise)
{
    const char *best = NULL;

    *rise = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const char *label = stats_key_label(r, 0, r->rows[i].key[0]);
        int64_t d = stats_fig(r, &r->rows[i], m)->num
                    - stats_fig_prev(r, &r->rows[i], m)->num;
        if (!is_rest(label) && d > *rise) {
            *rise = d;
            best = label;
        }
    }
    return best;
}

/* F9: 一审新收 rose by growth % or more. */
static fy_status f9(struct fctx *c)
{
    struct stats_result *r, *d = NULL, *m = NULL;
    struct fy_buf b = FY_BUF_INIT, n = FY_BUF_INIT;

    FY_TRY(ask(c, METS(MET_ADMIN_FI_FILED), DIM_COUNT, &r));
    int64_t cur = stats_fig(r, NULL, MET_ADMIN_FI_FILED)->num;
    int64_t prev = stats_fig_prev(r, NULL, MET_ADMIN_FI_FILED)->num;
    stats_result_free(r);
    if (!prev || !ge_pct(cur - prev, prev, c->th->growth))
        return FY_OK;
    FY_TRY(ask(c, METS(MET_ADMIN_FI_FILED), DIM_DISTRICT, &d));
    fy_status rc = ask(c, METS(MET_ADMIN_FI_FILED), DIM_DOMAIN, &m);
    if (rc != FY_OK) {
        stats_result_free(d);
        return rc;
    }
    fy_buf_puts(&b, "行政争议增长较快。全年新收一审行政案件");
    report_words_count(cur, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(cur, prev, &b);
    int64_t rise;
    const char *where = largest_rise(d, MET_ADMIN_FI_FILED, &rise);
    if (where) {
        fy_buf_printf(&b, "；增加最多的旗区是%s（增加", where);
        report_words_count(rise, &b);
        fy_buf_puts(&b, "）");
        fy_buf_puts(&n, where);
    }
    const char *what = largest_rise(m, MET_ADMIN_FI_FILED, &rise);
    if (what) {
        fy_buf_printf(&b, "，增加最多的领域是%s（增加", what);
        report_words_count(rise, &b);
        fy_buf_puts(&b, "）");
        fy_buf_printf(&n, "%s%s", n.len ? "、" : "", what);
    }
    fy_buf_puts(&b, "。");
    add(c, "F9", &b, &n);
    stats_result_free(d);
    stats_result_free(m);
    fy_buf_release(&n);
    return FY_OK;
}

/* F10: 非诉执行审查 closed as 不准予执行 (n >= min_n). */
static fy_status f10(struct fctx *c)
{
    struct stats_request req;
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    memset(&req, 0, sizeof(req));
    req.period = c->period;
    req.as_of = c->as_of;
    FY_TRY(stats_request_add(&req, MET_CLOSED, c->err));
    req.dims[0] = DIM_DISPOSITION;
    req.ndims = 1;
    FY_TRY(stats_request_where(&req, c->ds,
                               "case_type=非诉行政行为申请执行审查", c->err));
    FY_TRY(stats_run(c->ds, &req, &r, c->err));
    int64_t all = stats_fig(r, NULL, MET_CLOSED)->num, refused = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const char *label = stats_key_label(r, 0, r->rows[i].key[0]);
        if (label && strcmp(label, "不准予执行") == 0)
            refused += stats_fig(r, &r->rows[i], MET_CLOSED)->num;
    }
    stats_result_free(r);
    if (all < c->th->min_n
        || !ge_pct(refused, all, c->th->enforcement_refused))
        return FY_OK;
    struct stats_cell share = {refused, all};
    fy_buf_puts(&b, "部分行政决定的合法性有待提高。全年审结非诉行政行为申请执行审查案件");
    report_words_count(all, &b);
    fy_buf_puts(&b, "，其中裁定不准予执行");
    report_words_count(refused, &b);
    fy_buf_puts(&b, "，占");
    report_words_rate(&share, &b);
    fy_buf_puts(&b, "，反映出部分行政机关作出的行政决定在事实认定、法律适用或"
                    "程序上存在问题。");
    add(c, "F10", &b, NULL);
    return FY_OK;
}

fy_status report_findings_of(const struct fy_dataset *ds,
                             const struct stats_period *period, int32_t as_of,
                             const struct report_book *book,
                             struct report_finding_list *out,
                             struct fy_error *err)
{
    struct fctx c = {ds, *period, as_of, book, &book->settings->findings, out,
                     err};
    static fy_status (*const each[])(struct fctx *) = {
        f1, f2, f3, f4, f5, f6, f7, f8, f9, f10,
    };

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < sizeof(each) / sizeof(each[0]); i++)
        FY_TRY(each[i](&c));
    return FY_OK;
}

void report_finding_list_release(struct report_finding_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].text);
        free(l->items[i].names);
    }
    memset(l, 0, sizeof(*l));
}
