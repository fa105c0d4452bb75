/* SPDX-License-Identifier: MIT */
/*
 * report_words.c - figures in the words of the reports: counts with 件
 * and thousands separators, rates with two decimals, changes of counts
 * as 上升/下降 x%, changes of rates in 个百分点, 持平 when equal, and
 * 上年同期为0 when there is nothing to compare; other measure words (场,
 * 个), dates as 2023年12月31日 and dispositions as the verdicts they are
 * ("判决驳回诉讼请求", "裁定驳回起诉"). Rounding is done on the exact
 * fractions.
 */
#include <string.h>

#include "fuyuan/narrative.h"

/* n / d rounded half away from zero (d > 0). */
static int64_t round_div(__int128 n, __int128 d)
{
    __int128 q = (2 * (n < 0 ? -n : n) + d) / (2 * d);
    return (int64_t)(n < 0 ? -q : q);
}

void report_words_count(int64_t n, struct fy_buf *out)
{
    report_fmt_count(n, out);
    fy_buf_puts(out, "件");
}

void report_words_rate(const struct stats_cell *c, struct fy_buf *out)
{
    report_fmt_value(STATS_RATE, c, out);
}

void report_words_count_change(int64_t cur, int64_t prev, struct fy_buf *out)
{
    if (prev == 0) {
        fy_buf_puts(out, cur == 0 ? "与上年同期持平" : "上年同期为0");
        return;
    }
    if (cur == prev) {
        fy_buf_puts(out, "与上年同期持平");
        return;
    }
    /* tenths of a percent */
    int64_t t = round_div((__int128)(cur - prev) * 1000, prev);
    int64_t a = t < 0 ? -t : t;
    if (a == 0) { /* a change below 0.05% */
        fy_buf_puts(out, "与上年同期基本持平");
        return;
    }
    fy_buf_printf(out, "同比%s%lld.%lld%%", cur > prev ? "上升" : "下降",
                  (long long)(a / 10), (long long)(a % 10));
}

void report_words_rate_change(const struct stats_cell *cur,
                              const struct stats_cell *prev,
                              struct fy_buf *out)
{
    if (prev->den == 0 || cur->den == 0) {
        fy_buf_puts(out, "上年同期无可比数据");
        return;
    }
    /* hundredths of a percentage point: (a/b - c/d) * 10000 */
    __int128 n = (__int128)cur->num * prev->den - (__int128)prev->num * cur->den;
    __int128 d = (__int128)cur->den * prev->den;
    if (n == 0) {
        fy_buf_puts(out, "与上年同期持平");
        return;
    }
    int64_t h = round_div(n * 10000, d);
    int64_t a = h < 0 ? -h : h;
    if (a == 0) {
        fy_buf_puts(out, "与上年同期基本持平");
        return;
    }
    fy_buf_printf(out, "同比%s%lld.%02lld个百分点", n > 0 ? "上升" : "下降",
                  (long long)(a / 100), (long long)(a % 100));
}

void report_words_quantity(int64_t n, const char *unit, struct fy_buf *out)
{
    report_fmt_count(n, out);
    fy_buf_puts(out, unit);
}

void report_words_date(int32_t day, struct fy_buf *out)
{
    int y, m, d;

    fy_ymd_from_days(day, &y, &m, &d);
    fy_buf_printf(out, "%d年%d月%d日", y, m, d);
}

/* How the reports name a way of closing a case (domain.md: "判决驳回诉讼
 * 请求1件,撤诉1件"). */
static const struct {
    const char *category, *words;
} verdicts[] = {
    {"驳回诉讼请求", "判决驳回诉讼请求"}, {"撤销", "判决撤销"},
    {"履行", "判决履行法定职责"},        {"给付", "判决给付"},
    {"确认违法", "判决确认违法"},        {"确认无效", "判决确认无效"},
    {"变更", "判决变更"},                {"赔偿", "判决赔偿"},
    {"驳回起诉", "裁定驳回起诉"},        {"撤诉", "撤诉"},
    {"调解", "调解"},                    {"维持原判", "二审维持原判"},
    {"撤回上诉", "撤回上诉"},            {"改判", "二审改判"},
    {"发回重审", "发回重审"},            {"准予执行", "裁定准予执行"},
    {"不准予执行", "裁定不准予执行"},    {"其他", "以其他方式结案"},
};

const char *report_words_disposition(const char *category)
{
    if (!category)
        return "结案方式未填写";
    for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
        if (strcmp(verdicts[i].category, category) == 0)
            return verdicts[i].words;
    return category;
}


/* The one line a document says of revisions (docs/revisions.md). */
void report_revisions_line(const struct report_revisions *r,
                           struct fy_buf *out)
{
    fy_buf_reset(out);
    if (!r || !r->n)
        return;
    fy_buf_puts(out, "与");
    if (r->created_day != FY_NO_DATE) {
        report_words_date(r->created_day, out);
        fy_buf_puts(out, "的");
    }
    fy_buf_printf(out, "上次结果相比，%zu项数字有修订，详见统计工作簿"
                       "“修订说明”工作表。", r->n);
}
