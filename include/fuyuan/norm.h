/* SPDX-License-Identifier: MIT */
/*
 * norm.h - normalisation: turning the text of a cell into typed values.
 *
 * Value parsers (dates, yes/no, counts, months, lists), the case number
 * (案号) grammar, the court registry and the rule tables (结案方式,
 * 败诉原因, 管理领域). Every parser takes text that fy_text_normalize()
 * has already trimmed and folded. The stage is the only user of PCRE2.
 */
#ifndef FY_NORM_H
#define FY_NORM_H

#include "fuyuan/core.h"

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/** Result of a value parser. */
enum norm_result {
    NORM_OK = 0,   /* a value was parsed */
    NORM_EMPTY,    /* the cell is empty (or says "no date") */
    NORM_BAD       /* the cell holds something the type does not accept */
};

/** Tri-state yes/no. */
enum fy_yesno { FY_UNKNOWN = 0, FY_YES = 1, FY_NO = 2 };

/** A date in any accepted spelling, incl. Excel serials; "" is EMPTY. */
enum norm_result norm_date(const char *s, int32_t *days);
/** As norm_date, and "--", "—", "/", "无" also mean EMPTY. */
enum norm_result norm_date_optional(const char *s, int32_t *days);
/** 是/否 and the other spellings; 不详/未知/"" are EMPTY (unknown). */
enum norm_result norm_yesno(const char *s, enum fy_yesno *v);
/**
 * A non-negative integer, "1,234" accepted. A well-formed value too large
 * for int64_t gives INT64_MAX (it saturates): it is a count, just above
 * every cap, and the caller's cap rejects it with the cap's name.
 */
enum norm_result norm_count(const char *s, int64_t *v);
/**
 * A non-negative decimal with at most @p max_decimals decimals, scaled by
 * 10^max_decimals: "58.3107" with 4 gives 583107. Thousands separators
 * are accepted in the integer part. Saturates at INT64_MAX as norm_count.
 */
enum norm_result norm_decimal(const char *s, int max_decimals, int64_t *v);
/** A month ("2023-03", "2023/3", "2023年3月", "202303") as fy_month_index. */
enum norm_result norm_month(const char *s, int32_t *month);
/** A year: "2023" or "2023年". */
enum norm_result norm_year(const char *s, int *year);

/** One item of a list, a slice of the cell's text. */
struct norm_item {
    const char *s;
    size_t n;
};

/** Which separators a list cell uses. */
enum norm_split {
    NORM_SPLIT_LIST,        /* ；;、，,/ (the list type) */
    NORM_SPLIT_DEFENDANTS   /* 、；;，, and line breaks (the 被告 column) */
};

/**
 * Split a cell (already folded: ；，became ;,) into items, trimming them
 * and dropping empty ones. Returns the number of items found; at most
 * @p max are stored.
 */
size_t norm_list_split(const char *s, enum norm_split mode,
                       struct norm_item *items, size_t max);

/* ------------------------------------------------------------------ */
/* Case numbers (案号)                                                 */
/* ------------------------------------------------------------------ */

/** How a case type is counted (data-contract.md, "counted as"). */
enum norm_case_class {
    NORM_CLASS_FIRST = 0,     /* first instance (行初, 行赔初) */
    NORM_CLASS_SECOND,        /* second instance */
    NORM_CLASS_RETRIAL_REVIEW,
    NORM_CLASS_RETRIAL,
    NORM_CLASS_EXEC_REVIEW,   /* non-litigation execution review */
    NORM_CLASS_OTHER
};

/** A case type: its 案号 code and Chinese name. */
struct norm_case_type {
    const char *code;         /* e.g. "行初" */
    const char *name;         /* e.g. "行政一审" */
    enum norm_case_class cls;
};

/** The case types, in the order of the data contract; *n gets the count. */
const struct norm_case_type *norm_case_types(size_t *n);

/** Case type names, one per distinct name, in report order. */
const char *const *norm_case_type_names(size_t *n);
/** Index of a case type's name in norm_case_type_names(). */
size_t norm_case_type_name_index(size_t case_type);

/** A parsed case number. */
struct norm_caseno {
    int year;                 /* 收案年度 */
    char court_code[32];      /* e.g. "内0603", "内06知", "最高法" */
    unsigned type;            /* index into norm_case_types() */
    unsigned long seq;        /* sequence number, leading zeros dropped */
    char canonical[96];       /* （2023）内0603行初15号 */
};

enum norm_caseno_result {
    NORM_CASENO_OK = 0,
    NORM_CASENO_EMPTY,
    NORM_CASENO_MALFORMED,    /* does not follow the grammar */
    NORM_CASENO_NOT_ADMIN,    /* a well-formed number of another kind */
    NORM_CASENO_LIMIT         /* PCRE2 stopped (its message: canonical) */
};

struct norm_caseno_parser;

/** Compile the grammar (once; JIT when available). */
fy_status norm_caseno_parser_new(struct norm_caseno_parser **out,
                                 struct fy_error *err);
void norm_caseno_parser_free(struct norm_caseno_parser *p);
/**
 * Parse @p s. On NORM_CASENO_NOT_ADMIN, out->court_code and the code found
 * are filled in (the code in out->canonical) for the message.
 */
enum norm_caseno_result norm_caseno_parse(struct norm_caseno_parser *p,
                                          const char *s,
                                          struct norm_caseno *out);

/* ------------------------------------------------------------------ */
/* Court registry                                                      */
/* ------------------------------------------------------------------ */

/** Index of 市本级 among the districts of every registry. */
#define NORM_CITY_LEVEL 0u
/** No district / no court. */
#define NORM_NONE (-1)

enum norm_court_level { NORM_LEVEL_HIGH, NORM_LEVEL_INTERMEDIATE,
                        NORM_LEVEL_BASIC };

struct norm_court {
    char *name;               /* full name, used in every report */
    char *code;               /* 案号代字, e.g. "内0603" */
    enum norm_court_level level;
    unsigned district;        /* index into the registry's districts */
};

struct norm_registry;

/** The built-in Ordos registry of domain.md. */
struct norm_registry *norm_registry_default(void);
/** An empty registry, to be filled with norm_registry_add(). */
struct norm_registry *norm_registry_new(void);
/**
 * Add a court (one row of a --courts file). @p level is 中级/基层/高级;
 * @p district is a 旗区 name or 市本级; @p short_forms is a list cell
 * (may be ""). Errors name @p where.
 */
fy_status norm_registry_add(struct norm_registry *reg, const char *name,
                            const char *code, const char *level,
                            const char *district, const char *short_forms,
                            const struct fy_loc *where, struct fy_error *err);
/** Check and complete a registry: exactly one intermediate court. */
fy_status norm_registry_finish(struct norm_registry *reg,
                               const struct fy_loc *where,
                               struct fy_error *err);
void norm_registry_free(struct norm_registry *reg);

size_t norm_registry_ncourts(const struct norm_registry *reg);
const struct norm_court *norm_registry_court(const struct norm_registry *reg,
                                             size_t i);
/** The districts; index NORM_CITY_LEVEL is "市本级". */
size_t norm_registry_ndistricts(const struct norm_registry *reg);
const char *norm_registry_district(const struct norm_registry *reg, size_t i);
/** The city's full name ("鄂尔多斯市"). */
const char *norm_registry_city(const struct norm_registry *reg);

/** A court by its full name or a short form; NORM_NONE when unknown. */
int norm_court_find(const struct norm_registry *reg, const char *name);
/** A court by its 案号代字; NORM_NONE when unknown. */
int norm_court_by_code(const struct norm_registry *reg, const char *code);
/** A district by name ("市本级" included); NORM_NONE when unknown. */
int norm_district_find(const struct norm_registry *reg, const char *name);
/**
 * The district a defendant belongs to (data contract, rules 2 and 3): a
 * district named in @p defendant, else 市本级 when it starts with the
 * city's name; NORM_NONE when neither.
 */
int norm_district_of_defendant(const struct norm_registry *reg,
                               const char *defendant);

/* ------------------------------------------------------------------ */
/* Rule tables: dispositions, loss causes, domains                     */
/* ------------------------------------------------------------------ */

/** What a disposition category counts as (flags). */
enum norm_disp_flags {
    NORM_DISP_LOSS = 1u << 0,      /* agency loss when first instance */
    NORM_DISP_JUDGMENT = 1u << 1,  /* closed by a judgment */
    NORM_DISP_MW = 1u << 2         /* mediation or withdrawal (调撤) */
};

/** The disposition of a pending case. */
#define NORM_DISP_NONE 0xFFu
/** Maximum number of disposition categories (built-in and added). */
#define NORM_MAX_CATEGORIES 64

/** The canonical loss causes; bit i of a case's causes = cause i. */
#define NORM_NCAUSES 8
/** The pseudo-cause of an agency loss with no cause given. */
#define NORM_CAUSE_UNFILLED_NAME "未填写"

struct norm_rules;

/** Append to @p b the first 60 characters of @p s (@p n bytes), and "…"
 *  when it is longer: a value quoted in a message. */
void norm_quote(struct fy_buf *b, const char *s, size_t n);

/** Compile the built-in rule tables. */
fy_status norm_rules_new(struct norm_rules **out, struct fy_error *err);
/** Which table a rule belongs to. */
enum norm_rule_kind { NORM_RULE_DISPOSITION, NORM_RULE_CAUSE,
                      NORM_RULE_DOMAIN };

/**
 * Add one rule (a row of a --rules file, docs/rules.md); added rules are
 * tried before the built-in ones, in the order added. @p kind_name is
 * 结案方式/败诉原因/管理领域 (or disposition/loss_cause/domain); @p result
 * names the category, cause or domain; @p counts_as (dispositions only)
 * lists what a new category counts as: 败诉, 判决, 调撤. A pattern that
 * does not compile is an error naming @p where and the offset.
 */
fy_status norm_rules_add(struct norm_rules *rules, const char *kind_name,
                         const char *pattern, const char *result,
                         const char *counts_as, const struct fy_loc *where,
                         struct fy_error *err);
void norm_rules_free(struct norm_rules *rules);
/** The CPU time the rules of one table may take on one value, in ns
 *  (default 1 s; a negative one is always passed: for tests). */
void norm_rules_set_budget(struct norm_rules *rules, long ns);

size_t norm_rules_ncategories(const struct norm_rules *rules);
const char *norm_rules_category(const struct norm_rules *rules, size_t i);
unsigned norm_rules_category_flags(const struct norm_rules *rules, size_t i);
/** The category named @p name, NORM_NONE when none. */
int norm_rules_category_find(const struct norm_rules *rules,
                             const char *name);

/*
 * Matching a value against a table of rules. Every match runs under
 * limits (docs/reliability.md): a pattern that backtracks too much on
 * the value, or rules that together take more than their time budget on
 * it, is an FY_E_REGEX error at @p at (the cell; may be NULL) naming the
 * rule and the value, never a quiet "no match". The functions share the
 * rules' match data: one caller at a time.
 */

/**
 * The disposition category of @p s (trimmed, folded) in *category.
 * *matched is 0 when nothing matched and the fallback 其他 was used.
 */
fy_status norm_disposition(const struct norm_rules *rules, const char *s,
                           const struct fy_loc *at, unsigned *category,
                           int *matched, struct fy_error *err);

/** The canonical loss causes, in the contract's order. */
const char *norm_cause_name(unsigned i);
/** The cause of one list item (@p n bytes) in *cause; *matched is 0 when
 *  it fell to 其他. */
fy_status norm_loss_cause(const struct norm_rules *rules, const char *s,
                          size_t n, const struct fy_loc *at, unsigned *cause,
                          int *matched, struct fy_error *err);

/** The domains the rules give, built-in ones first, in table order. */
size_t norm_rules_ndomains(const struct norm_rules *rules);
const char *norm_rules_domain(const struct norm_rules *rules, size_t i);
/** Number of built-in domains (they come first; 其他 is the last of them). */
size_t norm_rules_nbuiltin_domains(void);

/** The 管理领域 derived from a defendant's name in *domain (其他 when
 *  nothing fits); the name is owned by @p rules. */
fy_status norm_domain(const struct norm_rules *rules, const char *defendant,
                      const struct fy_loc *at, const char **domain,
                      struct fy_error *err);

#endif /* FY_NORM_H */
