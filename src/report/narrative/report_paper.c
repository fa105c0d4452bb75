/* SPDX-License-Identifier: MIT */
/*
 * report_paper.c - the white-paper draft (行政审判白皮书): the sections of
 * outputs.md, each with its narrative (figures from the engine, worded by
 * report_words.c), its charts (drawn from the book's tables, numbered 图1,
 * 图2 … and sized for the A4 text width) and the tables that belong to
 * it; 七、附表 holds the book's other tables and the notes they refer to.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

/* The text width of the A4 page (report_pdf.c): charts are drawn at this
 * width on the page and in their own files alike. */
#define CHART_W 459.0

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
    const struct report_table **shown; /* tables in the sections' text */
    size_t nshown;
};

/* The engine's answer over the paper's period, against last year. */
static fy_status ask_c(struct ctx *c, const char *metrics, const char *dims,
                       struct stats_result **res)
{
    return report_ask(c->ds, &c->period, c->as_of, metrics, dims, res,
                      c->err);
}



/* A table in a section's text (七、附表 does not repeat it). */
static void show_table(struct ctx *c, const char *suffix)
{
    const struct report_table *t = report_book_table(c->book, suffix);

    if (!t)
        return;
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

/* "表2" of a table's title "表2 2023年…" (owned). */
static char *table_number(const struct report_table *t)
{
    const char *sp = strchr(t->title, ' ');

    return sp ? fy_xstrndup(t->title, (size_t)(sp - t->title))
              : fy_xstrdup(t->title);
}

/* 1 for the labels that go last and are never "the largest": 其他, 未填写. */
static int is_rest(const char *label)
{
    return !label || strcmp(label, "其他") == 0 || strcmp(label, "未填写") == 0;
}

/* Sort a chart's categories by the first series, largest first; 其他 and
 * 未填写 stay at the end (a stable insertion sort: a few categories). */
static void sort_chart(struct chart_spec *ch)
{
    const char **cat = (const char **)ch->categories;

    for (size_t i = 1; i < ch->ncat; i++) {
        for (size_t j = i; j > 0; j--) {
            const struct chart_series *s = &ch->series[0];
            int rest_a = is_rest(cat[j - 1]), rest_b = is_rest(cat[j]);
            double a = s->defined[j - 1] ? s->values[j - 1] : -1e300;
            double b = s->defined[j] ? s->values[j] : -1e300;
            if (rest_b || (!rest_a && a >= b))
                break;
            const char *tc = cat[j];
            cat[j] = cat[j - 1];
            cat[j - 1] = tc;
            for (size_t k = 0; k < ch->nseries; k++) {
                double *v = (double *)ch->series[k].values;
                unsigned char *d = (unsigned char *)ch->series[k].defined;
                double tv = v[j];
                v[j] = v[j - 1];
                v[j - 1] = tv;
                unsigned char td = d[j];
                d[j] = d[j - 1];
                d[j - 1] = td;
            }
        }
    }
}

/* The number the next chart gets (图N). */
static size_t next_chart(const struct ctx *c)
{
    size_t n = 1;

    for (size_t i = 0; i < c->doc->nblocks; i++)
        n += c->doc->blocks[i].kind == DB_CHART;
    return n;
}

/* Add chart @p ch (consumed) as 图N with @p title and @p subtitle (owned
 * by the chart from now on), @p height points tall. */
static void add_chart(struct ctx *c, struct chart_spec *ch, const char *file,
                      const char *title, char *subtitle, double height)
{
    ch->title = fy_xasprintf("图%zu　%s", next_chart(c), title);
    ch->subtitle = subtitle;
    ch->width = CHART_W;
    ch->height = height;
    report_doc_chart(c->doc, file, ch);
}

/* The subtitle of a chart: period, unit and source. */
static char *source_line(struct ctx *c, const char *unit)
{
    return fy_xasprintf("%s｜单位：%s｜资料来源：%s两级法院案件管理系统",
                        c->book->period_title, unit,
                        norm_registry_city(c->ds->registry));
}

/* A chart of a book table, titled, with a statistical subtitle. */
static void chart(struct ctx *c, const char *suffix, const char *file,
                  enum chart_kind kind, const char *title, const char *unit,
                  const char *const *cols, int sorted, double height)
{
    const struct report_table *t = report_book_table(c->book, suffix);
    struct chart_spec *ch = t ? report_chart_from_table(t, kind, cols) : NULL;

    if (!ch)
        return;
    if (sorted)
        sort_chart(ch);
    add_chart(c, ch, file, title, source_line(c, unit), height);
}

/* The height of a bar chart on its side: room for every category. */
static double hbar_height(const struct report_table *t)
{
    size_t n = t ? t->nrows - (t->has_total ? 1 : 0) : 0;

    return 80.0 + 17.0 * (double)n;
}


/* 1 when rate @p a is above rate @p b (exact; undefined lowest). */
static int rate_above(const struct stats_cell *a, const struct stats_cell *b)
{
    if (!a->den || !b->den)
        return a->den && !b->den;
    return (__int128)a->num * b->den > (__int128)b->num * a->den;
}

/* Rows of @p res sorted by rate metric @p m, highest first. */
static size_t *by_rate(const struct stats_result *res, size_t m)
{
    size_t n = res->nrows, *idx = fy_xcalloc(n ? n : 1, sizeof(size_t));

    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t k = idx[i], j = i;
        while (j > 0 && rate_above(&res->rows[k].cells[m],
                                   &res->rows[idx[j - 1]].cells[m])) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = k;
    }
    return idx;
}

/* A share with one decimal, "50.1%", rounded half away from zero. */
static void put_pct1(struct fy_buf *b, int64_t num, int64_t den)
{
    if (den == 0) {
        fy_buf_puts(b, "—");
        return;
    }
    __int128 t = ((__int128)num * 2000 + den) / (2 * den); /* tenths of % */
    fy_buf_printf(b, "%lld.%lld%%", (long long)(t / 10), (long long)(t % 10));
}

static int32_t as_of_day(const struct ctx *c)
{
    return c->as_of != FY_NO_DATE ? c->as_of : c->period.end;
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

/* The class of a case-type row (its key is the type name's index). */
static enum norm_case_class class_of(uint32_t key)
{
    size_t n;
    const struct norm_case_type *types = norm_case_types(&n);

    for (size_t k = 0; k < n; k++)
        if (norm_case_type_name_index(k) == key)
            return types[k].cls;
    return NORM_CLASS_OTHER;
}

static fy_status basics(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    int64_t first = 0, second = 0, exec = 0;

    FY_TRY_BUF(ask_c(c, "filed,closed,pending_end,closure_rate", "case_type",
                     &r), &b);
    const struct stats_row *t = &r->total;
    for (size_t i = 0; i < r->nrows; i++) {
        int64_t v = r->rows[i].cells[0].num;
        switch (class_of(r->rows[i].key[0])) {
        case NORM_CLASS_FIRST:
            first += v;
            break;
        case NORM_CLASS_SECOND:
            second += v;
            break;
        case NORM_CLASS_EXEC_REVIEW:
            exec += v;
            break;
        default:
            break;
        }
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
    fy_buf_puts(&b, "。全年审结各类行政案件");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(t->cells[1].num, t->prev[1].num, &b);
    fy_buf_puts(&b, "；结案率为");
    report_words_rate(&t->cells[3], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[3], &t->prev[3], &b);
    fy_buf_puts(&b, "；年末未结");
    report_words_count(t->cells[2].num, &b);
    fy_buf_puts(&b, "。");
    const struct report_table *bt = report_book_table(c->book, "CasesByType");
    const struct report_table *tt = report_book_table(c->book, "Trend");
    if (bt || tt) {
        char *num = bt ? table_number(bt) : NULL;
        fy_buf_printf(&b, "各类案件收结案情况见%s%s%s", num ? num : "",
                      num && tt ? "，历年情况见" : "", tt ? "" : "。");
        if (tt)
            fy_buf_printf(&b, "图%zu。", next_chart(c));
        free(num);
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    if (tt) {
        struct chart_spec *ch = report_chart_from_table(
            tt, CK_LINE, (const char *const[]){"新收", "审结", NULL});
        if (ch)
            add_chart(c, ch, "trend", "历年行政案件收结案情况",
                      fy_xasprintf("单位：件｜资料来源：%s两级法院案件管理系统",
                                   norm_registry_city(c->ds->registry)),
                      200);
    }
    show_table(c, "CasesByType");
    fy_buf_release(&b);
    return FY_OK;
}

/* "A（n件）、B（n件）、C（n件）" of the top @p k rows of metric 0 (其他 and
 * 未填写 left out); their sum in *sum. */
static void top_list(const struct stats_result *r, size_t k, int counts,
                     struct fy_buf *b, int64_t *sum)
{
    size_t *idx = report_rows_by_count(r, 0);
    size_t shown = 0;

    *sum = 0;
    for (size_t i = 0; i < r->nrows && shown < k; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (is_rest(label) || row->cells[0].num == 0)
            continue;
        fy_buf_printf(b, "%s%s", shown ? "、" : "", label);
        if (counts) {
            fy_buf_puts(b, "（");
            report_words_count(row->cells[0].num, b);
            fy_buf_puts(b, "）");
        }
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
    FY_TRY_BUF(ask_c(c, "admin_fi_filed", "district", &r), &b);
    fy_buf_printf(&b, "按被诉行政机关所属旗区统计，全市新收一审行政案件");
    report_words_count(r->total.cells[0].num, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(r->total.cells[0].num, r->total.prev[0].num, &b);
    fy_buf_puts(&b, "。案件较多的是");
    top_list(r, 3, 1, &b, &sum);
    fy_buf_puts(&b, "，合计占全市的");
    put_pct1(&b, sum, r->total.cells[0].num);
    fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Districts", "districts", CK_BAR,
          "一审行政案件新收情况（按旗区）", "件",
          (const char *const[]){"行政一审新收", "行政一审新收上年同期", NULL},
          0, 250);

    report_doc_subheading(c->doc, "（二）案件涉及的管理领域");
    FY_TRY_BUF(ask_c(c, "admin_fi_filed", "domain", &r), &b);
    fy_buf_reset(&b);
    fy_buf_puts(&b, "从案件涉及领域看，主要集中在");
    top_list(r, 3, 0, &b, &sum);
    fy_buf_puts(&b, "等领域，合计占比");
    put_pct1(&b, sum, r->total.cells[0].num);
    fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Domains", "domains", CK_DONUT, "一审行政案件涉及的管理领域", "件",
          (const char *const[]){"行政一审新收", NULL}, 1, 250);

    report_doc_subheading(c->doc, "（三）被诉行政行为种类");
    FY_TRY_BUF(ask_c(c, "admin_fi_filed", "action_type", &r), &b);
    fy_buf_reset(&b);
    fy_buf_puts(&b, "从被诉行政行为种类看，数量较多的是");
    top_list(r, 3, 1, &b, &sum);
    fy_buf_puts(&b, "，合计占");
    put_pct1(&b, sum, r->total.cells[0].num);
    fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "ActionTypes", "action-types", CK_DONUT,
          "一审行政案件被诉行政行为种类", "件",
          (const char *const[]){"行政一审新收", NULL}, 1, 240);

    report_doc_subheading(c->doc, "（四）结案方式");
    FY_TRY_BUF(ask_c(c, "fi_closed", "disposition", &r), &b);
    fy_buf_reset(&b);
    fy_buf_puts(&b, "全年审结一审行政案件");
    report_words_count(r->total.cells[0].num, &b);
    fy_buf_puts(&b, "，其中");
    size_t *idx = report_rows_by_count(r, 0);
    size_t shown = 0;
    for (size_t i = 0; i < r->nrows && shown < 4; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (is_rest(label) || !row->cells[0].num)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "；" : "",
                      report_words_disposition(label));
        report_words_count(row->cells[0].num, &b);
        fy_buf_puts(&b, "，占");
        put_pct1(&b, row->cells[0].num, r->total.cells[0].num);
        shown++;
    }
    fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    free(idx);
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    chart(c, "Dispositions", "dispositions", CK_HBAR, "一审行政案件结案方式",
          "件", (const char *const[]){"一审审结", NULL}, 1,
          hbar_height(report_book_table(c->book, "Dispositions")));
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status losses(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "三、行政机关败诉情况及原因分析");
    FY_TRY_BUF(ask_c(c, "fi_closed,agency_losses,loss_rate", NULL, &r), &b);
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全年审结一审行政案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，行政机关败诉");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(t->cells[1].num, t->prev[1].num, &b);
    fy_buf_puts(&b, "；败诉率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    fy_buf_puts(&b, "。");
    stats_result_free(r);

    /* the domains with the highest rates, the agencies with most losses */
    FY_TRY_BUF(ask_c(c, "loss_rate", "domain", &r), &b);
    size_t *idx = by_rate(r, 0), shown = 0;
    for (size_t i = 0; i < r->nrows && shown < 3; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (is_rest(label) || !row->cells[0].den || !row->cells[0].num)
            continue;
        fy_buf_printf(&b, "%s%s（", shown ? "、" : "从管理领域看，败诉率较高的是",
                      label);
        report_words_rate(&row->cells[0], &b);
        fy_buf_puts(&b, "）");
        shown++;
    }
    free(idx);
    stats_result_free(r);
    if (shown)
        fy_buf_printf(&b, "领域（见图%zu）。", next_chart(c));
    FY_TRY_BUF(ask_c(c, "agency_losses", "defendant", &r), &b);
    idx = report_rows_by_count(r, 0);
    shown = 0;
    for (size_t i = 0; i < r->nrows && shown < 3; i++) {
        const struct stats_row *row = &r->rows[idx[i]];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || row->cells[0].num < 2)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "、" : "败诉案件较多的被诉机关是",
                      label);
        report_words_count(row->cells[0].num, &b);
        shown++;
    }
    if (shown)
        fy_buf_puts(&b, "。");
    free(idx);
    stats_result_free(r);
    report_doc_para(c->doc, fy_buf_str(&b));
    chart(c, "LossByDomain", "loss-by-domain", CK_HBAR,
          "行政机关败诉率（按管理领域）", "%",
          (const char *const[]){"行政机关败诉率", NULL}, 1,
          hbar_height(report_book_table(c->book, "LossByDomain")));

    FY_TRY_BUF(ask_c(c, "agency_losses,loss_causes", NULL, &r), &b);
    fy_buf_reset(&b);
    /* causes by count, largest first; 其他 and 未填写 after them */
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
        const struct stats_cell *unknown = NULL;
        char buf[64];
        shown = 0;
        fy_buf_puts(&b, "从败诉原因看，主要为");
        for (size_t i = 0; i < n; i++) {
            const struct stats_cell *cell = &r->total.cells[order[i]];
            const char *name = stats_metric_name(&r->req.metrics[order[i]], buf,
                                                 sizeof(buf));
            const char *cause = strstr(name, "—");
            cause = cause ? cause + strlen("—") : name;
            if (strcmp(cause, "未填写") == 0) {
                unknown = cell;
                continue;
            }
            if (!cell->num || shown == 4 || strcmp(cause, "其他") == 0)
                continue;
            fy_buf_printf(&b, "%s%s（", shown ? "、" : "", cause);
            report_words_count(cell->num, &b);
            fy_buf_puts(&b, "，占");
            report_words_rate(cell, &b);
            fy_buf_puts(&b, "）");
            shown++;
        }
        fy_buf_printf(&b, "（见图%zu、", next_chart(c));
        const struct report_table *ct = report_book_table(c->book, "LossCauses");
        if (ct) {
            char *num = table_number(ct);
            fy_buf_puts(&b, num);
            free(num);
        }
        fy_buf_puts(&b, "）。");
        if (unknown && unknown->num) {
            fy_buf_puts(&b, "另有");
            report_words_count(unknown->num, &b);
            fy_buf_puts(&b, "败诉案件未填写败诉原因，应在案件管理系统中补录。");
        }
        fy_buf_puts(&b, "一案列有多项原因的，分别计入各项。");
    }
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    const struct report_table *lt = report_book_table(c->book, "LossCauses");
    if (lt) {
        struct chart_spec *ch = report_chart_from_table(
            lt, CK_HBAR, (const char *const[]){"件数", NULL});
        if (ch) {
            sort_chart(ch);
            add_chart(c, ch, "loss-causes", "行政机关败诉原因",
                      fy_xasprintf("%s｜单位：件｜一案多因的分别计入",
                                   c->book->period_title),
                      hbar_height(lt));
        }
    }
    show_table(c, "LossCauses");
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status appearances(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "四、行政机关负责人出庭应诉情况");
    FY_TRY_BUF(ask_c(c, "hearings_held,head_appearances,appearance_rate",
                     NULL, &r), &b);
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全年开庭审理一审行政案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，行政机关负责人出庭应诉");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，出庭应诉率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    int all = t->cells[2].den && t->cells[2].num == t->cells[2].den;
    stats_result_free(r);
    FY_TRY_BUF(ask_c(c, "appearance_rate", "court", &r), &b);
    size_t shown = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct stats_row *row = &r->rows[i];
        const char *label = stats_key_label(r, 0, row->key[0]);
        if (!label || !row->cells[0].den)
            continue;
        fy_buf_printf(&b, "%s%s", shown ? "，" : "。其中，", label);
        fy_buf_puts(&b, "审理的案件出庭应诉率为");
        report_words_rate(&row->cells[0], &b);
        shown++;
    }
    stats_result_free(r);
    fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    fy_buf_puts(&b, all ? "府院联动工作要求的出庭应诉率100%的目标已全部实现。"
                        : "距府院联动工作要求的出庭应诉率100%的目标仍有差距，"
                          "负责人未出庭的案件，被诉机关应逐案书面说明原因。");
    report_doc_para(c->doc, fy_buf_str(&b));
    const struct report_table *at = report_book_table(c->book, "AppearanceByCourt");
    if (at) {
        struct chart_spec *ch = report_chart_from_table(
            at, CK_BAR, (const char *const[]){"行政机关负责人出庭应诉率", NULL});
        if (ch) {
            ch->target = 1.0;
            ch->target_label = fy_xstrdup("目标 100%");
            add_chart(c, ch, "appearance-rate",
                      "行政机关负责人出庭应诉率（按法院）",
                      fy_xasprintf("%s｜单位：%%｜目标值100%%",
                                   c->book->period_title),
                      210);
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
    FY_TRY_BUF(ask_c(c, "litigation_per_10k,mediated_withdrawn,"
                  "mediation_withdrawal_rate", NULL, &r), &b);
    const struct stats_row *t = &r->total;
    fy_buf_puts(&b, "全年全市法院新收民事、行政一审案件");
    report_words_count(t->cells[0].num, &b);
    fy_buf_puts(&b, "，万人成讼率为");
    report_fmt_value(STATS_PER10K, &t->cells[0], &b);
    if (t->prev[0].den && t->prev[0].num && t->cells[0].den) {
        fy_buf_puts(&b, "，上年同期为");
        report_fmt_value(STATS_PER10K, &t->prev[0], &b);
    }
    fy_buf_puts(&b, "。");
    struct stats_result *d;
    fy_status rc = ask_c(c, "litigation_per_10k", "district", &d);
    if (rc != FY_OK) {
        stats_result_free(r);
        fy_buf_release(&b);
        return rc;
    }
    size_t *idx = by_rate(d, 0), shown = 0;
    for (size_t i = 0; i < d->nrows && shown < 3; i++) {
        const struct stats_row *row = &d->rows[idx[i]];
        const char *label = stats_key_label(d, 0, row->key[0]);
        if (!label || !row->cells[0].den)
            continue;
        fy_buf_printf(&b, "%s%s（", shown ? "、" : "分旗区看，万人成讼率较高的是",
                      label);
        report_fmt_value(STATS_PER10K, &row->cells[0], &b);
        fy_buf_puts(&b, "）");
        shown++;
    }
    if (shown)
        fy_buf_printf(&b, "（见图%zu）。", next_chart(c));
    free(idx);
    stats_result_free(d);
    report_doc_para(c->doc, fy_buf_str(&b));
    fy_buf_reset(&b);
    fy_buf_puts(&b, "全年一审行政案件以调解、撤诉方式结案");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，调撤率为");
    report_words_rate(&t->cells[2], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[2], &t->prev[2], &b);
    fy_buf_puts(&b, "。");
    stats_result_free(r);
    chart(c, "LitigationPer10k", "litigation-per-10k", CK_BAR,
          "万人成讼率（按旗区）", "件/万人",
          (const char *const[]){"万人成讼率", "万人成讼率上年同期", NULL}, 0,
          250);
    show_table(c, "LitigationPer10k");
    report_doc_para(c->doc, fy_buf_str(&b));
    fy_buf_release(&b);
    return FY_OK;
}

static fy_status recommendations(struct ctx *c)
{
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(c->doc, "六、司法建议与检察建议");
    FY_TRY_BUF(ask_c(c, "rec_issued,rec_due,rec_on_time,rec_feedback_rate,"
                  "rec_overdue,rec_adoption_rate", "rec_kind", &r), &b);
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
    fy_buf_puts(&b, "。反馈期限在本年内的建议");
    report_words_count(t->cells[1].num, &b);
    fy_buf_puts(&b, "，按期书面反馈");
    report_words_count(t->cells[2].num, &b);
    fy_buf_puts(&b, "，按期反馈率为");
    report_words_rate(&t->cells[3], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&t->cells[3], &t->prev[3], &b);
    fy_buf_puts(&b, "；已反馈的本年建议采纳率为");
    report_words_rate(&t->cells[5], &b);
    fy_buf_puts(&b, "。截至");
    report_words_date(as_of_day(c), &b);
    fy_buf_puts(&b, "，仍有");
    report_words_count(t->cells[4].num, &b);
    fy_buf_printf(&b, "建议逾期未反馈（见图%zu", next_chart(c));
    const struct report_table *kt = report_book_table(c->book, "RecsByKind");
    if (kt) {
        char *num = table_number(kt);
        fy_buf_printf(&b, "、%s", num);
        free(num);
    }
    fy_buf_puts(&b, "）。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    const struct report_table *rt = report_book_table(c->book, "RecsByKind");
    if (rt) {
        struct chart_spec *ch = report_chart_from_table(
            rt, CK_STACKED, (const char *const[]){"按期反馈", "应反馈", NULL});
        if (ch) { /* stack: on time, and the rest of those due */
            double *rest = (double *)ch->series[1].values;
            for (size_t i = 0; i < ch->ncat; i++)
                rest[i] -= ch->series[0].values[i];
            free((char *)ch->series[1].name);
            ch->series[1].name = fy_xstrdup("未按期反馈");
            add_chart(c, ch, "recommendations", "司法建议、检察建议反馈情况",
                      fy_xasprintf("%s｜单位：件｜应反馈 = 按期反馈 + 未按期反馈",
                                   c->book->period_title),
                      210);
        }
    }
    show_table(c, "RecsByKind");
    FY_TRY_BUF(ask_c(c, "hearing_count,hearing_attendance_rate", NULL, &r),
               &b);
    fy_buf_reset(&b);
    fy_buf_puts(&b, "全年检察机关召开行政检察听证会");
    report_words_quantity(r->total.cells[0].num, "场", &b);
    fy_buf_puts(&b, "，");
    report_words_count_change(r->total.cells[0].num, r->total.prev[0].num, &b);
    fy_buf_puts(&b, "；行政机关负责人出席听证会的比率为");
    report_words_rate(&r->total.cells[1], &b);
    fy_buf_puts(&b, "，");
    report_words_rate_change(&r->total.cells[1], &r->total.prev[1], &b);
    fy_buf_puts(&b, "。");
    report_doc_para(c->doc, fy_buf_str(&b));
    stats_result_free(r);
    fy_buf_release(&b);
    return FY_OK;
}

/* 七、附表: the book's tables not shown in the text, then the notes. */
static void appendix(struct ctx *c)
{
    const struct report_book *book = c->book;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_pagebreak(c->doc);
    report_doc_heading(c->doc, "七、附表");
    fy_buf_puts(&b, "附表的编号与统计工作簿一致");
    for (size_t i = 0; i < c->nshown; i++) {
        char *num = table_number(c->shown[i]);
        fy_buf_printf(&b, "%s%s", i ? "、" : "；", num);
        free(num);
    }
    fy_buf_puts(&b, c->nshown ? "已在正文中列出，不再重复。" : "。");
    fy_buf_puts(&b, "表中[注1]等标注的说明见本节末。");
    report_doc_para(c->doc, fy_buf_str(&b));
    for (size_t i = 0; i < book->ntables; i++)
        if (!was_shown(c, &book->tables[i]))
            report_doc_table(c->doc, &book->tables[i]);
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

fy_status report_annual_doc(const struct fy_dataset *ds,
                            const struct stats_period *period, int32_t as_of,
                            const struct report_book *book,
                            struct report_doc *doc, struct fy_error *err)
{
    struct ctx c = {ds, *period, as_of, book, doc, err, NULL, NULL, 0};
    const char *city = norm_registry_city(ds->registry);
    struct fy_buf date = FY_BUF_INIT;
    fy_status rc;

    c.year = stats_period_title(period);
    doc->title = fy_xasprintf("%s行政审判白皮书", city);
    doc->subtitle = fy_xasprintf("（%s）", c.year);
    doc->issuers = fy_xstrdup(book->issuers);
    fy_buf_puts(&date, "数据截至");
    report_words_date(as_of_day(&c), &date);
    doc->date = fy_buf_detach(&date);
    doc->created = book->created;
    report_doc_heading(doc, "前言");
    char *intro = fy_xasprintf(
        "为全面反映%s全市行政审判工作情况，深化府院联动，促进依法行政，"
        "现根据全市两级法院案件管理系统数据，对%s行政案件的收结案、案件特点、"
        "行政机关败诉及负责人出庭应诉、诉源治理、司法建议与检察建议等情况"
        "分析如下。文中数字与统计工作簿各表一致，可逐项核对。",
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
    if (rc == FY_OK)
        appendix(&c);
    free((void *)c.shown);
    free(c.year);
    return rc;
}
