/* SPDX-License-Identifier: MIT */
/*
 * ingest_typical.c - the typical-cases file (典型案例, the white paper's
 * 附录一; docs/typical-cases.md): a CSV read by the same reader as the
 * data (encodings, libcsv, line numbers), one case a row, with columns
 * 案号, 标题, 基本案情, 裁判结果 and 典型意义 (or their aliases). Long
 * texts keep their line breaks (quoted fields); each 案号 is normalised
 * as the cases table's and looked up in the data: one the data lacks is
 * a warning naming the line, not an error.
 */
#include "ingest_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_CASE_NO, T_TITLE, T_FACTS, T_RULING, T_SIGNIFICANCE, T_NCOLS };

static const struct ingest_column typical_cols[T_NCOLS] = {
    [T_CASE_NO] = {"案号", "case_no", {"案件编号", "案件号"}, COL_REQUIRED},
    [T_TITLE] = {"标题", "title", {"案例标题", "题目", "案例名称", "案件名称"},
                 COL_REQUIRED},
    [T_FACTS] = {"基本案情", "facts", {"案情", "基本情况", "案情简介",
                                       "案情摘要"}, COL_REQUIRED},
    [T_RULING] = {"裁判结果", "ruling", {"处理结果", "裁判情况", "判决结果",
                                         "审理结果"}, COL_REQUIRED},
    [T_SIGNIFICANCE] = {"典型意义", "significance",
                        {"裁判要旨", "案例意义", "评析", "案例评析"},
                        COL_REQUIRED},
};

struct typical_ctx {
    struct fy_typical_cases *out;
    const struct fy_dataset *ds;
    struct norm_caseno_parser *caseno;
    int have_header;
    int rows_tried;
    int field_of[T_NCOLS];
    struct fy_buf scratch;
};

static int names_column(const struct ingest_column *c, const char *name)
{
    if (strcmp(name, c->canonical) == 0 || strcasecmp(name, c->key) == 0)
        return 1;
    for (size_t i = 0; i < 6 && c->aliases[i]; i++)
        if (strcmp(name, c->aliases[i]) == 0)
            return 1;
    return 0;
}

/* The length of a blank character at @p s (ASCII space, tab, CR, LF,
 * NBSP, U+3000), 0 when it is not one. */
static size_t blank_at(const char *s, size_t n)
{
    if (n >= 1 && strchr(" \t\r\n", s[0]) && s[0])
        return 1;
    if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* The last character of the first @p n bytes is blank: its length. */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && s[n - 1] && strchr(" \t\r\n", s[n - 1]))
        return 1;
    if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
        return 2;
    if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/*
 * A text cell as the appendix prints it (owned): CR LF and CR become LF,
 * blanks at both ends go; with @p one_line the line breaks are dropped
 * (a title written on two lines is one title).
 */
static char *clean_text(const char *s, size_t n, int one_line)
{
    struct fy_buf b = FY_BUF_INIT;
    size_t k;

    while (n && (k = blank_at(s, n)) > 0) {
        s += k;
        n -= k;
    }
    while (n && (k = blank_before(s, n)) > 0)
        n -= k;
    fy_buf_append(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r') {
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
            c = '\n';
        }
        if (c == '\n' && one_line)
            continue;
        fy_buf_putc(&b, c);
    }
    return fy_buf_detach(&b);
}

static void warn(struct fy_typical_cases *t, unsigned long line,
                 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn(struct fy_typical_cases *t, unsigned long line,
                 const char *fmt, ...)
{
    struct fy_buf b = FY_BUF_INIT;
    va_list ap;

    fy_buf_printf(&b, "%s:%lu: ", t->path, line);
    va_start(ap, fmt);
    fy_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    FY_GROW(t->warnings, t->nwarnings + 1, t->capwarnings);
    t->warnings[t->nwarnings++] = fy_buf_detach(&b);
}

/* Is @p canonical the 案号 of a case of the data? */
static int in_data(const struct fy_dataset *ds, const char *canonical)
{
    uint32_t id = fy_strpool_find(ds->pool, canonical, strlen(canonical));

    if (id == FY_STR_NONE)
        return 0;
    for (size_t i = 0; i < ds->ncases; i++)
        if (ds->cases[i].case_no == id)
            return 1;
    return 0;
}

/* Try @p rec as the header: HEADER_NONE when it names none of the
 * columns (a title row above it), HEADER_ERROR when it lacks some. */
static enum ingest_header_result header(struct typical_ctx *c,
                                        const struct ingest_record *rec,
                                        struct fy_error *err)
{
    struct fy_loc at = {rec->path, 0, 0};
    int found = 0;

    for (int k = 0; k < T_NCOLS; k++)
        c->field_of[k] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        fy_text_normalize(rec->fields[i], rec->lengths[i], &c->scratch);
        for (int k = 0; k < T_NCOLS; k++) {
            if (!names_column(&typical_cols[k], fy_buf_str(&c->scratch)))
                continue;
            if (c->field_of[k] < 0) {
                c->field_of[k] = (int)i;
                found++;
            }
            break;
        }
    }
    if (!found)
        return HEADER_NONE;
    struct fy_buf missing = FY_BUF_INIT;
    for (int k = 0; k < T_NCOLS; k++) {
        if (c->field_of[k] >= 0)
            continue;
        const struct ingest_column *col = &typical_cols[k];
        fy_buf_printf(&missing, "%s%s (", missing.len ? "; " : "",
                      col->canonical);
        for (size_t i = 0; i < 6 && col->aliases[i]; i++)
            fy_buf_printf(&missing, "%s/", col->aliases[i]);
        fy_buf_printf(&missing, "%s)", col->key);
    }
    if (missing.len) {
        at.line = rec->line;
        fy_fail(err, FY_E_CSV, &at,
                _("the typical-cases file has no column %s; it needs 案号, "
                  "标题, 基本案情, 裁判结果 and 典型意义"),
                fy_buf_str(&missing));
        fy_buf_release(&missing);
        return HEADER_ERROR;
    }
    fy_buf_release(&missing);
    return HEADER_OK;
}

static const char *field(const struct ingest_record *rec, int f, size_t *n)
{
    if (f < 0 || (size_t)f >= rec->nfields) {
        *n = 0;
        return "";
    }
    *n = rec->lengths[f];
    return rec->fields[f];
}

static fy_status on_record(const struct ingest_record *rec, void *arg,
                           struct fy_error *err)
{
    struct typical_ctx *c = arg;
    struct fy_typical_cases *t = c->out;

    if (!c->have_header) {
        switch (header(c, rec, err)) {
        case HEADER_OK:
            c->have_header = 1;
            return FY_OK;
        case HEADER_ERROR:
            return FY_E_CSV;
        case HEADER_NONE:
            break;
        }
        if (++c->rows_tried > FY_MAX_TITLE_ROWS) {
            struct fy_loc at = {rec->path, 0, 0};
            return fy_fail(err, FY_E_CSV, &at, "%s",
                           _("no header row with the columns of a "
                             "typical-cases file (案号, 标题, 基本案情, "
                             "裁判结果, 典型意义)"));
        }
        return FY_OK;
    }
    if (rec->too_large) {
        struct fy_loc at = {rec->path, rec->line, 0};
        return fy_fail(err, FY_E_CSV, &at, "%s",
                       _("a typical case larger than the limit of a record"));
    }
    FY_GROW(t->cases, t->ncases + 1, t->capcases);
    struct fy_typical_case *tc = &t->cases[t->ncases++];
    size_t n;
    const char *s;
    memset(tc, 0, sizeof(*tc));
    tc->line = (uint32_t)rec->line;
    s = field(rec, c->field_of[T_TITLE], &n);
    tc->title = clean_text(s, n, 1);
    s = field(rec, c->field_of[T_FACTS], &n);
    tc->facts = clean_text(s, n, 0);
    s = field(rec, c->field_of[T_RULING], &n);
    tc->ruling = clean_text(s, n, 0);
    s = field(rec, c->field_of[T_SIGNIFICANCE], &n);
    tc->significance = clean_text(s, n, 0);

    s = field(rec, c->field_of[T_CASE_NO], &n);
    fy_text_normalize(s, n, &c->scratch);
    const char *written = fy_buf_str(&c->scratch);
    struct norm_caseno no;
    enum norm_caseno_result st = *written ? norm_caseno_parse(c->caseno,
                                                              written, &no)
                                          : NORM_CASENO_EMPTY;
    if (st == NORM_CASENO_LIMIT) /* an error, as in the cases files */
        return ingest_caseno_limit(err, rec->path, rec->line,
                                   c->field_of[T_CASE_NO], written,
                                   no.canonical);
    if (!*written) {
        tc->case_no = fy_xstrdup("");
        warn(t, rec->line, _("typical case '%s' has no 案号"), tc->title);
    } else if (st == NORM_CASENO_OK) {
        tc->case_no = fy_xstrdup(no.canonical);
        tc->in_data = in_data(c->ds, no.canonical);
        if (!tc->in_data)
            warn(t, rec->line, _("案号 %s is not a case of the data; the "
                                 "typical case is printed as given"),
                 no.canonical);
    } else {
        tc->case_no = clean_text(s, n, 1);
        warn(t, rec->line, _("案号 '%s' is not a case number of the data; "
                             "the typical case is printed as given"),
             tc->case_no);
    }
    if (!*tc->title)
        warn(t, rec->line, "%s", _("a typical case without 标题; its 案号 "
                                   "is its heading"));
    return FY_OK;
}

fy_status fy_typical_read(struct fy_typical_cases *out, const char *path,
                          const char *encoding, const struct fy_dataset *ds,
                          struct fy_error *err)
{
    struct typical_ctx c;
    fy_status rc;

    memset(out, 0, sizeof(*out));
    memset(&c, 0, sizeof(c));
    out->path = fy_xstrdup(path);
    c.out = out;
    c.ds = ds;
    FY_TRY(norm_caseno_parser_new(&c.caseno, err));
    rc = ingest_read_csv(path, encoding, on_record, &c, &out->encoding, err);
    if (rc == FY_OK && !c.have_header) {
        struct fy_loc at = {path, 0, 0};
        rc = fy_fail(err, FY_E_CSV, &at, "%s",
                     _("no header row with the columns of a typical-cases "
                       "file (案号, 标题, 基本案情, 裁判结果, 典型意义)"));
    }
    norm_caseno_parser_free(c.caseno);
    fy_buf_release(&c.scratch);
    return rc;
}

void fy_typical_release(struct fy_typical_cases *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncases; i++) {
        free(t->cases[i].case_no);
        free(t->cases[i].title);
        free(t->cases[i].facts);
        free(t->cases[i].ruling);
        free(t->cases[i].significance);
    }
    free(t->cases);
    for (size_t i = 0; i < t->nwarnings; i++)
        free(t->warnings[i]);
    free(t->warnings);
    free(t->path);
    memset(t, 0, sizeof(*t));
}
