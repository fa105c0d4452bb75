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
/* Order of rows (white-paper.md, "Order of rows")                     */
/* ------------------------------------------------------------------ */

/** Chinese pinyin order (ICU's "zh" collation). */
struct report_collator;

/** Open the collator; FY_E_XLSX when ICU has no Chinese collation. */
fy_status report_collator_new(struct report_collator **out,
                              struct fy_error *err);
void report_collator_free(struct report_collator *c);
/** The sort key of UTF-8 @p s (owned by the caller): keys compare with
 *  strcmp() in pinyin order. */
char *report_collation_key(const struct report_collator *c, const char *s);
/** <0, 0, >0 as @p a comes before, with or after @p b in pinyin order
 *  (names equal in pinyin by their bytes). */
int report_collate(const struct report_collator *c, const char *a,
                   const char *b);

/**
 * The group of agency @p name: 0 (NORM_CITY_LEVEL) for the city's own
 * agencies and those of no registered 旗区, else the index of the 旗区 its
 * name carries (data contract, 旗区 rules 2-3); "其他", "未填写" and NULL
 * are after every group.
 */
size_t report_agency_group(const struct norm_registry *reg, const char *name);

/** An agency row to be ordered. */
struct report_agency_row {
    const char *name;         /* NULL = 未填写 */
    double figure;            /* the figure the table ranks by */
    int defined;              /* 0: no figure (after those with one) */
    size_t index;             /* the caller's row */
};

/**
 * Sort agency rows: by group (report_agency_group(): 市本级 first, then
 * the 旗区 in registry order), then by figure from high to low, then by
 * name in pinyin order.
 */
void report_order_agencies(const struct report_collator *c,
                           const struct norm_registry *reg,
                           struct report_agency_row *rows, size_t n);

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

/** A column of a listing. */
struct report_listing_col {
    const char *key;             /* CSV header, JSON key */
    const char *header;          /* the table's header (translated) */
    int list;                    /* cells are "a b c": a JSON array */
};

/** A table of texts: what `fuyuan metrics` and `fuyuan dimensions` print.
 *  An empty or NULL cell is "—" in the table, empty in CSV, null (or [])
 *  in JSON. */
struct report_listing {
    const struct report_listing_col *cols;
    size_t ncols;
    char **cells;                /* nrows x ncols, row by row */
    size_t nrows;
};

/** Write @p l as an aligned table (Han characters two columns wide), CSV
 *  (a BOM first when @p bom) or a JSON array of objects. */
void report_listing_write(const struct report_listing *l,
                          enum report_format format, int bom, FILE *out);
/** The list of metrics (stats_metric_info()) in @p format. */
void report_metric_list(enum report_format format, int bom, FILE *out);
/** The dimensions, each with the metrics it can split. */
void report_dim_list(enum report_format format, int bom, FILE *out);

/* ------------------------------------------------------------------ */
/* Writing a run's files all-or-nothing                                */
/* ------------------------------------------------------------------ */

/**
 * The files of a run are written into a folder beside the destination
 * (DEST.tmp-PID) and renamed into DEST only when all are complete; a
 * failed run removes the temporary folder and leaves DEST as it was.
 */
/*
 * A run's files, all or nothing (docs/reliability.md, "Outputs"): the
 * files are written into a private folder made with mkdtemp beside DEST
 * (DEST.tmp-XXXXXX, mode 0700 while written), and the whole folder is
 * swapped in with renameat2(RENAME_EXCHANGE); a lock (flock on .DEST.lock
 * beside DEST) keeps a second run into DEST waiting; SIGINT, SIGTERM and
 * SIGHUP remove the private folder (fy_cleanup).
 */
struct report_output {
    char *dest;               /* the destination folder */
    char *tmp;                /* the private folder beside it (a path) */
    char **names;             /* files written, relative to both */
    char **sha256;            /* each name's SHA-256 when it was hashed as
                               * it was written, else NULL (read back) */
    size_t nnames;
    char *made;               /* the highest parent folder this run made */
    char *base;               /* DEST's last name */
    char *tmpname;            /* tmp's name beside DEST */
    char *lockname;           /* .DEST.lock (made before: the release
                               * after the commit allocates nothing, so
                               * it cannot fail out of memory) */
    int pfd;                  /* DEST's parent folder, open; -1 */
    int lockfd;               /* .DEST.lock, flock()ed; -1 */
    int lockslot;             /* fy_cleanup's for the lock file; -1 */
    int slot;                 /* fy_cleanup's for tmp; -1 */
    int done;                 /* committed: tmp is gone */
};

/** Lock DEST, clear what a killed run left beside it, refuse a DEST that
 *  holds files its manifest.json does not list, and make the private
 *  folder; FY_E_OUTPUT naming the path on failure. */
fy_status report_output_begin(struct report_output *o, const char *dest,
                              struct fy_error *err);
/** The path to write @p name (relative, may contain one folder) to; the
 *  file is recorded for the commit. Owned by the caller. */
char *report_output_file(struct report_output *o, const char *name,
                         struct fy_error *err);
/** The SHA-256 of @p name (given to report_output_file), taken as it was
 *  written: manifest.json does not read it back. */
void report_output_set_sha256(struct report_output *o, const char *name,
                              const char hex[65]);
/** Swap the finished folder in for DEST in one step and remove the old
 *  one; on failure DEST is as it was. */
fy_status report_output_commit(struct report_output *o, struct fy_error *err);
/** Remove the temporary folder (after a failure), unlock, release @p o. */
void report_output_release(struct report_output *o);


struct report_revisions;

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
    const struct report_settings *settings; /* "settings"; may be NULL */
    const struct report_revisions *revisions; /* "previous" and
                                               * "revisions"; may be NULL */
};

/** Write manifest.json into the output (inputs and the files so far). */
fy_status report_manifest_write(struct report_output *o,
                                const struct fy_dataset *ds,
                                const struct report_manifest *m,
                                struct fy_error *err);

/** The run's time: SOURCE_DATE_EPOCH when set (and valid), else now. */
time_t report_run_time(void);

/* ------------------------------------------------------------------ */
/* Settings of a run that reach the documents                          */
/* ------------------------------------------------------------------ */

/** Thresholds of the white paper's findings (white-paper.md, F1-F10):
 *  profile section [findings]; percentages as written there (15 = 15%). */
struct report_findings {
    int64_t min_n;              /* smallest denominator judged on */
    double loss_points;         /* F1: rise of the city 败诉率, points */
    double loss_level;          /* F1: or a level, % */
    double domain_points;       /* F2 */
    int64_t agency_losses;      /* F3 */
    double cause_share;         /* F4, % */
    int64_t review_min;         /* F6: reconsidered cases needed */
    double source_growth;       /* F7: relative rise of 万人成讼率, % */
    double feedback_rate;       /* F8, % */
    double growth;              /* F9, % */
    double enforcement_refused; /* F10, % */
};

/** 主送 of the quarterly 通报 when the settings name none. */
#define REPORT_NOTICE_TO_DEFAULT "各旗区人民政府，市直各部门"

/** Where an effective setting came from. */
enum report_from {
    REPORT_FROM_DEFAULT,
    REPORT_FROM_PROFILE,
    REPORT_FROM_COMMAND_LINE
};

/** "default", "profile" or "command line" (manifest.json). */
const char *report_from_name(enum report_from from);

/** One key of a run's settings with its effective value, as
 *  manifest.json and the workbook's 说明 sheet show it. */
struct report_setting {
    const char *section;        /* "report", "notice", "findings" */
    const char *key;            /* the profile's key */
    const char *value;          /* as used; NULL: none */
    const char *shown;          /* in documents (no machine paths) */
    int number;                 /* value is a number */
    enum report_from from;
};

/**
 * What a run's documents take from the profile and the command line
 * (outputs.md, "Run profiles"). Strings are borrowed; NULL means the
 * default named beside each.
 */
struct report_settings {
    const char *city;           /* NULL: the court registry's city */
    const char *issuers;        /* 、-separated; NULL: <city>中级人民法院 */
    const char *notice_number;  /* 文号 with {year}/{quarter}; NULL: blank */
    const char *notice_to;      /* 主送; NULL: REPORT_NOTICE_TO_DEFAULT */
    int64_t min_cases;          /* rankings: least n to be ranked (3) */
    struct report_findings findings;
    const char *typical_cases;  /* typical-cases file; NULL: none */
    const struct fy_suggestions *suggestions; /* 意见建议; NULL: none */
    const struct fy_typical_cases *typical; /* its cases, read (annual);
                                             * NULL: no 附录一 */
    const char *profile;        /* --profile FILE as given; NULL: none */
    const struct report_setting *list; /* every key (may be empty) */
    size_t nlist;
};

/** The defaults of outputs.md. */
void report_settings_init(struct report_settings *s);
/** The city the documents name: s->city, else the registry's. */
const char *report_settings_city(const struct report_settings *s,
                                 const struct fy_dataset *ds);
/** The issuing bodies (owned): s->issuers, else <city>中级人民法院. */
char *report_settings_issuers(const struct report_settings *s,
                              const struct fy_dataset *ds);

#endif /* FY_REPORT_H */
