/* SPDX-License-Identifier: MIT */
/*
 * narrative.h - the narrative: the white paper and the quarterly notice
 * as documents (headings, paragraphs, charts, tables), worded from the
 * engine's figures and the book's tables.
 */
#ifndef FY_NARRATIVE_H
#define FY_NARRATIVE_H

#include "fuyuan/draw.h"

/* ------------------------------------------------------------------ */
/* Wording of the narrative (domain.md, "Conventions of the reports")  */
/* ------------------------------------------------------------------ */

/** "1,234件". */
void report_words_count(int64_t n, struct fy_buf *out);
/** "12.15%" (two decimals of the exact fraction); "—" when undefined. */
void report_words_rate(const struct stats_cell *c, struct fy_buf *out);
/**
 * The change of a count against last year: "同比上升5.6%", "同比下降5.6%",
 * "与上年同期持平", or "上年同期为0" when there is nothing to compare.
 */
void report_words_count_change(int64_t cur, int64_t prev, struct fy_buf *out);
/**
 * The change of a rate in percentage points: "同比上升1.20个百分点",
 * "同比下降…", "与上年同期持平"; "上年同期无可比数据" when last year's
 * rate is undefined.
 */
void report_words_rate_change(const struct stats_cell *cur,
                              const struct stats_cell *prev,
                              struct fy_buf *out);

/** "39场": a count with its measure word (场 for hearings, 个 for
 *  agencies); report_words_count() is the one for cases (件). */
void report_words_quantity(int64_t n, const char *unit, struct fy_buf *out);
/** The documents' one line on revisions: "与2024年1月5日的上次结果相比，
 *  12项数字有修订，详见统计工作簿“修订说明”工作表。"; empty when nothing
 *  changed or @p r is NULL. */
void report_revisions_line(const struct report_revisions *r,
                           struct fy_buf *out);
/** "2023年12月31日". */
void report_words_date(int32_t day, struct fy_buf *out);
/** A disposition category as the reports word it: "判决驳回诉讼请求",
 *  "裁定驳回起诉", "撤诉"; an unknown category as itself, NULL as
 *  "结案方式未填写". */
const char *report_words_disposition(const char *category);

/** The white paper of the year of @p period (charts, tables, narrative). */
fy_status report_annual_doc(const struct fy_dataset *ds,
                            const struct stats_period *period, int32_t as_of,
                            const struct report_book *book,
                            struct report_doc *doc, struct fy_error *err);
/** The quarterly notification. */
fy_status report_quarterly_doc(const struct fy_dataset *ds,
                               const struct stats_period *period,
                               int32_t as_of, const struct report_book *book,
                               struct report_doc *doc, struct fy_error *err);

#endif /* FY_NARRATIVE_H */
