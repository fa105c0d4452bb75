/* SPDX-License-Identifier: MIT */
/*
 * ingest_rows.c - one data row into one typed record, by the rules of
 * data-contract.md; a row that breaks a rule is rejected with its column,
 * value and reason. What is derived from a distinct string (a court from
 * its name, a district and domain from a defendant, a category from a
 * 结案方式) is computed once per string and remembered.
 */
#include "ingest_int.h"

#include <stdlib.h>
#include <string.h>

#define MEMO_UNSET (-2)

/* What we remember about one distinct string (by pool id). */
struct memo {
    int32_t court;            /* court by name */
    int32_t district_name;    /* district by name (所属旗区) */
    int32_t district_def;     /* district of a defendant */
    int32_t disposition;      /* category; matched in disp_matched */
    uint32_t domain;          /* derived domain of a defendant (pool id) */
    uint32_t case_index;      /* index + 1 of the case with this 案号 */
    uint32_t rec_row;         /* index + 1 of the rec with this 建议编号 */
    uint32_t hearing_row;     /* index + 1 of the hearing with this 听证编号 */
    uint8_t disp_matched;
    uint8_t domain_set;
};

struct ingest_state {
    struct norm_caseno_parser *caseno;
    struct memo *memo;
    size_t nmemo;
    struct fy_u64map civil_keys;  /* court << 32 | month -> index + 1 */
    struct fy_u64map pop_keys;    /* district << 32 | year -> index + 1 */
};

struct ingest_state *ingest_state_new(void)
{
    struct ingest_state *st = fy_xcalloc(1, sizeof(*st));

    if (norm_caseno_parser_new(&st->caseno, NULL) != FY_OK)
        FY_BUG("case number grammar does not compile");
    return st;
}

void ingest_state_free(struct ingest_state *st)
{
    if (!st)
        return;
    norm_caseno_parser_free(st->caseno);
    free(st->memo);
    fy_u64map_release(&st->civil_keys);
    fy_u64map_release(&st->pop_keys);
    free(st);
}

static struct memo *memo_of(struct fy_dataset *ds, uint32_t id)
{
    struct ingest_state *st = ds->state;

    if (id >= st->nmemo) {
        size_t n = st->nmemo ? st->nmemo : 1024;
        while (n <= id)
            n *= 2;
        st->memo = fy_xreallocarray(st->memo, n, sizeof(*st->memo));
        for (size_t i = st->nmemo; i < n; i++) {
            st->memo[i] = (struct memo){MEMO_UNSET, MEMO_UNSET, MEMO_UNSET,
                                        MEMO_UNSET, 0, 0, 0, 0, 0, 0};
        }
        st->nmemo = n;
    }
    return &st->memo[id];
}

static uint32_t intern(struct fy_dataset *ds, const char *s)
{
    return fy_strpool_intern(ds->pool, s, strlen(s));
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

/* The normalised text of column @p c ("" when the file lacks it). */
static const char *cell(const struct ingest_file_ctx *fc, int c)
{
    return fc->header.field_of[c] >= 0 ? fy_buf_str(&fc->cell[c]) : "";
}

static const char *raw(const struct ingest_record *rec,
                       const struct ingest_file_ctx *fc, int c)
{
    int f = fc->header.field_of[c];

    return f >= 0 && (size_t)f < rec->nfields ? rec->fields[f] : "";
}

/* Reject the row, naming column @p c of the file's table (or -1). */
static void reject(struct ingest_file_ctx *fc, const struct ingest_record *rec,
                   int c, enum fy_reject_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void reject(struct ingest_file_ctx *fc, const struct ingest_record *rec,
                   int c, enum fy_reject_reason reason, const char *fmt, ...)
{
    struct fy_buf msg = FY_BUF_INIT;
    va_list ap;
    int f = c >= 0 ? fc->header.field_of[c] : -1;
    const char *name = c >= 0 ? (f >= 0 ? fc->header.names[c]
                                        : ingest_kind(fc->header.kind)
                                              ->columns[c].canonical)
                              : "";

    va_start(ap, fmt);
    fy_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    /* the message is printed on a terminal: no control characters */
    char *safe = fy_text_escaped(fy_buf_str(&msg));
    ingest_reject(fc->ds, fc->file, rec, f >= 0 ? (uint32_t)f + 1 : 0, name,
                  c >= 0 ? raw(rec, fc, c) : "", reason, "%s", safe);
    free(safe);
    fy_buf_release(&msg);
}

static const char *colname(const struct ingest_file_ctx *fc, int c)
{
    return ingest_kind(fc->header.kind)->columns[c].canonical;
}

/* A required date; 0 on success, else the row has been rejected. */
static int need_date(struct ingest_file_ctx *fc,
                     const struct ingest_record *rec, int c, int32_t *days)
{
    switch (norm_date(cell(fc, c), days)) {
    case NORM_OK:
        return 0;
    case NORM_EMPTY:
        reject(fc, rec, c, FY_REJ_MISSING, _("%s is empty"), colname(fc, c));
        return -1;
    default:
        reject(fc, rec, c, FY_REJ_DATE,
               _("%s '%s' is not a date (write 2023-01-05)"), colname(fc, c),
               cell(fc, c));
        return -1;
    }
}

static int opt_date(struct ingest_file_ctx *fc,
                    const struct ingest_record *rec, int c, int32_t *days)
{
    *days = FY_NO_DATE;
    if (norm_date_optional(cell(fc, c), days) == NORM_BAD) {
        reject(fc, rec, c, FY_REJ_DATE,
               _("%s '%s' is not a date (write 2023-01-05, or leave it "
                 "empty)"), colname(fc, c), cell(fc, c));
        return -1;
    }
    return 0;
}

static int opt_yesno(struct ingest_file_ctx *fc,
                     const struct ingest_record *rec, int c, uint8_t *out)
{
    enum fy_yesno v = FY_UNKNOWN;

    if (norm_yesno(cell(fc, c), &v) == NORM_BAD) {
        reject(fc, rec, c, FY_REJ_YESNO,
               _("%s '%s' is not yes or no (write 是 or 否)"), colname(fc, c),
               cell(fc, c));
        return -1;
    }
    *out = (uint8_t)v;
    return 0;
}

static int need_text(struct ingest_file_ctx *fc,
                     const struct ingest_record *rec, int c)
{
    if (*cell(fc, c))
        return 0;
    reject(fc, rec, c, FY_REJ_MISSING, _("%s is empty"), colname(fc, c));
    return -1;
}

/* The court named in column @p c (memoised); NORM_NONE when unknown. */
static int court_named(struct fy_dataset *ds, const char *name)
{
    struct memo *m = memo_of(ds, intern(ds, name));

    if (m->court == MEMO_UNSET)
        m->court = norm_court_find(ds->registry, name);
    return m->court;
}

/* ------------------------------------------------------------------ */
/* cases                                                               */
/* ------------------------------------------------------------------ */

static void note_duplicate(struct fy_dataset *ds, const struct fy_case *old,
                           const struct fy_case *new, int new_wins)
{
    struct fy_buf a = FY_BUF_INIT, b = FY_BUF_INIT;
    const struct fy_case *lost = new_wins ? old : new;
    const struct fy_case *won = new_wins ? new : old;
    const char *why;

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
    ds->quality.files[lost->file].rows_duplicate++;
    ds->quality.files[lost->file].rows_used--;
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

static void add_case(struct ingest_file_ctx *fc, struct fy_case *c,
                     const uint32_t *defendant_ids)
{
    struct fy_dataset *ds = fc->ds;
    struct memo *m = memo_of(ds, c->case_no);

    ds->quality.files[fc->file].rows_used++;
    if (m->case_index) {
        struct fy_case *old = &ds->cases[m->case_index - 1];
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
    m->case_index = (uint32_t)ds->ncases;
}

static void derive_defendant(struct fy_dataset *ds, uint32_t id,
                             struct memo **out)
{
    struct memo *m = memo_of(ds, id);

    if (!m->domain_set) {
        const char *name = fy_strpool_get(ds->pool, id);
        int d = norm_district_of_defendant(ds->registry, name);
        uint32_t dom = intern(ds, norm_domain(ds->rules, name));
        m = memo_of(ds, id); /* intern may have grown the memo */
        m->district_def = d;
        m->domain = dom;
        m->domain_set = 1;
    }
    *out = m;
}

/*
 * Every check that can reject the row comes before the first notice: a
 * rejected row is left out of every figure, so no fallback (其他, the
 * court taken from the 案号, ...) may be counted for it.
 */
static void case_row(struct ingest_file_ctx *fc,
                     const struct ingest_record *rec)
{
    struct fy_dataset *ds = fc->ds;
    struct ingest_state *st = ds->state;
    struct fy_case c;
    struct norm_caseno no;
    size_t ntypes;
    const struct norm_case_type *types = norm_case_types(&ntypes);
    uint32_t line = (uint32_t)rec->line;

    memset(&c, 0, sizeof(c));
    c.file = fc->file;
    c.line = line;
    c.disposition = NORM_DISP_NONE;

    /* 案号 */
    switch (norm_caseno_parse(st->caseno, cell(fc, C_CASE_NO), &no)) {
    case NORM_CASENO_OK:
        break;
    case NORM_CASENO_EMPTY:
        reject(fc, rec, C_CASE_NO, FY_REJ_MISSING, "%s", _("案号 is empty"));
        return;
    case NORM_CASENO_NOT_ADMIN:
        reject(fc, rec, C_CASE_NO, FY_REJ_NOT_ADMIN,
               _("案号 '%s' has case-type code '%s', which is not an "
                 "administrative case type"), cell(fc, C_CASE_NO),
               no.canonical);
        return;
    default:
        reject(fc, rec, C_CASE_NO, FY_REJ_CASE_NO,
               _("案号 '%s' does not parse (write it like "
                 "(2023)内0603行初15号)"), cell(fc, C_CASE_NO));
        return;
    }
    c.case_no = intern(ds, no.canonical);
    c.case_type = (uint8_t)no.type;
    c.case_year = (uint16_t)no.year;
    int first = types[no.type].cls == NORM_CLASS_FIRST;
    if (first)
        c.flags |= FY_CASE_FIRST;

    /* 经办法院 */
    if (need_text(fc, rec, C_COURT))
        return;
    int court = court_named(ds, cell(fc, C_COURT));
    int by_code = court == NORM_NONE;
    if (by_code) {
        court = norm_court_by_code(ds->registry, no.court_code);
        size_t cl = strlen(no.court_code), zl = strlen("知");
        if (court == NORM_NONE && cl > zl
            && strcmp(no.court_code + cl - zl, "知") == 0) {
            /* 内0603知 is the IP division of the court 内0603 */
            char plain[sizeof(no.court_code)];
            snprintf(plain, sizeof(plain), "%.*s", (int)(cl - zl),
                     no.court_code);
            court = norm_court_by_code(ds->registry, plain);
        }
        if (court == NORM_NONE) {
            reject(fc, rec, C_COURT, FY_REJ_COURT,
                   _("court '%s' is not in the court registry, nor is the "
                     "code '%s' of the 案号 (check the name, or give "
                     "--courts FILE)"), cell(fc, C_COURT), no.court_code);
            return;
        }
    }
    c.court = (uint16_t)court;

    /* 立案日期, 结案日期 */
    if (need_date(fc, rec, C_FILED, &c.filed_on)
        || opt_date(fc, rec, C_CLOSED, &c.closed_on))
        return;
    if (c.closed_on != FY_NO_DATE && c.closed_on < c.filed_on) {
        reject(fc, rec, C_CLOSED, FY_REJ_CLOSED_BEFORE,
               _("结案日期 %s is before 立案日期 %s"), cell(fc, C_CLOSED),
               cell(fc, C_FILED));
        return;
    }

    /* 结案方式 */
    const char *disp = cell(fc, C_DISPOSITION);
    int disp_matched = 1;
    if (c.closed_on != FY_NO_DATE) {
        if (!*disp) {
            reject(fc, rec, C_DISPOSITION, FY_REJ_NO_DISPOSITION, "%s",
                   _("the case is closed (结案日期 given) but 结案方式 is "
                     "empty"));
            return;
        }
        struct memo *m = memo_of(ds, intern(ds, disp));
        if (m->disposition == MEMO_UNSET) {
            int matched;
            m->disposition = (int32_t)norm_disposition(ds->rules, disp,
                                                       &matched);
            m->disp_matched = (uint8_t)matched;
        }
        c.disposition = (uint8_t)m->disposition;
        disp_matched = m->disp_matched;
        unsigned fl = norm_rules_category_flags(ds->rules, c.disposition);
        if (first && (fl & NORM_DISP_LOSS))
            c.flags |= FY_CASE_LOSS;
        if (fl & NORM_DISP_JUDGMENT)
            c.flags |= FY_CASE_JUDGMENT;
        if (fl & NORM_DISP_MW)
            c.flags |= FY_CASE_MW;
    }

    /* 被告: every distinct name, in the order named */
    struct norm_item items_local[16], *items = items_local;
    const char *defendants = cell(fc, C_DEFENDANT);
    size_t nd = norm_list_split(defendants, NORM_SPLIT_DEFENDANTS, items, 16);
    if (nd == 0 && first) {
        reject(fc, rec, C_DEFENDANT, FY_REJ_NO_DEFENDANT, "%s",
               _("a first-instance case needs a 被告"));
        return;
    }
    if (nd > 16) {
        items = fy_xreallocarray(NULL, nd, sizeof(*items));
        nd = norm_list_split(defendants, NORM_SPLIT_DEFENDANTS, items, nd);
    }
    uint32_t def_ids[FY_MAX_DEFENDANTS];
    size_t ndistinct = 0, nnamed = nd, ndropped = 0;
    for (size_t i = 0; i < nd; i++) {
        uint32_t id = fy_strpool_intern(ds->pool, items[i].s, items[i].n);
        size_t j = 0;
        while (j < ndistinct && def_ids[j] != id)
            j++;
        if (j < ndistinct)
            continue; /* a name repeated in the cell counts once */
        if (ndistinct == FY_MAX_DEFENDANTS) {
            ndropped++;
            continue;
        }
        def_ids[ndistinct++] = id;
    }
    if (items != items_local)
        free(items);
    nd = ndistinct;
    c.ndefendants = (uint8_t)nd;
    int def_district = NORM_NONE;
    uint32_t def_domain = FY_STR_NONE;
    if (nd > 0) {
        struct memo *dm;
        c.defendant = def_ids[0];
        derive_defendant(ds, c.defendant, &dm);
        /* copied: a later intern() may move the memo table */
        def_district = dm->district_def;
        def_domain = dm->domain;
    }
    /* a 人民政府 after the first 被告: the reviewing government named as
     * co-defendant (joint_defendant counts it for reconsidered cases) */
    for (size_t i = 1; i < nd; i++) {
        const char *name = fy_strpool_get(ds->pool, def_ids[i]);
        size_t n = strlen(name), k = strlen("人民政府");
        if (n >= k && strcmp(name + n - k, "人民政府") == 0) {
            c.flags |= FY_CASE_JOINT;
            break;
        }
    }

    /* 所属旗区 */
    const char *district = cell(fc, C_DISTRICT);
    if (*district) {
        struct memo *m = memo_of(ds, intern(ds, district));
        if (m->district_name == MEMO_UNSET)
            m->district_name = norm_district_find(ds->registry, district);
        if (m->district_name == NORM_NONE) {
            reject(fc, rec, C_DISTRICT, FY_REJ_DISTRICT,
                   _("所属旗区 '%s' is not a registered 旗区 nor 市本级"),
                   district);
            return;
        }
        c.district = (uint8_t)m->district_name;
    } else if (def_district != NORM_NONE) {
        c.district = (uint8_t)def_district;
    } else {
        c.district = (uint8_t)norm_registry_court(ds->registry, c.court)
                         ->district;
    }

    /* yes/no columns */
    if (opt_yesno(fc, rec, C_HEARING, &c.hearing_held)
        || opt_yesno(fc, rec, C_HEAD, &c.head_appeared)
        || opt_yesno(fc, rec, C_RECONSIDERED, &c.reconsidered))
        return;

    /* 管理领域, 行政行为种类 */
    const char *domain = cell(fc, C_DOMAIN);
    if (*domain)
        c.domain = intern(ds, domain);
    else if (nd > 0)
        c.domain = def_domain;
    else
        c.domain = intern(ds, norm_domain(ds->rules, ""));
    const char *action = cell(fc, C_ACTION);
    c.action_type = intern(ds, *action ? action : "其他");

    /* The row is used: its fallbacks and notes. */
    if (by_code)
        fy_quality_note(&ds->quality, FY_NOTE_COURT_BY_CODE, fc->file, line,
                        _("court '%s' is not in the registry; the 案号 code "
                          "'%s' gives %s"), cell(fc, C_COURT), no.court_code,
                        norm_registry_court(ds->registry, (size_t)court)->name);
    if (c.closed_on != FY_NO_DATE && !disp_matched)
        fy_quality_note(&ds->quality, FY_NOTE_DISPOSITION_OTHER, fc->file,
                        line, _("结案方式 '%s' matches no rule: counted as "
                                "其他"), disp);
    if (c.closed_on == FY_NO_DATE && *disp)
        fy_quality_note(&ds->quality, FY_NOTE_DISPOSITION_PENDING, fc->file,
                        line, _("结案方式 '%s' on a case with no 结案日期 is "
                                "ignored: the case counts as pending"), disp);
    if (nd > 1)
        fy_quality_note(&ds->quality, FY_NOTE_EXTRA_DEFENDANTS, fc->file,
                        line, _("被告 names %zu agencies: the case counts "
                                "under each; the first, '%s', gives its 旗区 "
                                "and 管理领域"), nd,
                        fy_strpool_get(ds->pool, c.defendant));
    if (ndropped)
        fy_quality_note(&ds->quality, FY_NOTE_EXTRA_DEFENDANTS, fc->file,
                        line, _("被告 names %zu agencies; only the first %u "
                                "different ones are kept"), nnamed,
                        FY_MAX_DEFENDANTS);

    /* 败诉原因 */
    const char *causes = cell(fc, C_CAUSES);
    if (*causes && !(c.flags & FY_CASE_LOSS)) {
        fy_quality_note(&ds->quality, FY_NOTE_CAUSE_IGNORED, fc->file, line,
                        _("败诉原因 '%s' on a case that is not an agency loss "
                          "is ignored"), causes);
    } else if (*causes) {
        struct norm_item ci[16];
        size_t nc = norm_list_split(causes, NORM_SPLIT_LIST, ci, 16);
        for (size_t i = 0; i < nc && i < 16; i++) {
            int matched;
            unsigned k = norm_loss_cause(ds->rules, ci[i].s, ci[i].n,
                                         &matched);
            c.loss_causes |= (uint16_t)(1u << k);
            if (!matched)
                fy_quality_note(&ds->quality, FY_NOTE_CAUSE_OTHER, fc->file,
                                line, _("败诉原因 '%.*s' matches no cause: "
                                        "counted as 其他"), (int)ci[i].n,
                                ci[i].s);
        }
    }
    add_case(fc, &c, def_ids);
}

/* ------------------------------------------------------------------ */
/* population                                                          */
/* ------------------------------------------------------------------ */

/* @p v with thousands separators ("1,000,000,000") into @p out. */
static const char *grouped(int64_t v, char out[32])
{
    char digits[24];
    int n = snprintf(digits, sizeof(digits), "%lld", (long long)v);
    size_t o = 0;

    for (int i = 0; i < n; i++) {
        if (i > 0 && digits[i] != '-' && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}

static void population_row(struct ingest_file_ctx *fc,
                           const struct ingest_record *rec)
{
    struct fy_dataset *ds = fc->ds;
    struct fy_population p;
    int year;
    int wan = fc->header.field_of[P_WAN] >= 0;
    int col = wan ? P_WAN : P_PERSONS;

    memset(&p, 0, sizeof(p));
    p.file = fc->file;
    p.line = (uint32_t)rec->line;
    if (need_text(fc, rec, P_DISTRICT))
        return;
    const char *name = cell(fc, P_DISTRICT);
    int d = norm_district_find(ds->registry, name);
    if (strcmp(name, norm_registry_city(ds->registry)) == 0) {
        p.district = FY_POP_CITY;
    } else if (d == NORM_NONE || d == (int)NORM_CITY_LEVEL) {
        reject(fc, rec, P_DISTRICT, FY_REJ_DISTRICT,
               _("'%s' is not a registered 旗区 nor the city (%s)"), name,
               norm_registry_city(ds->registry));
        return;
    } else {
        p.district = (uint8_t)d;
    }
    switch (norm_year(cell(fc, P_YEAR), &year)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, P_YEAR, FY_REJ_MISSING, "%s", _("年份 is empty"));
        return;
    default:
        reject(fc, rec, P_YEAR, FY_REJ_YEAR,
               _("年份 '%s' is not a year (write 2023)"), cell(fc, P_YEAR));
        return;
    }
    p.year = (int16_t)year;
    enum norm_result r = wan ? norm_decimal(cell(fc, col), 4, &p.persons)
                             : norm_count(cell(fc, col), &p.persons);
    if (r == NORM_EMPTY) {
        reject(fc, rec, col, FY_REJ_MISSING, _("%s is empty"),
               colname(fc, col));
        return;
    }
    if (r != NORM_OK) {
        reject(fc, rec, col, FY_REJ_COUNT,
               wan ? _("%s '%s' is not a number of 万人 with at most four "
                       "decimals")
                   : _("%s '%s' is not a whole number of persons"),
               colname(fc, col), cell(fc, col));
        return;
    }
    if (p.persons > FY_MAX_POPULATION) {
        char cap[32];
        char cap_wan[32];
        if (wan)
            reject(fc, rec, col, FY_REJ_COUNT,
                   _("%s '%s' is above the cap of %s 万人 (%s persons) for "
                     "a population (FY_MAX_POPULATION)"),
                   colname(fc, col), cell(fc, col),
                   grouped(FY_MAX_POPULATION / 10000, cap_wan),
                   grouped(FY_MAX_POPULATION, cap));
        else
            reject(fc, rec, col, FY_REJ_COUNT,
                   _("%s '%s' is above the cap of %s persons for a "
                     "population (FY_MAX_POPULATION)"),
                   colname(fc, col), cell(fc, col),
                   grouped(FY_MAX_POPULATION, cap));
        return;
    }
    uint64_t key = ((uint64_t)p.district << 32) | (uint32_t)year;
    const uint32_t *seen = fy_u64map_get(&ds->state->pop_keys, key);
    if (seen) {
        const struct fy_population *o = &ds->population[*seen - 1];
        struct fy_buf w = FY_BUF_INIT;
        reject(fc, rec, P_DISTRICT, FY_REJ_DUPLICATE_KEY,
               _("%s %d is given twice; the row at %s is kept"), name, year,
               ingest_where(ds, o->file, o->line, &w));
        fy_buf_release(&w);
        return;
    }
    FY_GROW(ds->population, ds->npopulation + 1, ds->cappopulation);
    ds->population[ds->npopulation++] = p;
    int added;
    *fy_u64map_slot(&ds->state->pop_keys, key, &added) =
        (uint32_t)ds->npopulation;
    ds->quality.files[fc->file].rows_used++;
}

/* ------------------------------------------------------------------ */
/* civil_filings                                                       */
/* ------------------------------------------------------------------ */

static void civil_row(struct ingest_file_ctx *fc,
                      const struct ingest_record *rec)
{
    struct fy_dataset *ds = fc->ds;
    struct fy_civil v;

    memset(&v, 0, sizeof(v));
    v.file = fc->file;
    v.line = (uint32_t)rec->line;
    if (need_text(fc, rec, V_COURT))
        return;
    int court = court_named(ds, cell(fc, V_COURT));
    if (court == NORM_NONE) {
        reject(fc, rec, V_COURT, FY_REJ_COURT,
               _("court '%s' is not in the court registry (check the name, "
                 "or give --courts FILE)"), cell(fc, V_COURT));
        return;
    }
    v.court = (uint16_t)court;
    switch (norm_month(cell(fc, V_MONTH), &v.month)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, V_MONTH, FY_REJ_MISSING, "%s", _("月份 is empty"));
        return;
    default:
        reject(fc, rec, V_MONTH, FY_REJ_MONTH,
               _("月份 '%s' is not a month (write 2023-03)"),
               cell(fc, V_MONTH));
        return;
    }
    switch (norm_count(cell(fc, V_COUNT), &v.count)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, V_COUNT, FY_REJ_MISSING, "%s",
               _("民事一审新收 is empty"));
        return;
    default:
        reject(fc, rec, V_COUNT, FY_REJ_COUNT,
               _("民事一审新收 '%s' is not a whole number"),
               cell(fc, V_COUNT));
        return;
    }
    if (v.count > FY_MAX_CIVIL_COUNT) {
        char cap[32];
        reject(fc, rec, V_COUNT, FY_REJ_COUNT,
               _("民事一审新收 '%s' is above the cap of %s for a court's "
                 "monthly count (FY_MAX_CIVIL_COUNT)"),
               cell(fc, V_COUNT), grouped(FY_MAX_CIVIL_COUNT, cap));
        return;
    }
    uint64_t key = ((uint64_t)v.court << 32) | (uint32_t)v.month;
    const uint32_t *seen = fy_u64map_get(&ds->state->civil_keys, key);
    if (seen) {
        const struct fy_civil *o = &ds->civil[*seen - 1];
        struct fy_buf w = FY_BUF_INIT;
        reject(fc, rec, V_MONTH, FY_REJ_DUPLICATE_KEY,
               _("%s, month %04d-%02d is given twice: here and at %s (the "
                 "row there is kept)"),
               norm_registry_court(ds->registry, v.court)->name,
               v.month / 12, v.month % 12 + 1,
               ingest_where(ds, o->file, o->line, &w));
        fy_buf_release(&w);
        return;
    }
    FY_GROW(ds->civil, ds->ncivil + 1, ds->capcivil);
    ds->civil[ds->ncivil++] = v;
    int added;
    *fy_u64map_slot(&ds->state->civil_keys, key, &added) =
        (uint32_t)ds->ncivil;
    ds->quality.files[fc->file].rows_used++;
}

/* ------------------------------------------------------------------ */
/* recommendations and hearings                                        */
/* ------------------------------------------------------------------ */

/* A key that must be unique; 0 when new, else the row is rejected. */
static int unique_key(struct ingest_file_ctx *fc,
                      const struct ingest_record *rec, int col, uint32_t id,
                      uint32_t other_file, uint32_t other_line, int seen)
{
    struct fy_buf w = FY_BUF_INIT;

    if (!seen)
        return 0;
    reject(fc, rec, col, FY_REJ_DUPLICATE_KEY,
           _("%s '%s' is given twice: here and at %s (the row there is "
             "kept)"), colname(fc, col), fy_strpool_get(fc->ds->pool, id),
           ingest_where(fc->ds, other_file, other_line, &w));
    fy_buf_release(&w);
    return -1;
}

static void rec_row(struct ingest_file_ctx *fc,
                    const struct ingest_record *rec)
{
    static const struct {
        const char *name;
        enum fy_adoption value;
    } adoptions[] = {
        {"采纳", FY_ADOPT_YES}, {"部分采纳", FY_ADOPT_PARTLY},
        {"未采纳", FY_ADOPT_NO},
    };
    struct fy_dataset *ds = fc->ds;
    struct fy_recommendation r;

    memset(&r, 0, sizeof(r));
    r.file = fc->file;
    r.line = (uint32_t)rec->line;
    if (need_text(fc, rec, R_NO) || need_text(fc, rec, R_KIND)
        || need_text(fc, rec, R_ISSUER) || need_text(fc, rec, R_RECIPIENT))
        return;
    r.rec_no = intern(ds, cell(fc, R_NO));
    const char *kind = cell(fc, R_KIND);
    if (strcmp(kind, "司法建议") == 0)
        r.kind = FY_REC_JUDICIAL;
    else if (strcmp(kind, "检察建议") == 0)
        r.kind = FY_REC_PROCURATORIAL;
    else {
        reject(fc, rec, R_KIND, FY_REJ_VALUE,
               _("建议类型 '%s' is neither 司法建议 nor 检察建议"), kind);
        return;
    }
    r.issuer = intern(ds, cell(fc, R_ISSUER));
    r.recipient = intern(ds, cell(fc, R_RECIPIENT));
    /* the 旗区 of a recommendation: its recipient's (rules 2-3), else
     * the city's own (white-paper.md, the 旗区 table) */
    int rd = norm_district_of_defendant(ds->registry, cell(fc, R_RECIPIENT));
    r.district = rd == NORM_NONE ? NORM_CITY_LEVEL : (uint32_t)rd;
    if (need_date(fc, rec, R_ISSUED, &r.issued_on)
        || opt_date(fc, rec, R_DUE, &r.due_on)
        || opt_date(fc, rec, R_REPLIED, &r.replied_on))
        return;
    const char *adoption = cell(fc, R_ADOPTION);
    r.adoption = FY_ADOPT_NONE;
    if (*adoption) {
        size_t i;
        for (i = 0; i < sizeof(adoptions) / sizeof(adoptions[0]); i++)
            if (strcmp(adoption, adoptions[i].name) == 0)
                break;
        if (i == sizeof(adoptions) / sizeof(adoptions[0])) {
            reject(fc, rec, R_ADOPTION, FY_REJ_VALUE,
                   _("采纳情况 '%s' is not one of 采纳, 部分采纳, 未采纳"),
                   adoption);
            return;
        }
        r.adoption = (uint8_t)adoptions[i].value;
    }
    struct memo *m = memo_of(ds, r.rec_no);
    if (m->rec_row) {
        const struct fy_recommendation *o = &ds->recs[m->rec_row - 1];
        unique_key(fc, rec, R_NO, r.rec_no, o->file, o->line, 1);
        return;
    }
    if (r.due_on == FY_NO_DATE) {
        char issued[11], due[11];
        r.due_on = r.issued_on + fc->opts->feedback_days;
        r.due_defaulted = 1;
        fy_date_format(r.issued_on, issued);
        fy_date_format(r.due_on, due);
        fy_quality_note(&ds->quality, FY_NOTE_DUE_DEFAULT, fc->file, (uint32_t)rec->line,
                        _("建议 %s has no 反馈期限: %s + %d days = %s is used"),
                        cell(fc, R_NO), issued, fc->opts->feedback_days, due);
    }
    FY_GROW(ds->recs, ds->nrecs + 1, ds->caprecs);
    ds->recs[ds->nrecs++] = r;
    m->rec_row = (uint32_t)ds->nrecs;
    ds->quality.files[fc->file].rows_used++;
}

static void hearing_row(struct ingest_file_ctx *fc,
                        const struct ingest_record *rec)
{
    struct fy_dataset *ds = fc->ds;
    struct fy_hearing h;

    memset(&h, 0, sizeof(h));
    h.file = fc->file;
    h.line = (uint32_t)rec->line;
    if (need_text(fc, rec, H_NO) || need_date(fc, rec, H_DATE, &h.held_on)
        || need_text(fc, rec, H_AGENCY))
        return;
    h.hearing_no = intern(ds, cell(fc, H_NO));
    h.agency = intern(ds, cell(fc, H_AGENCY));
    if (opt_yesno(fc, rec, H_HEAD, &h.head_attended))
        return;
    if (h.head_attended == FY_UNKNOWN && !*cell(fc, H_HEAD)) {
        reject(fc, rec, H_HEAD, FY_REJ_MISSING, "%s",
               _("负责人出席 is empty; it must say 是 or 否"));
        return;
    }
    if (h.head_attended == FY_UNKNOWN) {
        reject(fc, rec, H_HEAD, FY_REJ_MISSING,
               _("负责人出席 is '%s'; it must say 是 or 否"),
               cell(fc, H_HEAD));
        return;
    }
    struct memo *m = memo_of(ds, h.hearing_no);
    if (m->hearing_row) {
        const struct fy_hearing *o = &ds->hearings[m->hearing_row - 1];
        unique_key(fc, rec, H_NO, h.hearing_no, o->file, o->line, 1);
        return;
    }
    FY_GROW(ds->hearings, ds->nhearings + 1, ds->caphearings);
    ds->hearings[ds->nhearings++] = h;
    m->hearing_row = (uint32_t)ds->nhearings;
    ds->quality.files[fc->file].rows_used++;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

void ingest_row(struct ingest_file_ctx *fc, const struct ingest_record *rec)
{
    static void (*const handlers[FY_TABLE_NKINDS])(
        struct ingest_file_ctx *, const struct ingest_record *) = {
        case_row, population_row, civil_row, rec_row, hearing_row,
    };
    const struct ingest_kind *kd = ingest_kind(fc->header.kind);

    if (rec->too_large) {
        reject(fc, rec, -1, FY_REJ_TOO_LARGE,
               _("the row is too large (%zu fields; at most %u fields and "
                 "%u MiB)"), rec->nfields_read, FY_MAX_FIELDS,
               FY_MAX_RECORD_BYTES >> 20);
        return;
    }
    if (rec->nfields_read != fc->header_width) {
        reject(fc, rec, -1, FY_REJ_RAGGED,
               rec->nfields_read < fc->header_width
                   ? _("fields in the row: %zu, in the header: %zu; some are "
                       "missing (a stray line break or comma?)")
                   : _("fields in the row: %zu, in the header: %zu; there are "
                       "fields too many (an unquoted comma?)"),
               rec->nfields_read, fc->header_width);
        return;
    }

    for (size_t c = 0; c < kd->ncolumns; c++) {
        int f = fc->header.field_of[c];
        if (f >= 0 && (size_t)f < rec->nfields)
            fy_text_normalize(rec->fields[f], rec->lengths[f], &fc->cell[c]);
        else
            fy_buf_reset(&fc->cell[c]);
    }
    handlers[fc->header.kind](fc, rec);
}
