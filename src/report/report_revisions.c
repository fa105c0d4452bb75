/* SPDX-License-Identifier: MIT */
/*
 * report_revisions.c - figures.json, every figure of a report's tables
 * keyed by table, row and column with a short summary of each case, and
 * the comparison of a run with an earlier one (--previous DIR): which
 * figures changed, and what explains it when the case summaries tell
 * (cases added, removed, rejected, corrected). docs/revisions.md.
 */
#include "fuyuan/book.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIGURES_FORMAT 2

/* The fields of a case summary: JSON key and the name in 说明. */
enum { CF_COURT, CF_DISTRICT, CF_DEFENDANTS, CF_CASE_TYPE, CF_DOMAIN,
       CF_ACTION_TYPE, CF_DISPOSITION, CF_CAUSES, CF_FILED, CF_CLOSED,
       CF_N };
static const char *const cf_key[CF_N] = {
    "court", "district", "defendants", "case_type", "domain", "action_type",
    "disposition", "loss_causes", "filed_on", "closed_on"};
static const char *const cf_name[CF_N] = {
    "法院", "旗区", "被告", "案件类型", "管理领域", "行政行为种类",
    "结案方式", "败诉原因", "立案日期", "结案日期"};

static const char *const kind_names[] = {
    [RC_TEXT] = "text", [RC_COUNT] = "count", [RC_RATE] = "rate",
    [RC_PER10K] = "per10k", [RC_CHANGE_REL] = "change_rel",
    [RC_CHANGE_PP] = "change_pp", [RC_CHANGE_DIFF] = "change_diff",
    [RC_INT] = "int", [RC_DATE] = "date"};
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

/* The members of a figure, in the order figures.json writes them. */
enum { FC_TABLE, FC_ROW, FC_COLUMN, FC_KIND, FC_VALUE, FC_TEXT, NFIG_COLS };
static const char *const fig_cols[NFIG_COLS] = {"table", "row", "column",
                                                "kind", "value", "text"};

struct fig {
    char *table, *sheet, *row, *col, *text;
    int kind;
    int defined;
    double v;
    size_t order;     /* position in its set */
};

/* A case summary: strings borrowed from its set's pool (or, for a run's
 * own cases, the dataset's), so a case costs no allocation of its own. */
struct csum {
    const char *no, *file;
    const char *f[CF_N];
};

struct rej {
    char *at, *file, *record;
};

struct figset {
    struct fig *f;
    size_t n;
    struct csum *c;
    size_t nc;
    struct rej *r;
    size_t nr;
    char *command, *start, *end, *created;
    struct fy_strpool *pool;   /* the case summaries' strings */
};

static void figset_release(struct figset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->f[i].table);
        free(s->f[i].sheet);
        free(s->f[i].row);
        free(s->f[i].col);
        free(s->f[i].text);
    }
    for (size_t i = 0; i < s->nr; i++) {
        free(s->r[i].at);
        free(s->r[i].file);
        free(s->r[i].record);
    }
    free(s->f);
    free(s->c);
    free(s->r);
    free(s->command);
    free(s->start);
    free(s->end);
    free(s->created);
    if (s->pool)
        fy_strpool_free(s->pool);
    memset(s, 0, sizeof(*s));
}

/* ---- the figures of a book ------------------------------------------- */

/* A column that names the row rather than holding a figure. */
static int is_key_col(const struct report_table *t, size_t c, int by_case)
{
    const struct report_colkey *k = &t->cols[c].key;

    if (k->role == COL_LABEL)
        return 1;
    if (k->role != COL_FIELD)
        return 0;
    if (by_case)
        return k->field == FLD_CASE_NO || k->field == FLD_REC_NO;
    return k->field == FLD_NAME || k->field == FLD_YEAR
           || k->field == FLD_CAUSE || k->field == FLD_DISTRICT
           || k->field == FLD_COURT || k->field == FLD_DEFENDANT
           || k->field == FLD_RECIPIENT || k->field == FLD_REC_KIND;
}

static void add_table(struct figset *s, const struct report_table *t)
{
    struct fy_buf key = FY_BUF_INIT, cell = FY_BUF_INIT;
    int by_case = 0;
    char **keys = fy_xcalloc(t->nrows ? t->nrows : 1, sizeof(char *));

    for (size_t c = 0; c < t->ncols; c++)
        by_case |= t->cols[c].key.role == COL_FIELD
                   && (t->cols[c].key.field == FLD_CASE_NO
                       || t->cols[c].key.field == FLD_REC_NO);
    for (size_t r = 0; r < t->nrows; r++) {
        fy_buf_reset(&key);
        if (t->has_total && r == t->nrows - 1) {
            fy_buf_puts(&key, "合计");
        } else {
            for (size_t c = 0; c < t->ncols; c++) {
                if (!is_key_col(t, c, by_case))
                    continue;
                report_fmt_cell(&t->cells[r * t->ncols + c], t->cols[c].kind,
                                &cell);
                if (key.len)
                    fy_buf_puts(&key, "／");
                fy_buf_puts(&key, fy_buf_str(&cell));
            }
            if (!key.len)
                fy_buf_printf(&key, "第%zu行", r + 1);
        }
        /* the same key twice: the later ones numbered */
        size_t same = 0;
        for (size_t q = 0; q < r; q++)
            same += strcmp(keys[q], fy_buf_str(&key)) == 0;
        keys[r] = fy_xstrdup(fy_buf_str(&key));
        char *row = same ? fy_xasprintf("%s（%zu）", keys[r], same + 1)
                         : fy_xstrdup(keys[r]);
        for (size_t c = 0; c < t->ncols; c++) {
            if (r != t->nrows - 1 || !t->has_total) {
                if (is_key_col(t, c, by_case))
                    continue;
            } else if (c == 0 && t->cols[c].kind == RC_TEXT) {
                continue;
            }
            const struct report_value *v = &t->cells[r * t->ncols + c];
            report_fmt_cell(v, t->cols[c].kind, &cell);
            s->f = fy_xreallocarray(s->f, s->n + 1, sizeof(*s->f));
            struct fig *f = &s->f[s->n];
            f->table = fy_xstrdup(report_table_id_name(t->id));
            f->sheet = fy_xstrdup(t->sheet);
            f->row = fy_xstrdup(row);
            f->col = fy_xstrdup(t->cols[c].header);
            f->text = fy_xstrdup(fy_buf_str(&cell));
            f->kind = (int)t->cols[c].kind;
            f->defined = t->cols[c].kind == RC_TEXT ? v->text != NULL
                                                    : v->defined;
            f->v = v->v;
            f->order = s->n++;
        }
        free(row);
    }
    for (size_t r = 0; r < t->nrows; r++)
        free(keys[r]);
    free(keys);
    fy_buf_release(&key);
    fy_buf_release(&cell);
}

/* ---- the case summaries ----------------------------------------------- */

/* Reused buffers for the text of a case's fields. */
struct case_text {
    struct fy_buf defendants, causes;
    char filed[11], closed[11];
};

static const char *pool_str(const struct fy_dataset *ds, uint32_t id)
{
    return id == FY_STR_NONE ? "" : fy_strpool_get(ds->pool, id);
}

static const char *day_str(int32_t d, char s[11])
{
    if (d == FY_NO_DATE)
        return "";
    fy_date_format(d, s);
    return s;
}

/* The fields of case @p k into @p f, borrowed from the dataset, the
 * registry and @p t (valid until the next call with @p t); returns the
 * name of its file. Nothing is allocated once @p t's buffers are grown. */
static const char *case_fields(const struct fy_dataset *ds,
                               const struct fy_case *k, struct case_text *t,
                               const char *f[CF_N])
{
    size_t ntypes;
    const struct norm_case_type *types = norm_case_types(&ntypes);
    const struct fy_file_info *file = &ds->quality.files[k->file];
    const char *district = norm_registry_district(ds->registry, k->district);

    f[CF_COURT] = norm_registry_court(ds->registry, k->court)->name;
    f[CF_DISTRICT] = district ? district : "";
    fy_buf_reset(&t->defendants);
    for (size_t d = 0; d < k->ndefendants; d++) {
        uint32_t id = ds->defendants[k->defendants + d];
        if (d)
            fy_buf_puts(&t->defendants, "、");
        fy_buf_puts(&t->defendants, fy_strpool_get(ds->pool, id));
    }
    f[CF_DEFENDANTS] = fy_buf_str(&t->defendants);
    f[CF_CASE_TYPE] = k->case_type < ntypes ? types[k->case_type].name : "";
    f[CF_DOMAIN] = pool_str(ds, k->domain);
    f[CF_ACTION_TYPE] = pool_str(ds, k->action_type);
    f[CF_DISPOSITION] =
        k->disposition == NORM_DISP_NONE
            ? "" : norm_rules_category(ds->rules, k->disposition);
    fy_buf_reset(&t->causes);
    for (unsigned i = 0; i < 16; i++) {
        if (!(k->loss_causes >> i & 1))
            continue;
        if (t->causes.len)
            fy_buf_puts(&t->causes, "、");
        fy_buf_puts(&t->causes, norm_cause_name(i));
    }
    f[CF_CAUSES] = fy_buf_str(&t->causes);
    f[CF_FILED] = day_str(k->filed_on, t->filed);
    f[CF_CLOSED] = day_str(k->closed_on, t->closed);
    return file->name ? file->name : file->path;
}

static void case_text_release(struct case_text *t)
{
    fy_buf_release(&t->defendants);
    fy_buf_release(&t->causes);
}

/* @p n bytes of @p s, kept in @p p (borrowed, valid until it is freed). */
static const char *keepn(struct fy_strpool *p, const char *s, size_t n)
{
    return fy_strpool_get(p, fy_strpool_intern(p, s, n));
}

static const char *keep(struct fy_strpool *p, const char *s)
{
    return keepn(p, s, strlen(s));
}

/* The summaries of this run's cases, for the comparison. */
static void add_cases(struct figset *s, const struct fy_dataset *ds)
{
    struct case_text t = {FY_BUF_INIT, FY_BUF_INIT, "", ""};
    const char *f[CF_N];

    s->pool = fy_strpool_new();
    s->c = fy_xcalloc(ds->ncases ? ds->ncases : 1, sizeof(*s->c));
    for (size_t i = 0; i < ds->ncases; i++) {
        const struct fy_case *k = &ds->cases[i];
        struct csum *c = &s->c[s->nc++];
        c->file = case_fields(ds, k, &t, f);
        c->no = pool_str(ds, k->case_no);
        /* the dataset's and the registry's strings outlive the set; the
         * texts made in t's buffers are kept */
        for (size_t j = 0; j < CF_N; j++)
            c->f[j] = j == CF_DEFENDANTS || j == CF_CAUSES || j == CF_FILED
                              || j == CF_CLOSED
                          ? keep(s->pool, f[j]) : f[j];
    }
    case_text_release(&t);
    const struct fy_quality *q = &ds->quality;
    for (size_t i = 0; i < q->nrejects; i++) {
        const struct fy_reject *r = &q->rejects[i];
        const struct fy_file_info *file = &q->files[r->file];
        if (file->kind != FY_TABLE_CASES)
            continue;
        s->r = fy_xreallocarray(s->r, s->nr + 1, sizeof(*s->r));
        struct rej *e = &s->r[s->nr++];
        e->file = fy_xstrdup(file->name ? file->name : file->path);
        e->at = fy_xasprintf("%s:%lu", e->file, (unsigned long)r->line);
        e->record = fy_xstrdup(r->record ? r->record : "");
    }
}

/* The figures of @p book (and, with @p ds, the case summaries). */
static void figset_of(struct figset *s, const struct report_book *book,
                      const struct fy_dataset *ds, const char *command,
                      const struct stats_period *p)
{
    char a[11], z[11];

    memset(s, 0, sizeof(*s));
    for (size_t i = 0; i < book->ntables; i++)
        add_table(s, &book->tables[i]);
    if (ds)
        add_cases(s, ds);
    fy_date_format(p->start, a);
    fy_date_format(p->end, z);
    s->command = fy_xstrdup(command);
    s->start = fy_xstrdup(a);
    s->end = fy_xstrdup(z);
}

/* ---- figures.json ----------------------------------------------------- */

static json_t *jstr(const char *s)
{
    return json_string(s ? s : "");
}

/* figures.json as it is written: the text gathered in @p b and written
 * (and hashed) a mebibyte at a time, never the whole file in memory. */
struct jout {
    FILE *fp;
    struct fy_buf b;
    struct fy_sha256 sha;
    json_t *str;          /* reused to escape each string (jansson) */
    struct fy_buf fixed;  /* a text that is not UTF-8, made UTF-8 */
    char *tmp;            /* json_dumpb's output */
    size_t tmpcap;
    int error;            /* errno of the first failed write; 0 */
};

static void jout_flush(struct jout *o)
{
    if (o->b.len && !o->error) {
        errno = 0;
        if (fwrite(o->b.data, 1, o->b.len, o->fp) != o->b.len)
            o->error = errno ? errno : EIO;
        fy_sha256_update(&o->sha, o->b.data, o->b.len);
    }
    fy_buf_reset(&o->b);
}

static void jout_line_done(struct jout *o)
{
    if (o->b.len >= (size_t)1 << 20)
        jout_flush(o);
}

/* @p s as a JSON string, escaped by jansson (quotes, backslashes, control
 * characters). A text that is not UTF-8, which the inputs (checked or
 * decoded when read) cannot give, has each bad byte written as U+FFFD;
 * jansson out of memory is a failed write (ENOMEM). */
static void put_str(struct jout *o, const char *s)
{
    int bad = json_string_set(o->str, s) != 0;
    size_t n;

    if (bad && fy_utf8_valid(s, strlen(s))) {
        if (!o->error)
            o->error = ENOMEM;
        json_string_set(o->str, "");
    } else if (bad) {
        size_t len = strlen(s), used;
        uint32_t cp;
        fy_buf_reset(&o->fixed);
        for (size_t i = 0; i < len; i += used) {
            used = fy_utf8_decode(s + i, len - i, &cp);
            if (used && json_string_setn(o->str, s + i, used) == 0) {
                fy_buf_append(&o->fixed, s + i, used);
            } else {
                fy_utf8_put(&o->fixed, 0xFFFD);
                used = 1;
            }
        }
        if (json_string_set(o->str, fy_buf_str(&o->fixed)) != 0)
            json_string_set(o->str, "");
    }
    while ((n = json_dumpb(o->str, o->tmp, o->tmpcap, JSON_ENCODE_ANY))
           > o->tmpcap) {
        o->tmpcap = n;
        o->tmp = fy_xrealloc(o->tmp, o->tmpcap);
    }
    fy_buf_append(&o->b, o->tmp, n);
}

static void put_uint(struct fy_buf *b, unsigned long v)
{
    char d[24];
    size_t i = sizeof(d);

    do
        d[--i] = (char)('0' + v % 10);
    while (v /= 10);
    fy_buf_append(b, d + i, sizeof(d) - i);
}

/* Element @p i of an array, on a line of its own; takes @p o. */
static void put_line(struct fy_buf *b, json_t *o, size_t i)
{
    char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);

    fy_buf_puts(b, i ? ",\n" : "\n");
    fy_buf_puts(b, s);
    free(s);
    json_decref(o);
}

/* The columns of a case written as an index into their list of values in
 * the head ("case_values"): all but the 案号 and the dates. The first,
 * the file of "at". */
enum { DV_FILE, DV_FIELD0, NDICT = DV_FIELD0 + CF_FILED };

static void put_figures(struct jout *o, const struct figset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct fig *f = &s->f[i];
        json_t *value;
        if (!f->defined || f->kind == RC_TEXT)
            value = json_null();
        else if (f->v == (double)(json_int_t)f->v && fabs(f->v) < 1e15)
            value = json_integer((json_int_t)f->v);
        else
            value = json_real(f->v);
        json_t *a = json_array();
        json_array_append_new(a, jstr(f->table));
        json_array_append_new(a, jstr(f->row));
        json_array_append_new(a, jstr(f->col));
        json_array_append_new(a, jstr(kind_names[f->kind]));
        json_array_append_new(a, value);
        json_array_append_new(a, jstr(f->text));
        put_line(&o->b, a, i);
        jout_line_done(o);
    }
}

/*
 * Each column's values ("case_values"): the distinct texts in the order of
 * their first case, and for the columns that come from an id of the case
 * (its file, court, 旗区, one 被告, type, 管理领域, 行为种类, 结案方式,
 * 败诉原因 bits) the index of each id seen, so that a case's texts are
 * made only when one of its ids is new (or it names several 被告).
 */
struct idmap {
    uint64_t *key;  /* id + 1; 0 = free */
    uint32_t *val;
    size_t cap, n;
};

struct case_dict {
    struct fy_strpool *v[NDICT];
    struct idmap id[NDICT];
};

static size_t idmap_slot(const struct idmap *m, uint32_t id)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    size_t j = (size_t)(h >> 32) & (m->cap - 1);

    while (m->key[j] && m->key[j] != (uint64_t)id + 1)
        j = (j + 1) & (m->cap - 1);
    return j;
}

static int idmap_get(const struct idmap *m, uint32_t id, uint32_t *val)
{
    if (!m->cap)
        return 0;
    size_t j = idmap_slot(m, id);
    if (!m->key[j])
        return 0;
    *val = m->val[j];
    return 1;
}

static void idmap_put(struct idmap *m, uint32_t id, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct idmap g = {NULL, NULL, m->cap ? m->cap * 2 : 64, 0};
        g.key = fy_xcalloc(g.cap, sizeof(*g.key));
        g.val = fy_xcalloc(g.cap, sizeof(*g.val));
        for (size_t j = 0; j < m->cap; j++)
            if (m->key[j]) {
                size_t k = idmap_slot(&g, (uint32_t)(m->key[j] - 1));
                g.key[k] = m->key[j];
                g.val[k] = m->val[j];
            }
        g.n = m->n;
        free(m->key);
        free(m->val);
        *m = g;
    }
    size_t j = idmap_slot(m, id);
    if (!m->key[j])
        m->n++;
    m->key[j] = (uint64_t)id + 1;
    m->val[j] = val;
}

static void case_dict_init(struct case_dict *d)
{
    memset(d, 0, sizeof(*d));
    for (size_t c = 0; c < NDICT; c++)
        d->v[c] = fy_strpool_new();
}

static void case_dict_release(struct case_dict *d)
{
    for (size_t c = 0; c < NDICT; c++) {
        fy_strpool_free(d->v[c]);
        free(d->id[c].key);
        free(d->id[c].val);
    }
}

/* The index in each column's values of case @p k's texts, the texts
 * interned when new. */
static void case_indexes(struct case_dict *d, const struct fy_dataset *ds,
                         const struct fy_case *k, struct case_text *t,
                         uint32_t idx[NDICT])
{
    uint32_t key[NDICT];
    int has[NDICT], made = 0;
    const char *f[CF_N], *file = NULL;

    for (size_t c = 0; c < NDICT; c++)
        has[c] = 1;
    key[DV_FILE] = k->file;
    key[DV_FIELD0 + CF_COURT] = k->court;
    key[DV_FIELD0 + CF_DISTRICT] = k->district;
    /* no 被告: an id no name has */
    key[DV_FIELD0 + CF_DEFENDANTS] =
        k->ndefendants ? ds->defendants[k->defendants] : FY_STR_NONE;
    has[DV_FIELD0 + CF_DEFENDANTS] = k->ndefendants <= 1;
    key[DV_FIELD0 + CF_CASE_TYPE] = k->case_type;
    key[DV_FIELD0 + CF_DOMAIN] = k->domain;
    key[DV_FIELD0 + CF_ACTION_TYPE] = k->action_type;
    key[DV_FIELD0 + CF_DISPOSITION] = k->disposition;
    key[DV_FIELD0 + CF_CAUSES] = k->loss_causes;
    for (size_t c = 0; c < NDICT; c++) {
        if (has[c] && idmap_get(&d->id[c], key[c], &idx[c]))
            continue;
        if (!made) {
            file = case_fields(ds, k, t, f);
            made = 1;
        }
        const char *text = c == DV_FILE ? file : f[c - DV_FIELD0];
        idx[c] = fy_strpool_intern(d->v[c], text, strlen(text));
        if (has[c])
            idmap_put(&d->id[c], key[c], idx[c]);
    }
}

/* The cases, each a line: [案号, [file, line], the indexes of the other
 * columns in "case_values", 立案日期, 结案日期]. */
static void put_cases(struct jout *o, const struct fy_dataset *ds,
                      struct case_dict *dict)
{
    struct case_text t = {FY_BUF_INIT, FY_BUF_INIT, "", ""};
    uint32_t idx[NDICT];
    char day[11];

    for (size_t i = 0; i < ds->ncases; i++) {
        const struct fy_case *k = &ds->cases[i];
        case_indexes(dict, ds, k, &t, idx);
        fy_buf_puts(&o->b, i ? ",\n[" : "\n[");
        put_str(o, pool_str(ds, k->case_no));
        fy_buf_puts(&o->b, ",[");
        put_uint(&o->b, idx[DV_FILE]);
        fy_buf_putc(&o->b, ',');
        put_uint(&o->b, (unsigned long)k->line);
        fy_buf_putc(&o->b, ']');
        for (size_t c = 0; c < CF_FILED; c++) {
            fy_buf_putc(&o->b, ',');
            put_uint(&o->b, idx[DV_FIELD0 + c]);
        }
        fy_buf_puts(&o->b, ",\"");
        fy_buf_puts(&o->b, day_str(k->filed_on, day));
        fy_buf_puts(&o->b, "\",\"");
        fy_buf_puts(&o->b, day_str(k->closed_on, day));
        fy_buf_puts(&o->b, "\"]");
        jout_line_done(o);
    }
    case_text_release(&t);
}

/* "case_values": each column's distinct values in the order of their
 * first case; index 0 is always the empty text. */
static void put_case_values(struct jout *o, const struct fy_dataset *ds,
                            struct case_dict *d)
{
    struct case_text t = {FY_BUF_INIT, FY_BUF_INIT, "", ""};
    struct fy_strpool *const *dict = d->v;
    uint32_t idx[NDICT];

    case_dict_init(d);
    for (size_t i = 0; i < ds->ncases; i++)
        case_indexes(d, ds, &ds->cases[i], &t, idx);
    case_text_release(&t);
    fy_buf_puts(&o->b, ",\n\"case_values\": {");
    for (size_t c = 0; c < NDICT; c++) {
        fy_buf_printf(&o->b, "%s\n\"%s\": [", c ? "," : "",
                      c == DV_FILE ? "at" : cf_key[c - DV_FIELD0]);
        for (uint32_t id = 0; id < fy_strpool_count(dict[c]); id++) {
            if (id)
                fy_buf_putc(&o->b, ',');
            put_str(o, fy_strpool_get(dict[c], id));
        }
        fy_buf_putc(&o->b, ']');
        jout_line_done(o);
    }
    fy_buf_puts(&o->b, "\n}");
}

/* The rejected rows of the cases files: {"at", "record"} a line. */
static void put_rejected(struct jout *o, const struct fy_dataset *ds)
{
    const struct fy_quality *q = &ds->quality;
    struct fy_buf at = FY_BUF_INIT;
    size_t n = 0;

    for (size_t i = 0; i < q->nrejects; i++) {
        const struct fy_reject *r = &q->rejects[i];
        const struct fy_file_info *file = &q->files[r->file];
        if (file->kind != FY_TABLE_CASES)
            continue;
        fy_buf_reset(&at);
        fy_buf_printf(&at, "%s:%lu", file->name ? file->name : file->path,
                      (unsigned long)r->line);
        fy_buf_puts(&o->b, n++ ? ",\n{\"at\":" : "\n{\"at\":");
        put_str(o, fy_buf_str(&at));
        fy_buf_puts(&o->b, ",\"record\":");
        put_str(o, r->record ? r->record : "");
        fy_buf_putc(&o->b, '}');
        jout_line_done(o);
    }
    fy_buf_release(&at);
}

fy_status report_figures_write(const struct report_book *book,
                               const char *command,
                               const struct stats_period *period,
                               const char *path, char sha256[65],
                               struct fy_error *err)
{
    struct figset s;
    struct fy_loc at = {path, 0, 0};
    struct jout o = {NULL, FY_BUF_INIT, {0}, NULL, FY_BUF_INIT, NULL, 0, 0};
    struct case_dict dict;
    char created[32];
    struct tm tm;

    sha256[0] = '\0';
    o.fp = fopen(path, "w");
    if (!o.fp)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(errno));
    fy_sha256_init(&o.sha);
    o.str = json_string("");
    o.tmpcap = 256;
    o.tmp = fy_xmalloc(o.tmpcap);
    figset_of(&s, book, NULL, command, period);
    gmtime_r(&book->created, &tm);
    strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *head = json_object();
    json_object_set_new(head, "program", json_string("fuyuan"));
    json_object_set_new(head, "format", json_integer(FIGURES_FORMAT));
    json_object_set_new(head, "command", jstr(command));
    json_object_set_new(head, "period",
                        json_pack("{s:s, s:s}", "start", s.start, "end",
                                  s.end));
    json_object_set_new(head, "created", json_string(created));
    /* the sheet of every table once, not with each figure */
    json_t *tables = json_object();
    for (size_t i = 0; i < book->ntables; i++)
        json_object_set_new(tables, report_table_id_name(book->tables[i].id),
                            jstr(book->tables[i].sheet));
    json_object_set_new(head, "tables", tables);
    json_t *names = json_array();
    for (size_t k = 0; k < NFIG_COLS; k++)
        json_array_append_new(names, json_string(fig_cols[k]));
    json_object_set_new(head, "figure_columns", names);
    names = json_array();
    json_array_append_new(names, json_string("case_no"));
    json_array_append_new(names, json_string("at"));
    for (size_t k = 0; k < CF_N; k++)
        json_array_append_new(names, json_string(cf_key[k]));
    json_object_set_new(head, "case_columns", names);
    /* the head's members, each column's values, then one figure, case or
     * rejected row a line, each an array in the order of its columns:
     * small, and two runs' files compare with diff */
    char *h = json_dumps(head, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(head);
    fy_buf_append(&o.b, h, strlen(h) - 1); /* without its '}' */
    free(h);
    put_case_values(&o, book->ds, &dict);
    fy_buf_puts(&o.b, ",\n\"figures\": [");
    put_figures(&o, &s);
    figset_release(&s);
    fy_buf_puts(&o.b, "\n],\n\"cases\": [");
    put_cases(&o, book->ds, &dict);
    case_dict_release(&dict);
    fy_buf_puts(&o.b, "\n],\n\"rejected\": [");
    put_rejected(&o, book->ds);
    fy_buf_puts(&o.b, "\n]}\n");
    jout_flush(&o);
    fy_status rc = FY_OK;
    if (o.error)
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                     strerror(o.error));
    if (fclose(o.fp) != 0 && rc == FY_OK)
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                     strerror(errno));
    if (fy_sha256_final(&o.sha, sha256) != 0 || rc != FY_OK)
        sha256[0] = '\0';
    json_decref(o.str);
    free(o.tmp);
    fy_buf_release(&o.b);
    fy_buf_release(&o.fixed);
    return rc;
}

/* ---- reading an earlier run's figures.json ---------------------------- */

static char *get_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return fy_xstrdup(json_is_string(v) ? json_string_value(v) : "");
}

/* Where each of @p names is in the array @p cols (-1: not there). */
static void columns(json_t *cols, const char *const *names, size_t n,
                    int *at)
{
    for (size_t k = 0; k < n; k++) {
        at[k] = -1;
        for (size_t i = 0; i < json_array_size(cols); i++) {
            json_t *v = json_array_get(cols, i);
            if (json_is_string(v) && strcmp(json_string_value(v), names[k]) == 0)
                at[k] = (int)i;
        }
    }
}

/* The string at @p i of array @p a, "" when none (owned). */
static char *item(json_t *a, int i)
{
    json_t *v = i >= 0 ? json_array_get(a, (size_t)i) : NULL;

    return fy_xstrdup(json_is_string(v) ? json_string_value(v) : "");
}

/* The text of @p v (borrowed): "" when it is not a string. */
static const char *text_of(json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : "";
}

/* What the head of a file tells about its figures and cases, once its
 * members are read. */
struct reading {
    json_t *head;              /* the members but the three lists */
    int fc[NFIG_COLS];         /* where each figure column is */
    int cc[CF_N + 2];          /* where each case column is: 案号, at, … */
    json_t *values[CF_N + 1];  /* format 2: "case_values" of each case
                                * column, "at" last; NULL otherwise */
    const char **kept[CF_N + 1];  /* those values, kept in the set's pool */
    int figs_ready, cases_ready;
    size_t cap_f, cap_c;       /* of s->f, s->c */
};

static void reading_columns(struct figset *s, struct reading *rd, int last)
{
    json_t *vals = json_object_get(rd->head, "case_values");

    if (!rd->figs_ready && json_object_get(rd->head, "figure_columns")) {
        columns(json_object_get(rd->head, "figure_columns"), fig_cols,
                NFIG_COLS, rd->fc);
        rd->figs_ready = 1;
    }
    /* the cases once their columns are known and, in format 2, their
     * values: a file that gives them after the cases is read too, the
     * cases kept until then (@p last: the whole file is read) */
    json_t *fmt = json_object_get(rd->head, "format");
    if (!rd->cases_ready && json_object_get(rd->head, "case_columns")
        && (vals || last
            || (json_is_integer(fmt) && json_integer_value(fmt) == 1))) {
        const char *case_cols[CF_N + 2] = {"case_no", "at"};
        for (size_t k = 0; k < CF_N; k++)
            case_cols[k + 2] = cf_key[k];
        columns(json_object_get(rd->head, "case_columns"), case_cols,
                CF_N + 2, rd->cc);
        for (size_t k = 0; k < CF_N; k++)
            rd->values[k] = json_object_get(vals, cf_key[k]);
        rd->values[CF_N] = json_object_get(vals, "at");
        /* each value kept once, not once a case */
        for (size_t k = 0; k <= CF_N; k++) {
            size_t n = json_array_size(rd->values[k]);
            rd->kept[k] = fy_xcalloc(n + 1, sizeof(char *));
            for (size_t i = 0; i < n; i++)
                rd->kept[k][i] =
                    keep(s->pool, text_of(json_array_get(rd->values[k], i)));
        }
        rd->cases_ready = 1;
    }
}

static json_t *at_col(json_t *a, int i)
{
    return i >= 0 ? json_array_get(a, (size_t)i) : NULL;
}

/* One figure of an earlier run (its sheet is filled in at the end). */
static void read_fig(struct figset *s, struct reading *rd, json_t *o)
{
    const int *fc = rd->fc;

    if (s->n == rd->cap_f) {
        rd->cap_f = rd->cap_f ? 2 * rd->cap_f : 1024;
        s->f = fy_xreallocarray(s->f, rd->cap_f, sizeof(*s->f));
    }
    struct fig *f = &s->f[s->n];
    memset(f, 0, sizeof(*f));
    f->table = item(o, fc[FC_TABLE]);
    f->row = item(o, fc[FC_ROW]);
    f->col = item(o, fc[FC_COLUMN]);
    f->text = item(o, fc[FC_TEXT]);
    char *kind = item(o, fc[FC_KIND]);
    f->kind = RC_TEXT;
    for (size_t k = 0; k < NKINDS; k++)
        if (kind_names[k] && strcmp(kind, kind_names[k]) == 0)
            f->kind = (int)k;
    free(kind);
    json_t *v = at_col(o, fc[FC_VALUE]);
    f->defined = json_is_number(v);
    f->v = f->defined ? json_number_value(v) : 0.0;
    if (f->kind == RC_TEXT)
        f->defined = 1;
    f->order = s->n++;
}

/* The text of case column @p k (CF_N: the file of "at") of value @p v:
 * a string, or the index of one in the column's values; kept in the
 * set's pool. */
static const char *case_text(struct figset *s, const struct reading *rd,
                             size_t k, json_t *v)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0
        && (size_t)json_integer_value(v) < json_array_size(rd->values[k]))
        return rd->kept[k][json_integer_value(v)];
    return keep(s->pool, text_of(v));
}

/* One case of an earlier run, its strings kept in @p s's pool. */
static void read_case(struct figset *s, struct reading *rd, json_t *o)
{
    const int *cc = rd->cc;

    if (s->nc == rd->cap_c) {
        rd->cap_c = rd->cap_c ? 2 * rd->cap_c : 1024;
        s->c = fy_xreallocarray(s->c, rd->cap_c, sizeof(*s->c));
    }
    struct csum *c = &s->c[s->nc++];
    json_t *at = at_col(o, cc[1]);
    c->no = keep(s->pool, text_of(at_col(o, cc[0])));
    if (json_is_array(at)) { /* format 2: [file, line] */
        c->file = case_text(s, rd, CF_N, json_array_get(at, 0));
    } else { /* format 1: "file:line" */
        const char *t = text_of(at), *colon = strrchr(t, ':');
        c->file = keepn(s->pool, t, colon ? (size_t)(colon - t) : strlen(t));
    }
    for (size_t k = 0; k < CF_N; k++)
        c->f[k] = case_text(s, rd, k, at_col(o, cc[k + 2]));
}

static void read_rej(struct figset *s, json_t *o)
{
    s->r = fy_xreallocarray(s->r, s->nr + 1, sizeof(*s->r));
    struct rej *r = &s->r[s->nr++];
    r->at = get_str(o, "at");
    r->record = get_str(o, "record");
    r->file = fy_xstrdup("");
}

/* A JSON text read a piece at a time: a figures.json of two million
 * cases is some hundred megabytes, and as one jansson tree several
 * gigabytes, so each figure, case and rejected row is parsed on its own
 * (jansson) and dropped once read; the layout of lines does not matter. */
struct jin {
    FILE *fp;
    struct fy_sha256 sha;  /* of every byte read */
    char *buf;
    size_t pos, end, cap;
    unsigned long lines;   /* line breaks in the bytes dropped from buf */
    int eof, error;
};

/* More of the file after [pos, end), moved to the front, the buffer grown
 * when it is full; 0 at the end of the file. */
static int jin_more(struct jin *r)
{
    if (r->eof)
        return 0;
    for (size_t i = 0; i < r->pos; i++)
        r->lines += r->buf[i] == '\n';
    memmove(r->buf, r->buf + r->pos, r->end - r->pos);
    r->end -= r->pos;
    r->pos = 0;
    if (r->end == r->cap) {
        r->cap *= 2;
        r->buf = fy_xrealloc(r->buf, r->cap);
    }
    size_t n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
    fy_sha256_update(&r->sha, r->buf + r->end, n);
    r->end += n;
    if (n == 0) {
        r->eof = 1;
        r->error = ferror(r->fp) ? (errno ? errno : EIO) : 0;
    }
    return n > 0;
}

/* The next byte but white space, not taken; -1 at the end. */
static int jin_peek(struct jin *r)
{
    for (;;) {
        while (r->pos < r->end && strchr(" \t\r\n", r->buf[r->pos])
               && r->buf[r->pos])
            r->pos++;
        if (r->pos < r->end)
            return (unsigned char)r->buf[r->pos];
        if (!jin_more(r))
            return -1;
    }
}

/* Take the byte jin_peek gave. */
static int jin_take(struct jin *r)
{
    int c = jin_peek(r);

    if (c >= 0)
        r->pos++;
    return c;
}

/* The line of the position @p at bytes after pos (for a message). */
static unsigned long jin_line(const struct jin *r, size_t at)
{
    unsigned long n = r->lines + 1;

    for (size_t i = 0; i < r->pos + at && i < r->end; i++)
        n += r->buf[i] == '\n';
    return n;
}

/* The next JSON value, whole: parsed again with more of the file while it
 * is cut off or ends right at what is read (a number may go on). */
static json_t *jin_value(struct jin *r, json_error_t *je)
{
    json_t *v;

    jin_peek(r);
    for (;;) {
        v = json_loadb(r->buf + r->pos, r->end - r->pos,
                       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, je);
        if (r->eof || (v && r->pos + je->position < r->end))
            break;
        json_decref(v);
        jin_more(r);
    }
    if (v)
        r->pos += je->position;
    return v;
}

static const char *const list_names[] = {"figures", "cases", "rejected"};

/* Read the figures, cases and rejected rows of an earlier run. */
static fy_status read_figures(const char *path, struct figset *s,
                              char sha256[65], struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    json_error_t je;
    struct jin r;
    struct reading rd;
    json_t *pending[3] = {NULL, NULL, NULL}; /* a list before its head */
    int seen[3] = {0, 0, 0};
    const char *bad = NULL;

    memset(s, 0, sizeof(*s));
    memset(&rd, 0, sizeof(rd));
    memset(&r, 0, sizeof(r));
    sha256[0] = '\0';
    r.cap = (size_t)1 << 20;
    r.fp = fopen(path, "rb");
    if (!r.fp)
        return fy_fail(err, FY_E_IO, &at, _("cannot open: %s (an earlier "
                                            "run's output folder holds "
                                            "figures.json)"),
                       strerror(errno));
    r.buf = fy_xmalloc(r.cap);
    fy_sha256_init(&r.sha);
    rd.head = json_object();
    s->pool = fy_strpool_new();
    snprintf(je.text, sizeof(je.text), "%s", "'{' expected");
    je.position = 0;
    int c = jin_take(&r) == '{' ? jin_peek(&r) : -2;
    if (c == '}')
        jin_take(&r);
    while (c >= 0 && c != '}') {
        json_t *key = jin_value(&r, &je), *v;
        int list = -1;
        c = -2;
        if (!json_is_string(key)) {
            json_decref(key);
            break;
        }
        for (int k = 0; k < 3; k++)
            if (strcmp(json_string_value(key), list_names[k]) == 0)
                list = k;
        snprintf(je.text, sizeof(je.text), "%s", "':' expected");
        je.position = 0;
        if (jin_take(&r) != ':') {
            json_decref(key);
            break;
        }
        if (list >= 0 && !seen[list] && jin_peek(&r) == '[') {
            /* a list: each element read, used and dropped */
            seen[list] = 1;
            jin_take(&r);
            int e = jin_peek(&r) == ']' ? jin_take(&r) : ',';
            while (e == ',') {
                if (!(v = jin_value(&r, &je)))
                    break;
                reading_columns(s, &rd, 0);
                if (list == 0 && rd.figs_ready)
                    read_fig(s, &rd, v);
                else if (list == 1 && rd.cases_ready)
                    read_case(s, &rd, v);
                else if (list == 2)
                    read_rej(s, v);
                else if (json_array_append(pending[list] ? pending[list]
                                           : (pending[list] = json_array()),
                                           v) != 0)
                    bad = "";
                json_decref(v);
                e = jin_take(&r);
                snprintf(je.text, sizeof(je.text), "%s", "',' or ']' expected");
                je.position = 0;
            }
            if (e != ']') {
                json_decref(key);
                break;
            }
        } else if ((v = jin_value(&r, &je))) {
            json_object_set_new(rd.head, json_string_value(key), v);
        } else {
            json_decref(key);
            break;
        }
        json_decref(key);
        c = jin_take(&r);
        snprintf(je.text, sizeof(je.text), "%s", "',' or '}' expected");
        je.position = 0;
        if (c == ',')
            c = 0;
        else if (c != '}')
            c = -2;
    }
    if (c == '}' && jin_peek(&r) >= 0) {
        c = -2;
        snprintf(je.text, sizeof(je.text), "%s", "end of file expected");
        je.position = 0;
    }
    fclose(r.fp);
    /* the whole file was read (to its end, after the '}'): the SHA-256
     * of what was compared, without reading it again */
    if (fy_sha256_final(&r.sha, sha256) != 0 && c == '}' && !r.error)
        r.error = EIO;
    json_t *fmt = json_object_get(rd.head, "format");
    fy_status rc = FY_OK;
    if (r.error) {
        rc = fy_fail(err, FY_E_IO, &at, _("cannot read: %s"),
                     strerror(r.error));
    } else if (c != '}' || bad) {
        at.line = jin_line(&r, je.position);
        rc = fy_fail(err, FY_E_IO, &at, _("not a figures.json: %s"),
                     je.text);
    } else if (!seen[0] || !json_is_integer(fmt)
               || json_integer_value(fmt) < 1
               || json_integer_value(fmt) > FIGURES_FORMAT) {
        /* format 1: each case's columns as text; 2: most as an index
         * into "case_values" */
        rc = fy_fail(err, FY_E_IO, &at, "%s",
                     _("not a figures.json of this version of fuyuan"));
    }
    if (rc == FY_OK) {
        size_t i;
        json_t *o;
        reading_columns(s, &rd, 1);
        if (!rd.figs_ready)
            memset(rd.fc, 0xff, sizeof(rd.fc)); /* -1: none there */
        json_array_foreach(pending[0], i, o)
            read_fig(s, &rd, o);
        if (!rd.cases_ready) {
            memset(rd.cc, 0xff, sizeof(rd.cc));
            memset(rd.values, 0, sizeof(rd.values));
        }
        json_array_foreach(pending[1], i, o)
            read_case(s, &rd, o);
        json_t *tables = json_object_get(rd.head, "tables");
        for (i = 0; i < s->n; i++) {
            json_t *sheet = json_object_get(tables, s->f[i].table);
            s->f[i].sheet = fy_xstrdup(json_is_string(sheet)
                                           ? json_string_value(sheet)
                                           : s->f[i].table);
        }
        s->command = get_str(rd.head, "command");
        s->created = get_str(rd.head, "created");
        json_t *p = json_object_get(rd.head, "period");
        s->start = get_str(p, "start");
        s->end = get_str(p, "end");
    }
    for (int k = 0; k < 3; k++)
        json_decref(pending[k]);
    for (size_t k = 0; k <= CF_N; k++)
        free(rd.kept[k]);
    json_decref(rd.head);
    free(r.buf);
    if (rc != FY_OK)
        figset_release(s);
    return rc;
}

/* ---- comparing -------------------------------------------------------- */

static int fig_cmp(const void *a, const void *b)
{
    const struct fig *x = *(const struct fig *const *)a;
    const struct fig *y = *(const struct fig *const *)b;
    int d = strcmp(x->table, y->table);

    if (!d)
        d = strcmp(x->row, y->row);
    if (!d)
        d = strcmp(x->col, y->col);
    return d;
}

static int csum_cmp(const void *a, const void *b)
{
    const struct csum *x = *(const struct csum *const *)a;
    const struct csum *y = *(const struct csum *const *)b;

    return strcmp(x->no, y->no);
}

static const struct fig *find_fig(const struct fig **sorted, size_t n,
                                  const struct fig *key)
{
    const struct fig **hit = bsearch(&key, sorted, n, sizeof(*sorted),
                                     fig_cmp);
    return hit ? *hit : NULL;
}

/* What happened to one case between the runs. */
enum { DIFF_ADDED, DIFF_REMOVED, DIFF_REJECTED, DIFF_CORRECTED };

struct case_diff {
    int what;
    const struct csum *old, *cur;   /* either may be NULL */
    const char *reject_at;          /* DIFF_REJECTED: where */
};

static int has_value(const struct csum *c, const char *label)
{
    char year[16];

    if (!c || !*label)
        return 0;
    for (size_t k = 0; k < CF_N; k++) {
        if (k == CF_FILED || k == CF_CLOSED) {
            if (strlen(c->f[k]) >= 4) {
                snprintf(year, sizeof(year), "%.4s年", c->f[k]);
                if (strcmp(year, label) == 0
                    || (strncmp(year, label, 4) == 0 && !label[4]))
                    return 1;
            }
            continue;
        }
        if (k == CF_DEFENDANTS || k == CF_CAUSES) {
            const char *p = c->f[k];
            size_t n = strlen(label);
            while ((p = strstr(p, label))) {
                int start = p == c->f[k] || strncmp(p - 3, "、", 3) == 0;
                int end = !p[n] || strncmp(p + n, "、", 3) == 0;
                if (start && end)
                    return 1;
                p += n;
            }
            continue;
        }
        if (*c->f[k] && strcmp(c->f[k], label) == 0)
            return 1;
    }
    return strcmp(c->no, label) == 0;
}

/* Does a case difference bear on the row @p row (labels joined by ／)? */
static int bears_on(const struct case_diff *d, const char *row)
{
    if (strcmp(row, "合计") == 0 || strncmp(row, "第", 3) == 0)
        return 1;
    char *copy = fy_xstrdup(row);
    /* without the number of a label's second row, "（2）" at the end */
    size_t n = strlen(copy);
    char *paren = NULL;
    for (char *p = copy; (p = strstr(p, "（")); p += 3)
        paren = p;
    if (paren && n >= 3 && strcmp(copy + n - 3, "）") == 0
        && strspn(paren + 3, "0123456789") == (size_t)(copy + n - 3 - paren - 3)
        && copy + n - 3 > paren + 3)
        *paren = '\0';
    int hit = 0;
    for (char *p = copy; p && !hit;) {
        char *sep = strstr(p, "／");
        if (sep)
            *sep = '\0';
        hit = has_value(d->old, p) || has_value(d->cur, p);
        p = sep ? sep + 3 : NULL;
    }
    free(copy);
    return hit;
}

/* Tables whose figures do not come from the cases. */
static int from_cases(const char *table)
{
    return strcmp(table, "RecsByKind") && strcmp(table, "RecsByRecipient")
           && strcmp(table, "Hearings");
}

static void put_files(struct fy_buf *b, const char **files, size_t n)
{
    fy_buf_puts(b, "（");
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < i && strcmp(files[k], files[i]) != 0)
            k++;
        if (k < i)
            continue;
        if (i)
            fy_buf_puts(b, "、");
        fy_buf_puts(b, files[i]);
    }
    fy_buf_puts(b, "）");
}

/* 说明 of a figure of row @p row of @p table: the case differences that
 * bear on it, or "" when none does. */
static char *explain(const struct case_diff *d, size_t nd, const char *table,
                     const char *row)
{
    struct fy_buf b = FY_BUF_INIT;
    const char **files = fy_xcalloc(nd + 1, sizeof(char *));

    if (!from_cases(table)) {
        free(files);
        return fy_xstrdup("");
    }
    for (int what = DIFF_ADDED; what <= DIFF_CORRECTED; what++) {
        size_t n = 0;
        const struct case_diff *one = NULL;
        unsigned fields = 0;
        for (size_t i = 0; i < nd; i++) {
            if (d[i].what != what || !bears_on(&d[i], row))
                continue;
            files[n++] = what == DIFF_ADDED ? d[i].cur->file
                         : what == DIFF_REJECTED ? d[i].reject_at
                                                 : d[i].old->file;
            unsigned f = 0;
            if (what == DIFF_CORRECTED)
                for (size_t k = 0; k < CF_N; k++)
                    f |= (strcmp(d[i].old->f[k], d[i].cur->f[k]) != 0) << k;
            fields |= f;
            if (!one)
                one = &d[i];
        }
        if (!n)
            continue;
        if (b.len)
            fy_buf_puts(&b, "、");
        static const char *const words[] = {"新增", "删除", "拒收", "更正"};
        fy_buf_printf(&b, "%s%zu件", words[what], n);
        if (what == DIFF_ADDED || what == DIFF_REJECTED) {
            put_files(&b, files, n);
        } else if (what == DIFF_CORRECTED) {
            fy_buf_puts(&b, "（");
            int first = 1;
            for (size_t k = 0; k < CF_N; k++) {
                if (!(fields >> k & 1))
                    continue;
                fy_buf_printf(&b, "%s%s", first ? "" : "、", cf_name[k]);
                if (n == 1)
                    fy_buf_printf(&b, " %s→%s",
                                  *one->old->f[k] ? one->old->f[k] : "（空）",
                                  *one->cur->f[k] ? one->cur->f[k] : "（空）");
                first = 0;
            }
            fy_buf_puts(&b, "）");
        }
    }
    free(files);
    return fy_buf_detach(&b);
}

/* 变化 of a figure: the difference in its unit where it has one. */
static char *change_text(const struct fig *old, const struct fig *cur)
{
    if (!old)
        return fy_xstrdup("新增");
    if (!cur)
        return fy_xstrdup("删除");
    if (!old->defined || !cur->defined || old->kind != cur->kind)
        return fy_xstrdup("修订");
    double d = cur->v - old->v;
    switch (cur->kind) {
    case RC_COUNT:
    case RC_INT:
        return fy_xasprintf("%+lld", (long long)llround(d));
    case RC_RATE:
        return fy_xasprintf("%+.2f个百分点", d * 100.0);
    case RC_PER10K:
        return fy_xasprintf("%+.2f", d);
    default:
        return fy_xstrdup("修订");
    }
}

/* The case differences between two runs, by 案号. */
static struct case_diff *case_diffs(const struct figset *old,
                                    const struct figset *cur, size_t *n)
{
    const struct csum **a = fy_xcalloc(old->nc + 1, sizeof(*a));
    const struct csum **b = fy_xcalloc(cur->nc + 1, sizeof(*b));
    struct case_diff *d = NULL;
    size_t i = 0, j = 0;

    *n = 0;
    for (size_t k = 0; k < old->nc; k++)
        a[k] = &old->c[k];
    for (size_t k = 0; k < cur->nc; k++)
        b[k] = &cur->c[k];
    qsort(a, old->nc, sizeof(*a), csum_cmp);
    qsort(b, cur->nc, sizeof(*b), csum_cmp);
    while (i < old->nc || j < cur->nc) {
        int c = i == old->nc ? 1 : j == cur->nc ? -1
                                                : strcmp(a[i]->no, b[j]->no);
        struct case_diff e = {0, NULL, NULL, NULL};
        if (c < 0) {
            e.what = DIFF_REMOVED;
            e.old = a[i++];
            for (size_t r = 0; r < cur->nr; r++)
                if (*e.old->no && strstr(cur->r[r].record, e.old->no)) {
                    e.what = DIFF_REJECTED;
                    e.reject_at = cur->r[r].at;
                    break;
                }
        } else if (c > 0) {
            e.what = DIFF_ADDED;
            e.cur = b[j++];
        } else {
            e.what = DIFF_CORRECTED;
            e.old = a[i++];
            e.cur = b[j++];
            size_t k = 0;
            while (k < CF_N && strcmp(e.old->f[k], e.cur->f[k]) == 0)
                k++;
            if (k == CF_N)
                continue;
        }
        d = fy_xreallocarray(d, *n + 1, sizeof(*d));
        d[(*n)++] = e;
    }
    free(a);
    free(b);
    return d;
}

struct change {
    size_t table, seq;   /* order: the table's place, then the figure's */
    const struct fig *old, *cur;
};

static int change_cmp(const void *a, const void *b)
{
    const struct change *x = a, *y = b;

    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The place of table @p name in @p book; after every table when not
 * there. */
static size_t table_place(const struct report_book *book, const char *name)
{
    for (size_t i = 0; i < book->ntables; i++)
        if (strcmp(report_table_id_name(book->tables[i].id), name) == 0)
            return i;
    return book->ntables;
}

/* A day number from "YYYY-MM-DD…"; FY_NO_DATE when it is not one. */
static int32_t day_of_text(const char *s)
{
    int y, m, d;

    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return FY_NO_DATE;
    return fy_days_from_ymd(y, m, d);
}

fy_status report_revisions_compare(const struct report_book *book,
                                   const char *command,
                                   const struct stats_period *period,
                                   const char *previous,
                                   struct report_revisions *out,
                                   struct fy_error *err)
{
    struct figset old, cur;
    char *path = fy_xasprintf("%s/figures.json", previous);
    struct fy_loc at = {path, 0, 0};
    char hex[65];

    memset(out, 0, sizeof(*out));
    fy_status rc = read_figures(path, &old, hex, err);
    figset_of(&cur, book, book->ds, command, period);
    if (rc == FY_OK && strcmp(old.command, cur.command) != 0)
        rc = fy_fail(err, FY_E_IO, &at,
                     _("figures of a '%s' report; this run is '%s': "
                       "only reports of the same kind and period compare"),
                     old.command, cur.command);
    if (rc == FY_OK && (strcmp(old.start, cur.start) != 0
                        || strcmp(old.end, cur.end) != 0))
        rc = fy_fail(err, FY_E_IO, &at,
                     _("figures of the period %s to %s; this run is of %s to "
                       "%s: only reports of the same period compare"),
                     old.start, old.end, cur.start, cur.end);
    if (rc != FY_OK) {
        figset_release(&old);
        figset_release(&cur);
        free(path);
        return rc;
    }
    out->previous = fy_xstrdup(previous);
    out->sha256 = fy_xstrdup(hex);
    out->created = fy_xstrdup(old.created);
    out->created_day = day_of_text(old.created);

    const struct fig **so = fy_xcalloc(old.n + 1, sizeof(*so));
    const struct fig **sc = fy_xcalloc(cur.n + 1, sizeof(*sc));
    for (size_t i = 0; i < old.n; i++)
        so[i] = &old.f[i];
    for (size_t i = 0; i < cur.n; i++)
        sc[i] = &cur.f[i];
    qsort(so, old.n, sizeof(*so), fig_cmp);
    qsort(sc, cur.n, sizeof(*sc), fig_cmp);
    struct change *ch = NULL;
    size_t nch = 0;
    for (size_t i = 0; i < cur.n; i++) {
        const struct fig *f = &cur.f[i];
        const struct fig *o = find_fig(so, old.n, f);
        if (o && strcmp(o->text, f->text) == 0)
            continue;
        ch = fy_xreallocarray(ch, nch + 1, sizeof(*ch));
        ch[nch++] = (struct change){table_place(book, f->table), i, o, f};
    }
    for (size_t i = 0; i < old.n; i++) {
        const struct fig *o = &old.f[i];
        if (find_fig(sc, cur.n, o))
            continue;
        ch = fy_xreallocarray(ch, nch + 1, sizeof(*ch));
        ch[nch++] = (struct change){table_place(book, o->table), cur.n + i, o,
                                    NULL};
    }
    if (nch) /* qsort may not be given NULL, even for none */
        qsort(ch, nch, sizeof(*ch), change_cmp);
    size_t nd;
    struct case_diff *d = case_diffs(&old, &cur, &nd);
    out->items = fy_xcalloc(nch + 1, sizeof(*out->items));
    for (size_t i = 0; i < nch; i++) {
        const struct fig *f = ch[i].cur ? ch[i].cur : ch[i].old;
        struct report_revision *r = &out->items[out->n++];
        r->table = fy_xstrdup(f->table);
        r->sheet = fy_xstrdup(f->sheet);
        r->row = fy_xstrdup(f->row);
        r->column = fy_xstrdup(f->col);
        r->old_text = ch[i].old ? fy_xstrdup(ch[i].old->text) : NULL;
        r->new_text = ch[i].cur ? fy_xstrdup(ch[i].cur->text) : NULL;
        r->change = change_text(ch[i].old, ch[i].cur);
        r->why = explain(d, nd, f->table, f->row);
        if (!*r->why && strstr(f->col, "占比")) {
            /* a share moves with its total */
            char *total = explain(d, nd, f->table, "合计");
            if (*total) {
                free(r->why);
                r->why = fy_xasprintf("合计变动：%s", total);
            }
            free(total);
        }
    }
    free(d);
    free(ch);
    free(so);
    free(sc);
    figset_release(&old);
    figset_release(&cur);
    free(path);
    return FY_OK;
}

void report_revisions_release(struct report_revisions *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct report_revision *e = &r->items[i];
        free(e->table);
        free(e->sheet);
        free(e->row);
        free(e->column);
        free(e->old_text);
        free(e->new_text);
        free(e->change);
        free(e->why);
    }
    free(r->items);
    free(r->previous);
    free(r->sha256);
    free(r->created);
    memset(r, 0, sizeof(*r));
}
