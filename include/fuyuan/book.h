/* SPDX-License-Identifier: MIT */
/*
 * book.h - the book: report tables made from table specs through the
 * statistics engine, and the workbooks (libxlsxwriter) written from them.
 * The first room of the report stage; the narrative and the drawing read
 * its tables, never the other way round.
 */
#ifndef FY_BOOK_H
#define FY_BOOK_H

#include "fuyuan/report.h"

/* ------------------------------------------------------------------ */
/* Report tables: what the workbook (and later the PDF) draw from      */
/* ------------------------------------------------------------------ */

enum report_col_kind {
    RC_TEXT,          /* a label or a name */
    RC_COUNT,         /* an integer count, 1,234 */
    RC_RATE,          /* a fraction shown as 12.35% */
    RC_PER10K,        /* a rate per 10,000 shown as 1.23 */
    RC_CHANGE_REL,    /* relative change of a count, +5.60% */
    RC_CHANGE_PP,     /* change of a rate in percentage points */
    RC_CHANGE_DIFF,   /* change of a per-10k rate */
    RC_INT,           /* a plain integer (days, a rank) */
    RC_DATE           /* a date; v is the day number */
};

/*
 * Typed links. Every table of a book has an id, and every column a key
 * saying what it holds: the narrative finds a table by its id and a
 * column by its key, never by a name or a position. A table or column
 * that is not there is a bug (FY_BUG), not silence.
 */
#define REPORT_TABLES(X)                                                     \
    X(TBL_CASES_BY_COURT, "CasesByCourt")                                    \
    X(TBL_CASES_BY_TYPE, "CasesByType")                                      \
    X(TBL_ACTION_TYPES, "ActionTypes")                                       \
    X(TBL_DOMAINS, "Domains")                                                \
    X(TBL_DISTRICTS, "Districts")                                            \
    X(TBL_DISTRICT_PROFILE, "DistrictProfile")                               \
    X(TBL_DISPOSITIONS, "Dispositions")                                      \
    X(TBL_LOSS_BY_DOMAIN, "LossByDomain")                                    \
    X(TBL_LOSS_BY_DEFENDANT, "LossByDefendant")                              \
    X(TBL_LOSS_CAUSES, "LossCauses")                                         \
    X(TBL_MEDIATION_BY_COURT, "MediationByCourt")                            \
    X(TBL_APPEARANCE_BY_COURT, "AppearanceByCourt")                          \
    X(TBL_APPEARANCE_BY_DISTRICT, "AppearanceByDistrict")                    \
    X(TBL_APPEARANCE_BY_DEFENDANT, "AppearanceByDefendant")                  \
    X(TBL_LITIGATION, "LitigationPer10k")                                    \
    X(TBL_RECS_BY_KIND, "RecsByKind")                                        \
    X(TBL_RECS_BY_RECIPIENT, "RecsByRecipient")                              \
    X(TBL_HEARINGS, "Hearings")                                              \
    X(TBL_RECONSIDERATION, "Reconsideration")                                \
    X(TBL_TREND, "Trend")                                                    \
    X(TBL_DEFENDANTS, "Defendants")                                          \
    X(TBL_DISPOSITIONS_BY_COURT, "DispositionsByCourt")                      \
    X(TBL_RANK_DISTRICTS_LOSS, "RankDistrictsLoss")                          \
    X(TBL_RANK_DISTRICTS_APPEARANCE, "RankDistrictsAppearance")              \
    X(TBL_RANK_AGENCIES_LOSS, "RankAgenciesLoss")                            \
    X(TBL_RANK_AGENCIES_APPEARANCE, "RankAgenciesAppearance")                \
    X(TBL_LOSS_CASES, "LossCases")                                           \
    X(TBL_HEAD_ABSENT, "HeadAbsent")                                         \
    X(TBL_OVERDUE, "Overdue")                                                \
    X(TBL_QUERY, "Query")

enum report_table_id {
    TBL_NONE,
#define REPORT_TABLE_ENUM(e, name) e,
    REPORT_TABLES(REPORT_TABLE_ENUM)
#undef REPORT_TABLE_ENUM
    TBL_COUNT
};

/** The stable ASCII name of a table id ("LossCauses"). */
const char *report_table_id_name(enum report_table_id id);

/** What a column holds. */
enum report_col_role {
    COL_LABEL,       /* a dimension's values (field = enum stats_dim) */
    COL_VALUE,       /* a metric's figure */
    COL_SHARE,       /* the row's count / the total */
    COL_PREV,        /* the comparison period's figure */
    COL_CHANGE,      /* the change against it */
    COL_TARGET,      /* the 100% target */
    COL_NUMERATOR,   /* a rate's numerator, beside the rate */
    COL_DENOMINATOR, /* a rate's denominator (its n) */
    COL_FIELD        /* a record's field or a derived column (field) */
};

/** The fields of list and ranking tables (COL_FIELD). */
enum report_field {
    FLD_NONE, FLD_RANK, FLD_NAME, FLD_CASE_NO, FLD_COURT, FLD_DEFENDANT,
    FLD_DISTRICT, FLD_DISPOSITION, FLD_CAUSES, FLD_CLOSED_ON, FLD_REC_NO,
    FLD_REC_KIND, FLD_RECIPIENT, FLD_ISSUED_ON, FLD_DUE_ON, FLD_DAYS_LATE,
    FLD_CAUSE, FLD_YEAR, FLD_HEAD, FLD_NOTE
};

struct report_colkey {
    enum report_col_role role;
    int metric;               /* enum stats_metric_id; -1 = a loss cause */
    int window;               /* 0 = the first window (the quarter) */
    int field;                /* enum report_field, or the label's dim */
};

struct report_column {
    char *header;             /* unique within the table */
    enum report_col_kind kind;
    struct report_colkey key; /* what it holds */
};

struct report_value {
    int defined;              /* 0: shown as — */
    double v;                 /* the unrounded value */
    char *text;               /* RC_TEXT (owned) */
};

/** A cell of a report table as the paper prints it ("—" when undefined;
 *  a change of a rate without its unit, which the header carries). */
void report_fmt_cell(const struct report_value *v, enum report_col_kind k,
                     struct fy_buf *out);

enum report_chart_type { CHART_NONE, CHART_COLUMN, CHART_BAR, CHART_LINE,
                         CHART_PIE };

/*
 * A table's chart, with the chart rules of white-paper.md ("Charts")
 * applied once for the workbook and the drawing: the rows it shows (no
 * category without a figure; bars on their side and donuts largest
 * first), its type (a donut of six slices at most, a trend line of three
 * years at least), its unit and source lines.
 */
struct report_chart {
    enum report_chart_type type;
    size_t category;          /* column of the category labels */
    size_t values[4];         /* columns of the series */
    size_t nvalues;
    int target;               /* draw a 100% target line */
    size_t *rows;             /* owned: the data rows shown, in order */
    size_t nrows;
    int percent;              /* the values are rates (axis in %) */
    char *unit;               /* owned: "件", "%", "件/万人" */
    char *source;             /* owned: "资料来源：…" (no full stop) */
    char *title;              /* owned */
    char *alt;                /* owned: alt text describing the chart */
};

struct report_table {
    enum report_table_id id;
    char *name;               /* stable ASCII Excel table name */
    char *sheet;              /* sheet name (at most 31 characters) */
    char *title;              /* 表1 2023年… */
    char *source;             /* the source and notes line */
    struct report_column *cols;
    size_t ncols;
    struct report_value *cells;  /* nrows x ncols, row-major */
    size_t nrows;
    int has_total;            /* the last row is the 合计 row */
    int ranked;               /* agency rows: ordered by rank_col within
                               * their 旗区 group (white-paper.md, "Order
                               * of rows"), the figure a top list takes */
    size_t rank_col;
    struct report_chart chart;
    const char *metrics[STATS_MAX_METRICS]; /* ids used, for 说明 */
    size_t nmetrics;
    size_t nranked;           /* a ranking: its first nranked rows are
                               * ranked, the rest listed unranked */
};

/** The whole of a workbook's content. */
struct report_book {
    char *title;              /* 鄂尔多斯市2023年行政审判白皮书统计表 */
    char *period_title;       /* 2023年 */
    char *as_of;              /* 2023-12-31 */
    char *issuers;            /* the issuing bodies */
    char *contents;           /* what the workbook holds */
    time_t created;           /* SOURCE_DATE_EPOCH or the run's start */
    struct report_table *tables;
    size_t ntables, captables;
    char **notes;             /* [注1]… in order of first use */
    size_t nnotes;
    const struct fy_dataset *ds;
    const struct report_settings *settings; /* borrowed; never NULL */
    char **warnings;          /* fallbacks found while computing (LANG) */
    char **doc_warnings;      /* the same in Chinese, for documents */
    size_t nwarnings;
    struct report_collator *collator; /* pinyin order, opened when first
                                       * needed */
    const struct report_revisions *revisions; /* --previous: borrowed; NULL
                                               * without */
};

/** The marker of note @p text ("[注2]"), numbering new notes in order. */
const char *report_book_note(struct report_book *book, const char *text,
                             char marker[16]);
/** Add a table (its content is moved into the book). */
void report_book_add(struct report_book *book, struct report_table *t);
/** Remember the warnings of a result (deduplicated). */
void report_book_warnings(struct report_book *book,
                          const struct stats_result *res);
void report_book_release(struct report_book *book);

/** The table @p id of @p book; FY_BUG when the book has none. */
const struct report_table *report_book_get(const struct report_book *book,
                                           enum report_table_id id);
/** The table @p id of @p book, or NULL (for a table a book may lack). */
const struct report_table *report_book_find(const struct report_book *book,
                                            enum report_table_id id);
/** The column of @p t holding metric @p metric in @p role for window
 *  @p window; FY_BUG when there is none. */
size_t report_col_metric(const struct report_table *t,
                         enum report_col_role role, int metric, int window);
/** The column of @p t holding field @p field; FY_BUG when none. */
size_t report_col_field(const struct report_table *t,
                        enum report_field field);
/** The text of field @p field in row @p row (NULL = 未填写). */
const char *report_text(const struct report_table *t, size_t row,
                        enum report_field field);
/** The value of field @p field in row @p row. */
double report_number(const struct report_table *t, size_t row,
                     enum report_field field);
/** The rows of @p t without its 合计 row. */
size_t report_data_rows(const struct report_table *t);

/** Make a table of @p ncols columns and @p nrows rows (cells zeroed). */
void report_table_init(struct report_table *t, size_t ncols, size_t nrows);
struct report_value *report_cell(struct report_table *t, size_t row,
                                 size_t col);
void report_table_release(struct report_table *t);

/** Contents of the annual workbook for the year of @p period. */
fy_status report_annual_book(const struct fy_dataset *ds,
                             const struct stats_period *period,
                             int32_t as_of,
                             const struct report_settings *settings,
                             struct report_book *book, struct fy_error *err);
/** Contents of the quarterly workbook. */
fy_status report_quarterly_book(const struct fy_dataset *ds,
                                const struct stats_period *period,
                                int32_t as_of,
                                const struct report_settings *settings,
                                struct report_book *book,
                                struct fy_error *err);

/** A one-table book of a query's result (query --format xlsx). */
fy_status report_query_book(const struct fy_dataset *ds,
                            const struct stats_result *res,
                            const struct report_settings *settings,
                            struct report_book *book, struct fy_error *err);

/** Write @p book as an .xlsx file at @p path. */
fy_status report_xlsx_write(const struct report_book *book, const char *path,
                            struct fy_error *err);

/* ------------------------------------------------------------------ */
/* figures.json and revisions (docs/revisions.md)                      */
/* ------------------------------------------------------------------ */

/** One figure that differs from the earlier run's. */
struct report_revision {
    char *table;              /* the Excel table name ("CasesByCourt") */
    char *sheet;              /* its sheet */
    char *row, *column;       /* the row's key, the column's header */
    char *old_text, *new_text; /* as printed; NULL: not in that run */
    char *change;             /* "+3", "+1.20个百分点", "新增", "修订" */
    char *why;                /* 说明: what the case summaries tell, or "" */
};

/** A run compared with an earlier one (--previous DIR). */
struct report_revisions {
    char *previous;           /* the folder as given */
    char *sha256;             /* of its figures.json */
    char *created;            /* that run's time, as its figures.json says */
    int32_t created_day;      /* its day, FY_NO_DATE */
    struct report_revision *items; /* in table order */
    size_t n;
};

/** Write figures.json: every figure of @p book keyed by table, row and
 *  column, and a summary of each case (the run's @p command and period);
 *  @p sha256, the SHA-256 of the bytes written ("" when it failed). */
fy_status report_figures_write(const struct report_book *book,
                               const char *command,
                               const struct stats_period *period,
                               const char *path, char sha256[65],
                               struct fy_error *err);
/** Compare @p book with the figures.json in folder @p previous: FY_E_IO
 *  when it is missing, unreadable, or of another command or period. */
fy_status report_revisions_compare(const struct report_book *book,
                                   const char *command,
                                   const struct stats_period *period,
                                   const char *previous,
                                   struct report_revisions *out,
                                   struct fy_error *err);
void report_revisions_release(struct report_revisions *r);

#endif /* FY_BOOK_H */
