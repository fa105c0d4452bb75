/* SPDX-License-Identifier: MIT */
/*
 * ingest_rows.c - one data row of the small tables (population, civil
 * filings, recommendations, hearings) into one typed record, by the rules
 * of data-contract.md; a row that breaks a rule is rejected with its
 * column, value and reason. Rows of cases exports: ingest_cases.c.
 */
#include "ingest_int.h"

#include <stdlib.h>
#include <string.h>

#define MEMO_UNSET (-2)

/* What we remember about one distinct string (by pool id) of the small
 * tables (cases: ingest_cases.c). */
struct memo {
    int32_t court;            /* court by name */
    uint32_t rec_row;         /* index + 1 of the rec with this 建议编号 */
    uint32_t hearing_row;     /* index + 1 of the hearing with this 听证编号 */
};

struct ingest_state {
    struct memo *memo;
    uint32_t *case_of;            /* by 案号 pool id: case index + 1 */
    size_t ncase_of;
    size_t nmemo;
    struct fy_u64map civil_keys;  /* court << 32 | month -> index + 1 */
    struct fy_u64map pop_keys;    /* district << 32 | year -> index + 1 */
};

struct ingest_state *ingest_state_new(void)
{
    return fy_xcalloc(1, sizeof(struct ingest_state));
}

void ingest_state_free(struct ingest_state *st)
{
    if (!st)
        return;
    free(st->memo);
    free(st->case_of);
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
            st->memo[i] = (struct memo){MEMO_UNSET, 0, 0};
        }
        st->nmemo = n;
    }
    return &st->memo[id];
}

uint32_t *ingest_case_slot(struct fy_dataset *ds, uint32_t case_no)
{
    struct ingest_state *st = ds->state;

    if (case_no >= st->ncase_of) {
        size_t n = st->ncase_of ? st->ncase_of : 4096;
        while (n <= case_no)
            n *= 2;
        st->case_of = fy_xreallocarray(st->case_of, n, sizeof(uint32_t));
        memset(st->case_of + st->ncase_of, 0,
               (n - st->ncase_of) * sizeof(uint32_t));
        st->ncase_of = n;
    }
    return &st->case_of[case_no];
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

/* Reject the row, naming column @p c of the file's table (or -1); the
 * reason in words for the terminal and for documents (taken over). */
static void reject_as(struct ingest_file_ctx *fc,
                      const struct ingest_record *rec, int c,
                      enum fy_reject_reason reason, char *message, char *doc)
{
    int f = c >= 0 ? fc->header.field_of[c] : -1;
    const char *name = c >= 0 ? (f >= 0 ? fc->header.names[c]
                                        : ingest_kind(fc->header.kind)
                                              ->columns[c].canonical)
                              : "";

    ingest_reject(fc->ds, fc->file, rec, f >= 0 ? (uint32_t)f + 1 : 0, name,
                  c >= 0 ? raw(rec, fc, c) : "", reason, message, doc);
}

/* The same with the reason from the msgid @p fmt (N_()), looked up for
 * the terminal and for documents. */
static void reject(struct ingest_file_ctx *fc, const struct ingest_record *rec,
                   int c, enum fy_reject_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void reject(struct ingest_file_ctx *fc, const struct ingest_record *rec,
                   int c, enum fy_reject_reason reason, const char *fmt, ...)
{
    char *message, *doc;
    va_list ap;

    va_start(ap, fmt);
    ingest_reject_words(&message, &doc, fmt, ap);
    va_end(ap);
    reject_as(fc, rec, c, reason, message, doc);
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
        reject(fc, rec, c, FY_REJ_MISSING, N_("%s is empty"), colname(fc, c));
        return -1;
    default:
        reject(fc, rec, c, FY_REJ_DATE,
               N_("%s '%s' is not a date (write 2023-01-05)"), colname(fc, c),
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
               N_("%s '%s' is not a date (write 2023-01-05, or leave it "
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
               N_("%s '%s' is not yes or no (write 是 or 否)"), colname(fc, c),
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
    reject(fc, rec, c, FY_REJ_MISSING, N_("%s is empty"), colname(fc, c));
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
               N_("'%s' is not a registered 旗区 nor the city (%s)"), name,
               norm_registry_city(ds->registry));
        return;
    } else {
        p.district = (uint8_t)d;
    }
    switch (norm_year(cell(fc, P_YEAR), &year)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, P_YEAR, FY_REJ_MISSING, N_("年份 is empty"));
        return;
    default:
        reject(fc, rec, P_YEAR, FY_REJ_YEAR,
               N_("年份 '%s' is not a year (write 2023)"), cell(fc, P_YEAR));
        return;
    }
    p.year = (int16_t)year;
    enum norm_result r = wan ? norm_decimal(cell(fc, col), 4, &p.persons)
                             : norm_count(cell(fc, col), &p.persons);
    if (r == NORM_EMPTY) {
        reject(fc, rec, col, FY_REJ_MISSING, N_("%s is empty"),
               colname(fc, col));
        return;
    }
    if (r != NORM_OK) {
        reject(fc, rec, col, FY_REJ_COUNT,
               wan ? N_("%s '%s' is not a number of 万人 with at most four "
                        "decimals")
                   : N_("%s '%s' is not a whole number of persons"),
               colname(fc, col), cell(fc, col));
        return;
    }
    if (p.persons > FY_MAX_POPULATION) {
        char cap[32];
        char cap_wan[32];
        if (wan)
            reject(fc, rec, col, FY_REJ_COUNT,
                   N_("%s '%s' is above the cap of %s 万人 (%s persons) for "
                      "a population (FY_MAX_POPULATION)"),
                   colname(fc, col), cell(fc, col),
                   grouped(FY_MAX_POPULATION / 10000, cap_wan),
                   grouped(FY_MAX_POPULATION, cap));
        else
            reject(fc, rec, col, FY_REJ_COUNT,
                   N_("%s '%s' is above the cap of %s persons for a "
                      "population (FY_MAX_POPULATION)"),
                   colname(fc, col), cell(fc, col),
                   grouped(FY_MAX_POPULATION, cap));
        return;
    }
    uint64_t key = ((uint64_t)p.district << 32) | (uint32_t)year;
    const uint32_t *seen = fy_u64map_get(&ds->state->pop_keys, key);
    if (seen) {
        const struct fy_population *o = &ds->population[*seen - 1];
#define POP_TWICE N_("%s %d is given twice; the row at %s is kept")
        struct fy_buf w = FY_BUF_INIT, d = FY_BUF_INIT;
        reject_as(fc, rec, P_DISTRICT, FY_REJ_DUPLICATE_KEY,
                  fy_xasprintf(_(POP_TWICE), name, year,
                               ingest_where(ds, o->file, o->line, &w)),
                  fy_xasprintf(Z_(POP_TWICE), name, year,
                               ingest_where_doc(ds, o->file, o->line, &d)));
#undef POP_TWICE
        fy_buf_release(&w);
        fy_buf_release(&d);
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
               N_("court '%s' is not in the court registry (check the name, "
                  "or give --courts FILE)"), cell(fc, V_COURT));
        return;
    }
    v.court = (uint16_t)court;
    switch (norm_month(cell(fc, V_MONTH), &v.month)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, V_MONTH, FY_REJ_MISSING, N_("月份 is empty"));
        return;
    default:
        reject(fc, rec, V_MONTH, FY_REJ_MONTH,
               N_("月份 '%s' is not a month (write 2023-03)"),
               cell(fc, V_MONTH));
        return;
    }
    switch (norm_count(cell(fc, V_COUNT), &v.count)) {
    case NORM_OK:
        break;
    case NORM_EMPTY:
        reject(fc, rec, V_COUNT, FY_REJ_MISSING, N_("民事一审新收 is empty"));
        return;
    default:
        reject(fc, rec, V_COUNT, FY_REJ_COUNT,
               N_("民事一审新收 '%s' is not a whole number"),
               cell(fc, V_COUNT));
        return;
    }
    if (v.count > FY_MAX_CIVIL_COUNT) {
        char cap[32];
        reject(fc, rec, V_COUNT, FY_REJ_COUNT,
               N_("民事一审新收 '%s' is above the cap of %s for a court's "
                  "monthly count (FY_MAX_CIVIL_COUNT)"),
               cell(fc, V_COUNT), grouped(FY_MAX_CIVIL_COUNT, cap));
        return;
    }
    uint64_t key = ((uint64_t)v.court << 32) | (uint32_t)v.month;
    const uint32_t *seen = fy_u64map_get(&ds->state->civil_keys, key);
    if (seen) {
        const struct fy_civil *o = &ds->civil[*seen - 1];
#define CIVIL_TWICE N_("%s, month %04d-%02d is given twice: here and at %s " \
                         "(the row there is kept)")
        struct fy_buf w = FY_BUF_INIT, d = FY_BUF_INIT;
        const char *court = norm_registry_court(ds->registry, v.court)->name;
        int y = v.month / 12, m = v.month % 12 + 1;
        reject_as(fc, rec, V_MONTH, FY_REJ_DUPLICATE_KEY,
                  fy_xasprintf(_(CIVIL_TWICE), court, y, m,
                               ingest_where(ds, o->file, o->line, &w)),
                  fy_xasprintf(Z_(CIVIL_TWICE), court, y, m,
                               ingest_where_doc(ds, o->file, o->line, &d)));
#undef CIVIL_TWICE
        fy_buf_release(&w);
        fy_buf_release(&d);
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
#define KEY_TWICE N_("%s '%s' is given twice: here and at %s (the row " \
                       "there is kept)")
    struct fy_buf w = FY_BUF_INIT, d = FY_BUF_INIT;

    if (!seen)
        return 0;
    const char *key = fy_strpool_get(fc->ds->pool, id);
    reject_as(fc, rec, col, FY_REJ_DUPLICATE_KEY,
              fy_xasprintf(_(KEY_TWICE), colname(fc, col), key,
                           ingest_where(fc->ds, other_file, other_line, &w)),
              fy_xasprintf(Z_(KEY_TWICE), colname(fc, col), key,
                           ingest_where_doc(fc->ds, other_file, other_line,
                                            &d)));
#undef KEY_TWICE
    fy_buf_release(&w);
    fy_buf_release(&d);
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
               N_("建议类型 '%s' is neither 司法建议 nor 检察建议"), kind);
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
                   N_("采纳情况 '%s' is not one of 采纳, 部分采纳, 未采纳"),
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
        reject(fc, rec, H_HEAD, FY_REJ_MISSING,
               N_("负责人出席 is empty; it must say 是 or 否"));
        return;
    }
    if (h.head_attended == FY_UNKNOWN) {
        reject(fc, rec, H_HEAD, FY_REJ_MISSING,
               N_("负责人出席 is '%s'; it must say 是 or 否"),
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
        NULL, population_row, civil_row, rec_row, hearing_row,
    };
    const struct ingest_kind *kd = ingest_kind(fc->header.kind);

    if (rec->too_large) {
        reject(fc, rec, -1, FY_REJ_TOO_LARGE,
               N_("the row is too large (%zu fields; at most %u fields and "
                  "%u MiB)"), rec->nfields_read, FY_MAX_FIELDS,
               FY_MAX_RECORD_BYTES >> 20);
        return;
    }
    if (rec->nfields_read != fc->header_width) {
        reject(fc, rec, -1, FY_REJ_RAGGED,
               rec->nfields_read < fc->header_width
                   ? N_("fields in the row: %zu, in the header: %zu; some are "
                        "missing (a stray line break or comma?)")
                   : N_("fields in the row: %zu, in the header: %zu; there are "
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
    if (!handlers[fc->header.kind])
        FY_BUG("cases rows are read by ingest_cases.c");
    handlers[fc->header.kind](fc, rec);
}

fy_status ingest_caseno_limit(struct fy_error *err, const char *path,
                              unsigned long line, int field, const char *cell,
                              const char *why)
{
    /* not a guess that the 案号 is bad or unknown: an error */
    struct fy_loc at = {path, line, field >= 0 ? (unsigned long)field + 1 : 0};
    struct fy_buf q = FY_BUF_INIT;

    norm_quote(&q, cell, strlen(cell));
    fy_status rc = fy_fail(err, FY_E_REGEX, &at,
                           _("案号 '%s': the case number grammar was "
                             "stopped on it (PCRE2: %s)"),
                           fy_buf_str(&q), why);
    fy_buf_release(&q);
    return rc;
}
