/* SPDX-License-Identifier: MIT */
/*
 * stats_engine.c - answering a request: one pass over each table per
 * (sub-)period, every metric's numerator and denominator counted exactly
 * into the row of the record's dimension values.
 *
 * A time dimension splits the period into buckets (P intersected with
 * each calendar month, quarter or year), and each bucket is evaluated as
 * a period of its own: 旧存 and 未结 are counted at the bucket's start
 * and end. The total row is evaluated over the whole period, never summed
 * from the rows (rates and 旧存/未结 do not add up). Without a time
 * dimension one pass over the cases counts the rows, the total and the
 * comparison period together (count_case).
 */
#include "stats_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Rows keyed by dimension values                                      */
/* ------------------------------------------------------------------ */

struct builder {
    const struct fy_dataset *ds;
    const struct stats_request *req;
    struct stats_result *res;
    size_t ndims;             /* 0 for the total */
    int which;                /* 0 = current period, 1 = comparison */
    uint32_t *slots;          /* row index + 1 */
    size_t nslots;
    /* a row builder whose pass over the cases also counts the total
     * (no time dimension: the total is over the same period), and the
     * total's builder that then leaves the cases to it */
    int with_total, no_cases;
    /* the comparison period, when the pass over the cases counts it too
     * (no time dimension: the rows of both periods have the same keys) */
    const struct stats_period *cmp;
};

static uint64_t key_hash(const uint32_t *key)
{
    uint64_t h = 1469598103934665603ull;

    for (size_t i = 0; i < STATS_MAX_DIMS; i++) {
        h ^= key[i];
        h *= 1099511628211ull;
        h ^= h >> 29;
    }
    return h;
}

static struct stats_cell *new_cells(size_t n)
{
    return fy_xcalloc(n ? n : 1, sizeof(struct stats_cell));
}

static void grow_slots(struct builder *b)
{
    size_t n = b->nslots ? b->nslots * 2 : 256;
    uint32_t *slots = fy_xcalloc(n, sizeof(*slots));

    for (size_t r = 0; r < b->res->nrows; r++) {
        size_t j = key_hash(b->res->rows[r].key) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)r + 1;
    }
    free(b->slots);
    b->slots = slots;
    b->nslots = n;
}

/* The row with @p key (the total when the builder has no dimension),
 * made when it is not there yet. */
static struct stats_row *row_of(struct builder *b, const uint32_t *key)
{
    struct stats_result *res = b->res;
    size_t nm = b->req->nmetrics;

    if (b->ndims == 0)
        return &res->total;
    if ((res->nrows + 1) * 2 > b->nslots)
        grow_slots(b);
    size_t j = key_hash(key) & (b->nslots - 1);
    while (b->slots[j]) {
        struct stats_row *r = &res->rows[b->slots[j] - 1];
        if (memcmp(r->key, key, sizeof(r->key)) == 0)
            return r;
        j = (j + 1) & (b->nslots - 1);
    }
    FY_GROW(res->rows, res->nrows + 1, res->caprows);
    struct stats_row *r = &res->rows[res->nrows];
    memcpy(r->key, key, sizeof(r->key));
    r->cells = new_cells(nm);
    r->prev = b->req->compare ? new_cells(nm) : NULL;
    b->slots[j] = (uint32_t)++res->nrows;
    return r;
}

/* The cells of the row with @p key for the builder's period. */
static struct stats_cell *row_cells(struct builder *b, const uint32_t *key)
{
    struct stats_row *r = row_of(b, key);

    return b->which ? r->prev : r->cells;
}

/* Does the builder have a row for @p key already? */
static int has_row(const struct builder *b, const uint32_t *key)
{
    if (!b->nslots)
        return 0;
    size_t j = key_hash(key) & (b->nslots - 1);
    while (b->slots[j]) {
        const struct stats_row *r = &b->res->rows[b->slots[j] - 1];
        if (memcmp(r->key, key, sizeof(r->key)) == 0)
            return 1;
        j = (j + 1) & (b->nslots - 1);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Filters and keys                                                    */
/* ------------------------------------------------------------------ */

static uint32_t case_code(const struct fy_case *c, enum stats_dim d)
{
    switch (d) {
    case DIM_COURT: return c->court;
    case DIM_DISTRICT: return c->district;
    case DIM_DEFENDANT: return c->defendant ? c->defendant : STATS_NULL;
    case DIM_DOMAIN: return c->domain;
    case DIM_ACTION_TYPE: return c->action_type;
    case DIM_CASE_TYPE: return (uint32_t)norm_case_type_name_index(c->case_type);
    case DIM_DISPOSITION:
        return c->disposition == NORM_DISP_NONE ? STATS_NULL : c->disposition;
    default: return STATS_NULL;
    }
}

static uint32_t civil_code(const struct fy_dataset *ds, const struct fy_civil *v,
                           enum stats_dim d)
{
    if (d == DIM_COURT)
        return v->court;
    if (d == DIM_DISTRICT)
        return norm_registry_court(ds->registry, v->court)->district;
    return STATS_NULL;
}

static uint32_t rec_code(const struct fy_recommendation *r, enum stats_dim d)
{
    if (d == DIM_REC_KIND)
        return r->kind;
    if (d == DIM_RECIPIENT)
        return r->recipient;
    if (d == DIM_DISTRICT)
        return r->district;
    return STATS_NULL;
}

/* Does a record pass the non-time filters? @p code gives its values. */
static int passes(const struct builder *b, uint32_t (*code)(const void *rec,
                                                           const struct
                                                           fy_dataset *ds,
                                                           enum stats_dim d),
                  const void *rec)
{
    for (size_t w = 0; w < b->req->nwhere; w++) {
        enum stats_dim d = b->req->where[w].dim;
        if (DIM_BIT(d) & TIME_DIMS)
            continue;
        if (code(rec, b->ds, d) != b->req->where[w].code)
            return 0;
    }
    return 1;
}

static uint32_t civil_code_v(const void *rec, const struct fy_dataset *ds,
                             enum stats_dim d)
{
    return civil_code(ds, rec, d);
}

static uint32_t rec_code_v(const void *rec, const struct fy_dataset *ds,
                           enum stats_dim d)
{
    (void)ds;
    return rec_code(rec, d);
}

static int in(int32_t day, const struct stats_period *p)
{
    return day != FY_NO_DATE && day >= p->start && day <= p->end;
}

/* ------------------------------------------------------------------ */
/* Evaluation of one (sub-)period                                      */
/* ------------------------------------------------------------------ */

/*
 * Every sum is checked. What is added is a count (>= 0; the ingest caps
 * keep each one below 10^9), so a sum that would pass INT64_MAX is marked
 * SUM_OVERFLOW, a negative value no sum of counts can take, and stays so;
 * stats_run() turns the mark into an FY_E_DATA error instead of a wrapped
 * figure.
 */
#define SUM_OVERFLOW INT64_MIN

static void sum_into(int64_t *sum, int64_t v)
{
    if (*sum < 0 || v < 0 || __builtin_add_overflow(*sum, v, sum))
        *sum = SUM_OVERFLOW;
}

static void add(struct stats_cell *cells, size_t m, int64_t num, int64_t den)
{
    sum_into(&cells[m].num, num);
    sum_into(&cells[m].den, den);
}

#define FACT_BIT(f) (1u << (f))
#define HAS(facts, f) (((facts) >> (f)) & 1u)

/*
 * What every metric of a request counts, looked up once (a pass over the
 * cases plans once, not once per case): a record's num[m] holds when its
 * facts (FACT_BIT per fact that holds) have a bit of nb[m] (and, for a
 * loss_cause metric, the cause of cm[m]: CAUSE_NONE for 未填写); den[m]
 * when they have a bit of db[m]. A metric's numerator and denominator
 * facts are its line of metrics.def.
 */
#define CAUSE_ANY UINT32_MAX
#define CAUSE_NONE 0u
struct fig_plan {
    size_t n;
    uint32_t nb[STATS_MAX_METRICS], db[STATS_MAX_METRICS];
    uint32_t cm[STATS_MAX_METRICS];
};

static void plan_figures(const struct stats_request *req,
                         struct fig_plan *pl)
{
    size_t ndefs;
    const struct stats_metric_def *defs = stats_metric_defs(&ndefs);

    pl->n = req->nmetrics;
    for (size_t m = 0; m < req->nmetrics; m++) {
        const struct stats_metric *mt = &req->metrics[m];
        if (mt->def < 0) {
            pl->nb[m] = pl->db[m] = FACT_BIT(FACT_LOSS);
            pl->cm[m] = mt->cause == NORM_NCAUSES ? CAUSE_NONE
                                                  : 1u << mt->cause;
        } else {
            const struct stats_metric_def *def = &defs[mt->def];
            pl->nb[m] = FACT_BIT(def->num_fact);
            pl->db[m] = def->den_fact == FACT_NONE ? 0
                                                   : FACT_BIT(def->den_fact);
            pl->cm[m] = CAUSE_ANY;
        }
    }
}

/* num[m] and den[m] of a record with @p facts by the plan, each counting
 * @p weight. Returns 0 when the record counts nowhere. */
static int plan_apply(const struct fig_plan *pl, uint32_t facts,
                      int64_t weight, unsigned cause_bits, int64_t *num,
                      int64_t *den)
{
    int any = 0;

    for (size_t m = 0; m < pl->n; m++) {
        int n = (facts & pl->nb[m]) != 0;
        int d = (facts & pl->db[m]) != 0;
        if (n && pl->cm[m] != CAUSE_ANY)
            n = pl->cm[m] == CAUSE_NONE ? cause_bits == 0
                                        : (cause_bits & pl->cm[m]) != 0;
        num[m] = n * weight;
        den[m] = d * weight;
        any |= n | d;
    }
    return any;
}

/* plan_apply() for a record of a table read once (civil filings,
 * recommendations, hearings). */
static int figures(uint32_t facts, int64_t weight,
                   const struct stats_request *req, int64_t *num,
                   int64_t *den, unsigned cause_bits)
{
    struct fig_plan pl;

    plan_figures(req, &pl);
    return plan_apply(&pl, facts, weight, cause_bits, num, den);
}

/* The facts of one case over @p p. */
static uint32_t case_facts(const struct fy_case *c,
                           const struct stats_period *p)
{
    int filed = in(c->filed_on, p);
    int closed = in(c->closed_on, p);
    int pend_start = c->filed_on < p->start
                     && (c->closed_on == FY_NO_DATE || c->closed_on >= p->start);
    int pend_end = c->filed_on <= p->end
                   && (c->closed_on == FY_NO_DATE || c->closed_on > p->end);
    if (!filed && !closed && !pend_start && !pend_end)
        return 0;
    int first = (c->flags & FY_CASE_FIRST) != 0;
    int fi_closed = first && closed;
    int heard = fi_closed && c->hearing_held == FY_YES;
    uint32_t f = 0;

    f |= (uint32_t)filed << FACT_FILED;
    f |= (uint32_t)closed << FACT_CLOSED;
    f |= (uint32_t)pend_start << FACT_PENDING_START;
    f |= (uint32_t)pend_end << FACT_PENDING_END;
    f |= (uint32_t)(pend_start || filed) << FACT_ON_DOCKET;
    f |= (uint32_t)fi_closed << FACT_FI_CLOSED;
    f |= (uint32_t)(fi_closed && (c->flags & FY_CASE_LOSS)) << FACT_LOSS;
    f |= (uint32_t)(fi_closed && (c->flags & FY_CASE_JUDGMENT)) << FACT_JUDGED;
    f |= (uint32_t)(fi_closed && (c->flags & FY_CASE_MW))
         << FACT_MEDIATED_WITHDRAWN;
    f |= (uint32_t)heard << FACT_HEARD;
    f |= (uint32_t)(heard && c->head_appeared == FY_YES) << FACT_HEAD_APPEARED;
    f |= (uint32_t)(first && filed) << FACT_FI_FILED;
    f |= (uint32_t)(first && filed) << FACT_FILINGS;
    /* 是否经复议: empty or unknown counts as no */
    int recon = fi_closed && c->reconsidered == FY_YES;
    f |= (uint32_t)recon << FACT_RECONSIDERED;
    f |= (uint32_t)(recon && (c->flags & FY_CASE_LOSS))
         << FACT_RECONSIDERED_LOSS;
    f |= (uint32_t)(recon && (c->flags & FY_CASE_JOINT))
         << FACT_JOINT_DEFENDANT;
    f |= (uint32_t)(recon && (c->flags & FY_CASE_JOINT)
                    && (c->flags & FY_CASE_LOSS))
         << FACT_REVIEW_LOSS;
    return f;
}

/* The figures of one case over @p p: num[m] and den[m] for every metric
 * of the request. Returns 0 when the case counts nowhere. */
static int case_figures(const struct fy_case *c, const struct stats_period *p,
                        const struct fig_plan *pl, int64_t *num, int64_t *den)
{
    uint32_t f = case_facts(c, p);

    return f && plan_apply(pl, f, 1, c->loss_causes, num, den);
}

/*
 * The defendant dimension is multi-valued: a case is in the row of each
 * of its 被告 (metrics.md), so rows may sum to more than the total, which
 * counts the case once. The @p j th 被告 of @p c (STATS_NULL for none).
 */
static uint32_t case_defendant(const struct fy_dataset *ds,
                               const struct fy_case *c, size_t j)
{
    return c->ndefendants ? ds->defendants[c->defendants + j] : STATS_NULL;
}

/* Does a case pass the non-time filters? defendant=X keeps the cases
 * that name X among their 被告. */
static int case_passes(const struct builder *b, const struct fy_case *c)
{
    for (size_t w = 0; w < b->req->nwhere; w++) {
        enum stats_dim d = b->req->where[w].dim;
        uint32_t want = b->req->where[w].code;
        if (DIM_BIT(d) & TIME_DIMS)
            continue;
        if (d != DIM_DEFENDANT) {
            if (case_code(c, d) != want)
                return 0;
            continue;
        }
        size_t n = c->ndefendants ? c->ndefendants : 1, j = 0;
        while (j < n && case_defendant(b->ds, c, j) != want)
            j++;
        if (j == n)
            return 0;
    }
    return 1;
}

/* Is the @p j th 被告 of @p c the 复议机关 named as co-defendant: after
 * the first, a name ending in 人民政府 (as FY_CASE_JOINT is found)? */
static int reviews(const struct fy_dataset *ds, const struct fy_case *c,
                   size_t j)
{
    static const char gov[] = "人民政府";
    const char *name;
    size_t n;

    if (j == 0)
        return 0;
    name = fy_strpool_get(ds->pool, case_defendant(ds, c, j));
    n = strlen(name);
    return n >= sizeof(gov) - 1
           && memcmp(name + n - (sizeof(gov) - 1), gov, sizeof(gov) - 1) == 0;
}

/*
 * One case with @p facts (over the period @p which: 0 current, 1 the
 * comparison) into the builder: its row(s) of @p key, and the total when
 * the builder has no dimension or counts the total with the rows.
 */
static void count_case(struct builder *b, const struct fig_plan *pl,
                       const struct fy_case *c, uint32_t f, int which,
                       uint32_t *key, size_t kdef)
{
    const struct stats_request *req = b->req;
    int64_t num[STATS_MAX_METRICS], den[STATS_MAX_METRICS];
    int64_t onum[STATS_MAX_METRICS], oden[STATS_MAX_METRICS];

    if (!plan_apply(pl, f, 1, c->loss_causes, num, den))
        return;
    if (b->ndims == 0 || b->with_total) { /* the case once, all its facts */
        struct stats_cell *t = which ? b->res->total.prev
                                     : b->res->total.cells;
        for (size_t m = 0; m < req->nmetrics; m++)
            add(t, m, num[m], den[m]);
    }
    if (b->ndims == 0)
        return;
    /* review_losses, split by defendant: under the 复议机关 only; the
     * other 被告 get the figures without that fact */
    int role = kdef != SIZE_MAX && HAS(f, FACT_REVIEW_LOSS);
    if (role)
        plan_apply(pl, f & ~FACT_BIT(FACT_REVIEW_LOSS), 1, c->loss_causes,
                   onum, oden);
    size_t nrows = kdef != SIZE_MAX && c->ndefendants > 1
                       ? c->ndefendants : 1;
    for (size_t j = 0; j < nrows; j++) {
        if (kdef != SIZE_MAX)
            key[kdef] = case_defendant(b->ds, c, j);
        struct stats_row *r = row_of(b, key);
        struct stats_cell *cells = which ? r->prev : r->cells;
        int other = role && !reviews(b->ds, c, j);
        for (size_t m = 0; m < req->nmetrics; m++)
            add(cells, m, other ? onum[m] : num[m],
                other ? oden[m] : den[m]);
    }
}

/* The cases [@p from, @p to) of the dataset into the builder's rows: over
 * @p p, and over the builder's comparison period when it has one. */
static void eval_cases_range(struct builder *b, const struct stats_period *p,
                             uint32_t tcode, size_t from, size_t to)
{
    const struct fy_dataset *ds = b->ds;
    const struct stats_request *req = b->req;
    const struct stats_period *cp = b->cmp;
    uint32_t key[STATS_MAX_DIMS] = {0, 0, 0};
    size_t kdef = SIZE_MAX; /* the key that is the defendant, if any */
    struct fig_plan pl;

    plan_figures(req, &pl);
    for (size_t k = 0; k < b->ndims; k++)
        if (req->dims[k] == DIM_DEFENDANT)
            kdef = k;
    for (size_t i = from; i < to; i++) {
        const struct fy_case *c = &ds->cases[i];
        uint32_t f = case_facts(c, p);
        uint32_t g = cp ? case_facts(c, cp) : 0;
        if ((!f && !g) || !case_passes(b, c))
            continue;
        for (size_t k = 0; k < b->ndims; k++)
            key[k] = DIM_BIT(req->dims[k]) & TIME_DIMS
                         ? tcode : case_code(c, req->dims[k]);
        if (f)
            count_case(b, &pl, c, f, b->which, key, kdef);
        if (g)
            count_case(b, &pl, c, g, 1, key, kdef);
    }
}

/*
 * A slice of the cases on a thread of its own: its own rows (a result of
 * its own, with no comparison period), added into the builder's after.
 * Every cell is a sum of counts, so the figures are the same whatever the
 * slices; the rows are sorted at the end of stats_run(), so their order
 * is too.
 */
struct slice {
    struct stats_request req;
    struct stats_result res;
    struct builder b;
    const struct stats_period *p;
    uint32_t tcode;
    size_t from, to;
    pthread_t thread;
    int started;
};

#define MAX_SLICES 16
/* Fewer cases than this are not worth a thread (FY_SLICE_MIN in the
 * environment changes it: tests/e2e/jobs.sh slices the sample). */
#define SLICE_MIN_CASES 50000

static void add_cells(struct stats_cell *dst, const struct stats_cell *src,
                      size_t nm)
{
    for (size_t m = 0; m < nm; m++)
        add(dst, m, src[m].num, src[m].den);
}

static void *slice_main(void *arg)
{
    struct slice *s = arg;

    eval_cases_range(&s->b, s->p, s->tcode, s->from, s->to);
    return NULL;
}

static void eval_cases(struct builder *b, const struct stats_period *p,
                       uint32_t tcode)
{
    const struct fy_dataset *ds = b->ds;
    size_t n = ds->ncases, nm = b->req->nmetrics;
    unsigned jobs = ds->jobs ? ds->jobs : 1;
    struct slice sl[MAX_SLICES];

    size_t min = SLICE_MIN_CASES;
    const char *env = getenv("FY_SLICE_MIN");
    if (env && atol(env) > 0)
        min = (size_t)atol(env);
    if (jobs > MAX_SLICES)
        jobs = MAX_SLICES;
    if (jobs < 2 || n < min || n < jobs) {
        eval_cases_range(b, p, tcode, 0, n);
        return;
    }
    for (unsigned k = 0; k < jobs; k++) {
        struct slice *s = &sl[k];
        memset(s, 0, sizeof(*s));
        s->req = *b->req;
        if (!b->cmp)
            s->req.compare = STATS_COMPARE_NONE;
        s->res.ds = ds;
        s->res.total.cells = new_cells(nm);
        s->res.total.prev = b->cmp ? new_cells(nm) : NULL;
        s->b = (struct builder){ds, &s->req, &s->res, b->ndims, 0, NULL, 0,
                                b->with_total, 0, b->cmp};
        s->p = p;
        s->tcode = tcode;
        s->from = n / jobs * k;
        s->to = k + 1 == jobs ? n : n / jobs * (k + 1);
    }
    for (unsigned k = 1; k < jobs; k++)
        sl[k].started = pthread_create(&sl[k].thread, NULL, slice_main,
                                       &sl[k]) == 0;
    for (unsigned k = 0; k < jobs; k++)
        if (k == 0 || !sl[k].started)
            slice_main(&sl[k]);
    for (unsigned k = 1; k < jobs; k++)
        if (sl[k].started)
            pthread_join(sl[k].thread, NULL);
    /* the slices' rows into the builder's, in the slices' order */
    for (unsigned k = 0; k < jobs; k++) {
        struct slice *s = &sl[k];
        if (b->ndims == 0 || b->with_total) {
            struct stats_cell *dst = b->which ? b->res->total.prev
                                              : b->res->total.cells;
            add_cells(dst, s->res.total.cells, nm);
            if (b->cmp)
                add_cells(b->res->total.prev, s->res.total.prev, nm);
        }
        for (size_t r = 0; r < s->res.nrows; r++) {
            struct stats_row *row = &s->res.rows[r];
            struct stats_row *dst = row_of(b, row->key);
            add_cells(b->which ? dst->prev : dst->cells, row->cells, nm);
            if (b->cmp)
                add_cells(dst->prev, row->prev, nm);
            free(row->cells);
            free(row->prev);
        }
        free(s->res.rows);
        free(s->res.total.cells);
        free(s->res.total.prev);
        free(s->b.slots);
    }
}

static void eval_civil(struct builder *b, const struct stats_period *p,
                       uint32_t tcode)
{
    const struct fy_dataset *ds = b->ds;
    const struct stats_request *req = b->req;
    uint32_t key[STATS_MAX_DIMS] = {0, 0, 0};

    for (size_t i = 0; i < ds->ncivil; i++) {
        const struct fy_civil *v = &ds->civil[i];
        int32_t first = fy_days_from_ymd(v->month / 12, v->month % 12 + 1, 1);
        if (!in(first, p) || !passes(b, civil_code_v, v))
            continue;
        for (size_t k = 0; k < b->ndims; k++)
            key[k] = DIM_BIT(req->dims[k]) & TIME_DIMS
                         ? tcode : civil_code(ds, v, req->dims[k]);
        int64_t num[STATS_MAX_METRICS], den[STATS_MAX_METRICS];
        if (!figures(FACT_BIT(FACT_CIVIL_FILED) | FACT_BIT(FACT_FILINGS),
                     v->count, req, num, den, 0))
            continue;
        struct stats_cell *cells = row_cells(b, key);
        for (size_t m = 0; m < req->nmetrics; m++)
            add(cells, m, num[m], den[m]);
    }
}

/* The figures of one recommendation over @p p as of @p as_of. */
static int rec_figures(const struct fy_recommendation *r,
                       const struct stats_period *p, int32_t as_of,
                       const struct stats_request *req, int64_t *num,
                       int64_t *den)
{
    int issued = in(r->issued_on, p);
    int due = in(r->due_on, p);
    int replied_by_asof = r->replied_on != FY_NO_DATE && r->replied_on <= as_of;
    int on_time = due && r->replied_on != FY_NO_DATE
                  && r->replied_on <= r->due_on;
    int overdue = r->issued_on <= as_of && r->due_on < as_of
                  && !replied_by_asof;
    int answered = issued && replied_by_asof;
    int adopted = answered && (r->adoption == FY_ADOPT_YES
                               || r->adoption == FY_ADOPT_PARTLY);
    uint32_t f = (uint32_t)issued << FACT_REC_ISSUED
                 | (uint32_t)due << FACT_REC_DUE
                 | (uint32_t)on_time << FACT_REC_ON_TIME
                 | (uint32_t)overdue << FACT_REC_OVERDUE
                 | (uint32_t)answered << FACT_REC_ANSWERED
                 | (uint32_t)adopted << FACT_REC_ADOPTED;

    return f && figures(f, 1, req, num, den, 0);
}

static void eval_recs(struct builder *b, const struct stats_period *p,
                      int32_t as_of, uint32_t tcode)
{
    const struct fy_dataset *ds = b->ds;
    const struct stats_request *req = b->req;
    uint32_t key[STATS_MAX_DIMS] = {0, 0, 0};
    int64_t num[STATS_MAX_METRICS], den[STATS_MAX_METRICS];

    for (size_t i = 0; i < ds->nrecs; i++) {
        const struct fy_recommendation *r = &ds->recs[i];
        if (!passes(b, rec_code_v, r)
            || !rec_figures(r, p, as_of, req, num, den))
            continue;
        for (size_t k = 0; k < b->ndims; k++)
            key[k] = DIM_BIT(req->dims[k]) & TIME_DIMS
                         ? tcode : rec_code(r, req->dims[k]);
        struct stats_cell *cells = row_cells(b, key);
        for (size_t m = 0; m < req->nmetrics; m++)
            add(cells, m, num[m], den[m]);
    }
}

static void eval_hearings(struct builder *b, const struct stats_period *p,
                          uint32_t tcode)
{
    const struct fy_dataset *ds = b->ds;
    const struct stats_request *req = b->req;
    uint32_t key[STATS_MAX_DIMS] = {0, 0, 0};
    int64_t num[STATS_MAX_METRICS], den[STATS_MAX_METRICS];

    for (size_t i = 0; i < ds->nhearings; i++) {
        const struct fy_hearing *h = &ds->hearings[i];
        if (!in(h->held_on, p))
            continue;
        for (size_t k = 0; k < b->ndims; k++)
            key[k] = tcode; /* hearings have only time dimensions */
        uint32_t f = FACT_BIT(FACT_HEARING_HELD)
                     | (uint32_t)(h->head_attended == FY_YES)
                           << FACT_HEAD_ATTENDED;
        if (!figures(f, 1, req, num, den, 0))
            continue;
        struct stats_cell *cells = row_cells(b, key);
        for (size_t m = 0; m < req->nmetrics; m++)
            add(cells, m, num[m], den[m]);
    }
}

/* ------------------------------------------------------------------ */
/* Population (万人成讼率 denominators)                                */
/* ------------------------------------------------------------------ */

static void warn(struct stats_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A warning from the msgid @p fmt (N_()): for the terminal (LANG) and,
 * in Chinese, for documents; once each. */
static void warn(struct stats_result *res, const char *fmt, ...)
{
    struct fy_buf b = FY_BUF_INIT, d = FY_BUF_INIT;
    va_list ap, again;

    va_start(ap, fmt);
    va_copy(again, ap);
    fy_buf_vprintf(&b, _(fmt), ap);
    fy_buf_vprintf(&d, Z_(fmt), again);
    va_end(again);
    va_end(ap);
    for (size_t i = 0; i < res->nwarnings; i++) {
        if (strcmp(res->warnings[i], fy_buf_str(&b)) == 0) {
            fy_buf_release(&b);
            fy_buf_release(&d);
            return;
        }
    }
    res->warnings = fy_xreallocarray(res->warnings, res->nwarnings + 1,
                                     sizeof(char *));
    res->doc_warnings = fy_xreallocarray(res->doc_warnings,
                                         res->nwarnings + 1, sizeof(char *));
    res->warnings[res->nwarnings] = fy_buf_detach(&b);
    res->doc_warnings[res->nwarnings++] = fy_buf_detach(&d);
}

/* The population of district @p d (FY_POP_CITY: the city's own row only)
 * in @p year, falling back to the latest earlier year; -1 when none. */
static int64_t population_of(struct stats_result *res, unsigned d, int year,
                             int fallback)
{
    const struct fy_dataset *ds = res->ds;
    const struct fy_population *best = NULL;

    for (size_t i = 0; i < ds->npopulation; i++) {
        const struct fy_population *p = &ds->population[i];
        if (p->district != d || p->year > year)
            continue;
        if (!best || p->year > best->year)
            best = p;
    }
    if (!best || (best->year != year && !fallback))
        return -1;
    if (best->year != year)
        warn(res, N_("常住人口: %s has no figure for %d; the figure of %d is "
                     "used"),
             d == FY_POP_CITY ? norm_registry_city(ds->registry)
                              : norm_registry_district(ds->registry, d),
             year, best->year);
    return best->persons;
}

static int64_t district_population(struct stats_result *res, uint32_t d,
                                   int year)
{
    if (d == NORM_CITY_LEVEL)
        return 0; /* 市本级 has no population */
    int64_t n = population_of(res, d, year, 1);
    if (n < 0) {
        warn(res, N_("常住人口: %s has no figure for %d or any year before; "
                     "its 万人成讼率 is undefined"),
             norm_registry_district(res->ds->registry, d), year);
        return 0;
    }
    return n;
}

static int64_t city_population(struct stats_result *res, int year)
{
    int64_t n = population_of(res, FY_POP_CITY, year, 0);
    size_t nd = norm_registry_ndistricts(res->ds->registry);

    if (n >= 0)
        return n;
    n = 0;
    for (size_t d = 1; d < nd; d++)
        sum_into(&n, district_population(res, (uint32_t)d, year));
    return n;
}

/* Fill the denominators of litigation_per_10k for the builder's rows. */
static void fill_population(struct builder *b, const struct stats_period *p)
{
    struct stats_result *res = b->res;
    const struct stats_request *req = b->req;
    int y, mo, dd;
    uint32_t where_district = STATS_NULL;

    fy_ymd_from_days(p->end, &y, &mo, &dd);
    for (size_t w = 0; w < req->nwhere; w++)
        if (req->where[w].dim == DIM_DISTRICT)
            where_district = req->where[w].code;
    for (size_t m = 0; m < req->nmetrics; m++) {
        if (stats_metric_source(&req->metrics[m]) != SRC_LITIGATION)
            continue;
        if (b->ndims == 0) {
            struct stats_cell *c = b->which ? res->total.prev
                                            : res->total.cells;
            c[m].den = where_district != STATS_NULL
                           ? district_population(res, where_district, y)
                           : city_population(res, y);
            continue;
        }
        /* a district with filings or a population gets a row (市本级 has
         * no population: its row has denominator 0) */
        size_t nd = norm_registry_ndistricts(b->ds->registry);
        for (size_t d = 0; d < nd; d++) {
            uint32_t key[STATS_MAX_DIMS] = {(uint32_t)d, 0, 0};
            if (where_district != STATS_NULL && d != where_district)
                continue;
            int64_t pop = district_population(res, (uint32_t)d, y);
            if (pop == 0 && !has_row(b, key))
                continue;
            struct stats_cell *c = row_cells(b, key);
            c[m].den = pop;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Buckets and periods                                                 */
/* ------------------------------------------------------------------ */

static enum stats_dim time_dim(const struct stats_request *req)
{
    for (size_t k = 0; k < req->ndims; k++)
        if (DIM_BIT(req->dims[k]) & TIME_DIMS)
            return req->dims[k];
    return DIM_COUNT;
}

/* The calendar buckets of @p d intersecting @p p (clipped to it). */
static size_t make_buckets(enum stats_dim d, const struct stats_period *p,
                           struct stats_period **out, char ***names)
{
    size_t n = 0, cap = 0;
    int y, m, dd;
    int step = d == DIM_MONTH ? 1 : d == DIM_QUARTER ? 3 : 12;
    enum stats_period_kind kind = d == DIM_MONTH ? STATS_MONTH
                                  : d == DIM_QUARTER ? STATS_QUARTER
                                                     : STATS_YEAR;

    *out = NULL;
    *names = NULL;
    fy_ymd_from_days(p->start, &y, &m, &dd);
    m = ((m - 1) / step) * step + 1;
    for (;;) {
        struct stats_period cal;
        int ey = y, em = m + step - 1;
        cal.kind = kind;
        cal.start = fy_days_from_ymd(y, m, 1);
        cal.end = fy_days_from_ymd(ey, em, fy_days_in_month(ey, em));
        if (cal.start > p->end)
            break;
        FY_GROW(*out, n + 1, cap);
        *names = fy_xreallocarray(*names, cap, sizeof(char *));
        (*names)[n] = stats_period_name(&cal);
        (*out)[n] = cal;
        if ((*out)[n].start < p->start)
            (*out)[n].start = p->start;
        if ((*out)[n].end > p->end)
            (*out)[n].end = p->end;
        n++;
        m += step;
        if (m > 12) {
            m -= 12;
            y++;
        }
    }
    return n;
}

/* The number of buckets of @p d intersecting @p p. */
static size_t count_buckets(enum stats_dim d, const struct stats_period *p)
{
    struct stats_period *buckets;
    char **names;
    size_t n = make_buckets(d, p, &buckets, &names);

    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    free(buckets);
    return n;
}

static int whole_months(const struct stats_period *p)
{
    int y, m, d;

    fy_ymd_from_days(p->start, &y, &m, &d);
    if (d != 1)
        return 0;
    fy_ymd_from_days(p->end, &y, &m, &d);
    return d == fy_days_in_month(y, m);
}

/* The as-of date of the comparison period: the same date a year earlier
 * for 同比, as far before as the periods' ends are apart for 环比. */
static int32_t shift_as_of(const struct stats_request *req,
                           const struct stats_period *cur,
                           const struct stats_period *cmp)
{
    if (req->as_of == FY_NO_DATE)
        return FY_NO_DATE;
    if (req->compare == STATS_COMPARE_YOY)
        return stats_shift_years(req->as_of, -1);
    return req->as_of - (cur->end - cmp->end);
}

/* Evaluate every table over @p p (and its buckets) into the builder. */
static fy_status eval_period(struct builder *b, const struct stats_period *p,
                             int32_t as_of, struct fy_error *err)
{
    const struct stats_request *req = b->req;
    enum stats_dim td = b->ndims ? time_dim(req) : DIM_COUNT;
    struct stats_period *buckets = NULL;
    char **names = NULL;
    size_t nb = 1;
    int need_civil = 0, need_cases = 0, need_recs = 0, need_hear = 0;

    for (size_t m = 0; m < req->nmetrics; m++) {
        enum stats_source s = stats_metric_source(&req->metrics[m]);
        need_cases |= s == SRC_CASES || s == SRC_LITIGATION;
        need_civil |= s == SRC_CIVIL || s == SRC_LITIGATION;
        need_recs |= s == SRC_RECS;
        need_hear |= s == SRC_HEARINGS;
    }
    if (need_civil && !whole_months(p)) {
        char *name = stats_period_title(p);
        fy_status rc = fy_fail(err, FY_E_USAGE, NULL,
                               _("the period %s cuts a month: civil filings "
                                 "(民事一审新收, 万人成讼率) are monthly "
                                 "counts; give whole months"), name);
        free(name);
        return rc;
    }
    if (td != DIM_COUNT)
        nb = make_buckets(td, p, &buckets, &names);
    for (size_t k = 0; k < nb; k++) {
        const struct stats_period *sp = buckets ? &buckets[k] : p;
        int32_t a = as_of != FY_NO_DATE ? as_of : sp->end;
        if (need_cases && !b->no_cases)
            eval_cases(b, sp, (uint32_t)k);
        if (need_civil)
            eval_civil(b, sp, (uint32_t)k);
        if (need_recs)
            eval_recs(b, sp, a, (uint32_t)k);
        if (need_hear)
            eval_hearings(b, sp, (uint32_t)k);
        /* a time breakdown has a row for every bucket, with data or not */
        if (buckets && b->ndims == 1 && b->which == 0) {
            uint32_t key[STATS_MAX_DIMS] = {(uint32_t)k, 0, 0};
            row_cells(b, key);
        }
    }
    fill_population(b, p);
    if (b->which == 0 && b->ndims) {
        b->res->buckets = buckets;
        b->res->bucket_names = names;
        b->res->nbuckets = buckets ? nb : 0;
    } else {
        for (size_t k = 0; buckets && k < nb; k++)
            free(names[k]);
        free(names);
        free(buckets);
    }
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* Sorting                                                             */
/* ------------------------------------------------------------------ */

struct sort_key {
    int rank;
    const char *label;   /* NULL when ranks decide */
};

static struct sort_key sort_key(const struct stats_result *res, size_t i,
                                uint32_t code)
{
    enum stats_dim d = res->req.dims[i];
    struct sort_key k = {0, NULL};

    if (code == STATS_NULL) {
        k.rank = 1 << 30;
        return k;
    }
    switch (d) {
    case DIM_DISTRICT:
        k.rank = code == NORM_CITY_LEVEL ? 1 << 20 : (int)code;
        return k;
    case DIM_DISPOSITION: /* table order; 其他 last, after added categories */
        k.rank = strcmp(norm_rules_category(res->ds->rules, code), "其他") == 0
                     ? 1 << 20 : (int)code;
        return k;
    case DIM_DEFENDANT: case DIM_ACTION_TYPE: case DIM_RECIPIENT:
        k.label = stats_key_label(res, i, code);
        k.rank = strcmp(k.label, "其他") == 0;
        return k;
    case DIM_DOMAIN: {
        const struct norm_rules *r = res->ds->rules;
        size_t nb = norm_rules_nbuiltin_domains();
        k.label = stats_key_label(res, i, code);
        k.rank = 1 << 10;
        for (size_t j = 0; j < nb; j++)
            if (strcmp(norm_rules_domain(r, j), k.label) == 0)
                k.rank = (int)j;
        if (strcmp(k.label, "其他") == 0)
            k.rank = 1 << 11;
        return k;
    }
    default:
        k.rank = (int)code;
        return k;
    }
}

static int cmp_rows(const void *a, const void *b, void *arg)
{
    const struct stats_result *res = arg;
    const struct stats_row *x = a, *y = b;

    for (size_t i = 0; i < res->req.ndims; i++) {
        struct sort_key kx = sort_key(res, i, x->key[i]);
        struct sort_key ky = sort_key(res, i, y->key[i]);
        if (kx.rank != ky.rank)
            return kx.rank < ky.rank ? -1 : 1;
        if (kx.label && ky.label) {
            int c = strcmp(kx.label, ky.label);
            if (c)
                return c;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sums that overflowed                                                */
/* ------------------------------------------------------------------ */

static fy_status check_cells(const struct stats_result *res,
                             const struct stats_cell *cells, int which,
                             struct fy_error *err)
{
    char id[128];

    for (size_t m = 0; cells && m < res->req.nmetrics; m++) {
        if (cells[m].num >= 0 && cells[m].den >= 0)
            continue;
        char *period = stats_period_title(which ? &res->compare_period
                                                : &res->period);
        fy_status rc = fy_fail(err, FY_E_DATA, NULL,
                               _("%s over %s adds up to more than %lld, the "
                                 "largest sum fuyuan can hold: the counts of "
                                 "the input (民事一审新收, 常住人口) cannot "
                                 "be right"),
                               stats_metric_id(&res->req.metrics[m], id,
                                               sizeof(id)),
                               period, (long long)INT64_MAX);
        free(period);
        return rc;
    }
    return FY_OK;
}

/* FY_E_DATA when a sum of the result overflowed (SUM_OVERFLOW). */
static fy_status check_sums(const struct stats_result *res,
                            struct fy_error *err)
{
    FY_TRY(check_cells(res, res->total.cells, 0, err));
    FY_TRY(check_cells(res, res->total.prev, 1, err));
    for (size_t r = 0; r < res->nrows; r++) {
        FY_TRY(check_cells(res, res->rows[r].cells, 0, err));
        FY_TRY(check_cells(res, res->rows[r].prev, 1, err));
    }
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* The request                                                         */
/* ------------------------------------------------------------------ */

static fy_status check(const struct stats_request *req, struct fy_error *err)
{
    char buf[128];
    const struct stats_dim_def *dims = stats_dim_defs();

    if (req->nmetrics == 0)
        return fy_fail(err, FY_E_USAGE, NULL, "%s", _("no metric asked for"));
    for (size_t m = 0; m < req->nmetrics; m++) {
        unsigned ok = stats_metric_dims(&req->metrics[m]);
        for (size_t k = 0; k < req->ndims; k++)
            if (!(ok & DIM_BIT(req->dims[k])))
                return fy_fail(err, FY_E_USAGE, NULL,
                               _("metric %s cannot be broken down by %s"),
                               stats_metric_id(&req->metrics[m], buf,
                                               sizeof(buf)),
                               dims[req->dims[k]].id);
        for (size_t w = 0; w < req->nwhere; w++)
            if (!(ok & DIM_BIT(req->where[w].dim)))
                return fy_fail(err, FY_E_USAGE, NULL,
                               _("metric %s cannot be filtered by %s"),
                               stats_metric_id(&req->metrics[m], buf,
                                               sizeof(buf)),
                               dims[req->where[w].dim].id);
    }
    return FY_OK;
}

/* The period narrowed by the time filters; 0 when nothing is left. */
static int effective_period(const struct stats_request *req,
                            struct stats_period *p)
{
    *p = req->period;
    for (size_t w = 0; w < req->nwhere; w++) {
        const struct stats_filter *f = &req->where[w];
        if (!(DIM_BIT(f->dim) & TIME_DIMS))
            continue;
        if (f->bucket.start > p->start)
            p->start = f->bucket.start;
        if (f->bucket.end < p->end)
            p->end = f->bucket.end;
        if (p->start == f->bucket.start && p->end == f->bucket.end)
            p->kind = f->bucket.kind;
        else if (p->start != req->period.start || p->end != req->period.end)
            p->kind = STATS_RANGE;
    }
    return p->start <= p->end;
}

fy_status stats_run(const struct fy_dataset *ds,
                    const struct stats_request *req,
                    struct stats_result **out, struct fy_error *err)
{
    struct stats_result *res;
    struct stats_period p, cp;
    fy_status rc;

    FY_TRY(check(req, err));
    res = fy_xcalloc(1, sizeof(*res));
    res->req = *req;
    res->ds = ds;
    res->total.cells = new_cells(req->nmetrics);
    res->total.prev = req->compare ? new_cells(req->nmetrics) : NULL;
    int nonempty = effective_period(req, &p);
    res->period = p; /* the period the figures are for (time filters) */
    if (!nonempty)
        p.end = p.start - 1;
    cp = req->compare == STATS_COMPARE_PREV ? stats_period_prev(&p)
                                            : stats_period_yoy(&p);
    res->compare_period = cp;
    /* rows of a time breakdown pair the buckets of both periods in order */
    enum stats_dim td = time_dim(req);
    if (req->compare && td != DIM_COUNT && nonempty
        && count_buckets(td, &p) != count_buckets(td, &cp)) {
        char *a = stats_period_title(&p), *b = stats_period_title(&cp);
        rc = fy_fail(err, FY_E_USAGE, NULL,
                     _("%s and its comparison period %s do not split into "
                       "the same %s buckets: compare them without --by %s"),
                     a, b, stats_dim_defs()[td].id, stats_dim_defs()[td].id);
        free(a);
        free(b);
        stats_result_free(res);
        return rc;
    }

    /* one row builder for both periods: the rows are their union */
    struct builder rows = {ds, req, res, req->ndims, 0, NULL, 0, 0, 0, NULL};
    /* Without a time dimension the rows and the total are over the same
     * period, and the rows of both periods have the same keys: one pass
     * over the cases counts the rows, the total and the comparison
     * period (the pass of the period's first builder). */
    int one_pass = td == DIM_COUNT;
    rows.with_total = req->ndims && one_pass;
    rc = FY_OK;
    for (int which = 0; nonempty && rc == FY_OK
                        && which <= (req->compare != STATS_COMPARE_NONE);
         which++) {
        const struct stats_period *pp = which ? &cp : &p;
        int32_t as_of = which ? shift_as_of(req, &p, &cp) : req->as_of;
        struct builder total = {ds, req, res, 0, which, NULL, 0, 0,
                                rows.with_total, NULL};
        if (one_pass && which)
            total.no_cases = rows.no_cases = 1;
        if (one_pass && !which && req->compare)
            total.cmp = rows.cmp = &cp;
        rc = eval_period(&total, pp, as_of, err);
        rows.which = which;
        if (rc == FY_OK && req->ndims)
            rc = eval_period(&rows, pp, as_of, err);
    }
    free(rows.slots);
    if (rc == FY_OK)
        rc = check_sums(res, err);
    if (rc != FY_OK) {
        stats_result_free(res);
        return rc;
    }
    if (res->nrows) /* rows is NULL without them */
        qsort_r(res->rows, res->nrows, sizeof(*res->rows), cmp_rows, res);
    *out = res;
    return FY_OK;
}

fy_status stats_records(const struct fy_dataset *ds,
                        const struct stats_request *req, size_t metric,
                        uint32_t **idx, size_t *n, struct fy_error *err)
{
    struct builder b = {ds, req, NULL, 0, 0, NULL, 0, 0, 0, NULL};
    int64_t num[STATS_MAX_METRICS], den[STATS_MAX_METRICS];
    struct stats_period p;
    struct fig_plan pl;
    size_t cap = 0;

    FY_TRY(check(req, err));
    plan_figures(req, &pl);
    if (metric >= req->nmetrics)
        FY_BUG("metric %zu of %zu", metric, req->nmetrics);
    *idx = NULL;
    *n = 0;
    if (!effective_period(req, &p))
        return FY_OK;
    int32_t as_of = req->as_of != FY_NO_DATE ? req->as_of : p.end;
    switch (stats_metric_source(&req->metrics[metric])) {
    case SRC_CASES:
        for (size_t i = 0; i < ds->ncases; i++) {
            if (!case_passes(&b, &ds->cases[i])
                || !case_figures(&ds->cases[i], &p, &pl, num, den)
                || !num[metric])
                continue;
            FY_GROW(*idx, *n + 1, cap);
            (*idx)[(*n)++] = (uint32_t)i;
        }
        return FY_OK;
    case SRC_RECS:
        for (size_t i = 0; i < ds->nrecs; i++) {
            if (!passes(&b, rec_code_v, &ds->recs[i])
                || !rec_figures(&ds->recs[i], &p, as_of, req, num, den)
                || !num[metric])
                continue;
            FY_GROW(*idx, *n + 1, cap);
            (*idx)[(*n)++] = (uint32_t)i;
        }
        return FY_OK;
    default:
        return fy_fail(err, FY_E_USAGE, NULL, "%s",
                       _("only case and recommendation metrics can list "
                         "their records"));
    }
}

void stats_result_free(struct stats_result *res)
{
    if (!res)
        return;
    for (size_t r = 0; r < res->nrows; r++) {
        free(res->rows[r].cells);
        free(res->rows[r].prev);
    }
    free(res->rows);
    free(res->total.cells);
    free(res->total.prev);
    for (size_t i = 0; i < res->nwarnings; i++) {
        free(res->warnings[i]);
        free(res->doc_warnings[i]);
    }
    free(res->warnings);
    free(res->doc_warnings);
    for (size_t i = 0; i < res->nbuckets; i++)
        free(res->bucket_names[i]);
    free(res->bucket_names);
    free(res->buckets);
    free(res);
}

/* ------------------------------------------------------------------ */
/* Values and labels                                                   */
/* ------------------------------------------------------------------ */

double stats_value(enum stats_kind kind, const struct stats_cell *c,
                   int *defined)
{
    *defined = 1;
    switch (kind) {
    case STATS_COUNT:
        return (double)c->num;
    case STATS_RATE:
        if (c->den == 0)
            break;
        return (double)c->num / (double)c->den;
    case STATS_PER10K:
        if (c->den == 0)
            break;
        return (double)c->num / (double)c->den * 10000.0;
    }
    *defined = 0;
    return 0.0;
}

double stats_change(enum stats_kind kind, const struct stats_cell *cur,
                    const struct stats_cell *prev, int *defined)
{
    int d1, d2;
    double a = stats_value(kind, cur, &d1), b = stats_value(kind, prev, &d2);

    *defined = d1 && d2;
    if (kind == STATS_COUNT) {
        *defined = prev->num != 0;
        return *defined ? (a - b) / b : 0.0;
    }
    if (!*defined)
        return 0.0;
    return kind == STATS_RATE ? (a - b) * 100.0 : a - b;
}

const char *stats_key_label(const struct stats_result *res, size_t i,
                            uint32_t code)
{
    const struct fy_dataset *ds = res->ds;
    size_t n;

    if (code == STATS_NULL)
        return NULL;
    switch (res->req.dims[i]) {
    case DIM_COURT:
        return norm_registry_court(ds->registry, code)->name;
    case DIM_DISTRICT:
        return norm_registry_district(ds->registry, code);
    case DIM_DEFENDANT: case DIM_DOMAIN: case DIM_ACTION_TYPE:
    case DIM_RECIPIENT:
        return fy_strpool_get(ds->pool, code);
    case DIM_CASE_TYPE:
        return norm_case_type_names(&n)[code];
    case DIM_DISPOSITION:
        return norm_rules_category(ds->rules, code);
    case DIM_MONTH: case DIM_QUARTER: case DIM_YEAR:
        return code < res->nbuckets ? res->bucket_names[code] : NULL;
    case DIM_REC_KIND:
        return code == FY_REC_JUDICIAL ? "司法建议" : "检察建议";
    default:
        FY_BUG("dimension %d", (int)res->req.dims[i]);
    }
}
