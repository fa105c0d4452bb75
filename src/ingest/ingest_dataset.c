/* SPDX-License-Identifier: MIT */
/*
 * ingest_dataset.c - the dataset: making it (with the registry and rules
 * of the run, incl. --courts and --rules files), reading files and
 * folders into it, finding each file's header below any title rows, and
 * freeing it.
 */
#include "ingest_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Small configuration tables (--courts, --rules)                      */
/* ------------------------------------------------------------------ */

#define CONF_MAX_COLS 6

struct conf_table {
    const char *names[CONF_MAX_COLS][3];  /* accepted headers per column */
    int required[CONF_MAX_COLS];
    size_t ncols;
    fy_status (*row)(void *target, const char *const *cells,
                     const struct fy_loc *at, struct fy_error *err);
    void *target;
    /* state */
    int have_header;
    int field_of[CONF_MAX_COLS];
    const char *path;
};

static fy_status conf_record(const struct ingest_record *rec, void *ctx,
                             struct fy_error *err)
{
    struct conf_table *t = ctx;
    struct fy_buf cells[CONF_MAX_COLS];
    const char *vals[CONF_MAX_COLS];
    struct fy_buf b = FY_BUF_INIT;
    struct fy_loc at = {rec->path, rec->line, 0};
    fy_status rc = FY_OK;

    if (!t->have_header) {
        for (size_t c = 0; c < t->ncols; c++)
            t->field_of[c] = -1;
        for (size_t i = 0; i < rec->nfields; i++) {
            fy_text_normalize(rec->fields[i], rec->lengths[i], &b);
            for (size_t c = 0; c < t->ncols; c++)
                for (size_t k = 0; k < 3 && t->names[c][k]; k++)
                    if (strcasecmp(fy_buf_str(&b), t->names[c][k]) == 0)
                        t->field_of[c] = (int)i;
        }
        for (size_t c = 0; c < t->ncols; c++) {
            if (t->required[c] && t->field_of[c] < 0) {
                rc = fy_fail(err, FY_E_CONFIG, &at,
                             _("the header has no column %s"),
                             t->names[c][0]);
                break;
            }
        }
        fy_buf_release(&b);
        t->have_header = 1;
        return rc;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        cells[c] = (struct fy_buf)FY_BUF_INIT;
        int f = t->field_of[c];
        fy_text_normalize(f >= 0 && (size_t)f < rec->nfields ? rec->fields[f]
                                                             : "",
                          f >= 0 && (size_t)f < rec->nfields ? rec->lengths[f]
                                                             : 0,
                          &cells[c]);
        vals[c] = fy_buf_str(&cells[c]);
    }
    rc = t->row(t->target, vals, &at, err);
    for (size_t c = 0; c < t->ncols; c++)
        fy_buf_release(&cells[c]);
    fy_buf_release(&b);
    return rc;
}

static fy_status court_row(void *target, const char *const *v,
                           const struct fy_loc *at, struct fy_error *err)
{
    return norm_registry_add(target, v[0], v[1], v[2], v[3], v[4], at, err);
}

static fy_status rule_row(void *target, const char *const *v,
                          const struct fy_loc *at, struct fy_error *err)
{
    return norm_rules_add(target, v[0], v[1], v[2], v[3], at, err);
}

static fy_status load_courts(const char *path, const char *encoding,
                             struct norm_registry **out, struct fy_error *err)
{
    struct conf_table t = {
        .names = {{"法院名称", "name", NULL}, {"法院代字", "code", NULL},
                  {"层级", "level", NULL}, {"所属旗区", "district", NULL},
                  {"简称", "short_forms", NULL}},
        .required = {1, 1, 1, 1, 0},
        .ncols = 5,
        .row = court_row,
        .path = path,
    };
    struct fy_loc at = {path, 0, 0};
    struct norm_registry *reg = norm_registry_new();
    fy_status rc;

    t.target = reg;
    rc = ingest_read_csv(path, encoding, conf_record, &t, NULL, err);
    if (rc == FY_OK)
        rc = norm_registry_finish(reg, &at, err);
    if (rc != FY_OK) {
        norm_registry_free(reg);
        return rc;
    }
    *out = reg;
    return FY_OK;
}

static fy_status load_rules(const char *path, const char *encoding,
                            struct norm_rules *rules, struct fy_error *err)
{
    struct conf_table t = {
        .names = {{"类型", "kind", NULL}, {"模式", "pattern", NULL},
                  {"结果", "result", NULL}, {"计入", "counts_as", NULL}},
        .required = {1, 1, 1, 0},
        .ncols = 4,
        .row = rule_row,
        .target = rules,
        .path = path,
    };
    /* a file that breaks its format is FY_E_CONFIG (exit 3), said where
     * it is found: unusable input, not rejected rows */
    return ingest_read_csv(path, encoding, conf_record, &t, NULL, err);
}

/* ------------------------------------------------------------------ */
/* The dataset                                                         */
/* ------------------------------------------------------------------ */

fy_status fy_dataset_new(struct fy_dataset **out,
                         const struct fy_ingest_opts *opts,
                         struct fy_error *err)
{
    struct fy_dataset *ds = fy_xcalloc(1, sizeof(*ds));
    fy_status rc;

    ds->pool = fy_strpool_new();
    ds->state = ingest_state_new();
    if (opts->courts_file)
        rc = load_courts(opts->courts_file, opts->encoding, &ds->registry,
                         err);
    else
        ds->registry = norm_registry_default(), rc = FY_OK;
    if (rc == FY_OK)
        rc = norm_rules_new(&ds->rules, err);
    if (rc == FY_OK && opts->rules_file)
        rc = load_rules(opts->rules_file, opts->encoding, ds->rules, err);
    if (rc != FY_OK) {
        fy_dataset_free(ds);
        return rc;
    }
    *out = ds;
    return FY_OK;
}

void fy_dataset_free(struct fy_dataset *ds)
{
    if (!ds)
        return;
    struct fy_quality *q = &ds->quality;
    for (size_t i = 0; i < q->nfiles; i++) {
        free(q->files[i].path);
        free(q->files[i].name);
    }
    for (size_t i = 0; i < q->nrejects; i++) {
        free(q->rejects[i].column_name);
        free(q->rejects[i].value);
        free(q->rejects[i].message);
        free(q->rejects[i].doc);
        free(q->rejects[i].record);
    }
    for (size_t i = 0; i < q->nnotices; i++)
        free(q->notices[i].message);
    free(q->files);
    free(q->rejects);
    free(q->notices);
    free(ds->cases);
    free(ds->defendants);
    free(ds->population);
    free(ds->civil);
    free(ds->recs);
    free(ds->hearings);
    ingest_state_free(ds->state);
    norm_rules_free(ds->rules);
    norm_registry_free(ds->registry);
    fy_strpool_free(ds->pool);
    free(ds);
}

/* ------------------------------------------------------------------ */
/* Data files                                                          */
/* ------------------------------------------------------------------ */

/*
 * Could the cell's normalised text be empty? Only when its first byte is
 * one that trimming takes away (space, tab, CR, LF, or the lead byte of
 * NBSP or U+3000); else it certainly is not, which is the common case.
 */
static int may_be_blank(const char *s, size_t n)
{
    unsigned char c = n ? (unsigned char)s[0] : 0;

    return n == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n'
           || c == 0xC2 || c == 0xE3;
}

int ingest_row_is_total(const struct ingest_record *rec, struct fy_buf *b)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *s = rec->fields[i];
        size_t n = rec->lengths[i];
        /* 合 and 总 start with E5 and E6: no other text can be 合计 */
        if (!may_be_blank(s, n) && (unsigned char)s[0] != 0xE5
            && (unsigned char)s[0] != 0xE6)
            return 0;
        fy_text_normalize(s, n, b);
        if (b->len == 0)
            continue;
        return strcmp(b->data, "合计") == 0 || strcmp(b->data, "总计") == 0;
    }
    return 0;
}

int ingest_row_is_empty(const struct ingest_record *rec, struct fy_buf *b)
{
    if (rec->too_large)
        return 0;
    for (size_t i = 0; i < rec->nfields; i++) {
        if (!may_be_blank(rec->fields[i], rec->lengths[i]))
            return 0;
        fy_text_normalize(rec->fields[i], rec->lengths[i], b);
        if (b->len)
            return 0;
    }
    return 1;
}

/* Cut @p b to at most @p max bytes, at a character boundary. */
static void clip_utf8(struct fy_buf *b, size_t max)
{
    size_t n = max;

    if (b->len <= max)
        return;
    while (n > 0 && ((unsigned char)b->data[n] & 0xC0) == 0x80)
        n--;
    b->len = n;
    b->data[n] = '\0';
}

/*
 * The cells of a row for messages, quoted: at most 40 cells of at most 60
 * bytes each, and about @p max bytes in all (error messages have a size).
 */
void ingest_row_text(const struct ingest_record *rec, size_t max,
                     struct fy_buf *out)
{
    struct fy_buf b = FY_BUF_INIT;
    size_t i;

    fy_buf_reset(out);
    for (i = 0; i < rec->nfields && i < 40; i++) {
        fy_text_normalize(rec->fields[i], rec->lengths[i], &b);
        clip_utf8(&b, 60);
        if (i > 0 && out->len + b.len + 4 > max)
            break;
        fy_buf_printf(out, "%s'%s'", i ? ", " : "", fy_buf_str(&b));
    }
    if (i < rec->nfields_read)
        fy_buf_printf(out, ", ... (%zu columns)", rec->nfields_read);
    fy_buf_release(&b);
}

/* The first row as shown in the no-header error (its message is bounded). */
#define FIRST_ROW_MAX 300

static fy_status header_search(struct ingest_file_ctx *fc,
                               const struct ingest_record *rec,
                               struct fy_error *err)
{
    struct fy_file_info *fi = &fc->ds->quality.files[fc->file];
    struct fy_buf unused = FY_BUF_INIT;
    struct ingest_header h;
    enum ingest_header_result res;

    res = ingest_header_match(rec, &h, &unused, err);
    if (res == HEADER_ERROR) {
        fy_buf_release(&unused);
        return FY_E_CSV;
    }
    if (res == HEADER_OK) {
        fc->header = h;
        for (size_t c = 0; c < INGEST_MAX_COLS; c++) {
            if (!h.names[c])
                continue;
            fc->header_copy[c] = fy_xstrdup(h.names[c]);
            fc->header.names[c] = fc->header_copy[c];
        }
        fc->have_header = 1;
        fc->header_width = rec->nfields_read;
        if (fc->reader)
            fc->reader->stop = 1; /* the rows below: read in parts */
        fi->kind = h.kind;
        fi->header_line = rec->line;
        if (unused.len)
            fy_quality_note(&fc->ds->quality, FY_NOTE_UNUSED_COLUMN, fc->file,
                            (uint32_t)rec->line,
                            _("columns no table uses are ignored: %s"),
                            fy_buf_str(&unused));
        fy_buf_release(&unused);
        return FY_OK;
    }
    fy_buf_release(&unused);
    if (fc->rows_tried == 0)
        ingest_row_text(rec, FIRST_ROW_MAX, &fc->first_row);
    if (fc->rows_tried++ == FY_MAX_TITLE_ROWS) {
        struct fy_buf kinds = FY_BUF_INIT;
        struct fy_loc at = {rec->path, fi->header_line, 0};
        ingest_kinds_describe(&kinds);
        fy_fail(err, FY_E_CSV, &at,
                _("no header row in the first %d rows matches a table of the "
                  "data contract.\n  The first row has the columns: %s\n"
                  "  A header needs the columns of one table:%s"),
                FY_MAX_TITLE_ROWS + 1, fy_buf_str(&fc->first_row),
                fy_buf_str(&kinds));
        fy_buf_release(&kinds);
        return FY_E_CSV;
    }
    if (fc->rows_tried == 1)
        fi->header_line = rec->line; /* where the search started */
    fi->title_rows++;
    struct fy_buf text = FY_BUF_INIT;
    ingest_row_text(rec, SIZE_MAX, &text);
    fy_quality_note(&fc->ds->quality, FY_NOTE_TITLE_ROW, fc->file,
                    (uint32_t)rec->line,
                    _("row is not a header, skipped as a title: %s"),
                    fy_buf_str(&text));
    fy_buf_release(&text);
    return FY_OK;
}

static fy_status on_data_record(const struct ingest_record *rec, void *ctx,
                                struct fy_error *err)
{
    struct ingest_file_ctx *fc = ctx;
    struct fy_file_info *fi = &fc->ds->quality.files[fc->file];

    if (ingest_row_is_empty(rec, &fc->scratch))
        return FY_OK;
    if (!fc->have_header)
        return header_search(fc, rec, err);
    fi->rows_read++;
    if (ingest_row_is_total(rec, &fc->scratch)) {
        struct fy_buf text = FY_BUF_INIT;
        fi->rows_skipped++;
        ingest_row_text(rec, SIZE_MAX, &text);
        fy_quality_note(&fc->ds->quality, FY_NOTE_TOTAL_ROW, fc->file,
                        (uint32_t)rec->line, _("total row skipped: %s"),
                        fy_buf_str(&text));
        fy_buf_release(&text);
        return FY_OK;
    }
    ingest_row(fc, rec);
    return FY_OK;
}

void ingest_file_ctx_release(struct ingest_file_ctx *fc)
{
    for (size_t c = 0; c < INGEST_MAX_COLS; c++) {
        free(fc->header_copy[c]);
        fy_buf_release(&fc->cell[c]);
    }
    fy_buf_release(&fc->first_row);
    fy_buf_release(&fc->scratch);
}

unsigned long ingest_cap(const char *test_env, unsigned long cap)
{
    const char *v = getenv(test_env);
    char *end;

    if (!v || !*v)
        return cap;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    /* lowered only: a test needs no million lines to pass a cap */
    return errno == 0 && *end == '\0' && n < cap ? n : cap;
}

/* Read one file: the rows above and the header one by one, the rows
 * below in parts on every core (cases) or in one go (the small tables). */
static fy_status ingest_one(struct fy_dataset *ds, const char *path,
                            const char *name,
                            const struct fy_ingest_opts *opts,
                            struct cases_run *run, struct fy_progress *prog,
                            struct fy_error *err)
{
    struct fy_quality *q = &ds->quality;
    struct ingest_file_ctx fc;
    struct ingest_text t;
    struct ingest_reader r;
    size_t used = 0;
    fy_status rc;
    unsigned long max_lines = ingest_cap("FY_TEST_MAX_LINES", FY_MAX_LINES);

    FY_GROW(q->files, q->nfiles + 1, q->capfiles);
    struct fy_file_info *fi = &q->files[q->nfiles];
    memset(fi, 0, sizeof(*fi));
    fi->path = fy_xstrdup(path);
    if (name) {
        fi->name = fy_xstrdup(name);
    } else {
        const char *slash = strrchr(path, '/');
        fi->name = fy_xstrdup(slash && slash[1] ? slash + 1 : path);
    }
    fi->kind = -1;
    memset(&fc, 0, sizeof(fc));
    fc.ds = ds;
    fc.opts = opts;
    fc.file = (uint32_t)q->nfiles++;
    if (opts->progress && prog) {
        prog->path = path;
        prog->nth = fc.file + 1;
        opts->progress(opts->progress_ctx, prog);
    }
    /* the table of GB18030 is made for a large file that may be one */
    struct stat st;
    const struct ingest_gb18030 *gb = NULL;
    if ((!opts->encoding || strcasecmp(opts->encoding, "gb18030") == 0)
        && stat(path, &st) == 0 && st.st_size >= (1 << 20))
        gb = ingest_cases_gb18030(run);
    rc = ingest_text_open(&t, path, opts->encoding,
                          opts->jobs ? opts->jobs : ingest_default_jobs(), gb,
                          opts->sha256, err);
    if (rc != FY_OK) {
        ingest_file_ctx_release(&fc);
        return rc;
    }
    q->files[fc.file].encoding = t.encoding;
    memcpy(q->files[fc.file].sha256, t.sha256, sizeof(t.sha256));
    ingest_reader_init(&r, q->files[fc.file].path, 1, on_data_record, &fc,
                       err);
    fc.reader = &r;
    rc = ingest_reader_feed_until_stop(&r, t.text, t.size, &used);
    fc.reader = NULL;
    int ends_nl = t.size > 0 && t.text[t.size - 1] == '\n';
    if (rc == FY_OK && r.stop && fc.header.kind == FY_TABLE_CASES) {
        rc = ingest_cases_read(run, &fc, &t, used, r.line, prog, err);
    } else if (rc == FY_OK) {
        r.stop = 0;
        rc = ingest_reader_feed(&r, t.text + used, t.size - used);
        if (rc == FY_OK)
            rc = ingest_reader_finish(&r, ends_nl);
        fc.lines = r.line - 1;
    }
    if (rc == FY_OK && fc.lines + !ends_nl > max_lines) {
        struct fy_loc at = {path, max_lines + 1, 0};
        rc = fy_fail(err, FY_E_CSV, &at,
                     _("the file has more than %lu lines (a cap of fuyuan, "
                       "FY_MAX_LINES); split the export"), max_lines);
    }
    ingest_reader_release(&r);
    if (prog) {
        prog->bytes_done += t.map_size;
        prog->rows = ingest_rows_read(ds);
    }
    ingest_text_close(&t);
    if (rc == FY_OK && !fc.have_header) {
        struct fy_loc at = {path, q->files[fc.file].header_line, 0};
        struct fy_buf kinds = FY_BUF_INIT;
        ingest_kinds_describe(&kinds);
        if (fc.rows_tried == 0)
            rc = fy_fail(err, FY_E_CSV, &at, "%s",
                         _("the file has no rows; export the table again"));
        else
            rc = fy_fail(err, FY_E_CSV, &at,
                         _("no row matches a table of the data contract.\n"
                           "  The first row has the columns: %s\n"
                           "  A header needs the columns of one table:%s"),
                         fy_buf_str(&fc.first_row), fy_buf_str(&kinds));
        fy_buf_release(&kinds);
    }
    ingest_file_ctx_release(&fc);
    return rc;
}

fy_status fy_ingest_file(struct fy_dataset *ds, const char *path,
                         const struct fy_ingest_opts *opts,
                         struct fy_error *err)
{
    struct cases_run *run = ingest_cases_new(ds, opts->jobs);
    struct fy_progress prog;
    memset(&prog, 0, sizeof(prog));
    prog.nfiles = 1;
    fy_status rc = ingest_one(ds, path, NULL, opts, run, &prog, err);

    ingest_cases_free(run);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_csv_suffix(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

uint64_t ingest_rows_read(const struct fy_dataset *ds)
{
    uint64_t n = 0;

    for (size_t i = 0; i < ds->quality.nfiles; i++)
        n += ds->quality.files[i].rows_read;
    return n;
}

/* Does the file begin with rejects.csv's header (one we wrote)? */
static int is_our_rejects(const char *path)
{
    struct fy_error ignored;
    struct stat st;
    char head[sizeof(INGEST_REJECTS_HEADER)];
    size_t want = sizeof(INGEST_REJECTS_HEADER) - 1, got = 0;
    int fd = fy_input_open(path, &st, &ignored);

    if (fd < 0)
        return 0; /* not regular: reading it says so */
    while (got < want) {
        ssize_t k = read(fd, head + got, want - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    return got == want && memcmp(head, INGEST_REJECTS_HEADER, want) == 0;
}

/* The files listed under "outputs" in the manifest.json of folder
 * @p dir, if it has one that fuyuan wrote (the caller frees). */
static char **manifest_outputs(const char *dir, size_t *count)
{
    char *path = fy_xasprintf("%s/manifest.json", dir);
    struct fy_error ignored;
    struct stat st;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int fd = fy_input_open(path, &st, &ignored);

    *count = 0;
    free(path);
    if (fd < 0)
        return NULL;
    if (st.st_size <= 0 || st.st_size > (1 << 20)) {
        close(fd);
        return NULL;
    }
    char *text = fy_xmalloc((size_t)st.st_size + 1);
    fy_status rc = fy_input_read(fd, "manifest.json", &st, text, 1,
                                 &ignored);
    close(fd);
    text[rc == FY_OK ? (size_t)st.st_size : 0] = '\0';
    const char *p = strstr(text, "\"outputs\": [");
    static const char key[] = "{\"file\": \"";
    while (p && (p = strstr(p, key))) {
        struct fy_buf b = FY_BUF_INIT;
        for (p += sizeof(key) - 1; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1])
                p++; /* \" and \\ (our names have nothing else) */
            fy_buf_putc(&b, *p);
        }
        FY_GROW(names, n + 1, cap);
        names[n++] = fy_buf_detach(&b);
    }
    free(text);
    *count = n;
    return names;
}

/* Why a *.csv file of a folder is not read (NULL: it is read): a lock
 * file of Excel or LibreOffice, or one of fuyuan's own outputs. */
static const char *not_data(const char *name, const char *path,
                            char *const *outputs, size_t noutputs)
{
    if (strncmp(name, "~$", 2) == 0)
        return _("the lock file of a workbook open in Excel or WPS; close "
                 "it there so that what was last saved is what is read");
    if (strncmp(name, ".~lock.", 7) == 0)
        return _("the lock file of a file open in LibreOffice; close it "
                 "there so that what was last saved is what is read");
    for (size_t i = 0; i < noutputs; i++)
        if (strcmp(outputs[i], name) == 0)
            return _("an output of fuyuan (listed in the folder's "
                     "manifest.json), never read as input");
    if (is_our_rejects(path))
        return _("the rejects.csv of an earlier run (its header), never "
                 "read as input");
    return NULL;
}

/* The *.csv files of a folder, in name order (the caller frees); the
 * files that are not data are left out with a note. */
static fy_status dir_files(const char *path, struct fy_quality *q,
                           char ***out, size_t *count, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    DIR *d = opendir(path);
    char **names = NULL;
    size_t n = 0, cap = 0, noutputs = 0;
    struct dirent *e;
    const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";

    if (!d)
        return fy_fail(err, FY_E_IO, &at, _("cannot open folder: %s"),
                       strerror(errno));
    char **outputs = manifest_outputs(path, &noutputs);
    while ((e = readdir(d))) {
        /* LibreOffice's lock of x.csv is .~lock.x.csv# */
        size_t len = strlen(e->d_name);
        int lo_lock = strncmp(e->d_name, ".~lock.", 7) == 0 && len > 12
                      && e->d_name[len - 1] == '#'
                      && strncasecmp(e->d_name + len - 5, ".csv", 4) == 0;
        if (!has_csv_suffix(e->d_name) && !lo_lock)
            continue;
        char *file = fy_xasprintf("%s%s%s", path, sep, e->d_name);
        const char *why = not_data(e->d_name, file, outputs, noutputs);
        if (why) {
            fy_quality_note(q, FY_NOTE_FILE_SKIPPED, UINT32_MAX, 0,
                            _("%s: not read: %s"), file, why);
            free(file);
            continue;
        }
        FY_GROW(names, n + 1, cap);
        names[n++] = file;
    }
    closedir(d);
    for (size_t i = 0; i < noutputs; i++)
        free(outputs[i]);
    free(outputs);
    if (n == 0)
        return fy_fail(err, FY_E_IO, &at, "%s",
                       _("the folder holds no .csv file"));
    qsort(names, n, sizeof(*names), cmp_names);
    *out = names;
    *count = n;
    return FY_OK;
}

fy_status fy_ingest_paths(struct fy_dataset *ds, const char *const *paths,
                          size_t npaths, const struct fy_ingest_opts *opts,
                          struct fy_error *err)
{
    char **files = NULL;
    size_t nfiles = 0, cap = 0;
    fy_status rc = FY_OK, later = FY_OK;
    struct fy_error later_err;
    struct fy_progress prog;
    unsigned long max_files = ingest_cap("FY_TEST_MAX_FILES", FY_MAX_FILES);

    /* every file first, so that the progress line knows the total; a
     * path that cannot be opened is an error once the files named before
     * it are read, as when each path was opened in turn */
    memset(&prog, 0, sizeof(prog));
    memset(&later_err, 0, sizeof(later_err));
    for (size_t i = 0; i < npaths && later == FY_OK; i++) {
        struct stat st;
        struct fy_loc at = {paths[i], 0, 0};
        char **names = NULL;
        size_t n = 0;
        if (stat(paths[i], &st) != 0) {
            later = fy_fail(&later_err, FY_E_IO, &at, _("cannot open: %s"),
                            strerror(errno));
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            later = dir_files(paths[i], &ds->quality, &names, &n, &later_err);
        } else {
            names = fy_xcalloc(1, sizeof(*names));
            names[0] = fy_xstrdup(paths[i]);
            n = 1;
        }
        for (size_t k = 0; k < n; k++) {
            if (nfiles == max_files && rc == FY_OK)
                rc = fy_fail(err, FY_E_IO, &at,
                             _("more than %lu data files (a cap of fuyuan, "
                               "FY_MAX_FILES); read them in several runs"),
                             max_files);
            if (rc != FY_OK) {
                free(names[k]);
                continue;
            }
            FY_GROW(files, nfiles + 1, cap);
            files[nfiles++] = names[k];
            if (stat(names[k], &st) == 0)
                prog.bytes_total += (uint64_t)st.st_size;
        }
        free(names);
        if (rc != FY_OK)
            break;
    }

    struct cases_run *run = ingest_cases_new(ds, opts->jobs);
    ds->jobs = opts->jobs ? opts->jobs : ingest_default_jobs();
    prog.nfiles = nfiles;
    /* documents name the files without the machine's folders */
    char **names = fy_path_names((const char *const *)files, nfiles);
    for (size_t i = 0; i < nfiles && rc == FY_OK; i++) /* none past the cap */
        rc = ingest_one(ds, files[i], names[i], opts, run, &prog, err);
    ingest_cases_free(run);
    if (rc == FY_OK && later != FY_OK) {
        *err = later_err;
        if (later_err.where.file == later_err.file)
            err->where.file = err->file;
        rc = later;
    }
    for (size_t i = 0; i < nfiles; i++) {
        free(files[i]);
        free(names[i]);
    }
    free(files);
    free(names);
    return rc;
}
