/* SPDX-License-Identifier: MIT */
/*
 * report_output.c - a run's files, written all-or-nothing into a folder
 * beside the destination and renamed into place when all are complete;
 * SHA-256 of files (fy_sha256_file) and manifest.json.
 */
#include "fuyuan/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

time_t report_run_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;

    if (s && *s) {
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

fy_status report_output_begin(struct report_output *o, const char *dest,
                              struct fy_error *err)
{
    size_t n = strlen(dest);

    memset(o, 0, sizeof(*o));
    while (n > 1 && dest[n - 1] == '/')
        n--;
    o->dest = fy_xstrndup(dest, n);
    o->tmp = fy_xasprintf("%s.tmp-%ld", o->dest, (long)getpid());
    fy_remove_tree(o->tmp); /* a leftover of a killed run with our pid */
    /* remember the highest missing parent, to remove it on failure */
    char *dir = fy_xstrdup(o->dest);
    struct stat st;
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            break;
        *slash = '\0';
        if (stat(dir, &st) == 0)
            break;
        free(o->made);
        o->made = fy_xstrdup(dir);
    }
    free(dir);
    return fy_mkdir_p(o->tmp, err);
}

char *report_output_file(struct report_output *o, const char *name,
                         struct fy_error *err)
{
    const char *slash = strrchr(name, '/');

    if (slash) {
        char *dir = fy_xasprintf("%s/%.*s", o->tmp, (int)(slash - name), name);
        fy_status rc = fy_mkdir_p(dir, err);
        free(dir);
        if (rc != FY_OK)
            return NULL;
    }
    o->names = fy_xreallocarray(o->names, o->nnames + 1, sizeof(char *));
    o->names[o->nnames++] = fy_xstrdup(name);
    return fy_xasprintf("%s/%s", o->tmp, name);
}

/* Make folder @p path with its parents, adding to @p made those that
 * were not there (the outermost first), for undo_commit() to remove. */
static fy_status make_folder(const char *path, char ***made, size_t *nmade,
                             struct fy_error *err)
{
    char *p = fy_xstrdup(path);
    size_t first = *nmade;
    struct stat st;

    while (*p && stat(p, &st) != 0 && errno == ENOENT) {
        *made = fy_xreallocarray(*made, *nmade + 1, sizeof(char *));
        (*made)[(*nmade)++] = fy_xstrdup(p);
        char *slash = strrchr(p, '/');
        if (!slash || slash == p)
            break;
        *slash = '\0';
    }
    free(p);
    for (size_t i = first, j = *nmade; i + 1 < j; i++, j--) {
        char *t = (*made)[i];
        (*made)[i] = (*made)[j - 1];
        (*made)[j - 1] = t;
    }
    return fy_mkdir_p(path, err);
}

/* The folder part of @p name under @p root, or NULL when it has none. */
static char *folder_of(const char *root, const char *name)
{
    const char *slash = strrchr(name, '/');

    return slash ? fy_xasprintf("%s/%.*s", root, (int)(slash - name), name)
                 : NULL;
}

/* Undo a commit that failed: remove the files moved into place (the
 * first @p moved), put back the files they replaced (kept in TMP/.old),
 * and remove the folders made for them. Best effort: it runs after a
 * failure and has no better way to report one of its own; a file that
 * cannot be put back stays where it is, and so does TMP. */
static void undo_commit(struct report_output *o, size_t moved,
                        const unsigned char *kept, char **made, size_t nmade)
{
    int stranded = 0;

    for (size_t i = 0; i < o->nnames; i++) {
        char *to = fy_xasprintf("%s/%s", o->dest, o->names[i]);
        if (i < moved)
            unlink(to);
        if (kept[i]) {
            char *old = fy_xasprintf("%s/.old/%s", o->tmp, o->names[i]);
            if (rename(old, to) != 0) {
                int e = errno;
                fprintf(stderr, _("fuyuan: cannot put %s back (it is in "
                                  "%s): %s\n"), to, old, strerror(e));
                stranded = 1;
            }
            free(old);
        }
        free(to);
    }
    while (nmade-- > 0)
        rmdir(made[nmade]);
    if (stranded) { /* report_output_release() must not remove TMP */
        free(o->tmp);
        o->tmp = NULL;
    }
}

/*
 * Two steps, so that a failure in either leaves DEST as it was: first
 * every file of DEST that the run replaces is moved aside into TMP/.old,
 * then every new file is moved into DEST; a failure undoes both. The
 * temporary folder (with the old files) goes in report_output_release().
 */
fy_status report_output_commit(struct report_output *o, struct fy_error *err)
{
    unsigned char *kept = fy_xcalloc(o->nnames ? o->nnames : 1, 1);
    char **made = NULL, *old = fy_xasprintf("%s/.old", o->tmp);
    size_t nmade = 0, moved = 0;
    fy_status rc = make_folder(o->dest, &made, &nmade, err);

    /* every folder first */
    for (size_t i = 0; rc == FY_OK && i < o->nnames; i++) {
        char *dir = folder_of(o->dest, o->names[i]);
        char *dir_old = folder_of(old, o->names[i]);
        rc = make_folder(dir ? dir : o->dest, &made, &nmade, err);
        if (rc == FY_OK)
            rc = fy_mkdir_p(dir_old ? dir_old : old, err);
        free(dir);
        free(dir_old);
    }
    /* the files replaced, aside; then the new ones, into place */
    for (int step = 0; step < 2 && rc == FY_OK; step++) {
        for (size_t i = 0; rc == FY_OK && i < o->nnames; i++) {
            char *from = step ? fy_xasprintf("%s/%s", o->tmp, o->names[i])
                              : fy_xasprintf("%s/%s", o->dest, o->names[i]);
            char *to = step ? fy_xasprintf("%s/%s", o->dest, o->names[i])
                            : fy_xasprintf("%s/%s", old, o->names[i]);
            struct stat st;
            struct fy_loc at = {step ? to : from, 0, 0};
            if (!step && lstat(from, &st) != 0 && errno == ENOENT) {
                free(from);
                free(to);
                continue; /* nothing to replace */
            }
            int bad = rename(from, to) != 0, e = errno;
            if (bad)
                rc = fy_fail(err, FY_E_OUTPUT, &at,
                             step ? _("cannot move the finished file into "
                                      "place: %s")
                                  : _("cannot move the previous file aside: "
                                      "%s"),
                             strerror(e));
            else if (step)
                moved = i + 1;
            else
                kept[i] = 1;
            free(from);
            free(to);
        }
    }
    if (rc != FY_OK)
        undo_commit(o, moved, kept, made, nmade);
    for (size_t i = 0; i < nmade; i++)
        free(made[i]);
    free(made);
    free(kept);
    free(old);
    return rc;
}

void report_output_release(struct report_output *o)
{
    if (o->tmp)
        fy_remove_tree(o->tmp);
    /* the parents this run made, when they are left empty (a failure) */
    if (o->made && o->tmp) {
        char *dir = fy_xstrdup(o->tmp);
        size_t top = strlen(o->made);
        char *slash;
        while ((slash = strrchr(dir, '/')) && (size_t)(slash - dir) >= top) {
            *slash = '\0';
            if (rmdir(dir) != 0)
                break;
        }
        free(dir);
    }
    free(o->made);
    for (size_t i = 0; i < o->nnames; i++)
        free(o->names[i]);
    free(o->names);
    free(o->dest);
    free(o->tmp);
    memset(o, 0, sizeof(*o));
}

/* The SHA-256 of a file; a failure is of class @p code, set here: FY_E_IO
 * for an input, FY_E_OUTPUT for one of our own outputs. @p hex is "" on
 * failure. */
static fy_status sha256_file(const char *path, char hex[65], fy_status code,
                             struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};

    int rc = fy_sha256_file(path, hex);

    if (rc == 0)
        return FY_OK;
    if (rc == -1)
        return fy_fail(err, code, &at, _("cannot read: %s"),
                       strerror(errno));
    return fy_fail(err, code, &at, "%s", _("cannot read the file"));
}

fy_status report_sha256_file(const char *path, char hex[65],
                             struct fy_error *err)
{
    return sha256_file(path, hex, FY_E_IO, err);
}

static void json_str(struct fy_buf *b, const char *s)
{
    fy_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fy_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            fy_buf_printf(b, "\\u%04x", *p);
        else
            fy_buf_putc(b, (char)*p);
    }
    fy_buf_putc(b, '"');
}

/* "settings": every key of the run's profile sections with its effective
 * value and where it came from. */
static void json_settings(struct fy_buf *b, const struct report_settings *s)
{
    static const char *const sections[] = {"report", "notice", "findings"};

    fy_buf_puts(b, ",\n  \"settings\": {\"profile\": ");
    if (s->profile)
        json_str(b, s->profile);
    else
        fy_buf_puts(b, "null");
    for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
        int first = 1;
        fy_buf_printf(b, ",\n    \"%s\": {", sections[i]);
        for (size_t k = 0; k < s->nlist; k++) {
            const struct report_setting *e = &s->list[k];
            if (strcmp(e->section, sections[i]) != 0)
                continue;
            fy_buf_puts(b, first ? "\n      " : ",\n      ");
            first = 0;
            json_str(b, e->key);
            fy_buf_puts(b, ": {\"value\": ");
            if (!e->value)
                fy_buf_puts(b, "null");
            else if (e->number)
                fy_buf_puts(b, e->value);
            else
                json_str(b, e->value);
            fy_buf_puts(b, ", \"from\": ");
            json_str(b, report_from_name(e->from));
            fy_buf_putc(b, '}');
        }
        fy_buf_puts(b, first ? "}" : "\n    }");
    }
    fy_buf_puts(b, "\n  }");
}

fy_status report_manifest_write(struct report_output *o,
                                const struct fy_dataset *ds,
                                const struct report_manifest *m,
                                struct fy_error *err)
{
    static const char *const kinds[] = {"cases", "population", "civil_filings",
                                        "recommendations", "hearings"};
    struct fy_buf b = FY_BUF_INIT;
    char hex[65], a[11], z[11];
    char created[32];
    struct tm tm;
    fy_status rc = FY_OK;

    gmtime_r(&m->created, &tm);
    strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
    fy_date_format(m->period->start, a);
    fy_date_format(m->period->end, z);
    fy_buf_printf(&b, "{\n  \"program\": \"fuyuan\",\n  \"version\": \"%s\",\n",
                  FY_REPORT_VERSION);
    fy_buf_puts(&b, "  \"command\": ");
    json_str(&b, m->command);
    fy_buf_puts(&b, ",\n  \"arguments\": [");
    for (int i = 0; i < m->argc; i++) {
        if (i)
            fy_buf_puts(&b, ", ");
        json_str(&b, m->argv[i]);
    }
    fy_buf_puts(&b, "],\n  \"options\": {\"output\": ");
    json_str(&b, m->output ? m->output : "");
    fy_buf_puts(&b, ", \"courts\": ");
    if (m->ingest && m->ingest->courts_file)
        json_str(&b, m->ingest->courts_file);
    else
        fy_buf_puts(&b, "null");
    fy_buf_puts(&b, ", \"rules\": ");
    if (m->ingest && m->ingest->rules_file)
        json_str(&b, m->ingest->rules_file);
    else
        fy_buf_puts(&b, "null");
    fy_buf_puts(&b, ", \"encoding\": ");
    if (m->ingest && m->ingest->encoding)
        json_str(&b, m->ingest->encoding);
    else
        fy_buf_puts(&b, "\"detect\"");
    fy_buf_printf(&b, ", \"feedback_days\": %d, \"strict\": %s}",
                  m->ingest ? m->ingest->feedback_days : 60,
                  m->strict ? "true" : "false");
    if (m->settings)
        json_settings(&b, m->settings);
    fy_buf_printf(&b, ",\n  \"period\": {\"start\": \"%s\", \"end\": \"%s\"},"
                      "\n  \"as_of\": \"%s\",\n  \"created\": \"%s\",\n"
                      "  \"inputs\": [",
                  a, z, m->as_of, created);
    for (size_t i = 0; i < ds->quality.nfiles && rc == FY_OK; i++) {
        const struct fy_file_info *f = &ds->quality.files[i];
        /* the SHA-256 of the bytes read, taken as they were read: not
         * of what the file holds now (it may have changed since) */
        if (f->sha256[0])
            memcpy(hex, f->sha256, sizeof(hex));
        else if ((rc = sha256_file(f->path, hex, FY_E_IO, err)) != FY_OK)
            break; /* read without opts.sha256: read again, exit 3 */
        fy_buf_puts(&b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        json_str(&b, f->path);
        fy_buf_printf(&b, ", \"sha256\": \"%s\", \"encoding\": ", hex);
        json_str(&b, f->encoding ? f->encoding : "");
        fy_buf_printf(&b, ", \"table\": \"%s\", \"rows_read\": %lu, "
                          "\"rows_used\": %lu, \"rows_rejected\": %lu, "
                          "\"rows_duplicate\": %lu}",
                      f->kind >= 0 ? kinds[f->kind] : "", f->rows_read,
                      f->rows_used, f->rows_rejected, f->rows_duplicate);
    }
    fy_buf_puts(&b, "\n  ],\n  \"outputs\": [");
    for (size_t i = 0; i < o->nnames && rc == FY_OK; i++) {
        char *path = fy_xasprintf("%s/%s", o->tmp, o->names[i]);
        /* one of our own outputs that cannot be read back: exit 4 */
        rc = sha256_file(path, hex, FY_E_OUTPUT, err);
        free(path);
        if (rc != FY_OK)
            break;
        fy_buf_puts(&b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        json_str(&b, o->names[i]);
        fy_buf_printf(&b, ", \"sha256\": \"%s\"}", hex);
    }
    fy_buf_puts(&b, "\n  ]\n}\n");
    if (rc == FY_OK) {
        char *path = report_output_file(o, "manifest.json", err);
        FILE *f = path ? fopen(path, "w") : NULL;
        struct fy_loc at = {path, 0, 0};
        if (!path)
            rc = FY_E_OUTPUT;
        else if (!f || fwrite(b.data, 1, b.len, f) != b.len)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(errno));
        if (f && fclose(f) != 0 && rc == FY_OK)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(errno));
        free(path);
    }
    fy_buf_release(&b);
    return rc;
}
