/* SPDX-License-Identifier: MIT */
/* ingest_int.h - private interfaces of the ingest stage. */
#ifndef FY_INGEST_INT_H
#define FY_INGEST_INT_H

#include "fuyuan/ingest.h"

#include <csv.h>

/* ------------------------------------------------------------------ */
/* The CSV reader (ingest_read.c)                                      */
/* ------------------------------------------------------------------ */

/** One record as read: its fields (decoded to UTF-8, NUL-terminated). */
struct ingest_record {
    const char *path;
    unsigned long line;        /* physical line where the record starts */
    size_t nfields;            /* fields stored (at most FY_MAX_FIELDS) */
    size_t nfields_read;       /* fields in the record */
    int too_large;             /* over FY_MAX_RECORD_BYTES */
    const char *const *fields;
    const size_t *lengths;
};

/**
 * Called for every record; a status other than FY_OK stops the reading
 * and is returned by ingest_read_csv().
 */
typedef fy_status (*ingest_record_fn)(const struct ingest_record *rec,
                                      void *ctx, struct fy_error *err);

/**
 * Read @p path as CSV, decoding it (@p encoding NULL = detect) and
 * calling @p fn for each non-empty record. *encoding_out (may be NULL)
 * gets the encoding used.
 */
fy_status ingest_read_csv(const char *path, const char *encoding,
                          ingest_record_fn fn, void *ctx,
                          const char **encoding_out, struct fy_error *err);

/** A file as UTF-8 text: as read, or decoded from GB18030. */
struct ingest_text {
    const char *map;           /* the bytes read (anonymous memory); NULL
                                * once decoded from GB18030 */
    size_t map_size;
    struct fy_buf decoded;     /* the text when decoded from GB18030 */
    const char *text;          /* the text, after any BOM */
    size_t size;
    int mapped;                /* text points into the mapping */
    const char *encoding;      /* "UTF-8", "UTF-8 (BOM)", "GB18030" */
    char sha256[65];           /* of the bytes read, when asked; else "" */
};

struct ingest_gb18030;
/** Read @p path (a regular file: fy_input_open) and decode it (@p
 *  encoding NULL = detect), checking and decoding a large file in ranges
 *  on @p jobs threads, GB18030's two-byte characters by @p table when not
 *  NULL; t->sha256 gets the SHA-256 of the bytes read if @p want_sha256. */
fy_status ingest_text_open(struct ingest_text *t, const char *path,
                           const char *encoding, unsigned jobs,
                           const struct ingest_gb18030 *table,
                           int want_sha256, struct fy_error *err);
/** The bytes [from, to) of the text are read: their pages may go. */
void ingest_text_done(const struct ingest_text *t, size_t from, size_t to);
void ingest_text_close(struct ingest_text *t);

/** GB18030's two-byte characters in UTF-8, built with iconv. */
struct ingest_gb18030;
/** The table (NULL when iconv has no GB18030); the caller frees it. */
struct ingest_gb18030 *ingest_gb18030_table(void);
/**
 * Decode @p n bytes of GB18030 by the table, appending to @p out; a
 * four-byte character goes through @p cd (an iconv_t from GB18030 to
 * UTF-8, or NULL). 1 when all decoded (the bytes are then iconv's, as
 * tests/unit/test_csv.c proves), 0 when iconv must decode the text (bytes
 * that are not GB18030); @p out is then in no state to use.
 */
int ingest_gb18030_fast(const struct ingest_gb18030 *t, void *cd,
                        const char *s, size_t n, struct fy_buf *out);

/** The CSV reader: libcsv's state and the record being assembled. */
struct ingest_reader {
    struct csv_parser csv;
    const char *path;
    ingest_record_fn fn;
    void *ctx;
    struct fy_error *err;
    fy_status status;          /* first failure of fn; stops the reading */
    unsigned long line;        /* physical line being fed */
    unsigned long record_line; /* line where the current record started */
    unsigned long field_line;  /* line where the field being read started */
    int in_record;
    int fast;                  /* split quote-free lines without libcsv */
    int stop;                  /* set by fn: stop after this record */
    struct fy_buf bytes;       /* field bytes, each NUL-terminated */
    size_t *offsets;
    size_t *lengths;
    const char **fields;
    size_t nfields, nfields_read, capfields;
    size_t record_bytes;
    int too_large;
    int nonblank;              /* a field so far holds more than spaces */
};

/** A reader whose first line is @p first_line, fast path on. */
void ingest_reader_init(struct ingest_reader *r, const char *path,
                        unsigned long first_line, ingest_record_fn fn,
                        void *ctx, struct fy_error *err);
/** Read @p n bytes of text (whole lines but for the text's last). */
fy_status ingest_reader_feed(struct ingest_reader *r, const char *s,
                             size_t n);
/** Read until fn sets r->stop, right after that record; *used = bytes
 *  read. Slow (a byte at a time): for the rows above the header only. */
fy_status ingest_reader_feed_until_stop(struct ingest_reader *r,
                                        const char *s, size_t n,
                                        size_t *used);
/** The end of the text: the last record, or the unclosed-quote error. */
fy_status ingest_reader_finish(struct ingest_reader *r, int ends_in_newline);
void ingest_reader_release(struct ingest_reader *r);

/**
 * Where @p s (@p n bytes, read from a record's start) can be cut into
 * parts of whole records of about @p part bytes each: the end offsets of
 * the parts, the last one @p n; *nparts gets their number. A cut is made
 * after a line break that ends a record under libcsv's quoting rules,
 * never inside a quoted field. The caller frees the array.
 */
size_t *ingest_split(const char *s, size_t n, size_t part, size_t *nparts);

/** Append the record's fields as one CSV line (no newline) to @p out. */
void ingest_record_to_csv(const struct ingest_record *rec, struct fy_buf *out);

/* ------------------------------------------------------------------ */
/* Table kinds and headers (ingest_schema.c)                           */
/* ------------------------------------------------------------------ */

/* Columns of each table kind (indices into the kind's column table). */
enum { C_CASE_NO, C_COURT, C_FILED, C_CLOSED, C_DEFENDANT, C_DISTRICT,
       C_DOMAIN, C_ACTION, C_DISPOSITION, C_CAUSES, C_HEARING, C_HEAD,
       C_RECONSIDERED, C_NCOLS };
enum { P_DISTRICT, P_YEAR, P_PERSONS, P_WAN, P_NCOLS };
enum { V_COURT, V_MONTH, V_COUNT, V_NCOLS };
enum { R_NO, R_KIND, R_ISSUER, R_ISSUED, R_RECIPIENT, R_DUE, R_REPLIED,
       R_ADOPTION, R_NCOLS };
enum { H_NO, H_DATE, H_AGENCY, H_HEAD, H_NCOLS };

#define INGEST_MAX_COLS 16

struct ingest_column {
    const char *canonical;     /* 案号 */
    const char *key;           /* case_no */
    const char *aliases[6];
    unsigned flags;            /* COL_* */
};

enum {
    COL_REQUIRED = 1u << 0,    /* the header must have it */
    COL_ID = 1u << 1,          /* identifies the table kind */
    COL_ONE_OF = 1u << 2       /* required: at least one COL_ONE_OF column */
};

struct ingest_kind {
    const char *name;          /* "cases" */
    const char *title;         /* 行政案件明细 */
    const struct ingest_column *columns;
    size_t ncolumns;
};

const struct ingest_kind *ingest_kind(int kind);

/** Where each column of the kind is in the file (field index or -1). */
struct ingest_header {
    int kind;
    int field_of[INGEST_MAX_COLS];
    const char *names[INGEST_MAX_COLS];  /* borrowed from the header row */
};

/** The outcome of trying a row as the header. */
enum ingest_header_result { HEADER_OK, HEADER_NONE, HEADER_ERROR };

/**
 * Try @p rec as a header. On HEADER_OK *h is filled and @p unused gets the
 * unused columns' names (comma separated); on HEADER_ERROR @p err says why.
 */
enum ingest_header_result ingest_header_match(const struct ingest_record *rec,
                                              struct ingest_header *h,
                                              struct fy_buf *unused,
                                              struct fy_error *err);

/** Describe what each table kind needs (for the no-header error). */
void ingest_kinds_describe(struct fy_buf *out);

/* ------------------------------------------------------------------ */
/* Rows into records (ingest_rows.c)                                   */
/* ------------------------------------------------------------------ */

/** What the reader of one data file carries between records. */
struct ingest_file_ctx {
    struct fy_dataset *ds;
    const struct fy_ingest_opts *opts;
    uint32_t file;             /* index into ds->quality.files */
    int have_header;
    int rows_tried;            /* rows tried as header so far */
    size_t header_width;       /* fields of the header row */
    struct ingest_header header;
    char *header_copy[INGEST_MAX_COLS]; /* owned copies of header names */
    struct fy_buf first_row;   /* the first row, for the no-header error */
    struct fy_buf cell[INGEST_MAX_COLS]; /* normalised cells of a row */
    struct fy_buf scratch;
    struct ingest_reader *reader; /* stopped once the header is found */
    unsigned long lines;       /* line breaks read (ingest_cases_read) */
};

/** The first line of rejects.csv (with the BOM): a folder scan knows
 *  an earlier run's rejects.csv by it and does not read it. */
#define INGEST_REJECTS_HEADER \
    "\xEF\xBB\xBF" "文件,行号,列号,列名,值,原因,原因说明,原始记录\n"

/** @p cap, or the lower value of the environment variable @p test_env
 *  (FY_TEST_MAX_LINES, FY_TEST_MAX_FILES: for the tests only). */
unsigned long ingest_cap(const char *test_env, unsigned long cap);

/** A row whose every cell is empty once trimmed (@p scratch: a buffer). */
int ingest_row_is_empty(const struct ingest_record *rec, struct fy_buf *scratch);
/** A row whose first non-empty cell is 合计 or 总计. */
int ingest_row_is_total(const struct ingest_record *rec, struct fy_buf *scratch);
/** The cells of a row for messages, quoted, about @p max bytes at most. */
void ingest_row_text(const struct ingest_record *rec, size_t max,
                     struct fy_buf *out);

/* ------------------------------------------------------------------ */
/* Cases files on every core (ingest_cases.c)                          */
/* ------------------------------------------------------------------ */

struct cases_run;

/** The number of cores (the default of --jobs). */
unsigned ingest_default_jobs(void);
/** Workers for the cases files of a run (@p jobs 0: the cores). */
struct cases_run *ingest_cases_new(struct fy_dataset *ds, unsigned jobs);
void ingest_cases_free(struct cases_run *run);
/**
 * Read the rows of the cases file of @p fc below its header: the text
 * from byte @p from, which is on line @p line, in parts read in parallel
 * and merged in order.
 */
fy_status ingest_cases_read(struct cases_run *run, struct ingest_file_ctx *fc,
                            const struct ingest_text *t, size_t from,
                            unsigned long line, struct fy_progress *prog,
                            struct fy_error *err);
/** The GB18030 table of the run, made the first time a file needs it
 *  (main thread only). */
const struct ingest_gb18030 *ingest_cases_gb18030(struct cases_run *run);
/** Rows read so far, every file. */
uint64_t ingest_rows_read(const struct fy_dataset *ds);
/** The slot of the case with 案号 @p case_no (pool id): its index + 1,
 *  0 when none yet. Valid until the next call. */
/* The error of a 案号 on which the case number grammar hit a PCRE2
 * limit (@p why: PCRE2's message), at @p path:@p line, column @p field
 * (0-based; -1: none). */
fy_status ingest_caseno_limit(struct fy_error *err, const char *path,
                              unsigned long line, int field, const char *cell,
                              const char *why);

uint32_t *ingest_case_slot(struct fy_dataset *ds, uint32_t case_no);

/** Handle a data row of a file whose header is known. */
void ingest_row(struct ingest_file_ctx *fc, const struct ingest_record *rec);

/** Release the per-file context. */
void ingest_file_ctx_release(struct ingest_file_ctx *fc);

/** The private state of the dataset (memo tables, key maps). */
struct ingest_state *ingest_state_new(void);
void ingest_state_free(struct ingest_state *st);

/* ------------------------------------------------------------------ */
/* Quality (ingest_quality.c)                                          */
/* ------------------------------------------------------------------ */

/** The reason of a rejected row in words from the msgid @p fmt: for the
 *  terminal (LANG) in @p *message, for documents (Chinese) in @p *doc;
 *  both owned. */
void ingest_reject_words(char **message, char **doc, const char *fmt,
                         va_list ap);

/** Record a rejected row; @p message and @p doc (ingest_reject_words)
 *  are taken over. */
void ingest_reject(struct fy_dataset *ds, uint32_t file,
                   const struct ingest_record *rec, uint32_t column,
                   const char *column_name, const char *value,
                   enum fy_reject_reason reason, char *message, char *doc);

/** Add a notice already formatted (@p message owned, may be NULL when
 *  past FY_MAX_NOTICES of its kind): counted, kept as fy_quality_note. */
void ingest_note_add(struct fy_quality *q, enum fy_notice_kind kind,
                     uint32_t file, uint32_t line, char *message);
/** Add a rejected row made elsewhere (its strings are taken over). */
void ingest_reject_add(struct fy_dataset *ds, const struct fy_reject *r);

/** "file:line" of a record, for messages. */
const char *ingest_where(const struct fy_dataset *ds, uint32_t file,
                         uint32_t line, struct fy_buf *out);
/** The same with the file's name in documents (fy_file_info.name). */
const char *ingest_where_doc(const struct fy_dataset *ds, uint32_t file,
                             uint32_t line, struct fy_buf *out);

#endif /* FY_INGEST_INT_H */
