/* SPDX-License-Identifier: MIT */
/*
 * report_paper.c - the white-paper draft (行政审判白皮书): the sections of
 * outputs.md, each with its narrative (figures from the engine, worded by
 * report_words.c), its charts (drawn from the book's tables) and tables.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Figures                                                             */
/* ------------------------------------------------------------------ */

struct ctx {
    const struct fy_dataset *ds;
    struct stats_period period;
    int32_t as_of;
    const struct report_book *book;
    struct report_doc *doc;
    struct fy_error *err;
    char *year;                  /* "2023年" */
};

/* The engine's answer for @p metrics (by @p dims), against last year. */
static fy_status ask(struct ctx *c, const char *metrics, const char *dims,
                     struct stats_result **res)
{
    struct stats_request req;

    memset(&req, 0, sizeof(req));
    req.period = c->period;
    req.as_of = c->as_of;
    req.compare = STATS_COMPARE_YOY;
    FY_TRY(stats_request_metrics(&req, metrics, c->err));
    if (dims)
        FY_TRY(stats_request_dims(&req, dims, c->err));
    return stats_run(c->ds, &req, res, c->err);
}

static const struct report_table *table(struct ctx *c, const char *suffix)
{
    for (size_t i = 0; i < c->book->ntables; i++) {
        const char *name = c->book->tables[i].name;
        size_t n = strlen(name), k = strlen(suffix);
        if (n > k && strcmp(name + n - k, suffix) == 0 && name[n - k - 1] == '_')
            return &c->book->tables[i];
    }
    return NULL;
}

/* A chart of a book table, titled, with a statistical subtitle. */
static void chart(struct ctx *c, const char *suffix, const char *file,
                  enum chart_kind kind, const char *title, const char *unit,
                  const char *const *cols)
{
    const struct report_table *t = table(c, suffix);
    struct chart_spec *ch = t ? report_chart_from_table(t, kind, cols) : NULL;

    if (!ch)
        return;
    ch->title = fy_xstrdup(title);
    ch->subtitle = fy_xasprintf("%s｜单位：%s｜资料来源：%s各级法院案件管理系统",
                                c->book->period_title, unit,
                                norm_registry_city(c->ds->registry));
    report_doc_chart(c->doc, file, ch);
}

/* Rows of @p res sorted by metric 0's numerator, largest first. */
static size_t *by_count(const struct stats_result *res)
{
    size_t n = res->nrows, *idx = fy_xcalloc(n ? n : 1, sizeof(size_t));

    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, small n */
        size_t k = idx[i], j = i;
        while (j > 0 && res->rows[idx[j - 1]].cells[0].num
                            < res->rows[k].cells[0].num) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    return idx;
}

static void put_pct1(struct fy_buf *b, int64_t num, int64_t den)
{
    if (den == 0) {
        fy_buf_puts(b, "—");
        return;
    }
    __int128 t = ((__int128)num * 2000 + den) / (2 * den); /* tenths of % */
    fy_buf_printf(b, "%lld.%lld%%", (long long)(t / 10), (long long)(t % 10));
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

static const char *const class_of_type[] = {
    /* by case-type name index (norm_case_type_names) */
    "一审", "二审", "再审审查", "再审", "非诉", "非诉", "再审审查", "再审审查",
    "一审", "二审", "再审审查", "再审", "其他", "其他",
};

static fy_status basics(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    int64_t first = 0, second = 0, exec = 0;

    FY_TRY(ask(c, "filed,closed,pending_end,closure_rate", "case_type", &r));
    const struct stats_row *t = &r->total;
    for (size_t i = 0; i < r->nrows; i++) {
        const char *cls = class_of_type[r->rows[i].key[0]];
        int64_t n = r->rows[i].cells[0].num;
        if (strcmp(cls, "一审") == 0)
            first += n;
        else if (strcmp(cls, "二审") == 0)
            second += n;
        else if (strcmp(cls, "非诉") == 0)
            exec += n;
    }
    report_doc_heading(c->doc, "一、基本情况");
    fy_buf_printf(&b, "%s，全市两级法院共新收各类行政案件", c->year);
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(t->cells[0].num, t->prev[0].num, &b);
    fy_buf_puts(&b, "。其中一审行政案件");
    report_words_count(first, &b);
    fy_buf_puts(&b, "，二审行政案件");
    report_words_count(second, &b);
    fy_buf_puts(&b, "，非诉执行审查案件");
    report_words_count(exec, &b);
    fy_buf_puts(&b, "。");
    fy_buf_puts(&b, "审结各类行政案件");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(t->cells[1].num, t->prev[1].num, &b);
    fy_buf_puts(&b, "；结案率为");
    report_words_rate(&t->cells[3], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[3], &t->prev[3], &b);
    fy_buf_puts(&b, "；期末未结");
    report_words_count(t->cells[2].num, &b);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    report_doc_table(c->doc, table(c, "CasesByType"));
    chart(c, "Trend", "trend", CK_LINE, "历年行政案件收结案情况", "件",
          (const char *const[]){"新收", "审结", NULL});
    fy_buf_release(&b);
    return FY_OK;
}

/* "A(n件)、B(n件)、C(n件)" of the top @p k rows of metric 0. */
static void top_list(const struct stats_result *r, size_t k, struct fy_buf *b,
                     int64_t *sum)
{
    size_t *idx = by_count(r);
    size_t shown = 0;

    *sum = 0;
    for (size_t i = 0; i < r->nrows && shown < k; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || strcmp(label, "其他") == 0 || row->cells[0].num == 0)
            continue;
        fy_buf_printf(b, "%s%s（", shown ? "、" : "", label);
        report_words_count(row->cells[0].num, b);
        fy_buf_puts(b, "）");
        *sum += row->cells[0].num;
        shown++;
    }
    free(idx);
}

static fy_status features(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    int64_t sum;

    report_doc_heading(c->doc, "二、案件特点");
    report_doc_subheading(c->doc, "（一）案件涉及的旗区");
    FY_TRY(ask(c, "admin_fi_filed", "district", &r));
    fy_buf_puts(&b, "按被诉行政机关所属旗区统计，一审行政案件较多的是");
    top_list(r, 3, &b, &sum);
    fy_buf_puts(&b, "，合计占全市一审新收的");
    put_pct1(&b, sum, r->total.cells[0].num);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Districts", "districts", CK_BAR, "一审行政案件新收（按旗区，与上年对比）",
          "件", (const char *const[]){"行政一审新收", "行政一审新收上年同期",
                                     NULL});

    report_doc_subheading(c->doc, "（二）案件涉及的管理领域");
    FY_TRY(ask(c, "admin_fi_filed", "domain", &r));
    fy_buf_reset(&b);
    size_t *idx = by_count(r);
    size_t shown = 0;
    sum = 0;
    fy_buf_puts(&b, "从案件涉及领域看，主要集中在");
    for (size_t i = 0; i < r->nrows && shown < 3; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || strcmp(label, "其他") == 0 || !row->cells[0].num)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "、" : "", label);
        sum += row->cells[0].num;
        shown++;
    }
    fy_buf_puts(&b, "等领域，合计占比");
    put_pct1(&b, sum, r->total.cells[0].num);
    fy_buf_puts(&b, "。");
    free(idx);
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Domains", "domains", CK_DONUT, "一审行政案件涉及的管理领域", "件",
          (const char *const[]){"行政一审新收", NULL});

    report_doc_subheading(c->doc, "（三）被诉行政行为种类");
    FY_TRY(ask(c, "admin_fi_filed", "action_type", &r));
    fy_buf_reset(&b);
    fy_buf_puts(&b, "从被诉行政行为种类看，数量较多的是");
    top_list(r, 3, &b, &sum);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "ActionTypes", "action-types", CK_DONUT, "一审行政案件被诉行政行为种类", "件",
          (const char *const[]){"行政一审新收", NULL});

    report_doc_subheading(c->doc, "（四）结案方式");
    FY_TRY(ask(c, "fi_closed", "disposition", &r));
    fy_buf_reset(&b);
    fy_buf_puts(&b, "审结的一审行政案件中，");
    idx = by_count(r);
    shown = 0;
    for (size_t i = 0; i < r->nrows && shown < 4; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || !row->cells[0].num)
            continue;
        fy_buf_printf(&b, "%s以%s结案", shown ? "，" : "", label);
        report_words_count(row->cells[0].num, &b);
        fy_buf_puts(&b, "（占");
        put_pct1(&b, row->cells[0].num, r->total.cells[0].num);
        fy_buf_puts(&b, "）");
        shown++;
    }
    fy_buf_puts(&b, "。");
    free(idx);
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Dispositions", "dispositions", CK_HBAR, "一审行政案件结案方式", "件",
          (const char *const[]){"一审审结", NULL});
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status losses(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "三、行政机关败诉情况及原因分析");
    FY_TRY(ask(c, "fi_closed,agency_losses,loss_rate", NULL, &r));
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全年审结一审行政案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，行政机关败诉");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，败诉率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "LossByDomain", "loss-by-domain", CK_HBAR, "行政机关败诉率（按管理领域）", "%",
          (const char *const[]){"行政机关败诉率", NULL});

    FY_TRY(ask(c, "agency_losses,loss_causes", NULL, &r));
    fy_buf_reset(&b);
    /* causes by count, largest first */
    size_t order[NORM_NCAUSES + 1], n = r->req.nmetrics - 1;
    for (size_t i = 0; i < n; i++)
        order[i] = i + 1;
    for (size_t i = 1; i < n; i++) {
        size_t k = order[i], j = i;
        while (j > 0 && r->total.cells[order[j - 1]].num
                            < r->total.cells[k].num) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    if (r->total.cells[0].num == 0) {
        fy_buf_puts(&b, "本年度无行政机关败诉案件。");
    } else {
        fy_buf_puts(&b, "从败诉原因看，主要为");
        size_t shown = 0;
        char buf[64];
        for (size_t i = 0; i < n && shown < 4; i++) {
            const struct stats_cell *cell = &r->total.cells[order[i]];
            if (!cell->num)
                continue;
            const char *name = stats_metric_name(&r->req.metrics[order[i]], buf,
                                                 sizeof(buf));
            fy_buf_printf(&b, "%s%s（", shown ? "、" : "",
                          name + strlen("败诉原因—"));
            report_words_count(cell->num, &b);
            fy_buf_puts(&b, "，占");
            report_words_rate(cell, &b);
            fy_buf_puts(&b, "）");
            shown++;
        }
        fy_buf_puts(&b, "。一案列有多项原因的分别计入。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    const struct report_table *lt = table(c, "LossCauses");
    if (lt) {
        struct chart_spec *ch = report_chart_from_table(
            lt, CK_HBAR, (const char *const[]){"件数", NULL});
        if (ch) { /* sorted, largest first */
            for (size_t i = 1; i < ch->ncat; i++) {
                for (size_t j = i; j > 0 && ch->series[0].values[j - 1]
                                                < ch->series[0].values[j];
                     j--) {
                    double *v = (double *)ch->series[0].values;
                    unsigned char *d = (unsigned char *)ch->series[0].defined;
                    const char **cat = (const char **)ch->categories;
                    double tv = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = tv;
                    unsigned char td = d[j];
                    d[j] = d[j - 1];
                    d[j - 1] = td;
                    const char *tc = cat[j];
                    cat[j] = cat[j - 1];
                    cat[j - 1] = tc;
                }
            }
            ch->title = fy_xstrdup("行政机关败诉原因");
            ch->subtitle = fy_xasprintf("%s｜单位：件｜一案多因分别计入",
                                        c->book->period_title);
            report_doc_chart(c->doc, "loss-causes", ch);
        }
    }
    report_doc_table(c->doc, table(c, "LossCauses"));
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status appearances(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "四、行政机关负责人出庭应诉情况");
    FY_TRY(ask(c, "hearings_held,head_appearances,appearance_rate", NULL, &r));
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "开庭审理一审行政案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，行政机关负责人出庭应诉");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，出庭应诉率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    fy_buf_printf(&b, "。按照府院联动工作要求，出庭应诉率目标为100%%，%s。",
                  t->cells[2].den && t->cells[2].num == t->cells[2].den
                      ? "已全部实现"
                      : "负责人未出庭的案件应逐案说明原因");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    const struct report_table *at = table(c, "AppearanceByCourt");
    if (at) {
        struct chart_spec *ch = report_chart_from_table(
            at, CK_BAR, (const char *const[]){"行政机关负责人出庭应诉率", NULL});
        if (ch) {
            ch->title = fy_xstrdup("行政机关负责人出庭应诉率（按法院）");
            ch->subtitle = fy_xasprintf("%s｜单位：%%｜目标值100%%",
                                        c->book->period_title);
            ch->target = 1.0;
            ch->target_label = fy_xstrdup("目标 100%");
            report_doc_chart(c->doc, "appearance-rate", ch);
        }
    }
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status governance(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "五、诉源治理");
    FY_TRY(ask(c, "litigation_per_10k,mediated_withdrawn,"
                  "mediation_withdrawal_rate", NULL, &r));
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全市民事、行政一审新收案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，万人成讼率为");
    report_fmt_value(STATS_PER10K, &t->cells[0], &b);
    struct fy_buf ch = FY_BUF_INIT;
    report_fmt_change(STATS_PER10K, &t->cells[0], &t->prev[0], &ch);
    if (t->prev[0].den && t->cells[0].den)
        fy_buf_printf(&b, "（上年同期%s）",
                      (fy_buf_reset(&ch),
                       report_fmt_value(STATS_PER10K, &t->prev[0], &ch),
                       fy_buf_str(&ch)));
    fy_buf_puts(&b, "。一审行政案件调撤");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，调撤率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    fy_buf_puts(&b, "。");
    fy_buf_release(&ch);
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "LitigationPer10k", "litigation-per-10k", CK_BAR, "万人成讼率（按旗区，与上年对比）",
          "件/万人", (const char *const[]){"万人成讼率", "万人成讼率上年同期",
                                       NULL});
    report_doc_table(c->doc, table(c, "LitigationPer10k"));
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status recommendations(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "六、司法建议与检察建议");
    FY_TRY(ask(c, "rec_issued,rec_due,rec_on_time,rec_feedback_rate,"
                  "rec_overdue,rec_adoption_rate", "rec_kind", &r));
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全年发出司法建议、检察建议");
    report_words_count(t->cells[0].num, &b);
    for (size_t i = 0; i < r->nrows; i++) {
        fy_buf_printf(&b, "%s%s", i ? "、" : "（其中",
                      stats_key_label(r, 0, r->rows[i].key[0]));
        report_words_count(r->rows[i].cells[0].num, &b);
    }
    if (r->nrows)
        fy_buf_puts(&b, "）");
    fy_buf_puts(&b, "，");
    report_words_count_change(t->cells[0].num, t->prev[0].num, &b);
    fy_buf_puts(&b, "。期内应反馈");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，按期书面反馈");
    report_words_count(t->cells[2].num, &b);
    fy_buf_puts(&b, "，按期反馈率为");
    report_words_rate(&t->cells[3], &b);
    fy_buf_puts(&b, "；已反馈建议的采纳率为");
    report_words_rate(&t->cells[5], &b);
    fy_buf_printf(&b, "；截至%s，逾期未反馈", c->book->as_of);
    report_words_count(t->cells[4].num, &b);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    const struct report_table *rt = table(c, "RecsByKind");
    if (rt) {
        struct chart_spec *ch = report_chart_from_table(
            rt, CK_STACKED, (const char *const[]){"按期反馈", "应反馈", NULL});
        if (ch) { /* stack: on time, and the rest of those due */
            double *rest = (double *)ch->series[1].values;
            for (size_t i = 0; i < ch->ncat; i++)
                rest[i] -= ch->series[0].values[i];
            free((char *)ch->series[1].name);
            ch->series[1].name = fy_xstrdup("未按期反馈");
            ch->title = fy_xstrdup("司法建议、检察建议反馈情况");
            ch->subtitle = fy_xasprintf("%s｜单位：件｜应反馈 = 按期反馈 + "
                                        "未按期反馈", c->book->period_title);
            report_doc_chart(c->doc, "recommendations", ch);
        }
    }
    FY_TRY(ask(c, "hearing_count,hearing_attendance_rate", NULL, &r));
    fy_buf_reset(&b);
    fy_buf_puts(&b, "检察机关召开行政检察听证会");
    report_words_count(r->total.cells[0].num, &b);
    fy_buf_puts(&b, "，行政机关负责人出席率为");
    report_words_rate(&r->total.cells[1], &b);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

fy_status report_annual_doc(const struct fy_dataset *ds,
                            const struct stats_period *period, int32_t as_of,
                            const struct report_book *book,
                            struct report_doc *doc, struct fy_error *err)
{
    struct ctx c = {ds, *period, as_of, book, doc, err, NULL};
    const char *city = norm_registry_city(ds->registry);
    fy_status rc;

    c.year = stats_period_title(period);
    doc->title = fy_xasprintf("%s行政审判白皮书", city);
    doc->subtitle = fy_xasprintf("（%s）", c.year);
    doc->issuers = fy_xasprintf("%s中级人民法院", city);
    doc->date = fy_xasprintf("统计截止日：%s", book->as_of);
    doc->created = book->created;
    report_doc_heading(doc, "前言");
    char *intro = fy_xasprintf(
        "为全面反映%s全市行政审判工作情况，深化府院联动，促进依法行政，"
        "现根据全市两级法院案件管理系统数据，对%s行政案件的收结案、案件特点、"
        "行政机关败诉及负责人出庭应诉、诉源治理、司法建议与检察建议等情况"
        "分析如下。本稿中的数字均由统计程序自相同数据生成，可在附表和统计工作簿"
        "中逐项核对。",
        c.year, c.year);
    report_doc_para(doc, intro);
    free(intro);
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
    if (rc == FY_OK) {
        report_doc_pagebreak(doc);
        report_doc_heading(doc, "七、附表");
        for (size_t i = 0; i < book->ntables; i++)
            report_doc_table(doc, &book->tables[i]);
    }
    free(c.year);
    return rc;
}
