/* SPDX-License-Identifier: MIT */
/*
 * ingest.h - reading CSV exports into a dataset of typed records.
 *
 * The dataset is what every later stage reads: compact records (dates as
 * day numbers, enums as small integers, names interned once in a string
 * pool), the registry and rules they were normalised with, and the
 * data-quality record of the run (files, rejected rows, fallbacks).
 * The ingest stage is the only user of libcsv and iconv.
 */
#ifndef FY_INGEST_H
#define FY_INGEST_H

#include "fuyuan/core.h"
#include "fuyuan/norm.h"

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

enum fy_table_kind {
    FY_TABLE_CASES = 0,
    FY_TABLE_POPULATION,
    FY_TABLE_CIVIL,
    FY_TABLE_RECOMMENDATIONS,
    FY_TABLE_HEARINGS,
    FY_TABLE_NKINDS
};

/** What a case counts as; derived once at ingest (fy_case.flags). */
enum fy_case_flags {
    FY_CASE_FIRST = 1u << 0,     /* first instance (行初, 行赔初) */
    FY_CASE_LOSS = 1u << 1,      /* first instance closed as an agency loss */
    FY_CASE_JUDGMENT = 1u << 2,  /* closed by a judgment */
    FY_CASE_MW = 1u << 3,        /* closed by mediation or withdrawal */
    /* names two or more different 被告, one after the first a 人民政府
     * (the reviewing government as co-defendant: metrics.md,
     * joint_defendant) */
    FY_CASE_JOINT = 1u << 4
};

/** The most 被告 of one case that are kept (more are noted, not kept). */
#define FY_MAX_DEFENDANTS 255u

/** One administrative case (one row of a cases export). */
struct fy_case {
    int32_t filed_on;       /* 立案日期, day number */
    int32_t closed_on;      /* 结案日期, FY_NO_DATE when pending */
    uint32_t case_no;       /* canonical 案号, pool id */
    uint32_t defendant;     /* first 被告, pool id (FY_STR_NONE) */
    uint32_t defendants;    /* index of its first 被告 in ds->defendants */
    uint32_t domain;        /* 管理领域, pool id */
    uint32_t action_type;   /* 行政行为种类, pool id */
    uint32_t file;          /* index into the dataset's files */
    uint32_t line;          /* physical line where the row starts */
    uint16_t court;         /* registry index */
    uint16_t case_year;     /* 收案年度 from the 案号 */
    uint16_t loss_causes;   /* bit i = cause i (agency losses only) */
    uint8_t district;       /* registry district index */
    uint8_t case_type;      /* index into norm_case_types() */
    uint8_t disposition;    /* category index, NORM_DISP_NONE if pending */
    uint8_t flags;          /* enum fy_case_flags */
    uint8_t hearing_held;   /* enum fy_yesno */
    uint8_t head_appeared;  /* enum fy_yesno */
    uint8_t reconsidered;   /* enum fy_yesno */
    uint8_t ndefendants;    /* distinct 被告, in the order named (0 = none);
                             * ds->defendants[defendants + 0] == defendant */
};

/*
 * The caps on the counts read at ingest (docs/data-contract.md, "Values";
 * docs/DECISIONS.md): a value above its cap rejects the row (not a count).
 * Both are far above any real figure (the whole of China has 1.4 billion
 * people; a court's busiest month is thousands of cases) and far enough
 * below INT64_MAX that the statistics engine's sums, which are checked
 * anyway, cannot come near it.
 */
/** The largest 民事一审新收 of a court in a month. */
#define FY_MAX_CIVIL_COUNT INT64_C(1000000000)
/** The largest 常住人口 of a 旗区 or the city, in persons (after the
 *  conversion of 万人: 100,000 万人). */
#define FY_MAX_POPULATION INT64_C(1000000000)

/** Population of a district (or the city) in a year. */
#define FY_POP_CITY 0xFFu
struct fy_population {
    int64_t persons;
    uint32_t file, line;
    int16_t year;
    uint8_t district;       /* registry district index, FY_POP_CITY */
};

/** Civil first-instance filings of a court in a month. */
struct fy_civil {
    int64_t count;
    int32_t month;          /* fy_month_index */
    uint32_t file, line;
    uint16_t court;
};

enum fy_rec_kind { FY_REC_JUDICIAL = 0, FY_REC_PROCURATORIAL = 1 };
enum fy_adoption { FY_ADOPT_NONE = 0, FY_ADOPT_YES, FY_ADOPT_PARTLY,
                   FY_ADOPT_NO };

/** A judicial or procuratorial recommendation (司法建议 / 检察建议). */
struct fy_recommendation {
    uint32_t rec_no, issuer, recipient;  /* pool ids */
    uint32_t district;      /* of the recipient (data contract, 旗区
                             * rules 2-3), else NORM_CITY_LEVEL */
    int32_t issued_on, due_on;
    int32_t replied_on;     /* FY_NO_DATE when no written reply yet */
    uint32_t file, line;
    uint8_t kind;           /* enum fy_rec_kind */
    uint8_t adoption;       /* enum fy_adoption */
    uint8_t due_defaulted;  /* 1 when 反馈期限 was filled in by default */
};

/** A procuratorate hearing (检察听证会). */
struct fy_hearing {
    uint32_t hearing_no, agency;         /* pool ids */
    int32_t held_on;
    uint32_t file, line;
    uint8_t head_attended;  /* enum fy_yesno (never unknown) */
};

/* ------------------------------------------------------------------ */
/* Data quality                                                        */
/* ------------------------------------------------------------------ */

/** Why a row was rejected (each has a label, fy_reject_label()). */
enum fy_reject_reason {
    FY_REJ_RAGGED = 0,        /* too few or too many fields */
    FY_REJ_TOO_LARGE,         /* a row over the size limits */
    FY_REJ_MISSING,           /* a required value is empty */
    FY_REJ_CASE_NO,           /* 案号 does not parse */
    FY_REJ_NOT_ADMIN,         /* 案号 of a non-administrative type */
    FY_REJ_DATE,              /* not a date, or an impossible one */
    FY_REJ_CLOSED_BEFORE,     /* 结案日期 before 立案日期 */
    FY_REJ_NO_DISPOSITION,    /* closed without 结案方式 */
    FY_REJ_NO_DEFENDANT,      /* first instance without 被告 */
    FY_REJ_COURT,             /* court not in the registry */
    FY_REJ_DISTRICT,          /* unregistered 旗区 */
    FY_REJ_YESNO,             /* not a yes/no value */
    FY_REJ_COUNT,             /* not a count */
    FY_REJ_MONTH,             /* not a month */
    FY_REJ_YEAR,              /* not a year */
    FY_REJ_VALUE,             /* a value outside its list */
    FY_REJ_DUPLICATE_KEY,     /* a key that must be unique is repeated */
    FY_REJ_NREASONS
};

/** Fallbacks and notes: nothing is dropped or guessed silently. */
enum fy_notice_kind {
    FY_NOTE_TITLE_ROW = 0,    /* a title row above the header skipped */
    FY_NOTE_TOTAL_ROW,        /* a 合计/总计 row skipped */
    FY_NOTE_UNUSED_COLUMN,    /* a column no table kind uses */
    FY_NOTE_DUPLICATE_CASE,   /* two rows with the same 案号 */
    FY_NOTE_EXTRA_DEFENDANTS, /* several 被告 in one cell: each counted */
    FY_NOTE_DISPOSITION_OTHER,/* unknown 结案方式 counted as 其他 */
    FY_NOTE_CAUSE_OTHER,      /* unknown 败诉原因 counted as 其他 */
    FY_NOTE_CAUSE_IGNORED,    /* 败诉原因 on a case that is not a loss */
    FY_NOTE_COURT_BY_CODE,    /* unknown court name, court from the 案号 */
    FY_NOTE_DUE_DEFAULT,      /* 反馈期限 = 发出日期 + N days */
    FY_NOTE_DISPOSITION_PENDING, /* 结案方式 on a pending case ignored */
    FY_NOTE_POPULATION_FALLBACK, /* population of an earlier year used */
    FY_NOTE_FILE_SKIPPED,     /* a lock file or an output of ours in a folder */
    FY_NOTE_NKINDS
};

/** One input file. */
struct fy_file_info {
    char *path;               /* as given (terminal, manifest.json) */
    char *name;               /* in documents: relative to the folder of
                               * every input (fy_path_names), owned */
    const char *encoding;     /* "UTF-8", "UTF-8 (BOM)", "GB18030" */
    int kind;                 /* enum fy_table_kind, -1 before the header */
    unsigned long header_line;
    unsigned long rows_read;  /* data rows after the header, empty ones not */
    unsigned long rows_used;
    unsigned long rows_rejected;
    unsigned long rows_skipped;    /* 合计/总计 rows */
    unsigned long rows_duplicate;  /* cases replaced by a later row */
    unsigned long title_rows;
    char sha256[65];          /* of the bytes read (opts.sha256), or "" */
};

struct fy_reject {
    uint32_t file;
    uint32_t line;
    uint32_t column;          /* 1-based field number, 0 = the whole row */
    enum fy_reject_reason reason;
    char *column_name;        /* owned; the header as written */
    char *value;              /* owned; the cell as read */
    char *message;            /* owned; the reason in words (LANG) */
    char *doc;                /* owned; the same in Chinese (documents) */
    char *record;             /* owned; the record's fields as CSV */
};

struct fy_notice {
    enum fy_notice_kind kind;
    uint32_t file;            /* UINT32_MAX when not about a file */
    uint32_t line;
    char *message;            /* owned */
};

struct fy_quality {
    struct fy_file_info *files;
    size_t nfiles, capfiles;
    struct fy_reject *rejects;
    size_t nrejects, caprejects;
    struct fy_notice *notices;
    size_t nnotices, capnotices;
    unsigned long reject_counts[FY_REJ_NREASONS];
    unsigned long notice_counts[FY_NOTE_NKINDS];
};

/** The label of a reject reason / notice kind (translated). */
const char *fy_reject_label(enum fy_reject_reason r);
const char *fy_notice_label(enum fy_notice_kind k);
/** The same in Chinese, whatever LANG is (documents). */
const char *fy_reject_doc_label(enum fy_reject_reason r);
const char *fy_notice_doc_label(enum fy_notice_kind k);
/** The Chinese name of a table kind (行政案件明细), for documents. */
const char *fy_table_kind_title(int kind);

/** Add a notice (the message is formatted like printf); every notice is
 *  counted, the first FY_MAX_NOTICES of a kind are kept in full. */
#define FY_MAX_NOTICES 10000
void fy_quality_note(struct fy_quality *q, enum fy_notice_kind kind,
                     uint32_t file, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------------ */
/* The dataset                                                         */
/* ------------------------------------------------------------------ */

struct ingest_state;

struct fy_dataset {
    struct fy_strpool *pool;
    struct norm_registry *registry;   /* owned */
    struct norm_rules *rules;         /* owned */
    struct fy_case *cases;
    size_t ncases, capcases;
    /* every 被告 of every case, pool ids: case c's are
     * defendants[c.defendants .. c.defendants + c.ndefendants - 1] */
    uint32_t *defendants;
    size_t ndefendants, capdefendants;
    struct fy_population *population;
    size_t npopulation, cappopulation;
    struct fy_civil *civil;
    size_t ncivil, capcivil;
    struct fy_recommendation *recs;
    size_t nrecs, caprecs;
    struct fy_hearing *hearings;
    size_t nhearings, caphearings;
    struct fy_quality quality;
    /* threads the later stages may use (--jobs; 0 or 1: one); the
     * figures do not depend on it */
    unsigned jobs;
    struct ingest_state *state;       /* private to the ingest stage */
};

/** Where the reading is, for a progress line. */
struct fy_progress {
    const char *path;         /* the file being read */
    size_t nth, nfiles;       /* its number (1-based), of how many */
    uint64_t bytes_done;      /* bytes of the input read so far */
    uint64_t bytes_total;     /* bytes of every input file */
    uint64_t rows;            /* rows read so far */
};

/** Options of a run that change how input is read. */
struct fy_ingest_opts {
    const char *encoding;     /* NULL = detect; "utf-8" or "gb18030" */
    const char *courts_file;  /* NULL = built-in Ordos registry */
    const char *rules_file;   /* NULL = built-in rules only */
    int feedback_days;        /* default 反馈期限 offset; 60 */
    /** Called before each file is read and as its rows are read (may be
     *  NULL): --progress. */
    void (*progress)(void *ctx, const struct fy_progress *p);
    void *progress_ctx;
    /** Threads that read the parts of cases files (--jobs); 0 = one per
     *  core. The records, rejects and notes are the same for any number. */
    unsigned jobs;
    /** Take the SHA-256 of each data file as it is read (for
     *  manifest.json: the bytes that were used). */
    int sha256;
};

#define FY_INGEST_OPTS_INIT { NULL, NULL, NULL, 60, NULL, NULL, 0, 0 }

/**
 * The caps on input, far above any export of court statistics, that keep
 * broken or hostile input bounded (docs/reliability.md, "Inputs", says
 * what each does). Past a cap the run stops with an error that names the
 * file, the line where there is one, and the cap (exit 3); a row past
 * FY_MAX_FIELDS or FY_MAX_RECORD_BYTES is rejected instead ("row too
 * large", file:line and the caps) and the file read on. FY_MAX_LINES and
 * FY_MAX_FILES can be lowered (never raised) by FY_TEST_MAX_LINES and
 * FY_TEST_MAX_FILES in the environment, for the tests only.
 */
#define FY_MAX_FIELD_BYTES (1u << 20)   /* one field (cell): error */
#define FY_MAX_RECORD_BYTES (4u << 20)  /* one row (its line or lines) */
#define FY_MAX_FIELDS 2048u             /* columns of the header; of a row */
#define FY_MAX_LINES 100000000ul        /* lines of one file: error */
#define FY_MAX_FILE_BYTES (16ull << 30) /* bytes of one file: error */
#define FY_MAX_FILES 10000u             /* data files of a run: error */
#define FY_MAX_TITLE_ROWS 5             /* rows tried as header after row 1 */

/**
 * Make an empty dataset with the registry and rules of @p opts (loading
 * the --courts and --rules files).
 */
fy_status fy_dataset_new(struct fy_dataset **out,
                         const struct fy_ingest_opts *opts,
                         struct fy_error *err);
void fy_dataset_free(struct fy_dataset *ds);

/**
 * Read every path (a file, or a folder whose *.csv files are read in name
 * order) into @p ds. A file that cannot be read as CSV stops the run with
 * an error that names it; rejected rows are recorded in ds->quality.
 */
fy_status fy_ingest_paths(struct fy_dataset *ds, const char *const *paths,
                          size_t npaths, const struct fy_ingest_opts *opts,
                          struct fy_error *err);

/** Read one file (used by fy_ingest_paths). */
fy_status fy_ingest_file(struct fy_dataset *ds, const char *path,
                         const struct fy_ingest_opts *opts,
                         struct fy_error *err);

/** Write the rejected rows, as read, to @p path (UTF-8 CSV). */
fy_status fy_write_rejects(const struct fy_dataset *ds, const char *path,
                           struct fy_error *err);

/** Print the data-quality summary for people (validate). */
void fy_quality_print(const struct fy_dataset *ds, FILE *out, int verbose);

/* ------------------------------------------------------------------ */
/* The suggestion table (意见建议, white-paper.md)                     */
/* ------------------------------------------------------------------ */

/** A suggestion: the paragraph written for a finding or a loss cause. */
struct fy_suggestion {
    char *key;                /* F1 … F10, S0, or a loss cause (违反法定程序) */
    char *text;               /* the paragraph, with {对象} and {城市} */
};

struct fy_suggestions {
    struct fy_suggestion *items;
    size_t n, cap;
};

/**
 * Read a suggestion table (CSV, columns 键 and 建议, any encoding the data
 * contract accepts) into @p s; a key already there is replaced, so a
 * user's file read after the shipped one wins. Errors name the file and
 * line (FY_E_CONFIG).
 */
fy_status fy_suggestions_load(struct fy_suggestions *s, const char *path,
                              const char *encoding, struct fy_error *err);
/** The paragraph for @p key, or NULL. */
const char *fy_suggestion_text(const struct fy_suggestions *s,
                               const char *key);
void fy_suggestions_release(struct fy_suggestions *s);

/* ------------------------------------------------------------------ */
/* Typical cases (典型案例, the white paper's 附录一)                    */
/* ------------------------------------------------------------------ */

/** One case of a typical-cases file (docs/typical-cases.md). Texts are
 *  UTF-8 with their line breaks as "\n" (a CR LF or a CR becomes one),
 *  blank lines at their ends trimmed. */
struct fy_typical_case {
    char *case_no;            /* canonical 案号 when it parses, else as
                               * written; "" when the cell is empty */
    char *title;              /* 标题 */
    char *facts;              /* 基本案情 */
    char *ruling;             /* 裁判结果 */
    char *significance;       /* 典型意义 */
    uint32_t line;            /* physical line where the row starts */
    int in_data;              /* 1 when the 案号 is a case of the data */
};

/** The cases of a typical-cases file, in the file's order, and the
 *  warnings about them ("file:line: ..."; a 案号 not in the data). */
struct fy_typical_cases {
    char *path;
    const char *encoding;     /* "UTF-8", "UTF-8 (BOM)", "GB18030" */
    struct fy_typical_case *cases;
    size_t ncases, capcases;
    char **warnings;
    size_t nwarnings, capwarnings;
};

/**
 * Read the typical-cases file @p path (CSV in any encoding the data
 * contract accepts; @p encoding as --encoding, NULL = detect) into @p out,
 * looking each 案号 up among the cases of @p ds. A file that cannot be
 * read, or a header without a required column, is an error naming the
 * file (FY_E_CSV / FY_E_IO); a 案号 not in the data is only a warning.
 * @p out is released by fy_typical_release() whatever the outcome.
 */
fy_status fy_typical_read(struct fy_typical_cases *out, const char *path,
                          const char *encoding, const struct fy_dataset *ds,
                          struct fy_error *err);
void fy_typical_release(struct fy_typical_cases *t);

#endif /* FY_INGEST_H */
