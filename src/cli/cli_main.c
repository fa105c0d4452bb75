/* SPDX-License-Identifier: MIT */
/*
 * cli_main.c - the table of subcommands, option parsing, the locale and
 * message catalogue, and turning errors into messages and exit statuses.
 */
#include "fuyuan/cli.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct cli_command commands[] = {
    {"annual", N_("write the annual white paper's workbook for a year"),
     "--year Y [-o DIR] [--as-of DATE] [options] [DATA...]",
     CLI_OPT_DATA | CLI_OPT_PERIOD | CLI_OPT_REPORT | CLI_OPT_ANNUAL,
     cli_cmd_annual},
    {"dimensions", N_("list the dimensions and the metrics each splits"),
     "[--format table|csv|json] [--bom]", CLI_OPT_LIST, cli_cmd_dimensions},
    {"metrics", N_("list the metrics: ids, names, kinds and definitions"),
     "[--format table|csv|json] [--bom]", CLI_OPT_LIST, cli_cmd_metrics},
    {"quarterly", N_("write the quarterly notification's workbook"),
     "--quarter YYYYQn [-o DIR] [--as-of DATE] [options] [DATA...]",
     CLI_OPT_DATA | CLI_OPT_PERIOD | CLI_OPT_REPORT, cli_cmd_quarterly},
    {"query", N_("answer one question: metrics by dimensions for a period"),
     "--metric ID[,ID...] [--by DIM[,DIM...]] PERIOD [--where DIM=VALUE]... "
     "[--compare yoy|prev] [--format table|csv|json|xlsx] [--bom] "
     "[-o FILE] [options] [DATA...]",
     CLI_OPT_DATA | CLI_OPT_PERIOD | CLI_OPT_QUERY, cli_cmd_query},
    {"validate", N_("read the data, print the data-quality summary"),
     "[--strict] [-o DIR] [options] [DATA...]", CLI_OPT_DATA,
     cli_cmd_validate},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* ------------------------------------------------------------------ */
/* Where the program's files are (build tree first, then install)      */
/* ------------------------------------------------------------------ */

/* The folder of the running executable (owned), or NULL. */
static char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return fy_xstrdup(dirname(buf));
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * @p rel below the executable's folder when it exists (the build tree);
 * else @p installed, under the root the program was unpacked into when
 * it runs as ROOT/<FY_BINDIR>/fuyuan (`dpkg -x PKG ROOT`, `make install
 * DESTDIR=ROOT`) and that copy exists; else @p installed itself.
 */
char *cli_find_dir(const char *rel, const char *installed)
{
    /* ./fuyuan at the top of the tree, or build/<kind>/fuyuan in it */
    static const char *const up[] = {"", "/../.."};
    char *dir = exe_dir();

    for (size_t i = 0; dir && i < sizeof(up) / sizeof(up[0]); i++) {
        char *p = fy_xasprintf("%s%s/%s", dir, up[i], rel);
        if (is_dir(p)) {
            free(dir);
            return p;
        }
        free(p);
    }
    size_t n = dir ? strlen(dir) : 0, nb = strlen(FY_BINDIR);
    if (n > nb && strcmp(dir + n - nb, FY_BINDIR) == 0 && installed[0] == '/') {
        char *p = fy_xasprintf("%.*s%s", (int)(n - nb), dir, installed);
        if (is_dir(p)) {
            free(dir);
            return p;
        }
        free(p);
    }
    free(dir);
    return fy_xstrdup(installed);
}

void cli_i18n_init(void)
{
    if (!setlocale(LC_ALL, "")) {
        /*
         * The locale asked for is not generated on this machine. Messages
         * can still be Chinese: C.UTF-8 with LANGUAGE from LANG.
         */
        const char *lang = getenv("LC_ALL");
        if (!lang || !*lang)
            lang = getenv("LC_MESSAGES");
        if (!lang || !*lang)
            lang = getenv("LANG");
        setlocale(LC_ALL, "C.UTF-8");
        const char *language = getenv("LANGUAGE"); /* empty = unset */
        if (lang && *lang && (!language || !*language)) {
            char code[32];
            snprintf(code, sizeof(code), "%s", lang);
            code[strcspn(code, ".@")] = '\0';
            setenv("LANGUAGE", code, 1);
        }
    }
    setlocale(LC_NUMERIC, "C"); /* numbers are written the same everywhere */
    char *dir = cli_find_dir("locale", FY_LOCALEDIR);
    bindtextdomain("fuyuan", dir);
    bind_textdomain_codeset("fuyuan", "UTF-8");
    textdomain("fuyuan");
    /* the documents' Chinese, whatever the locale (fy_zh.c) */
    fy_zh_load(dir);
    atexit(fy_zh_unload);
    free(dir);
}

int cli_warn_catalogue(const struct cli_opts *o)
{
    const char *mo = fy_zh_missing();
    int why = fy_zh_errno();

    if (mo && why != ENOENT) {
        /* there, but not read: not a reason for English documents */
        char *shown = fy_text_escaped(mo);
        fprintf(stderr, _("%s: error: cannot read the Chinese message "
                          "catalogue: %s\n"),
                shown, why == EINVAL ? _("not a message catalogue")
                                     : strerror(why));
        free(shown);
        return FY_EXIT_INPUT;
    }
    if (mo && !o->quiet)
        fprintf(stderr, _("fuyuan: warning: cannot read the Chinese message "
                          "catalogue %s: the reasons and notes in the "
                          "documents are in English (run make, or install "
                          "fuyuan again)\n"), mo);
    return FY_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Help                                                                */
/* ------------------------------------------------------------------ */

static void print_main_help(FILE *out)
{
    fprintf(out, _("Usage: fuyuan COMMAND [options] [DATA...]\n\n"
                   "Turns the case exports of a city's courts into the "
                   "statistics of its\nadministrative-litigation white paper "
                   "and quarterly notifications.\n\nCommands:\n"));
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name,
                _(commands[i].summary));
    fprintf(out, _("\nDATA is CSV files and folders (every *.csv in a folder, "
                   "in name order);\nwithout DATA the sample data shipped "
                   "with fuyuan is read.\n\n"
                   "Run 'fuyuan COMMAND --help' for the options of a "
                   "command.\n"
                   "Exit status: 0 done, 1 rows rejected, 2 bad usage, 3 "
                   "input unreadable,\n4 output unwritable, 5 internal "
                   "error.\n"));
}

/* The help of `metrics` and `dimensions`, which read no data. */
static void print_list_help(const struct cli_command *cmd, FILE *out)
{
    fprintf(out, _("Usage: fuyuan %s %s\n\n%s.\n\n"), cmd->name, cmd->usage,
            _(cmd->summary));
    fputs(_("The list comes from the tables the statistics are computed "
            "from;\nno data is read.\n\n"), out);
    fputs(_("Options:\n"
            "      --format FORMAT    table (default), csv or json\n"
            "      --bom              a BOM before the CSV (for Excel)\n"
            "  -h, --help             this help\n"
            "      --version          the version\n"),
          out);
}

static void print_cmd_help(const struct cli_command *cmd, FILE *out)
{
    if (cmd->optset & CLI_OPT_LIST) {
        print_list_help(cmd, out);
        return;
    }
    fprintf(out, _("Usage: fuyuan %s %s\n\n%s.\n\n"), cmd->name, cmd->usage,
            _(cmd->summary));
    fputs(_("Input options:\n"
            "      --courts FILE      court registry (法院名称, 法院代字, "
            "层级, 所属旗区)\n"
            "      --rules FILE       more rules (类型, 模式, 结果, 计入)\n"
            "      --encoding ENC     utf-8 or gb18030 (default: detect per "
            "file)\n"
            "      --feedback-days N  default 反馈期限 after 发出日期 "
            "(default 60)\n"),
          out);
    fputs(_("      --profile FILE     run profile (INI): city, issuers, "
            "data, courts, rules,\n"
            "                         thresholds; the options above win "
            "over it\n"),
          out);
    if (cmd->optset & CLI_OPT_QUERY)
        fputs(_("Query options:\n"
                "      --metric ID,...    metrics (loss_causes = every "
                "loss_cause:<cause>)\n"
                "      --by DIM,...       up to three dimensions\n"
                "      --where DIM=VALUE  keep only that value (several are "
                "ANDed)\n"
                "      --compare MODE     yoy (上年同期) or prev (上一期)\n"
                "      --format FORMAT    table (default), csv, json, or xlsx "
                "with -o FILE\n"
                "      --bom              a BOM before the CSV (for Excel)\n"),
              out);
    if (cmd->optset & CLI_OPT_QUERY) {
        fputs(_("Metrics ('fuyuan metrics' lists them with their "
                "definitions):\n"), out);
        cli_print_metric_ids(out, 2);
        fputs(_("Dimensions ('fuyuan dimensions' lists them with their "
                "metrics):\n"), out);
        cli_print_dim_ids(out, 2);
    }
    if (cmd->optset & CLI_OPT_REPORT)
        fputs(_("Report options:\n"
                "      --no-docx          write no editable draft (.docx): "
                "for a machine\n"
                "                         without pandoc\n"
                "      --previous DIR     compare with an earlier run's "
                "output folder: the\n"
                "                         sheet 修订说明 lists every changed "
                "figure\n"),
              out);
    if (cmd->optset & CLI_OPT_ANNUAL)
        fputs(_("      --typical-cases FILE\n"
                "                         典型案例 for 附录一 (CSV: 案号, "
                "标题, 基本案情,\n"
                "                         裁判结果, 典型意义); wins over the "
                "profile\n"),
              out);
    /* the periods the command takes: a report has one kind */
    if (cmd->optset & CLI_OPT_QUERY)
        fputs(_("Period (one of):\n"
                "      --year Y | --quarter YYYYQn | --month YYYY-MM | "
                "--from DATE --to DATE\n"
                "      --as-of DATE       the as-of date (default: the "
                "period's end)\n"),
              out);
    else if (cmd->optset & CLI_OPT_ANNUAL)
        fputs(_("Period:\n"
                "      --year Y           the year of the report\n"
                "      --as-of DATE       the as-of date (default: the "
                "year's end)\n"),
              out);
    else if (cmd->optset & CLI_OPT_PERIOD)
        fputs(_("Period:\n"
                "      --quarter YYYYQn   the quarter of the notice\n"
                "      --as-of DATE       the as-of date (default: the "
                "quarter's end)\n"),
              out);
    fputs(_("Other options:\n"
            "  -o, --output DIR       where to write (validate: "
            "rejects.csv; annual and\n"
            "                         quarterly: reports/<period>/; query "
            "xlsx: the FILE)\n"
            "      --strict           fail (exit 1) when any row is "
            "rejected\n"
            "  -q, --quiet            print only errors\n"
            "  -v, --verbose          list every rejected row and note\n"
            "      --progress         show progress on stderr\n"
            "  -h, --help             this help\n"
            "      --version          the version\n"),
          out);
    if (cmd->optset & CLI_OPT_DATA)
        fputs(_("      --jobs N           read with N threads (default: one "
                "per core; the output is the same)\n"),
              out);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    va_list ap;

    fputs("fuyuan: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, _("\nTry 'fuyuan %s --help'.\n"), cmd->name);
    else
        fprintf(stderr, "%s", _("\nTry 'fuyuan --help'.\n"));
    return FY_EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

enum {
    OPT_COURTS = 256, OPT_RULES, OPT_ENCODING, OPT_FEEDBACK, OPT_STRICT,
    OPT_PROGRESS, OPT_VERSION, OPT_AS_OF, OPT_YEAR, OPT_QUARTER, OPT_MONTH,
    OPT_FROM, OPT_TO, OPT_METRIC, OPT_BY, OPT_WHERE, OPT_FORMAT, OPT_BOM,
    OPT_COMPARE, OPT_PROFILE, OPT_TYPICAL, OPT_NO_DOCX, OPT_JOBS,
    OPT_PREVIOUS
};

static const struct option long_opts[] = {
    {"output", required_argument, NULL, 'o'},
    {"courts", required_argument, NULL, OPT_COURTS},
    {"rules", required_argument, NULL, OPT_RULES},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"feedback-days", required_argument, NULL, OPT_FEEDBACK},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"year", required_argument, NULL, OPT_YEAR},
    {"quarter", required_argument, NULL, OPT_QUARTER},
    {"month", required_argument, NULL, OPT_MONTH},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"metric", required_argument, NULL, OPT_METRIC},
    {"by", required_argument, NULL, OPT_BY},
    {"where", required_argument, NULL, OPT_WHERE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"bom", no_argument, NULL, OPT_BOM},
    {"compare", required_argument, NULL, OPT_COMPARE},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"typical-cases", required_argument, NULL, OPT_TYPICAL},
    {"no-docx", no_argument, NULL, OPT_NO_DOCX},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"previous", required_argument, NULL, OPT_PREVIOUS},
    {NULL, 0, NULL, 0},
};

/* The option groups an option belongs to (0 = every command): a
 * command takes it when it has one of them. */
static unsigned group_of(int opt)
{
    switch (opt) {
    case OPT_AS_OF: case OPT_YEAR: case OPT_QUARTER: case OPT_MONTH:
    case OPT_FROM: case OPT_TO:
        return CLI_OPT_PERIOD;
    case OPT_METRIC: case OPT_BY: case OPT_WHERE: case OPT_COMPARE:
        return CLI_OPT_QUERY;
    case OPT_FORMAT: case OPT_BOM:
        return CLI_OPT_QUERY | CLI_OPT_LIST;
    case OPT_TYPICAL:
        return CLI_OPT_ANNUAL;
    case OPT_NO_DOCX: case OPT_PREVIOUS:
        return CLI_OPT_REPORT;
    case OPT_COURTS: case OPT_RULES: case OPT_ENCODING: case OPT_FEEDBACK:
    case OPT_PROFILE: case OPT_STRICT: case OPT_PROGRESS: case OPT_JOBS:
        return CLI_OPT_DATA;
    default:
        return 0;
    }
}

int cli_parse(int argc, char **argv, const struct cli_command *cmd,
              struct cli_opts *o)
{
    int c, idx;

    memset(o, 0, sizeof(*o));
    report_settings_init(&o->settings);
    o->ingest = (struct fy_ingest_opts)FY_INGEST_OPTS_INIT;
    o->reports_dir = "reports";
    o->profile = cli_profile_new();
    o->progress = isatty(STDERR_FILENO);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qvh", long_opts, &idx)) != -1) {
        unsigned g = group_of(c);
        if (g && !(cmd->optset & g))
            return cli_usage_error(cmd, _("option '--%s' is not for '%s'"),
                                   long_opts[idx].name, cmd->name);
        switch (c) {
        case 'o':
            o->output = optarg;
            cli_profile_given(o->profile, "output");
            break;
        case 'q': o->quiet = 1; o->progress = 0; break;
        case 'v': o->verbose = 1; fy_error_set_debug(1); break;
        case 'h': print_cmd_help(cmd, stdout); return -1;
        case OPT_VERSION: printf("fuyuan %s\n", FY_VERSION); return -1;
        case OPT_COURTS:
            o->ingest.courts_file = optarg;
            cli_profile_given(o->profile, "courts");
            break;
        case OPT_RULES:
            o->ingest.rules_file = optarg;
            cli_profile_given(o->profile, "rules");
            break;
        case OPT_PROFILE: o->profile_path = optarg; break;
        case OPT_NO_DOCX: o->no_docx = 1; break;
        case OPT_PREVIOUS:
            o->previous = optarg;
            cli_profile_given(o->profile, "previous");
            break;
        case OPT_TYPICAL:
            o->settings.typical_cases = optarg;
            cli_profile_given(o->profile, "typical_cases");
            break;
        case OPT_ENCODING:
            if (strcasecmp(optarg, "utf-8") && strcasecmp(optarg, "utf8")
                && strcasecmp(optarg, "gb18030") && strcasecmp(optarg, "gbk"))
                return cli_usage_error(cmd, _("unknown encoding '%s' (use "
                                              "utf-8 or gb18030)"), optarg);
            o->ingest.encoding = strncasecmp(optarg, "utf", 3) == 0
                                     ? "utf-8" : "gb18030";
            break;
        case OPT_FEEDBACK: {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || n < 0 || n > 3650)
                return cli_usage_error(cmd, _("--feedback-days needs a "
                                              "number of days (0-3650), not "
                                              "'%s'"), optarg);
            o->ingest.feedback_days = (int)n;
            cli_profile_given(o->profile, "feedback_days");
            break;
        }
        case OPT_JOBS: {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || n < 1 || n > 64)
                return cli_usage_error(cmd, _("--jobs needs a number of "
                                              "threads (1-64), not '%s'"),
                                       optarg);
            o->ingest.jobs = (unsigned)n;
            break;
        }
        case OPT_STRICT: o->strict = 1; break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_AS_OF: o->as_of = optarg; break;
        case OPT_YEAR: o->year = optarg; break;
        case OPT_QUARTER: o->quarter = optarg; break;
        case OPT_MONTH: o->month = optarg; break;
        case OPT_FROM: o->from = optarg; break;
        case OPT_TO: o->to = optarg; break;
        case OPT_METRIC: o->metric = optarg; break;
        case OPT_BY: o->by = optarg; break;
        case OPT_FORMAT: o->format = optarg; break;
        case OPT_BOM: o->bom = 1; break;
        case OPT_COMPARE: o->compare = optarg; break;
        case OPT_WHERE:
            if (o->nwhere == CLI_MAX_WHERE)
                return cli_usage_error(cmd, _("at most %d --where"),
                                       CLI_MAX_WHERE);
            o->where[o->nwhere++] = optarg;
            break;
        case ':':
            return cli_usage_error(cmd, _("option '%s' needs a value"),
                                   argv[optind - 1]);
        case '?':
            if (optopt)
                return cli_usage_error(cmd, _("unknown option '-%c'"),
                                       optopt);
            return cli_usage_error(cmd, _("unknown option '%s'"),
                                   argv[optind - 1]);
        default:
            return cli_usage_error(cmd, _("unknown option '%s'"),
                                   argv[optind - 1]);
        }
    }
    o->argc = argc;
    o->argv = (const char *const *)argv;
    o->data = (const char *const *)argv + optind;
    o->ndata = (size_t)(argc - optind);
    if (o->ndata) /* the 说明 sheet says where the data came from */
        cli_profile_given(o->profile, "data");
    o->sample_dir = cli_find_dir("fixtures/sample", FY_DATADIR "/sample");
    if (o->profile_path)
        return cli_profile_load(o, o->profile_path);
    return FY_EXIT_OK;
}

void cli_opts_release(struct cli_opts *o)
{
    free(o->sample_dir);
    o->sample_dir = NULL;
    cli_profile_free(o->profile);
    o->profile = NULL;
}

/* ------------------------------------------------------------------ */
/* Shared steps                                                        */
/* ------------------------------------------------------------------ */

int cli_report_error(const struct fy_error *err)
{
    fy_error_print(err, stderr);
    return fy_exit_code(err->code);
}

/* --progress: one line on stderr, rewritten a few times a second. */
struct progress_line {
    struct timespec start, last;
    int shown;
};

static double seconds_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec)
           + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, const struct fy_progress *p)
{
    struct progress_line *pl = ctx;
    double elapsed = seconds_since(&pl->start);

    /* at most five times a second */
    if (pl->shown && seconds_since(&pl->last) < 0.2)
        return;
    clock_gettime(CLOCK_MONOTONIC, &pl->last);
    pl->shown = 1;
    const char *name = strrchr(p->path, '/');
    name = name ? name + 1 : p->path;
    fputc('\r', stderr);
    fprintf(stderr,
            _("fuyuan: %.0f of %.0f MB read, %.0f rows/s, %.1f s (file %zu "
              "of %zu: %s)"),
            (double)p->bytes_done / 1e6, (double)p->bytes_total / 1e6,
            elapsed > 0 ? (double)p->rows / elapsed : 0.0, elapsed, p->nth,
            p->nfiles, name);
    fputs("\033[K", stderr); /* clear the rest of the line */
    fflush(stderr);
}

int cli_load(const struct cli_opts *o, struct fy_dataset **out)
{
    struct fy_error err;
    struct fy_dataset *ds;
    const char *sample[1] = {o->sample_dir};
    const char *const *paths = o->ndata ? o->data : sample;
    size_t n = o->ndata ? o->ndata : 1;

    struct fy_ingest_opts io = o->ingest;
    struct progress_line pl;
    memset(&pl, 0, sizeof(pl));
    clock_gettime(CLOCK_MONOTONIC, &pl.start);
    if (o->progress && !o->quiet) {
        io.progress = show_progress;
        io.progress_ctx = &pl;
    }
    memset(&err, 0, sizeof(err));
    if (fy_dataset_new(&ds, &io, &err) != FY_OK)
        return cli_report_error(&err);
    fy_status rc = fy_ingest_paths(ds, paths, n, &io, &err);
    if (io.progress && pl.shown)
        fputs("\r\033[K", stderr); /* cleared at the end */
    if (rc != FY_OK) {
        fy_dataset_free(ds);
        return cli_report_error(&err);
    }
    *out = ds;
    return FY_EXIT_OK;
}

int cli_check_rejects(const struct cli_opts *o, const struct fy_dataset *ds,
                      int writes_files)
{
    size_t n = ds->quality.nrejects;

    if (!n)
        return FY_EXIT_OK;
    if (o->strict) {
        fy_quality_print(ds, stderr, o->verbose);
        if (writes_files)
            fprintf(stderr,
                    ngettext("\n%zu row rejected and --strict given: no "
                             "report is written (exit status 1).\n",
                             "\n%zu rows rejected and --strict given: no "
                             "report is written (exit status 1).\n", n),
                    n);
        else
            fprintf(stderr,
                    ngettext("\n%zu row rejected and --strict given: "
                             "nothing is reported (exit status 1).\n",
                             "\n%zu rows rejected and --strict given: "
                             "nothing is reported (exit status 1).\n", n),
                    n);
        return FY_EXIT_DATA;
    }
    if (o->quiet)
        return FY_EXIT_OK;
    if (writes_files)
        fprintf(stderr,
                ngettext("fuyuan: %zu row rejected and left out of "
                         "every figure; it is listed in rejects.csv\n",
                         "fuyuan: %zu rows rejected and left out of "
                         "every figure; they are listed in "
                         "rejects.csv\n", n),
                n);
    else
        fprintf(stderr,
                ngettext("fuyuan: %zu row rejected and left out of "
                         "every figure; 'fuyuan validate' lists it\n",
                         "fuyuan: %zu rows rejected and left out of "
                         "every figure; 'fuyuan validate' lists "
                         "them\n", n),
                n);
    return FY_EXIT_OK;
}

/* The exit status @p rc, unless what went to the standard output could
 * not be written (as GNU tools: `--help > /dev/full` is an error). */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s", _("fuyuan: error: cannot write to the "
                                "standard output\n"));
        return FY_EXIT_OUTPUT;
    }
    return rc;
}

int cli_main(int argc, char **argv)
{
    cli_i18n_init();
    if (argc < 2)
        return cli_usage_error(NULL, "%s", _("no command given"));
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        print_main_help(stdout);
        return finish(FY_EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("fuyuan %s\n", FY_VERSION);
        return finish(FY_EXIT_OK);
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        struct cli_opts o;
        int rc = cli_parse(argc - 1, argv + 1, &commands[i], &o);
        if (rc == FY_EXIT_OK)
            rc = commands[i].run(&commands[i], &o);
        else if (rc < 0)
            rc = FY_EXIT_OK;
        cli_opts_release(&o);
        return finish(rc);
    }
    return cli_usage_error(NULL, _("unknown command '%s'"), argv[1]);
}
