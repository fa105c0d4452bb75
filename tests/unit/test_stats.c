/* SPDX-License-Identifier: MIT */
/*
 * test_stats.c - the statistics engine held to metrics.md and the query
 * section of outputs.md.
 *
 * Every expected figure below was worked out by hand from the spec and the
 * hand-made data set fixtures/stats/ (its README.md names each row: K01..K09
 * are the cases filed in 2022, A01..A19 the first-instance cases of 2023,
 * B01/B02 appeals, C01 a retrial review, E01/E02 execution reviews, D01..D07
 * the cases of 2024, R01..R12 the recommendations, H01..H07 the hearings).
 * The comment beside each value says which rows count and why.
 *
 * The last tests check invariants on the generated sample data set
 * (FY_SAMPLE, else fixtures/sample): rows add up to the total, numerators
 * never exceed denominators, a year is the sum of its quarters and months,
 * one quarter's 未结 is the next one's 旧存.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuyuan/stats.h"

static struct fy_dataset *fixture;   /* fixtures/stats */
static struct fy_dataset *sample;    /* the sample data set, or NULL */

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* @p rel below $FY_TOP (the repository root), else below the cwd. */
static char *top_path(const char *rel)
{
    const char *top = getenv("FY_TOP");

    return top && *top ? fy_xasprintf("%s/%s", top, rel) : fy_xstrdup(rel);
}

static struct fy_dataset *load(const char *path)
{
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    struct fy_dataset *ds = NULL;
    struct fy_error err;
    const char *paths[1] = {path};

    memset(&err, 0, sizeof(err));
    if (fy_dataset_new(&ds, &opts, &err) != FY_OK
        || fy_ingest_paths(ds, paths, 1, &opts, &err) != FY_OK) {
        fprintf(stderr, "test_stats: cannot load %s: %s\n", path, err.msg);
        fy_dataset_free(ds);
        return NULL;
    }
    return ds;
}

static int setup(void **state)
{
    char *path = top_path("fixtures/stats");
    const char *env = getenv("FY_SAMPLE");
    char *spath = env && *env ? fy_xstrdup(env) : top_path("fixtures/sample");

    (void)state;
    fixture = load(path);
    sample = is_dir(spath) ? load(spath) : NULL;
    if (!sample)
        fprintf(stderr, "test_stats: no sample data set at %s: the "
                        "invariant tests are skipped\n", spath);
    free(path);
    free(spath);
    return fixture ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fy_dataset_free(fixture);
    fy_dataset_free(sample);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* A query as the command line gives it. */
struct q {
    const char *metric, *by;
    const char *year, *quarter, *month, *from, *to;
    const char *where[4];
    const char *compare;
    const char *as_of;
};

/* The four periods every metric is checked over. */
#define Y2023 .year = "2023"
#define Q2024Q1 .quarter = "2024Q1"
#define M2024_02 .month = "2024-02"
#define R2307_2406 .from = "2023-07-01", .to = "2024-06-30"

static fy_status build(const struct fy_dataset *ds, const struct q *q,
                       struct stats_request *req, struct fy_error *err)
{
    memset(req, 0, sizeof(*req));
    req->as_of = FY_NO_DATE;
    FY_TRY(stats_period_parse(q->year, q->quarter, q->month, q->from, q->to,
                              &req->period, err));
    FY_TRY(stats_request_metrics(req, q->metric, err));
    if (q->by)
        FY_TRY(stats_request_dims(req, q->by, err));
    for (size_t i = 0; i < 4 && q->where[i]; i++)
        FY_TRY(stats_request_where(req, ds, q->where[i], err));
    if (q->compare)
        FY_TRY(stats_request_compare(req, q->compare, err));
    if (q->as_of && norm_date(q->as_of, &req->as_of) != NORM_OK)
        return fy_fail(err, FY_E_USAGE, NULL, "bad as-of '%s'", q->as_of);
    return FY_OK;
}

static fy_status try_run(const struct fy_dataset *ds, const struct q *q,
                         struct stats_result **out, struct fy_error *err)
{
    struct stats_request req;

    memset(err, 0, sizeof(*err));
    *out = NULL;
    FY_TRY(build(ds, q, &req, err));
    return stats_run(ds, &req, out, err);
}

static struct stats_result *run_on(const struct fy_dataset *ds,
                                   const struct q *q)
{
    struct stats_result *res;
    struct fy_error err;

    if (try_run(ds, q, &res, &err) != FY_OK)
        fail_msg("query --metric %s failed: %s", q->metric, err.msg);
    return res;
}

#define RUN(...) run_on(fixture, &(struct q){__VA_ARGS__})

/* The usage error of a query; its message in @p msg. */
static fy_status run_error(const struct q *q, char *msg, size_t n)
{
    struct stats_result *res;
    struct fy_error err;
    fy_status rc = try_run(fixture, q, &res, &err);

    stats_result_free(res);
    snprintf(msg, n, "%s", rc == FY_OK ? "" : err.msg);
    return rc;
}

#define RUN_ERROR(msg, ...)                                               \
    run_error(&(struct q){__VA_ARGS__}, msg, sizeof(msg))

/* ------------------------------------------------------------------ */
/* Expectations                                                        */
/* ------------------------------------------------------------------ */

static void expect_cell(const char *what, const struct stats_cell *c,
                        int64_t num, int64_t den)
{
    if (c->num != num || c->den != den)
        fail_msg("%s: got %lld/%lld, expected %lld/%lld", what,
                 (long long)c->num, (long long)c->den, (long long)num,
                 (long long)den);
}

/* The total of the query's first metric: numerator, denominator (0 for
 * a count). Without --by there are no rows. */
static void expect_total(const struct q *q, int64_t num, int64_t den)
{
    struct stats_result *res = run_on(fixture, q);
    char what[256];

    snprintf(what, sizeof(what), "%s over %s%s%s%s%s", q->metric,
             q->year ? q->year : "", q->quarter ? q->quarter : "",
             q->month ? q->month : "", q->from ? q->from : "",
             q->to ? q->to : "");
    expect_cell(what, &res->total.cells[0], num, den);
    assert_int_equal(res->nrows, 0);
    stats_result_free(res);
}

#define TOTAL(num, den, ...) expect_total(&(struct q){__VA_ARGS__}, num, den)

struct exp_row {
    const char *label;   /* NULL: 未填写 */
    int64_t num, den;
};

/* The rows of a one-dimension result for metric @p m, in order. */
static void expect_rows(const struct stats_result *res, size_t m,
                        const struct exp_row *e, size_t n)
{
    char what[256];

    if (res->nrows != n) {
        for (size_t i = 0; i < res->nrows; i++) {
            const char *l = stats_key_label(res, 0, res->rows[i].key[0]);
            fprintf(stderr, "  row %zu: %s %lld/%lld\n", i, l ? l : "(null)",
                    (long long)res->rows[i].cells[m].num,
                    (long long)res->rows[i].cells[m].den);
        }
        fail_msg("%zu rows, expected %zu", res->nrows, n);
    }
    for (size_t i = 0; i < n; i++) {
        const char *l = stats_key_label(res, 0, res->rows[i].key[0]);
        if (!e[i].label != !l || (l && strcmp(l, e[i].label) != 0))
            fail_msg("row %zu is '%s', expected '%s'", i, l ? l : "(null)",
                     e[i].label ? e[i].label : "(null)");
        snprintf(what, sizeof(what), "row %zu (%s), metric %zu", i,
                 l ? l : "未填写", m);
        expect_cell(what, &res->rows[i].cells[m], e[i].num, e[i].den);
    }
}

#define ROWS(res, m, ...)                                                 \
    do {                                                                  \
        const struct exp_row e_[] = {__VA_ARGS__};                        \
        expect_rows(res, m, e_, sizeof(e_) / sizeof(e_[0]));              \
    } while (0)

static void expect_date(int32_t day, const char *date)
{
    char got[11];

    fy_date_format(day, got);
    assert_string_equal(got, date);
}

#define assert_near(got, exp)                                             \
    do {                                                                  \
        double g_ = (got), e_ = (exp);                                    \
        if (g_ - e_ > 1e-9 || e_ - g_ > 1e-9)                             \
            fail_msg("%.15g, expected %.15g", g_, e_);                    \
    } while (0)

static int has_text(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

#define assert_contains(s, part)                                          \
    do {                                                                  \
        if (!has_text(s, part))                                           \
            fail_msg("'%s' does not contain '%s'", s, part);              \
    } while (0)

/* ------------------------------------------------------------------ */
/* Every metric over a year, a quarter, a month and a custom range     */
/* ------------------------------------------------------------------ */

static void test_stats_filed__periods(void **state)
{
    (void)state;
    /* 2023: A01-A19 (19), B01, B02, C01, E01, E02 = 24; K03 (filed
     * 2022-12-31) is not in, A01 (2023-01-01) and A14 (2023-12-31) are */
    TOTAL(24, 0, .metric = "filed", Y2023);
    /* 2024Q1: D01 (01-01), D07 (01-05), D04 (01-10), D02 (02-29),
     * D03 (03-31) = 5; D05 (04-01) is in Q2 */
    TOTAL(5, 0, .metric = "filed", Q2024Q1);
    /* 2024-02: D02 filed on 02-29, the leap day = 1 */
    TOTAL(1, 0, .metric = "filed", M2024_02);
    /* 2023-07-01..2024-06-30: A10 (07-01), A11, A12, A16 (09-30), A13,
     * A18, E02, A15, A14 (12-31) = 9; D01-D07 = 7; 9 + 7 = 16 */
    TOTAL(16, 0, .metric = "filed", R2307_2406);
}

static void test_stats_closed__periods(void **state)
{
    (void)state;
    /* 2023: K02, K03 (01-01), K05 (03-31), E01, A01-A13 (13), A17, A18,
     * A19, B01, B02, C01 = 3 + 1 + 13 + 3 + 3 = 23; A14 (2024-01-01),
     * A15, A16, K09 close in 2024, K04 and E02 are pending */
    TOTAL(23, 0, .metric = "closed", Y2023);
    /* 2024Q1: A14 (01-01), D07, K09 (01-31), A15, D01 (02-29), D04, A16,
     * D02 (03-31) = 8 */
    TOTAL(8, 0, .metric = "closed", Q2024Q1);
    /* 2024-02: A15 and D01, both on 02-29 = 2 */
    TOTAL(2, 0, .metric = "closed", M2024_02);
    /* range: 2023H2 A05 (07-01), A06, B02, A07, A08, A09, A13, A11, A18,
     * A12, A10 (12-31) = 11; 2024H1 A14, D07, K09, A15, D01, D04, A16, D02,
     * D05 (06-30) = 9; 11 + 9 = 20 (D06 closes 07-01, after the end) */
    TOTAL(20, 0, .metric = "closed", R2307_2406);
}

static void test_stats_pending_start__periods(void **state)
{
    (void)state;
    /* 2023 (filed before 01-01, open on 01-01): K02, K03 (closed on 01-01,
     * which is >= the start), K04 (never closed), K05, K09 = 5; K08 closed
     * 2022-12-31, before the start */
    TOTAL(5, 0, .metric = "pending_start", Y2023);
    /* 2024Q1: K04, K09, A14 (closes 01-01), A15, A16, E02 = 6 */
    TOTAL(6, 0, .metric = "pending_start", Q2024Q1);
    /* 2024-02: K04, E02, A15, A16, D01 (02-29), D04 (03-20) = 6; K09
     * (01-31), A14 (01-01) and D07 (01-20) closed in January */
    TOTAL(6, 0, .metric = "pending_start", M2024_02);
    /* range (open on 2023-07-01): K04, K09, A05 (closes 07-01), A06, A07,
     * A08, A09, B02 = 8; A04 closed 06-30 */
    TOTAL(8, 0, .metric = "pending_start", R2307_2406);
}

static void test_stats_pending_end__periods(void **state)
{
    (void)state;
    /* 2023 (open after 12-31): K04, K09, A14 (01-01), A15, A16, E02 = 6;
     * A10 closed on 12-31 is not pending. 5 + 24 - 23 = 6 */
    TOTAL(6, 0, .metric = "pending_end", Y2023);
    /* 2024Q1: K04, E02, D03 (filed 03-31) = 3; A16 and D02 closed 03-31.
     * 6 + 5 - 8 = 3 */
    TOTAL(3, 0, .metric = "pending_end", Q2024Q1);
    /* 2024-02: K04, E02, A16, D02 (filed 02-29), D04 = 5. 6 + 1 - 2 = 5 */
    TOTAL(5, 0, .metric = "pending_end", M2024_02);
    /* range: K04, E02, D03, D06 (closes 2024-07-01) = 4. 8 + 16 - 20 = 4 */
    TOTAL(4, 0, .metric = "pending_end", R2307_2406);
}

static void test_stats_closure_rate__periods(void **state)
{
    (void)state;
    /* closed / (pending_start + filed) */
    TOTAL(23, 29, .metric = "closure_rate", Y2023);       /* 23 / (5+24) */
    TOTAL(8, 11, .metric = "closure_rate", Q2024Q1);      /* 8 / (6+5) */
    TOTAL(2, 7, .metric = "closure_rate", M2024_02);      /* 2 / (6+1) */
    TOTAL(20, 24, .metric = "closure_rate", R2307_2406);  /* 20 / (8+16) */
}

static void test_stats_fi_closed__periods(void **state)
{
    (void)state;
    /* 2023: the closed 23 less K05, B01, B02 (行终), C01 (行申), E01 (行审)
     * = 18: K02, K03, A01-A13, A17, A18, A19 (A05 is 行赔初) */
    TOTAL(18, 0, .metric = "fi_closed", Y2023);
    /* 2024Q1: the closed 8 less D04 (行终), D07 (行审) = 6 */
    TOTAL(6, 0, .metric = "fi_closed", Q2024Q1);
    /* 2024-02: A15, D01 = 2 */
    TOTAL(2, 0, .metric = "fi_closed", M2024_02);
    /* range: the closed 20 less B02, D04 (行终), D07 (行审) = 17 */
    TOTAL(17, 0, .metric = "fi_closed", R2307_2406);
}

static void test_stats_agency_losses__periods(void **state)
{
    (void)state;
    /* 2023: A01 撤销, A02 履行, A03 给付, A04 确认违法, A05 赔偿 (行赔初),
     * A06 确认无效, A07 变更, A12 撤销, A13 撤销 (撤销并责令重作) = 9; B02 is
     * a 撤销 judgment on appeal (行终): no agency loss */
    TOTAL(9, 0, .metric = "agency_losses", Y2023);
    /* 2024Q1: K09 撤销 (filed 2022), A16 撤销, D01 确认违法 = 3 */
    TOTAL(3, 0, .metric = "agency_losses", Q2024Q1);
    /* 2024-02: D01 = 1 */
    TOTAL(1, 0, .metric = "agency_losses", M2024_02);
    /* range: A05, A06, A07, A12, A13, A16, K09, D01 = 8 */
    TOTAL(8, 0, .metric = "agency_losses", R2307_2406);
}

static void test_stats_loss_rate__periods(void **state)
{
    (void)state;
    /* agency_losses / fi_closed */
    TOTAL(9, 18, .metric = "loss_rate", Y2023);
    TOTAL(3, 6, .metric = "loss_rate", Q2024Q1);
    TOTAL(1, 2, .metric = "loss_rate", M2024_02);
    TOTAL(8, 17, .metric = "loss_rate", R2307_2406);
}

/*
 * 是否经复议 (fixtures/stats/README.md): 是 on K02, A01, A06, A08, A09,
 * A10, A13, B02 (行终: not first instance), D01, D02; 否 on A14, A18;
 * 不详 on A02 (counts as no); empty elsewhere (no).
 */
static void test_stats_reconsidered__periods(void **state)
{
    (void)state;
    /* 2023: the fi_closed with 是: K02, A01, A06, A08, A09, A10, A13 = 7
     * (A02 不详 and A18 否 are not; B02 is 行终) */
    TOTAL(7, 0, .metric = "reconsidered", Y2023);
    /* 2024Q1: D01, D02 = 2 (A14 否; K09, A15, A16 empty) */
    TOTAL(2, 0, .metric = "reconsidered", Q2024Q1);
    /* 2024-02: D01 = 1 (A15 empty) */
    TOTAL(1, 0, .metric = "reconsidered", M2024_02);
    /* range: A06, A08, A09, A10, A13, D01, D02 = 7 */
    TOTAL(7, 0, .metric = "reconsidered", R2307_2406);
}

static void test_stats_reconsidered_share__periods(void **state)
{
    (void)state;
    /* reconsidered / fi_closed */
    TOTAL(7, 18, .metric = "reconsidered_share", Y2023);
    TOTAL(2, 6, .metric = "reconsidered_share", Q2024Q1);
    TOTAL(1, 2, .metric = "reconsidered_share", M2024_02);
    TOTAL(7, 17, .metric = "reconsidered_share", R2307_2406);
}

static void test_stats_reconsidered_loss_rate__periods(void **state)
{
    (void)state;
    /* 2023: losses among the 7: A01 撤销, A06 确认无效, A13 撤销 = 3/7 */
    TOTAL(3, 7, .metric = "reconsidered_loss_rate", Y2023);
    /* 2024Q1: D01 确认违法 / (D01, D02) = 1/2 */
    TOTAL(1, 2, .metric = "reconsidered_loss_rate", Q2024Q1);
    /* 2024-02: D01 / D01 = 1/1 */
    TOTAL(1, 1, .metric = "reconsidered_loss_rate", M2024_02);
    /* range: A06, A13, D01 / 7 = 3/7 */
    TOTAL(3, 7, .metric = "reconsidered_loss_rate", R2307_2406);
}

static void test_stats_joint_defendant__periods(void **state)
{
    (void)state;
    /* 2023: A06 (… 、康巴什区人民政府) and A13 (… ，鄂尔多斯市人民政府) = 2;
     * not A08 (second 被告 a 生态环境局), A10 (one name written twice),
     * A09 (人民政府 is the first 被告), A18 (否), B02 (行终) */
    TOTAL(2, 0, .metric = "joint_defendant", Y2023);
    /* 2024Q1: D01 (东胜区市场监督管理局;东胜区人民政府;东胜区市场监督管理局)
     * = 1; D02 names one 被告 */
    TOTAL(1, 0, .metric = "joint_defendant", Q2024Q1);
    TOTAL(1, 0, .metric = "joint_defendant", M2024_02);  /* D01 */
    /* range: A06, A13, D01 = 3 */
    TOTAL(3, 0, .metric = "joint_defendant", R2307_2406);
    /* by 旗区, 2023: A06 康巴什区, A13 东胜区 (鄂尔多斯市公安局东胜区分局:
     * the first 被告 alone gives the 旗区) */
    struct stats_result *res = RUN(.metric = "joint_defendant",
                                   .by = "district", Y2023);
    ROWS(res, 0, {"东胜区", 1, 0}, {"康巴什区", 1, 0});
    expect_cell("total", &res->total.cells[0], 2, 0);
    stats_result_free(res);
}

static void test_stats_review_losses__periods(void **state)
{
    (void)state;
    /* the 共同被告 cases that are losses: 2023 A06 (确认无效) and A13 (撤销);
     * 2024Q1 and 2024-02 D01 (确认违法); the range all three */
    TOTAL(2, 0, .metric = "review_losses", Y2023);
    TOTAL(1, 0, .metric = "review_losses", Q2024Q1);
    TOTAL(1, 0, .metric = "review_losses", M2024_02);
    TOTAL(3, 0, .metric = "review_losses", R2307_2406);
    /* split by defendant, 2023: under the 复议机关 only (康巴什区人民政府 of
     * A06, 鄂尔多斯市人民政府 of A13), not under the first 被告 of either;
     * the rows looked up by name, whatever their order */
    static const struct exp_row want[] = {
        {"康巴什区人民政府", 1, 0}, {"鄂尔多斯市人民政府", 1, 0},
        {"康巴什区城市管理综合行政执法局", 0, 0},
        {"鄂尔多斯市公安局东胜区分局", 0, 0}};
    struct stats_result *res = RUN(.metric = "review_losses",
                                   .by = "defendant", Y2023);
    int64_t sum = 0;
    for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
        size_t i = 0;
        while (i < res->nrows
               && strcmp(stats_key_label(res, 0, res->rows[i].key[0])
                             ? stats_key_label(res, 0, res->rows[i].key[0])
                             : "",
                         want[k].label) != 0)
            i++;
        if (i < res->nrows)
            expect_cell(want[k].label, &res->rows[i].cells[0], want[k].num, 0);
        else
            assert_int_equal(want[k].num, 0); /* a row of 0 may be absent */
    }
    for (size_t i = 0; i < res->nrows; i++)
        sum += res->rows[i].cells[0].num;
    assert_int_equal(sum, 2); /* nobody else */
    expect_cell("total", &res->total.cells[0], 2, 0);
    stats_result_free(res);
}

static void test_stats_judgment_loss_rate__periods(void **state)
{
    (void)state;
    /* 2023: 9 losses / (9 + 驳回诉讼请求 K02, A08, A17, A18) = 9/13; A10
     * 驳回起诉, K03/A11/A19 撤诉 and A09 调解 are no judgments */
    TOTAL(9, 13, .metric = "judgment_loss_rate", Y2023);
    /* 2024Q1: 3 / (3 + A14 驳回诉讼请求) = 3/4 */
    TOTAL(3, 4, .metric = "judgment_loss_rate", Q2024Q1);
    /* 2024-02: D01 / D01 (A15 调解) = 1/1 */
    TOTAL(1, 1, .metric = "judgment_loss_rate", M2024_02);
    /* range: 8 / (8 + A08, A18, A14, D05) = 8/12 */
    TOTAL(8, 12, .metric = "judgment_loss_rate", R2307_2406);
}

static void test_stats_mediated_withdrawn__periods(void **state)
{
    (void)state;
    /* 2023: K03 准予撤诉, A09 调解结案, A11 按撤诉处理, A19 准予撤诉 = 4 */
    TOTAL(4, 0, .metric = "mediated_withdrawn", Y2023);
    /* 2024Q1: A15 调解, D02 准予撤诉 = 2 */
    TOTAL(2, 0, .metric = "mediated_withdrawn", Q2024Q1);
    /* 2024-02: A15 = 1 */
    TOTAL(1, 0, .metric = "mediated_withdrawn", M2024_02);
    /* range: A09, A11, A15, D02 = 4 */
    TOTAL(4, 0, .metric = "mediated_withdrawn", R2307_2406);
}

static void test_stats_mediation_withdrawal_rate__periods(void **state)
{
    (void)state;
    /* mediated_withdrawn / fi_closed */
    TOTAL(4, 18, .metric = "mediation_withdrawal_rate", Y2023);
    TOTAL(2, 6, .metric = "mediation_withdrawal_rate", Q2024Q1);
    TOTAL(1, 2, .metric = "mediation_withdrawal_rate", M2024_02);
    TOTAL(4, 17, .metric = "mediation_withdrawal_rate", R2307_2406);
}

static void test_stats_hearings_held__periods(void **state)
{
    (void)state;
    /* 2023: fi_closed with 是否开庭 = 是: K02, A01-A08, A11, A12, A13, A17
     * = 13; K03, A09, A10, A18, A19 were not heard */
    TOTAL(13, 0, .metric = "hearings_held", Y2023);
    /* 2024Q1: A14, A16, K09, D01 = 4 (A15, D02 not heard) */
    TOTAL(4, 0, .metric = "hearings_held", Q2024Q1);
    /* 2024-02: D01 = 1 */
    TOTAL(1, 0, .metric = "hearings_held", M2024_02);
    /* range: A05, A06, A07, A08, A11, A12, A13, A14, A16, K09, D01, D05
     * = 12 */
    TOTAL(12, 0, .metric = "hearings_held", R2307_2406);
}

static void test_stats_head_appearances__periods(void **state)
{
    (void)state;
    /* 2023: heard and head = 是: A01, A03, A05, A06, A07, A08, A12, A13 = 8;
     * K02, A04, A11 否; A02 (empty) and A17 (不详) unknown; A18's head came
     * but the case was not heard */
    TOTAL(8, 0, .metric = "head_appearances", Y2023);
    /* 2024Q1: A14, K09, D01 = 3 (A16 否) */
    TOTAL(3, 0, .metric = "head_appearances", Q2024Q1);
    /* 2024-02: D01 = 1 */
    TOTAL(1, 0, .metric = "head_appearances", M2024_02);
    /* range: the 12 heard less A11, A16 (否) = 10 */
    TOTAL(10, 0, .metric = "head_appearances", R2307_2406);
}

static void test_stats_appearance_rate__periods(void **state)
{
    (void)state;
    /* head_appearances / hearings_held: unknown counts in the
     * denominator only (A02, A17) */
    TOTAL(8, 13, .metric = "appearance_rate", Y2023);
    TOTAL(3, 4, .metric = "appearance_rate", Q2024Q1);
    TOTAL(1, 1, .metric = "appearance_rate", M2024_02);
    TOTAL(10, 12, .metric = "appearance_rate", R2307_2406);
}

/* loss_cause:<cause>, each over the four periods; the denominator is
 * agency_losses: 9 (2023), 3 (2024Q1), 1 (2024-02), 8 (range). */
static void test_stats_loss_cause__periods(void **state)
{
    static const struct {
        const char *id;
        int64_t y, q, m, r;
    } causes[] = {
        /* A01 (its first cause); K09 (2024-01-31); -; K09 */
        {"loss_cause:主要证据不足", 1, 1, 0, 1},
        /* A03; -; -; - */
        {"loss_cause:适用法律法规错误", 1, 0, 0, 0},
        /* A01 (its second cause), A05; A16 and D01 (程序违法); D01;
         * A05, A16, D01 */
        {"loss_cause:违反法定程序", 2, 2, 1, 3},
        /* A06; -; -; A06 */
        {"loss_cause:超越职权", 1, 0, 0, 1},
        /* A12; -; -; A12 */
        {"loss_cause:滥用职权", 1, 0, 0, 1},
        /* A07 (显失公正); -; -; A07 */
        {"loss_cause:明显不当", 1, 0, 0, 1},
        /* A02 (行政不作为); -; -; - (A02 closed 2023-04-20) */
        {"loss_cause:不履行法定职责", 1, 0, 0, 0},
        /* A13 (认定事实不清 matches no pattern); -; -; A13 */
        {"loss_cause:其他", 1, 0, 0, 1},
        /* A04, a loss with no cause; -; -; - (A04 closed 2023-06-30) */
        {"loss_cause:未填写", 1, 0, 0, 0},
    };
    int64_t sum = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(causes) / sizeof(causes[0]); i++) {
        TOTAL(causes[i].y, 9, .metric = causes[i].id, Y2023);
        TOTAL(causes[i].q, 3, .metric = causes[i].id, Q2024Q1);
        TOTAL(causes[i].m, 1, .metric = causes[i].id, M2024_02);
        TOTAL(causes[i].r, 8, .metric = causes[i].id, R2307_2406);
        sum += causes[i].y;
    }
    /* A01 cites two causes and counts under both: 9 losses, 10 causes */
    assert_int_equal(sum, 10);
}

/* --metric loss_causes stands for every cause, in the contract's order,
 * then 未填写. */
static void test_stats_loss_cause__family(void **state)
{
    static const char *const ids[] = {
        "loss_cause:主要证据不足", "loss_cause:适用法律法规错误",
        "loss_cause:违反法定程序", "loss_cause:超越职权",
        "loss_cause:滥用职权", "loss_cause:明显不当",
        "loss_cause:不履行法定职责", "loss_cause:其他", "loss_cause:未填写",
    };
    static const int64_t y2023[] = {1, 1, 2, 1, 1, 1, 1, 1, 1};
    struct stats_result *res = RUN(.metric = "loss_causes", Y2023);
    char buf[128];

    (void)state;
    assert_int_equal(res->req.nmetrics, 9);
    for (size_t m = 0; m < 9; m++) {
        assert_string_equal(stats_metric_id(&res->req.metrics[m], buf,
                                            sizeof(buf)), ids[m]);
        assert_int_equal(stats_metric_kind(&res->req.metrics[m]), STATS_RATE);
        expect_cell(ids[m], &res->total.cells[m], y2023[m], 9);
    }
    stats_result_free(res);
}

static void test_stats_admin_fi_filed__periods(void **state)
{
    (void)state;
    /* 2023: A01-A19 = 19 (B01, B02, C01, E01, E02 are no first
     * instance) */
    TOTAL(19, 0, .metric = "admin_fi_filed", Y2023);
    /* 2024Q1: D01, D02, D03 = 3 (D04 行终, D07 行审) */
    TOTAL(3, 0, .metric = "admin_fi_filed", Q2024Q1);
    /* 2024-02: D02 = 1 */
    TOTAL(1, 0, .metric = "admin_fi_filed", M2024_02);
    /* range: A10, A11, A12, A13, A14, A15, A16, A18 (8; E02 is 行审) +
     * D01, D02, D03, D05, D06 (5) = 13 */
    TOTAL(13, 0, .metric = "admin_fi_filed", R2307_2406);
}

static void test_stats_civil_fi_filed__periods(void **state)
{
    (void)state;
    /* 2023: 东胜 100 (01) + 120 (06) + 80 (07) + 110 (12), 达拉特 60 (02),
     * 准格尔 70 (12), 康巴什 40 (05), 中院 5 (03) = 585; 东胜 2022-12 (95)
     * is not in */
    TOTAL(585, 0, .metric = "civil_fi_filed", Y2023);
    /* 2024Q1: 东胜 105 + 90, 达拉特 55, 中院 3 = 253 */
    TOTAL(253, 0, .metric = "civil_fi_filed", Q2024Q1);
    /* 2024-02: 东胜 90 + 达拉特 55 = 145 */
    TOTAL(145, 0, .metric = "civil_fi_filed", M2024_02);
    /* range 2023-07..2024-06: 80 + 110 + 70 + 105 + 90 + 55 + 3 + 伊金霍洛
     * 30 (2024-06) = 543 */
    TOTAL(543, 0, .metric = "civil_fi_filed", R2307_2406);
}

static void test_stats_litigation_per_10k__periods(void **state)
{
    struct stats_result *res;
    int defined;

    (void)state;
    /* (civil_fi_filed + admin_fi_filed) / population of the year P ends
     * in. 2023: 585 + 19 = 604 over the city's own 2023 row, 2,220,300
     * (the 旗区 sum would be 2,195,100) */
    TOTAL(604, 2220300, .metric = "litigation_per_10k", Y2023);
    /* 2024Q1: 253 + 3 = 256 over 2024: no city row, so the sum of the
     * 旗区, 东胜区 falling back to 2023: 585,200 + 128,000 + 335,000 +
     * 368,000 + 94,000 + 165,000 + 112,000 + 161,000 + 260,000 = 2,208,200 */
    TOTAL(256, 2208200, .metric = "litigation_per_10k", Q2024Q1);
    /* 2024-02: 145 + 1 = 146 over 2,208,200 */
    TOTAL(146, 2208200, .metric = "litigation_per_10k", M2024_02);
    /* range: 543 + 13 = 556; it ends in 2024: 2,208,200 */
    TOTAL(556, 2208200, .metric = "litigation_per_10k", R2307_2406);

    /* value = numerator / denominator x 10000 */
    res = RUN(.metric = "litigation_per_10k", Y2023);
    assert_int_equal(stats_metric_kind(&res->req.metrics[0]), STATS_PER10K);
    assert_near(stats_value(STATS_PER10K, &res->total.cells[0], &defined),
                604.0 / 2220300.0 * 10000.0);
    assert_true(defined);
    stats_result_free(res);
}

static void test_stats_rec_issued__periods(void **state)
{
    (void)state;
    /* 2023: R01, R02, R03, R04, R12 (06-30), R05, R06, R11 (12-31) = 8;
     * R07, R08 were issued in 2022 */
    TOTAL(8, 0, .metric = "rec_issued", Y2023);
    /* 2024Q1: R09 (01-01), R10 = 2 */
    TOTAL(2, 0, .metric = "rec_issued", Q2024Q1);
    /* 2024-02: R10 = 1 */
    TOTAL(1, 0, .metric = "rec_issued", M2024_02);
    /* range: R05, R06, R11, R09, R10 = 5; R12 (2023-06-30) is before it */
    TOTAL(5, 0, .metric = "rec_issued", R2307_2406);
}

static void test_stats_rec_due__periods(void **state)
{
    (void)state;
    /* 2023: R07 (01-05, issued 2022), R01 (03-10), R02 (default 02-01 +
     * 60 days = 04-02), R03 (05-15), R04 (06-30), R12 (08-29), R05 (default
     * 10-15 + 60 = 12-14) = 7; R06's default is 2024-01-19 */
    TOTAL(7, 0, .metric = "rec_due", Y2023);
    /* 2024Q1: R06 (01-19), R09 (02-29), R11 (02-29) = 3 */
    TOTAL(3, 0, .metric = "rec_due", Q2024Q1);
    /* 2024-02: R09, R11 = 2 */
    TOTAL(2, 0, .metric = "rec_due", M2024_02);
    /* range: R12, R05, R06, R09, R11, R10 (04-10) = 6 */
    TOTAL(6, 0, .metric = "rec_due", R2307_2406);
}

static void test_stats_rec_on_time__periods(void **state)
{
    (void)state;
    /* 2023: R07 (01-04 <= 01-05), R01 (03-01 <= 03-10), R02 (04-02, on the
     * due day), R12 (07-15 <= 08-29) = 4; R03 late (05-20), R04 none, R05
     * late (2024-01-10) */
    TOTAL(4, 0, .metric = "rec_on_time", Y2023);
    /* 2024Q1: R09 (02-29 on the day) = 1; R06 none, R11 late (04-05) */
    TOTAL(1, 0, .metric = "rec_on_time", Q2024Q1);
    /* 2024-02: R09 = 1 */
    TOTAL(1, 0, .metric = "rec_on_time", M2024_02);
    /* range: R12, R09, R10 (03-01 <= 04-10) = 3 */
    TOTAL(3, 0, .metric = "rec_on_time", R2307_2406);
}

static void test_stats_rec_feedback_rate__periods(void **state)
{
    (void)state;
    /* rec_on_time / rec_due */
    TOTAL(4, 7, .metric = "rec_feedback_rate", Y2023);
    TOTAL(1, 3, .metric = "rec_feedback_rate", Q2024Q1);
    TOTAL(1, 2, .metric = "rec_feedback_rate", M2024_02);
    TOTAL(3, 6, .metric = "rec_feedback_rate", R2307_2406);
}

static void test_stats_rec_overdue__periods(void **state)
{
    (void)state;
    /* as of 2023-12-31: R08 (due 2022-12-10, issued 2022, never answered),
     * R04 (due 06-30, never answered), R05 (due 12-14, answered only
     * 2024-01-10) = 3; R06 is due 2024-01-19, not before the as-of date */
    TOTAL(3, 0, .metric = "rec_overdue", Y2023);
    /* as of 2024-03-31: R08, R04, R06 (due 01-19), R11 (due 02-29,
     * answered 04-05) = 4; R05 was answered by then */
    TOTAL(4, 0, .metric = "rec_overdue", Q2024Q1);
    /* as of 2024-02-29: R08, R04, R06 = 3; R11 and R09 are due on 02-29,
     * which is not before it */
    TOTAL(3, 0, .metric = "rec_overdue", M2024_02);
    /* as of 2024-06-30: R08, R04, R06 = 3; R11 answered 04-05 */
    TOTAL(3, 0, .metric = "rec_overdue", R2307_2406);
    /* 2023 --as-of 2024-03-31: R08, R04, R06, R11 = 4 (R05 answered) */
    TOTAL(4, 0, .metric = "rec_overdue", Y2023, .as_of = "2024-03-31");
}

static void test_stats_rec_adoption_rate__periods(void **state)
{
    struct stats_result *res;
    int defined;

    (void)state;
    /* 2023 as of 12-31: issued in 2023 and answered by then: R01 采纳, R02
     * 部分采纳, R03 未采纳, R12 (answered, no 采纳情况) = 4; adopted R01, R02
     * = 2. R05 answered 2024-01-10, R11 2024-04-05, R04/R06 never */
    TOTAL(2, 4, .metric = "rec_adoption_rate", Y2023);
    /* 2024Q1: R09 采纳, R10 未采纳 = 1/2 */
    TOTAL(1, 2, .metric = "rec_adoption_rate", Q2024Q1);
    /* 2024-02: R10 was answered 03-01, after the as-of date: 0/0 */
    TOTAL(0, 0, .metric = "rec_adoption_rate", M2024_02);
    /* range as of 2024-06-30: R05 采纳, R11 部分采纳, R09 采纳, R10 未采纳
     * = 3/4 (R06 never answered) */
    TOTAL(3, 4, .metric = "rec_adoption_rate", R2307_2406);
    /* 2023 --as-of 2024-03-31: R05 (answered 01-10, 采纳) joins: 3/5 */
    TOTAL(3, 5, .metric = "rec_adoption_rate", Y2023,
          .as_of = "2024-03-31");

    res = RUN(.metric = "rec_adoption_rate", M2024_02);
    stats_value(STATS_RATE, &res->total.cells[0], &defined);
    assert_false(defined);   /* undefined, never 0 */
    stats_result_free(res);
}

static void test_stats_hearing_count__periods(void **state)
{
    (void)state;
    /* 2023: H01 (01-01), H02 (03-31), H03, H04 (12-31) = 4; H06 is
     * 2022-12-31 */
    TOTAL(4, 0, .metric = "hearing_count", Y2023);
    /* 2024Q1: H05 (02-29) = 1 */
    TOTAL(1, 0, .metric = "hearing_count", Q2024Q1);
    /* 2024-02: H05 = 1 */
    TOTAL(1, 0, .metric = "hearing_count", M2024_02);
    /* range: H04, H05, H07 (2024-04-01) = 3 */
    TOTAL(3, 0, .metric = "hearing_count", R2307_2406);
}

static void test_stats_hearing_attendance_rate__periods(void **state)
{
    (void)state;
    /* 2023: H01, H03, H04 attended, H02 not = 3/4 */
    TOTAL(3, 4, .metric = "hearing_attendance_rate", Y2023);
    /* 2024Q1: H05 not attended = 0/1, a defined 0 */
    TOTAL(0, 1, .metric = "hearing_attendance_rate", Q2024Q1);
    TOTAL(0, 1, .metric = "hearing_attendance_rate", M2024_02);
    /* range: H04, H07 of H04, H05, H07 = 2/3 */
    TOTAL(2, 3, .metric = "hearing_attendance_rate", R2307_2406);
    /* 2024-03: no hearing: 0/0 */
    TOTAL(0, 0, .metric = "hearing_attendance_rate", .month = "2024-03");
}

/* Every metric id of metrics.md is known, with its kind. */
static void test_stats_metric_defs__every_id(void **state)
{
    static const struct {
        const char *id;
        enum stats_kind kind;
    } ids[] = {
        {"filed", STATS_COUNT}, {"closed", STATS_COUNT},
        {"pending_start", STATS_COUNT}, {"pending_end", STATS_COUNT},
        {"closure_rate", STATS_RATE}, {"fi_closed", STATS_COUNT},
        {"agency_losses", STATS_COUNT}, {"loss_rate", STATS_RATE},
        {"judgment_loss_rate", STATS_RATE},
        {"mediated_withdrawn", STATS_COUNT},
        {"mediation_withdrawal_rate", STATS_RATE},
        {"hearings_held", STATS_COUNT}, {"head_appearances", STATS_COUNT},
        {"appearance_rate", STATS_RATE}, {"admin_fi_filed", STATS_COUNT},
        {"civil_fi_filed", STATS_COUNT},
        {"litigation_per_10k", STATS_PER10K}, {"rec_issued", STATS_COUNT},
        {"rec_due", STATS_COUNT}, {"rec_on_time", STATS_COUNT},
        {"rec_feedback_rate", STATS_RATE}, {"rec_overdue", STATS_COUNT},
        {"rec_adoption_rate", STATS_RATE}, {"hearing_count", STATS_COUNT},
        {"hearing_attendance_rate", STATS_RATE},
        {"reconsidered", STATS_COUNT}, {"reconsidered_share", STATS_RATE},
        {"reconsidered_loss_rate", STATS_RATE},
        {"joint_defendant", STATS_COUNT},
        {"review_losses", STATS_COUNT},
    };
    size_t n;
    const struct stats_metric_def *defs = stats_metric_defs(&n);

    (void)state;
    assert_int_equal(n, sizeof(ids) / sizeof(ids[0]));
    for (size_t i = 0; i < n; i++) {
        size_t j;
        for (j = 0; j < n; j++)
            if (strcmp(defs[j].id, ids[i].id) == 0)
                break;
        if (j == n)
            fail_msg("metric %s is missing", ids[i].id);
        assert_int_equal(defs[j].kind, ids[i].kind);
        assert_true(defs[j].kind == STATS_COUNT ? !defs[j].denominator
                                                : !!defs[j].denominator);
    }
}

/* ------------------------------------------------------------------ */
/* Every dimension                                                     */
/* ------------------------------------------------------------------ */

static void test_stats_by__court(void **state)
{
    /* closed, pending_end by court, 2023; registry order */
    struct stats_result *res = RUN(.metric = "closed,pending_end",
                                   .by = "court", Y2023);

    (void)state;
    ROWS(res, 0,
         /* K05, A05, A09, B01, B02, C01 (K04 named 市中院) */
         {"鄂尔多斯市中级人民法院", 6, 0},
         /* E01 (named 东胜区人民法院) */
         {"鄂尔多斯市东胜区人民法院", 1, 0},
         /* K02, K03, A01-A04, A06, A07, A08, A10-A13, A17, A18, A19 */
         {"鄂尔多斯市康巴什区人民法院", 16, 0},
         /* E02 pending: a row with closed 0 */
         {"达拉特旗人民法院", 0, 0});
    ROWS(res, 1,
         {"鄂尔多斯市中级人民法院", 1, 0},         /* K04 */
         {"鄂尔多斯市东胜区人民法院", 0, 0},
         {"鄂尔多斯市康巴什区人民法院", 4, 0},     /* K09, A14, A15, A16 */
         {"达拉特旗人民法院", 1, 0});              /* E02 */
    expect_cell("total closed", &res->total.cells[0], 23, 0);
    expect_cell("total pending_end", &res->total.cells[1], 6, 0);
    stats_result_free(res);

    /* civil filings by court, 2023: 5 + 410 + 40 + 60 + 70 = 585 */
    res = RUN(.metric = "civil_fi_filed", .by = "court", Y2023);
    ROWS(res, 0,
         {"鄂尔多斯市中级人民法院", 5, 0},
         {"鄂尔多斯市东胜区人民法院", 410, 0},
         {"鄂尔多斯市康巴什区人民法院", 40, 0},
         {"达拉特旗人民法院", 60, 0},
         {"准格尔旗人民法院", 70, 0});
    expect_cell("total", &res->total.cells[0], 585, 0);
    stats_result_free(res);
}

static void test_stats_by__district(void **state)
{
    /* loss_rate by district, 2023: the 18 first-instance cases closed in
     * 2023 by the 旗区 of their defendant; registry order, 市本级 last */
    struct stats_result *res = RUN(.metric = "loss_rate", .by = "district",
                                   Y2023);

    (void)state;
    ROWS(res, 0,
         {"东胜区", 2, 3},      /* A02 L, A13 L (公安局东胜区分局), A09 */
         {"康巴什区", 1, 1},    /* A06 L */
         {"达拉特旗", 1, 2},    /* A04 L, A19 */
         {"准格尔旗", 1, 2},    /* A01 L, K02 */
         {"鄂托克前旗", 0, 1},  /* A11 */
         {"鄂托克旗", 0, 2},    /* A08 (生态环境局鄂托克旗分局), A18 */
         {"杭锦旗", 0, 1},      /* A10 */
         {"乌审旗", 1, 1},      /* A07 L */
         {"伊金霍洛旗", 1, 2},  /* A05 L, A17 (所属旗区 given) */
         /* K03 and A03 (鄂尔多斯市… defendants), A12 (所属旗区 市本级) */
         {"市本级", 2, 3});
    expect_cell("total", &res->total.cells[0], 9, 18);
    stats_result_free(res);

    /* civil filings by district (the court's): 2023 */
    res = RUN(.metric = "civil_fi_filed", .by = "district", Y2023);
    ROWS(res, 0,
         {"东胜区", 410, 0},    /* 100 + 120 + 80 + 110 */
         {"康巴什区", 40, 0},
         {"达拉特旗", 60, 0},
         {"准格尔旗", 70, 0},
         {"市本级", 5, 0});     /* the intermediate court's */
    stats_result_free(res);
}

static void test_stats_by__defendant(void **state)
{
    /* filed by defendant, 2023Q1: A01-A05, A19, B01, E01; sorted by the
     * name (UTF-8 byte order: 东 < 伊 < 准 < 达 < 鄂), 未填写 last */
    struct stats_result *res = RUN(.metric = "filed", .by = "defendant",
                                   .quarter = "2023Q1");

    (void)state;
    ROWS(res, 0,
         /* A02, B01 (written with a trailing U+3000: trimmed) */
         {"东胜区住房和城乡建设局", 2, 0},
         {"伊金霍洛旗人民政府", 1, 0},             /* A05 */
         {"准格尔旗自然资源局", 1, 0},             /* A01 */
         {"达拉特旗人力资源和社会保障局", 1, 0},   /* A19 (人 < 公) */
         {"达拉特旗公安局", 1, 0},                 /* A04 */
         {"鄂尔多斯市医疗保障局", 1, 0},           /* A03 */
         {NULL, 1, 0});                            /* E01: no 被告 */
    expect_cell("total", &res->total.cells[0], 8, 0);
    stats_result_free(res);
}

static void test_stats_by__defendant_several(void **state)
{
    /* reconsidered by defendant, 2023 (the 7 of reconsidered__periods):
     * a case naming several 被告 counts once under each, so the rows add
     * up to 10 and the total is 7. Code-point order: 东 < 准 < 康 < 杭 < 鄂,
     * then 人 U+4EBA < 公 U+516C < 城 U+57CE < 生 U+751F < 自 U+81EA */
    struct stats_result *res = RUN(.metric = "reconsidered",
                                   .by = "defendant", Y2023);

    (void)state;
    ROWS(res, 0,
         {"东胜区人民政府", 1, 0},                     /* A09 */
         {"准格尔旗公安局", 1, 0},                     /* K02 */
         {"准格尔旗自然资源局", 1, 0},                 /* A01 */
         {"康巴什区人民政府", 1, 0},                   /* A06, second */
         {"康巴什区城市管理综合行政执法局", 1, 0},     /* A06, first */
         {"杭锦旗交通运输局", 1, 0},                   /* A10, named twice */
         {"鄂尔多斯市人民政府", 1, 0},                 /* A13, second */
         {"鄂尔多斯市公安局东胜区分局", 1, 0},         /* A13, first */
         {"鄂尔多斯市生态环境局", 1, 0},               /* A08, second */
         {"鄂尔多斯市生态环境局鄂托克旗分局", 1, 0});  /* A08, first */
    expect_cell("total", &res->total.cells[0], 7, 0);
    stats_result_free(res);

    /* --where defendant=X keeps the cases naming X anywhere */
    /* A13 names 鄂尔多斯市人民政府 second; C01 (行申, not closed in the
     * 一审 sense) names it first: reconsidered only A13 */
    TOTAL(1, 0, .metric = "reconsidered", Y2023,
          .where = {"defendant=鄂尔多斯市人民政府"});
    /* filed 2023 naming it: A13 (second) and C01 (first) */
    TOTAL(2, 0, .metric = "filed", Y2023,
          .where = {"defendant=鄂尔多斯市人民政府"});
    /* B02 names 准格尔旗人民政府 second (filed 2023-04-10) */
    TOTAL(1, 0, .metric = "filed", Y2023,
          .where = {"defendant=准格尔旗人民政府"});
    /* A10's 杭锦旗交通运输局 written twice: the case counts once */
    TOTAL(1, 0, .metric = "filed", Y2023,
          .where = {"defendant=杭锦旗交通运输局"});
    /* A18's second 被告 after a line break */
    TOTAL(1, 0, .metric = "filed", Y2023,
          .where = {"defendant=鄂托克旗人民政府"});
}

static void test_stats_by__domain(void **state)
{
    /* filed by domain, 2023: the built-in domains in table order, then
     * the given ones (教育), then 其他 */
    struct stats_result *res = RUN(.metric = "filed", .by = "domain",
                                   Y2023);

    (void)state;
    ROWS(res, 0,
         {"乡镇政府", 1, 0},          /* A15 (薛家湾镇人民政府) */
         /* A01, A14, A17, B02, E02 derived; A09 given (against 东胜区
          * 人民政府, which would derive 人民政府) */
         {"自然资源", 6, 0},
         {"公安", 2, 0},              /* A04, A13 */
         {"住房城乡建设", 2, 0},      /* A02, B01 */
         {"人力资源社会保障", 2, 0},  /* A03 (医疗保障), A19 */
         {"市场监管", 1, 0},          /* A07 */
         {"生态环境", 1, 0},          /* A08 */
         {"交通运输", 1, 0},          /* A10 */
         {"城市管理", 1, 0},          /* A06 */
         {"农牧林草水利", 2, 0},      /* A11 (农牧), A18 (林业) */
         {"税务", 1, 0},              /* A12 */
         {"人民政府", 2, 0},          /* A05, C01 */
         {"教育", 1, 0},              /* A16, given */
         {"其他", 1, 0});             /* E01, no 被告 */
    expect_cell("total", &res->total.cells[0], 24, 0);
    stats_result_free(res);

    /* loss_rate by domain, 2023 (domains with first-instance closings) */
    res = RUN(.metric = "loss_rate", .by = "domain", Y2023);
    ROWS(res, 0,
         {"自然资源", 1, 3},          /* A01 L, A09, A17 */
         {"公安", 2, 3},              /* A04 L, A13 L, K02 */
         {"住房城乡建设", 1, 1},      /* A02 L */
         {"人力资源社会保障", 1, 3},  /* A03 L, K03, A19 */
         {"市场监管", 1, 1},          /* A07 L */
         {"生态环境", 0, 1},          /* A08 */
         {"交通运输", 0, 1},          /* A10 */
         {"城市管理", 1, 1},          /* A06 L */
         {"农牧林草水利", 0, 2},      /* A11, A18 */
         {"税务", 1, 1},              /* A12 L */
         {"人民政府", 1, 1});         /* A05 L */
    stats_result_free(res);
}

static void test_stats_by__action_type(void **state)
{
    /* filed by action_type, 2023Q1, by name, 其他 (empty cell) last */
    struct stats_result *res = RUN(.metric = "filed", .by = "action_type",
                                   .quarter = "2023Q1");

    (void)state;
    ROWS(res, 0,
         {"行政处罚", 1, 0},   /* A01 */
         {"行政强制", 1, 0},   /* A04 */
         {"行政确认", 1, 0},   /* A19 */
         {"行政给付", 1, 0},   /* A03 */
         {"行政许可", 2, 0},   /* A02, B01 */
         {"行政赔偿", 1, 0},   /* A05 */
         {"其他", 1, 0});      /* E01, empty → 其他 */
    stats_result_free(res);
}

static void test_stats_by__case_type(void **state)
{
    /* filed by case_type, 2023, in the contract's order */
    struct stats_result *res = RUN(.metric = "filed", .by = "case_type",
                                   Y2023);

    (void)state;
    ROWS(res, 0,
         {"行政一审", 18, 0},                  /* A01-A19 less A05 */
         {"行政二审", 2, 0},                   /* B01, B02 */
         {"行政申请再审审查", 1, 0},           /* C01 */
         {"非诉行政行为申请执行审查", 2, 0},   /* E01, E02 */
         {"行政赔偿一审", 1, 0});              /* A05 */
    stats_result_free(res);
}

static void test_stats_by__disposition(void **state)
{
    /* closed by disposition, 2023, in the category order */
    struct stats_result *res = RUN(.metric = "closed", .by = "disposition",
                                   Y2023);

    (void)state;
    ROWS(res, 0,
         {"驳回诉讼请求", 4, 0},   /* K02, A08, A17, A18 */
         {"撤销", 4, 0},           /* A01, A12, A13, B02 (on appeal) */
         {"履行", 1, 0},           /* A02 */
         {"给付", 1, 0},           /* A03 */
         {"确认违法", 1, 0},       /* A04 */
         {"确认无效", 1, 0},       /* A06 */
         {"变更", 1, 0},           /* A07 */
         {"赔偿", 1, 0},           /* A05 */
         {"驳回起诉", 1, 0},       /* A10 */
         {"撤诉", 3, 0},           /* K03, A11, A19 */
         {"调解", 1, 0},           /* A09 */
         {"维持原判", 1, 0},       /* K05 (驳回上诉，维持原判) */
         {"准予执行", 1, 0},       /* E01 */
         {"发回重审", 1, 0},       /* B01 (撤销原判，发回重审) */
         {"其他", 1, 0});          /* C01 (裁定驳回再审申请, no rule) */
    stats_result_free(res);

    /* filed by disposition, 2024Q1: a pending case has none (未填写) */
    res = RUN(.metric = "filed", .by = "disposition", Q2024Q1);
    ROWS(res, 0,
         {"确认违法", 1, 0},       /* D01 */
         {"撤诉", 1, 0},           /* D02 */
         {"维持原判", 1, 0},       /* D04 */
         {"准予执行", 1, 0},       /* D07 */
         {NULL, 1, 0});            /* D03, pending */
    stats_result_free(res);
}

static void test_stats_by__month(void **state)
{
    /* 2024Q1 by month; 旧存/未结 at each month's start and end */
    struct stats_result *res = RUN(.metric = "filed,closed,pending_start,"
                                             "pending_end",
                                   .by = "month", Q2024Q1);

    (void)state;
    ROWS(res, 0,
         {"2024-01", 3, 0},   /* D01, D07, D04 */
         {"2024-02", 1, 0},   /* D02 */
         {"2024-03", 1, 0});  /* D03 */
    ROWS(res, 1,
         {"2024-01", 3, 0},   /* A14 (01-01), D07, K09 (01-31) */
         {"2024-02", 2, 0},   /* A15, D01 (02-29) */
         {"2024-03", 3, 0});  /* D04, A16, D02 (03-31) */
    ROWS(res, 2,
         {"2024-01", 6, 0},   /* K04, K09, A14, A15, A16, E02 */
         {"2024-02", 6, 0},   /* = January's 未结 */
         {"2024-03", 5, 0});  /* = February's 未结 */
    ROWS(res, 3,
         {"2024-01", 6, 0},   /* 6 + 3 - 3: K04, A15, A16, E02, D01, D04 */
         {"2024-02", 5, 0},   /* 6 + 1 - 2 */
         {"2024-03", 3, 0});  /* 5 + 1 - 3: K04, E02, D03 */
    /* the total is over the quarter, not a sum of months */
    expect_cell("total pending_start", &res->total.cells[2], 6, 0);
    expect_cell("total pending_end", &res->total.cells[3], 3, 0);
    stats_result_free(res);

    /* every month of P has a row, also one without hearings (0/0) */
    res = RUN(.metric = "hearing_count,hearing_attendance_rate",
              .by = "month", Q2024Q1);
    ROWS(res, 0, {"2024-01", 0, 0}, {"2024-02", 1, 0}, {"2024-03", 0, 0});
    ROWS(res, 1, {"2024-01", 0, 0}, {"2024-02", 0, 1}, {"2024-03", 0, 0});
    stats_result_free(res);
}

static void test_stats_by__quarter(void **state)
{
    struct stats_result *res = RUN(.metric = "filed,closed,pending_start,"
                                             "pending_end",
                                   .by = "quarter", Y2023);

    (void)state;
    ROWS(res, 0,
         {"2023Q1", 8, 0},  /* A01-A05, A19 (03-31), B01, E01 */
         {"2023Q2", 7, 0},  /* A06 (04-01), A17, B02, C01, A07, A08, A09 */
         {"2023Q3", 4, 0},  /* A10 (07-01), A11, A12, A16 (09-30) */
         {"2023Q4", 5, 0}); /* A13, A18, E02, A15, A14 (12-31) */
    ROWS(res, 1,
         {"2023Q1", 5, 0},  /* K03, K02, E01, K05, A01 (03-31) */
         /* A19 (04-01), A02, A03, B01, A17, C01, A04 (06-30) */
         {"2023Q2", 7, 0},
         {"2023Q3", 4, 0},  /* A05 (07-01), A06, B02, A07 (09-30) */
         /* A08, A09, A13, A11, A18, A12, A10 (12-31) */
         {"2023Q4", 7, 0});
    ROWS(res, 2,
         {"2023Q1", 5, 0},  /* K02, K03, K04, K05, K09 */
         {"2023Q2", 8, 0},  /* Q1's 未结 */
         {"2023Q3", 8, 0},
         {"2023Q4", 8, 0});
    ROWS(res, 3,
         /* K04, K09, A02, A03, A04, A05, B01, A19 (closed 04-01) */
         {"2023Q1", 8, 0},
         /* K04, K09, A05 (07-01), A06, A07, A08, A09, B02 = 8 + 7 - 7 */
         {"2023Q2", 8, 0},
         /* K04, K09, A08, A09, A10, A11, A12, A16 = 8 + 4 - 4 */
         {"2023Q3", 8, 0},
         {"2023Q4", 6, 0}); /* 8 + 5 - 7 = the year's 未结 */
    stats_result_free(res);

    /* a quarter without recommendations still has its row */
    res = RUN(.metric = "rec_issued", .by = "quarter", Y2023);
    ROWS(res, 0,
         {"2023Q1", 3, 0},  /* R01, R02, R03 */
         {"2023Q2", 2, 0},  /* R04, R12 (06-30) */
         {"2023Q3", 0, 0},
         {"2023Q4", 3, 0}); /* R05, R06, R11 (12-31) */
    stats_result_free(res);
}

static void test_stats_by__year(void **state)
{
    /* the range 2023-07-01..2024-06-30 by year: the buckets are the
     * range's intersection with 2023 and with 2024 */
    struct stats_result *res = RUN(.metric = "filed,closed,pending_start,"
                                             "pending_end,civil_fi_filed",
                                   .by = "year", R2307_2406);

    (void)state;
    ROWS(res, 0, {"2023", 9, 0}, {"2024", 7, 0});
    ROWS(res, 1, {"2023", 11, 0}, {"2024", 9, 0});
    /* 旧存 on 2023-07-01 and on 2024-01-01 */
    ROWS(res, 2, {"2023", 8, 0}, {"2024", 6, 0});
    /* 未结 on 2023-12-31 and on 2024-06-30 */
    ROWS(res, 3, {"2023", 6, 0}, {"2024", 4, 0});
    /* 80 + 110 + 70 = 260; 105 + 90 + 55 + 3 + 30 = 283 */
    ROWS(res, 4, {"2023", 260, 0}, {"2024", 283, 0});
    stats_result_free(res);
}

static void test_stats_by__rec_kind(void **state)
{
    struct stats_result *res = RUN(.metric = "rec_issued,rec_due,"
                                             "rec_on_time,rec_overdue,"
                                             "rec_adoption_rate",
                                   .by = "rec_kind", Y2023);

    (void)state;
    /* 司法建议: R01, R03, R05, R12 issued; R07, R01, R03, R12, R05 due;
     * R07, R01, R12 on time; R05 overdue; answered R01 采纳, R03, R12 */
    ROWS(res, 0, {"司法建议", 4, 0}, {"检察建议", 4, 0});
    ROWS(res, 1, {"司法建议", 5, 0}, {"检察建议", 2, 0});
    ROWS(res, 2, {"司法建议", 3, 0}, {"检察建议", 1, 0});
    /* 检察建议: R02, R04, R06, R11 issued; R02, R04 due; R02 on time;
     * R08, R04 overdue; answered R02 部分采纳 */
    ROWS(res, 3, {"司法建议", 1, 0}, {"检察建议", 2, 0});
    ROWS(res, 4, {"司法建议", 1, 3}, {"检察建议", 1, 1});
    stats_result_free(res);
}

static void test_stats_by__recipient(void **state)
{
    struct stats_result *res = RUN(.metric = "rec_issued",
                                   .by = "recipient", Y2023);

    (void)state;
    /* by name in UTF-8 byte order (东胜区人… < 东胜区住…) */
    ROWS(res, 0,
         {"东胜区人民政府", 2, 0},            /* R03, R12 */
         {"东胜区住房和城乡建设局", 1, 0},    /* R04 */
         {"准格尔旗公安局", 2, 0},            /* R02, R11 */
         {"达拉特旗人民政府", 1, 0},          /* R06 */
         {"鄂尔多斯市自然资源局", 2, 0});     /* R01, R05 */
    stats_result_free(res);
}

/* Two dimensions: rows sorted by the first, then the second. */
static void test_stats_by__two_dims(void **state)
{
    struct stats_result *res = RUN(.metric = "agency_losses",
                                   .by = "district,quarter", Y2023);
    static const struct {
        const char *district, *quarter;
        int64_t n;
    } exp[] = {
        /* the 9 losses of 2023 by 旗区 and quarter of closing: a row
         * exists only where a figure of it is non-zero */
        {"东胜区", "2023Q2", 1},      /* A02 */
        {"东胜区", "2023Q4", 1},      /* A13 (A09 no loss) */
        {"康巴什区", "2023Q3", 1},    /* A06 */
        {"达拉特旗", "2023Q2", 1},    /* A04 (A19 no loss) */
        {"准格尔旗", "2023Q1", 1},    /* A01 (K02 no loss) */
        {"乌审旗", "2023Q3", 1},      /* A07 */
        {"伊金霍洛旗", "2023Q3", 1},  /* A05 (A17 no loss) */
        {"市本级", "2023Q2", 1},      /* A03 */
        {"市本级", "2023Q4", 1},      /* A12 */
    };

    (void)state;
    assert_int_equal(res->nrows, sizeof(exp) / sizeof(exp[0]));
    for (size_t i = 0; i < res->nrows; i++) {
        assert_string_equal(stats_key_label(res, 0, res->rows[i].key[0]),
                            exp[i].district);
        assert_string_equal(stats_key_label(res, 1, res->rows[i].key[1]),
                            exp[i].quarter);
        assert_int_equal(res->rows[i].cells[0].num, exp[i].n);
    }
    stats_result_free(res);
}

/* ------------------------------------------------------------------ */
/* --where                                                             */
/* ------------------------------------------------------------------ */

static void test_stats_where__two_anded(void **state)
{
    (void)state;
    /* 东胜区 and 行政一审, filed 2023: A02, A09, A13, A16 = 4 (B01 东胜区
     * is 行终, E01 东胜区 is 行审) */
    TOTAL(4, 0, .metric = "filed", Y2023,
          .where = {"district=东胜区", "case_type=行政一审"});
    /* the case-type code is accepted for its name */
    TOTAL(4, 0, .metric = "filed", Y2023,
          .where = {"district=东胜区", "case_type=行初"});
    /* 行赔初: A05 */
    TOTAL(1, 0, .metric = "filed", Y2023, .where = {"case_type=行赔初"});
    /* a short court name: 东胜区人民法院 closed E01 in 2023 */
    TOTAL(1, 0, .metric = "closed", Y2023,
          .where = {"court=东胜区人民法院"});
    /* domain 公安: A04 L, A13 L, K02 */
    TOTAL(2, 3, .metric = "loss_rate", Y2023, .where = {"domain=公安"});
    /* 检察建议 issued 2023: R02, R04, R06, R11 */
    TOTAL(4, 0, .metric = "rec_issued", Y2023,
          .where = {"rec_kind=检察建议"});
    /* 准格尔旗公安局 overdue at 2023-12-31: R08 (R02 answered, R11 not due)
     * and 司法建议 to it: none */
    TOTAL(1, 0, .metric = "rec_overdue", Y2023,
          .where = {"recipient=准格尔旗公安局"});
    TOTAL(0, 0, .metric = "rec_overdue", Y2023,
          .where = {"recipient=准格尔旗公安局", "rec_kind=司法建议"});
    /* a defendant nobody has: nothing */
    TOTAL(0, 0, .metric = "filed", Y2023, .where = {"defendant=无此机关"});
    /* civil filings of one court: 达拉特旗 2023-02 (60) */
    TOTAL(60, 0, .metric = "civil_fi_filed", Y2023,
          .where = {"court=达拉特旗人民法院"});
}

static void test_stats_where__time(void **state)
{
    struct stats_result *res;

    (void)state;
    /* --year 2023 --where quarter=2023Q2: the 7 cases filed in Q2 */
    TOTAL(7, 0, .metric = "filed", Y2023, .where = {"quarter=2023Q2"});
    /* 旧存 at the start of Q2, not of the year: 8 */
    TOTAL(8, 0, .metric = "pending_start", Y2023,
          .where = {"quarter=2023Q2"});
    /* with a non-time filter: 东胜区 filed in Q2: A09 (06-20) */
    TOTAL(1, 0, .metric = "filed", Y2023,
          .where = {"quarter=2023Q2", "district=东胜区"});
    /* a month outside the period leaves nothing */
    TOTAL(0, 0, .metric = "filed", Y2023, .where = {"month=2024-01"});
    /* month=2024-02 within the range: as the month itself */
    TOTAL(1, 0, .metric = "filed", R2307_2406, .where = {"month=2024-02"});

    /* the period reported stays the one asked for */
    res = RUN(.metric = "filed", Y2023, .where = {"quarter=2023Q2"});
    expect_date(res->req.period.start, "2023-01-01");
    expect_date(res->req.period.end, "2023-12-31");
    stats_result_free(res);
}

static void test_stats_where__unfilled(void **state)
{
    (void)state;
    /* 被告 未填写: E01 */
    TOTAL(1, 0, .metric = "filed", Y2023, .where = {"defendant=未填写"});
    /* 结案方式 未填写 (pending): D03 filed 2024Q1; 2023: E02 */
    TOTAL(1, 0, .metric = "filed", Q2024Q1, .where = {"disposition=未填写"});
    TOTAL(1, 0, .metric = "filed", Y2023, .where = {"disposition=未填写"});
    /* a dimension every case has: 未填写 matches nothing */
    TOTAL(0, 0, .metric = "filed", Y2023, .where = {"district=未填写"});
}

static void test_stats_where__population(void **state)
{
    (void)state;
    /* --where district=东胜区: 东胜区's own population; 2023: A02, A09,
     * A13, A16 (4) + civil 410 = 414 over 585,200 */
    TOTAL(414, 585200, .metric = "litigation_per_10k", Y2023,
          .where = {"district=东胜区"});
    /* 市本级: A03, A12, A14 + 中院 5 = 8 over no population */
    TOTAL(8, 0, .metric = "litigation_per_10k", Y2023,
          .where = {"district=市本级"});
}

static void test_stats_where__bad_values(void **state)
{
    char msg[2048];

    (void)state;
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"district=东胜"}), FY_E_USAGE);
    assert_contains(msg, "东胜");
    assert_contains(msg, "东胜区");
    assert_contains(msg, "伊金霍洛旗");
    assert_contains(msg, "市本级");
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"court=北京法院"}), FY_E_USAGE);
    assert_contains(msg, "鄂尔多斯市中级人民法院");
    assert_contains(msg, "伊金霍洛旗人民法院");
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"disposition=判决"}), FY_E_USAGE);
    assert_contains(msg, "驳回诉讼请求");
    assert_int_equal(RUN_ERROR(msg, .metric = "rec_issued", Y2023,
                               .where = {"rec_kind=建议"}), FY_E_USAGE);
    assert_contains(msg, "司法建议, 检察建议");
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"case_type=行保"}), FY_E_USAGE);
    assert_contains(msg, "行政一审");
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"quarter=2023Q5"}), FY_E_USAGE);
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"district"}), FY_E_USAGE);
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", Y2023,
                               .where = {"旗县=东胜区"}), FY_E_USAGE);
    assert_contains(msg, "recipient");
    /* a filter the metric's table does not have */
    assert_int_equal(RUN_ERROR(msg, .metric = "hearing_count", Y2023,
                               .where = {"district=东胜区"}), FY_E_USAGE);
    assert_contains(msg, "hearing_count");
    assert_contains(msg, "district");
}

/* ------------------------------------------------------------------ */
/* --compare                                                           */
/* ------------------------------------------------------------------ */

static void expect_change(const struct stats_result *res, size_t m,
                          int defined, double change)
{
    int d;
    enum stats_kind k = stats_metric_kind(&res->req.metrics[m]);
    double got = stats_change(k, &res->total.cells[m], &res->total.prev[m],
                              &d);

    if (d != defined)
        fail_msg("metric %zu: change defined %d, expected %d", m, d,
                 defined);
    if (defined && (got - change > 1e-9 || change - got > 1e-9))
        fail_msg("metric %zu: change %.12g, expected %.12g", m, got, change);
}

static void test_stats_compare__yoy(void **state)
{
    struct stats_result *res = RUN(.metric = "filed,agency_losses,"
                                             "loss_rate,hearing_count",
                                   Q2024Q1, .compare = "yoy");

    (void)state;
    /* 上年同期 of 2024Q1: 2023-01-01..2023-03-31 */
    expect_date(res->compare_period.start, "2023-01-01");
    expect_date(res->compare_period.end, "2023-03-31");
    expect_cell("filed", &res->total.cells[0], 5, 0);
    /* 2023Q1 filed: A01-A05, A19, B01, E01 = 8; (5 - 8) / 8 = -0.375 */
    expect_cell("filed, last", &res->total.prev[0], 8, 0);
    expect_change(res, 0, 1, -0.375);
    /* losses 3 against A01 = 1: (3 - 1) / 1 = +200% */
    expect_cell("agency_losses, last", &res->total.prev[1], 1, 0);
    expect_change(res, 1, 1, 2.0);
    /* loss_rate 3/6 against 1/3 (K02, K03, A01 closed): in percentage
     * points, (0.5 - 0.3333...) x 100 = +16.67 */
    expect_cell("loss_rate, last", &res->total.prev[2], 1, 3);
    expect_change(res, 2, 1, (3.0 / 6.0 - 1.0 / 3.0) * 100.0);
    /* hearings 1 against H01, H02 = 2: -50% */
    expect_cell("hearing_count, last", &res->total.prev[3], 2, 0);
    expect_change(res, 3, 1, -0.5);
    stats_result_free(res);

    /* a month ending on 02-29 compares with 2023-02-01..2023-02-28 */
    res = RUN(.metric = "filed,agency_losses,loss_rate", M2024_02,
              .compare = "yoy");
    expect_date(res->compare_period.start, "2023-02-01");
    expect_date(res->compare_period.end, "2023-02-28");
    /* filed 1 against A03, B01, E01 = 3: -2/3 */
    expect_cell("filed, last", &res->total.prev[0], 3, 0);
    expect_change(res, 0, 1, -2.0 / 3.0);
    /* losses 1 against 0 (K02 closed 02-15 as 驳回): undefined */
    expect_cell("agency_losses, last", &res->total.prev[1], 0, 0);
    expect_change(res, 1, 0, 0);
    /* loss_rate 1/2 against 0/1: -> +50 percentage points */
    expect_cell("loss_rate, last", &res->total.prev[2], 0, 1);
    expect_change(res, 2, 1, 50.0);
    stats_result_free(res);

    /* 2023 against 2022: filed 24 against K01-K09 = 9: +166.67% */
    res = RUN(.metric = "filed,rec_overdue", Y2023, .compare = "yoy",
              .as_of = "2024-03-31");
    expect_date(res->compare_period.start, "2022-01-01");
    expect_date(res->compare_period.end, "2022-12-31");
    expect_cell("filed, last", &res->total.prev[0], 9, 0);
    expect_change(res, 0, 1, 15.0 / 9.0);
    /* --as-of moves back with the period (by the 365 days between the
     * ends, to 2023-04-01): overdue then R08 only (R07 answered 01-04, R01
     * due 03-10 answered 03-01, R02 due 04-02) */
    expect_cell("rec_overdue", &res->total.cells[1], 4, 0);
    expect_cell("rec_overdue, last", &res->total.prev[1], 1, 0);
    stats_result_free(res);
}

static void test_stats_compare__prev(void **state)
{
    struct stats_result *res = RUN(.metric = "filed,agency_losses,"
                                             "loss_rate,rec_issued",
                                   Q2024Q1, .compare = "prev");

    (void)state;
    /* 环比 of 2024Q1: 2023Q4 */
    expect_date(res->compare_period.start, "2023-10-01");
    expect_date(res->compare_period.end, "2023-12-31");
    /* 2023Q4 filed: A13, A18, E02, A15, A14 = 5: (5 - 5) / 5 = 0 */
    expect_cell("filed, last", &res->total.prev[0], 5, 0);
    expect_change(res, 0, 1, 0.0);
    /* losses: A12, A13 = 2: +50% */
    expect_cell("agency_losses, last", &res->total.prev[1], 2, 0);
    expect_change(res, 1, 1, 0.5);
    /* loss_rate 3/6 against 2/7 (A08-A13, A18 closed in Q4): +21.43
     * percentage points */
    expect_cell("loss_rate, last", &res->total.prev[2], 2, 7);
    expect_change(res, 2, 1, (0.5 - 2.0 / 7.0) * 100.0);
    /* rec_issued 2 against R05, R06, R11 = 3: -1/3 */
    expect_cell("rec_issued, last", &res->total.prev[3], 3, 0);
    expect_change(res, 3, 1, -1.0 / 3.0);
    stats_result_free(res);

    /* rows carry the comparison too: filed by district, 2024Q1 against
     * 2023Q4; 东胜区: D01, D07 against A13 (A16 was filed 09-30, in Q3) */
    res = RUN(.metric = "filed", .by = "district", Q2024Q1,
              .compare = "prev");
    assert_string_equal(stats_key_label(res, 0, res->rows[0].key[0]),
                        "东胜区");
    expect_cell("东胜区", &res->rows[0].cells[0], 2, 0);
    expect_cell("东胜区, last", &res->rows[0].prev[0], 1, 0);
    stats_result_free(res);
}

/* A time breakdown pairs the buckets of the two periods in order. */
static void test_stats_compare__time_buckets(void **state)
{
    struct stats_result *res;
    char msg[1024];

    (void)state;
    /* the range by quarter against 2022-07-01..2023-06-30 */
    res = RUN(.metric = "filed", .by = "quarter", R2307_2406,
              .compare = "yoy");
    ROWS(res, 0, {"2023Q3", 4, 0}, {"2023Q4", 5, 0}, {"2024Q1", 5, 0},
         {"2024Q2", 2, 0});   /* D05, D06 */
    /* 2022Q3: K08, K09, K05; 2022Q4: K06, K04, K03; 2023Q1: 8; 2023Q2:
     * 7 */
    assert_int_equal(res->rows[0].prev[0].num, 3);
    assert_int_equal(res->rows[1].prev[0].num, 3);
    assert_int_equal(res->rows[2].prev[0].num, 8);
    assert_int_equal(res->rows[3].prev[0].num, 7);
    expect_cell("total, last", &res->total.prev[0], 21, 0);
    stats_result_free(res);
    /* the period before the range (366 days from 2022-06-30) has five
     * quarters to the range's four: no row could be paired */
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", .by = "quarter",
                               R2307_2406, .compare = "prev"), FY_E_USAGE);
    assert_contains(msg, "quarter");
}

static void test_stats_compare__periods(void **state)
{
    struct stats_period p, q;
    struct fy_error err;

    (void)state;
    assert_int_equal(stats_period_parse(NULL, NULL, "2024-01", NULL, NULL,
                                        &p, &err), FY_OK);
    q = stats_period_prev(&p);    /* 2023-12 */
    expect_date(q.start, "2023-12-01");
    expect_date(q.end, "2023-12-31");
    assert_int_equal(stats_period_parse(NULL, NULL, "2025-02", NULL, NULL,
                                        &p, &err), FY_OK);
    q = stats_period_yoy(&p);     /* a month's last day stays the last */
    expect_date(q.start, "2024-02-01");
    expect_date(q.end, "2024-02-29");
    assert_int_equal(stats_period_parse("2023", NULL, NULL, NULL, NULL,
                                        &p, &err), FY_OK);
    q = stats_period_prev(&p);
    expect_date(q.start, "2022-01-01");
    expect_date(q.end, "2022-12-31");
    /* a range: the same dates a year earlier (02-29 -> 02-28) */
    assert_int_equal(stats_period_parse(NULL, NULL, NULL, "2024-02-29",
                                        "2024-03-15", &p, &err), FY_OK);
    q = stats_period_yoy(&p);
    expect_date(q.start, "2023-02-28");
    expect_date(q.end, "2023-03-15");
    /* the range before, of the same length (366 days) */
    assert_int_equal(stats_period_parse(NULL, NULL, NULL, "2023-07-01",
                                        "2024-06-30", &p, &err), FY_OK);
    q = stats_period_prev(&p);
    expect_date(q.start, "2022-06-30");
    expect_date(q.end, "2023-06-30");
    q = stats_period_yoy(&p);
    expect_date(q.start, "2022-07-01");
    expect_date(q.end, "2023-06-30");
}

/* A change is relative for a count, in percentage points for a rate,
 * undefined when last is 0 or a rate is undefined. */
static void test_stats_change__kinds(void **state)
{
    struct stats_cell a = {6, 0}, b = {4, 0}, z = {0, 0};
    struct stats_cell r1 = {1, 4}, r2 = {1, 5}, r0 = {0, 0};
    int d;

    (void)state;
    assert_near(stats_change(STATS_COUNT, &a, &b, &d), 0.5);
    assert_true(d);
    stats_change(STATS_COUNT, &a, &z, &d);
    assert_false(d);
    /* 0 against 0 is undefined too */
    stats_change(STATS_COUNT, &z, &z, &d);
    assert_false(d);
    /* 25% against 20%: +5 percentage points, never 25% */
    assert_near(stats_change(STATS_RATE, &r1, &r2, &d), 5.0);
    assert_true(d);
    stats_change(STATS_RATE, &r1, &r0, &d);
    assert_false(d);
    stats_change(STATS_RATE, &r0, &r1, &d);
    assert_false(d);
}

/* ------------------------------------------------------------------ */
/* Undefined rates                                                     */
/* ------------------------------------------------------------------ */

static void test_stats_value__undefined(void **state)
{
    struct stats_cell zero = {0, 0}, none = {0, 3}, half = {3, 6};
    struct stats_result *res;
    int d;

    (void)state;
    assert_near(stats_value(STATS_RATE, &half, &d), 0.5);
    assert_true(d);
    assert_near(stats_value(STATS_RATE, &none, &d), 0.0);
    assert_true(d);                 /* 0/3 is a real 0 */
    stats_value(STATS_RATE, &zero, &d);
    assert_false(d);                /* 0/0 is undefined, not 0 */
    stats_value(STATS_PER10K, &zero, &d);
    assert_false(d);
    stats_value(STATS_COUNT, &zero, &d);
    assert_true(d);                 /* a count of 0 is 0 */

    /* loss_rate by district, 2024Q1: 乌审旗 has a case filed (D04) but
     * none closed at first instance: 0/0 */
    res = RUN(.metric = "filed,loss_rate", .by = "district", Q2024Q1);
    ROWS(res, 1,
         {"东胜区", 2, 2},      /* A16, D01 */
         {"准格尔旗", 0, 2},    /* A15 调解, D02 撤诉 */
         {"鄂托克前旗", 1, 1},  /* K09 */
         {"乌审旗", 0, 0},      /* D04 is 行终 */
         {"市本级", 0, 1});     /* A14 */
    stats_value(STATS_RATE, &res->rows[3].cells[1], &d);
    assert_false(d);
    stats_result_free(res);
}

/* ------------------------------------------------------------------ */
/* Population                                                          */
/* ------------------------------------------------------------------ */

static void test_stats_population__fallback(void **state)
{
    /* 2024 by district: 东胜区 has no 2024 row, its 2023 figure is used */
    struct stats_result *res = RUN(.metric = "litigation_per_10k",
                                   .by = "district", .year = "2024");

    (void)state;
    /* admin 2024: D01 东胜区, D02 准格尔旗, D03 市本级, D05 乌审旗, D06
     * 杭锦旗; civil 2024: 东胜 105 + 90, 达拉特 55, 中院 3, 伊金霍洛 30.
     * Every 旗区 has a row, with or without filings */
    ROWS(res, 0,
         {"东胜区", 196, 585200},    /* 1 + 195, over 2023's */
         {"康巴什区", 0, 128000},
         {"达拉特旗", 55, 335000},
         {"准格尔旗", 1, 368000},
         {"鄂托克前旗", 0, 94000},
         {"鄂托克旗", 0, 165000},
         {"杭锦旗", 1, 112000},
         {"乌审旗", 1, 161000},
         {"伊金霍洛旗", 30, 260000},
         {"市本级", 4, 0});          /* 1 + 3: no population */
    /* the city: no row for 2024, so the 旗区 sum, 2,208,200; 市本级's
     * filings count in it: 5 + 283 = 288 */
    expect_cell("total", &res->total.cells[0], 288, 2208200);
    /* one warning, naming the 旗区 and the year used */
    assert_int_equal(res->nwarnings, 1);
    assert_contains(res->warnings[0], "东胜区");
    assert_contains(res->warnings[0], "2024");
    assert_contains(res->warnings[0], "2023");
    stats_result_free(res);
}

static void test_stats_population__city(void **state)
{
    struct stats_result *res;
    int d;

    (void)state;
    /* 2023: the city's own row (2,220,300), not the 旗区 sum (2,195,100) */
    res = RUN(.metric = "litigation_per_10k", .by = "district", Y2023);
    expect_cell("total", &res->total.cells[0], 604, 2220300);
    ROWS(res, 0,
         {"东胜区", 414, 585200},   /* A02, A09, A13, A16 + 410 */
         {"康巴什区", 41, 126900},  /* A06 + 40 */
         {"达拉特旗", 62, 334000},  /* A04, A19 + 60 */
         {"准格尔旗", 72, 365000},  /* A01, A15 + 70 */
         {"鄂托克前旗", 1, 93500},  /* A11 */
         {"鄂托克旗", 2, 164000},   /* A08, A18 */
         {"杭锦旗", 1, 111500},     /* A10 */
         {"乌审旗", 1, 160000},     /* A07 */
         {"伊金霍洛旗", 2, 255000}, /* A05, A17 */
         {"市本级", 8, 0});         /* A03, A12, A14 + 中院 5 */
    /* 市本级: a row with denominator 0, value undefined */
    stats_value(STATS_PER10K, &res->rows[9].cells[0], &d);
    assert_false(d);
    assert_int_equal(res->nwarnings, 0);
    stats_result_free(res);

    /* 2022: no city row: 580,000 + 121,000 + 332,000 + 361,000 + 93,000
     * + 163,000 + 111,000 + 159,000 + 250,000 = 2,170,000; filings K01,
     * K02, K03, K04, K07, K08, K09 (7) + 东胜 2022-12 (95) = 102 */
    res = RUN(.metric = "litigation_per_10k", .year = "2022");
    expect_cell("2022", &res->total.cells[0], 102, 2170000);
    assert_int_equal(res->nwarnings, 0);
    stats_result_free(res);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/*
 * Sums that would pass INT64_MAX are errors (FY_E_DATA), never wrapped
 * figures. The ingest caps keep real input far from it, so the counts are
 * set here on a private copy of the fixture, behind the caps' back.
 */
static void test_stats_error__sum_overflow(void **state)
{
    char *path = top_path("fixtures/stats");
    struct fy_dataset *ds = load(path);
    struct stats_result *res;
    struct fy_error err;
    struct fy_civil *first = NULL;

    (void)state;
    free(path);
    assert_non_null(ds);
    /* civil 2023 is 585 in all: one 2023 row carries the rest up to
     * INT64_MAX exactly, which still fits */
    for (size_t i = 0; i < ds->ncivil && !first; i++)
        if (ds->civil[i].month / 12 == 2023)
            first = &ds->civil[i];
    assert_non_null(first);
    first->count = INT64_MAX - (585 - first->count);
    assert_int_equal(try_run(ds, &(struct q){.metric = "civil_fi_filed",
                                             Y2023}, &res, &err), FY_OK);
    assert_true(res->total.cells[0].num == INT64_MAX);
    stats_result_free(res);
    /* one more is an error that names the metric and the period */
    first->count++;
    assert_int_equal(try_run(ds, &(struct q){.metric = "civil_fi_filed",
                                             Y2023}, &res, &err), FY_E_DATA);
    assert_null(res);
    assert_contains(err.msg, "civil_fi_filed over 2023");
    assert_contains(err.msg, "adds up to more than 9223372036854775807");
    /* the same in the rows of a breakdown and in a comparison */
    assert_int_equal(try_run(ds, &(struct q){.metric = "civil_fi_filed",
                                             .by = "court", Y2023},
                             &res, &err), FY_E_DATA);
    assert_int_equal(try_run(ds, &(struct q){.metric = "civil_fi_filed",
                                             .year = "2024",
                                             .compare = "yoy"},
                             &res, &err), FY_E_DATA);
    assert_contains(err.msg, "civil_fi_filed over 2023");

    /* the city's population as the sum of its 旗区 (2022 has no city
     * row): nine of INT64_MAX / 8 */
    for (size_t i = 0; i < ds->npopulation; i++)
        if (ds->population[i].year == 2022)
            ds->population[i].persons = INT64_MAX / 8;
    assert_int_equal(try_run(ds, &(struct q){.metric = "litigation_per_10k",
                                             .year = "2022"}, &res, &err),
                     FY_E_DATA);
    assert_contains(err.msg, "litigation_per_10k over 2022");
    fy_dataset_free(ds);
}

static void test_stats_error__unknown_metric(void **state)
{
    struct stats_request req;
    struct fy_error err;
    size_t n;
    const struct stats_metric_def *defs = stats_metric_defs(&n);

    (void)state;
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_metrics(&req, "filed,bogus", &err),
                     FY_E_USAGE);
    assert_contains(err.msg, "bogus");
    for (size_t i = 0; i < n; i++)
        assert_contains(err.msg, defs[i].id);
    assert_contains(err.msg, "loss_causes");
    assert_contains(err.msg, "未填写");
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_metrics(&req, "loss_cause:无", &err),
                     FY_E_USAGE);
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_metrics(&req, "", &err), FY_E_USAGE);
}

static void test_stats_error__unknown_dimension(void **state)
{
    static const char *const ids[] = {
        "court", "district", "defendant", "domain", "action_type",
        "case_type", "disposition", "month", "quarter", "year", "rec_kind",
        "recipient",
    };
    struct stats_request req;
    struct fy_error err;

    (void)state;
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "court,county", &err),
                     FY_E_USAGE);
    assert_contains(err.msg, "county");
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        assert_contains(err.msg, ids[i]);
    /* the Chinese names are accepted too */
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "旗区", &err), FY_OK);
    assert_int_equal(req.dims[0], DIM_DISTRICT);
}

static void test_stats_error__cannot_split(void **state)
{
    char msg[1024];

    (void)state;
    /* population exists by 旗区 only */
    assert_int_equal(RUN_ERROR(msg, .metric = "litigation_per_10k",
                               .by = "court", Y2023), FY_E_USAGE);
    assert_contains(msg, "litigation_per_10k");
    assert_contains(msg, "court");
    assert_int_equal(RUN_ERROR(msg, .metric = "litigation_per_10k",
                               .by = "quarter", Y2023), FY_E_USAGE);
    /* a recommendation has a 旗区 (its recipient's), not a court */
    assert_int_equal(RUN_ERROR(msg, .metric = "rec_issued",
                               .by = "court", Y2023), FY_E_USAGE);
    assert_contains(msg, "rec_issued");
    assert_int_equal(RUN_ERROR(msg, .metric = "hearing_count",
                               .by = "court", Y2023), FY_E_USAGE);
    assert_int_equal(RUN_ERROR(msg, .metric = "filed", .by = "rec_kind",
                               Y2023), FY_E_USAGE);
    assert_int_equal(RUN_ERROR(msg, .metric = "civil_fi_filed",
                               .by = "defendant", Y2023), FY_E_USAGE);
    /* one metric of several is enough */
    assert_int_equal(RUN_ERROR(msg, .metric = "filed,rec_due",
                               .by = "court", Y2023), FY_E_USAGE);
    assert_contains(msg, "rec_due");
}

static void test_stats_error__civil_cuts_month(void **state)
{
    char msg[1024];

    (void)state;
    assert_int_equal(RUN_ERROR(msg, .metric = "civil_fi_filed",
                               .from = "2023-07-15", .to = "2023-12-31"),
                     FY_E_USAGE);
    assert_contains(msg, "cuts a month");
    assert_int_equal(RUN_ERROR(msg, .metric = "litigation_per_10k",
                               .from = "2023-07-01", .to = "2023-12-30"),
                     FY_E_USAGE);
    /* a case metric over the same range is fine: the 9 of 2023H2 less
     * A14 (filed 12-31) */
    TOTAL(8, 0, .metric = "filed", .from = "2023-07-01", .to = "2023-12-30");
    /* whole months are fine: 2023-07..2023-12 = 80 + 110 + 70 */
    TOTAL(260, 0, .metric = "civil_fi_filed", .from = "2023-07-01",
          .to = "2023-12-31");
}

static void test_stats_error__dimensions(void **state)
{
    struct stats_request req;
    struct fy_error err;

    (void)state;
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "month,year", &err),
                     FY_E_USAGE);
    assert_contains(err.msg, "one time dimension");
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "quarter,court,month", &err),
                     FY_E_USAGE);
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "court,court", &err),
                     FY_E_USAGE);
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_dims(&req, "court,district,domain,"
                                              "defendant", &err),
                     FY_E_USAGE);
    memset(&req, 0, sizeof(req));
    assert_int_equal(stats_request_compare(&req, "mom", &err), FY_E_USAGE);
}

static void test_stats_error__bad_periods(void **state)
{
    static const struct {
        const char *year, *quarter, *month, *from, *to;
    } bad[] = {
        {NULL, NULL, NULL, NULL, NULL},              /* none */
        {"2023", NULL, "2023-01", NULL, NULL},       /* two */
        {"23", NULL, NULL, NULL, NULL},
        {"2023x", NULL, NULL, NULL, NULL},
        {"二〇二三", NULL, NULL, NULL, NULL},
        {NULL, "2024Q5", NULL, NULL, NULL},
        {NULL, "2024Q0", NULL, NULL, NULL},
        {NULL, "2024-1", NULL, NULL, NULL},
        {NULL, "24Q1", NULL, NULL, NULL},
        {NULL, NULL, "2024-13", NULL, NULL},
        {NULL, NULL, "2024-00", NULL, NULL},
        {NULL, NULL, "March", NULL, NULL},
        {NULL, NULL, NULL, "2023-07-01", NULL},      /* --from alone */
        {NULL, NULL, NULL, NULL, "2023-07-01"},      /* --to alone */
        {NULL, NULL, NULL, "2023-02-30", "2023-03-31"},
        {NULL, NULL, NULL, "2023-07-01", "2023-06-30"},  /* reversed */
    };
    struct stats_period p;
    struct fy_error err;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (stats_period_parse(bad[i].year, bad[i].quarter, bad[i].month,
                               bad[i].from, bad[i].to, &p, &err)
            != FY_E_USAGE)
            fail_msg("bad period %zu accepted", i);
    /* the accepted forms */
    assert_int_equal(stats_period_parse(NULL, "2024q1", NULL, NULL, NULL,
                                        &p, &err), FY_OK);
    expect_date(p.end, "2024-03-31");
    assert_int_equal(stats_period_parse(NULL, NULL, "2024年2月", NULL, NULL,
                                        &p, &err), FY_OK);
    expect_date(p.start, "2024-02-01");
    expect_date(p.end, "2024-02-29");
    assert_int_equal(stats_period_parse(NULL, NULL, NULL, "2024/1/1",
                                        "2024-01-01", &p, &err), FY_OK);
    assert_int_equal(p.start, p.end);   /* a one-day range */
}

/* ------------------------------------------------------------------ */
/* Invariants on the sample data set                                   */
/* ------------------------------------------------------------------ */

#define SAMPLE_YEAR "2023"

static int is_time(int d)
{
    return d == DIM_MONTH || d == DIM_QUARTER || d == DIM_YEAR;
}

static int64_t rows_sum(const struct stats_result *res, size_t m)
{
    int64_t s = 0;

    for (size_t r = 0; r < res->nrows; r++)
        s += res->rows[r].cells[m].num;
    return s;
}

/* For every count metric and every dimension it can be split by, the
 * rows add up to the total. Stocks counted at a date are excepted when
 * split by a time dimension: 旧存/未结 (at each bucket's start and end) and
 * 逾期未反馈 (as of each bucket's end). */
static void test_stats_sample__rows_add_up(void **state)
{
    size_t n;
    const struct stats_metric_def *defs = stats_metric_defs(&n);
    const struct stats_dim_def *dims = stats_dim_defs();
    int checked = 0;

    (void)state;
    if (!sample)
        skip();
    for (size_t i = 0; i < n; i++) {
        if (defs[i].kind != STATS_COUNT)
            continue;
        int stock = strcmp(defs[i].id, "pending_start") == 0
                    || strcmp(defs[i].id, "pending_end") == 0
                    || strcmp(defs[i].id, "rec_overdue") == 0;
        for (int d = 0; d < DIM_COUNT; d++) {
            if (!(defs[i].dims & (1u << d)) || (stock && is_time(d)))
                continue;
            struct stats_result *res = run_on(sample, &(struct q){
                .metric = defs[i].id, .by = dims[d].id,
                .year = SAMPLE_YEAR});
            /* a case naming several 被告 is in the row of each: the
             * defendant rows may add up to more than the total */
            if (d == DIM_DEFENDANT
                    ? rows_sum(res, 0) < res->total.cells[0].num
                    : rows_sum(res, 0) != res->total.cells[0].num)
                fail_msg("%s by %s: rows add up to %lld, the total is "
                         "%lld", defs[i].id, dims[d].id,
                         (long long)rows_sum(res, 0),
                         (long long)res->total.cells[0].num);
            if (res->total.cells[0].num > 0 && res->nrows == 0)
                fail_msg("%s by %s: no rows", defs[i].id, dims[d].id);
            stats_result_free(res);
            checked++;
        }
    }
    assert_true(checked > 50);
}

/* The row of @p res with the key of @p row of @p other, or NULL. */
static const struct stats_row *same_row(const struct stats_result *res,
                                        const struct stats_row *row)
{
    for (size_t r = 0; r < res->nrows; r++)
        if (memcmp(res->rows[r].key, row->key, sizeof(row->key)) == 0)
            return &res->rows[r];
    return NULL;
}

static void expect_cells(const struct stats_cell *a,
                         const struct stats_cell *b, size_t nm,
                         const char *what, const char *by)
{
    for (size_t m = 0; m < nm; m++)
        if (a[m].num != b[m].num || a[m].den != b[m].den)
            fail_msg("%s by %s, metric %zu: %lld/%lld, alone %lld/%lld", what,
                     by ? by : "(none)", m, (long long)a[m].num,
                     (long long)a[m].den, (long long)b[m].num,
                     (long long)b[m].den);
}

/*
 * One pass over the cases counts the rows, the total and the comparison
 * period together (no time dimension): each must equal what a request of
 * its own gives — the total that of the request without dimensions, the
 * comparison period's cells those of the request over that period — on
 * one thread and with the cases cut into slices of 7 on two.
 */
static void test_stats_sample__one_pass_is_separate_passes(void **state)
{
    static const char *const bys[] = {NULL, "court", "defendant",
                                      "district,disposition",
                                      "defendant,domain"};
    static const char *const metrics =
        "filed,closed,pending_start,pending_end,fi_closed,agency_losses,"
        "judgment_loss_rate,mediated_withdrawn,appearance_rate,"
        "reconsidered_loss_rate,review_losses,loss_cause:主要证据不足,"
        "loss_cause:未填写";
    unsigned jobs;

    (void)state;
    if (!sample)
        skip();
    jobs = sample->jobs;
    for (int sliced = 0; sliced < 2; sliced++) {
        if (sliced) {
            setenv("FY_SLICE_MIN", "7", 1);
            sample->jobs = 2;
        }
        for (size_t i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
            const char *cmp = i % 2 ? "prev" : "yoy";
            struct stats_result *both = run_on(sample, &(struct q){
                .metric = metrics, .by = bys[i], .year = "2023",
                .compare = cmp});
            struct stats_result *prev = run_on(sample, &(struct q){
                .metric = metrics, .by = bys[i], .year = "2022"});
            struct stats_result *total = run_on(sample, &(struct q){
                .metric = metrics, .year = "2023"});
            size_t nm = both->req.nmetrics;
            assert_true(both->total.cells[0].num > 0);
            assert_true(both->total.prev[1].num > 0);
            expect_cells(both->total.cells, total->total.cells, nm,
                         "total", bys[i]);
            expect_cells(both->total.prev, prev->total.cells, nm,
                         "comparison total", bys[i]);
            size_t matched = 0;
            for (size_t r = 0; r < prev->nrows; r++) {
                const struct stats_row *o = same_row(both, &prev->rows[r]);
                if (!o)
                    fail_msg("by %s: row %zu of 2022 is missing", bys[i], r);
                expect_cells(o->prev, prev->rows[r].cells, nm,
                             "comparison row", bys[i]);
                matched++;
            }
            assert_int_equal(matched, prev->nrows);
            stats_result_free(both);
            stats_result_free(prev);
            stats_result_free(total);
        }
    }
    unsetenv("FY_SLICE_MIN");
    sample->jobs = jobs;
}

static void check_rates(const struct stats_result *res, const char *by)
{
    char buf[128];

    for (size_t m = 0; m < res->req.nmetrics; m++) {
        if (stats_metric_kind(&res->req.metrics[m]) != STATS_RATE)
            continue;
        const char *id = stats_metric_id(&res->req.metrics[m], buf,
                                         sizeof(buf));
        for (size_t r = 0; r <= res->nrows; r++) {
            const struct stats_cell *c = r < res->nrows
                                             ? &res->rows[r].cells[m]
                                             : &res->total.cells[m];
            if (c->num < 0 || c->num > c->den)
                fail_msg("%s by %s, row %zu: %lld/%lld", id, by, r,
                         (long long)c->num, (long long)c->den);
        }
    }
}

/* Numerators never exceed denominators: every rate (loss causes too),
 * in total and by every dimension it can be split by. */
static void test_stats_sample__num_le_den(void **state)
{
    static const char *const case_rates =
        "closure_rate,loss_rate,judgment_loss_rate,"
        "mediation_withdrawal_rate,appearance_rate,loss_causes";
    static const char *const rec_rates = "rec_feedback_rate,"
                                         "rec_adoption_rate";
    static const char *const years[] = {"2022", "2023", "2024"};
    const struct stats_dim_def *dims = stats_dim_defs();

    (void)state;
    if (!sample)
        skip();
    for (size_t y = 0; y < 3; y++) {
        for (int d = -1; d < DIM_COUNT; d++) {
            const char *by = d < 0 ? NULL : dims[d].id;
            const char *list = d == DIM_REC_KIND || d == DIM_RECIPIENT
                                   ? rec_rates : case_rates;
            struct stats_result *res = run_on(sample, &(struct q){
                .metric = list, .by = by, .year = years[y]});
            check_rates(res, by ? by : "nothing");
            stats_result_free(res);
            if (d < 0 || is_time(d)) {
                res = run_on(sample, &(struct q){
                    .metric = "rec_feedback_rate,rec_adoption_rate,"
                              "hearing_attendance_rate",
                    .by = by, .year = years[y]});
                check_rates(res, by ? by : "nothing");
                stats_result_free(res);
            }
        }
    }
}

/* A year is the sum of its quarters and of its months, evaluated as
 * periods of their own and as rows of the time dimension. */
static void test_stats_sample__year_is_sum_of_parts(void **state)
{
    static const char *const ids[] = {
        "filed", "closed", "fi_closed", "agency_losses", "admin_fi_filed",
        "civil_fi_filed", "rec_issued", "hearing_count",
    };
    static const char list[] = "filed,closed,fi_closed,agency_losses,"
                               "admin_fi_filed,civil_fi_filed,rec_issued,"
                               "hearing_count";
    const size_t nm = sizeof(ids) / sizeof(ids[0]);
    int64_t quarters[8] = {0}, months[8] = {0};
    char name[16];
    struct stats_result *year, *res;

    (void)state;
    if (!sample)
        skip();
    year = run_on(sample, &(struct q){.metric = list, .year = SAMPLE_YEAR});
    for (int k = 1; k <= 4; k++) {
        snprintf(name, sizeof(name), "%sQ%d", SAMPLE_YEAR, k);
        res = run_on(sample, &(struct q){.metric = list, .quarter = name});
        for (size_t m = 0; m < nm; m++)
            quarters[m] += res->total.cells[m].num;
        stats_result_free(res);
    }
    for (int k = 1; k <= 12; k++) {
        snprintf(name, sizeof(name), "%s-%02d", SAMPLE_YEAR, k);
        res = run_on(sample, &(struct q){.metric = list, .month = name});
        for (size_t m = 0; m < nm; m++)
            months[m] += res->total.cells[m].num;
        stats_result_free(res);
    }
    struct stats_result *byq = run_on(sample, &(struct q){
        .metric = list, .by = "quarter", .year = SAMPLE_YEAR});
    struct stats_result *bym = run_on(sample, &(struct q){
        .metric = list, .by = "month", .year = SAMPLE_YEAR});
    assert_int_equal(byq->nrows, 4);
    assert_int_equal(bym->nrows, 12);
    for (size_t m = 0; m < nm; m++) {
        int64_t y = year->total.cells[m].num;
        if (y == 0)
            fail_msg("%s: the sample has none in %s", ids[m], SAMPLE_YEAR);
        if (quarters[m] != y || months[m] != y || rows_sum(byq, m) != y
            || rows_sum(bym, m) != y)
            fail_msg("%s: year %lld, quarters %lld (rows %lld), months "
                     "%lld (rows %lld)", ids[m], (long long)y,
                     (long long)quarters[m], (long long)rows_sum(byq, m),
                     (long long)months[m], (long long)rows_sum(bym, m));
    }
    stats_result_free(byq);
    stats_result_free(bym);
    stats_result_free(year);
}

/* One quarter's 未结 is the next one's 旧存, as periods and as rows. */
static void test_stats_sample__pending_chain(void **state)
{
    static const char *const quarters[] = {
        "2022Q4", "2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1",
    };
    struct stats_result *res, *next;

    (void)state;
    if (!sample)
        skip();
    for (size_t k = 0; k + 1 < sizeof(quarters) / sizeof(quarters[0]);
         k++) {
        res = run_on(sample, &(struct q){
            .metric = "pending_start,pending_end", .quarter = quarters[k]});
        next = run_on(sample, &(struct q){
            .metric = "pending_start,pending_end",
            .quarter = quarters[k + 1]});
        if (res->total.cells[1].num != next->total.cells[0].num)
            fail_msg("未结 of %s is %lld, 旧存 of %s is %lld", quarters[k],
                     (long long)res->total.cells[1].num, quarters[k + 1],
                     (long long)next->total.cells[0].num);
        stats_result_free(res);
        stats_result_free(next);
    }
    res = run_on(sample, &(struct q){.metric = "pending_start,pending_end",
                                     .by = "quarter", .year = SAMPLE_YEAR});
    assert_int_equal(res->nrows, 4);
    for (size_t r = 0; r + 1 < res->nrows; r++)
        assert_int_equal(res->rows[r].cells[1].num,
                         res->rows[r + 1].cells[0].num);
    /* the first quarter starts with the year, the last ends with it */
    assert_int_equal(res->rows[0].cells[0].num, res->total.cells[0].num);
    assert_int_equal(res->rows[3].cells[1].num, res->total.cells[1].num);
    stats_result_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stats_filed__periods),
        cmocka_unit_test(test_stats_closed__periods),
        cmocka_unit_test(test_stats_pending_start__periods),
        cmocka_unit_test(test_stats_pending_end__periods),
        cmocka_unit_test(test_stats_closure_rate__periods),
        cmocka_unit_test(test_stats_fi_closed__periods),
        cmocka_unit_test(test_stats_agency_losses__periods),
        cmocka_unit_test(test_stats_loss_rate__periods),
        cmocka_unit_test(test_stats_judgment_loss_rate__periods),
        cmocka_unit_test(test_stats_mediated_withdrawn__periods),
        cmocka_unit_test(test_stats_mediation_withdrawal_rate__periods),
        cmocka_unit_test(test_stats_hearings_held__periods),
        cmocka_unit_test(test_stats_head_appearances__periods),
        cmocka_unit_test(test_stats_appearance_rate__periods),
        cmocka_unit_test(test_stats_reconsidered__periods),
        cmocka_unit_test(test_stats_reconsidered_share__periods),
        cmocka_unit_test(test_stats_reconsidered_loss_rate__periods),
        cmocka_unit_test(test_stats_joint_defendant__periods),
        cmocka_unit_test(test_stats_review_losses__periods),
        cmocka_unit_test(test_stats_loss_cause__periods),
        cmocka_unit_test(test_stats_loss_cause__family),
        cmocka_unit_test(test_stats_admin_fi_filed__periods),
        cmocka_unit_test(test_stats_civil_fi_filed__periods),
        cmocka_unit_test(test_stats_litigation_per_10k__periods),
        cmocka_unit_test(test_stats_rec_issued__periods),
        cmocka_unit_test(test_stats_rec_due__periods),
        cmocka_unit_test(test_stats_rec_on_time__periods),
        cmocka_unit_test(test_stats_rec_feedback_rate__periods),
        cmocka_unit_test(test_stats_rec_overdue__periods),
        cmocka_unit_test(test_stats_rec_adoption_rate__periods),
        cmocka_unit_test(test_stats_hearing_count__periods),
        cmocka_unit_test(test_stats_hearing_attendance_rate__periods),
        cmocka_unit_test(test_stats_metric_defs__every_id),
        cmocka_unit_test(test_stats_by__court),
        cmocka_unit_test(test_stats_by__district),
        cmocka_unit_test(test_stats_by__defendant),
        cmocka_unit_test(test_stats_by__defendant_several),
        cmocka_unit_test(test_stats_by__domain),
        cmocka_unit_test(test_stats_by__action_type),
        cmocka_unit_test(test_stats_by__case_type),
        cmocka_unit_test(test_stats_by__disposition),
        cmocka_unit_test(test_stats_by__month),
        cmocka_unit_test(test_stats_by__quarter),
        cmocka_unit_test(test_stats_by__year),
        cmocka_unit_test(test_stats_by__rec_kind),
        cmocka_unit_test(test_stats_by__recipient),
        cmocka_unit_test(test_stats_by__two_dims),
        cmocka_unit_test(test_stats_where__two_anded),
        cmocka_unit_test(test_stats_where__time),
        cmocka_unit_test(test_stats_where__unfilled),
        cmocka_unit_test(test_stats_where__population),
        cmocka_unit_test(test_stats_where__bad_values),
        cmocka_unit_test(test_stats_compare__yoy),
        cmocka_unit_test(test_stats_compare__prev),
        cmocka_unit_test(test_stats_compare__time_buckets),
        cmocka_unit_test(test_stats_compare__periods),
        cmocka_unit_test(test_stats_change__kinds),
        cmocka_unit_test(test_stats_value__undefined),
        cmocka_unit_test(test_stats_population__fallback),
        cmocka_unit_test(test_stats_population__city),
        cmocka_unit_test(test_stats_error__unknown_metric),
        cmocka_unit_test(test_stats_error__unknown_dimension),
        cmocka_unit_test(test_stats_error__cannot_split),
        cmocka_unit_test(test_stats_error__civil_cuts_month),
        cmocka_unit_test(test_stats_error__sum_overflow),
        cmocka_unit_test(test_stats_error__dimensions),
        cmocka_unit_test(test_stats_error__bad_periods),
        cmocka_unit_test(test_stats_sample__rows_add_up),
        cmocka_unit_test(test_stats_sample__one_pass_is_separate_passes),
        cmocka_unit_test(test_stats_sample__num_le_den),
        cmocka_unit_test(test_stats_sample__year_is_sum_of_parts),
        cmocka_unit_test(test_stats_sample__pending_chain),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
