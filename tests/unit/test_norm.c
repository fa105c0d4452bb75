/* SPDX-License-Identifier: MIT */
/*
 * test_norm.c - unit tests of the normalisation stage (norm.h) and of
 * fy_text_normalize(), which every cell goes through before it.
 *
 * Value cases are data: tests/unit/norm_cases.txt holds one case a line,
 * KIND <TAB> INPUT <TAB> EXPECTED (the file's head explains the notation).
 * Each test_norm_<fn>__cases runs the lines of its kinds and reports every
 * failing line before it fails. The rest are the cases that need code:
 * the case-type table, the registry and the --courts / --rules additions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuyuan/norm.h"

#define CASES_NAME "norm_cases.txt"
#define MAX_ITEMS 32

/* ------------------------------------------------------------------ */
/* The case file                                                       */
/* ------------------------------------------------------------------ */

struct norm_case {
    char *kind;
    char *input;           /* escapes decoded, not yet normalised */
    char *expected;        /* escapes decoded */
    unsigned long line;
};

/* Shared by every test: the cases and the compiled built-in tables. */
static struct {
    struct norm_case *cases;
    size_t n, cap;
    char path[1024];
    struct norm_caseno_parser *parser;
    struct norm_rules *rules;
    struct norm_registry *reg;
} fx;

static char *repeat(const char *unit, size_t n, const char *end);

/* The rule tables' answers on values that must not fail. */
static unsigned disposition_of(const struct norm_rules *r, const char *s,
                               int *matched)
{
    struct fy_error err;
    unsigned cat = 0;

    assert_int_equal(norm_disposition(r, s, NULL, &cat, matched, &err), FY_OK);
    return cat;
}

static unsigned cause_of(const struct norm_rules *r, const char *s, size_t n,
                         int *matched)
{
    struct fy_error err;
    unsigned cause = 0;

    assert_int_equal(norm_loss_cause(r, s, n, NULL, &cause, matched, &err),
                     FY_OK);
    return cause;
}

static const char *domain_of(const struct norm_rules *r, const char *s)
{
    struct fy_error err;
    const char *d = NULL;

    assert_int_equal(norm_domain(r, s, NULL, &d, &err), FY_OK);
    return d;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode the escapes of a field into a new string; NULL when malformed. */
static char *unescape(const char *s, size_t n)
{
    struct fy_buf b = FY_BUF_INIT;

    fy_buf_append(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            fy_buf_putc(&b, s[i]);
            continue;
        }
        if (++i == n)
            goto bad;
        switch (s[i]) {
        case 't': fy_buf_putc(&b, '\t'); break;
        case 'n': fy_buf_putc(&b, '\n'); break;
        case 'r': fy_buf_putc(&b, '\r'); break;
        case 's': fy_buf_putc(&b, ' '); break;
        case '\\': fy_buf_putc(&b, '\\'); break;
        case 'x':
            if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
                goto bad;
            fy_buf_putc(&b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
            break;
        case 'u': {
            uint32_t cp = 0;
            if (i + 4 >= n)
                goto bad;
            for (int k = 1; k <= 4; k++) {
                if (hexval(s[i + k]) < 0)
                    goto bad;
                cp = cp * 16 + (uint32_t)hexval(s[i + k]);
            }
            fy_utf8_put(&b, cp);
            i += 4;
            break;
        }
        default:
            goto bad;
        }
    }
    return fy_buf_detach(&b);
bad:
    fy_buf_release(&b);
    return NULL;
}

/* Where the case file is: $FY_TOP, next to this source, or the cwd. */
static FILE *open_cases(void)
{
    const char *top = getenv("FY_TOP");
    const char *src = __FILE__;
    const char *slash = strrchr(src, '/');
    FILE *f;

    if (top && *top) {
        snprintf(fx.path, sizeof(fx.path), "%s/tests/unit/%s", top,
                 CASES_NAME);
        if ((f = fopen(fx.path, "r")))
            return f;
    }
    if (slash) {
        snprintf(fx.path, sizeof(fx.path), "%.*s/%s", (int)(slash - src), src,
                 CASES_NAME);
        if ((f = fopen(fx.path, "r")))
            return f;
    }
    snprintf(fx.path, sizeof(fx.path), "tests/unit/%s", CASES_NAME);
    return fopen(fx.path, "r");
}

static int load_cases(void)
{
    FILE *f = open_cases();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long no = 0;

    if (!f) {
        fprintf(stderr, "cannot open %s\n", fx.path);
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *t1 = strchr(line, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || strchr(t2 + 1, '\t')) {
            fprintf(stderr, "%s:%lu: want KIND<TAB>INPUT<TAB>EXPECTED\n",
                    fx.path, no);
            goto fail;
        }
        FY_GROW(fx.cases, fx.n + 1, fx.cap);
        struct norm_case *c = &fx.cases[fx.n];
        c->kind = fy_xstrndup(line, (size_t)(t1 - line));
        c->input = unescape(t1 + 1, (size_t)(t2 - t1 - 1));
        c->expected = unescape(t2 + 1, strlen(t2 + 1));
        c->line = no;
        fx.n++;
        if (!c->input || !c->expected) {
            fprintf(stderr, "%s:%lu: bad escape\n", fx.path, no);
            goto fail;
        }
    }
    free(line);
    fclose(f);
    return 0;
fail:
    free(line);
    fclose(f);
    return -1;
}

static void free_cases(void)
{
    for (size_t i = 0; i < fx.n; i++) {
        free(fx.cases[i].kind);
        free(fx.cases[i].input);
        free(fx.cases[i].expected);
    }
    free(fx.cases);
    fx.cases = NULL;
    fx.n = fx.cap = 0;
}

static int group_setup(void **state)
{
    struct fy_error err;

    (void)state;
    if (load_cases() != 0)
        return -1;
    if (norm_caseno_parser_new(&fx.parser, &err) != FY_OK
        || norm_rules_new(&fx.rules, &err) != FY_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    fx.reg = norm_registry_default();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    norm_caseno_parser_free(fx.parser);
    norm_rules_free(fx.rules);
    norm_registry_free(fx.reg);
    free_cases();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Rendering a result in the notation of the case file                 */
/* ------------------------------------------------------------------ */

static const char *result_word(enum norm_result r)
{
    return r == NORM_EMPTY ? "EMPTY" : r == NORM_BAD ? "BAD" : "?";
}

static void render_text(const char *raw, struct fy_buf *got)
{
    struct fy_buf b = FY_BUF_INIT;

    fy_text_normalize(raw, strlen(raw), &b);
    /* the length is the one of the C string: no NUL inside, none missing */
    assert_int_equal(b.len, strlen(b.data));
    fy_buf_puts(got, b.data);
    fy_buf_release(&b);
}

static void put_date(enum norm_result r, int32_t days, struct fy_buf *got)
{
    char out[11];

    if (r != NORM_OK) {
        fy_buf_puts(got, result_word(r));
        return;
    }
    fy_date_format(days, out);
    fy_buf_puts(got, out);
}

static void render_date(const char *s, struct fy_buf *got)
{
    int32_t days = 0;
    enum norm_result r = norm_date(s, &days);

    put_date(r, days, got);
}

static void render_optdate(const char *s, struct fy_buf *got)
{
    int32_t days = 0;
    enum norm_result r = norm_date_optional(s, &days);

    put_date(r, days, got);
}

static void render_yesno(const char *s, struct fy_buf *got)
{
    enum fy_yesno v = (enum fy_yesno)99;
    enum norm_result r = norm_yesno(s, &v);

    if (r == NORM_OK && v == FY_YES)
        fy_buf_puts(got, "yes");
    else if (r == NORM_OK && v == FY_NO)
        fy_buf_puts(got, "no");
    else if (r == NORM_EMPTY && v == FY_UNKNOWN)
        fy_buf_puts(got, "unknown");
    else if (r == NORM_BAD)
        fy_buf_puts(got, "BAD");
    else
        fy_buf_printf(got, "result %d value %d", (int)r, (int)v);
}

static void render_count(const char *s, struct fy_buf *got)
{
    int64_t v = -1;
    enum norm_result r = norm_count(s, &v);

    if (r == NORM_OK)
        fy_buf_printf(got, "%" PRId64, v);
    else
        fy_buf_puts(got, result_word(r));
}

static void render_decimal(const char *s, int decimals, struct fy_buf *got)
{
    int64_t v = -1;
    enum norm_result r = norm_decimal(s, decimals, &v);

    if (r == NORM_OK)
        fy_buf_printf(got, "%" PRId64, v);
    else
        fy_buf_puts(got, result_word(r));
}

static void render_decimal0(const char *s, struct fy_buf *got)
{
    render_decimal(s, 0, got);
}

static void render_decimal2(const char *s, struct fy_buf *got)
{
    render_decimal(s, 2, got);
}

static void render_decimal4(const char *s, struct fy_buf *got)
{
    render_decimal(s, 4, got);
}

static void render_month(const char *s, struct fy_buf *got)
{
    int32_t m = -1;
    enum norm_result r = norm_month(s, &m);

    if (r == NORM_OK)
        fy_buf_printf(got, "%04d-%02d", (int)(m / 12), (int)(m % 12 + 1));
    else
        fy_buf_puts(got, result_word(r));
}

static void render_year(const char *s, struct fy_buf *got)
{
    int y = -1;
    enum norm_result r = norm_year(s, &y);

    if (r == NORM_OK)
        fy_buf_printf(got, "%d", y);
    else
        fy_buf_puts(got, result_word(r));
}

static void render_split(const char *s, enum norm_split mode,
                         struct fy_buf *got)
{
    struct norm_item items[MAX_ITEMS];
    size_t n = norm_list_split(s, mode, items, MAX_ITEMS);

    assert_true(n <= MAX_ITEMS);
    if (n == 0)
        fy_buf_puts(got, "(none)");
    for (size_t i = 0; i < n; i++) {
        /* every item is a slice of the cell */
        assert_true(items[i].s >= s);
        assert_true(items[i].s + items[i].n <= s + strlen(s));
        fy_buf_printf(got, "%s%.*s", i ? "|" : "", (int)items[i].n,
                      items[i].s);
    }
}

static void render_list(const char *s, struct fy_buf *got)
{
    render_split(s, NORM_SPLIT_LIST, got);
}

static void render_defendants(const char *s, struct fy_buf *got)
{
    render_split(s, NORM_SPLIT_DEFENDANTS, got);
}

static const char *class_word(enum norm_case_class c)
{
    switch (c) {
    case NORM_CLASS_FIRST: return "first";
    case NORM_CLASS_SECOND: return "second";
    case NORM_CLASS_RETRIAL_REVIEW: return "retrial_review";
    case NORM_CLASS_RETRIAL: return "retrial";
    case NORM_CLASS_EXEC_REVIEW: return "exec_review";
    case NORM_CLASS_OTHER: return "other";
    }
    return "?";
}

/* Everything the parser gives, as space-separated tokens. */
static void render_caseno(const char *s, struct fy_buf *got)
{
    struct norm_caseno cn;
    size_t ntypes;
    const struct norm_case_type *types = norm_case_types(&ntypes);

    switch (norm_caseno_parse(fx.parser, s, &cn)) {
    case NORM_CASENO_OK:
        assert_true(cn.type < ntypes);
        fy_buf_printf(got, "%s type=%s year=%d court=%s seq=%lu class=%s",
                      cn.canonical, types[cn.type].name, cn.year,
                      cn.court_code, cn.seq, class_word(types[cn.type].cls));
        break;
    case NORM_CASENO_NOT_ADMIN:
        fy_buf_printf(got, "NOT_ADMIN code=%s court=%s year=%d seq=%lu",
                      cn.canonical, cn.court_code, cn.year, cn.seq);
        break;
    case NORM_CASENO_MALFORMED:
        fy_buf_puts(got, "MALFORMED");
        break;
    case NORM_CASENO_EMPTY:
        fy_buf_puts(got, "EMPTY");
        break;
    case NORM_CASENO_LIMIT:
        fy_buf_printf(got, "LIMIT %s", cn.canonical);
        break;
    }
}

static void render_disposition(const char *s, struct fy_buf *got)
{
    int matched = -1;
    unsigned cat = disposition_of(fx.rules, s, &matched);

    fy_buf_puts(got, norm_rules_category(fx.rules, cat));
    if (!matched)
        fy_buf_puts(got, " unmatched");
}

static void put_cause(const char *s, size_t n, struct fy_buf *got)
{
    int matched = -1;
    unsigned c = cause_of(fx.rules, s, n, &matched);

    fy_buf_puts(got, norm_cause_name(c));
    if (!matched)
        fy_buf_puts(got, " unmatched");
}

static void render_cause(const char *s, struct fy_buf *got)
{
    put_cause(s, strlen(s), got);
}

static void render_causes(const char *s, struct fy_buf *got)
{
    struct norm_item items[MAX_ITEMS];
    size_t n = norm_list_split(s, NORM_SPLIT_LIST, items, MAX_ITEMS);

    if (n == 0)
        fy_buf_puts(got, "(none)");
    for (size_t i = 0; i < n && i < MAX_ITEMS; i++) {
        if (i)
            fy_buf_putc(got, '|');
        put_cause(items[i].s, items[i].n, got);
    }
}

static void render_domain(const char *s, struct fy_buf *got)
{
    fy_buf_puts(got, domain_of(fx.rules, s));
}

static void put_district(int d, struct fy_buf *got)
{
    fy_buf_puts(got, d == NORM_NONE ? "NONE"
                                    : norm_registry_district(fx.reg,
                                                             (size_t)d));
}

static void render_district(const char *s, struct fy_buf *got)
{
    put_district(norm_district_of_defendant(fx.reg, s), got);
}

static void render_district_name(const char *s, struct fy_buf *got)
{
    put_district(norm_district_find(fx.reg, s), got);
}

static void put_court(int c, struct fy_buf *got)
{
    fy_buf_puts(got, c == NORM_NONE
                         ? "NONE"
                         : norm_registry_court(fx.reg, (size_t)c)->name);
}

static void render_court(const char *s, struct fy_buf *got)
{
    put_court(norm_court_find(fx.reg, s), got);
}

static void render_court_code(const char *s, struct fy_buf *got)
{
    put_court(norm_court_by_code(fx.reg, s), got);
}

/* ------------------------------------------------------------------ */
/* Running the cases of a kind                                         */
/* ------------------------------------------------------------------ */

/*
 * Does @p got agree with @p exp? For case numbers the first token must be
 * equal and every key=value token of @p exp must be among @p got's; for
 * every other kind the strings must be equal.
 */
static int agrees(const char *kind, const char *exp, const char *got)
{
    const char *e, *g;
    size_t n;

    if (strcmp(kind, "caseno") != 0)
        return strcmp(exp, got) == 0;
    n = strcspn(exp, " ");
    if (strcspn(got, " ") != n || strncmp(exp, got, n) != 0)
        return 0;
    for (e = exp + n; *e == ' '; e += n) {
        e++;
        n = strcspn(e, " ");
        for (g = strchr(got, ' '); g; g = strchr(g + 1, ' '))
            if (strcspn(g + 1, " ") == n && strncmp(g + 1, e, n) == 0)
                break;
        if (!g)
            return 0;
    }
    return 1;
}

static const struct {
    const char *kind;
    void (*render)(const char *s, struct fy_buf *got);
} kinds[] = {
    {"text", render_text},
    {"date", render_date},
    {"optdate", render_optdate},
    {"yesno", render_yesno},
    {"count", render_count},
    {"decimal0", render_decimal0},
    {"decimal2", render_decimal2},
    {"decimal4", render_decimal4},
    {"month", render_month},
    {"year", render_year},
    {"list", render_list},
    {"defendants", render_defendants},
    {"caseno", render_caseno},
    {"disposition", render_disposition},
    {"cause", render_cause},
    {"causes", render_causes},
    {"domain", render_domain},
    {"district", render_district},
    {"district_name", render_district_name},
    {"court", render_court},
    {"court_code", render_court_code},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* Run every case of @p kind; returns the number of cases run. */
static size_t run_kind(const char *kind)
{
    void (*render)(const char *, struct fy_buf *) = NULL;
    struct fy_buf in = FY_BUF_INIT, got = FY_BUF_INIT;
    size_t run = 0, failed = 0;

    for (size_t k = 0; k < NKINDS; k++)
        if (strcmp(kinds[k].kind, kind) == 0)
            render = kinds[k].render;
    assert_non_null(render);
    for (size_t i = 0; i < fx.n; i++) {
        const struct norm_case *c = &fx.cases[i];
        if (strcmp(c->kind, kind) != 0)
            continue;
        run++;
        fy_buf_reset(&got);
        fy_buf_append(&got, "", 0);
        if (strcmp(kind, "text") == 0) {
            render(c->input, &got);
        } else { /* as the ingest stage does */
            fy_text_normalize(c->input, strlen(c->input), &in);
            render(fy_buf_str(&in), &got);
        }
        if (!agrees(kind, c->expected, fy_buf_str(&got))) {
            print_error("%s:%lu: %s '%s': expected '%s', got '%s'\n",
                        fx.path, c->line, kind, c->input, c->expected,
                        fy_buf_str(&got));
            failed++;
        }
    }
    fy_buf_release(&in);
    fy_buf_release(&got);
    if (failed)
        fail_msg("%zu of %zu '%s' cases failed", failed, run, kind);
    if (run == 0)
        fail_msg("no '%s' case in %s", kind, fx.path);
    return run;
}

#define CASES_TEST(name, ...)                                           \
    static void name(void **state)                                      \
    {                                                                   \
        static const char *const ks[] = {__VA_ARGS__};                  \
        (void)state;                                                    \
        for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)         \
            run_kind(ks[i]);                                            \
    }

CASES_TEST(test_norm_text_normalize__cases, "text")
CASES_TEST(test_norm_date__cases, "date")
CASES_TEST(test_norm_date_optional__cases, "optdate")
CASES_TEST(test_norm_yesno__cases, "yesno")
CASES_TEST(test_norm_count__cases, "count")
CASES_TEST(test_norm_decimal__cases, "decimal0", "decimal2", "decimal4")
CASES_TEST(test_norm_month__cases, "month")
CASES_TEST(test_norm_year__cases, "year")
CASES_TEST(test_norm_list_split__cases, "list", "defendants")
CASES_TEST(test_norm_caseno_parse__cases, "caseno")
CASES_TEST(test_norm_disposition__cases, "disposition")
CASES_TEST(test_norm_loss_cause__cases, "cause", "causes")
CASES_TEST(test_norm_domain__cases, "domain")
CASES_TEST(test_norm_district_of_defendant__cases, "district")
CASES_TEST(test_norm_district_find__cases, "district_name")
CASES_TEST(test_norm_court_find__cases, "court")
CASES_TEST(test_norm_court_by_code__cases, "court_code")

/* A misspelt kind would silently run nothing. */
static void test_norm_cases__every_kind_known(void **state)
{
    (void)state;
    assert_true(fx.n > 0);
    for (size_t i = 0; i < fx.n; i++) {
        size_t k;
        for (k = 0; k < NKINDS; k++)
            if (strcmp(kinds[k].kind, fx.cases[i].kind) == 0)
                break;
        if (k == NKINDS)
            fail_msg("%s:%lu: unknown kind '%s'", fx.path, fx.cases[i].line,
                     fx.cases[i].kind);
    }
}

/* ------------------------------------------------------------------ */
/* Text and values                                                     */
/* ------------------------------------------------------------------ */

static void test_norm_text_normalize__replaces_contents(void **state)
{
    struct fy_buf b = FY_BUF_INIT;
    (void)state;
    fy_buf_puts(&b, "a much longer previous value");
    fy_text_normalize(" ５ ", strlen(" ５ "), &b);
    assert_string_equal(b.data, "5");
    assert_int_equal(b.len, 1);
    fy_text_normalize("", 0, &b);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    fy_buf_release(&b);
}

static void test_norm_text_normalize__uses_the_length(void **state)
{
    struct fy_buf b = FY_BUF_INIT;
    (void)state;
    fy_text_normalize("ab cd", 3, &b);   /* "ab " */
    assert_string_equal(b.data, "ab");
    fy_buf_release(&b);
}

static void test_norm_text_normalize__keeps_invalid_bytes(void **state)
{
    struct fy_buf b = FY_BUF_INIT;
    (void)state;
    fy_text_normalize(" \xff a\xfe ", 6, &b);
    assert_string_equal(b.data, "\xff a\xfe");
    /* a truncated sequence at the end is kept, not read past */
    fy_text_normalize("a\xe3\x80", 3, &b);
    assert_string_equal(b.data, "a\xe3\x80");
    fy_buf_release(&b);
}

static void test_norm_date__days_and_excel_epoch(void **state)
{
    int32_t d = 0;
    (void)state;
    assert_int_equal(norm_date("44931", &d), NORM_OK);
    assert_int_equal(d, fy_days_from_ymd(2023, 1, 5));
    assert_int_equal(norm_date("2023-01-05", &d), NORM_OK);
    assert_int_equal(d, 19362);           /* days since 1970-01-01 */
    assert_int_equal(norm_date("1970-01-01", &d), NORM_OK);
    assert_int_equal(d, 0);
    assert_int_equal(norm_date("25569", &d), NORM_OK); /* Excel's 1970 */
    assert_int_equal(d, 0);
}

static void test_norm_month__index(void **state)
{
    int32_t m = 0;
    (void)state;
    assert_int_equal(norm_month("2023-03", &m), NORM_OK);
    assert_int_equal(m, fy_month_index(2023, 3));
    assert_int_equal(m, 2023 * 12 + 2);
    assert_int_equal(norm_month("202401", &m), NORM_OK);
    assert_int_equal(m, 2024 * 12);
}

static void test_norm_list_split__stores_at_most_max(void **state)
{
    struct norm_item items[3] = {{NULL, 0}, {NULL, 0}, {"sentinel", 8}};
    (void)state;
    assert_int_equal(norm_list_split("a;b;c;d", NORM_SPLIT_LIST, items, 2),
                     4);
    assert_int_equal(items[0].n, 1);
    assert_memory_equal(items[0].s, "a", 1);
    assert_memory_equal(items[1].s, "b", 1);
    assert_string_equal(items[2].s, "sentinel");
    assert_int_equal(norm_list_split("x、y", NORM_SPLIT_LIST, NULL, 0), 2);
}

/* ------------------------------------------------------------------ */
/* Case numbers                                                        */
/* ------------------------------------------------------------------ */

/* The table of data-contract.md, "Case number (案号)", written out. */
static const struct {
    const char *code, *name;
    enum norm_case_class cls;
} contract_types[] = {
    {"行初", "行政一审", NORM_CLASS_FIRST},
    {"行终", "行政二审", NORM_CLASS_SECOND},
    {"行申", "行政申请再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行再", "行政再审", NORM_CLASS_RETRIAL},
    {"行审", "非诉行政行为申请执行审查", NORM_CLASS_EXEC_REVIEW},
    {"行审复", "非诉执行审查复议", NORM_CLASS_EXEC_REVIEW},
    {"行监", "行政依职权再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行抗", "行政抗诉再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行赔初", "行政赔偿一审", NORM_CLASS_FIRST},
    {"行赔终", "行政赔偿二审", NORM_CLASS_SECOND},
    {"行赔监", "行政赔偿再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行赔申", "行政赔偿再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行赔抗", "行政赔偿再审审查", NORM_CLASS_RETRIAL_REVIEW},
    {"行赔再", "行政赔偿再审", NORM_CLASS_RETRIAL},
    {"行辖", "行政管辖", NORM_CLASS_OTHER},
    {"行辖终", "行政管辖", NORM_CLASS_OTHER},
    {"行他", "其他行政案件", NORM_CLASS_OTHER},
    {"行赔他", "其他行政案件", NORM_CLASS_OTHER},
};
#define NCONTRACT_TYPES (sizeof(contract_types) / sizeof(contract_types[0]))

static void test_norm_case_types__match_contract(void **state)
{
    size_t n;
    const struct norm_case_type *t = norm_case_types(&n);
    (void)state;
    assert_int_equal(n, NCONTRACT_TYPES);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(t[i].code, contract_types[i].code);
        assert_string_equal(t[i].name, contract_types[i].name);
        assert_int_equal(t[i].cls, contract_types[i].cls);
    }
}

/* Every code of the table parses to its own type (and so, its name). */
static void test_norm_caseno_parse__every_code(void **state)
{
    struct norm_caseno cn;
    char s[64], want[96];
    size_t n;
    const struct norm_case_type *t = norm_case_types(&n);
    (void)state;
    for (size_t i = 0; i < NCONTRACT_TYPES; i++) {
        snprintf(s, sizeof(s), "(2024)内06%s%zu号", contract_types[i].code,
                 i + 1);
        snprintf(want, sizeof(want), "（2024）内06%s%zu号",
                 contract_types[i].code, i + 1);
        assert_int_equal(norm_caseno_parse(fx.parser, s, &cn),
                         NORM_CASENO_OK);
        assert_string_equal(t[cn.type].code, contract_types[i].code);
        assert_string_equal(t[cn.type].name, contract_types[i].name);
        assert_string_equal(cn.canonical, want);
        assert_int_equal(cn.year, 2024);
        assert_int_equal(cn.seq, i + 1);
        assert_string_equal(cn.court_code, "内06");
    }
}

static void test_norm_case_type_names__one_per_name(void **state)
{
    size_t nn, nt;
    const char *const *names = norm_case_type_names(&nn);
    const struct norm_case_type *t = norm_case_types(&nt);
    (void)state;
    assert_int_equal(nn, 14);   /* distinct names of the contract's table */
    for (size_t i = 0; i < nn; i++)
        for (size_t k = i + 1; k < nn; k++)
            assert_string_not_equal(names[i], names[k]);
    for (size_t i = 0; i < nt; i++)
        assert_string_equal(names[norm_case_type_name_index(i)], t[i].name);
}

static void test_norm_caseno_parse__result_reset(void **state)
{
    struct norm_caseno cn;
    (void)state;
    assert_int_equal(norm_caseno_parse(fx.parser, "(2023)内0603行初15号", &cn),
                     NORM_CASENO_OK);
    assert_int_equal(norm_caseno_parse(fx.parser, "(2023)内0603行初", &cn),
                     NORM_CASENO_MALFORMED);
    assert_int_equal(cn.year, 0);
    assert_string_equal(cn.canonical, "");
    assert_int_equal(norm_caseno_parse(fx.parser, "", &cn),
                     NORM_CASENO_EMPTY);
    assert_string_equal(cn.court_code, "");
}

/*
 * A long run of spaces: with plain \s* PCRE2 split it between the
 * grammar's neighbouring \s* in every way before it failed, and without
 * the JIT passed its limit (issue 12); possessive, it decides at once.
 */
static void test_norm_caseno_parse__long_spaces(void **state)
{
    (void)state;
    for (int jit = 0; jit < 2; jit++) {
        struct norm_caseno_parser *p = NULL;
        struct norm_caseno cn;
        struct fy_error err;
        char *bad = repeat(" ", 20000, "x");
        char *good = repeat(" ", 20000, "行初7号");
        struct fy_buf b = FY_BUF_INIT;
        setenv("FY_PCRE2_JIT", jit ? "1" : "0", 1);
        assert_int_equal(norm_caseno_parser_new(&p, &err), FY_OK);
        unsetenv("FY_PCRE2_JIT");
        fy_buf_printf(&b, "(2023)内%s", bad);
        assert_int_equal(norm_caseno_parse(p, fy_buf_str(&b), &cn),
                         NORM_CASENO_MALFORMED);
        fy_buf_reset(&b);
        fy_buf_printf(&b, "(2023)内0603%s", good);
        assert_int_equal(norm_caseno_parse(p, fy_buf_str(&b), &cn),
                         NORM_CASENO_OK);
        assert_string_equal(cn.canonical, "（2023）内0603行初7号");
        fy_buf_reset(&b);
        fy_buf_printf(&b, "(2023)内%s06%s", good, bad);
        assert_int_equal(norm_caseno_parse(p, fy_buf_str(&b), &cn),
                         NORM_CASENO_MALFORMED);
        fy_buf_release(&b);
        free(bad);
        free(good);
        norm_caseno_parser_free(p);
    }
}

/* ------------------------------------------------------------------ */
/* Court registry                                                      */
/* ------------------------------------------------------------------ */

/* domain.md, "The courts of Ordos". */
static const struct {
    const char *name, *code;
    enum norm_court_level level;
    const char *district;
} ordos_courts[] = {
    {"鄂尔多斯市中级人民法院", "内06", NORM_LEVEL_INTERMEDIATE, "市本级"},
    {"鄂尔多斯市东胜区人民法院", "内0602", NORM_LEVEL_BASIC, "东胜区"},
    {"鄂尔多斯市康巴什区人民法院", "内0603", NORM_LEVEL_BASIC, "康巴什区"},
    {"达拉特旗人民法院", "内0621", NORM_LEVEL_BASIC, "达拉特旗"},
    {"准格尔旗人民法院", "内0622", NORM_LEVEL_BASIC, "准格尔旗"},
    {"鄂托克前旗人民法院", "内0623", NORM_LEVEL_BASIC, "鄂托克前旗"},
    {"鄂托克旗人民法院", "内0624", NORM_LEVEL_BASIC, "鄂托克旗"},
    {"杭锦旗人民法院", "内0625", NORM_LEVEL_BASIC, "杭锦旗"},
    {"乌审旗人民法院", "内0626", NORM_LEVEL_BASIC, "乌审旗"},
    {"伊金霍洛旗人民法院", "内0627", NORM_LEVEL_BASIC, "伊金霍洛旗"},
};
#define NORDOS (sizeof(ordos_courts) / sizeof(ordos_courts[0]))

static void test_norm_registry_default__courts_of_domain(void **state)
{
    (void)state;
    assert_int_equal(norm_registry_ncourts(fx.reg), NORDOS);
    for (size_t i = 0; i < NORDOS; i++) {
        int c = norm_court_find(fx.reg, ordos_courts[i].name);
        assert_int_not_equal(c, NORM_NONE);
        const struct norm_court *court = norm_registry_court(fx.reg,
                                                             (size_t)c);
        assert_string_equal(court->name, ordos_courts[i].name);
        assert_string_equal(court->code, ordos_courts[i].code);
        assert_int_equal(court->level, ordos_courts[i].level);
        assert_string_equal(norm_registry_district(fx.reg, court->district),
                            ordos_courts[i].district);
        assert_int_equal(norm_court_by_code(fx.reg, ordos_courts[i].code), c);
    }
}

static void test_norm_registry_default__districts_and_city(void **state)
{
    (void)state;
    assert_string_equal(norm_registry_city(fx.reg), "鄂尔多斯市");
    assert_int_equal(norm_registry_ndistricts(fx.reg), 10); /* 9 + 市本级 */
    assert_string_equal(norm_registry_district(fx.reg, NORM_CITY_LEVEL),
                        "市本级");
    for (size_t i = 0; i < NORDOS; i++)
        assert_int_not_equal(norm_district_find(fx.reg,
                                                ordos_courts[i].district),
                             NORM_NONE);
}

static void add_ok(struct norm_registry *reg, const char *name,
                   const char *code, const char *level, const char *district,
                   const char *short_forms)
{
    struct fy_error err;
    fy_status rc = norm_registry_add(reg, name, code, level, district,
                                     short_forms, NULL, &err);
    if (rc != FY_OK)
        fail_msg("adding '%s': %s", name, err.msg);
}

static void test_norm_registry_add__custom_city(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_error err;
    int d;
    (void)state;
    add_ok(reg, "包头市中级人民法院", "内02", "中级", "市本级", "包头中院");
    add_ok(reg, "包头市昆都仑区人民法院", "内0203", "基层", "昆都仑区", "");
    add_ok(reg, "固阳县人民法院", "内0222", "基层", "固阳县",
           "固阳法院；固阳县法院");
    add_ok(reg, "内蒙古自治区高级人民法院", "内", "高级", "市本级", "");
    assert_int_equal(norm_registry_finish(reg, NULL, &err), FY_OK);

    assert_string_equal(norm_registry_city(reg), "包头市");
    assert_int_equal(norm_registry_ncourts(reg), 4);
    assert_int_equal(norm_registry_ndistricts(reg), 3);
    assert_int_equal(norm_court_find(reg, "包头市中级人民法院"), 0);
    assert_int_equal(norm_court_find(reg, "包头中院"), 0);
    assert_int_equal(norm_court_find(reg, "内蒙古自治区包头市中级人民法院"),
                     0);
    assert_int_equal(norm_court_find(reg, "昆都仑区人民法院"), 1);
    assert_int_equal(norm_court_find(reg, "固阳法院"), 2);
    assert_int_equal(norm_court_find(reg, "固阳县法院"), 2);
    assert_int_equal(norm_court_find(reg, "包头市固阳县人民法院"), 2);
    assert_int_equal(norm_court_find(reg, "内蒙古自治区高级人民法院"), 3);
    assert_int_equal(norm_court_find(reg, "鄂尔多斯市中级人民法院"),
                     NORM_NONE);
    assert_int_equal(norm_court_by_code(reg, "内0203"), 1);
    assert_int_equal(norm_court_by_code(reg, "内06"), NORM_NONE);
    assert_int_equal(norm_registry_court(reg, 0)->level,
                     NORM_LEVEL_INTERMEDIATE);
    assert_int_equal(norm_registry_court(reg, 0)->district, NORM_CITY_LEVEL);
    assert_int_equal(norm_registry_court(reg, 1)->level, NORM_LEVEL_BASIC);
    assert_int_equal(norm_registry_court(reg, 3)->level, NORM_LEVEL_HIGH);

    d = norm_district_of_defendant(reg, "包头市昆都仑区人民政府");
    assert_int_not_equal(d, NORM_NONE);
    assert_string_equal(norm_registry_district(reg, (size_t)d), "昆都仑区");
    d = norm_district_of_defendant(reg, "固阳县自然资源局");
    assert_string_equal(norm_registry_district(reg, (size_t)d), "固阳县");
    assert_int_equal(norm_district_of_defendant(reg, "包头市公安局"),
                     (int)NORM_CITY_LEVEL);
    assert_int_equal(norm_district_of_defendant(reg, "鄂尔多斯市公安局"),
                     NORM_NONE);
    assert_int_equal(norm_district_of_defendant(reg, "东胜区人民政府"),
                     NORM_NONE);
    assert_int_equal(norm_district_find(reg, "东胜区"), NORM_NONE);
    norm_registry_free(reg);
}

/* On a custom registry, rule 2 prefers the earlier, then longer name. */
static void test_norm_district_of_defendant__overlapping_names(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_error err;
    int d;
    (void)state;
    add_ok(reg, "某市中级人民法院", "甲01", "中级", "市本级", "");
    add_ok(reg, "某市城区人民法院", "甲0102", "基层", "城区", "");
    add_ok(reg, "某市新城区人民法院", "甲0103", "基层", "新城区", "");
    assert_int_equal(norm_registry_finish(reg, NULL, &err), FY_OK);
    d = norm_district_of_defendant(reg, "新城区人民政府");
    assert_string_equal(norm_registry_district(reg, (size_t)d), "新城区");
    d = norm_district_of_defendant(reg, "某市城区自然资源局");
    assert_string_equal(norm_registry_district(reg, (size_t)d), "城区");
    assert_int_equal(norm_district_of_defendant(reg, "某市公安局"),
                     (int)NORM_CITY_LEVEL);
    norm_registry_free(reg);
}

static void test_norm_registry_add__bad_level(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_loc at = {"courts.csv", 3, 0};
    struct fy_error err;
    (void)state;
    assert_int_equal(norm_registry_add(reg, "包头市中级人民法院", "内02",
                                       "省级", "市本级", "", &at, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "省级"));
    assert_string_equal(err.where.file, "courts.csv");
    assert_int_equal(err.where.line, 3);
    assert_int_equal(norm_registry_ncourts(reg), 0);
    assert_int_equal(norm_registry_add(reg, "包头市中级人民法院", "内02", "",
                                       "市本级", "", &at, &err),
                     FY_E_CONFIG);
    norm_registry_free(reg);
}

static void test_norm_registry_add__duplicates(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_loc at = {"courts.csv", 4, 0};
    struct fy_error err;
    (void)state;
    add_ok(reg, "包头市中级人民法院", "内02", "中级", "市本级", "包头中院");
    /* the same code */
    assert_int_equal(norm_registry_add(reg, "包头市东河区人民法院", "内02",
                                       "基层", "东河区", "", &at, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "内02"));
    assert_int_equal(err.where.line, 4);
    /* the same name, or a name that is another court's short form */
    assert_int_equal(norm_registry_add(reg, "包头市中级人民法院", "内03",
                                       "中级", "市本级", "", &at, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "包头市中级人民法院"));
    assert_int_equal(norm_registry_add(reg, "包头中院", "内04", "基层",
                                       "东河区", "", &at, &err),
                     FY_E_CONFIG);
    assert_int_equal(norm_registry_ncourts(reg), 1);
    assert_int_equal(norm_registry_ndistricts(reg), 1);
    norm_registry_free(reg);
}

/* Every short form of a cell is kept, however many (not only the first
 * 16), and every word of 计入 is checked (not only the first 8). */
static void test_norm_registry_add__many_short_forms(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_buf forms = FY_BUF_INIT;
    (void)state;
    for (int i = 1; i <= 20; i++)
        fy_buf_printf(&forms, "%s简称%d", i > 1 ? "、" : "", i);
    add_ok(reg, "包头市中级人民法院", "内02", "中级", "市本级",
           fy_buf_str(&forms));
    assert_int_equal(norm_court_find(reg, "简称1"), 0);
    assert_int_equal(norm_court_find(reg, "简称16"), 0);
    assert_int_equal(norm_court_find(reg, "简称17"), 0);
    assert_int_equal(norm_court_find(reg, "简称20"), 0);
    fy_buf_release(&forms);
    norm_registry_free(reg);
}

static void test_norm_registry_add__missing_fields(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_error err;
    (void)state;
    assert_int_equal(norm_registry_add(reg, "", "内02", "中级", "市本级", "",
                                       NULL, &err),
                     FY_E_CONFIG);
    assert_int_equal(norm_registry_add(reg, "包头市中级人民法院", "", "中级",
                                       "市本级", "", NULL, &err),
                     FY_E_CONFIG);
    assert_int_equal(norm_registry_add(reg, "包头市中级人民法院", "内02",
                                       "中级", "", "", NULL, &err),
                     FY_E_CONFIG);
    assert_int_equal(norm_registry_ncourts(reg), 0);
    norm_registry_free(reg);
}

static void test_norm_registry_finish__two_intermediate(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_loc at = {"courts.csv", 0, 0};
    struct fy_error err;
    (void)state;
    add_ok(reg, "包头市中级人民法院", "内02", "中级", "市本级", "");
    add_ok(reg, "鄂尔多斯市中级人民法院", "内06", "中级", "市本级", "");
    assert_int_equal(norm_registry_finish(reg, &at, &err), FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "包头市中级人民法院"));
    assert_non_null(strstr(err.msg, "鄂尔多斯市中级人民法院"));
    assert_string_equal(err.where.file, "courts.csv");
    norm_registry_free(reg);
}

static void test_norm_registry_finish__no_intermediate(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_error err;
    (void)state;
    assert_int_equal(norm_registry_finish(reg, NULL, &err), FY_E_CONFIG);
    add_ok(reg, "包头市昆都仑区人民法院", "内0203", "基层", "昆都仑区", "");
    assert_int_equal(norm_registry_finish(reg, NULL, &err), FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "中级"));
    assert_string_equal(norm_registry_city(reg), "");
    norm_registry_free(reg);
}

static void test_norm_registry_finish__city_not_named(void **state)
{
    struct norm_registry *reg = norm_registry_new();
    struct fy_error err;
    (void)state;
    add_ok(reg, "包头中院", "内02", "中级", "市本级", "");
    assert_int_equal(norm_registry_finish(reg, NULL, &err), FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "包头中院"));
    norm_registry_free(reg);
    norm_registry_free(NULL);
}

/* ------------------------------------------------------------------ */
/* Rule tables                                                         */
/* ------------------------------------------------------------------ */

/* data-contract.md, "Dispositions", and metrics.md (判决, 调撤). */
static void test_norm_rules_new__categories_and_flags(void **state)
{
    static const struct {
        const char *name;
        unsigned flags;
    } want[] = {
        {"驳回诉讼请求", NORM_DISP_JUDGMENT},
        {"撤销", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"履行", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"给付", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"确认违法", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"确认无效", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"变更", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"赔偿", NORM_DISP_LOSS | NORM_DISP_JUDGMENT},
        {"驳回起诉", 0}, {"撤诉", NORM_DISP_MW}, {"调解", NORM_DISP_MW},
        {"维持原判", 0}, {"撤回上诉", 0}, {"准予执行", 0},
        {"不准予执行", 0}, {"改判", 0}, {"发回重审", 0}, {"其他", 0},
    };
    (void)state;
    assert_int_equal(norm_rules_ncategories(fx.rules),
                     sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int c = norm_rules_category_find(fx.rules, want[i].name);
        assert_int_not_equal(c, NORM_NONE);
        assert_string_equal(norm_rules_category(fx.rules, (size_t)c),
                            want[i].name);
        assert_int_equal(norm_rules_category_flags(fx.rules, (size_t)c),
                         want[i].flags);
    }
    assert_int_equal(norm_rules_category_find(fx.rules, "败诉"), NORM_NONE);
}

static void test_norm_cause_name__canonical_order(void **state)
{
    static const char *const want[NORM_NCAUSES] = {
        "主要证据不足", "适用法律法规错误", "违反法定程序", "超越职权",
        "滥用职权", "明显不当", "不履行法定职责", "其他",
    };
    (void)state;
    for (unsigned i = 0; i < NORM_NCAUSES; i++)
        assert_string_equal(norm_cause_name(i), want[i]);
}

/* The cause of an item given by length, not by its terminating NUL. */
static void test_norm_loss_cause__item_slice(void **state)
{
    int matched = -1;
    const char *cell = "越权;证据不足";
    (void)state;
    assert_string_equal(norm_cause_name(cause_of(fx.rules, cell,
                                                        strlen("越权"),
                                                        &matched)),
                        "超越职权");
    assert_int_equal(matched, 1);
    assert_string_equal(norm_cause_name(cause_of(fx.rules, "其他x",
                                                        strlen("其他"),
                                                        &matched)),
                        "其他");
    assert_int_equal(matched, 1);
}

static struct norm_rules *fresh_rules(void)
{
    struct norm_rules *r = NULL;
    struct fy_error err;

    assert_int_equal(norm_rules_new(&r, &err), FY_OK);
    return r;
}

static const char *disp(struct norm_rules *r, const char *s, int *matched)
{
    return norm_rules_category(r, disposition_of(r, s, matched));
}

static void test_norm_rules_add__new_category(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_loc at = {"rules.csv", 2, 0};
    struct fy_error err;
    size_t n = norm_rules_ncategories(r);
    int matched = -1;
    (void)state;
    assert_int_equal(norm_rules_add(r, "结案方式", "判决责令采取补救措施.*",
                                    "责令补救", "败诉、判决", &at, &err),
                     FY_OK);
    assert_int_equal(norm_rules_ncategories(r), n + 1);
    int c = norm_rules_category_find(r, "责令补救");
    assert_int_equal(c, (int)n);
    assert_int_equal(norm_rules_category_flags(r, (size_t)c),
                     NORM_DISP_LOSS | NORM_DISP_JUDGMENT);
    assert_string_equal(disp(r, "判决责令采取补救措施", &matched),
                        "责令补救");
    assert_int_equal(matched, 1);
    /* matched against the whole value, like the built-in rules */
    assert_string_equal(disp(r, "不判决责令采取补救措施", &matched), "其他");
    assert_int_equal(matched, 0);
    /* a second rule for it, 计入 left empty */
    assert_int_equal(norm_rules_add(r, "disposition", "采取补救措施",
                                    "责令补救", "", &at, &err),
                     FY_OK);
    assert_int_equal(norm_rules_ncategories(r), n + 1);
    assert_string_equal(disp(r, "采取补救措施", &matched), "责令补救");
    /* 调撤 alone; English names too */
    assert_int_equal(norm_rules_add(r, "结案方式", "协调和解", "和解",
                                    "mediated_withdrawn", &at, &err),
                     FY_OK);
    assert_int_equal(norm_rules_category_flags(
                         r, (size_t)norm_rules_category_find(r, "和解")),
                     NORM_DISP_MW);
    /* every alternative of a pattern is matched against the whole value */
    assert_int_equal(norm_rules_add(r, "结案方式", "庭外和解|和解撤诉", "和解",
                                    "", &at, &err),
                     FY_OK);
    assert_string_equal(disp(r, "和解撤诉", &matched), "和解");
    assert_string_equal(disp(r, "庭外和解", &matched), "和解");
    assert_string_equal(disp(r, "庭外和解撤诉", &matched), "其他");
    assert_string_equal(disp(r, "经庭外和解", &matched), "其他");
    assert_int_equal(norm_rules_add(r, "结案方式", "不计入", "不计入", "",
                                    &at, &err),
                     FY_OK);
    assert_int_equal(norm_rules_category_flags(
                         r, (size_t)norm_rules_category_find(r, "不计入")),
                     0);
    norm_rules_free(r);
}

static void test_norm_rules_add__every_counts_as_word_checked(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_error err;
    size_t n = norm_rules_ncategories(r);
    (void)state;
    /* the ninth word is unknown: refused like the first would be */
    assert_int_equal(norm_rules_add(r, "结案方式", "补救", "补救",
                                    "败诉、败诉、败诉、败诉、败诉、败诉、败诉、"
                                    "败诉、补救", NULL, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "'补救' in 计入"));
    assert_int_equal(norm_rules_ncategories(r), n);
    /* the ninth word counts */
    assert_int_equal(norm_rules_add(r, "结案方式", "补救", "补救",
                                    "败诉、败诉、败诉、败诉、败诉、败诉、败诉、"
                                    "败诉、判决", NULL, &err),
                     FY_OK);
    assert_int_equal(norm_rules_category_flags(
                         r, (size_t)norm_rules_category_find(r, "补救")),
                     NORM_DISP_LOSS | NORM_DISP_JUDGMENT);
    norm_rules_free(r);
}

static void test_norm_rules_add__user_rule_first(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_error err;
    int matched = -1;
    (void)state;
    assert_string_equal(disp(r, "撤销原判发回重审", &matched), "发回重审");
    assert_int_equal(norm_rules_add(r, "结案方式", "撤销原判.*", "改判", "",
                                    NULL, &err),
                     FY_OK);
    assert_string_equal(disp(r, "撤销原判发回重审", &matched), "改判");
    assert_int_equal(matched, 1);
    /* among added rules, the first added wins */
    assert_int_equal(norm_rules_add(r, "结案方式", "撤销原判发回重审",
                                    "发回重审", "", NULL, &err),
                     FY_OK);
    assert_string_equal(disp(r, "撤销原判发回重审", &matched), "改判");
    /* built-in rules still apply to the rest */
    assert_string_equal(disp(r, "判决撤销被诉行政行为", &matched), "撤销");
    assert_string_equal(disp(r, "和解", &matched), "其他");
    assert_int_equal(matched, 0);
    norm_rules_free(r);
}

static void test_norm_rules_add__counts_as_errors(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_error err;
    size_t n = norm_rules_ncategories(r);
    (void)state;
    /* a built-in category that counts otherwise */
    assert_int_equal(norm_rules_add(r, "结案方式", "判决撤销并.*", "撤销",
                                    "调撤", NULL, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "撤销"));
    /* the same flags are fine */
    assert_int_equal(norm_rules_add(r, "结案方式", "判决撤销并.*", "撤销",
                                    "判决、败诉", NULL, &err),
                     FY_OK);
    /* an unknown word in 计入 */
    assert_int_equal(norm_rules_add(r, "结案方式", "部分胜诉", "部分胜诉",
                                    "败诉、胜诉", NULL, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "胜诉"));
    assert_int_equal(norm_rules_ncategories(r), n);
    norm_rules_free(r);
}

static void test_norm_rules_add__unknown_kind(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_loc at = {"rules.csv", 5, 0};
    struct fy_error err;
    (void)state;
    assert_int_equal(norm_rules_add(r, "判决结果", "x", "y", "", &at, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "判决结果"));
    assert_int_equal(err.where.line, 5);
    assert_int_equal(norm_rules_add(r, "", "x", "y", "", &at, &err),
                     FY_E_CONFIG);
    /* no pattern or no result */
    assert_int_equal(norm_rules_add(r, "管理领域", "", "教育", "", &at, &err),
                     FY_E_CONFIG);
    assert_int_equal(norm_rules_add(r, "管理领域", "教育", "", "", &at, &err),
                     FY_E_CONFIG);
    norm_rules_free(r);
}

static void test_norm_rules_add__bad_regex(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_loc at = {"rules.csv", 7, 0};
    struct fy_error err;
    size_t n = norm_rules_ncategories(r);
    int matched = -1;
    (void)state;
    /* 判决(撤销: the group is not closed at its end, character 5 */
    assert_int_equal(norm_rules_add(r, "结案方式", "判决(撤销", "补救",
                                    "败诉", &at, &err),
                     FY_E_REGEX);
    assert_int_equal(err.code, FY_E_REGEX);
    assert_string_equal(err.where.file, "rules.csv");
    assert_int_equal(err.where.line, 7);
    assert_int_not_equal(err.lib_code, 0);
    assert_non_null(strstr(err.msg, "'判决(撤销'"));
    assert_non_null(strstr(err.msg, "offset 5"));
    /* the caret under the offset: 判决(撤销 is 9 columns wide */
    assert_non_null(strstr(err.msg, "\n    判决(撤销\n             ^"));
    /* nothing of the failed rule is left behind */
    assert_int_equal(norm_rules_ncategories(r), n);
    assert_int_equal(norm_rules_category_find(r, "补救"), NORM_NONE);
    assert_string_equal(disp(r, "判决撤销", &matched), "撤销");

    /* a closing parenthesis with no opening one, at character 4 */
    assert_int_equal(norm_rules_add(r, "结案方式", "判决撤销)(", "撤销", "",
                                    &at, &err),
                     FY_E_REGEX);
    assert_non_null(strstr(err.msg, "offset 4"));
    assert_non_null(strstr(err.msg, "\n    判决撤销)(\n            ^"));
    /* ...which must not pair with the anchoring around the pattern */
    assert_int_equal(norm_rules_add(r, "结案方式", "撤诉)|(.*", "撤诉", "",
                                    &at, &err),
                     FY_E_REGEX);
    assert_non_null(strstr(err.msg, "offset 2"));
    assert_string_equal(disp(r, "和解", &matched), "其他");
    assert_int_equal(matched, 0);

    /* the example of docs/rules.md */
    assert_int_equal(norm_rules_add(r, "结案方式", "(和解", "和解", "调撤",
                                    &at, &err),
                     FY_E_REGEX);
    assert_string_equal(err.msg, "pattern '(和解' does not compile at offset "
                                 "3: missing closing parenthesis\n"
                                 "    (和解\n"
                                 "         ^");
    assert_int_equal(norm_rules_category_find(r, "和解"), NORM_NONE);

    /* the other tables, which are searched, not anchored */
    assert_int_equal(norm_rules_add(r, "败诉原因", "证据[不足", "主要证据不足",
                                    "", &at, &err),
                     FY_E_REGEX);
    assert_non_null(strstr(err.msg, "offset 5"));
    assert_int_equal(norm_rules_add(r, "管理领域", "教育(局", "教育", "", &at,
                                    &err),
                     FY_E_REGEX);
    assert_non_null(strstr(err.msg, "offset 4"));
    assert_string_equal(domain_of(r, "教育(局"), "其他");
    norm_rules_free(r);
}

static void test_norm_rules_add__cause(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_loc at = {"rules.csv", 9, 0};
    struct fy_error err;
    int matched = -1;
    const char *item = "认定事实不清";
    (void)state;
    assert_string_equal(norm_cause_name(cause_of(r, item, strlen(item),
                                                        &matched)),
                        "其他");
    assert_int_equal(matched, 0);
    assert_int_equal(norm_rules_add(r, "败诉原因", "事实不清", "主要证据不足",
                                    "", &at, &err),
                     FY_OK);
    assert_string_equal(norm_cause_name(cause_of(r, item, strlen(item),
                                                        &matched)),
                        "主要证据不足");
    assert_int_equal(matched, 1);
    /* before the built-in patterns */
    assert_int_equal(norm_rules_add(r, "loss_cause", "越权", "滥用职权", "",
                                    &at, &err),
                     FY_OK);
    assert_string_equal(norm_cause_name(cause_of(r, "越权", 6,
                                                        &matched)),
                        "滥用职权");
    /* a cause that is not one of the law's */
    assert_int_equal(norm_rules_add(r, "败诉原因", "事实认定错误",
                                    "事实认定错误", "", &at, &err),
                     FY_E_CONFIG);
    assert_non_null(strstr(err.msg, "事实认定错误"));
    assert_int_equal(err.where.line, 9);
    assert_int_equal(norm_rules_add(r, "败诉原因", "未填", "未填写", "", &at,
                                    &err),
                     FY_E_CONFIG);
    norm_rules_free(r);
}

static void test_norm_rules_add__domain(void **state)
{
    struct norm_rules *r = fresh_rules();
    struct fy_error err;
    (void)state;
    assert_string_equal(domain_of(r, "鄂尔多斯市教育局"), "其他");
    assert_int_equal(norm_rules_add(r, "管理领域", "教育", "教育", "", NULL,
                                    &err),
                     FY_OK);
    assert_string_equal(domain_of(r, "鄂尔多斯市教育局"), "教育");
    /* searched, and before the built-in rows */
    assert_int_equal(norm_rules_add(r, "domain", "交警", "交通运输", "", NULL,
                                    &err),
                     FY_OK);
    assert_string_equal(domain_of(r, "达拉特旗交警大队"), "交通运输");
    assert_string_equal(domain_of(r, "鄂尔多斯市公安局"), "公安");
    norm_rules_free(r);
}

/* ------------------------------------------------------------------ */
/* Patterns that backtrack without end (issue 12, docs/reliability.md)  */
/* ------------------------------------------------------------------ */

/* @p n copies of @p unit, then @p end: a new string. */
static char *repeat(const char *unit, size_t n, const char *end)
{
    struct fy_buf b = FY_BUF_INIT;

    for (size_t i = 0; i < n; i++)
        fy_buf_puts(&b, unit);
    fy_buf_puts(&b, end);
    return fy_buf_detach(&b);
}

/* The rules, with the added ones compiled for the JIT or not. */
static struct norm_rules *rules_with(const char *kind, const char *pattern,
                                     const char *result, int jit)
{
    struct norm_rules *r = fresh_rules();
    struct fy_loc at = {"rules.csv", 7, 0};
    struct fy_error err;

    setenv("FY_PCRE2_JIT", jit ? "1" : "0", 1);
    assert_int_equal(norm_rules_add(r, kind, pattern, result, "", &at, &err),
                     FY_OK);
    unsetenv("FY_PCRE2_JIT");
    return r;
}

/* (a+)+$ on 30 letters a and a b: 2^30 ways to fail. With PCRE2's
 * default limit it took 25 ms (JIT) to 100 ms a value and then said "no
 * match": counted as 其他, silently. */
static void test_norm_disposition__catastrophic_pattern_is_an_error(
    void **state)
{
    char *bad = repeat("a", 30, "b");
    (void)state;
    for (int jit = 0; jit < 2; jit++) {
        struct norm_rules *r = rules_with("结案方式", "(a+)+$", "驳回诉讼请求",
                                          jit);
        struct fy_loc at = {"cases.csv", 12, 6};
        struct fy_error err;
        unsigned cat = 99;
        int matched = -1;
        assert_int_equal(norm_disposition(r, bad, &at, &cat, &matched, &err),
                         FY_E_REGEX);
        assert_string_equal(err.where.file, "cases.csv");
        assert_int_equal(err.where.line, 12);
        assert_int_equal(err.where.column, 6);
        assert_string_equal(err.msg,
                            "结案方式 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab': the "
                            "--rules pattern '(a+)+$' (rules.csv:7) was "
                            "stopped on it (PCRE2: match limit exceeded); "
                            "the pattern backtracks too much: rewrite it "
                            "without a repeat inside a repeat, such as "
                            "(a+)+");
        /* the same rule on a value it matches */
        assert_int_equal(norm_disposition(r, "aaaa", &at, &cat, &matched,
                                          &err),
                         FY_OK);
        assert_string_equal(norm_rules_category(r, cat), "驳回诉讼请求");
        assert_int_equal(matched, 1);
        norm_rules_free(r);
    }
    free(bad);
}

/* The searched tables: each start of the value is tried. */
static void test_norm_loss_cause__catastrophic_pattern_is_an_error(
    void **state)
{
    char *bad = repeat("x", 40, "z");
    (void)state;
    for (int jit = 0; jit < 2; jit++) {
        struct norm_rules *r = rules_with("败诉原因", "(x+x+)+$",
                                          "主要证据不足", jit);
        struct fy_loc at = {"cases.csv", 3, 9};
        struct fy_error err;
        unsigned cause = 99;
        int matched = -1;
        assert_int_equal(norm_loss_cause(r, bad, strlen(bad), &at, &cause,
                                         &matched, &err),
                         FY_E_REGEX);
        assert_int_equal(err.where.line, 3);
        assert_non_null(strstr(err.msg, "败诉原因 item '" "xxxxxxxxxx"));
        assert_non_null(strstr(err.msg, "'(x+x+)+$' (rules.csv:7)"));
        assert_non_null(strstr(err.msg, "limit"));
        norm_rules_free(r);
    }
    free(bad);
}

static void test_norm_domain__catastrophic_pattern_is_an_error(void **state)
{
    char *bad = repeat("局", 30, "长");
    const char *dom = "unset";
    (void)state;
    for (int jit = 0; jit < 2; jit++) {
        struct norm_rules *r = rules_with("管理领域", "(局|局局)+$", "教育",
                                          jit);
        struct fy_error err;
        assert_int_equal(norm_domain(r, bad, NULL, &dom, &err), FY_E_REGEX);
        assert_non_null(strstr(err.msg, "被告 '局局局"));
        assert_non_null(strstr(err.msg, "'(局|局局)+$' (rules.csv:7)"));
        assert_int_equal(norm_domain(r, "教育局局", NULL, &dom, &err), FY_OK);
        assert_string_equal(dom, "教育");
        norm_rules_free(r);
    }
    free(bad);
}

/* Rules that together pass the value's CPU budget: an error naming the
 * last rule tried, even though none reached a limit (the budget is set
 * below 0 so that the test does not depend on the time taken). */
static void test_norm_domain__time_budget(void **state)
{
    struct norm_rules *r = rules_with("管理领域", "教育", "教育", 1);
    struct fy_loc at = {"cases.csv", 4, 5};
    struct fy_error err;
    const char *dom = "unset";
    (void)state;
    norm_rules_set_budget(r, -1);
    assert_int_equal(norm_domain(r, "鄂尔多斯市林业局", &at, &dom, &err),
                     FY_E_REGEX);
    assert_int_equal(err.where.line, 4);
    assert_string_equal(err.msg,
                        "被告 '鄂尔多斯市林业局': the rules take more than "
                        "-1e-09 s of CPU time on it (the last one tried: the "
                        "--rules pattern '教育' (rules.csv:7)); simplify the "
                        "patterns of --rules");
    /* the first rule matches: no time is asked about */
    assert_int_equal(norm_domain(r, "鄂尔多斯市教育局", &at, &dom, &err),
                     FY_OK);
    assert_string_equal(dom, "教育");
    norm_rules_set_budget(r, 1000000000L);
    assert_int_equal(norm_domain(r, "鄂尔多斯市林业局", &at, &dom, &err),
                     FY_OK);
    assert_string_equal(dom, "农牧林草水利");
    norm_rules_free(r);
}

/* A long value is quoted by its first 60 characters. */
static void test_norm_disposition__long_value_quoted_short(void **state)
{
    char *bad = repeat("a", 5000, "b");
    char *head = repeat("a", 60, "…'");
    struct norm_rules *r = rules_with("结案方式", "(a|aa)+$", "撤诉", 1);
    struct fy_error err;
    unsigned cat;
    int matched;
    (void)state;
    assert_int_equal(norm_disposition(r, bad, NULL, &cat, &matched, &err),
                     FY_E_REGEX);
    assert_non_null(strstr(err.msg, head));
    assert_null(strstr(err.msg, "aaaaaaab"));
    norm_rules_free(r);
    free(head);
    free(bad);
}

/* A pattern whose repeat keeps a backtracking point per letter: deep
 * enough on a long value to pass the depth (heap) limit without the JIT
 * and the JIT's stack with it; an error either way, not a "no match". */
static void test_norm_disposition__depth_and_jit_stack(void **state)
{
    char *deep = repeat("a", 1000000, "");
    (void)state;
    for (int jit = 0; jit < 2; jit++) {
        struct norm_rules *r = rules_with("结案方式", "(?:(a)|b)*", "撤诉",
                                          jit);
        struct fy_error err;
        unsigned cat;
        int matched;
        assert_int_equal(norm_disposition(r, deep, NULL, &cat, &matched,
                                          &err),
                         FY_E_REGEX);
        assert_non_null(strstr(err.msg, jit ? "JIT stack limit"
                                            : "limit exceeded"));
        /* and matches a short one */
        assert_int_equal(norm_disposition(r, "abab", NULL, &cat, &matched,
                                          &err),
                         FY_OK);
        assert_string_equal(norm_rules_category(r, cat), "撤诉");
        norm_rules_free(r);
    }
    free(deep);
}

/* ------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_cases__every_kind_known),
        cmocka_unit_test(test_norm_text_normalize__cases),
        cmocka_unit_test(test_norm_text_normalize__replaces_contents),
        cmocka_unit_test(test_norm_text_normalize__uses_the_length),
        cmocka_unit_test(test_norm_text_normalize__keeps_invalid_bytes),
        cmocka_unit_test(test_norm_date__cases),
        cmocka_unit_test(test_norm_date__days_and_excel_epoch),
        cmocka_unit_test(test_norm_date_optional__cases),
        cmocka_unit_test(test_norm_yesno__cases),
        cmocka_unit_test(test_norm_count__cases),
        cmocka_unit_test(test_norm_decimal__cases),
        cmocka_unit_test(test_norm_month__cases),
        cmocka_unit_test(test_norm_month__index),
        cmocka_unit_test(test_norm_year__cases),
        cmocka_unit_test(test_norm_list_split__cases),
        cmocka_unit_test(test_norm_list_split__stores_at_most_max),
        cmocka_unit_test(test_norm_caseno_parse__cases),
        cmocka_unit_test(test_norm_caseno_parse__every_code),
        cmocka_unit_test(test_norm_caseno_parse__result_reset),
        cmocka_unit_test(test_norm_caseno_parse__long_spaces),
        cmocka_unit_test(test_norm_case_types__match_contract),
        cmocka_unit_test(test_norm_case_type_names__one_per_name),
        cmocka_unit_test(test_norm_court_find__cases),
        cmocka_unit_test(test_norm_court_by_code__cases),
        cmocka_unit_test(test_norm_district_find__cases),
        cmocka_unit_test(test_norm_district_of_defendant__cases),
        cmocka_unit_test(test_norm_district_of_defendant__overlapping_names),
        cmocka_unit_test(test_norm_registry_default__courts_of_domain),
        cmocka_unit_test(test_norm_registry_default__districts_and_city),
        cmocka_unit_test(test_norm_registry_add__custom_city),
        cmocka_unit_test(test_norm_registry_add__bad_level),
        cmocka_unit_test(test_norm_registry_add__duplicates),
        cmocka_unit_test(test_norm_registry_add__many_short_forms),
        cmocka_unit_test(test_norm_registry_add__missing_fields),
        cmocka_unit_test(test_norm_registry_finish__two_intermediate),
        cmocka_unit_test(test_norm_registry_finish__no_intermediate),
        cmocka_unit_test(test_norm_registry_finish__city_not_named),
        cmocka_unit_test(test_norm_rules_new__categories_and_flags),
        cmocka_unit_test(test_norm_disposition__cases),
        cmocka_unit_test(test_norm_cause_name__canonical_order),
        cmocka_unit_test(test_norm_loss_cause__cases),
        cmocka_unit_test(test_norm_loss_cause__item_slice),
        cmocka_unit_test(test_norm_domain__cases),
        cmocka_unit_test(test_norm_rules_add__new_category),
        cmocka_unit_test(test_norm_rules_add__every_counts_as_word_checked),
        cmocka_unit_test(test_norm_rules_add__user_rule_first),
        cmocka_unit_test(test_norm_rules_add__counts_as_errors),
        cmocka_unit_test(test_norm_rules_add__unknown_kind),
        cmocka_unit_test(test_norm_rules_add__bad_regex),
        cmocka_unit_test(test_norm_rules_add__cause),
        cmocka_unit_test(test_norm_rules_add__domain),
        cmocka_unit_test(test_norm_disposition__catastrophic_pattern_is_an_error),
        cmocka_unit_test(test_norm_loss_cause__catastrophic_pattern_is_an_error),
        cmocka_unit_test(test_norm_domain__catastrophic_pattern_is_an_error),
        cmocka_unit_test(test_norm_domain__time_budget),
        cmocka_unit_test(test_norm_disposition__long_value_quoted_short),
        cmocka_unit_test(test_norm_disposition__depth_and_jit_stack),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
