/* SPDX-License-Identifier: MIT */
/*
 * norm_caseno.c - the case number (案号) grammar of data-contract.md,
 * matched with PCRE2 (compiled once, JIT-compiled when available).
 *
 * The grammar captures the whole run of Han characters between the court
 * code and the sequence as the case-type code, then looks it up in the
 * table below: an exact match of the whole run is "longest first" by
 * construction (行审复 is never read as 行审).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fuyuan/norm.h"
#include "norm_int.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

static const struct norm_case_type case_types[] = {
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
#define NTYPES (sizeof(case_types) / sizeof(case_types[0]))

/* Distinct names in table order, and each type's index among them. */
static const char *const type_names[] = {
    "行政一审", "行政二审", "行政申请再审审查", "行政再审",
    "非诉行政行为申请执行审查", "非诉执行审查复议", "行政依职权再审审查",
    "行政抗诉再审审查", "行政赔偿一审", "行政赔偿二审", "行政赔偿再审审查",
    "行政赔偿再审", "行政管辖", "其他行政案件",
};
static const unsigned char type_name_of[NTYPES] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 11, 12, 12, 13, 13,
};

static const char grammar[] =
    "^[(\\[〔【]\\s*([0-9]{4})\\s*[)\\]〕】]\\s*"  /* (收案年度) */
    "(最高法|\\p{Han})\\s*([0-9]{4}|[0-9]{2})?(知)?\\s*" /* court code */
    "(\\p{Han}{1,4}?)\\s*"                         /* case-type code */
    "0*([1-9][0-9]{0,5})\\s*号$";                  /* sequence */

struct norm_caseno_parser {
    pcre2_code *code;
    pcre2_match_data *match;
};

const struct norm_case_type *norm_case_types(size_t *n)
{
    *n = NTYPES;
    return case_types;
}

const char *const *norm_case_type_names(size_t *n)
{
    *n = sizeof(type_names) / sizeof(type_names[0]);
    return type_names;
}

size_t norm_case_type_name_index(size_t case_type)
{
    if (case_type >= NTYPES)
        FY_BUG("case type %zu out of range", case_type);
    return type_name_of[case_type];
}

fy_status norm_caseno_parser_new(struct norm_caseno_parser **out,
                                 struct fy_error *err)
{
    struct norm_caseno_parser *p = fy_xcalloc(1, sizeof(*p));
    int errcode;
    PCRE2_SIZE offset;

    p->code = pcre2_compile((PCRE2_SPTR)grammar, PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF | PCRE2_UCP, &errcode, &offset, NULL);
    if (!p->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof(msg));
        free(p);
        return fy_fail(err, FY_E_REGEX, NULL,
                       "case number grammar: %s at offset %zu", msg,
                       (size_t)offset);
    }
    norm_jit_compile(p->code);
    p->match = pcre2_match_data_create_from_pattern(p->code, NULL);
    if (!p->match) {
        pcre2_code_free(p->code);
        free(p);
        return fy_fail(err, FY_E_NOMEM, NULL, "%s", _("out of memory"));
    }
    *out = p;
    return FY_OK;
}

void norm_caseno_parser_free(struct norm_caseno_parser *p)
{
    if (!p)
        return;
    pcre2_match_data_free(p->match);
    pcre2_code_free(p->code);
    free(p);
}

/* Copy capture @p i into @p dst (size @p cap); returns its length. */
static size_t capture(pcre2_match_data *md, const char *s, int i, char *dst,
                      size_t cap)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    size_t n = 0;

    if (ov[2 * i] != PCRE2_UNSET) {
        n = ov[2 * i + 1] - ov[2 * i];
        if (n >= cap)
            n = cap - 1;
        memcpy(dst, s + ov[2 * i], n);
    }
    dst[n] = '\0';
    return n;
}

enum norm_caseno_result norm_caseno_parse(struct norm_caseno_parser *p,
                                          const char *s,
                                          struct norm_caseno *out)
{
    char year[8], court[16], digits[8], ip[8], type[16], seq[8];
    int rc;

    memset(out, 0, sizeof(*out));
    if (*s == '\0')
        return NORM_CASENO_EMPTY;
    rc = pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, p->match, NULL);
    if (rc < 0)
        return NORM_CASENO_MALFORMED;
    capture(p->match, s, 1, year, sizeof(year));
    capture(p->match, s, 2, court, sizeof(court));
    capture(p->match, s, 3, digits, sizeof(digits));
    capture(p->match, s, 4, ip, sizeof(ip));
    capture(p->match, s, 5, type, sizeof(type));
    capture(p->match, s, 6, seq, sizeof(seq));
    out->year = (int)strtol(year, NULL, 10);
    out->seq = strtoul(seq, NULL, 10);
    snprintf(out->court_code, sizeof(out->court_code), "%s%s%s", court,
             digits, ip);
    for (unsigned i = 0; i < NTYPES; i++) {
        if (strcmp(type, case_types[i].code) == 0) {
            out->type = i;
            snprintf(out->canonical, sizeof(out->canonical),
                     "（%d）%s%s%lu号", out->year, out->court_code, type,
                     out->seq);
            return NORM_CASENO_OK;
        }
    }
    snprintf(out->canonical, sizeof(out->canonical), "%s", type);
    return NORM_CASENO_NOT_ADMIN;
}
