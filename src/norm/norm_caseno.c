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

/*
 * The spaces are possessive (\s*+): no token after them can begin with
 * a space, so they match the same texts, but a long run of spaces is not
 * split between two of them in every way before the match fails (with
 * plain \s*, "(2023)内" and 20,000 spaces took PCRE2's default limit of
 * 10 million steps without the JIT, then "did not parse").
 */
static const char grammar[] =
    "^[(\\[〔【]\\s*+([0-9]{4})\\s*+[)\\]〕】]\\s*+"  /* (收案年度) */
    "(最高法|\\p{Han})\\s*+([0-9]{4}|[0-9]{2})?(知)?\\s*+" /* court code */
    "(\\p{Han}{1,4}?)\\s*+"                         /* case-type code */
    "0*([1-9][0-9]{0,5})\\s*+号$";                  /* sequence */

static int isdigit_ascii(unsigned char c)
{
    return c >= '0' && c <= '9';
}

struct norm_caseno_parser {
    pcre2_code *code;
    pcre2_match_data *match;
    pcre2_match_context *mctx;  /* the limits (norm_int.h) */
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
    p->mctx = pcre2_match_context_create(NULL);
    if (!p->match || !p->mctx) {
        pcre2_match_data_free(p->match);
        pcre2_match_context_free(p->mctx);
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
    pcre2_match_context_free(p->mctx);
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

enum norm_caseno_result norm_caseno_parse_pcre2(struct norm_caseno_parser *p,
                                                const char *s,
                                                struct norm_caseno *out)
{
    char year[8], court[16], digits[8], ip[8], type[16], seq[8];
    int rc;

    memset(out, 0, sizeof(*out));
    if (*s == '\0')
        return NORM_CASENO_EMPTY;
    norm_set_limits(p->mctx, strlen(s));
    rc = pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, p->match,
                     p->mctx);
    /* bytes that are not UTF-8 (cells are checked before; a caller that
     * did not) are not a 案号 of the grammar, not a limit hit */
    if (rc == PCRE2_ERROR_NOMATCH
        || (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21))
        return NORM_CASENO_MALFORMED;
    if (rc < 0) {
        /* never a "does not parse" that PCRE2 did not decide */
        PCRE2_UCHAR msg[sizeof(out->canonical)];
        pcre2_get_error_message(rc, msg, sizeof(msg));
        snprintf(out->canonical, sizeof(out->canonical), "%s",
                 (const char *)msg);
        return NORM_CASENO_LIMIT;
    }
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
                     "（%04d）%s%s%lu号", out->year, out->court_code, type,
                     out->seq);
            return NORM_CASENO_OK;
        }
    }
    snprintf(out->canonical, sizeof(out->canonical), "%s", type);
    return NORM_CASENO_NOT_ADMIN;
}

/* ------------------------------------------------------------------ */
/* The fast path                                                       */
/* ------------------------------------------------------------------ */

/*
 * A Han character that every version of Unicode has had: U+4E00..U+9FA5
 * (CJK Unified Ideographs of Unicode 1.1), three bytes E4 B8 80 to
 * E9 BE A5. Its code point, or 0.
 */
static uint32_t han_at(const unsigned char *s, size_t n)
{
    if (n < 3 || s[0] < 0xE4 || s[0] > 0xE9 || (s[1] & 0xC0) != 0x80
        || (s[2] & 0xC0) != 0x80)
        return 0;
    uint32_t cp = ((uint32_t)(s[0] & 0x0F) << 12)
                  | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return cp >= 0x4E00 && cp <= 0x9FA5 ? cp : 0;
}

static int is_open(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 1 && (s[0] == '(' || s[0] == '[')) {
        *len = 1;
        return 1;
    }
    /* 〔 E3 80 94, 【 E3 80 90 */
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && (s[2] == 0x94 || s[2] == 0x90)) {
        *len = 3;
        return 1;
    }
    return 0;
}

static int is_close(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 1 && (s[0] == ')' || s[0] == ']')) {
        *len = 1;
        return 1;
    }
    /* 〕 E3 80 95, 】 E3 80 91 */
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && (s[2] == 0x95 || s[2] == 0x91)) {
        *len = 3;
        return 1;
    }
    return 0;
}

static char *put_uint(char *o, unsigned long v)
{
    char tmp[24];
    size_t k = 0;

    do
        tmp[k++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (k)
        *o++ = tmp[--k];
    return o;
}

int norm_caseno_fast(const char *str, struct norm_caseno *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str), i = 0, k;

    /* (YYYY) with any of the brackets, no spaces */
    if (!is_open(s, n, &k))
        return 0;
    i += k;
    if (n - i < 4 || !isdigit_ascii(s[i]) || !isdigit_ascii(s[i + 1])
        || !isdigit_ascii(s[i + 2]) || !isdigit_ascii(s[i + 3]))
        return 0;
    int year = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100
               + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    i += 4;
    if (!is_close(s + i, n - i, &k))
        return 0;
    i += k;
    /* the court: one Han character (最 may begin 最高法: PCRE2 decides),
     * 0, 2 or 4 digits, 知 */
    size_t court = i;
    uint32_t cp = han_at(s + i, n - i);
    if (!cp || cp == 0x6700 /* 最 */)
        return 0;
    i += 3;
    size_t d = 0;
    while (i + d < n && isdigit_ascii(s[i + d]))
        d++;
    if (d != 0 && d != 2 && d != 4)
        return 0;
    i += d;
    if (han_at(s + i, n - i) == 0x77E5 /* 知 */)
        i += 3;
    size_t court_end = i;
    /* the case-type code: the run of Han characters before the digits */
    size_t type = i, nt = 0;
    while (nt < 5 && han_at(s + i, n - i)) {
        i += 3;
        nt++;
    }
    if (nt < 1 || nt > 4 || i >= n || !isdigit_ascii(s[i]))
        return 0;
    size_t type_end = i;
    /* the sequence: zeros dropped, then 1-6 digits, then 号 and the end */
    while (i < n && s[i] == '0')
        i++;
    size_t seq = i;
    while (i < n && isdigit_ascii(s[i]))
        i++;
    if (i == seq || i - seq > 6 || s[seq] == '0')
        return 0;
    size_t seq_end = i;
    if (n - i != 3 || memcmp(s + i, "号", 3) != 0)
        return 0;
    /* the code must be a 行 one: else PCRE2 says what it is */
    unsigned t;
    for (t = 0; t < NTYPES; t++)
        if (strlen(case_types[t].code) == type_end - type
            && memcmp(case_types[t].code, s + type, type_end - type) == 0)
            break;
    if (t == NTYPES)
        return 0;

    memset(out, 0, sizeof(*out));
    out->year = year;
    out->type = t;
    unsigned long v = 0;
    for (size_t j = seq; j < seq_end; j++)
        v = v * 10 + (unsigned long)(s[j] - '0');
    out->seq = v;
    memcpy(out->court_code, s + court, court_end - court);
    out->court_code[court_end - court] = '\0';
    char *o = out->canonical;
    /* the year keeps its four digits, (0023) too: the canonical form is a
     * 案号 that reads back as the same */
    memcpy(o, "（", 3);
    o[3] = (char)('0' + year / 1000);
    o[4] = (char)('0' + year / 100 % 10);
    o[5] = (char)('0' + year / 10 % 10);
    o[6] = (char)('0' + year % 10);
    o += 7;
    memcpy(o, "）", 3);
    o += 3;
    memcpy(o, s + court, court_end - court);
    o += court_end - court;
    memcpy(o, s + type, type_end - type);
    o += type_end - type;
    o = put_uint(o, v);
    memcpy(o, "号", 3);
    o[3] = '\0';
    return 1;
}

enum norm_caseno_result norm_caseno_parse(struct norm_caseno_parser *p,
                                          const char *s,
                                          struct norm_caseno *out)
{
    /* the forms exports use, by hand; PCRE2 for every other text
     * (tests/unit/test_norm.c proves the two equal where the fast path
     * answers) */
    if (norm_caseno_fast(s, out))
        return NORM_CASENO_OK;
    return norm_caseno_parse_pcre2(p, s, out);
}
