/* SPDX-License-Identifier: MIT */
/*
 * report_paper.c - the white-paper draft (行政审判白皮书): the sections of
 * outputs.md, each with its narrative (figures asked of the engine by
 * metric id, worded by report_words.c), its charts (the book tables'
 * charts, numbered 图1, 图2 … in the order drawn, sized for the A4 text
 * width) and the tables that belong to it; 七、附表 holds the book's other
 * tables and the notes they refer to.
 *
 * Empty and small periods (white-paper.md, at its end): a sentence that
 * needs a figure it does not have says there were none; a chart with
 * nothing to show is not drawn and not referred to; no rate is compared
 * with an undefined one.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

/* The text width of the A4 page (report_pdf.c): charts are drawn at this
 * width on the page and in their own files alike. */
#define CHART_W 459.0

struct ctx {
    const struct fy_dataset *ds;
    struct stats_period period;
    int32_t as_of;
    const struct report_book *book;
    struct report_doc *doc;
    struct fy_error *err;
    const char *city;
    char *year;                  /* "2023年" */
    const struct report_table **shown; /* tables in the sections' text */
    size_t nshown;
};

/* The engine's answer over the paper's period, against last year. */
static fy_status ask(struct ctx *c, const enum stats_metric_id *ids,
                     enum stats_dim dim, struct stats_result **res)
{
    return report_ask_ids(c->ds, &c->period, c->as_of, ids, 0, dim, res,
                          c->err);
}

static int32_t as_of_day(const struct ctx *c)
{
    return c->as_of != FY_NO_DATE ? c->as_of : c->period.end;
}

/* ------------------------------------------------------------------ */
/* Tables and charts                                                   */
/* ------------------------------------------------------------------ */

/* A table in a section's text (七、附表 does not repeat it). */
static void show_table(struct ctx *c, enum report_table_id id)
{
    const struct report_table *t = report_book_get(c->book, id);

    report_doc_table(c->doc, t);
    c->shown = fy_xreallocarray((void *)c->shown, c->nshown + 1,
                                sizeof(*c->shown));
    c->shown[c->nshown++] = t;
}

static int was_shown(const struct ctx *c, const struct report_table *t)
{
    for (size_t i = 0; i < c->nshown; i++)
        if (c->shown[i] == t)
            return 1;
    return 0;
}

/* "表2" of a table's title "表2 2023年…" (appended to @p b). */
static void put_table_number(struct fy_buf *b, const struct report_table *t)
{
    size_t n = strcspn(t->title, " ");

    fy_buf_append(b, t->title, n);
}

/* The number the next chart gets (图N). */
static size_t next_chart(const struct ctx *c)
{
    size_t n = 1;

    for (size_t i = 0; i < c->doc->nblocks; i++)
        n += c->doc->blocks[i].kind == DB_CHART;
    return n;
}

/* The chart of book table @p id, or NULL when there is nothing to draw:
 * ask first, then word the reference, then place it. */
static struct chart_spec *table_chart(struct ctx *c, enum report_table_id id)
{
    return report_chart_from_table(report_book_get(c->book, id));
}

/* "（见图N）" for the chart about to be placed, or "" when none is. */
static void put_ref(struct ctx *c, const struct chart_spec *ch,
                    struct fy_buf *b)
{
    if (ch)
        fy_buf_printf(b, "（见图%zu）", next_chart(c));
}

/*
 * Place chart @p ch (consumed; NULL: nothing) as 图N, with the subtitle
 * "2023年｜单位：件" (@p period 0: without the year, for a trend over
 * years), then "｜@p extra" when not NULL; the chart's source line (the
 * book's, of the metrics it draws) is its last line.
 */
static void place(struct ctx *c, struct chart_spec *ch, const char *file,
                  const char *title, int period, const char *extra,
                  double height)
{
    if (!ch)
        return;
    struct fy_buf sub = FY_BUF_INIT;
    if (period)
        fy_buf_printf(&sub, "%s｜", c->book->period_title);
    fy_buf_printf(&sub, "单位：%s", ch->unit);
    if (extra)
        fy_buf_printf(&sub, "｜%s", extra);
    ch->title = fy_xasprintf("图%zu　%s", next_chart(c), title);
    ch->subtitle = fy_buf_detach(&sub);
    ch->width = CHART_W;
    ch->height = height;
    report_doc_chart(c->doc, file, ch);
}

/* The height of a bar chart on its side: room for every category. */
static double hbar_height(const struct chart_spec *ch)
{
    return 80.0 + 17.0 * (double)(ch ? ch->ncat : 0);
}

/* ------------------------------------------------------------------ */
/* Wording helpers                                                     */
/* ------------------------------------------------------------------ */

/* 1 for the labels that go last and are never "the largest": 其他, 未填写. */
static int is_rest(const char *label)
{
    return !label || strcmp(label, "其他") == 0 || strcmp(label, "未填写") == 0;
}

/* Candidates: rows of a result, ranked, with their figure. */
struct ranking {
    const struct stats_result *res;
    size_t m;                    /* the metric ranked by */
    size_t *rows;                /* eligible row indices, ranked */
    size_t n;
    int by_rate;                 /* 0: by count */
};

static int same_at(const void *ctx, size_t i)
{
    const struct ranking *r = ctx;
    const struct stats_cell *a = &r->res->rows[r->rows[i]].cells[r->m];
    const struct stats_cell *b = &r->res->rows[r->rows[i + 1]].cells[r->m];

    return r->by_rate ? report_same_rate(a, b) : a->num == b->num;
}

/*
 * The rows of @p res to name, ranked by metric @p m (by its count, or by
 * its rate), leaving out 其他/未填写, zero figures and (for rates) rows
 * whose denominator is below @p min_den; at most @p k, ties whole.
 */
static void rank_rows(const struct stats_result *res, size_t m, int rates,
                      int64_t min_den, size_t k, struct ranking *out)
{
    size_t *idx = rates ? report_rows_by_rate(res, m) : report_rows_by_count(res, m);

    *out = (struct ranking){res, m, idx, 0, rates};
    for (size_t i = 0; i < res->nrows; i++) {
        const struct stats_row *row = &res->rows[idx[i]];
        const struct stats_cell *cell = &row->cells[m];
        if (is_rest(stats_key_label(res, 0, row->key[0])) || cell->num == 0
            || (rates && cell->den < min_den))
            continue;
        idx[out->n++] = idx[i];
    }
    out->n = report_cut_ties(out->n, k, same_at, out);
}

static const char *rank_label(const struct ranking *r, size_t i)
{
    return stats_key_label(r->res, 0, r->res->rows[r->rows[i]].key[0]);
}

static const struct stats_cell *rank_cell(const struct ranking *r, size_t i)
{
    return &r->res->rows[r->rows[i]].cells[r->m];
}

/* A share with one decimal, "50.1%", rounded half away from zero. */
static void put_pct1(struct fy_buf *b, int64_t num, int64_t den)
{
    __int128 t = ((__int128)num * 2000 + den) / (2 * den); /* tenths of % */

    fy_buf_printf(b, "%lld.%lld%%", (long long)(t / 10), (long long)(t % 10));
}

/* "，同比上升5.6%" style change of a count (after a comma). */
static void put_count_change(struct fy_buf *b, int64_t cur, int64_t prev)
{
    fy_buf_puts(b, "，");
    report_words_count_change(cur, prev, b);
}

/* "12.15%，同比上升1.20个百分点" (the change only when both are defined). */
static void put_rate_and_change(struct fy_buf *b, const struct stats_cell *cur,
                                const struct stats_cell *prev)
{
    report_words_rate(cur, b);
    if (cur->den && prev->den) {
        fy_buf_puts(b, "，");
        report_words_rate_change(cur, prev, b);
    }
}

/*
 * The concentration of a count by a dimension: "案件较多的是A（n件）、B（n
 * 件），合计占全市的x%" — or, when one value holds them all, "均涉及A". Says
 * nothing when no value stands out (all in 其他/未填写).
 */
static void put_top(struct fy_buf *b, const struct stats_result *r,
                    size_t m, const char *lead, const char *all_lead,
                    const char *tail, const char *share_words, int counts)
{
    struct ranking rk;
    int64_t total = r->total.cells[m].num, sum = 0;

    rank_rows(r, m, 0, 0, 3, &rk);
    if (rk.n == 1 && rank_cell(&rk, 0)->num == total) {
        fy_buf_printf(b, "%s%s%s。", all_lead, rank_label(&rk, 0), tail);
    } else if (rk.n > 0) {
        fy_buf_puts(b, lead);
        for (size_t i = 0; i < rk.n; i++) {
            fy_buf_printf(b, "%s%s", i ? "、" : "", rank_label(&rk, i));
            if (counts) {
                fy_buf_puts(b, "（");
                report_words_count(rank_cell(&rk, i)->num, b);
                fy_buf_puts(b, "）");
            }
            sum += rank_cell(&rk, i)->num;
        }
        fy_buf_printf(b, "%s，%s", tail, share_words);
        put_pct1(b, sum, total);
        fy_buf_puts(b, "。");
    }
    free(rk.rows);
}

/* Replace a final "。" of @p b by @p ref + "。" (the chart reference). */
static void end_with_ref(struct ctx *c, struct fy_buf *b,
                         const struct chart_spec *ch)
{
    static const char stop[] = "。";
    size_t n = strlen(stop);

    if (!ch)
        return;
    if (b->len >= n && memcmp(b->data + b->len - n, stop, n) == 0)
        b->len -= n;
    put_ref(c, ch, b);
    fy_buf_puts(b, stop);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

/* The parts of 新收 by case class, so that they add up. */
struct parts {
    int64_t first, first_comp, second, exec, rest;
};

static void parts_of(const struct stats_result *r, struct parts *p)
{
    memset(p, 0, sizeof(*p));
    for (size_t i = 0; i < r->nrows; i++) {
        int64_t v = stats_fig(r, &r->rows[i], MET_FILED)->num;
        const char *name = stats_key_label(r, 0, r->rows[i].key[0]);
        switch (report_case_class(r->rows[i].key[0])) {
        case NORM_CLASS_FIRST:
            p->first += v;
            if (name && strcmp(name, "行政赔偿一审") == 0)
                p->first_comp += v;
            break;
        case NORM_CLASS_SECOND:
            p->second += v;
            break;
        case NORM_CLASS_EXEC_REVIEW:
            p->exec += v;
            break;
        default:
            p->rest += v;
            break;
        }
    }
}

static void put_parts(struct fy_buf *b, const struct parts *p)
{
    const char *sep = "。其中";

    if (p->first) {
        fy_buf_printf(b, "%s一审行政案件", sep);
        report_words_count(p->first, b);
        if (p->first_comp) {
            fy_buf_puts(b, "（含行政赔偿一审");
            report_words_count(p->first_comp, b);
            fy_buf_puts(b, "）");
        }
        sep = "，";
    }
    if (p->second) {
        fy_buf_printf(b, "%s二审行政案件", sep);
        report_words_count(p->second, b);
        sep = "，";
    }
    if (p->exec) {
        fy_buf_printf(b, "%s非诉行政行为申请执行审查案件", sep);
        report_words_count(p->exec, b);
        sep = "，";
    }
    if (p->rest) {
        fy_buf_printf(b, "%s申请再审审查、再审等其他行政案件", sep);
        report_words_count(p->rest, b);
    }
}

static fy_status basics(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    struct parts p;

    FY_TRY(ask(c, METS(MET_FILED, MET_CLOSED, MET_PENDING_END,
                       MET_CLOSURE_RATE), DIM_CASE_TYPE, &r));
    int64_t filed = stats_fig(r, NULL, MET_FILED)->num;
    int64_t closed = stats_fig(r, NULL, MET_CLOSED)->num;
    const struct stats_cell *rate = stats_fig(r, NULL, MET_CLOSURE_RATE);
    parts_of(r, &p);
    report_doc_heading(c->doc, "一、基本情况");
    if (filed) {
        fy_buf_printf(&b, "%s，全市两级法院共新收各类行政案件", c->year);
        report_words_count(filed, &b);
        put_count_change(&b, filed, stats_fig_prev(r, NULL, MET_FILED)->num);
        put_parts(&b, &p);
        fy_buf_puts(&b, "。");
    } else {
        fy_buf_printf(&b, "%s，全市两级法院未新收行政案件。", c->year);
    }
    if (closed) {
        fy_buf_puts(&b, "全年审结各类行政案件");
        report_words_count(closed, &b);
        put_count_change(&b, closed, stats_fig_prev(r, NULL, MET_CLOSED)->num);
        fy_buf_puts(&b, "，结案率为");
        put_rate_and_change(&b, rate, stats_fig_prev(r, NULL, MET_CLOSURE_RATE));
    } else {
        fy_buf_puts(&b, "全年未审结行政案件");
    }
    int64_t open = stats_fig(r, NULL, MET_PENDING_END)->num;
    if (open) {
        fy_buf_puts(&b, "；年末未结");
        report_words_count(open, &b);
    }
    fy_buf_puts(&b, "。");
    stats_result_free(r);

    /* a year without cases draws no trend: the text says there were none */
    struct chart_spec *trend = filed || closed ? table_chart(c, TBL_TREND)
                                               : NULL;
    if (filed || closed) {
        fy_buf_puts(&b, "各类案件收结案情况见");
        put_table_number(&b, report_book_get(c->book, TBL_CASES_BY_TYPE));
        if (trend)
            fy_buf_printf(&b, "，近年情况见图%zu", next_chart(c));
        fy_buf_puts(&b, "。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    place(c, trend, "trend", "近年行政案件收结案情况", 0, NULL, 200);
    if (filed || closed)
        show_table(c, TBL_CASES_BY_TYPE);
    fy_buf_release(&b);
    return FY_OK;
}

/* The 旗区 table (white-paper.md, 二、案件特点): where each 旗区 stands
 * against the city on the figures the linkage watches. */
static fy_status district_profile(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    int64_t min_n = c->book->settings->findings.min_n;
    const char *sep = "。其中，";

    FY_TRY(ask(c, METS(MET_LOSS_RATE, MET_APPEARANCE_RATE, MET_LITIGATION,
                       MET_MW_RATE, MET_REC_FEEDBACK_RATE), DIM_DISTRICT, &r));
    fy_buf_puts(&b, "各旗区的一审新收、败诉率、负责人出庭应诉率、万人成讼率、"
                    "调撤率和建议按期反馈率见");
    put_table_number(&b, report_book_get(c->book, TBL_DISTRICT_PROFILE));
    report_put_worse_districts(&b, r, MET_LOSS_RATE, 1, min_n,
                        "行政机关败诉率较高的是", &sep);
    report_put_worse_districts(&b, r, MET_APPEARANCE_RATE, 0, min_n,
                        "负责人出庭应诉率较低的是", &sep);
    report_put_worse_districts(&b, r, MET_LITIGATION, 1, 1,
                        "万人成讼率较高的是", &sep);
    report_put_worse_districts(&b, r, MET_MW_RATE, 0, min_n,
                        "调撤率较低的是", &sep);
    report_put_worse_districts(&b, r, MET_REC_FEEDBACK_RATE, 0, min_n,
                        "建议按期反馈率较低的是", &sep);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    if (min_n > 1) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "比较比率时，只比较分母（审结或开庭审理的一审案件、"
                          "应反馈的建议）达到%lld件的旗区。",
                      (long long)min_n);
        report_doc_para(c->doc, fy_buf_str(&b));
    }
    stats_result_free(r);
    show_table(c, TBL_DISTRICT_PROFILE);
    fy_buf_release(&b);
    return FY_OK;
}

/* 经复议的案件 (white-paper.md, 二、案件特点): their share of the cases
 * closed, their 败诉率 against the others', and the 复议机关 named as a
 * co-defendant. */
static fy_status reconsideration(struct ctx *c, const char *heading)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_subheading(c->doc, heading);
    FY_TRY(ask(c, METS(MET_FI_CLOSED, MET_AGENCY_LOSSES, MET_RECONSIDERED,
                       MET_RECONSIDERED_SHARE, MET_RECONSIDERED_LOSS_RATE,
                       MET_JOINT_DEFENDANT), DIM_COUNT, &r));
    int64_t closed = stats_fig(r, NULL, MET_FI_CLOSED)->num;
    int64_t lost = stats_fig(r, NULL, MET_AGENCY_LOSSES)->num;
    const struct stats_cell *rl = stats_fig(r, NULL,
                                            MET_RECONSIDERED_LOSS_RATE);
    int64_t recon = stats_fig(r, NULL, MET_RECONSIDERED)->num;
    int64_t joint = stats_fig(r, NULL, MET_JOINT_DEFENDANT)->num;
    if (!closed) {
        fy_buf_puts(&b, "全年未审结一审行政案件，无经复议案件的统计。");
    } else if (!recon) {
        fy_buf_puts(&b, "全年审结的一审行政案件中，没有经行政复议后起诉的案件。");
    } else {
        fy_buf_puts(&b, "全年审结的一审行政案件中，经行政复议后起诉的");
        report_words_count(recon, &b);
        put_count_change(&b, recon,
                         stats_fig_prev(r, NULL, MET_RECONSIDERED)->num);
        fy_buf_puts(&b, "，占审结案件的");
        report_words_rate(stats_fig(r, NULL, MET_RECONSIDERED_SHARE), &b);
        fy_buf_puts(&b, "。经复议案件中行政机关败诉");
        report_words_count(rl->num, &b);
        fy_buf_puts(&b, "，败诉率");
        report_words_rate(rl, &b);
        /* the others: (losses − reconsidered losses) / (closed − recon) */
        struct stats_cell other = {lost - rl->num, closed - recon};
        if (other.den) {
            fy_buf_puts(&b, "；未经复议案件败诉率");
            report_words_rate(&other, &b);
        }
        fy_buf_puts(&b, "。");
        if (joint) {
            fy_buf_puts(&b, "复议机关维持原行政行为、与作出原行政行为的机关作"
                            "共同被告的");
            report_words_count(joint, &b);
            fy_buf_puts(&b, "，占经复议案件的");
            struct stats_cell js = {joint, recon};
            report_words_rate(&js, &b);
            fy_buf_puts(&b, "。");
        } else {
            fy_buf_puts(&b, "没有复议机关作共同被告的案件。");
        }
        fy_buf_puts(&b, "各旗区情况见");
        put_table_number(&b, report_book_get(c->book, TBL_RECONSIDERATION));
        fy_buf_puts(&b, "。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    if (closed && recon)
        show_table(c, TBL_RECONSIDERATION);
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

/* One subsection of 二、案件特点 over first-instance filings by @p dim. */
static fy_status feature(struct ctx *c, const char *heading,
                         enum stats_dim dim, enum report_table_id id,
                         const char *file, const char *chart_title,
                         const char *lead, const char *all_lead,
                         const char *tail, const char *share_words,
                         int counts, double height)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_subheading(c->doc, heading);
    FY_TRY(ask(c, METS(MET_ADMIN_FI_FILED), dim, &r));
    struct chart_spec *ch = table_chart(c, id);
    put_top(&b, r, 0, lead, all_lead, tail, share_words, counts);
    if (!b.len)
        fy_buf_puts(&b, "各类别案件数量分布较为分散。");
    end_with_ref(c, &b, ch);
    report_doc_para(c->doc, fy_buf_str(&b));
    place(c, ch, file, chart_title, 1, NULL,
          ch && ch->kind == CK_HBAR ? hbar_height(ch) : height);
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status features(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "二、案件特点");
    FY_TRY(ask(c, METS(MET_ADMIN_FI_FILED, MET_FI_CLOSED), DIM_COUNT, &r));
    int64_t filed = stats_fig(r, NULL, MET_ADMIN_FI_FILED)->num;
    int64_t prev = stats_fig_prev(r, NULL, MET_ADMIN_FI_FILED)->num;
    int64_t closed = stats_fig(r, NULL, MET_FI_CLOSED)->num;
    stats_result_free(r);
    fy_status rc = FY_OK;
    if (!filed) {
        fy_buf_printf(&b, "%s全市法院未新收一审行政案件，", c->year);
        fy_buf_puts(&b, "本节不作旗区、管理领域和行为种类分析。");
        report_doc_para(c->doc, fy_buf_str(&b));
        fy_buf_reset(&b);
    } else {
        report_doc_subheading(c->doc, "（一）案件涉及的旗区");
        FY_TRY_BUF(ask(c, METS(MET_ADMIN_FI_FILED), DIM_DISTRICT, &r), &b);
        struct chart_spec *ch = table_chart(c, TBL_DISTRICTS);
        fy_buf_puts(&b, "按被诉行政机关所属旗区统计，全市新收一审行政案件");
        report_words_count(filed, &b);
        put_count_change(&b, filed, prev);
        fy_buf_puts(&b, "。");
        put_top(&b, r, 0, "案件较多的是", "案件均涉及", "", "合计占全市的",
                1);
        end_with_ref(c, &b, ch);
        report_doc_para(c->doc, fy_buf_str(&b));
        fy_buf_reset(&b);
        stats_result_free(r);
        place(c, ch, "districts", "一审行政案件新收情况（按旗区）", 1, NULL,
              250);
        rc = district_profile(c);
        if (rc == FY_OK)
            rc = feature(c, "（二）案件涉及的管理领域", DIM_DOMAIN, TBL_DOMAINS,
                     "domains", "一审行政案件涉及的管理领域",
                     "从案件涉及领域看，主要集中在", "从案件涉及领域看，均为",
                     "等领域", "合计占比", 0, 250);
        if (rc == FY_OK)
            rc = feature(c, "（三）被诉行政行为种类", DIM_ACTION_TYPE,
                         TBL_ACTION_TYPES, "action-types",
                         "一审行政案件被诉行政行为种类",
                         "从被诉行政行为种类看，数量较多的是",
                         "从被诉行政行为种类看，均为", "", "合计占", 1, 240);
    }
    if (rc == FY_OK)
        rc = ask(c, METS(MET_FI_CLOSED), DIM_DISPOSITION, &r);
    if (rc != FY_OK) {
        fy_buf_release(&b);
        return rc;
    }
    report_doc_subheading(c->doc, filed ? "（四）结案方式" : "（一）结案方式");
    struct chart_spec *ch = table_chart(c, TBL_DISPOSITIONS);
    if (!closed) {
        fy_buf_puts(&b, "全年未审结一审行政案件。");
    } else {
        fy_buf_puts(&b, "全年审结一审行政案件");
        report_words_count(closed, &b);
        size_t *idx = report_rows_by_count(r, 0);
        size_t shown = 0;
        for (size_t i = 0; i < r->nrows && shown < 4; i++) {
            const struct stats_row *row = &r->rows[idx[i]];
            const char *label = stats_key_label(r, 0, row->key[0]);
            int64_t n = stats_fig(r, row, MET_FI_CLOSED)->num;
            if (is_rest(label) || !n)
                continue;
            fy_buf_printf(&b, "%s%s", shown ? "；" : "，其中",
                          report_words_disposition(label));
            report_words_count(n, &b);
            fy_buf_puts(&b, "，占");
            put_pct1(&b, n, closed);
            shown++;
        }
        free(idx);
        fy_buf_puts(&b, "。");
        end_with_ref(c, &b, ch);
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    place(c, ch, "dispositions", "一审行政案件结案方式", 1, NULL,
          hbar_height(ch));
    fy_buf_release(&b);
    return reconsideration(c, filed ? "（五）经复议的案件" : "（二）经复议的案件");
}

/* The domains with the highest loss rates (n at least min_n). */
static fy_status loss_domains(struct ctx *c, struct fy_buf *b,
                              const struct chart_spec *ch)
{
    struct stats_result *r;
    struct ranking rk;

    FY_TRY(ask(c, METS(MET_LOSS_RATE), DIM_DOMAIN, &r));
    rank_rows(r, 0, 1, c->book->settings->findings.min_n, 3, &rk);
    for (size_t i = 0; i < rk.n; i++) {
        const struct stats_cell *cell = rank_cell(&rk, i);
        fy_buf_printf(b, "%s%s（审结", i ? "、" : "从管理领域看，败诉率较高的是",
                      rank_label(&rk, i));
        report_words_count(cell->den, b);
        fy_buf_puts(b, "，败诉率");
        report_words_rate(cell, b);
        fy_buf_puts(b, "）");
    }
    if (rk.n) {
        fy_buf_puts(b, "领域");
        put_ref(c, ch, b);
        fy_buf_puts(b, "。");
    }
    free(rk.rows);
    stats_result_free(r);
    return FY_OK;
}

/* The agencies with most losses (two or more; ties named whole). */
static fy_status loss_agencies(struct ctx *c, struct fy_buf *b)
{
    struct stats_result *r;
    struct ranking rk;

    FY_TRY(ask(c, METS(MET_AGENCY_LOSSES), DIM_DEFENDANT, &r));
    rank_rows(r, 0, 0, 0, 3, &rk);
    size_t n = 0; /* two or more losses: a cut that never splits a tie */
    while (n < rk.n && rank_cell(&rk, n)->num >= 2)
        n++;
    for (size_t i = 0; i < n; i++) {
        fy_buf_printf(b, "%s%s", i ? "、" : "败诉案件较多的被诉机关是",
                      rank_label(&rk, i));
        report_words_count(rank_cell(&rk, i)->num, b);
    }
    if (n)
        fy_buf_puts(b, "。");
    free(rk.rows);
    stats_result_free(r);
    return FY_OK;
}

/* 败诉原因: the causes by count, largest first; 其他 and 未填写 apart. */
static fy_status loss_causes(struct ctx *c, struct fy_buf *b,
                             const struct chart_spec *ch)
{
    struct stats_result *r;

    FY_TRY(report_ask_ids(c->ds, &c->period, c->as_of,
                          METS(MET_AGENCY_LOSSES), 1, DIM_COUNT, &r, c->err));
    size_t order[STATS_MAX_METRICS], n = 0;
    for (size_t m = 0; m < r->req.nmetrics; m++)
        if (r->req.metrics[m].def < 0)
            order[n++] = m;
    for (size_t i = 1; i < n; i++) {
        size_t k = order[i], j = i;
        while (j > 0 && r->total.cells[order[j - 1]].num
                            < r->total.cells[k].num) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    int64_t unknown = 0;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const struct stats_metric *mt = &r->req.metrics[order[i]];
        const struct stats_cell *cell = &r->total.cells[order[i]];
        if (mt->cause == NORM_NCAUSES) {
            unknown = cell->num;
            continue;
        }
        const char *cause = norm_cause_name((unsigned)mt->cause);
        if (!cell->num || shown == 4 || strcmp(cause, "其他") == 0)
            continue;
        fy_buf_printf(b, "%s%s（", shown ? "、" : "从败诉原因看，主要为", cause);
        report_words_count(cell->num, b);
        fy_buf_puts(b, "，占");
        report_words_rate(cell, b);
        fy_buf_puts(b, "）");
        shown++;
    }
    if (shown) {
        fy_buf_puts(b, "（");
        if (ch)
            fy_buf_printf(b, "见图%zu、", next_chart(c));
        else
            fy_buf_puts(b, "见");
        put_table_number(b, report_book_get(c->book, TBL_LOSS_CAUSES));
        fy_buf_puts(b, "）。一案列有多项原因的，分别计入各项。");
    }
    if (unknown) {
        fy_buf_puts(b, "另有");
        report_words_count(unknown, b);
        fy_buf_puts(b, "败诉案件未列明败诉原因。");
    }
    stats_result_free(r);
    return FY_OK;
}

static fy_status losses(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "三、行政机关败诉情况及原因分析");
    FY_TRY(ask(c, METS(MET_FI_CLOSED, MET_AGENCY_LOSSES, MET_LOSS_RATE),
               DIM_COUNT, &r));
    int64_t closed = stats_fig(r, NULL, MET_FI_CLOSED)->num;
    int64_t lost = stats_fig(r, NULL, MET_AGENCY_LOSSES)->num;
    if (!closed) {
        fy_buf_puts(&b, "全年未审结一审行政案件，无行政机关败诉案件。");
        report_doc_para(c->doc, fy_buf_str(&b));
        stats_result_free(r);
        fy_buf_release(&b);
        return FY_OK;
    }
    fy_buf_puts(&b, "全年审结一审行政案件");
    report_words_count(closed, &b);
    if (!lost) {
        fy_buf_puts(&b, "，无行政机关败诉案件，败诉率为");
        put_rate_and_change(&b, stats_fig(r, NULL, MET_LOSS_RATE),
                            stats_fig_prev(r, NULL, MET_LOSS_RATE));
        fy_buf_puts(&b, "。");
        report_doc_para(c->doc, fy_buf_str(&b));
        stats_result_free(r);
        fy_buf_release(&b);
        return FY_OK;
    }
    fy_buf_puts(&b, "，行政机关败诉");
    report_words_count(lost, &b);
    put_count_change(&b, lost, stats_fig_prev(r, NULL, MET_AGENCY_LOSSES)->num);
    fy_buf_puts(&b, "；败诉率为");
    put_rate_and_change(&b, stats_fig(r, NULL, MET_LOSS_RATE),
                        stats_fig_prev(r, NULL, MET_LOSS_RATE));
    fy_buf_puts(&b, "。");
    stats_result_free(r);

    struct chart_spec *dch = table_chart(c, TBL_LOSS_BY_DOMAIN);
    fy_status rc = loss_domains(c, &b, dch);
    if (rc == FY_OK)
        rc = loss_agencies(c, &b);
    if (rc != FY_OK) {
        report_chart_spec_free(dch);
        fy_buf_release(&b);
        return rc;
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    place(c, dch, "loss-by-domain", "行政机关败诉率（按管理领域）", 1, NULL,
          hbar_height(dch));

    fy_buf_reset(&b);
    struct chart_spec *cch = table_chart(c, TBL_LOSS_CAUSES);
    rc = loss_causes(c, &b, cch);
    if (rc != FY_OK) {
        report_chart_spec_free(cch);
        fy_buf_release(&b);
        return rc;
    }
    if (b.len)
        report_doc_para(c->doc, fy_buf_str(&b));
    place(c, cch, "loss-causes", "行政机关败诉原因", 1, "一案多因的分别计入",
          hbar_height(cch));
    show_table(c, TBL_LOSS_CAUSES);
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status appearances(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "四、行政机关负责人出庭应诉情况");
    FY_TRY(ask(c, METS(MET_HEARINGS_HELD, MET_HEAD_APPEARANCES,
                       MET_APPEARANCE_RATE), DIM_COUNT, &r));
    int64_t heard = stats_fig(r, NULL, MET_HEARINGS_HELD)->num;
    const struct stats_cell *rate = stats_fig(r, NULL, MET_APPEARANCE_RATE);
    if (!heard) {
        fy_buf_puts(&b, "全年没有开庭审理的一审行政案件，"
                        "不计算行政机关负责人出庭应诉率。");
        report_doc_para(c->doc, fy_buf_str(&b));
        stats_result_free(r);
        fy_buf_release(&b);
        return FY_OK;
    }
    fy_buf_puts(&b, "全年开庭审理一审行政案件");
    report_words_count(heard, &b);
    fy_buf_puts(&b, "，行政机关负责人出庭应诉");
    report_words_count(stats_fig(r, NULL, MET_HEAD_APPEARANCES)->num, &b);
    fy_buf_puts(&b, "，出庭应诉率为");
    put_rate_and_change(&b, rate, stats_fig_prev(r, NULL, MET_APPEARANCE_RATE));
    int all = rate->num == rate->den;
    stats_result_free(r);
    /* by 旗区 of the defendant: under centralised jurisdiction the court of
     * a case says little about where the dispute is (domain.md) */
    FY_TRY_BUF(ask(c, METS(MET_APPEARANCE_RATE), DIM_DISTRICT, &r), &b);
    size_t shown = 0;
    for (size_t i = 0; !all && i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const char *label = stats_key_label(r, 0, row->key[0]);
        const struct stats_cell *cell = stats_fig(r, row, MET_APPEARANCE_RATE);
        if (!label || !cell->den || cell->num == cell->den)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "、" : "。负责人未出庭的案件涉及",
                      label);
        report_words_count(cell->den - cell->num, &b);
        fy_buf_puts(&b, "（出庭应诉率");
        report_words_rate(cell, &b);
        fy_buf_puts(&b, "）");
        shown++;
    }
    stats_result_free(r);
    struct chart_spec *ch = table_chart(c, TBL_APPEARANCE_BY_DISTRICT);
    put_ref(c, ch, &b);
    fy_buf_puts(&b, all ? "。府院联动工作要求的出庭应诉率100%的目标已经实现。"
                        : "。距府院联动工作要求的出庭应诉率100%的目标仍有差距。");
    report_doc_para(c->doc, fy_buf_str(&b));
    place(c, ch, "appearance-rate", "行政机关负责人出庭应诉率（按旗区）", 1,
          "目标值100%", 210);
    fy_buf_release(&b);
    return FY_OK;
}

/* 万人成讼率 by 旗区, highest first (defined and above 0 only). */
static fy_status litigation_districts(struct ctx *c, struct fy_buf *b,
                                      const struct chart_spec *ch)
{
    struct stats_result *d;
    struct ranking rk;

    FY_TRY(ask(c, METS(MET_LITIGATION), DIM_DISTRICT, &d));
    rank_rows(d, 0, 1, 1, 3, &rk);
    for (size_t i = 0; i < rk.n; i++) {
        fy_buf_printf(b, "%s%s（", i ? "、" : "分旗区看，万人成讼率较高的是",
                      rank_label(&rk, i));
        report_fmt_value(STATS_PER10K, rank_cell(&rk, i), b);
        fy_buf_puts(b, "）");
    }
    if (rk.n) {
        put_ref(c, ch, b);
        fy_buf_puts(b, "。");
    }
    free(rk.rows);
    stats_result_free(d);
    return FY_OK;
}

static fy_status governance(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "五、诉源治理");
    FY_TRY(ask(c, METS(MET_LITIGATION, MET_FI_CLOSED, MET_MEDIATED_WITHDRAWN,
                       MET_MW_RATE), DIM_COUNT, &r));
    const struct stats_cell *lit = stats_fig(r, NULL, MET_LITIGATION);
    const struct stats_cell *plit = stats_fig_prev(r, NULL, MET_LITIGATION);
    struct chart_spec *ch = lit->num ? table_chart(c, TBL_LITIGATION) : NULL;
    fy_status rc = FY_OK;
    if (!lit->num) {
        fy_buf_puts(&b, "全年全市法院未新收民事、行政一审案件。");
    } else {
        fy_buf_puts(&b, "全年全市法院新收民事、行政一审案件");
        report_words_count(lit->num, &b);
        if (lit->den) {
            fy_buf_puts(&b, "，万人成讼率为");
            report_fmt_value(STATS_PER10K, lit, &b);
            if (plit->den && plit->num) {
                fy_buf_puts(&b, "，上年同期为");
                report_fmt_value(STATS_PER10K, plit, &b);
            }
        }
        fy_buf_puts(&b, "。");
        rc = litigation_districts(c, &b, ch);
    }
    if (rc != FY_OK) {
        report_chart_spec_free(ch);
        stats_result_free(r);
        fy_buf_release(&b);
        return rc;
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    place(c, ch, "litigation-per-10k", "万人成讼率（按旗区）", 1, NULL, 250);
    show_table(c, TBL_LITIGATION);
    fy_buf_reset(&b);
    int64_t closed = stats_fig(r, NULL, MET_FI_CLOSED)->num;
    int64_t mw = stats_fig(r, NULL, MET_MEDIATED_WITHDRAWN)->num;
    if (!closed) {
        fy_buf_puts(&b, "全年未审结一审行政案件，不计算调撤率。");
    } else if (!mw) {
        fy_buf_puts(&b, "全年审结的一审行政案件中，没有以调解、撤诉方式结案的。");
    } else {
        fy_buf_puts(&b, "全年一审行政案件以调解、撤诉方式结案");
        report_words_count(mw, &b);
        fy_buf_puts(&b, "，调撤率为");
        put_rate_and_change(&b, stats_fig(r, NULL, MET_MW_RATE),
                            stats_fig_prev(r, NULL, MET_MW_RATE));
        fy_buf_puts(&b, "。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status recommendations(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "六、司法建议与检察建议");
    FY_TRY(ask(c, METS(MET_REC_ISSUED, MET_REC_DUE, MET_REC_ON_TIME,
                       MET_REC_FEEDBACK_RATE, MET_REC_OVERDUE,
                       MET_REC_ADOPTION_RATE), DIM_REC_KIND, &r));
    int64_t issued = stats_fig(r, NULL, MET_REC_ISSUED)->num;
    int64_t due = stats_fig(r, NULL, MET_REC_DUE)->num;
    int64_t overdue = stats_fig(r, NULL, MET_REC_OVERDUE)->num;
    const struct stats_cell *adopt = stats_fig(r, NULL, MET_REC_ADOPTION_RATE);
    struct chart_spec *ch = table_chart(c, TBL_RECS_BY_KIND);

    if (issued) {
        fy_buf_puts(&b, "全年发出司法建议、检察建议");
        report_words_count(issued, &b);
        size_t k = 0;
        for (size_t i = 0; i < r->nrows; i++) {
            int64_t n = stats_fig(r, &r->rows[i], MET_REC_ISSUED)->num;
            if (!n)
                continue;
            fy_buf_printf(&b, "%s%s", k++ ? "、" : "（其中",
                          stats_key_label(r, 0, r->rows[i].key[0]));
            report_words_count(n, &b);
        }
        if (k)
            fy_buf_puts(&b, "）");
        put_count_change(&b, issued,
                         stats_fig_prev(r, NULL, MET_REC_ISSUED)->num);
        fy_buf_puts(&b, "。");
    } else {
        fy_buf_puts(&b, "全年未发出司法建议、检察建议。");
    }
    if (due) {
        fy_buf_puts(&b, "反馈期限在本年内的建议");
        report_words_count(due, &b);
        fy_buf_puts(&b, "，按期书面反馈");
        report_words_count(stats_fig(r, NULL, MET_REC_ON_TIME)->num, &b);
        fy_buf_puts(&b, "，按期反馈率为");
        put_rate_and_change(&b, stats_fig(r, NULL, MET_REC_FEEDBACK_RATE),
                            stats_fig_prev(r, NULL, MET_REC_FEEDBACK_RATE));
        fy_buf_puts(&b, "。");
    }
    if (adopt->den) {
        fy_buf_puts(&b, "本年发出并已反馈的建议");
        report_words_count(adopt->den, &b);
        fy_buf_puts(&b, "，采纳率为");
        report_words_rate(adopt, &b);
        fy_buf_puts(&b, "。");
    }
    fy_buf_puts(&b, "截至");
    report_words_date(as_of_day(c), &b);
    if (overdue) {
        fy_buf_puts(&b, "，仍有");
        report_words_count(overdue, &b);
        fy_buf_puts(&b, "建议逾期未反馈");
    } else {
        fy_buf_puts(&b, "，没有逾期未反馈的建议");
    }
    if (issued || due || overdue) {
        fy_buf_puts(&b, "（见");
        if (ch)
            fy_buf_printf(&b, "图%zu、", next_chart(c));
        put_table_number(&b, report_book_get(c->book, TBL_RECS_BY_KIND));
        fy_buf_puts(&b, "）");
    }
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    place(c, ch, "recommendations", "司法建议、检察建议反馈情况", 1,
          "应反馈：反馈期限在本年内的建议；按期反馈：其中在期限内书面反馈的",
          210);
    if (issued || due || overdue)
        show_table(c, TBL_RECS_BY_KIND);

    FY_TRY_BUF(ask(c, METS(MET_HEARING_COUNT, MET_HEARING_ATTENDANCE_RATE),
                   DIM_COUNT, &r), &b);
    fy_buf_reset(&b);
    int64_t held = stats_fig(r, NULL, MET_HEARING_COUNT)->num;
    if (!held) {
        fy_buf_puts(&b, "全年检察机关未召开行政检察听证会。");
    } else {
        fy_buf_puts(&b, "全年检察机关召开行政检察听证会");
        report_words_quantity(held, "场", &b);
        put_count_change(&b, held,
                         stats_fig_prev(r, NULL, MET_HEARING_COUNT)->num);
        fy_buf_puts(&b, "；行政机关负责人出席听证会的比率为");
        put_rate_and_change(&b, stats_fig(r, NULL, MET_HEARING_ATTENDANCE_RATE),
                            stats_fig_prev(r, NULL,
                                           MET_HEARING_ATTENDANCE_RATE));
        fy_buf_puts(&b, "。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

static const char *const ordinals[] = {
    "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）",
    "（九）", "（十）", "（十一）", "（十二）", "（十三）", "（十四）", "（十五）",
    "（十六）"};

/* 七、存在的问题: the findings that hold, in the order of the table. */
static void problems(struct ctx *c, const struct report_finding_list *f)
{
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "七、存在的问题");
    if (!f->n)
        report_doc_para(c->doc, "从本年度的统计数据看，未发现需要特别提示的突出"
                                "问题。");
    for (size_t i = 0; i < f->n; i++) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s%s", ordinals[i], f->items[i].text);
        report_doc_para(c->doc, fy_buf_str(&b));
    }
    fy_buf_release(&b);
}

/*
 * A suggestion of the table with its placeholders filled in: {对象} the
 * names of the finding, {城市} the city; a part in [ ] is kept only when
 * there are names.
 */
static void fill(struct fy_buf *out, const char *text, const char *names,
                 const char *city)
{
    int keep = names && *names, skipping = 0;

    for (const char *p = text; *p;) {
        if (*p == '[') {
            skipping = !keep;
            p++;
        } else if (*p == ']') {
            skipping = 0;
            p++;
        } else if (strncmp(p, "{对象}", strlen("{对象}")) == 0) {
            if (!skipping)
                fy_buf_puts(out, names ? names : "");
            p += strlen("{对象}");
        } else if (strncmp(p, "{城市}", strlen("{城市}")) == 0) {
            if (!skipping)
                fy_buf_puts(out, city);
            p += strlen("{城市}");
        } else {
            if (!skipping)
                fy_buf_putc(out, *p);
            p++;
        }
    }
}

/* Add the suggestion of @p key (when the table has one and it is not
 * there yet) as the next numbered paragraph. */
static void suggest(struct ctx *c, const char *key, const char *names,
                    const char **done, size_t *ndone)
{
    const struct fy_suggestions *s = c->book->settings->suggestions;
    const char *text = fy_suggestion_text(s, key);
    struct fy_buf b = FY_BUF_INIT;

    if (!text)
        return;
    for (size_t i = 0; i < *ndone; i++)
        if (done[i] == text)
            return;
    done[(*ndone)++] = text;
    fy_buf_puts(&b, ordinals[*ndone - 1]);
    fill(&b, text, names, c->city);
    report_doc_para(c->doc, fy_buf_str(&b));
    fy_buf_release(&b);
}

/* 八、意见建议: one suggestion per finding, and per leading loss cause. */
static void suggestions(struct ctx *c, const struct report_finding_list *f)
{
    const char *done[REPORT_MAX_FINDINGS + 8];
    size_t ndone = 0;

    report_doc_heading(c->doc, "八、意见建议");
    for (size_t i = 0; i < f->n && ndone < REPORT_MAX_FINDINGS; i++) {
        const struct report_finding *x = &f->items[i];
        suggest(c, x->id, x->names, done, &ndone);
        if (strcmp(x->id, "F4") != 0)
            continue;
        /* the leading causes, each with its own suggestion */
        static const char sep[] = "、";
        for (const char *p = x->names; *p;) {
            const char *e = strstr(p, sep);
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char *cause = fy_xstrndup(p, n);
            suggest(c, cause, NULL, done, &ndone);
            free(cause);
            p += n + (e ? strlen(sep) : 0);
        }
    }
    if (!ndone)
        suggest(c, "S0", NULL, done, &ndone);
    if (!ndone)
        report_doc_para(c->doc, "（意见建议表中没有适用的段落。）");
}

/* The rows of a long agency table the annex prints (white-paper.md, 附录
 * 附表: the top 20 by count; the workbook keeps every row). */
#define ANNEX_TOP 20
/* A tie at the 20th row is shown whole when it ends by this row, else
 * left out whole (and said so): never cut inside. */
#define ANNEX_TIE_MAX 30

/* The figure of row @p r in @p t's rank column (-1: none). */
static double rank_figure(const struct report_table *t, size_t r)
{
    const struct report_value *v = &t->cells[r * t->ncols + t->rank_col];

    return v->defined ? v->v : -1;
}

/*
 * Table @p t in the annex: whole when it has at most ANNEX_TOP rows or
 * does not rank its rows; else its ANNEX_TOP rows with the largest
 * figure (above 0; a tie at the cut whole or not at all), in the table's
 * order, with a line saying where the full list is.
 */
static void annex_table(struct ctx *c, const struct report_table *t)
{
    size_t n = report_data_rows(t);

    if (!t->ranked || n <= ANNEX_TOP) {
        report_doc_table(c->doc, t);
        return;
    }
    /* the candidates by figure, largest first (stable: the table's
     * order among equals) */
    size_t *idx = fy_xcalloc(n, sizeof(size_t)), m = 0;
    for (size_t r = 0; r < n; r++)
        if (rank_figure(t, r) > 0 && !is_rest(t->cells[r * t->ncols].text))
            idx[m++] = r;
    for (size_t i = 1; i < m; i++) {
        size_t k = idx[i], j = i;
        while (j > 0 && rank_figure(t, idx[j - 1]) < rank_figure(t, k)) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    const char *what = t->cols[0].header;           /* 被告, 接收单位 */
    const char *fig = t->cols[t->rank_col].header;  /* 行政机关败诉 */
    struct fy_buf tie = FY_BUF_INIT;
    size_t k = m < ANNEX_TOP ? m : ANNEX_TOP;
    if (k < m && rank_figure(t, idx[k - 1]) == rank_figure(t, idx[k])) {
        double f = rank_figure(t, idx[k - 1]);
        size_t s = k - 1, e = k;
        while (s > 0 && rank_figure(t, idx[s - 1]) == f)
            s--;
        while (e + 1 < m && rank_figure(t, idx[e + 1]) == f)
            e++;
        struct fy_buf num = FY_BUF_INIT;
        report_fmt_cell(&t->cells[idx[k - 1] * t->ncols + t->rank_col],
                        t->cols[t->rank_col].kind, &num);
        fy_buf_printf(&tie, "；第%zu至%zu位的%zu个%s并列（“%s”均为%s），%s",
                      s + 1, e + 1, e - s + 1, what, fig, fy_buf_str(&num),
                      e + 1 > ANNEX_TIE_MAX ? "均未列出" : "均已列出");
        fy_buf_release(&num);
        k = e + 1 > ANNEX_TIE_MAX ? s : e + 1;
    }
    /* shown in the table's order: 旗区 groups, figure, pinyin */
    for (size_t i = 1; i < k; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && idx[j - 1] > v) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }

    struct fy_buf b = FY_BUF_INIT;
    if (k) {
        put_table_number(&b, t);
        fy_buf_printf(&b, "仅列出“%s”最多的%zu个%s（按所属旗区排列，"
                          "市本级在前）%s；全部%zu行见统计工作簿“%s”工作表。",
                      fig, k, what, fy_buf_str(&tie), n, t->sheet);
        report_doc_table_rows(c->doc, t, idx, k, fy_buf_str(&b));
    } else { /* nothing to put first: no table of no rows */
        fy_buf_printf(&b, "%s：未列出各%s", t->title, what);
        if (m)
            fy_buf_puts(&b, fy_buf_str(&tie));
        else
            fy_buf_printf(&b, "（“%s”均为0）", fig);
        fy_buf_printf(&b, "；全部%zu行见统计工作簿“%s”工作表。", n, t->sheet);
        report_doc_para(c->doc, fy_buf_str(&b));
    }
    fy_buf_release(&b);
    fy_buf_release(&tie);
    free(idx);
}

/* 附表: the book's tables not shown in the text, then the notes. */
static void appendix(struct ctx *c)
{
    const struct report_book *book = c->book;
    struct fy_buf b = FY_BUF_INIT;

    const struct fy_typical_cases *t = book->settings->typical;

    report_doc_pagebreak(c->doc);
    /* 附录二 after the typical cases of 附录一, else the only appendix */
    report_doc_heading(c->doc, t && t->ncases ? "附录二　附表" : "附录　附表");
    fy_buf_puts(&b, "附表的编号与统计工作簿一致");
    for (size_t i = 0; i < c->nshown; i++) {
        fy_buf_puts(&b, i ? "、" : "；");
        put_table_number(&b, c->shown[i]);
    }
    fy_buf_puts(&b, c->nshown ? "已在正文中列出，不再重复。" : "。");
    if (book->nnotes)
        fy_buf_puts(&b, "表中[注1]等标注的说明见本节末。");
    report_doc_para(c->doc, fy_buf_str(&b));
    for (size_t i = 0; i < book->ntables; i++)
        if (!was_shown(c, &book->tables[i]))
            annex_table(c, &book->tables[i]);
    if (book->nnotes) {
        report_doc_subheading(c->doc, "表注");
        for (size_t i = 0; i < book->nnotes; i++) {
            fy_buf_reset(&b);
            fy_buf_printf(&b, "[注%zu] %s", i + 1, book->notes[i]);
            report_doc_para(c->doc, fy_buf_str(&b));
        }
    }
    fy_buf_release(&b);
}

/* The paragraphs of one part of a typical case: the label runs into the
 * first; each line of the text is a paragraph of its own. */
static void typical_part(struct report_doc *doc, const char *label,
                         const char *text)
{
    int first = 1;

    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n");
        /* the indent of the page replaces the one typed in the text */
        size_t skip = 0;
        while (skip < n && (s[skip] == ' ' || s[skip] == '\t'
                            || strncmp(s + skip, "　", 3) == 0))
            skip += s[skip] == ' ' || s[skip] == '\t' ? 1 : 3;
        size_t end = n;
        while (end > skip && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        if (end > skip) {
            char *line = fy_xstrndup(s + skip, end - skip);
            if (first)
                report_doc_labelled_para(doc, label, line);
            else
                report_doc_para(doc, line);
            free(line);
            first = 0;
        }
        s += n + (s[n] == '\n');
    }
    if (first) /* an empty part still shows its label */
        report_doc_labelled_para(doc, label, "（无）");
}

/* 附录一 典型案例: one entry per case of the typical-cases file, in its
 * order (white-paper.md, "Typical cases"); absent without the file. */
static void typical_cases(struct ctx *c)
{
    const struct fy_typical_cases *t = c->book->settings->typical;
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六",
                                       "七", "八", "九", "十"};

    if (!t || !t->ncases)
        return;
    report_doc_pagebreak(c->doc);
    report_doc_heading(c->doc, "附录一　典型案例");
    for (size_t i = 0; i < t->ncases; i++) {
        const struct fy_typical_case *tc = &t->cases[i];
        struct fy_buf b = FY_BUF_INIT;
        size_t k = i + 1;
        /* （一）…（十）, （十一）…（九十九）, then digits */
        fy_buf_puts(&b, "（");
        if (k <= 10)
            fy_buf_puts(&b, nums[k - 1]);
        else if (k < 100)
            fy_buf_printf(&b, "%s十%s", k >= 20 ? nums[k / 10 - 1] : "",
                          k % 10 ? nums[k % 10 - 1] : "");
        else
            fy_buf_printf(&b, "%zu", k);
        fy_buf_printf(&b, "）%s", *tc->title ? tc->title : tc->case_no);
        report_doc_subheading(c->doc, fy_buf_str(&b));
        fy_buf_release(&b);
        if (*tc->case_no) {
            char *no = fy_xasprintf("案号：%s", tc->case_no);
            report_doc_byline(c->doc, no);
            free(no);
        }
        typical_part(c->doc, "【基本案情】", tc->facts);
        typical_part(c->doc, "【裁判结果】", tc->ruling);
        typical_part(c->doc, "【典型意义】", tc->significance);
    }
}

fy_status report_annual_doc(const struct fy_dataset *ds,
                            const struct stats_period *period, int32_t as_of,
                            const struct report_book *book,
                            struct report_doc *doc, struct fy_error *err)
{
    struct ctx c = {ds, *period, as_of, book, doc, err,
                    report_settings_city(book->settings, ds), NULL, NULL, 0};
    struct fy_buf date = FY_BUF_INIT;
    fy_status rc;

    c.year = stats_period_title(period);
    doc->title = fy_xasprintf("%s行政审判白皮书", c.city);
    doc->subtitle = fy_xasprintf("（%s）", c.year);
    doc->issuers = fy_xstrdup(book->issuers);
    fy_buf_puts(&date, "数据截至");
    report_words_date(as_of_day(&c), &date);
    doc->date = fy_buf_detach(&date);
    doc->created = book->created;
    report_doc_heading(doc, "前言");
    /* the data basis: what the run read (white-paper.md, 前言) */
    struct fy_buf src = FY_BUF_INIT;
    fy_buf_puts(&src, "全市两级法院案件管理系统数据");
    if (ds->npopulation)
        fy_buf_puts(&src, "、统计部门常住人口数据");
    if (ds->nrecs)
        fy_buf_puts(&src, "、司法建议和检察建议台账");
    if (ds->nhearings)
        fy_buf_puts(&src, "、检察机关听证会记录");
    const char *sources = fy_buf_str(&src);
    char *intro = fy_xasprintf(
        "为全面反映%s全市行政审判工作情况，深化府院联动，促进依法行政，"
        "现根据%s，对%s行政案件的收结案、案件特点、"
        "行政机关败诉及负责人出庭应诉、诉源治理、司法建议与检察建议等情况"
        "分析如下。",
        c.year, sources, c.year);
    report_doc_para(doc, intro);
    free(intro);
    fy_buf_release(&src);
    if (book->revisions && book->revisions->n) {
        struct fy_buf line = FY_BUF_INIT; /* --previous: one neutral line */
        report_revisions_line(book->revisions, &line);
        report_doc_para(doc, fy_buf_str(&line));
        fy_buf_release(&line);
    }
    rc = basics(&c);
    if (rc == FY_OK)
        rc = features(&c);
    if (rc == FY_OK)
        rc = losses(&c);
    if (rc == FY_OK)
        rc = appearances(&c);
    if (rc == FY_OK)
        rc = governance(&c);
    if (rc == FY_OK)
        rc = recommendations(&c);
    struct report_finding_list found;
    memset(&found, 0, sizeof(found));
    if (rc == FY_OK)
        rc = report_findings_of(ds, period, as_of, book, &found, err);
    if (rc == FY_OK) {
        problems(&c, &found);
        suggestions(&c, &found);
        typical_cases(&c);
        appendix(&c);
    }
    report_finding_list_release(&found);
    free((void *)c.shown);
    free(c.year);
    return rc;
}
