/* SPDX-License-Identifier: MIT */
/* ingest_int.h - private interfaces of the ingest stage. */
#ifndef FY_INGEST_INT_H
#define FY_INGEST_INT_H

#include "fuyuan/ingest.h"

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
};

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

/** Record a rejected row. */
void ingest_reject(struct fy_dataset *ds, uint32_t file,
                   const struct ingest_record *rec, uint32_t column,
                   const char *column_name, const char *value,
                   enum fy_reject_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/** "file:line" of a record, for messages. */
const char *ingest_where(const struct fy_dataset *ds, uint32_t file,
                         uint32_t line, struct fy_buf *out);

#endif /* FY_INGEST_INT_H */
