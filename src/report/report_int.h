/* SPDX-License-Identifier: MIT */
/* report_int.h - private interfaces of the report stage. */
#ifndef FY_REPORT_INT_H
#define FY_REPORT_INT_H

#include "fuyuan/narrative.h"

/* What a metric column of a table spec adds beside the figure. */
enum { COLF_COMPARE = 1u << 0,   /* 上年同期 and 同比 (or 增减个百分点) */
       COLF_SHARE = 1u << 1,     /* 占比: the row's count / the total */
       COLF_RANK = 1u << 2 };    /* agency rows are ordered by this
                                  * figure (of the last window) within
                                  * their 旗区, then by pinyin */

struct col_spec {
    enum stats_metric_id metric; /* MET_COUNT ends the list */
    unsigned flags;
};

struct series_spec {
    int col;                     /* index into the spec's cols; -1 = end */
    int prev;                    /* 1: the comparison period's figure */
};

struct table_chart {
    enum report_chart_type type;
    struct series_spec series[4];
    int target;                  /* a 100% target line */
};

/** A table as data: run through the engine by report_build_table(). */
struct table_spec {
    enum report_table_id id;     /* also its Excel table name */
    const char *sheet;           /* sheet name */
    const char *title;           /* printf format, %s = the period's title */
    const char *dims;            /* --by list, NULL = one total row */
    struct col_spec cols[10];
    int total;                   /* add the 合计 row */
    struct table_chart chart;
};

/** A period the table is computed for (a quarter, the year to date). */
struct window {
    struct stats_period period;
    int32_t as_of;               /* FY_NO_DATE = the period's end */
    const char *prefix;          /* header prefix ("" for one window) */
};

#define SPEC_END {MET_COUNT, 0}

fy_status report_build_table(struct report_book *book,
                             const struct fy_dataset *ds,
                             const struct table_spec *spec,
                             const struct window *windows, size_t nwindows,
                             int number, struct fy_error *err);

/** The 败诉原因 table: one row per cause (count and share of losses). */
fy_status report_build_causes(struct report_book *book,
                              const struct fy_dataset *ds,
                              const struct window *w, int number,
                              struct fy_error *err);

/** The multi-year trend: every year of the data up to the period's. */
fy_status report_build_trend(struct report_book *book,
                             const struct fy_dataset *ds,
                             const struct stats_period *period, int number,
                             struct fy_error *err);

/** A list of metric ids for report_ask_ids(): METS(MET_FILED, MET_CLOSED). */
#define METS(...) ((const enum stats_metric_id[]){__VA_ARGS__, MET_COUNT})

/**
 * The engine's answer for metrics @p ids (MET_COUNT-terminated; with
 * @p causes, every loss_cause:<cause> after them), by dimension @p dim
 * (DIM_COUNT: none), over @p p as of @p as_of, against the same period
 * last year. Figures are read by id: stats_fig(res, row, MET_FILED).
 */
fy_status report_ask_ids(const struct fy_dataset *ds,
                         const struct stats_period *p, int32_t as_of,
                         const enum stats_metric_id *ids, int causes,
                         enum stats_dim dim, struct stats_result **res,
                         struct fy_error *err);

/* ------------------------------------------------------------------ */
/* 存在的问题 (report_findings.c)                                       */
/* ------------------------------------------------------------------ */

#define REPORT_MAX_FINDINGS 16

struct report_finding {
    const char *id;              /* "F1" … "F10" (static) */
    char *text;                  /* the paragraph (owned) */
    char *names;                 /* what it names, 、-separated (owned) */
};

struct report_finding_list {
    struct report_finding items[REPORT_MAX_FINDINGS];
    size_t n;
};

/** The findings that hold in the year of @p period, in the order of
 *  white-paper.md's table, with the thresholds of book->settings. */
fy_status report_findings_of(const struct fy_dataset *ds,
                             const struct stats_period *period, int32_t as_of,
                             const struct report_book *book,
                             struct report_finding_list *out,
                             struct fy_error *err);
void report_finding_list_release(struct report_finding_list *l);

/** "资料来源：…。" naming the source of every table the metrics of @p rq
 *  count (white-paper.md, "Who speaks, and sources"). */
void report_source_line(const struct report_book *book,
                        const struct stats_request *rq, struct fy_buf *out);

/** Indices of @p res's rows by metric @p m's numerator, largest first
 *  (stable). The caller frees them. */
size_t *report_rows_by_count(const struct stats_result *res, size_t m);

/* Comparisons the narratives share (narrative/report_rank.c). */
/** 1 when rate @p a is above rate @p b, exactly; an undefined rate is the
 *  lowest. */
int report_rate_above(const struct stats_cell *a, const struct stats_cell *b);
/** 1 when two defined rates are equal, exactly. */
int report_same_rate(const struct stats_cell *a, const struct stats_cell *b);
/** Rows of @p res by rate metric @p m, highest first (stable; owned). */
size_t *report_rows_by_rate(const struct stats_result *res, size_t m);
/** How many of @p n ranked candidates to name, at most @p k: a tie at the
 *  cut-off is named whole or not at all; @p same(ctx, i) says whether
 *  candidates i and i + 1 tie. */
size_t report_cut_ties(size_t n, size_t k,
                       int (*same)(const void *ctx, size_t i), const void *ctx);
/** "；lead A（x）、B（y），均高于全市的z": the 旗区 of @p r (by district)
 *  whose metric @p id is worse than the city's (above it when @p high,
 *  else below), n >= @p min_den, worst first, at most three, ties whole;
 *  nothing when none is. *@p sep opens the clause and becomes "；". */
void report_put_worse_districts(struct fy_buf *b, const struct stats_result *r,
                                enum stats_metric_id id, int high,
                                int64_t min_den, const char *lead,
                                const char **sep);
/** The class of a case-type row of a result by case_type (its key is the
 *  type name's index): first instance, second instance, …. */
enum norm_case_class report_case_class(uint32_t key);

/** Set a text cell (copied). */
void report_set_text(struct report_table *t, size_t r, size_t c,
                     const char *s);
/** Set a figure cell from a stats cell of @p kind. */
void report_set_figure(struct report_table *t, size_t r, size_t c,
                       enum stats_kind kind, const struct stats_cell *cell);

#endif /* FY_REPORT_INT_H */
