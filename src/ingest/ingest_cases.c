/* SPDX-License-Identifier: MIT */
/*
 * ingest_cases.c - the rows of a cases export into case records, on every
 * core, with the same result whatever their number.
 *
 * Below its header, a cases file is cut into parts of whole records
 * (ingest_split: never inside a quoted field). Each part is read by one
 * worker (--jobs of them) into a fragment: the part's case records, its
 * rejected rows and its notes, in row order, with line numbers counted
 * from the part's start and strings in the worker's own pool. The main
 * thread merges the fragments in the parts' order: it adds the lines of
 * the parts before, puts the worker's strings into the dataset's pool
 * (in the order of their first use in the part, so every id is the same
 * whatever worker read the part), keeps one case per 案号 (duplicates) and
 * appends rejects and notes. So rejects, duplicate notes and every output
 * byte are the same for any --jobs.
 *
 * A row is read by the column table below: each column of the cases
 * table has the parser that reads its text, the record field it fills
 * and the reason a bad value rejects the row; what a parser makes of a
 * text is remembered per worker and column (a memo keyed by the cell's
 * bytes as read), so each rule (court names, dates, yes/no, 结案方式,
 * 被告 and their 旗区 and 管理领域, 所属旗区, 管理领域, 行为种类) runs once
 * per distinct text. Only the 案号, different in every row, is parsed per
 * row. The rules that span columns (the court from the 案号's code, 结案日期
 * after 立案日期, 结案方式 of a closed case, 被告 of a first-instance case,
 * the 旗区 chain) follow the loop.
 */
#include "ingest_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The size of a part: large enough that merging is rare work, small
 * enough that both cores have parts of a 50 MB file. FY_PART_BYTES in
 * the environment changes it (tests/e2e/jobs.sh cuts the sample small). */
#define PART_BYTES (2u << 20)

/* ------------------------------------------------------------------ */
/* Memo tables: the cell's bytes as read -> what its parser made of it */
/* ------------------------------------------------------------------ */

/* What a parser made of one distinct cell text. */
struct cval {
    uint8_t res;        /* enum norm_result (dates, yes/no, empty texts) */
    uint8_t flag;       /* 结案方式: matched; 被告: joint; 败诉原因: all matched */
    uint16_t bits;      /* 败诉原因: causes */
    int32_t i;          /* day number, court, district, category, yes/no */
    uint32_t id;        /* worker pool id: 管理领域, 行为种类, first 被告 */
    uint32_t n;         /* 被告: distinct names kept */
    uint32_t named;     /* 被告: names in the cell */
    uint32_t list;      /* 被告: offset of their ids in the worker's lists */
    uint32_t domain;    /* 被告: 管理领域 derived from the first (pool id) */
    int32_t district;   /* 被告: 旗区 of the first */
    uint32_t dropped;   /* 被告: different names past FY_MAX_DEFENDANTS */
};

struct memo_entry {
    uint64_t hash;
    uint32_t key, len;  /* the bytes, in the worker's key arena */
    struct cval v;
};

struct memo_table {
    struct memo_entry *entries;
    size_t n, cap;
    uint32_t *slots;    /* entry index + 1; 0 = empty */
    size_t nslots;      /* power of two */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;

    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

/* ------------------------------------------------------------------ */
/* Fragments: what one part of a file gives                            */
/* ------------------------------------------------------------------ */

struct fcase {
    struct fy_case c;   /* string ids of the worker; line from the part */
    uint32_t cn, cn_len;/* canonical 案号 in frag->text */
    uint32_t defs;      /* its 被告 (worker ids) in frag->defs */
    uint32_t row;       /* row number in the part (orders notes) */
};

struct fnote {
    enum fy_notice_kind kind;
    uint32_t line;
    uint32_t row;
    char *message;      /* NULL past FY_MAX_NOTICES of its kind */
};

struct fragment {
    size_t part;
    unsigned worker;
    struct fcase *cases;
    size_t ncases, capcases;
    uint32_t *defs;
    size_t ndefs, capdefs;
    struct fy_buf text;         /* 案号 and the worker's new strings */
    uint32_t *fresh;            /* new worker strings: offset, length */
    size_t nfresh, capfresh;
    uint32_t pool_mark;         /* worker pool ids below are mapped */
    struct fy_reject *rejects;
    size_t nrejects, caprejects;
    struct fnote *notes;
    size_t nnotes, capnotes;
    unsigned long notes_of[FY_NOTE_NKINDS];
    unsigned long rows_read, rows_skipped, lines;
    uint32_t row;
    fy_status rc;
    struct fy_error err;
};

static void fragment_free(struct fragment *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nrejects; i++) {
        free(f->rejects[i].column_name);
        free(f->rejects[i].value);
        free(f->rejects[i].message);
        free(f->rejects[i].doc);
        free(f->rejects[i].record);
    }
    for (size_t i = 0; i < f->nnotes; i++)
        free(f->notes[i].message);
    free(f->cases);
    free(f->defs);
    fy_buf_release(&f->text);
    free(f->fresh);
    free(f->rejects);
    free(f->notes);
    free(f);
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

struct cases_run;

struct cworker {
    struct cases_run *run;
    unsigned index;
    struct fy_strpool *pool;    /* strings of the records it makes */
    struct norm_caseno_parser *caseno;
    struct memo_table memo[C_NCOLS];
    struct fy_buf keys;         /* memo keys */
    uint32_t *lists;            /* 被告 ids of memo entries */
    size_t nlists, caplists;
    uint32_t other_domain;      /* pool id of the domain of no 被告 */
    uint32_t other_action;      /* pool id of 其他 */
    struct fy_buf cell[3];      /* scratch for normalised cells */
    struct fy_buf msg;
    struct fragment *frag;      /* being filled */
    const struct ingest_file_ctx *fc;
    pthread_t thread;
    int started;
};

/* One file's parts, handed to the workers. */
struct cases_job {
    const char *path;
    const char *text;           /* the text below the header */
    const size_t *ends;         /* end offset of each part */
    size_t nparts;
    const struct ingest_file_ctx *fc;
};

struct cases_run {
    struct fy_dataset *ds;
    struct ingest_gb18030 *gb18030; /* made when first needed */
    int gb18030_tried;
    unsigned njobs;
    size_t part_bytes;
    pthread_mutex_t rules_lock; /* the rule tables share their match data */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct cases_job job;       /* the file being read (nparts 0: none) */
    unsigned long generation;   /* a new job */
    size_t next;                /* next part to read */
    size_t merged;              /* parts merged */
    int stop;                   /* the job failed: read no more parts */
    int quit;
    struct fragment **done;     /* by part: read, not merged yet */
    struct cworker *workers;
    uint32_t **wmap;            /* per worker: its pool id -> dataset's */
    size_t *nwmap;
};

static const char *colname(const struct ingest_file_ctx *fc, int c)
{
    return ingest_kind(fc->header.kind)->columns[c].canonical;
}

/* The field of column @p c ("" when the file has no such column). */
static void field(const struct ingest_file_ctx *fc,
                  const struct ingest_record *rec, int c, const char **s,
                  size_t *n)
{
    int f = fc->header.field_of[c];

    if (f >= 0 && (size_t)f < rec->nfields) {
        *s = rec->fields[f];
        *n = rec->lengths[f];
    } else {
        *s = "";
        *n = 0;
    }
}

/* The normalised text of column @p c, in scratch buffer @p k. */
static const char *text_of(struct cworker *w, const struct ingest_record *rec,
                           int c, int k)
{
    const char *s;
    size_t n;

    field(w->fc, rec, c, &s, &n);
    fy_text_normalize(s, n, &w->cell[k]);
    return fy_buf_str(&w->cell[k]);
}

static uint32_t wintern(struct cworker *w, const char *s, size_t n)
{
    uint32_t before = fy_strpool_count(w->pool);
    uint32_t id = fy_strpool_intern(w->pool, s, n);

    if (id >= before && id != FY_STR_NONE) {
        /* new to the worker: the merge gives it a dataset id */
        struct fragment *f = w->frag;
        FY_GROW(f->fresh, f->nfresh + 2, f->capfresh);
        f->fresh[f->nfresh++] = (uint32_t)f->text.len;
        f->fresh[f->nfresh++] = (uint32_t)n;
        fy_buf_append(&f->text, s, n);
    }
    return id;
}

static void frag_note(struct cworker *w, enum fy_notice_kind kind,
                      uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void frag_note(struct cworker *w, enum fy_notice_kind kind,
                      uint32_t line, const char *fmt, ...)
{
    struct fragment *f = w->frag;
    va_list ap;

    FY_GROW(f->notes, f->nnotes + 1, f->capnotes);
    struct fnote *n = &f->notes[f->nnotes++];
    n->kind = kind;
    n->line = line;
    n->row = f->row;
    n->message = NULL;
    if (f->notes_of[kind]++ >= FY_MAX_NOTICES)
        return; /* counted; the merge keeps no more of its kind anyway */
    struct fy_buf b = FY_BUF_INIT;
    va_start(ap, fmt);
    fy_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    n->message = fy_buf_detach(&b);
}

/* Reject the row in the worker's fragment; @p fmt is a msgid (N_()),
 * looked up for the terminal and, in Chinese, for documents. */
static void frag_reject(struct cworker *w, const struct ingest_record *rec,
                        int c, enum fy_reject_reason reason,
                        const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void frag_reject(struct cworker *w, const struct ingest_record *rec,
                        int c, enum fy_reject_reason reason,
                        const char *fmt, ...)
{
    const struct ingest_file_ctx *fc = w->fc;
    struct fragment *f = w->frag;
    struct fy_buf record = FY_BUF_INIT;
    char *message, *doc;
    va_list ap;
    int fi = c >= 0 ? fc->header.field_of[c] : -1;
    const char *name = c >= 0 ? (fi >= 0 ? fc->header.names[c]
                                         : colname(fc, c))
                              : "";
    const char *value = "";

    if (c >= 0 && fi >= 0 && (size_t)fi < rec->nfields)
        value = rec->fields[fi];
    va_start(ap, fmt);
    ingest_reject_words(&message, &doc, fmt, ap);
    va_end(ap);
    ingest_record_to_csv(rec, &record);
    FY_GROW(f->rejects, f->nrejects + 1, f->caprejects);
    struct fy_reject *r = &f->rejects[f->nrejects++];
    r->file = fc->file;
    r->line = (uint32_t)rec->line;
    r->column = fi >= 0 ? (uint32_t)fi + 1 : 0;
    r->reason = reason;
    r->column_name = fy_xstrdup(name);
    r->value = fy_xstrdup(value);
    /* the message is printed on a terminal: no control characters */
    r->message = fy_text_escaped(message);
    r->doc = fy_text_escaped(doc);
    r->record = fy_buf_detach(&record);
    free(message);
    free(doc);
}

/* ------------------------------------------------------------------ */
/* Parsers of the columns                                              */
/* ------------------------------------------------------------------ */

enum cparse {
    CP_COURT,           /* name -> registry index (i), empty (res) */
    CP_DATE,            /* required date: norm_date */
    CP_DATE_OPT,        /* optional date: norm_date_optional */
    CP_DISPOSITION,     /* category (i), matched (flag), empty (res) */
    CP_DEFENDANTS,      /* distinct names, 旗区 and 管理领域 of the first */
    CP_DISTRICT,        /* 所属旗区 -> district (i), empty (res) */
    CP_YESNO,           /* yes/no (i), res */
    CP_DOMAIN,          /* 管理领域 as given (id), empty (res) */
    CP_ACTION,          /* 行政行为种类, 其他 when empty (id) */
    CP_CAUSES           /* causes (bits), all matched (flag), empty (res) */
};

static fy_status parse_defendants(struct cworker *w, const char *s,
                                  const struct fy_loc *at, struct cval *v,
                                  struct fy_error *err)
{
    const struct fy_dataset *ds = w->run->ds;
    struct norm_item items_local[16], *items = items_local;
    uint32_t ids[FY_MAX_DEFENDANTS];
    size_t nd = norm_list_split(s, NORM_SPLIT_DEFENDANTS, items, 16);
    size_t ndistinct = 0, ndropped = 0;

    if (nd > 16) {
        items = fy_xreallocarray(NULL, nd, sizeof(*items));
        nd = norm_list_split(s, NORM_SPLIT_DEFENDANTS, items, nd);
    }
    for (size_t i = 0; i < nd; i++) {
        uint32_t id = wintern(w, items[i].s, items[i].n);
        size_t j = 0;
        while (j < ndistinct && ids[j] != id)
            j++;
        if (j < ndistinct)
            continue; /* a name repeated in the cell counts once */
        if (ndistinct == FY_MAX_DEFENDANTS) {
            ndropped++;
            continue;
        }
        ids[ndistinct++] = id;
    }
    if (items != items_local)
        free(items);
    v->named = (uint32_t)nd;
    v->n = (uint32_t)ndistinct;
    v->dropped = (uint32_t)ndropped;
    FY_GROW(w->lists, w->nlists + ndistinct, w->caplists);
    v->list = (uint32_t)w->nlists;
    if (ndistinct)
        memcpy(w->lists + w->nlists, ids, ndistinct * sizeof(*ids));
    w->nlists += ndistinct;
    v->district = NORM_NONE;
    v->domain = FY_STR_NONE;
    v->flag = 0;
    if (ndistinct > 0) {
        const char *first = fy_strpool_get(w->pool, ids[0]), *dom;
        v->id = ids[0];
        v->district = norm_district_of_defendant(ds->registry, first);
        pthread_mutex_lock(&w->run->rules_lock);
        fy_status rc = norm_domain(ds->rules, first, at, &dom, err);
        pthread_mutex_unlock(&w->run->rules_lock);
        if (rc != FY_OK)
            return rc;
        v->domain = wintern(w, dom, strlen(dom));
    }
    /* a 人民政府 after the first 被告: the reviewing government named as
     * co-defendant (joint_defendant counts it for reconsidered cases) */
    for (size_t i = 1; i < ndistinct; i++) {
        const char *name = fy_strpool_get(w->pool, ids[i]);
        size_t n = strlen(name), k = strlen("人民政府");
        if (n >= k && strcmp(name + n - k, "人民政府") == 0) {
            v->flag = 1;
            break;
        }
    }
    return FY_OK;
}

static fy_status parse_causes(struct cworker *w, const char *s,
                              const struct fy_loc *at, struct cval *v,
                              struct fy_error *err)
{
    struct norm_item few[16], *ci = few;
    size_t nc = norm_list_split(s, NORM_SPLIT_LIST, few, 16);
    fy_status rc = FY_OK;

    /* every item counts, however many the cell lists */
    if (nc > 16) {
        ci = fy_xreallocarray(NULL, nc, sizeof(*ci));
        norm_list_split(s, NORM_SPLIT_LIST, ci, nc);
    }
    v->bits = 0;
    v->flag = 1;
    for (size_t i = 0; i < nc && rc == FY_OK; i++) {
        int matched;
        unsigned k;
        pthread_mutex_lock(&w->run->rules_lock);
        rc = norm_loss_cause(w->run->ds->rules, ci[i].s, ci[i].n, at, &k,
                             &matched, err);
        pthread_mutex_unlock(&w->run->rules_lock);
        if (rc != FY_OK)
            break;
        v->bits |= (uint16_t)(1u << k);
        if (!matched)
            v->flag = 0;
    }
    if (ci != few)
        free(ci);
    return rc;
}

/*
 * What the parser of column @p c makes of the normalised text @p s, found
 * at @p at. Only the rule tables can fail (a pattern over its limits).
 */
static fy_status parse_cell(struct cworker *w, int c, enum cparse p,
                            const char *s, const struct fy_loc *at,
                            struct cval *v, struct fy_error *err)
{
    const struct fy_dataset *ds = w->run->ds;
    enum fy_yesno yn;
    int matched;
    unsigned cat = 0;
    fy_status rc = FY_OK;

    memset(v, 0, sizeof(*v));
    v->res = *s ? NORM_OK : NORM_EMPTY;
    switch (p) {
    case CP_COURT:
        v->i = norm_court_find(ds->registry, s);
        break;
    case CP_DATE:
        v->res = (uint8_t)norm_date(s, &v->i);
        break;
    case CP_DATE_OPT:
        v->i = FY_NO_DATE;
        v->res = (uint8_t)norm_date_optional(s, &v->i);
        break;
    case CP_DISPOSITION:
        if (*s) {
            pthread_mutex_lock(&w->run->rules_lock);
            rc = norm_disposition(ds->rules, s, at, &cat, &matched, err);
            pthread_mutex_unlock(&w->run->rules_lock);
            v->i = (int32_t)cat;
            v->flag = (uint8_t)matched;
        }
        break;
    case CP_DEFENDANTS:
        rc = parse_defendants(w, s, at, v, err);
        break;
    case CP_DISTRICT:
        v->i = norm_district_find(ds->registry, s);
        break;
    case CP_YESNO:
        yn = FY_UNKNOWN;
        v->res = (uint8_t)norm_yesno(s, &yn);
        v->i = (int32_t)yn;
        break;
    case CP_DOMAIN:
        v->id = *s ? wintern(w, s, strlen(s)) : FY_STR_NONE;
        break;
    case CP_ACTION:
        v->id = *s ? wintern(w, s, strlen(s)) : w->other_action;
        break;
    case CP_CAUSES:
        rc = parse_causes(w, s, at, v, err);
        break;
    }
    (void)c;
    return rc;
}

static void memo_grow(struct memo_table *m)
{
    size_t n = m->nslots ? m->nslots * 2 : 64;
    uint32_t *slots = fy_xcalloc(n, sizeof(*slots));

    for (size_t e = 0; e < m->n; e++) {
        size_t j = (size_t)m->entries[e].hash & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)e + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = n;
}

/*
 * What the parser of column @p c makes of its cell in @p rec, in *out. A
 * text is parsed at its first row (in the worker's parts): an error names
 * that row; a text that fails is not remembered.
 */
static fy_status cell_value(struct cworker *w, const struct ingest_record *rec,
                            int c, enum cparse p, const struct cval **out,
                            struct fy_error *err)
{
    struct memo_table *m = &w->memo[c];
    const char *s;
    size_t n;

    field(w->fc, rec, c, &s, &n);
    uint64_t h = hash_bytes(s, n);
    if ((m->n + 1) * 2 > m->nslots)
        memo_grow(m);
    size_t j = (size_t)h & (m->nslots - 1);
    while (m->slots[j]) {
        struct memo_entry *e = &m->entries[m->slots[j] - 1];
        if (e->hash == h && e->len == n
            && memcmp(w->keys.data + e->key, s, n) == 0) {
            *out = &e->v;
            return FY_OK;
        }
        j = (j + 1) & (m->nslots - 1);
    }
    /* a text not seen yet: normalise and parse it once */
    struct cval v;
    int f = w->fc->header.field_of[c];
    struct fy_loc at = {rec->path, rec->line, f >= 0 ? (unsigned long)f + 1
                                                     : 0};
    fy_text_normalize(s, n, &w->cell[2]);
    FY_TRY(parse_cell(w, c, p, fy_buf_str(&w->cell[2]), &at, &v, err));
    FY_GROW(m->entries, m->n + 1, m->cap);
    struct memo_entry *e = &m->entries[m->n];
    e->hash = h;
    e->key = (uint32_t)w->keys.len;
    e->len = (uint32_t)n;
    fy_buf_append(&w->keys, s, n);
    e->v = v;
    m->slots[j] = (uint32_t)++m->n;
    *out = &e->v;
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* A row                                                               */
/* ------------------------------------------------------------------ */

/*
 * The columns in the order their rules are checked: the parser, and the
 * reasons an empty or a bad text rejects the row (FY_REJ_NREASONS: it
 * may not). The record fields are filled by the loop in case_row().
 */
static const struct case_column {
    int col;
    enum cparse parse;
    enum fy_reject_reason if_empty, if_bad;
} case_columns[] = {
    {C_COURT, CP_COURT, FY_REJ_MISSING, FY_REJ_COURT},
    {C_FILED, CP_DATE, FY_REJ_MISSING, FY_REJ_DATE},
    {C_CLOSED, CP_DATE_OPT, FY_REJ_NREASONS, FY_REJ_DATE},
    {C_DISPOSITION, CP_DISPOSITION, FY_REJ_NO_DISPOSITION, FY_REJ_NREASONS},
    {C_DEFENDANT, CP_DEFENDANTS, FY_REJ_NO_DEFENDANT, FY_REJ_NREASONS},
    {C_DISTRICT, CP_DISTRICT, FY_REJ_NREASONS, FY_REJ_DISTRICT},
    {C_HEARING, CP_YESNO, FY_REJ_NREASONS, FY_REJ_YESNO},
    {C_HEAD, CP_YESNO, FY_REJ_NREASONS, FY_REJ_YESNO},
    {C_RECONSIDERED, CP_YESNO, FY_REJ_NREASONS, FY_REJ_YESNO},
    {C_DOMAIN, CP_DOMAIN, FY_REJ_NREASONS, FY_REJ_NREASONS},
    {C_ACTION, CP_ACTION, FY_REJ_NREASONS, FY_REJ_NREASONS},
    {C_CAUSES, CP_CAUSES, FY_REJ_NREASONS, FY_REJ_NREASONS},
};
#define NCASE_COLUMNS (sizeof(case_columns) / sizeof(case_columns[0]))

/* The court of a 案号's code (内0603知 is the IP division of 内0603). */
static int court_by_code(const struct norm_registry *reg, const char *code)
{
    int court = norm_court_by_code(reg, code);
    size_t cl = strlen(code), zl = strlen("知");

    if (court == NORM_NONE && cl > zl && strcmp(code + cl - zl, "知") == 0) {
        char plain[sizeof(((struct norm_caseno *)0)->court_code)];
        snprintf(plain, sizeof(plain), "%.*s", (int)(cl - zl), code);
        court = norm_court_by_code(reg, plain);
    }
    return court;
}

/*
 * Every check that can reject the row comes before the first notice: a
 * rejected row is left out of every figure, so no fallback (其他, the
 * court taken from the 案号, ...) may be counted for it. An error (a rule
 * over its limits) stops the reading.
 */
static fy_status case_row(struct cworker *w, const struct ingest_record *rec,
                          struct fy_error *err)
{
    const struct ingest_file_ctx *fc = w->fc;
    const struct fy_dataset *ds = w->run->ds;
    struct fragment *f = w->frag;
    const struct cval *v[C_NCOLS];
    struct norm_caseno no;
    struct fy_case c;
    size_t ntypes;
    const struct norm_case_type *types = norm_case_types(&ntypes);
    uint32_t line = (uint32_t)rec->line;
    int court = NORM_NONE, by_code = 0, first;

    memset(&c, 0, sizeof(c));
    c.file = fc->file;
    c.line = line;
    c.disposition = NORM_DISP_NONE;

    /* 案号: different in every row, parsed per row */
    const char *cn = text_of(w, rec, C_CASE_NO, 0);
    switch (norm_caseno_parse(w->caseno, cn, &no)) {
    case NORM_CASENO_OK:
        break;
    case NORM_CASENO_EMPTY:
        frag_reject(w, rec, C_CASE_NO, FY_REJ_MISSING, N_("案号 is empty"));
        return FY_OK;
    case NORM_CASENO_NOT_ADMIN:
        frag_reject(w, rec, C_CASE_NO, FY_REJ_NOT_ADMIN,
                    N_("案号 '%s' has case-type code '%s', which is not an "
                       "administrative case type"), cn, no.canonical);
        return FY_OK;
    case NORM_CASENO_LIMIT:
        return ingest_caseno_limit(err, rec->path, rec->line,
                                   fc->header.field_of[C_CASE_NO], cn,
                                   no.canonical);
    default:
        frag_reject(w, rec, C_CASE_NO, FY_REJ_CASE_NO,
                    N_("案号 '%s' does not parse (write it like "
                       "(2023)内0603行初15号)"), cn);
        return FY_OK;
    }
    c.case_type = (uint8_t)no.type;
    c.case_year = (uint16_t)no.year;
    first = types[no.type].cls == NORM_CLASS_FIRST;
    if (first)
        c.flags |= FY_CASE_FIRST;

    /* every other column by the table, and the rules that span columns
     * after the column they follow */
    for (size_t k = 0; k < NCASE_COLUMNS; k++) {
        const struct case_column *col = &case_columns[k];
        int ci = col->col;
        const struct cval *x;
        FY_TRY(cell_value(w, rec, ci, col->parse, &x, err));
        v[ci] = x;
        switch (ci) {
        case C_COURT:
            if (x->res == NORM_EMPTY) {
                frag_reject(w, rec, ci, col->if_empty, N_("%s is empty"),
                            colname(fc, ci));
                return FY_OK;
            }
            court = x->i;
            by_code = court == NORM_NONE;
            if (by_code)
                court = court_by_code(ds->registry, no.court_code);
            if (court == NORM_NONE) {
                frag_reject(w, rec, ci, col->if_bad,
                            N_("court '%s' is not in the court registry, nor "
                               "is the code '%s' of the 案号 (check the "
                               "name, or give --courts FILE)"),
                            text_of(w, rec, ci, 0), no.court_code);
                return FY_OK;
            }
            c.court = (uint16_t)court;
            break;
        case C_FILED:
            if (x->res == NORM_EMPTY) {
                frag_reject(w, rec, ci, col->if_empty, N_("%s is empty"),
                            colname(fc, ci));
                return FY_OK;
            }
            if (x->res != NORM_OK) {
                frag_reject(w, rec, ci, col->if_bad,
                            N_("%s '%s' is not a date (write 2023-01-05)"),
                            colname(fc, ci), text_of(w, rec, ci, 0));
                return FY_OK;
            }
            c.filed_on = x->i;
            break;
        case C_CLOSED:
            if (x->res == NORM_BAD) {
                frag_reject(w, rec, ci, col->if_bad,
                            N_("%s '%s' is not a date (write 2023-01-05, or "
                               "leave it empty)"),
                            colname(fc, ci), text_of(w, rec, ci, 0));
                return FY_OK;
            }
            c.closed_on = x->res == NORM_OK ? x->i : FY_NO_DATE;
            if (c.closed_on != FY_NO_DATE && c.closed_on < c.filed_on) {
                frag_reject(w, rec, ci, FY_REJ_CLOSED_BEFORE,
                            N_("结案日期 %s is before 立案日期 %s"),
                            text_of(w, rec, C_CLOSED, 0),
                            text_of(w, rec, C_FILED, 1));
                return FY_OK;
            }
            break;
        case C_DISPOSITION:
            if (c.closed_on == FY_NO_DATE)
                break;
            if (x->res == NORM_EMPTY) {
                frag_reject(w, rec, ci, col->if_empty,
                            N_("the case is closed (结案日期 given) but "
                               "结案方式 is empty"));
                return FY_OK;
            }
            c.disposition = (uint8_t)x->i;
            unsigned fl = norm_rules_category_flags(ds->rules,
                                                    c.disposition);
            if (first && (fl & NORM_DISP_LOSS))
                c.flags |= FY_CASE_LOSS;
            if (fl & NORM_DISP_JUDGMENT)
                c.flags |= FY_CASE_JUDGMENT;
            if (fl & NORM_DISP_MW)
                c.flags |= FY_CASE_MW;
            break;
        case C_DEFENDANT:
            if (x->named == 0 && first) {
                frag_reject(w, rec, ci, col->if_empty,
                            N_("a first-instance case needs a 被告"));
                return FY_OK;
            }
            c.ndefendants = (uint8_t)x->n;
            c.defendant = x->n ? x->id : FY_STR_NONE;
            if (x->flag)
                c.flags |= FY_CASE_JOINT;
            break;
        case C_DISTRICT:
            if (x->res == NORM_OK) {
                if (x->i == NORM_NONE) {
                    frag_reject(w, rec, ci, col->if_bad,
                                N_("所属旗区 '%s' is not a registered 旗区 nor "
                                   "市本级"), text_of(w, rec, ci, 0));
                    return FY_OK;
                }
                c.district = (uint8_t)x->i;
            } else if (v[C_DEFENDANT]->n
                       && v[C_DEFENDANT]->district != NORM_NONE) {
                c.district = (uint8_t)v[C_DEFENDANT]->district;
            } else {
                c.district = (uint8_t)norm_registry_court(ds->registry,
                                                          c.court)
                                 ->district;
            }
            break;
        case C_HEARING:
        case C_HEAD:
        case C_RECONSIDERED:
            if (x->res == NORM_BAD) {
                frag_reject(w, rec, ci, col->if_bad,
                            N_("%s '%s' is not yes or no (write 是 or 否)"),
                            colname(fc, ci), text_of(w, rec, ci, 0));
                return FY_OK;
            }
            if (ci == C_HEARING)
                c.hearing_held = (uint8_t)x->i;
            else if (ci == C_HEAD)
                c.head_appeared = (uint8_t)x->i;
            else
                c.reconsidered = (uint8_t)x->i;
            break;
        case C_DOMAIN:
            if (x->res == NORM_OK)
                c.domain = x->id;
            else if (v[C_DEFENDANT]->n)
                c.domain = v[C_DEFENDANT]->domain;
            else
                c.domain = w->other_domain;
            break;
        case C_ACTION:
            c.action_type = x->id;
            break;
        default:
            break;
        }
    }

    /* The row is used: its fallbacks and notes. */
    const struct cval *dv = v[C_DISPOSITION], *dd = v[C_DEFENDANT];
    if (by_code)
        frag_note(w, FY_NOTE_COURT_BY_CODE, line,
                  _("court '%s' is not in the registry; the 案号 code '%s' "
                    "gives %s"), text_of(w, rec, C_COURT, 0), no.court_code,
                  norm_registry_court(ds->registry, (size_t)court)->name);
    if (c.closed_on != FY_NO_DATE && !dv->flag)
        frag_note(w, FY_NOTE_DISPOSITION_OTHER, line,
                  _("结案方式 '%s' matches no rule: counted as 其他"),
                  text_of(w, rec, C_DISPOSITION, 0));
    if (c.closed_on == FY_NO_DATE && dv->res == NORM_OK)
        frag_note(w, FY_NOTE_DISPOSITION_PENDING, line,
                  _("结案方式 '%s' on a case with no 结案日期 is ignored: the "
                    "case counts as pending"),
                  text_of(w, rec, C_DISPOSITION, 0));
    if (dd->n > 1)
        frag_note(w, FY_NOTE_EXTRA_DEFENDANTS, line,
                  _("被告 names %zu agencies: the case counts under each; "
                    "the first, '%s', gives its 旗区 and 管理领域"),
                  (size_t)dd->n, fy_strpool_get(w->pool, c.defendant));
    if (dd->dropped)
        frag_note(w, FY_NOTE_EXTRA_DEFENDANTS, line,
                  _("被告 names %zu agencies; only the first %u different "
                    "ones are kept"), (size_t)dd->named, FY_MAX_DEFENDANTS);

    /* 败诉原因 */
    const struct cval *cv = v[C_CAUSES];
    if (cv->res == NORM_OK && !(c.flags & FY_CASE_LOSS)) {
        frag_note(w, FY_NOTE_CAUSE_IGNORED, line,
                  _("败诉原因 '%s' on a case that is not an agency loss is "
                    "ignored"), text_of(w, rec, C_CAUSES, 0));
    } else if (cv->res == NORM_OK) {
        c.loss_causes = cv->bits;
        if (!cv->flag) {
            /* the items that fell to 其他, each noted */
            struct norm_item ci[16];
            const char *causes = text_of(w, rec, C_CAUSES, 0);
            size_t nc = norm_list_split(causes, NORM_SPLIT_LIST, ci, 16);
            struct fy_loc at = {rec->path, rec->line,
                                (unsigned long)fc->header.field_of[C_CAUSES]
                                    + 1};
            for (size_t i = 0; i < nc && i < 16; i++) {
                int matched;
                unsigned k;
                pthread_mutex_lock(&w->run->rules_lock);
                fy_status rc = norm_loss_cause(ds->rules, ci[i].s, ci[i].n,
                                               &at, &k, &matched, err);
                pthread_mutex_unlock(&w->run->rules_lock);
                if (rc != FY_OK)
                    return rc;
                if (!matched)
                    frag_note(w, FY_NOTE_CAUSE_OTHER, line,
                              _("败诉原因 '%.*s' matches no cause: counted "
                                "as 其他"), (int)ci[i].n, ci[i].s);
            }
        }
    }

    /* the record, its 案号 and 被告 */
    FY_GROW(f->cases, f->ncases + 1, f->capcases);
    struct fcase *fcs = &f->cases[f->ncases++];
    fcs->c = c;
    fcs->cn = (uint32_t)f->text.len;
    fcs->cn_len = (uint32_t)strlen(no.canonical);
    fy_buf_append(&f->text, no.canonical, fcs->cn_len);
    fcs->defs = (uint32_t)f->ndefs;
    fcs->row = f->row;
    FY_GROW(f->defs, f->ndefs + dd->n, f->capdefs);
    if (dd->n)
        memcpy(f->defs + f->ndefs, w->lists + dd->list,
               dd->n * sizeof(uint32_t));
    f->ndefs += dd->n;
    return FY_OK;
}

static fy_status part_record(const struct ingest_record *rec, void *ctx,
                             struct fy_error *err)
{
    struct cworker *w = ctx;
    struct fragment *f = w->frag;
    const struct ingest_file_ctx *fc = w->fc;

    if (ingest_row_is_empty(rec, &w->cell[0]))
        return FY_OK;
    f->rows_read++;
    f->row++;
    if (ingest_row_is_total(rec, &w->cell[0])) {
        f->rows_skipped++;
        ingest_row_text(rec, SIZE_MAX, &w->msg);
        frag_note(w, FY_NOTE_TOTAL_ROW, (uint32_t)rec->line,
                  _("total row skipped: %s"), fy_buf_str(&w->msg));
        return FY_OK;
    }
    if (rec->too_large) {
        frag_reject(w, rec, -1, FY_REJ_TOO_LARGE,
                    N_("the row is too large (%zu fields; at most %u fields "
                       "and %u MiB)"), rec->nfields_read, FY_MAX_FIELDS,
                    FY_MAX_RECORD_BYTES >> 20);
        return FY_OK;
    }
    if (rec->nfields_read != fc->header_width) {
        frag_reject(w, rec, -1, FY_REJ_RAGGED,
                    rec->nfields_read < fc->header_width
                        ? N_("fields in the row: %zu, in the header: %zu; "
                             "some are missing (a stray line break or "
                             "comma?)")
                        : N_("fields in the row: %zu, in the header: %zu; "
                             "there are fields too many (an unquoted "
                             "comma?)"),
                    rec->nfields_read, fc->header_width);
        return FY_OK;
    }
    return case_row(w, rec, err);
}

/* Read part @p k of the job into a new fragment. */
static struct fragment *read_part(struct cworker *w, const struct cases_job *job,
                                  size_t k)
{
    struct fragment *f = fy_xcalloc(1, sizeof(*f));
    size_t from = k ? job->ends[k - 1] : 0, n = job->ends[k] - from;
    const char *s = job->text + from;
    struct ingest_reader r;

    f->part = k;
    f->worker = w->index;
    f->pool_mark = fy_strpool_count(w->pool);
    w->frag = f;
    w->fc = job->fc;
    fy_buf_append(&f->text, "", 0);
    ingest_reader_init(&r, job->path, 1, part_record, w, &f->err);
    f->rc = ingest_reader_feed(&r, s, n);
    if (f->rc == FY_OK && k + 1 == job->nparts)
        f->rc = ingest_reader_finish(&r, n > 0 && s[n - 1] == '\n');
    f->lines = r.line - 1;
    ingest_reader_release(&r);
    w->frag = NULL;
    return f;
}

/* ------------------------------------------------------------------ */
/* Merging a fragment into the dataset                                  */
/* ------------------------------------------------------------------ */

static void note_duplicate(struct fy_dataset *ds, const struct fy_case *old,
                           const struct fy_case *new, int new_wins)
{
    struct fy_buf a = FY_BUF_INIT, b = FY_BUF_INIT;
    const struct fy_case *lost = new_wins ? old : new;
    const struct fy_case *won = new_wins ? new : old;
    const char *why;

    ds->quality.files[lost->file].rows_duplicate++;
    ds->quality.files[lost->file].rows_used--;
    if (ds->quality.notice_counts[FY_NOTE_DUPLICATE_CASE] >= FY_MAX_NOTICES) {
        /* counted, not kept: no message to write */
        ingest_note_add(&ds->quality, FY_NOTE_DUPLICATE_CASE, new->file,
                        new->line, NULL);
        return;
    }
    if (old->closed_on == new->closed_on)
        why = old->closed_on == FY_NO_DATE
                  ? _("both pending: the row read later wins")
                  : _("the same 结案日期: the row read later wins");
    else if (lost->closed_on == FY_NO_DATE)
        why = _("a closed case wins over a pending one");
    else
        why = _("the later 结案日期 wins");
    ingest_where(ds, lost->file, lost->line, &a);
    ingest_where(ds, won->file, won->line, &b);
    fy_quality_note(&ds->quality, FY_NOTE_DUPLICATE_CASE, new->file, new->line,
                    _("案号 %s is read twice: the row at %s is used, the one "
                      "at %s is not (%s)"),
                    fy_strpool_get(ds->pool, new->case_no), fy_buf_str(&b),
                    fy_buf_str(&a), why);
    fy_buf_release(&a);
    fy_buf_release(&b);
}

/* Append the 被告 @p ids of case @p c to ds->defendants. */
static void keep_defendants(struct fy_dataset *ds, struct fy_case *c,
                            const uint32_t *ids)
{
    FY_GROW(ds->defendants, ds->ndefendants + c->ndefendants,
            ds->capdefendants);
    c->defendants = (uint32_t)ds->ndefendants;
    for (size_t i = 0; i < c->ndefendants; i++)
        ds->defendants[ds->ndefendants++] = ids[i];
}

static void add_case(struct fy_dataset *ds, struct fy_case *c,
                     const uint32_t *defendant_ids)
{
    uint32_t *slot = ingest_case_slot(ds, c->case_no);

    ds->quality.files[c->file].rows_used++;
    if (*slot) {
        struct fy_case *old = &ds->cases[*slot - 1];
        int new_wins;
        if (c->closed_on == FY_NO_DATE)
            new_wins = old->closed_on == FY_NO_DATE;
        else
            new_wins = old->closed_on == FY_NO_DATE
                       || c->closed_on >= old->closed_on;
        note_duplicate(ds, old, c, new_wins);
        if (new_wins) {
            keep_defendants(ds, c, defendant_ids);
            *old = *c;
        }
        return;
    }
    keep_defendants(ds, c, defendant_ids);
    FY_GROW(ds->cases, ds->ncases + 1, ds->capcases);
    ds->cases[ds->ncases++] = *c;
    *slot = (uint32_t)ds->ncases;
}

static void emit_notes(struct fy_dataset *ds, struct fragment *f, size_t *at,
                       uint32_t upto, unsigned long base, uint32_t file)
{
    while (*at < f->nnotes && f->notes[*at].row <= upto) {
        struct fnote *n = &f->notes[*at];
        ingest_note_add(&ds->quality, n->kind, file,
                        (uint32_t)(n->line + base), n->message);
        n->message = NULL; /* owned by the dataset now, or freed */
        (*at)++;
    }
}

/* The error of a fragment, its line counted from the file's start. */
static fy_status take_error(const struct fragment *f, unsigned long base,
                            struct fy_error *err)
{
    *err = f->err;
    if (f->err.where.file == f->err.file)
        err->where.file = err->file;
    if (err->where.line)
        err->where.line += base;
    return f->rc;
}

static void merge(struct cases_run *run, struct fragment *f,
                  uint32_t file, unsigned long base)
{
    struct fy_dataset *ds = run->ds;
    unsigned w = f->worker;
    struct fy_file_info *fi = &ds->quality.files[file];
    uint32_t local[FY_MAX_DEFENDANTS];

    /* the worker's new strings, in the order of their first use */
    size_t need = f->pool_mark + f->nfresh / 2 + 1;
    if (need > run->nwmap[w]) {
        size_t cap = run->nwmap[w] ? run->nwmap[w] : 256;
        while (cap < need)
            cap *= 2;
        run->wmap[w] = fy_xreallocarray(run->wmap[w], cap, sizeof(uint32_t));
        memset(run->wmap[w] + run->nwmap[w], 0,
               (cap - run->nwmap[w]) * sizeof(uint32_t));
        run->nwmap[w] = cap;
    }
    uint32_t *map = run->wmap[w];
    for (size_t i = 0; i < f->nfresh / 2; i++)
        map[f->pool_mark + i] = fy_strpool_intern(
            ds->pool, f->text.data + f->fresh[2 * i], f->fresh[2 * i + 1]);

    fi->rows_read += f->rows_read;
    fi->rows_skipped += f->rows_skipped;
    for (size_t i = 0; i < f->nrejects; i++) {
        f->rejects[i].line = (uint32_t)(f->rejects[i].line + base);
        ingest_reject_add(ds, &f->rejects[i]);
    }
    f->nrejects = 0; /* owned by the dataset now */

    size_t at = 0;
    for (size_t i = 0; i < f->ncases; i++) {
        struct fcase *x = &f->cases[i];
        struct fy_case c = x->c;
        emit_notes(ds, f, &at, x->row, base, file);
        c.line = (uint32_t)(c.line + base);
        c.defendant = map[c.defendant];
        c.domain = map[c.domain];
        c.action_type = map[c.action_type];
        for (size_t k = 0; k < c.ndefendants; k++)
            local[k] = map[f->defs[x->defs + k]];
        c.case_no = fy_strpool_intern(ds->pool, f->text.data + x->cn,
                                      x->cn_len);
        add_case(ds, &c, local);
    }
    emit_notes(ds, f, &at, UINT32_MAX, base, file);
}

/* ------------------------------------------------------------------ */
/* The run: workers and the parts of each file                          */
/* ------------------------------------------------------------------ */

static void *worker_main(void *arg)
{
    struct cworker *w = arg;
    struct cases_run *run = w->run;
    /* parts read ahead of the merge: a bounded number */
    size_t window = 2 * (size_t)run->njobs + 2;

    pthread_mutex_lock(&run->lock);
    for (;;) {
        while (!run->quit
               && (run->stop || run->next >= run->job.nparts
                   || run->next >= run->merged + window))
            pthread_cond_wait(&run->cond, &run->lock);
        if (run->quit)
            break;
        size_t k = run->next++;
        struct cases_job job = run->job;
        pthread_mutex_unlock(&run->lock);
        struct fragment *f = read_part(w, &job, k);
        pthread_mutex_lock(&run->lock);
        run->done[k] = f;
        pthread_cond_broadcast(&run->cond);
    }
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

static void worker_init(struct cases_run *run, struct cworker *w, unsigned i)
{
    const struct fy_dataset *ds = run->ds;

    w->run = run;
    w->index = i;
    w->pool = fy_strpool_new();
    if (norm_caseno_parser_new(&w->caseno, NULL) != FY_OK)
        FY_BUG("case number grammar does not compile");
    /* strings every worker has: interned before any fragment, so the
     * merge maps them through the first fragment's new strings */
    w->other_action = FY_STR_NONE;
    w->other_domain = FY_STR_NONE;
    (void)ds;
}

unsigned ingest_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        return 1;
    return n > 64 ? 64 : (unsigned)n;
}

struct cases_run *ingest_cases_new(struct fy_dataset *ds, unsigned jobs)
{
    struct cases_run *run = fy_xcalloc(1, sizeof(*run));

    if (jobs == 0)
        jobs = ingest_default_jobs();
    run->ds = ds;
    run->njobs = jobs;
    run->part_bytes = PART_BYTES;
    const char *pb = getenv("FY_PART_BYTES");
    if (pb && atol(pb) > 0)
        run->part_bytes = (size_t)atol(pb);
    pthread_mutex_init(&run->rules_lock, NULL);
    pthread_mutex_init(&run->lock, NULL);
    pthread_cond_init(&run->cond, NULL);
    run->workers = fy_xcalloc(jobs, sizeof(*run->workers));
    run->wmap = fy_xcalloc(jobs, sizeof(*run->wmap));
    run->nwmap = fy_xcalloc(jobs, sizeof(*run->nwmap));
    for (unsigned i = 0; i < jobs; i++)
        worker_init(run, &run->workers[i], i);
    return run;
}

static void workers_start(struct cases_run *run)
{
    if (run->njobs < 2 || run->workers[0].started)
        return;
    for (unsigned i = 0; i < run->njobs; i++) {
        if (pthread_create(&run->workers[i].thread, NULL, worker_main,
                           &run->workers[i]) != 0)
            FY_BUG("cannot start a thread");
        run->workers[i].started = 1;
    }
}

const struct ingest_gb18030 *ingest_cases_gb18030(struct cases_run *run)
{
    if (!run->gb18030_tried) {
        run->gb18030 = ingest_gb18030_table();
        run->gb18030_tried = 1;
    }
    return run->gb18030;
}

void ingest_cases_free(struct cases_run *run)
{
    if (!run)
        return;
    free(run->gb18030);
    pthread_mutex_lock(&run->lock);
    run->quit = 1;
    pthread_cond_broadcast(&run->cond);
    pthread_mutex_unlock(&run->lock);
    for (unsigned i = 0; i < run->njobs; i++) {
        struct cworker *w = &run->workers[i];
        if (w->started)
            pthread_join(w->thread, NULL);
        fy_strpool_free(w->pool);
        norm_caseno_parser_free(w->caseno);
        for (int c = 0; c < C_NCOLS; c++) {
            free(w->memo[c].entries);
            free(w->memo[c].slots);
        }
        fy_buf_release(&w->keys);
        free(w->lists);
        for (int k = 0; k < 3; k++)
            fy_buf_release(&w->cell[k]);
        fy_buf_release(&w->msg);
        free(run->wmap[i]);
    }
    free(run->workers);
    free(run->wmap);
    free(run->nwmap);
    pthread_mutex_destroy(&run->rules_lock);
    pthread_mutex_destroy(&run->lock);
    pthread_cond_destroy(&run->cond);
    free(run);
}

/* The strings of a worker that do not come from a cell. */
static fy_status worker_constants(struct cases_run *run, struct cworker *w,
                                  struct fragment *f, struct fy_error *err)
{
    const char *dom;

    if (w->other_action != FY_STR_NONE)
        return FY_OK;
    /* the domain of a case with no 被告: 其他, unless a rule takes "" */
    pthread_mutex_lock(&run->rules_lock);
    fy_status rc = norm_domain(run->ds->rules, "", NULL, &dom, err);
    pthread_mutex_unlock(&run->rules_lock);
    if (rc != FY_OK)
        return rc;
    w->frag = f;
    w->other_domain = wintern(w, dom, strlen(dom));
    w->other_action = wintern(w, "其他", strlen("其他"));
    w->frag = NULL;
    return FY_OK;
}

/* The progress line after part @p k: the file's bytes read so far. */
static void report(const struct cases_run *run, const struct ingest_file_ctx *fc,
                   struct fy_progress *prog, const struct ingest_text *t,
                   size_t upto)
{
    const struct fy_ingest_opts *o = fc->opts;

    if (!prog || !o->progress)
        return;
    struct fy_progress p = *prog;
    /* bytes of the file as mapped: a decoded text has another size */
    p.bytes_done += t->size ? (uint64_t)((double)upto / (double)t->size
                                         * (double)t->map_size)
                            : 0;
    p.rows = ingest_rows_read(run->ds);
    o->progress(o->progress_ctx, &p);
}

fy_status ingest_cases_read(struct cases_run *run, struct ingest_file_ctx *fc,
                            const struct ingest_text *t, size_t from,
                            unsigned long line, struct fy_progress *prog,
                            struct fy_error *err)
{
    struct cases_job job;
    size_t nparts;
    size_t *ends = ingest_split(t->text + from, t->size - from,
                                run->part_bytes, &nparts);
    fy_status rc = FY_OK;
    unsigned long base = line - 1;

    job.path = fc->ds->quality.files[fc->file].path;
    job.text = t->text + from;
    job.ends = ends;
    job.nparts = nparts;
    job.fc = fc;
    run->done = fy_xcalloc(nparts, sizeof(*run->done));
    if (run->njobs < 2) {
        struct cworker *w = &run->workers[0];
        for (size_t k = 0; k < nparts; k++) {
            struct fragment *pre = fy_xcalloc(1, sizeof(*pre));
            fy_buf_append(&pre->text, "", 0);
            pre->pool_mark = fy_strpool_count(w->pool);
            if ((rc = worker_constants(run, w, pre, err)) != FY_OK) {
                fragment_free(pre);
                break;
            }
            /* the constants, if new, are mapped with the part's strings */
            struct fragment *f = read_part(w, &job, k);
            merge(run, pre, fc->file, base);
            fragment_free(pre);
            if (f->rc != FY_OK) {
                rc = take_error(f, base, err);
                fragment_free(f);
                break;
            }
            merge(run, f, fc->file, base);
            base += f->lines;
            fragment_free(f);
            ingest_text_done(t, from + (k ? ends[k - 1] : 0), from + ends[k]);
            report(run, fc, prog, t, from + ends[k]);
        }
    } else {
        /* the constants of every worker, mapped before any part */
        for (unsigned i = 0; i < run->njobs && rc == FY_OK; i++) {
            struct fragment *pre = fy_xcalloc(1, sizeof(*pre));
            fy_buf_append(&pre->text, "", 0);
            pre->worker = i;
            pre->pool_mark = fy_strpool_count(run->workers[i].pool);
            rc = worker_constants(run, &run->workers[i], pre, err);
            if (rc == FY_OK)
                merge(run, pre, fc->file, base);
            fragment_free(pre);
        }
        if (rc != FY_OK)
            goto done;
        workers_start(run);
        pthread_mutex_lock(&run->lock);
        run->job = job;
        run->next = 0;
        run->merged = 0;
        run->stop = 0;
        pthread_cond_broadcast(&run->cond);
        for (size_t k = 0; k < nparts; k++) {
            while (!run->done[k])
                pthread_cond_wait(&run->cond, &run->lock);
            struct fragment *f = run->done[k];
            run->done[k] = NULL;
            pthread_mutex_unlock(&run->lock);
            if (f->rc != FY_OK) {
                rc = take_error(f, base, err);
            } else {
                merge(run, f, fc->file, base);
                base += f->lines;
                ingest_text_done(t, from + (k ? ends[k - 1] : 0),
                                 from + ends[k]);
                report(run, fc, prog, t, from + ends[k]);
            }
            fragment_free(f);
            pthread_mutex_lock(&run->lock);
            run->merged = k + 1;
            pthread_cond_broadcast(&run->cond);
            if (rc != FY_OK) {
                /* read no more parts; wait for the ones being read */
                run->stop = 1;
                while (1) {
                    size_t pending = 0;
                    for (size_t j = k + 1; j < run->next; j++)
                        if (!run->done[j])
                            pending++;
                    if (!pending)
                        break;
                    pthread_cond_wait(&run->cond, &run->lock);
                }
                for (size_t j = k + 1; j < nparts; j++) {
                    fragment_free(run->done[j]);
                    run->done[j] = NULL;
                }
                break;
            }
        }
        run->job.nparts = 0;
        run->next = 0;
        pthread_mutex_unlock(&run->lock);
    }
done:
    free(run->done);
    run->done = NULL;
    free(ends);
    fc->lines = base;
    return rc;
}
