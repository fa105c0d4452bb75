/* SPDX-License-Identifier: MIT */
/*
 * cli_profile.c - `--profile FILE`: the settings a city keeps from run to
 * run (outputs.md, "Run profiles"), read with Debian's libinih. The
 * command line wins over the profile; every key's effective value and
 * where it came from go to manifest.json and the workbook's 说明 sheet.
 *
 * libinih is set up for the spec's form: values on the key's line (no
 * indented continuation lines), comments after " ;" on a value's line,
 * one error (the first) reported. Debian 12's libinih is built with
 * INI_HANDLER_LINENO, so the handler is given the line of each key.
 * Before parsing, the file is read whole and checked line by line for
 * what libinih does not say (a NUL byte, bytes that are not UTF-8, an
 * over-long line that libinih would cut in two, an unknown section
 * whether or not it holds a key).
 */
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include "fuyuan/cli.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROFILE_MAX_LINE 4096           /* bytes of one line */
#define PROFILE_MAX_BYTES (1u << 20)    /* of the whole file */

enum key {
    K_CITY, K_ISSUERS, K_DATA, K_OUTPUT, K_COURTS, K_RULES, K_TYPICAL_CASES,
    K_FEEDBACK_DAYS, K_PREVIOUS,
    K_NUMBER, K_TO, K_MIN_CASES,
    K_MIN_N, K_LOSS_POINTS, K_LOSS_LEVEL, K_DOMAIN_POINTS, K_AGENCY_LOSSES,
    K_CAUSE_SHARE, K_REVIEW_MIN, K_SOURCE_GROWTH, K_FEEDBACK_RATE, K_GROWTH,
    K_ENFORCEMENT_REFUSED,
    NKEYS
};

enum type {
    T_TEXT,      /* a non-empty text */
    T_OPTIONAL,  /* a text that may be empty (文号) */
    T_ISSUERS,   /* 、-separated names, none empty */
    T_DATA,      /* a file or folder that exists; empty: the default */
    T_FOLDER,    /* a folder (made when missing); empty: the default */
    T_FILE,      /* a file that exists; empty: none */
    T_DAYS,      /* 0-3650 */
    T_COUNT,     /* a whole number >= 0 */
    T_NUMBER,    /* a number >= 0 */
    T_PERCENT    /* a number from 0 to 100 */
};

static const struct {
    const char *section, *key;
    enum type type;
} keys[NKEYS] = {
    [K_CITY] = {"report", "city", T_TEXT},
    [K_ISSUERS] = {"report", "issuers", T_ISSUERS},
    [K_DATA] = {"report", "data", T_DATA},
    [K_OUTPUT] = {"report", "output", T_FOLDER},
    [K_COURTS] = {"report", "courts", T_FILE},
    [K_RULES] = {"report", "rules", T_FILE},
    [K_TYPICAL_CASES] = {"report", "typical_cases", T_FILE},
    [K_FEEDBACK_DAYS] = {"report", "feedback_days", T_DAYS},
    [K_PREVIOUS] = {"report", "previous", T_DATA},
    [K_NUMBER] = {"notice", "number", T_OPTIONAL},
    [K_TO] = {"notice", "to", T_TEXT},
    [K_MIN_CASES] = {"notice", "min_cases", T_COUNT},
    [K_MIN_N] = {"findings", "min_n", T_COUNT},
    [K_LOSS_POINTS] = {"findings", "loss_points", T_NUMBER},
    [K_LOSS_LEVEL] = {"findings", "loss_level", T_PERCENT},
    [K_DOMAIN_POINTS] = {"findings", "domain_points", T_NUMBER},
    [K_AGENCY_LOSSES] = {"findings", "agency_losses", T_COUNT},
    [K_CAUSE_SHARE] = {"findings", "cause_share", T_PERCENT},
    [K_REVIEW_MIN] = {"findings", "review_min", T_COUNT},
    [K_SOURCE_GROWTH] = {"findings", "source_growth", T_NUMBER},
    [K_FEEDBACK_RATE] = {"findings", "feedback_rate", T_PERCENT},
    [K_GROWTH] = {"findings", "growth", T_NUMBER},
    [K_ENFORCEMENT_REFUSED] = {"findings", "enforcement_refused", T_PERCENT},
};

static const char *const sections[] = {"report", "notice", "findings"};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

struct cli_profile {
    char *path;                 /* as given to --profile */
    char *dir;                  /* its folder; NULL for the current one */
    char *text[NKEYS];          /* the value as written (owned) */
    char *resolved[NKEYS];      /* paths: relative to the profile's folder */
    unsigned long line[NKEYS];  /* where the key is; 0 = not there */
    enum report_from from[NKEYS];
    int64_t count[NKEYS];       /* T_COUNT and T_DAYS values */
    double number[NKEYS];       /* T_NUMBER and T_PERCENT values */
    const char *data[1];        /* DATA from the profile */
    char *value[NKEYS];         /* the effective values (owned) */
    char *shown[NKEYS];
    struct report_setting list[NKEYS];
};

struct cli_profile *cli_profile_new(void)
{
    return fy_xcalloc(1, sizeof(struct cli_profile));
}

void cli_profile_free(struct cli_profile *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < NKEYS; k++) {
        free(p->text[k]);
        free(p->resolved[k]);
        free(p->value[k]);
        free(p->shown[k]);
    }
    free(p->path);
    free(p->dir);
    free(p);
}

static int find_key(const char *section, const char *key)
{
    for (int k = 0; k < NKEYS; k++)
        if (strcmp(keys[k].section, section) == 0
            && strcmp(keys[k].key, key) == 0)
            return k;
    return -1;
}

void cli_profile_given(struct cli_profile *p, const char *key)
{
    int k = find_key("report", key);

    if (k < 0)
        FY_BUG("no [report] key '%s'", key);
    p->from[k] = REPORT_FROM_COMMAND_LINE;
}

/* ------------------------------------------------------------------ */
/* Paths relative to the profile's folder                              */
/* ------------------------------------------------------------------ */

static int same_place(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

/* "profiles/../fixtures/sample" -> "fixtures/sample" when both name the
 * same place (a symbolic link can make them differ); else @p path. */
static char *tidy_path(const char *path)
{
    char *copy = fy_xstrdup(path), *save = NULL;
    const char *part[256];
    size_t n = 0;
    int absolute = path[0] == '/', changed = 0;

    for (char *t = strtok_r(copy, "/", &save); t;
         t = strtok_r(NULL, "/", &save)) {
        if (strcmp(t, ".") == 0) {
            changed = 1;
        } else if (strcmp(t, "..") == 0 && n && strcmp(part[n - 1], "..")) {
            n--;
            changed = 1;
        } else if (n < sizeof(part) / sizeof(part[0])) {
            part[n++] = t;
        } else {
            free(copy);
            return fy_xstrdup(path);
        }
    }
    struct fy_buf b = FY_BUF_INIT;
    fy_buf_puts(&b, absolute ? "/" : "");
    for (size_t i = 0; i < n; i++)
        fy_buf_printf(&b, "%s%s", i ? "/" : "", part[i]);
    if (!b.len)
        fy_buf_puts(&b, ".");
    free(copy);
    char *tidy = fy_buf_detach(&b);
    if (!changed)
        return tidy;
    /* compare the deepest folder that exists; below it both are equal */
    char *a = fy_xstrdup(path), *z = fy_xstrdup(tidy);
    struct stat st;
    int ok = 0;
    for (int depth = 0; depth < 256; depth++) {
        if (stat(a, &st) == 0) {
            ok = same_place(a, z);
            break;
        }
        char *slash = strrchr(a, '/'), *zs = strrchr(z, '/');
        const char *last = slash ? slash + 1 : a;
        if (!strcmp(last, "..") || !strcmp(last, "."))
            break;
        if (slash)
            slash[slash == a] = '\0'; /* "/x" -> "/" */
        else
            strcpy(a, ".");
        if (zs)
            zs[zs == z] = '\0';
        else
            strcpy(z, ".");
    }
    free(a);
    free(z);
    if (ok)
        return tidy;
    free(tidy);
    return fy_xstrdup(path);
}

static char *resolve(const struct cli_profile *p, const char *value)
{
    if (value[0] == '/' || !p->dir)
        return fy_xstrdup(value);
    char *joined = fy_xasprintf("%s/%s", p->dir, value);
    char *tidy = tidy_path(joined);
    free(joined);
    return tidy;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

struct parse {
    struct cli_opts *o;
    struct cli_profile *p;
    struct fy_error err;
    int failed;
};

static int fail_at(struct parse *c, fy_status code, int lineno,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_at(struct parse *c, fy_status code, int lineno,
                   const char *fmt, ...)
{
    va_list ap;
    char msg[sizeof(c->err.msg)];
    struct fy_loc at = {c->p->path, (unsigned long)lineno, 0};

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fy_fail(&c->err, code, &at, "%s", msg);
    c->failed = 1;
    return 0;
}

static int parse_count(const char *s, int64_t max, int64_t *out)
{
    char *end;

    if (!isdigit((unsigned char)*s))
        return 0;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    if (errno || *end || n < 0 || n > max)
        return 0;
    *out = n;
    return 1;
}

/* A plain decimal: digits with at most one point, optional sign. */
static int parse_number(const char *s, double *out)
{
    const char *q = s + (*s == '-' || *s == '+');
    int digits = 0, points = 0;
    char *end;

    for (; *q; q++) {
        if (isdigit((unsigned char)*q))
            digits++;
        else if (*q == '.' && !points)
            points++;
        else
            return 0;
    }
    if (!digits)
        return 0;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && !*end && isfinite(*out);
}

/* The file or folder a path key names exists (and is what it must be). */
static int check_path(struct parse *c, int k, int lineno, const char *path)
{
    struct stat st;

    if (keys[k].type == T_FOLDER)
        return 1; /* made when the report is written */
    if (stat(path, &st) != 0)
        return fail_at(c, FY_E_IO, lineno,
                       _("%s: cannot open '%s': %s (a relative path is read "
                         "from the profile's folder)"),
                       keys[k].key, path, strerror(errno));
    if (keys[k].type == T_FILE && !S_ISREG(st.st_mode))
        return fail_at(c, FY_E_IO, lineno, _("%s: '%s' is not a file"),
                       keys[k].key, path);
    return 1;
}

static int check_issuers(struct parse *c, int lineno, const char *v)
{
    static const char sep[] = "、";
    const char *s = v;

    for (;;) {
        const char *next = strstr(s, sep);
        size_t len = next ? (size_t)(next - s) : strlen(s);
        int blank = 1;
        for (size_t i = 0; i < len; i++)
            if (!isspace((unsigned char)s[i]))
                blank = 0;
        if (blank)
            return fail_at(c, FY_E_USAGE, lineno,
                           _("issuers holds an empty name (names are "
                             "separated by 、): '%s'"), v);
        if (!next)
            return 1;
        s = next + strlen(sep);
    }
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value, int lineno)
{
    struct parse *c = user;
    struct cli_profile *p = c->p;

    if (!*section)
        return fail_at(c, FY_E_USAGE, lineno,
                       _("'%s' is outside a section; put it under [report], "
                         "[notice] or [findings]"), name);
    int k = find_key(section, name);
    if (k < 0) {
        struct fy_buf known = FY_BUF_INIT;
        for (int i = 0; i < NKEYS; i++)
            if (strcmp(keys[i].section, section) == 0)
                fy_buf_printf(&known, "%s%s", known.len ? ", " : "",
                              keys[i].key);
        fail_at(c, FY_E_USAGE, lineno,
                _("unknown key '%s' in [%s] (the keys of [%s] are: %s)"),
                name, section, section, fy_buf_str(&known));
        fy_buf_release(&known);
        return 0;
    }
    if (p->line[k])
        return fail_at(c, FY_E_USAGE, lineno,
                       _("'%s' is given twice in [%s] (first on line %lu)"),
                       name, section, p->line[k]);
    p->line[k] = (unsigned long)lineno;
    enum type t = keys[k].type;
    int empty_ok = t == T_OPTIONAL || t == T_DATA || t == T_FOLDER
                   || t == T_FILE;
    if (!*value && !empty_ok)
        return fail_at(c, FY_E_USAGE, lineno, _("%s needs a value"), name);
    switch (t) {
    case T_TEXT: case T_OPTIONAL:
        break;
    case T_ISSUERS:
        if (!check_issuers(c, lineno, value))
            return 0;
        break;
    case T_DATA: case T_FOLDER: case T_FILE:
        if (*value) {
            p->resolved[k] = resolve(p, value);
            if (!check_path(c, k, lineno, p->resolved[k]))
                return 0;
        }
        break;
    case T_DAYS:
        if (!parse_count(value, 3650, &p->count[k]))
            return fail_at(c, FY_E_USAGE, lineno,
                           _("%s needs a number of days (0-3650), not '%s'"),
                           name, value);
        break;
    case T_COUNT:
        if (!parse_count(value, 1000000000, &p->count[k]))
            return fail_at(c, FY_E_USAGE, lineno,
                           _("%s needs a whole number of at least 0, not "
                             "'%s'"), name, value);
        break;
    case T_NUMBER: case T_PERCENT:
        if (!parse_number(value, &p->number[k]))
            return fail_at(c, FY_E_USAGE, lineno,
                           _("%s needs a number, not '%s'"), name, value);
        if (p->number[k] < 0 || (t == T_PERCENT && p->number[k] > 100))
            return fail_at(c, FY_E_USAGE, lineno,
                           t == T_PERCENT
                               ? _("%s needs a percentage from 0 to 100, not "
                                   "'%s'")
                               : _("%s needs a number of at least 0, not "
                                   "'%s'"),
                           name, value);
        break;
    }
    p->text[k] = fy_xstrdup(value);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Reading the file                                                    */
/* ------------------------------------------------------------------ */

/* Read the whole profile into @p b or fail: a regular file only (a FIFO
 * cannot block the run: fy_input_open), read whole with read(). */
static int read_all(struct parse *c, struct fy_buf *b)
{
    struct fy_loc at = {c->p->path, 0, 0};
    struct stat st;
    int fd = fy_input_open(c->p->path, &st, &c->err);

    if (fd < 0)
        return 0;
    if (st.st_size > PROFILE_MAX_BYTES) {
        close(fd);
        fy_fail(&c->err, FY_E_USAGE, &at, "%s",
                _("the profile is larger than 1 MiB"));
        return 0;
    }
    char *text = fy_xmalloc((size_t)st.st_size + 1);
    fy_status rc = fy_input_read(fd, c->p->path, &st, text, 1, &c->err);
    close(fd);
    if (rc == FY_OK)
        fy_buf_append(b, text, (size_t)st.st_size);
    free(text);
    return rc == FY_OK;
}

/*
 * Check every line for what libinih does not say. Returns the byte offset
 * of the first bad line (its error in c->err) or the length of @p text.
 */
static size_t check_lines(struct parse *c, const char *text, size_t len)
{
    unsigned long lineno = 0;

    for (size_t at = 0; at < len;) {
        const char *s = text + at;
        const char *nl = memchr(s, '\n', len - at);
        size_t n = nl ? (size_t)(nl - s) : len - at;
        int line = (int)++lineno;
        if (memchr(s, '\0', n)) {
            fail_at(c, FY_E_USAGE, line, "%s",
                    _("the line holds a NUL byte; save the profile as UTF-8 "
                      "text"));
            return at;
        }
        if (n + 3 > PROFILE_MAX_LINE) {
            fail_at(c, FY_E_USAGE, line, _("the line is longer than %d bytes"),
                    PROFILE_MAX_LINE - 3);
            return at;
        }
        if (!fy_utf8_valid(s, n)) {
            fail_at(c, FY_E_USAGE, line, "%s",
                    _("bytes that are not UTF-8; save the profile as UTF-8"));
            return at;
        }
        const char *q = s;
        if (line == 1 && n >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0)
            q += 3;
        while (q < s + n && isspace((unsigned char)*q))
            q++;
        const char *close = q < s + n && *q == '['
                                ? memchr(q, ']', (size_t)(s + n - q))
                                : NULL;
        if (close) {
            size_t nlen = (size_t)(close - q - 1);
            int known = 0;
            for (size_t i = 0; i < NSECTIONS; i++)
                if (strlen(sections[i]) == nlen
                    && memcmp(sections[i], q + 1, nlen) == 0)
                    known = 1;
            if (!known) {
                fail_at(c, FY_E_USAGE, line,
                        _("unknown section [%.*s] (the sections are "
                          "[report], [notice] and [findings])"),
                        (int)nlen, q + 1);
                return at;
            }
        }
        at += n + (nl != NULL);
    }
    return len;
}

/* Apply what the profile holds to @p o, where the command line did not
 * give the key. */
static void apply(struct cli_opts *o, struct cli_profile *p)
{
    struct report_settings *s = &o->settings;
    struct report_findings *f = &s->findings;
    double *numbers[NKEYS] = {
        [K_LOSS_POINTS] = &f->loss_points, [K_LOSS_LEVEL] = &f->loss_level,
        [K_DOMAIN_POINTS] = &f->domain_points,
        [K_CAUSE_SHARE] = &f->cause_share,
        [K_SOURCE_GROWTH] = &f->source_growth,
        [K_FEEDBACK_RATE] = &f->feedback_rate, [K_GROWTH] = &f->growth,
        [K_ENFORCEMENT_REFUSED] = &f->enforcement_refused,
    };
    int64_t *counts[NKEYS] = {
        [K_MIN_CASES] = &s->min_cases, [K_MIN_N] = &f->min_n,
        [K_AGENCY_LOSSES] = &f->agency_losses, [K_REVIEW_MIN] = &f->review_min,
    };

    for (int k = 0; k < NKEYS; k++) {
        const char *v = p->text[k];
        if (!v || p->from[k] == REPORT_FROM_COMMAND_LINE)
            continue;
        if (keys[k].type >= T_DATA && keys[k].type <= T_FILE && !*v)
            continue; /* empty: the default */
        p->from[k] = REPORT_FROM_PROFILE;
        switch (k) {
        case K_CITY: s->city = v; break;
        case K_ISSUERS: s->issuers = v; break;
        case K_NUMBER: s->notice_number = *v ? v : NULL; break;
        case K_TO: s->notice_to = v; break;
        case K_DATA:
            p->data[0] = p->resolved[k];
            o->data = p->data;
            o->ndata = 1;
            break;
        case K_OUTPUT: o->reports_dir = p->resolved[k]; break;
        case K_COURTS: o->ingest.courts_file = p->resolved[k]; break;
        case K_RULES: o->ingest.rules_file = p->resolved[k]; break;
        case K_TYPICAL_CASES: s->typical_cases = p->resolved[k]; break;
        case K_PREVIOUS: o->previous = p->resolved[k]; break;
        case K_FEEDBACK_DAYS:
            o->ingest.feedback_days = (int)p->count[k];
            break;
        default:
            if (numbers[k])
                *numbers[k] = p->number[k];
            else if (counts[k])
                *counts[k] = p->count[k];
            else
                FY_BUG("profile key %d is applied nowhere", k);
        }
    }
}

int cli_profile_load(struct cli_opts *o, const char *path)
{
    struct cli_profile *p = o->profile;
    struct fy_buf text = FY_BUF_INIT;
    struct fy_error first;
    struct parse c;

    memset(&c, 0, sizeof(c));
    c.o = o;
    c.p = p;
    free(p->path);
    free(p->dir);
    p->path = fy_xstrdup(path);
    char *d = fy_xstrdup(path);
    const char *folder = dirname(d);
    p->dir = strcmp(folder, ".") ? fy_xstrdup(folder) : NULL;
    free(d);
    o->settings.profile = p->path;
    if (o->ndata)
        p->from[K_DATA] = REPORT_FROM_COMMAND_LINE;

    if (!read_all(&c, &text)) {
        fy_buf_release(&text);
        return cli_report_error(&c.err);
    }
    /* the lines before the first bad one go to libinih: its error, when
     * it finds one there, comes first */
    size_t good = check_lines(&c, text.data ? text.data : "", text.len);
    int bad_line = c.failed;
    first = c.err;
    if (first.where.file)
        first.where.file = first.file; /* it pointed into c.err */
    memset(&c.err, 0, sizeof(c.err));
    c.failed = 0;
    char *prefix = fy_xstrndup(text.data ? text.data : "", good);
    fy_buf_release(&text);

    ini_allow_multiline = false;      /* values stay on the key's line */
    ini_allow_inline_comments = true; /* "60 ; comment" */
    ini_allow_no_value = false;
    ini_allow_bom = true;
    ini_use_stack = true;
    ini_max_line = PROFILE_MAX_LINE;  /* check_lines keeps lines below */
    ini_stop_on_first_error = true;
    int rc = ini_parse_string(prefix, on_key, &c);
    free(prefix);
    if (rc == -2)
        fy_fail(&c.err, FY_E_NOMEM, NULL, "%s", _("out of memory"));
    else if (rc > 0 && !c.failed)
        fail_at(&c, FY_E_USAGE, rc, "%s",
                _("not a [section] nor a 'key = value' line (a value stays "
                  "on its key's line)"));
    if (rc != 0)
        return cli_report_error(&c.err);
    if (bad_line)
        return cli_report_error(&first);
    apply(o, p);
    return FY_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* The effective settings                                              */
/* ------------------------------------------------------------------ */

/* A path as documents show it: never a machine's absolute path (an
 * absolute one by its last name, "/srv/exports/" as "exports"). */
static char *shown_path(const char *path)
{
    if (path[0] != '/')
        return fy_xstrdup(path);
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    return start == n ? fy_xstrdup("/")
                      : fy_xstrndup(path + start, n - start);
}

void cli_profile_settings(struct cli_opts *o, const struct fy_dataset *ds)
{
    struct cli_profile *p = o->profile;
    const struct report_settings *s = &o->settings;
    const struct report_findings *f = &s->findings;
    const double numbers[NKEYS] = {
        [K_LOSS_POINTS] = f->loss_points, [K_LOSS_LEVEL] = f->loss_level,
        [K_DOMAIN_POINTS] = f->domain_points,
        [K_CAUSE_SHARE] = f->cause_share,
        [K_SOURCE_GROWTH] = f->source_growth,
        [K_FEEDBACK_RATE] = f->feedback_rate, [K_GROWTH] = f->growth,
        [K_ENFORCEMENT_REFUSED] = f->enforcement_refused,
    };
    const int64_t counts[NKEYS] = {
        [K_MIN_CASES] = s->min_cases, [K_MIN_N] = f->min_n,
        [K_AGENCY_LOSSES] = f->agency_losses, [K_REVIEW_MIN] = f->review_min,
        [K_FEEDBACK_DAYS] = o->ingest.feedback_days,
    };

    for (int k = 0; k < NKEYS; k++) {
        char *value = NULL, *shown = NULL;
        const char *path = NULL;
        int number = 0;
        enum report_from from = p->from[k];
        switch (k) {
        case K_CITY:
            value = fy_xstrdup(report_settings_city(s, ds));
            break;
        case K_ISSUERS:
            value = report_settings_issuers(s, ds);
            break;
        case K_NUMBER:
            value = s->notice_number ? fy_xstrdup(s->notice_number) : NULL;
            break;
        case K_TO:
            value = fy_xstrdup(s->notice_to ? s->notice_to
                                            : REPORT_NOTICE_TO_DEFAULT);
            break;
        case K_DATA:
            if (from == REPORT_FROM_COMMAND_LINE) {
                struct fy_buf v = FY_BUF_INIT, w = FY_BUF_INIT;
                for (size_t i = 0; i < o->ndata; i++) {
                    char *one = shown_path(o->data[i]);
                    fy_buf_printf(&v, "%s%s", i ? "; " : "", o->data[i]);
                    fy_buf_printf(&w, "%s%s", i ? "；" : "", one);
                    free(one);
                }
                value = fy_buf_detach(&v);
                shown = fy_buf_detach(&w);
            } else {
                path = o->ndata ? o->data[0] : o->sample_dir;
            }
            break;
        case K_OUTPUT:
            path = from == REPORT_FROM_COMMAND_LINE ? o->output
                                                    : o->reports_dir;
            break;
        case K_COURTS: path = o->ingest.courts_file; break;
        case K_RULES: path = o->ingest.rules_file; break;
        case K_TYPICAL_CASES: path = s->typical_cases; break;
        case K_PREVIOUS: path = o->previous; break;
        default: {
            struct fy_buf v = FY_BUF_INIT;
            if (keys[k].type == T_COUNT || keys[k].type == T_DAYS)
                fy_buf_printf(&v, "%lld", (long long)counts[k]);
            else
                report_fmt_double(numbers[k], &v);
            value = fy_buf_detach(&v);
            number = 1;
        }
        }
        if (!path && (k == K_COURTS || k == K_RULES))
            shown = fy_xstrdup("（内置）"); /* the built-in registry, rules */
        if (path) {
            value = fy_xstrdup(path);
            /* the profile's paths as written there, relative to it */
            shown = shown_path(from == REPORT_FROM_PROFILE ? p->text[k]
                                                           : path);
        }
        free(p->value[k]);
        free(p->shown[k]);
        p->value[k] = value;
        p->shown[k] = shown;
        p->list[k] = (struct report_setting){
            keys[k].section, keys[k].key, value, shown ? shown : value,
            number, from};
    }
    o->settings.list = p->list;
    o->settings.nlist = NKEYS;
}
