/* SPDX-License-Identifier: MIT */
/*
 * cli.h - the command line: one program, subcommands in a table
 * (cli_main.c), options shared by all of them, and the only place
 * that decides exit statuses.
 */
#ifndef FY_CLI_H
#define FY_CLI_H

#include "fuyuan/report.h"

#define FY_VERSION "0.1.0"

/** Which option groups a subcommand takes. */
enum cli_optset {
    CLI_OPT_PERIOD = 1u << 0,    /* --year --quarter --month --from --to */
    CLI_OPT_QUERY = 1u << 1,     /* --metric --by --where --format ... */
    CLI_OPT_REPORT = 1u << 2,    /* options of annual/quarterly */
    CLI_OPT_DATA = 1u << 3,      /* reading data: --courts --rules
                                  * --encoding --feedback-days --profile
                                  * --strict --progress */
    CLI_OPT_LIST = 1u << 4,      /* --format --bom of metrics/dimensions */
    CLI_OPT_ANNUAL = 1u << 5     /* --typical-cases of annual */
};

#define CLI_MAX_WHERE 16

/** The options of a run (all subcommands; each takes its own subset). */
struct cli_opts {
    struct fy_ingest_opts ingest;
    const char *output;          /* -o DIR (or FILE for query xlsx) */
    int strict;
    int quiet;
    int verbose;
    int progress;
    int no_docx;                 /* --no-docx: no .docx (no pandoc) */
    const char *previous;        /* --previous DIR: an earlier run's output
                                  * folder to compare with */
    const char *as_of;
    const char *year, *quarter, *month, *from, *to;
    const char *metric, *by, *format, *compare;
    const char *where[CLI_MAX_WHERE];
    size_t nwhere;
    int bom;
    const char *const *data;     /* DATA... (argv slice, borrowed) */
    size_t ndata;
    char *sample_dir;            /* the shipped sample (owned) */
    int argc;                    /* the command line, for manifest.json */
    const char *const *argv;
    struct report_settings settings; /* profile and options */
    const char *profile_path;    /* --profile FILE */
    const char *reports_dir;     /* parent of <period>/: "reports" or the
                                  * profile's output */
    struct cli_profile *profile; /* owned: the profile's strings and where
                                  * each setting came from */
};

struct cli_command;
struct cli_profile;

/** A subcommand. */
struct cli_command {
    const char *name;
    const char *summary;         /* one line, translated at use */
    const char *usage;           /* the usage line(s) after the name */
    unsigned optset;             /* enum cli_optset */
    int (*run)(const struct cli_command *cmd, struct cli_opts *o);
};

/** Entry point: parses argv, runs the subcommand, returns the exit status. */
int cli_main(int argc, char **argv);

/** Set up locale and message catalogue (build tree first, then install). */
void cli_i18n_init(void);

/**
 * Parse the options of @p cmd into @p o. Returns FY_EXIT_OK to go on,
 * -1 when --help was printed, or an exit status for bad usage.
 */
int cli_parse(int argc, char **argv, const struct cli_command *cmd,
              struct cli_opts *o);
void cli_opts_release(struct cli_opts *o);

/** The folder @p rel beside the executable when it exists (the build
 *  tree), else @p installed (under ROOT when the executable is
 *  ROOT/<BINDIR>/fuyuan and ROOT holds it). Owned by the caller. */
char *cli_find_dir(const char *rel, const char *installed);

/** Read the DATA of @p o (or the sample) into a new dataset. */
int cli_load(const struct cli_opts *o, struct fy_dataset **out);

/**
 * Say that rows were rejected (once, on stderr): with --strict print the
 * summary and give FY_EXIT_DATA, else a one-line note. @p writes_files
 * says whether the command writes rejects.csv.
 */
int cli_check_rejects(const struct cli_opts *o, const struct fy_dataset *ds,
                      int writes_files);

/** Before documents are written: warn (unless --quiet) when the Chinese
 *  catalogue they take their reasons and notes from is missing (not
 *  installed: the documents' reasons are then English); a catalogue that
 *  is there but cannot be read is an error: FY_EXIT_INPUT, else
 *  FY_EXIT_OK. */
int cli_warn_catalogue(const struct cli_opts *o);

/** Print an error once, at the top, and give its exit status. */
int cli_report_error(const struct fy_error *err);

/** Print a usage error (with a hint to --help) and give FY_EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------------ */
/* Run profiles (cli_profile.c; outputs.md "Run profiles")              */
/* ------------------------------------------------------------------ */

struct cli_profile *cli_profile_new(void);
void cli_profile_free(struct cli_profile *p);
/** Record that [report] @p key was given on the command line (it wins
 *  over the profile). */
void cli_profile_given(struct cli_profile *p, const char *key);
/**
 * Read the profile @p path into @p o: settings, and the [report] keys the
 * command line did not give. An error names file:line once on stderr;
 * returns FY_EXIT_OK, FY_EXIT_USAGE (what the profile says is wrong) or
 * FY_EXIT_INPUT (it, or a file it names, cannot be read).
 */
int cli_profile_load(struct cli_opts *o, const char *path);
/** Fill o->settings.list with every key's effective value and where it
 *  came from (the city and issuers by default need the data). */
void cli_profile_settings(struct cli_opts *o, const struct fy_dataset *ds);

int cli_cmd_validate(const struct cli_command *cmd, struct cli_opts *o);
int cli_cmd_query(const struct cli_command *cmd, struct cli_opts *o);
int cli_cmd_annual(const struct cli_command *cmd, struct cli_opts *o);
int cli_cmd_quarterly(const struct cli_command *cmd, struct cli_opts *o);
int cli_cmd_metrics(const struct cli_command *cmd, struct cli_opts *o);
int cli_cmd_dimensions(const struct cli_command *cmd, struct cli_opts *o);

/** The metric ids of metrics.def (and loss_causes, loss_cause:<cause>),
 *  wrapped for --help, each line indented by @p indent spaces. */
void cli_print_metric_ids(FILE *out, int indent);
/** The dimension ids, likewise. */
void cli_print_dim_ids(FILE *out, int indent);

#endif /* FY_CLI_H */
