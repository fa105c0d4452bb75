/* SPDX-License-Identifier: MIT */
/*
 * stats.h - the statistics engine: every metric of metrics.md, for any
 * period, broken down by up to three dimensions, filtered by --where,
 * with the comparison period (同比 / 环比). Every figure in every report
 * comes from here; numerators and denominators are exact integers.
 *
 * The engine reads a dataset (ingest.h) and never changes it: parse once,
 * then answer any number of requests.
 */
#ifndef FY_STATS_H
#define FY_STATS_H

#include "fuyuan/ingest.h"

/* ------------------------------------------------------------------ */
/* Periods                                                             */
/* ------------------------------------------------------------------ */

enum stats_period_kind { STATS_YEAR, STATS_QUARTER, STATS_MONTH,
                         STATS_RANGE };

/** A period [start, end], inclusive day numbers. */
struct stats_period {
    enum stats_period_kind kind;
    int32_t start, end;
};

/**
 * The period of the command line: exactly one of @p year ("2023"),
 * @p quarter ("2024Q1"), @p month ("2024-03") or @p from + @p to (dates)
 * may be given. Errors are FY_E_USAGE.
 */
fy_status stats_period_parse(const char *year, const char *quarter,
                             const char *month, const char *from,
                             const char *to, struct stats_period *out,
                             struct fy_error *err);
/** The same date @p years later (negative: earlier); 02-29 becomes 02-28
 *  in a year without it. */
int32_t stats_shift_years(int32_t day, int years);
/** The same dates one year earlier (上年同期); 02-29 becomes 02-28. */
struct stats_period stats_period_yoy(const struct stats_period *p);
/** The period just before (环比): previous year/quarter/month, or the
 *  range of the same length ending the day before. */
struct stats_period stats_period_prev(const struct stats_period *p);
/** From 1 January of the end's year to the end (1月至期末). */
struct stats_period stats_period_ytd(const struct stats_period *p);
/** "2023", "2024Q1", "2024-03" or "2023-07-01_2024-06-30" (owned). */
char *stats_period_name(const struct stats_period *p);
/** "2023年", "2024年第一季度", "2024年3月", "2023年7月1日至2024年6月30日". */
char *stats_period_title(const struct stats_period *p);

/* ------------------------------------------------------------------ */
/* Metrics and dimensions                                              */
/* ------------------------------------------------------------------ */

enum stats_kind {
    STATS_COUNT,     /* value = numerator */
    STATS_RATE,      /* value = numerator / denominator */
    STATS_PER10K     /* value = numerator / denominator * 10000 */
};

enum stats_dim {
    DIM_COURT, DIM_DISTRICT, DIM_DEFENDANT, DIM_DOMAIN, DIM_ACTION_TYPE,
    DIM_CASE_TYPE, DIM_DISPOSITION, DIM_MONTH, DIM_QUARTER, DIM_YEAR,
    DIM_REC_KIND, DIM_RECIPIENT, DIM_COUNT
};

/** The table a metric counts. */
enum stats_source { SRC_CASES, SRC_CIVIL, SRC_LITIGATION, SRC_RECS,
                    SRC_HEARINGS };

#define DIM_BIT(d) (1u << (d))
#define TIME_DIMS (DIM_BIT(DIM_MONTH) | DIM_BIT(DIM_QUARTER) | DIM_BIT(DIM_YEAR))
/* The dimensions the records of each source table have. */
#define DIMS_CASES (DIM_BIT(DIM_COURT) | DIM_BIT(DIM_DISTRICT)               \
                    | DIM_BIT(DIM_DEFENDANT) | DIM_BIT(DIM_DOMAIN)           \
                    | DIM_BIT(DIM_ACTION_TYPE) | DIM_BIT(DIM_CASE_TYPE)      \
                    | DIM_BIT(DIM_DISPOSITION) | TIME_DIMS)
#define DIMS_CIVIL (DIM_BIT(DIM_COURT) | DIM_BIT(DIM_DISTRICT) | TIME_DIMS)
#define DIMS_LITIGATION DIM_BIT(DIM_DISTRICT)
#define DIMS_RECS (DIM_BIT(DIM_REC_KIND) | DIM_BIT(DIM_RECIPIENT)               \
                   | DIM_BIT(DIM_DISTRICT) | TIME_DIMS)
#define DIMS_HEARINGS TIME_DIMS

/**
 * What a record is within a period: the engine computes these facts once
 * per record and period, and a metric counts a record in its numerator
 * (denominator) when the metric's numerator (denominator) fact holds.
 */
enum stats_fact {
    FACT_NONE,               /* no denominator (a count) */
    /* cases */
    FACT_FILED,              /* 立案日期 in P */
    FACT_CLOSED,             /* 结案日期 in P */
    FACT_PENDING_START,      /* open at the start of P */
    FACT_PENDING_END,        /* open at the end of P */
    FACT_ON_DOCKET,          /* pending at the start or filed in P */
    FACT_FI_CLOSED,          /* first instance, closed in P */
    FACT_LOSS,               /* ... closed as an agency loss */
    FACT_JUDGED,             /* ... closed by a judgment */
    FACT_MEDIATED_WITHDRAWN, /* ... closed by 调解 or 撤诉 */
    FACT_HEARD,              /* ... after a hearing */
    FACT_HEAD_APPEARED,      /* ... heard, the agency head appeared */
    FACT_FI_FILED,           /* first instance, filed in P */
    FACT_RECONSIDERED,       /* fi_closed, 是否经复议 = yes */
    FACT_RECONSIDERED_LOSS,  /* ... closed as an agency loss */
    FACT_JOINT_DEFENDANT,    /* ... a 人民政府 named after the first 被告 */
    FACT_REVIEW_LOSS,        /* ... and an agency loss; split by defendant,
                              * only under that 人民政府 (the 复议机关) */
    /* civil filings (weighted by the row's count) and population */
    FACT_CIVIL_FILED,        /* the row's month in P */
    FACT_FILINGS,            /* civil + administrative first-instance */
    FACT_POPULATION,         /* 常住人口 of the year P ends in */
    /* recommendations */
    FACT_REC_ISSUED, FACT_REC_DUE, FACT_REC_ON_TIME, FACT_REC_OVERDUE,
    FACT_REC_ANSWERED, FACT_REC_ADOPTED,
    /* procuratorial hearings */
    FACT_HEARING_HELD, FACT_HEAD_ATTENDED,
    FACT_COUNT
};

/** The metrics of metrics.md, in the order of metrics.def. */
enum stats_metric_id {
#define FY_METRIC(e, id, name, kind, src, dims, num, den, tnum, tden) e,
#include "fuyuan/metrics.def"
#undef FY_METRIC
    MET_COUNT
};

/** A metric of metrics.md (a line of metrics.def). */
struct stats_metric_def {
    const char *id;          /* "loss_rate" */
    const char *name;        /* 行政机关败诉率 */
    enum stats_kind kind;
    enum stats_source source;
    unsigned dims;           /* bit (1 << enum stats_dim) per dimension */
    enum stats_fact num_fact;  /* what counts in the numerator */
    enum stats_fact den_fact;  /* ... in the denominator; FACT_NONE */
    const char *numerator;   /* the 口径 in words (Chinese) */
    const char *denominator; /* NULL for a count */
};

/** The metric table (without the loss_cause:<cause> family). */
const struct stats_metric_def *stats_metric_defs(size_t *n);

struct stats_dim_def {
    const char *id;          /* "district" */
    const char *name;        /* 旗区 */
};
const struct stats_dim_def *stats_dim_defs(void);

/** A metric as asked for: a table entry, or a loss cause. */
struct stats_metric {
    int def;                 /* index into stats_metric_defs(), or -1 */
    int cause;               /* loss cause 0..NORM_NCAUSES (= 未填写) */
};

/** The dimensions a metric can be split or filtered by (DIM_BIT()s). */
unsigned stats_metric_dims(const struct stats_metric *m);
/** The table a metric counts. */
enum stats_source stats_metric_source(const struct stats_metric *m);
/** The tables of the data contract a source reads: "cases",
 *  "civil_filings, cases, population", ... */
const char *stats_source_name(enum stats_source s);
/** 计数, 比率 or 每万人. */
const char *stats_kind_name(enum stats_kind k);

/**
 * A line of the list of metrics (`fuyuan metrics`, docs/query.md): the
 * entries of metrics.def, then every loss_cause:<cause>, then the
 * loss_causes shorthand (which names them all).
 */
struct stats_metric_info {
    const char *id;          /* "loss_rate", "loss_cause:超越职权" */
    const char *name;        /* 行政机关败诉率 */
    enum stats_kind kind;
    enum stats_source source;
    unsigned dims;           /* DIM_BIT()s */
    const char *numerator;   /* the 口径 (Chinese) */
    const char *denominator; /* NULL for a count */
    int shorthand;           /* 1: loss_causes, which stands for several */
    char buf[3][512];        /* what id, name and numerator may point to */
};

/** Line @p i of the list of metrics into @p out; 0 past its end. */
int stats_metric_info(size_t i, struct stats_metric_info *out);

/** Id and name of a metric (the loss_cause family included). */
const char *stats_metric_id(const struct stats_metric *m, char *buf,
                            size_t n);
const char *stats_metric_name(const struct stats_metric *m, char *buf,
                              size_t n);
enum stats_kind stats_metric_kind(const struct stats_metric *m);

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

#define STATS_MAX_METRICS 64
#define STATS_MAX_DIMS 3
#define STATS_MAX_WHERE 16
#define STATS_NULL UINT32_MAX   /* the code of "no value" (未填写) */

enum stats_compare { STATS_COMPARE_NONE, STATS_COMPARE_YOY,
                     STATS_COMPARE_PREV };

struct stats_filter {
    enum stats_dim dim;
    uint32_t code;           /* the value's code (see stats_dim_code) */
    struct stats_period bucket; /* for time dimensions */
};

struct stats_request {
    struct stats_period period;
    int32_t as_of;           /* FY_NO_DATE = the period's end */
    struct stats_metric metrics[STATS_MAX_METRICS];
    size_t nmetrics;
    enum stats_dim dims[STATS_MAX_DIMS];
    size_t ndims;
    struct stats_filter where[STATS_MAX_WHERE];
    size_t nwhere;
    enum stats_compare compare;
};

/** Add the metrics of a comma-separated list ("filed,loss_causes"). */
fy_status stats_request_metrics(struct stats_request *req, const char *list,
                                struct fy_error *err);
/** Add metric @p id (the report stage asks by id, not by words). */
fy_status stats_request_add(struct stats_request *req,
                            enum stats_metric_id id, struct fy_error *err);
/** Set the dimensions of a comma-separated list ("domain,district"). */
fy_status stats_request_dims(struct stats_request *req, const char *list,
                             struct fy_error *err);
/** Add a filter "DIM=VALUE" (the value in any accepted spelling). */
fy_status stats_request_where(struct stats_request *req,
                              const struct fy_dataset *ds, const char *expr,
                              struct fy_error *err);
/** "yoy" or "prev". */
fy_status stats_request_compare(struct stats_request *req, const char *mode,
                                struct fy_error *err);

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

/** A figure: exact numerator and denominator. */
struct stats_cell {
    int64_t num;
    int64_t den;
};

struct stats_row {
    uint32_t key[STATS_MAX_DIMS];  /* value codes, STATS_NULL = 未填写 */
    struct stats_cell *cells;      /* one per metric */
    struct stats_cell *prev;       /* the comparison period's, or NULL */
};

struct stats_result {
    struct stats_request req;
    struct stats_period period;    /* req.period narrowed by time filters */
    struct stats_period compare_period;
    struct stats_row *rows;        /* sorted by the dimension values */
    size_t nrows;
    struct stats_row total;        /* over the whole period, no dims */
    char **warnings;               /* owned; e.g. population fallbacks */
    char **doc_warnings;           /* owned; the same in Chinese, for
                                    * documents (warnings: LANG) */
    size_t nwarnings;
    /* private */
    const struct fy_dataset *ds;
    size_t caprows;
    struct stats_period *buckets;  /* of the time dimension */
    char **bucket_names;           /* "2024Q1" ... */
    size_t nbuckets;
};

/**
 * Answer @p req. A metric that cannot be split by a dimension, a civil
 * metric over a period that cuts a month: FY_E_USAGE with the reason.
 */
fy_status stats_run(const struct fy_dataset *ds,
                    const struct stats_request *req,
                    struct stats_result **out, struct fy_error *err);
void stats_result_free(struct stats_result *res);

/**
 * The records that count in the numerator of metric number @p metric of
 * @p req over its period, filters applied (no dimensions): indices into
 * ds->cases or ds->recs, in read order. The caller frees *idx.
 */
fy_status stats_records(const struct fy_dataset *ds,
                        const struct stats_request *req, size_t metric,
                        uint32_t **idx, size_t *n, struct fy_error *err);

/**
 * The value of a figure; *defined is 0 for a rate whose denominator is 0.
 */
double stats_value(enum stats_kind kind, const struct stats_cell *c,
                   int *defined);

/** The change against the comparison figure: relative for a count
 *  (undefined when last is 0), the difference in percentage points for a
 *  rate, the difference for a per-10k rate. */
double stats_change(enum stats_kind kind, const struct stats_cell *cur,
                    const struct stats_cell *prev, int *defined);

/** The index of metric @p id among those @p res was asked for; FY_BUG
 *  when it was not asked for. */
size_t stats_metric_index(const struct stats_result *res,
                          enum stats_metric_id id);
/** The figure of metric @p id in @p row (NULL: the total) of @p res. */
const struct stats_cell *stats_fig(const struct stats_result *res,
                                   const struct stats_row *row,
                                   enum stats_metric_id id);
/** The same figure in the comparison period; FY_BUG without one. */
const struct stats_cell *stats_fig_prev(const struct stats_result *res,
                                        const struct stats_row *row,
                                        enum stats_metric_id id);

/** The label of a row's value for dimension number @p i (NULL = 未填写). */
const char *stats_key_label(const struct stats_result *res, size_t i,
                            uint32_t code);

#endif /* FY_STATS_H */
