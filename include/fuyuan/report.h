/* SPDX-License-Identifier: MIT */
/*
 * report.h - presentation: figures formatted as people read them, and the
 * outputs of `query` (terminal table, CSV, JSON). Every figure comes from
 * a stats_result; nothing here computes a statistic of its own.
 */
#ifndef FY_REPORT_H
#define FY_REPORT_H

#include "fuyuan/stats.h"

/* ------------------------------------------------------------------ */
/* Numbers as reports write them                                       */
/* ------------------------------------------------------------------ */

/** "1,234" (thousands separators). */
void report_fmt_count(int64_t n, struct fy_buf *out);
/** A fraction as a percentage with two decimals: 0.12345 -> "12.35%". */
void report_fmt_percent(double fraction, struct fy_buf *out);
/** A value of @p kind as a report shows it; "—" when undefined. */
void report_fmt_value(enum stats_kind kind, const struct stats_cell *c,
                      struct fy_buf *out);
/** The change against the comparison figure: "+5.60%", "-1.20个百分点",
 *  "+0.31"; "—" when undefined. */
void report_fmt_change(enum stats_kind kind, const struct stats_cell *cur,
                       const struct stats_cell *prev, struct fy_buf *out);
/** The shortest decimal that reads back as @p v (for CSV and JSON). */
void report_fmt_double(double v, struct fy_buf *out);

/* ------------------------------------------------------------------ */
/* query outputs                                                       */
/* ------------------------------------------------------------------ */

enum report_format { REPORT_TABLE, REPORT_CSV, REPORT_JSON, REPORT_XLSX };

/** Write @p res as an aligned table (Han characters two columns wide). */
void report_query_table(const struct stats_result *res, FILE *out);
/** Write @p res as CSV (UTF-8; a BOM first when @p bom). */
void report_query_csv(const struct stats_result *res, int bom, FILE *out);
/** Write @p res as the JSON of outputs.md. */
void report_query_json(const struct stats_result *res, FILE *out);

#endif /* FY_REPORT_H */
