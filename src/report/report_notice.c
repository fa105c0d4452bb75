/* SPDX-License-Identifier: MIT */
/*
 * report_notice.c - the quarterly notification (季度通报) as a document,
 * on the model of domain.md: 一、基本情况; 二、被诉机关情况 (a line per
 * agency); 三、败诉案件及原因 (each case); 四、负责人出庭应诉 (the heads who
 * did not appear, by name); 五、司法建议、检察建议反馈 (overdue ones, by
 * recipient); 六、下步工作要求. Figures come from the engine and from the
 * quarterly book's tables.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

static const struct report_table *table(const struct report_book *book,
                                        const char *suffix)
{
    for (size_t i = 0; i < book->ntables; i++) {
        const char *name = book->tables[i].name;
        size_t n = strlen(name), k = strlen(suffix);
        if (n > k && strcmp(name + n - k, suffix) == 0 && name[n - k - 1] == '_')
            return &book->tables[i];
    }
    return NULL;
}

static const char *text_at(const struct report_table *t, size_t r, size_t c)
{
    const char *s = t->cells[r * t->ncols + c].text;
    return s ? s : "未填写";
}

static void date_at(const struct report_table *t, size_t r, size_t c,
                    char out[11])
{
    fy_date_format((int32_t)t->cells[r * t->ncols + c].v, out);
}

static fy_status ask(const struct fy_dataset *ds, const struct stats_period *p,
                     int32_t as_of, const char *metrics, const char *dims,
                     struct stats_result **res, struct fy_error *err)
{
    struct stats_request req;

    memset(&req, 0, sizeof(req));
    req.period = *p;
    req.as_of = as_of;
    req.compare = STATS_COMPARE_YOY;
    FY_TRY(stats_request_metrics(&req, metrics, err));
    if (dims)
        FY_TRY(stats_request_dims(&req, dims, err));
    return stats_run(ds, &req, res, err);
}

/* "本季度新收N件，同比…；审结…；期末未结…" for one window. */
static void window_line(const char *label, const struct stats_row *t,
                        struct fy_buf *b)
{
    fy_buf_printf(b, "%s，全市法院新收行政案件", label);
    report_words_count(t->cells[0].num, b);
    fy_buf_puts(b, "，");
    report_words_count_change(t->cells[0].num, t->prev[0].num, b);
    fy_buf_puts(b, "；审结");
    report_words_count(t->cells[1].num, b);
    fy_buf_puts(b, "，");
    report_words_count_change(t->cells[1].num, t->prev[1].num, b);
    fy_buf_puts(b, "；期末未结");
    report_words_count(t->cells[2].num, b);
    fy_buf_puts(b, "；行政机关败诉率");
    report_words_rate(&t->cells[3], b);
    fy_buf_puts(b, "，负责人出庭应诉率");
    report_words_rate(&t->cells[4], b);
    fy_buf_puts(b, "。");
}

static fy_status basics(const struct fy_dataset *ds,
                        const struct stats_period *q,
                        const struct stats_period *ytd, int32_t as_of,
                        const struct report_book *book, struct report_doc *doc,
                        struct fy_error *err)
{
    static const char metrics[] = "filed,closed,pending_end,loss_rate,"
                                  "appearance_rate";
    struct stats_result *r;
    struct fy_buf b = FY_BUF_INIT;
    char *qt = stats_period_title(q), *yt = stats_period_title(ytd);

    report_doc_heading(doc, "一、基本情况");
    fy_status rc = ask(ds, q, as_of, metrics, NULL, &r, err);
    if (rc == FY_OK) {
        window_line(qt, &r->total, &b);
        stats_result_free(r);
        rc = ask(ds, ytd, as_of, metrics, NULL, &r, err);
    }
    if (rc == FY_OK) {
        window_line(yt, &r->total, &b);
        stats_result_free(r);
        report_doc_para(doc, fy_buf_str(&b));
        report_doc_table(doc, table(book, "CasesByCourt"));
        report_doc_table(doc, table(book, "DispositionsByCourt"));
    }
    free(qt);
    free(yt);
    fy_buf_release(&b);
    return rc;
}

/* One line per agency: "X被诉N件，审结M件，其中A k件、B k件。" */
static fy_status agencies(const struct fy_dataset *ds,
                          const struct stats_period *ytd, int32_t as_of,
                          struct report_doc *doc, struct fy_error *err)
{
    struct stats_result *filed, *closed;
    struct fy_buf b = FY_BUF_INIT;

    report_doc_heading(doc, "二、被诉机关情况");
    FY_TRY(ask(ds, ytd, as_of, "filed,closed", "defendant", &filed, err));
    fy_status rc = ask(ds, ytd, as_of, "closed", "defendant,disposition",
                       &closed, err);
    if (rc != FY_OK) {
        stats_result_free(filed);
        return rc;
    }
    for (size_t i = 0; i < filed->nrows; i++) {
        const struct stats_row *row = &filed->rows[i];
        const char *name = stats_key_label(filed, 0, row->key[0]);
        if (!row->cells[0].num && !row->cells[1].num)
            continue;
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s被诉", name ? name : "被告未填写的案件");
        report_words_count(row->cells[0].num, &b);
        fy_buf_puts(&b, "，审结");
        report_words_count(row->cells[1].num, &b);
        int first = 1;
        for (size_t k = 0; k < closed->nrows; k++) {
            const struct stats_row *cr = &closed->rows[k];
            if (cr->key[0] != row->key[0] || !cr->cells[0].num)
                continue;
            const char *disp = stats_key_label(closed, 1, cr->key[1]);
            fy_buf_printf(&b, "%s%s", first ? "，其中" : "、",
                          disp ? disp : "结案方式未填写");
            report_words_count(cr->cells[0].num, &b);
            first = 0;
        }
        fy_buf_puts(&b, "。");
        report_doc_para(doc, fy_buf_str(&b));
    }
    if (!filed->nrows)
        report_doc_para(doc, "本期无被诉行政机关。");
    stats_result_free(filed);
    stats_result_free(closed);
    fy_buf_release(&b);
    return FY_OK;
}

static void lists(const struct report_book *book, struct report_doc *doc)
{
    struct fy_buf b = FY_BUF_INIT;
    char day[11], due[11];
    const struct report_table *t;

    report_doc_heading(doc, "三、败诉案件及原因");
    t = table(book, "LossCases");
    for (size_t r = 0; t && r < t->nrows; r++) {
        fy_buf_reset(&b);
        date_at(t, r, 5, day);
        fy_buf_printf(&b, "%s（%s），被告%s，于%s以“%s”结案，败诉原因：%s。",
                      text_at(t, r, 0), text_at(t, r, 1), text_at(t, r, 2),
                      day, text_at(t, r, 3), text_at(t, r, 4));
        report_doc_para(doc, fy_buf_str(&b));
    }
    if (!t || !t->nrows)
        report_doc_para(doc, "本期无行政机关败诉案件。");

    report_doc_heading(doc, "四、行政机关负责人出庭应诉");
    t = table(book, "HeadAbsent");
    for (size_t r = 0; t && r < t->nrows; r++) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s（%s）开庭审理，被告%s负责人%s。",
                      text_at(t, r, 0), text_at(t, r, 1), text_at(t, r, 2),
                      strcmp(text_at(t, r, 3), "否") == 0
                          ? "未出庭" : "是否出庭未填写");
        report_doc_para(doc, fy_buf_str(&b));
    }
    if (!t || !t->nrows)
        report_doc_para(doc, "开庭审理的案件中，行政机关负责人均出庭应诉。");

    report_doc_heading(doc, "五、司法建议、检察建议反馈");
    t = table(book, "Overdue");
    for (size_t r = 0; t && r < t->nrows; r++) {
        fy_buf_reset(&b);
        date_at(t, r, 3, day);
        date_at(t, r, 4, due);
        fy_buf_printf(&b, "%s（%s，%s发出）应于%s前书面反馈，%s尚未反馈，"
                          "已逾期%.0f天。",
                      text_at(t, r, 0), text_at(t, r, 1), day, due,
                      text_at(t, r, 2), t->cells[r * t->ncols + 5].v);
        report_doc_para(doc, fy_buf_str(&b));
    }
    if (!t || !t->nrows)
        report_doc_para(doc, "无逾期未反馈的建议。");
    fy_buf_release(&b);
}

fy_status report_quarterly_doc(const struct fy_dataset *ds,
                               const struct stats_period *period,
                               int32_t as_of, const struct report_book *book,
                               struct report_doc *doc, struct fy_error *err)
{
    struct stats_period ytd = stats_period_ytd(period);
    const char *city = norm_registry_city(ds->registry);
    char *qt = stats_period_title(period);

    doc->title = fy_xasprintf("%s行政案件情况通报", city);
    doc->subtitle = fy_xasprintf("（%s）", qt);
    doc->issuers = fy_xasprintf("%s中级人民法院", city);
    doc->date = fy_xasprintf("统计截止日：%s", book->as_of);
    doc->created = book->created;
    free(qt);
    FY_TRY(basics(ds, period, &ytd, as_of, book, doc, err));
    FY_TRY(agencies(ds, &ytd, as_of, doc, err));
    lists(book, doc);
    report_doc_heading(doc, "六、下步工作要求");
    report_doc_para(doc,
                    "各被诉行政机关应对本通报列明的败诉案件逐案分析原因，"
                    "健全执法程序和证据规则；负责人未出庭应诉的，应书面说明"
                    "理由；逾期未反馈司法建议、检察建议的，应于收到本通报之日起"
                    "十五日内书面反馈。");
    report_doc_heading(doc, "附表　排名");
    report_doc_table(doc, table(book, "RankCourtsLoss"));
    report_doc_table(doc, table(book, "RankAgenciesLoss"));
    report_doc_table(doc, table(book, "RankAgenciesAppearance"));
    return FY_OK;
}
