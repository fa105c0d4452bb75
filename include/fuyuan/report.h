/* SPDX-License-Identifier: MIT */
/*
 * report.h - presentation: figures formatted as people read them, and the
 * outputs of `query` (terminal table, CSV, JSON). Every figure comes from
 * a stats_result; nothing here computes a statistic of its own.
 */
#ifndef FY_REPORT_H
#define FY_REPORT_H

#include "fuyuan/stats.h"

#include <time.h>

/** The version written into reports. */
#define FY_REPORT_VERSION "0.1.0"

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

struct report_column {
    char *header;             /* unique within the table */
    enum report_col_kind kind;
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

struct report_chart {
    enum report_chart_type type;
    size_t category;          /* column of the category labels */
    size_t values[4];         /* columns of the series */
    size_t nvalues;
    int target;               /* draw a 100% target line */
    char *title;              /* owned */
    char *alt;                /* owned: alt text describing the chart */
};

struct report_table {
    char *name;               /* stable ASCII Excel table name */
    char *sheet;              /* sheet name (at most 31 characters) */
    char *title;              /* 表1 2023年… */
    char *source;             /* the source and notes line */
    struct report_column *cols;
    size_t ncols;
    struct report_value *cells;  /* nrows x ncols, row-major */
    size_t nrows;
    int has_total;            /* the last row is the 合计 row */
    struct report_chart chart;
    const char *metrics[STATS_MAX_METRICS]; /* ids used, for 说明 */
    size_t nmetrics;
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
    char **warnings;          /* fallbacks found while computing */
    size_t nwarnings;
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

/** Make a table of @p ncols columns and @p nrows rows (cells zeroed). */
void report_table_init(struct report_table *t, size_t ncols, size_t nrows);
struct report_value *report_cell(struct report_table *t, size_t row,
                                 size_t col);
void report_table_release(struct report_table *t);

/** Contents of the annual workbook for the year of @p period. */
fy_status report_annual_book(const struct fy_dataset *ds,
                             const struct stats_period *period,
                             int32_t as_of, struct report_book *book,
                             struct fy_error *err);
/** Contents of the quarterly workbook. */
fy_status report_quarterly_book(const struct fy_dataset *ds,
                                const struct stats_period *period,
                                int32_t as_of, struct report_book *book,
                                struct fy_error *err);

/** A one-table book of a query's result (query --format xlsx). */
fy_status report_query_book(const struct fy_dataset *ds,
                            const struct stats_result *res,
                            struct report_book *book, struct fy_error *err);

/** Write @p book as an .xlsx file at @p path. */
fy_status report_xlsx_write(const struct report_book *book, const char *path,
                            struct fy_error *err);

/* ------------------------------------------------------------------ */
/* Writing a run's files all-or-nothing                                */
/* ------------------------------------------------------------------ */

/**
 * The files of a run are written into a folder beside the destination
 * (DEST.tmp-PID) and renamed into DEST only when all are complete; a
 * failed run removes the temporary folder and leaves DEST as it was.
 */
struct report_output {
    char *dest;               /* the destination folder */
    char *tmp;                /* the temporary folder beside it */
    char **names;             /* files written, relative to both */
    size_t nnames;
    char *made;               /* the highest parent folder this run made */
};

fy_status report_output_begin(struct report_output *o, const char *dest,
                              struct fy_error *err);
/** The path to write @p name (relative, may contain one folder) to; the
 *  file is recorded for the commit. Owned by the caller. */
char *report_output_file(struct report_output *o, const char *name,
                         struct fy_error *err);
fy_status report_output_commit(struct report_output *o, struct fy_error *err);
/** Remove the temporary folder (after a failure) and release @p o. */
void report_output_release(struct report_output *o);

/** SHA-256 of a file as 64 hex digits. */
fy_status report_sha256_file(const char *path, char hex[65],
                             struct fy_error *err);

/** What manifest.json records of a run. */
struct report_manifest {
    const char *command;      /* "annual" */
    const char *const *argv;  /* the command line */
    int argc;
    const struct stats_period *period;
    const char *as_of;
    time_t created;
    const struct fy_ingest_opts *ingest;  /* --courts, --rules, ... */
    const char *output;                   /* the destination folder */
    int strict;
};

/** Write manifest.json into the output (inputs and the files so far). */
fy_status report_manifest_write(struct report_output *o,
                                const struct fy_dataset *ds,
                                const struct report_manifest *m,
                                struct fy_error *err);

/** The run's time: SOURCE_DATE_EPOCH when set (and valid), else now. */
time_t report_run_time(void);

/* ------------------------------------------------------------------ */
/* Fonts, charts and PDFs (cairo + Pango; details in report_draw.h)    */
/* ------------------------------------------------------------------ */

struct report_fonts;

/** Load the fonts of @p fonts_dir/fonts.conf; the CJK font must exist. */
fy_status report_fonts_new(const char *fonts_dir, struct report_fonts **out,
                           struct fy_error *err);
void report_fonts_free(struct report_fonts *f);
/**
 * Release the process-wide caches of cairo (at exit, when no surface or
 * font map is left), so that leak checkers see no leak.
 */
void report_release_libraries(void);
/** Warnings about characters no loaded font covers. */
size_t report_fonts_warnings(const struct report_fonts *f,
                             const char *const **out);

/** A chart's kind. */
enum chart_kind {
    CK_BAR,        /* vertical bars; several series are grouped */
    CK_HBAR,       /* horizontal bars (long labels), grouped */
    CK_STACKED,    /* vertical stacked bars */
    CK_LINE,       /* lines over categories (a trend by year) */
    CK_DONUT       /* shares of a whole (one series) */
};

#define CHART_MAX_SERIES 4

struct chart_series {
    const char *name;                /* legend label */
    const double *values;            /* one per category */
    const unsigned char *defined;    /* 0: undefined, drawn as a gap */
};

/** What to draw: everything the chart shows, already computed. */
struct chart_spec {
    enum chart_kind kind;
    const char *title;
    const char *subtitle;            /* period, unit, source */
    const char *note;                /* a footnote, or NULL */
    const char *const *categories;
    size_t ncat;
    struct chart_series series[CHART_MAX_SERIES];
    size_t nseries;
    int percent;                     /* values are fractions shown as % */
    int decimals;                    /* decimals of the data labels */
    double target;                   /* a target line at this value ... */
    const char *target_label;        /* ... drawn when this is not NULL */
    double width, height;            /* points; 0 = 480 x 300 */
};

/** A rectangle the chart put text in (for the overlap check). */
struct chart_box {
    double x, y, w, h;
};

struct chart_layout {
    struct chart_box *boxes;         /* every text label drawn */
    size_t nboxes;
    int drawn;                       /* 0: empty series, nothing drawn */
};

/** 1 when every value is 0 or undefined (no chart is drawn for it). */
int report_chart_empty(const struct chart_spec *c);
/** 1 when two text boxes of the layout intersect. */
int report_chart_overlaps(const struct chart_layout *l);
void report_chart_layout_release(struct chart_layout *l);

/**
 * "Nice" axis ticks covering [lo, hi] with at most @p max_ticks ticks
 * (Heckbert's nice numbers): *start, *step and *n ticks.
 */
void report_nice_ticks(double lo, double hi, int max_ticks, double *start,
                       double *step, int *n);

/** The chart alone as a vector PDF (fonts embedded, dates fixed). */
fy_status report_chart_pdf(struct report_fonts *f, const struct chart_spec *c,
                           const char *path, time_t created,
                           struct chart_layout *layout, struct fy_error *err);
/** The chart alone as a PNG at @p dpi dots per inch. */
fy_status report_chart_png(struct report_fonts *f, const struct chart_spec *c,
                           const char *path, double dpi,
                           struct fy_error *err);

/* ------------------------------------------------------------------ */
/* Documents: the white paper and the quarterly notification (PDF)     */
/* ------------------------------------------------------------------ */

enum doc_block_kind {
    DB_HEADING,      /* a section heading (in the table of contents) */
    DB_SUBHEADING,   /* a heading within a section */
    DB_PARA,         /* a paragraph, first line indented */
    DB_CHART,        /* a chart */
    DB_TABLE,        /* a table (continues across pages, header repeated) */
    DB_PAGEBREAK
};

struct doc_block {
    enum doc_block_kind kind;
    char *text;                          /* heading/paragraph (owned) */
    struct chart_spec *chart;            /* owned with its arrays */
    char *file;                          /* chart file name "01-trend" */
    const struct report_table *table;    /* borrowed from a book */
};

struct report_doc {
    char *title;                         /* cover title */
    char *subtitle;                      /* cover subtitle (the period) */
    char *issuers;                       /* cover: the issuing bodies */
    char *date;                          /* cover: the date line */
    time_t created;
    struct doc_block *blocks;
    size_t nblocks, capblocks;
};

void report_doc_heading(struct report_doc *d, const char *text);
void report_doc_subheading(struct report_doc *d, const char *text);
void report_doc_para(struct report_doc *d, const char *text);
/** Add a chart (consumed: the doc owns it and its arrays); @p file names
 *  its files charts/NN-file.pdf and .png (NN = its number in the doc). */
void report_doc_chart(struct report_doc *d, const char *file,
                      struct chart_spec *c);
void report_doc_table(struct report_doc *d, const struct report_table *t);
void report_doc_pagebreak(struct report_doc *d);
void report_doc_release(struct report_doc *d);
/** Free a chart made by report_chart_from_table (and its arrays). */
void report_chart_spec_free(struct chart_spec *c);

/**
 * A chart of a book table: categories from column 0 (without the total
 * row), one series per column named in @p cols (NULL-terminated list of
 * header names). NULL when a column is missing.
 */
struct chart_spec *report_chart_from_table(const struct report_table *t,
                                           enum chart_kind kind,
                                           const char *const *cols);

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

/** Render @p d as an A4 PDF: cover, contents, numbered pages. */
fy_status report_pdf_write(struct report_fonts *f, const struct report_doc *d,
                           const char *path, struct fy_error *err);
/** The paragraphs and headings of @p d as plain text. */
fy_status report_doc_write_text(const struct report_doc *d, const char *path,
                                struct fy_error *err);

#endif /* FY_REPORT_H */
