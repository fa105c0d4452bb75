/* SPDX-License-Identifier: MIT */
/*
 * norm_rules.c - the rule tables of data-contract.md as data: how a
 * 结案方式 maps to a disposition category, a 败诉原因 item to a canonical
 * cause and a 被告 to a 管理领域. Patterns are PCRE2, compiled once;
 * rules added from a --rules file are tried before the built-in ones.
 *
 * A pattern that backtracks without end, such as (a+)+$, must not hang
 * the run nor quietly "not match": every match runs under PCRE2's match,
 * depth and heap limits (linear in the value's length, far above what
 * real rules need), and the rules tried on one value share a CPU time
 * budget. Hitting either is an error naming the rule and the value
 * (docs/reliability.md).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fuyuan/norm.h"
#include "norm_int.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the JIT's own stack: PCRE2's default is 32 KiB on the machine stack */
#define JIT_STACK_START (32u * 1024u)
#define JIT_STACK_MAX (8u * 1024u * 1024u)
/* CPU time that all the rules of a table may take on one value */
#define VALUE_BUDGET_NS 1000000000L
/* characters of a value quoted in an error */
#define QUOTE_CHARS 60

/* ------------------------------------------------------------------ */
/* The built-in tables                                                 */
/* ------------------------------------------------------------------ */

#define L NORM_DISP_LOSS
#define J NORM_DISP_JUDGMENT
#define MW NORM_DISP_MW

static const struct {
    const char *name;
    unsigned flags;
} builtin_categories[] = {
    {"驳回诉讼请求", J},
    {"撤销", L | J}, {"履行", L | J}, {"给付", L | J},
    {"确认违法", L | J}, {"确认无效", L | J}, {"变更", L | J},
    {"赔偿", L | J},
    {"驳回起诉", 0}, {"撤诉", MW}, {"调解", MW},
    {"维持原判", 0}, {"撤回上诉", 0}, {"准予执行", 0}, {"不准予执行", 0},
    {"改判", 0}, {"发回重审", 0},
    {"其他", 0},
};
#define OTHER_CATEGORY "其他"

/* {category, pattern}: matched against the whole value, first wins. */
static const char *const builtin_dispositions[][2] = {
    {"驳回诉讼请求", "判决驳回.*诉讼请求"},
    {"驳回诉讼请求", "驳回诉讼请求"},
    {"撤销", "判决撤销.*"},
    {"撤销", "撤销.*行政行为.*"},
    {"撤销", "判决部分撤销.*"},
    {"撤销", "撤销并责令重作"},
    {"履行", "判决(责令)?履行.*"},
    {"履行", "责令履行.*"},
    {"给付", "判决给付.*"},
    {"确认违法", "判决确认违法.*"},
    {"确认违法", "确认违法.*"},
    {"确认无效", "判决确认无效.*"},
    {"确认无效", "确认无效.*"},
    {"变更", "判决变更.*"},
    {"赔偿", "判决(行政)?赔偿.*"},
    {"赔偿", "判决补偿.*"},
    {"驳回起诉", "裁定驳回起诉.*"},
    {"驳回起诉", "驳回起诉"},
    {"撤诉", "准予撤诉"},
    {"撤诉", "裁定准予撤诉"},
    {"撤诉", "按撤诉处理"},
    {"撤诉", "按(自动)?撤诉处理.*"},
    {"撤诉", "撤诉"},
    {"调解", "调解.*"},
    {"调解", "调解结案"},
    {"维持原判", "驳回上诉.*维持原.*"},
    {"维持原判", "维持原判"},
    {"撤回上诉", "(准予)?撤回上诉"},
    {"撤回上诉", "按撤回上诉处理"},
    {"准予执行", "(裁定)?准予执行"},
    {"不准予执行", "(裁定)?不准予执行"},
    {"改判", "改判.*"},
    {"发回重审", "发回重审.*"},
    {"发回重审", "撤销原判.*发回.*"},
    {"其他", "终结.*"},
    {"其他", "移送.*"},
    {"其他", "不予立案"},
    {"其他", "其他"},
};

static const char *const cause_names[NORM_NCAUSES] = {
    "主要证据不足", "适用法律法规错误", "违反法定程序", "超越职权",
    "滥用职权", "明显不当", "不履行法定职责", "其他",
};
#define CAUSE_OTHER 7u

/* {cause, pattern}: searched for in the item, first wins. */
static const char *const builtin_causes[][2] = {
    {"主要证据不足", "证据不足"},
    {"适用法律法规错误", "适用法律.*错误"},
    {"违反法定程序", "程序违法|违反.*程序"},
    {"超越职权", "超越职权|越权"},
    {"滥用职权", "滥用职权"},
    {"不履行法定职责", "不作为|未履行.*职责|拖延履行"},
    {"明显不当", "显失公正|明显不当"},
};

/* {domain, pattern}: searched for in 被告, first wins. */
static const char *const builtin_domains[][2] = {
    {"乡镇政府", "镇人民政府|乡人民政府|苏木人民政府|街道办事处"},
    {"自然资源", "自然资源|国土|规划"},
    {"公安", "公安|派出所|交通管理|交警"},
    {"住房城乡建设", "住房|城乡建设|住建|房产"},
    {"人力资源社会保障", "人力资源|社会保障|人社|医疗保障"},
    {"市场监管", "市场监督|市场监管|工商|食品药品"},
    {"生态环境", "生态环境|环境保护|环保"},
    {"交通运输", "交通运输"},
    {"城市管理", "城市管理|城管|综合行政执法|综合执法"},
    {"农牧林草水利", "农牧|农业|林业|草原|林草|水利"},
    {"应急管理", "应急管理|安全生产"},
    {"税务", "税务"},
    {"人民政府", "人民政府"},
};
#define OTHER_DOMAIN "其他"

static const struct {
    const char *name;
    enum norm_rule_kind kind;
} kind_names[] = {
    {"结案方式", NORM_RULE_DISPOSITION}, {"disposition", NORM_RULE_DISPOSITION},
    {"败诉原因", NORM_RULE_CAUSE}, {"loss_cause", NORM_RULE_CAUSE},
    {"管理领域", NORM_RULE_DOMAIN}, {"domain", NORM_RULE_DOMAIN},
};

static const struct {
    const char *name;
    unsigned flag;
} flag_names[] = {
    {"败诉", NORM_DISP_LOSS}, {"loss", NORM_DISP_LOSS},
    {"判决", NORM_DISP_JUDGMENT}, {"judgment", NORM_DISP_JUDGMENT},
    {"调撤", NORM_DISP_MW}, {"mediated_withdrawn", NORM_DISP_MW},
};

/* ------------------------------------------------------------------ */
/* The rule store                                                      */
/* ------------------------------------------------------------------ */

struct rule {
    pcre2_code *code;
    unsigned result;     /* category / cause index, or domain name index */
    int builtin;
    char *pattern;       /* as written, for messages */
    char *origin;        /* "FILE:LINE" of an added rule, or NULL */
};

struct rule_list {
    struct rule *rules;
    size_t n, cap;
    size_t nadded;       /* added rules come first: [0, nadded) */
};

struct norm_rules {
    char *categories[NORM_MAX_CATEGORIES];
    unsigned flags[NORM_MAX_CATEGORIES];
    size_t ncategories;
    unsigned other_category;
    struct rule_list lists[3];
    char **domains;      /* names of the domains rules give */
    size_t ndomains, capdomains;
    /* used under the caller's lock (ingest_cases.c: rules_lock) */
    pcre2_match_data *match;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
    long budget_ns;      /* CPU time of one value's rules */
};

/* What the values of each table are called in messages. */
static const char *table_value_name(enum norm_rule_kind kind)
{
    switch (kind) {
    case NORM_RULE_DISPOSITION:
        return "结案方式";
    case NORM_RULE_CAUSE:
        return _("败诉原因 item");
    case NORM_RULE_DOMAIN:
        return "被告";
    }
    return "";
}

/*
 * Compile @p pattern. An anchored one must match the whole value: that is
 * asked for with options, not by wrapping the pattern in "^(?:...)$",
 * where an unbalanced ")" would pair with the wrapper and compile. The
 * error names the offset in characters and puts a caret under it.
 */
static fy_status compile(const char *pattern, int anchored, pcre2_code **out,
                         const struct fy_loc *where, struct fy_error *err)
{
    int errcode;
    PCRE2_SIZE offset;
    uint32_t options = PCRE2_UTF | PCRE2_UCP;

    if (anchored)
        options |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    *out = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options,
                         &errcode, &offset, NULL);
    if (!*out) {
        PCRE2_UCHAR msg[256];
        size_t nchars = 0;
        pcre2_get_error_message(errcode, msg, sizeof(msg));
        if (offset > strlen(pattern))
            offset = strlen(pattern);
        for (size_t i = 0; i < offset; i++) /* count UTF-8 lead bytes */
            nchars += ((unsigned char)pattern[i] & 0xC0) != 0x80;
        char *before = fy_xstrndup(pattern, offset);
        int column = (int)fy_text_width(before);
        free(before);
        struct fy_error e;
        fy_status rc = fy_fail(err ? err : &e, FY_E_REGEX, where,
                               _("pattern '%s' does not compile at offset "
                                 "%zu: %s\n    %s\n    %*s"),
                               pattern, nchars, msg, pattern, column + 1,
                               "^");
        if (err)
            err->lib_code = errcode;
        return rc;
    }
    norm_jit_compile(*out);
    return FY_OK;
}

static unsigned domain_index(struct norm_rules *r, const char *name)
{
    for (size_t i = 0; i < r->ndomains; i++)
        if (strcmp(r->domains[i], name) == 0)
            return (unsigned)i;
    FY_GROW(r->domains, r->ndomains + 1, r->capdomains);
    r->domains[r->ndomains] = fy_xstrdup(name);
    return (unsigned)r->ndomains++;
}

static void list_add(struct rule_list *l, pcre2_code *code, unsigned result,
                     const char *pattern, int builtin,
                     const struct fy_loc *where)
{
    struct rule r = {code, result, builtin, fy_xstrdup(pattern), NULL};

    if (where) {
        struct fy_buf b = FY_BUF_INIT;
        fy_buf_printf(&b, "%s:%lu", where->file ? where->file : "",
                      where->line);
        r.origin = fy_buf_detach(&b);
    }
    FY_GROW(l->rules, l->n + 1, l->cap);
    if (r.builtin) {
        l->rules[l->n] = r;
    } else { /* insert after the rules added before it */
        memmove(&l->rules[l->nadded + 1], &l->rules[l->nadded],
                (l->n - l->nadded) * sizeof(l->rules[0]));
        l->rules[l->nadded++] = r;
    }
    l->n++;
}

static int cause_find(const char *name)
{
    for (unsigned i = 0; i < NORM_NCAUSES; i++)
        if (strcmp(cause_names[i], name) == 0)
            return (int)i;
    return NORM_NONE;
}

fy_status norm_rules_new(struct norm_rules **out, struct fy_error *err)
{
    struct norm_rules *r = fy_xcalloc(1, sizeof(*r));
    pcre2_code *code;
    fy_status rc;
    size_t i;

    for (i = 0; i < sizeof(builtin_categories) / sizeof(builtin_categories[0]);
         i++) {
        r->categories[i] = fy_xstrdup(builtin_categories[i].name);
        r->flags[i] = builtin_categories[i].flags;
    }
    r->ncategories = i;
    r->other_category = (unsigned)norm_rules_category_find(r, OTHER_CATEGORY);
    for (i = 0; i < sizeof(builtin_dispositions) / sizeof(*builtin_dispositions);
         i++) {
        if ((rc = compile(builtin_dispositions[i][1], 1, &code, NULL, err)))
            goto fail;
        list_add(&r->lists[NORM_RULE_DISPOSITION], code,
                 (unsigned)norm_rules_category_find(
                     r, builtin_dispositions[i][0]),
                 builtin_dispositions[i][1], 1, NULL);
    }
    for (i = 0; i < sizeof(builtin_causes) / sizeof(*builtin_causes); i++) {
        if ((rc = compile(builtin_causes[i][1], 0, &code, NULL, err)))
            goto fail;
        list_add(&r->lists[NORM_RULE_CAUSE], code,
                 (unsigned)cause_find(builtin_causes[i][0]),
                 builtin_causes[i][1], 1, NULL);
    }
    for (i = 0; i < sizeof(builtin_domains) / sizeof(*builtin_domains); i++) {
        if ((rc = compile(builtin_domains[i][1], 0, &code, NULL, err)))
            goto fail;
        list_add(&r->lists[NORM_RULE_DOMAIN], code,
                 domain_index(r, builtin_domains[i][0]), builtin_domains[i][1],
                 1, NULL);
    }
    domain_index(r, OTHER_DOMAIN);
    r->match = pcre2_match_data_create(8, NULL);
    r->mctx = pcre2_match_context_create(NULL);
    r->jit_stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX,
                                          NULL);
    if (!r->match || !r->mctx || !r->jit_stack) {
        rc = fy_fail(err, FY_E_NOMEM, NULL, "%s", _("out of memory"));
        goto fail;
    }
    pcre2_jit_stack_assign(r->mctx, NULL, r->jit_stack);
    r->budget_ns = VALUE_BUDGET_NS;
    *out = r;
    return FY_OK;
fail:
    norm_rules_free(r);
    return rc;
}

void norm_rules_free(struct norm_rules *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < r->lists[k].n; i++) {
            pcre2_code_free(r->lists[k].rules[i].code);
            free(r->lists[k].rules[i].pattern);
            free(r->lists[k].rules[i].origin);
        }
        free(r->lists[k].rules);
    }
    for (size_t i = 0; i < r->ncategories; i++)
        free(r->categories[i]);
    for (size_t i = 0; i < r->ndomains; i++)
        free(r->domains[i]);
    free(r->domains);
    pcre2_match_data_free(r->match);
    pcre2_match_context_free(r->mctx);
    pcre2_jit_stack_free(r->jit_stack);
    free(r);
}

fy_status norm_rules_add(struct norm_rules *r, const char *kind_name,
                         const char *pattern, const char *result,
                         const char *counts_as, const struct fy_loc *where,
                         struct fy_error *err)
{
    int kind = -1, cat = NORM_NONE;
    unsigned res = 0, flags = 0;
    pcre2_code *code;

    for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
        if (strcmp(kind_names[i].name, kind_name) == 0)
            kind = (int)kind_names[i].kind;
    if (kind < 0)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("unknown rule kind '%s' (use 结案方式, 败诉原因 or "
                         "管理领域)"), kind_name);
    if (!*pattern || !*result)
        return fy_fail(err, FY_E_CONFIG, where, "%s",
                       _("a rule needs a pattern (模式) and a result (结果)"));
    if (kind == NORM_RULE_DISPOSITION) {
        /* every word of the cell is checked, however many */
        size_t n = norm_list_split(counts_as, NORM_SPLIT_LIST, NULL, 0);
        struct norm_item *items = fy_xcalloc(n ? n : 1, sizeof(*items));
        norm_list_split(counts_as, NORM_SPLIT_LIST, items, n);
        for (size_t i = 0; i < n; i++) {
            size_t f;
            for (f = 0; f < sizeof(flag_names) / sizeof(flag_names[0]); f++)
                if (strlen(flag_names[f].name) == items[i].n
                    && memcmp(flag_names[f].name, items[i].s, items[i].n) == 0)
                    break;
            if (f == sizeof(flag_names) / sizeof(flag_names[0])) {
                fy_status rc = fy_fail(err, FY_E_CONFIG, where,
                                       _("unknown '%.*s' in 计入 (use 败诉, "
                                         "判决, 调撤)"),
                                       (int)items[i].n, items[i].s);
                free(items);
                return rc;
            }
            flags |= flag_names[f].flag;
        }
        free(items);
        cat = norm_rules_category_find(r, result);
        if (cat == NORM_NONE && r->ncategories == NORM_MAX_CATEGORIES)
            return fy_fail(err, FY_E_CONFIG, where,
                           _("more than %d disposition categories"),
                           NORM_MAX_CATEGORIES);
        if (cat != NORM_NONE && n > 0 && flags != r->flags[cat])
            return fy_fail(err, FY_E_CONFIG, where,
                           _("category '%s' exists and counts otherwise; "
                             "leave 计入 empty for it"), result);
    } else if (kind == NORM_RULE_CAUSE) {
        int c = cause_find(result);
        if (c == NORM_NONE)
            return fy_fail(err, FY_E_CONFIG, where,
                           _("'%s' is not a loss cause of the law (use one of "
                             "主要证据不足, 适用法律法规错误, 违反法定程序, "
                             "超越职权, 滥用职权, 明显不当, 不履行法定职责, "
                             "其他)"), result);
        res = (unsigned)c;
    }
    /* compiled before anything changes: a bad pattern leaves no trace */
    FY_TRY(compile(pattern, kind == NORM_RULE_DISPOSITION, &code, where, err));
    if (kind == NORM_RULE_DISPOSITION) {
        if (cat == NORM_NONE) {
            cat = (int)r->ncategories++;
            r->categories[cat] = fy_xstrdup(result);
            r->flags[cat] = flags;
        }
        res = (unsigned)cat;
    } else if (kind == NORM_RULE_DOMAIN) {
        res = domain_index(r, result);
    }
    list_add(&r->lists[kind], code, res, pattern, 0, where);
    return FY_OK;
}

void norm_rules_set_budget(struct norm_rules *r, long ns)
{
    r->budget_ns = ns;
}

size_t norm_rules_ncategories(const struct norm_rules *r)
{
    return r->ncategories;
}

const char *norm_rules_category(const struct norm_rules *r, size_t i)
{
    if (i >= r->ncategories)
        FY_BUG("category %zu out of range", i);
    return r->categories[i];
}

unsigned norm_rules_category_flags(const struct norm_rules *r, size_t i)
{
    if (i >= r->ncategories)
        FY_BUG("category %zu out of range", i);
    return r->flags[i];
}

int norm_rules_category_find(const struct norm_rules *r, const char *name)
{
    for (size_t i = 0; i < r->ncategories; i++)
        if (strcmp(r->categories[i], name) == 0)
            return (int)i;
    return NORM_NONE;
}

void norm_quote(struct fy_buf *b, const char *s, size_t n)
{
    size_t i = 0, nchars = 0;

    while (i < n && nchars < QUOTE_CHARS) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        nchars++;
    }
    fy_buf_append(b, s, i);
    if (i < n)
        fy_buf_puts(b, "…");
}

/* The budget is looked at after the first rule and every BUDGET_EVERY-th
 * after it: the thread's CPU clock is a system call (no vDSO), and each
 * match is bounded by the match limit anyway. */
#define BUDGET_EVERY 8

/* The CPU time of the calling thread, in ns. */
static int64_t cpu_ns(void)
{
    struct timespec t;

    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0;
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* The rule of an error: "the --rules pattern 'P' (FILE:LINE)" or
 * "the built-in pattern 'P'". */
static void describe_rule(struct fy_buf *b, const struct rule *rule)
{
    if (rule->builtin)
        fy_buf_printf(b, _("the built-in pattern '%s'"), rule->pattern);
    else if (rule->origin)
        fy_buf_printf(b, _("the --rules pattern '%s' (%s)"), rule->pattern,
                      rule->origin);
    else
        fy_buf_printf(b, _("the --rules pattern '%s'"), rule->pattern);
}

/*
 * *res: the result of the first rule of table @p kind that matches @p s
 * (@p n bytes), or -1. A match that hits a limit, or rules that together
 * pass the value's time budget, is an error at @p at.
 */
static fy_status first_match(const struct norm_rules *r,
                             enum norm_rule_kind kind, const char *s,
                             size_t n, const struct fy_loc *at, long *res,
                             struct fy_error *err)
{
    const struct rule_list *l = &r->lists[kind];
    int64_t start = l->n ? cpu_ns() : 0;

    norm_set_limits(r->mctx, n);
    *res = -1;
    for (size_t i = 0; i < l->n; i++) {
        const struct rule *rule = &l->rules[i];
        int rc = pcre2_match(rule->code, (PCRE2_SPTR)s, n, 0, 0, r->match,
                             r->mctx);
        if (rc >= 0) {
            *res = (long)rule->result;
            return FY_OK;
        }
        struct fy_buf value = FY_BUF_INIT, which = FY_BUF_INIT;
        fy_status st = FY_OK;
        if (rc != PCRE2_ERROR_NOMATCH) {
            PCRE2_UCHAR msg[128];
            pcre2_get_error_message(rc, msg, sizeof(msg));
            norm_quote(&value, s, n);
            describe_rule(&which, rule);
            int limit_hit = norm_limit_hit(rc);
            st = fy_fail(err, FY_E_REGEX, at,
                         _("%s '%s': %s was stopped on it (PCRE2: %s)%s"),
                         table_value_name(kind), fy_buf_str(&value),
                         fy_buf_str(&which), (const char *)msg,
                         limit_hit ? _("; the pattern backtracks too much: "
                                       "rewrite it without a repeat inside "
                                       "a repeat, such as (a+)+")
                                   : "");
            if (err)
                err->lib_code = rc;
        } else if (i % BUDGET_EVERY == 0 && cpu_ns() - start > r->budget_ns) {
            norm_quote(&value, s, n);
            describe_rule(&which, rule);
            st = fy_fail(err, FY_E_REGEX, at,
                         _("%s '%s': the rules take more than %.3g s of CPU "
                           "time on it (the last one tried: %s); simplify "
                           "the patterns of --rules"),
                         table_value_name(kind), fy_buf_str(&value),
                         (double)r->budget_ns / 1e9, fy_buf_str(&which));
        }
        fy_buf_release(&value);
        fy_buf_release(&which);
        if (st != FY_OK)
            return st;
    }
    return FY_OK;
}

fy_status norm_disposition(const struct norm_rules *r, const char *s,
                           const struct fy_loc *at, unsigned *category,
                           int *matched, struct fy_error *err)
{
    long res;

    FY_TRY(first_match(r, NORM_RULE_DISPOSITION, s, strlen(s), at, &res,
                       err));
    *matched = res >= 0;
    *category = res >= 0 ? (unsigned)res : r->other_category;
    return FY_OK;
}

const char *norm_cause_name(unsigned i)
{
    if (i >= NORM_NCAUSES)
        FY_BUG("cause %u out of range", i);
    return cause_names[i];
}

fy_status norm_loss_cause(const struct norm_rules *r, const char *s, size_t n,
                          const struct fy_loc *at, unsigned *cause,
                          int *matched, struct fy_error *err)
{
    long res;

    for (unsigned i = 0; i < NORM_NCAUSES; i++) {
        if (strlen(cause_names[i]) == n && memcmp(cause_names[i], s, n) == 0) {
            *matched = 1;
            *cause = i;
            return FY_OK;
        }
    }
    FY_TRY(first_match(r, NORM_RULE_CAUSE, s, n, at, &res, err));
    *matched = res >= 0;
    *cause = res >= 0 ? (unsigned)res : CAUSE_OTHER;
    return FY_OK;
}

size_t norm_rules_ndomains(const struct norm_rules *r)
{
    return r->ndomains;
}

const char *norm_rules_domain(const struct norm_rules *r, size_t i)
{
    if (i >= r->ndomains)
        FY_BUG("domain %zu out of range", i);
    return r->domains[i];
}

size_t norm_rules_nbuiltin_domains(void)
{
    return sizeof(builtin_domains) / sizeof(builtin_domains[0]) + 1;
}

fy_status norm_domain(const struct norm_rules *r, const char *defendant,
                      const struct fy_loc *at, const char **domain,
                      struct fy_error *err)
{
    long res;

    FY_TRY(first_match(r, NORM_RULE_DOMAIN, defendant, strlen(defendant), at,
                       &res, err));
    *domain = res >= 0 ? r->domains[res] : OTHER_DOMAIN;
    return FY_OK;
}
