/* SPDX-License-Identifier: MIT */
/*
 * stats_metrics.c - the metrics and dimensions of metrics.md as tables,
 * and requests built from the command line's words: --metric, --by,
 * --where and --compare. Unknown ids are errors that list the valid ones.
 */
#include "stats_int.h"

#include <stdlib.h>
#include <string.h>

static const struct stats_metric_def defs[MET_COUNT] = {
#define FY_METRIC(e, id, name, kind, src, dims, num, den, tnum, tden)       \
    [e] = {id, name, kind, src, dims, num, den, tnum, tden},
#include "fuyuan/metrics.def"
#undef FY_METRIC
};

static const struct stats_dim_def dim_defs[DIM_COUNT] = {
    [DIM_COURT] = {"court", "经办法院"},
    [DIM_DISTRICT] = {"district", "旗区"},
    [DIM_DEFENDANT] = {"defendant", "被告"},
    [DIM_DOMAIN] = {"domain", "管理领域"},
    [DIM_ACTION_TYPE] = {"action_type", "行政行为种类"},
    [DIM_CASE_TYPE] = {"case_type", "案件类型"},
    [DIM_DISPOSITION] = {"disposition", "结案方式"},
    [DIM_MONTH] = {"month", "月"},
    [DIM_QUARTER] = {"quarter", "季度"},
    [DIM_YEAR] = {"year", "年"},
    [DIM_REC_KIND] = {"rec_kind", "建议类型"},
    [DIM_RECIPIENT] = {"recipient", "接收单位"},
};

#define CAUSE_PREFIX "loss_cause:"
#define UNFILLED NORM_NCAUSES

const struct stats_metric_def *stats_metric_defs(size_t *n)
{
    *n = MET_COUNT;
    return defs;
}

const struct stats_dim_def *stats_dim_defs(void)
{
    return dim_defs;
}

static const char *cause_label(int cause)
{
    return cause == UNFILLED ? NORM_CAUSE_UNFILLED_NAME
                             : norm_cause_name((unsigned)cause);
}

const char *stats_metric_id(const struct stats_metric *m, char *buf, size_t n)
{
    if (m->def >= 0)
        return defs[m->def].id;
    snprintf(buf, n, "%s%s", CAUSE_PREFIX, cause_label(m->cause));
    return buf;
}

const char *stats_metric_name(const struct stats_metric *m, char *buf,
                              size_t n)
{
    if (m->def >= 0)
        return defs[m->def].name;
    snprintf(buf, n, "败诉原因—%s", cause_label(m->cause));
    return buf;
}

enum stats_kind stats_metric_kind(const struct stats_metric *m)
{
    return m->def >= 0 ? defs[m->def].kind : STATS_RATE;
}

unsigned stats_metric_dims(const struct stats_metric *m)
{
    return m->def >= 0 ? defs[m->def].dims : DIMS_CASES;
}

enum stats_source stats_metric_source(const struct stats_metric *m)
{
    return m->def >= 0 ? defs[m->def].source : SRC_CASES;
}

const char *stats_source_name(enum stats_source s)
{
    switch (s) {
    case SRC_CASES: return "cases";
    case SRC_CIVIL: return "civil_filings";
    case SRC_LITIGATION: return "civil_filings, cases, population";
    case SRC_RECS: return "recommendations";
    case SRC_HEARINGS: return "hearings";
    }
    FY_BUG("source %d", (int)s);
}

const char *stats_kind_name(enum stats_kind k)
{
    switch (k) {
    case STATS_COUNT: return "计数";
    case STATS_RATE: return "比率";
    case STATS_PER10K: return "每万人";
    }
    FY_BUG("kind %d", (int)k);
}

int stats_metric_info(size_t i, struct stats_metric_info *out)
{
    memset(out, 0, sizeof(*out));
    if (i < MET_COUNT) {
        const struct stats_metric_def *d = &defs[i];
        out->id = d->id;
        out->name = d->name;
        out->kind = d->kind;
        out->source = d->source;
        out->dims = d->dims;
        out->numerator = d->numerator;
        out->denominator = d->denominator;
        return 1;
    }
    i -= MET_COUNT;
    if (i > UNFILLED + 1)
        return 0;
    /* the loss_cause family: rates over the losses, split like cases */
    out->kind = STATS_RATE;
    out->source = SRC_CASES;
    out->dims = DIMS_CASES;
    out->denominator = defs[MET_AGENCY_LOSSES].name;
    if (i <= UNFILLED) {
        struct stats_metric m = {-1, (int)i};
        out->id = stats_metric_id(&m, out->buf[0], sizeof(out->buf[0]));
        out->name = stats_metric_name(&m, out->buf[1], sizeof(out->buf[1]));
        if (i == UNFILLED)
            snprintf(out->buf[2], sizeof(out->buf[2]),
                     "未列败诉原因的%s案件", defs[MET_AGENCY_LOSSES].name);
        else
            snprintf(out->buf[2], sizeof(out->buf[2]),
                     "列有败诉原因“%s”的%s案件（一案列有两项原因的，"
                     "分别计入）", cause_label((int)i),
                     defs[MET_AGENCY_LOSSES].name);
        out->numerator = out->buf[2];
        return 1;
    }
    /* loss_causes: the whole family at once */
    snprintf(out->buf[2], sizeof(out->buf[2]),
             "全部%d项%s<原因>的简写", UNFILLED + 1, CAUSE_PREFIX);
    out->id = "loss_causes";
    out->name = "败诉原因";
    out->numerator = out->buf[2];
    out->shorthand = 1;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Parsing a request                                                   */
/* ------------------------------------------------------------------ */

static void list_metric_ids(struct fy_buf *b)
{
    for (size_t i = 0; i < MET_COUNT; i++)
        fy_buf_printf(b, "%s%s", i ? ", " : "", defs[i].id);
    fy_buf_printf(b, ", loss_causes, %s<cause> (", CAUSE_PREFIX);
    for (int c = 0; c <= UNFILLED; c++)
        fy_buf_printf(b, "%s%s", c ? ", " : "", cause_label(c));
    fy_buf_puts(b, ")");
}

static fy_status add_metric(struct stats_request *req, int def, int cause,
                            struct fy_error *err)
{
    if (req->nmetrics == STATS_MAX_METRICS)
        return fy_fail(err, FY_E_USAGE, NULL, _("at most %d metrics"),
                       STATS_MAX_METRICS);
    req->metrics[req->nmetrics].def = def;
    req->metrics[req->nmetrics].cause = cause;
    req->nmetrics++;
    return FY_OK;
}

fy_status stats_request_metrics(struct stats_request *req, const char *list,
                                struct fy_error *err)
{
    struct norm_item items[STATS_MAX_METRICS + 1];
    struct fy_buf id = FY_BUF_INIT;
    size_t n = norm_list_split(list, NORM_SPLIT_LIST, items,
                               STATS_MAX_METRICS + 1);
    fy_status rc = FY_OK;

    if (n == 0)
        return fy_fail(err, FY_E_USAGE, NULL, "%s",
                       _("--metric needs at least one metric id"));
    for (size_t i = 0; i < n && rc == FY_OK; i++) {
        if (i >= STATS_MAX_METRICS) {
            rc = fy_fail(err, FY_E_USAGE, NULL, _("at most %d metrics"),
                         STATS_MAX_METRICS);
            break;
        }
        fy_text_normalize(items[i].s, items[i].n, &id);
        const char *s = fy_buf_str(&id);
        int found = 0;
        /* by id or by its Chinese name (行政机关败诉率) */
        for (int d = 0; d < MET_COUNT && !found; d++) {
            if (strcmp(s, defs[d].id) == 0 || strcmp(s, defs[d].name) == 0) {
                rc = add_metric(req, d, 0, err);
                found = 1;
            }
        }
        if (!found && (strcmp(s, "loss_causes") == 0
                       || strcmp(s, "败诉原因") == 0)) {
            for (int c = 0; c <= UNFILLED && rc == FY_OK; c++)
                rc = add_metric(req, -1, c, err);
            found = 1;
        }
        static const char cn_prefix[] = "败诉原因:"; /* ：is folded to : */
        if (!found && (strncmp(s, CAUSE_PREFIX, strlen(CAUSE_PREFIX)) == 0
                       || strncmp(s, cn_prefix, strlen(cn_prefix)) == 0)) {
            const char *c = s + (s[0] == 'l' ? strlen(CAUSE_PREFIX)
                                             : strlen(cn_prefix));
            for (int k = 0; k <= UNFILLED && !found; k++) {
                if (strcmp(c, cause_label(k)) == 0) {
                    rc = add_metric(req, -1, k, err);
                    found = 1;
                }
            }
        }
        if (!found) {
            struct fy_buf valid = FY_BUF_INIT;
            list_metric_ids(&valid);
            rc = fy_fail(err, FY_E_USAGE, NULL,
                         _("unknown metric '%s'; the metrics are: %s"), s,
                         fy_buf_str(&valid));
            fy_buf_release(&valid);
        }
    }
    fy_buf_release(&id);
    return rc;
}

static int dim_find(const char *s)
{
    for (int d = 0; d < DIM_COUNT; d++)
        if (strcmp(s, dim_defs[d].id) == 0 || strcmp(s, dim_defs[d].name) == 0)
            return d;
    return -1;
}

static fy_status unknown_dim(const char *s, struct fy_error *err)
{
    struct fy_buf valid = FY_BUF_INIT;
    fy_status rc;

    for (int d = 0; d < DIM_COUNT; d++)
        fy_buf_printf(&valid, "%s%s", d ? ", " : "", dim_defs[d].id);
    rc = fy_fail(err, FY_E_USAGE, NULL,
                 _("unknown dimension '%s'; the dimensions are: %s"), s,
                 fy_buf_str(&valid));
    fy_buf_release(&valid);
    return rc;
}

fy_status stats_request_dims(struct stats_request *req, const char *list,
                             struct fy_error *err)
{
    struct norm_item items[STATS_MAX_DIMS + 1];
    struct fy_buf id = FY_BUF_INIT;
    size_t n = norm_list_split(list, NORM_SPLIT_LIST, items,
                               STATS_MAX_DIMS + 1);
    fy_status rc = FY_OK;
    int times = 0;

    if (n > STATS_MAX_DIMS)
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--by takes at most %d dimensions"), STATS_MAX_DIMS);
    req->ndims = 0;
    for (size_t i = 0; i < n && rc == FY_OK; i++) {
        fy_text_normalize(items[i].s, items[i].n, &id);
        int d = dim_find(fy_buf_str(&id));
        if (d < 0) {
            rc = unknown_dim(fy_buf_str(&id), err);
            break;
        }
        for (size_t k = 0; k < req->ndims; k++)
            if (req->dims[k] == (enum stats_dim)d)
                rc = fy_fail(err, FY_E_USAGE, NULL,
                             _("dimension '%s' is given twice"),
                             dim_defs[d].id);
        if (DIM_BIT(d) & TIME_DIMS && ++times > 1)
            rc = fy_fail(err, FY_E_USAGE, NULL, "%s",
                         _("--by takes one time dimension (month, quarter "
                           "or year)"));
        req->dims[req->ndims++] = (enum stats_dim)d;
    }
    fy_buf_release(&id);
    return rc;
}

fy_status stats_request_compare(struct stats_request *req, const char *mode,
                                struct fy_error *err)
{
    if (strcmp(mode, "yoy") == 0)
        req->compare = STATS_COMPARE_YOY;
    else if (strcmp(mode, "prev") == 0)
        req->compare = STATS_COMPARE_PREV;
    else
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--compare takes yoy (上年同期) or prev (上一期), "
                         "not '%s'"), mode);
    return FY_OK;
}

/* A value code of a string dimension: the pool id, or "matches nothing". */
static uint32_t string_code(const struct fy_dataset *ds, const char *v)
{
    uint32_t id = fy_strpool_find(ds->pool, v, strlen(v));

    return id == FY_STR_NONE ? STATS_NULL - 1 : id;
}

static fy_status bad_value(enum stats_dim d, const char *v,
                           const struct fy_buf *valid, struct fy_error *err)
{
    return fy_fail(err, FY_E_USAGE, NULL,
                   _("'%s' is not a value of %s (%s); the values are: %s"), v,
                   dim_defs[d].id, dim_defs[d].name, fy_buf_str(valid));
}

static fy_status where_code(const struct fy_dataset *ds, enum stats_dim d,
                            const char *v, struct stats_filter *f,
                            struct fy_error *err)
{
    struct fy_buf valid = FY_BUF_INIT;
    fy_status rc = FY_OK;
    size_t n;

    f->dim = d;
    if (strcmp(v, "未填写") == 0 && !(DIM_BIT(d) & TIME_DIMS)) {
        f->code = STATS_NULL;
        return FY_OK;
    }
    switch (d) {
    case DIM_COURT: {
        int c = norm_court_find(ds->registry, v);
        if (c == NORM_NONE) {
            for (size_t i = 0; i < norm_registry_ncourts(ds->registry); i++)
                fy_buf_printf(&valid, "%s%s", i ? ", " : "",
                              norm_registry_court(ds->registry, i)->name);
            rc = bad_value(d, v, &valid, err);
        }
        f->code = (uint32_t)c;
        break;
    }
    case DIM_DISTRICT: {
        int c = norm_district_find(ds->registry, v);
        if (c == NORM_NONE) {
            for (size_t i = 0; i < norm_registry_ndistricts(ds->registry); i++)
                fy_buf_printf(&valid, "%s%s", i ? ", " : "",
                              norm_registry_district(ds->registry, i));
            rc = bad_value(d, v, &valid, err);
        }
        f->code = (uint32_t)c;
        break;
    }
    case DIM_DEFENDANT: case DIM_DOMAIN: case DIM_ACTION_TYPE:
    case DIM_RECIPIENT:
        f->code = string_code(ds, v);
        break;
    case DIM_CASE_TYPE: {
        const char *const *names = norm_case_type_names(&n);
        size_t nt;
        const struct norm_case_type *types = norm_case_types(&nt);
        f->code = STATS_NULL;
        for (size_t i = 0; i < n; i++)
            if (strcmp(v, names[i]) == 0)
                f->code = (uint32_t)i;
        for (size_t i = 0; i < nt; i++)
            if (strcmp(v, types[i].code) == 0)
                f->code = (uint32_t)norm_case_type_name_index(i);
        if (f->code == STATS_NULL) {
            for (size_t i = 0; i < n; i++)
                fy_buf_printf(&valid, "%s%s", i ? ", " : "", names[i]);
            rc = bad_value(d, v, &valid, err);
        }
        break;
    }
    case DIM_DISPOSITION: {
        int c = norm_rules_category_find(ds->rules, v);
        if (c == NORM_NONE) {
            for (size_t i = 0; i < norm_rules_ncategories(ds->rules); i++)
                fy_buf_printf(&valid, "%s%s", i ? ", " : "",
                              norm_rules_category(ds->rules, i));
            rc = bad_value(d, v, &valid, err);
        }
        f->code = (uint32_t)c;
        break;
    }
    case DIM_REC_KIND:
        if (strcmp(v, "司法建议") == 0)
            f->code = FY_REC_JUDICIAL;
        else if (strcmp(v, "检察建议") == 0)
            f->code = FY_REC_PROCURATORIAL;
        else {
            fy_buf_puts(&valid, "司法建议, 检察建议");
            rc = bad_value(d, v, &valid, err);
        }
        break;
    case DIM_MONTH: case DIM_QUARTER: case DIM_YEAR: {
        const char *y = d == DIM_YEAR ? v : NULL;
        const char *q = d == DIM_QUARTER ? v : NULL;
        const char *m = d == DIM_MONTH ? v : NULL;
        static const char *const example[] = {
            [DIM_MONTH] = "2024-03", [DIM_QUARTER] = "2024Q1",
            [DIM_YEAR] = "2024",
        };
        if (stats_period_parse(y, q, m, NULL, NULL, &f->bucket, NULL))
            rc = fy_fail(err, FY_E_USAGE, NULL,
                         _("--where %s=%s: not a %s (write it like %s)"),
                         dim_defs[d].id, v, dim_defs[d].id, example[d]);
        f->code = 0;
        break;
    }
    default:
        FY_BUG("dimension %d", (int)d);
    }
    fy_buf_release(&valid);
    return rc;
}

fy_status stats_request_where(struct stats_request *req,
                              const struct fy_dataset *ds, const char *expr,
                              struct fy_error *err)
{
    const char *eq = strchr(expr, '=');
    struct fy_buf name = FY_BUF_INIT, value = FY_BUF_INIT;
    fy_status rc;

    if (!eq)
        return fy_fail(err, FY_E_USAGE, NULL,
                       _("--where needs DIM=VALUE, not '%s'"), expr);
    if (req->nwhere == STATS_MAX_WHERE)
        return fy_fail(err, FY_E_USAGE, NULL, _("at most %d --where"),
                       STATS_MAX_WHERE);
    fy_text_normalize(expr, (size_t)(eq - expr), &name);
    fy_text_normalize(eq + 1, strlen(eq + 1), &value);
    int d = dim_find(fy_buf_str(&name));
    if (d < 0)
        rc = unknown_dim(fy_buf_str(&name), err);
    else
        rc = where_code(ds, (enum stats_dim)d, fy_buf_str(&value),
                        &req->where[req->nwhere], err);
    if (rc == FY_OK)
        req->nwhere++;
    fy_buf_release(&name);
    fy_buf_release(&value);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Figures by metric id                                                */
/* ------------------------------------------------------------------ */

fy_status stats_request_add(struct stats_request *req,
                            enum stats_metric_id id, struct fy_error *err)
{
    if ((unsigned)id >= MET_COUNT)
        FY_BUG("metric id %d", (int)id);
    return add_metric(req, (int)id, 0, err);
}

size_t stats_metric_index(const struct stats_result *res,
                          enum stats_metric_id id)
{
    for (size_t m = 0; m < res->req.nmetrics; m++)
        if (res->req.metrics[m].def == (int)id)
            return m;
    FY_BUG("metric %s was not asked for",
           (unsigned)id < MET_COUNT ? defs[id].id : "?");
}

const struct stats_cell *stats_fig(const struct stats_result *res,
                                   const struct stats_row *row,
                                   enum stats_metric_id id)
{
    return &(row ? row : &res->total)->cells[stats_metric_index(res, id)];
}

const struct stats_cell *stats_fig_prev(const struct stats_result *res,
                                        const struct stats_row *row,
                                        enum stats_metric_id id)
{
    const struct stats_row *r = row ? row : &res->total;

    if (!r->prev)
        FY_BUG("metric %s has no comparison figure", defs[id].id);
    return &r->prev[stats_metric_index(res, id)];
}
