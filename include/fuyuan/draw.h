/* SPDX-License-Identifier: MIT */
/*
 * draw.h - the drawing: fonts, charts (cairo + Pango) and the PDF layout
 * of documents. A chart is drawn from a chart description (struct
 * chart_spec) made from a book table's chart, the same one the workbook's
 * native chart is made from.
 */
#ifndef FY_DRAW_H
#define FY_DRAW_H

#include "fuyuan/book.h"

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
/** The warnings recorded so far, handed to the caller (who frees each
 *  and the array; NULL when none): the list starts empty again. Lets a
 *  caller that draws on several threads, each with fonts of its own, put
 *  the warnings in the order of the files they came from. */
char **report_fonts_take_warnings(struct report_fonts *f, size_t *n);

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
    const char *subtitle;            /* period and unit (under the title) */
    const char *note;                /* a footnote, or NULL */
    const char *unit;                /* "件", "%": for the subtitle */
    const char *source;              /* "资料来源：…", the last line */
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
    DB_PAGEBREAK,
    DB_BYLINE,       /* a line under a heading (a 案号), kept with it */
    DB_ATTACH_NOTE,  /* 公文: 附件说明, "附件：1. …" (lines split by "\n"),
                      * after the body, before the 落款 */
    DB_ATTACHMENT    /* 公文: an attachment starts: a new page, "附件N" at
                      * the top left (label_len bytes of text), then its
                      * title centred; the 落款 comes before the first */
};

/** What kind of document: a report (cover, contents) or an official
 *  notice (公文, GB/T 9704-2012: head, 文号, 主送, 落款, 附件). */
enum doc_form {
    DOC_REPORT,
    DOC_NOTICE
};

struct doc_block {
    enum doc_block_kind kind;
    char *text;                          /* heading/paragraph (owned) */
    size_t label_len;                    /* DB_PARA: the first bytes of
                                          * text are a run-in label, bold */
    struct chart_spec *chart;            /* owned with its arrays */
    char *file;                          /* chart file name "01-trend" */
    const struct report_table *table;    /* borrowed from a book */
    int excerpt;                         /* DB_TABLE: only these rows */
    size_t *rows;                        /* (owned), without the 合计 */
    size_t nrows;                        /* row; text: the line under it */
};

struct report_doc {
    enum doc_form form;
    char *title;                         /* cover title; a notice's 标题 */
    char *subtitle;                      /* cover subtitle (the period) */
    char *issuers;                       /* cover: the issuing bodies ("、"
                                          * between); a notice's 发文机关
                                          * 标志 and 落款 */
    char *date;                          /* cover: the date line; a
                                          * notice's 成文日期 (2024年7月10日) */
    char *number;                        /* notice: 发文字号 (鄂中法〔2024〕
                                          * 12号, or "〔2024〕　号") */
    char *to;                            /* notice: 主送机关, with its "：" */
    time_t created;
    struct doc_block *blocks;
    size_t nblocks, capblocks;
};

void report_doc_heading(struct report_doc *d, const char *text);
void report_doc_subheading(struct report_doc *d, const char *text);
void report_doc_para(struct report_doc *d, const char *text);
/** A paragraph that starts with a run-in label in bold (【基本案情】). */
void report_doc_labelled_para(struct report_doc *d, const char *label,
                              const char *text);
/** A line under the heading before it (not indented, kept with it). */
void report_doc_byline(struct report_doc *d, const char *text);
/** Add a chart (consumed: the doc owns it and its arrays); @p file names
 *  its files charts/NN-file.pdf and .png (NN = its number in the doc). */
void report_doc_chart(struct report_doc *d, const char *file,
                      struct chart_spec *c);
void report_doc_table(struct report_doc *d, const struct report_table *t);
/** An excerpt of table @p t: its rows @p rows (@p n of them, copied; the
 *  合计 row is not shown), with the line @p after under its source line
 *  (saying where the rest is). */
void report_doc_table_rows(struct report_doc *d, const struct report_table *t,
                           const size_t *rows, size_t n, const char *after);
void report_doc_pagebreak(struct report_doc *d);
/** 公文: the 附件说明 lines ("附件：1. …\n　　　2. …"). */
void report_doc_attach_note(struct report_doc *d, const char *text);
/** 公文: attachment @p label ("附件1") with its @p title; the blocks
 *  after it (a table) are its content. */
void report_doc_attachment(struct report_doc *d, const char *label,
                           const char *title);
void report_doc_release(struct report_doc *d);
/** Free a chart made by report_chart_from_table (and its arrays). */
void report_chart_spec_free(struct chart_spec *c);

/**
 * The drawing of a book table's chart (t->chart, the description the
 * workbook's native chart is made from too): the categories of the rows
 * it shows, in its order (the book left out the empty ones and put bars
 * on their side and donuts largest first), one series per value column,
 * the 目标值 column as a target line, its unit and source. NULL when the
 * table has no chart, or when every value is 0 or undefined (no chart is
 * drawn for nothing).
 */
struct chart_spec *report_chart_from_table(const struct report_table *t);

/** Render @p d as an A4 PDF: a report with cover, contents and numbered
 *  pages; a notice (DOC_NOTICE) as a 公文 page. */
fy_status report_pdf_write(struct report_fonts *f, const struct report_doc *d,
                           const char *path, struct fy_error *err);
/** The paragraphs and headings of @p d as plain text. */
fy_status report_doc_write_text(const struct report_doc *d, const char *path,
                                struct fy_error *err);

/* ------------------------------------------------------------------ */
/* Editable drafts: the document as .docx, through pandoc              */
/* ------------------------------------------------------------------ */

/** What writing a .docx needs besides the document. */
struct report_docx_opts {
    const char *data_dir;     /* holds reference.docx (a report) and
                               * reference-notice.docx (a notice) */
    const char *resource_dir; /* the folder charts/NN-name.png are in */
    const char *pandoc;       /* the program; NULL: "pandoc" on PATH */
    struct report_fonts *fonts; /* to break a 公文's titles where the PDF
                                 * does; NULL: Word wraps them */
};

/**
 * Write @p d as a Word document at @p path: pandoc (run as a child, no
 * shell) turns report_doc_markdown()'s text into .docx with the styles
 * and page of the reference document; SOURCE_DATE_EPOCH = d->created in
 * its environment makes the bytes reproducible. FY_E_DOCX when pandoc
 * cannot be run or fails (its message and exit status in @p err).
 */
fy_status report_docx_write(const struct report_doc *d,
                            const struct report_docx_opts *o,
                            const char *path, struct fy_error *err);
/** A pandoc started by report_docx_start(): wait for it with
 *  report_docx_wait() or stop it with report_docx_kill(). */
struct report_docx_run {
    int pid;                  /* the child; 0: none */
    int slot;                 /* fy_cleanup_add_child()'s; -1 */
    FILE *in, *log;           /* its Markdown and its messages */
    char *path, *pandoc;      /* the .docx; the program */
    struct fy_loc at;         /* the .docx's name, for errors */
};

/** report_docx_write() in two halves: write the Markdown (with
 *  o->fonts, used by this thread only until it returns) and start
 *  pandoc, which runs while the caller goes on... */
fy_status report_docx_start(const struct report_doc *d,
                            const struct report_docx_opts *o,
                            const char *path, struct report_docx_run *run,
                            struct fy_error *err);
/** ...then wait for it and check what it did (the errors of
 *  report_docx_write()); @p run is released either way. */
fy_status report_docx_wait(struct report_docx_run *run,
                           struct fy_error *err);
/** Stop a started pandoc (SIGKILL), wait for it and release @p run: its
 *  .docx is not wanted. */
void report_docx_kill(struct report_docx_run *run);
/** @p d as pandoc's Markdown (appended to @p out): what
 *  report_docx_write() hands to pandoc; @p fonts as in report_docx_opts. */
void report_doc_markdown(const struct report_doc *d,
                         struct report_fonts *fonts, struct fy_buf *out);

#endif /* FY_DRAW_H */
