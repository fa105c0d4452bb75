/* SPDX-License-Identifier: MIT */
/*
 * fuzz_caseno.c - the 案号 parser (src/norm/norm_caseno.c) on any text,
 * as written and as fy_text_normalize() leaves a cell:
 *
 * - wherever the hand-written fast path answers, PCRE2 alone gives the
 *   same (status, 收案年度, court code, case type, sequence, canonical
 *   form), as tests/unit/test_fastpath.c proves on generated texts;
 * - a number that parses has a canonical form that, normalised as
 *   every cell is, parses again to the same number (the canonical form is what reports and rejects show, and
 *   what two spellings of one case are matched by).
 */
#include "fuzz.h"

#include "fuyuan/norm.h"
#define PCRE2_CODE_UNIT_WIDTH 8
#include "norm/norm_int.h"

static struct norm_caseno_parser *parser;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (norm_caseno_parser_new(&parser, NULL) != FY_OK)
        abort();
    return 0;
}

static int same(const struct norm_caseno *a, const struct norm_caseno *b)
{
    return a->year == b->year && a->type == b->type && a->seq == b->seq
           && strcmp(a->court_code, b->court_code) == 0
           && strcmp(a->canonical, b->canonical) == 0;
}

static void show(const char *what, const char *s, int rc,
                 const struct norm_caseno *c)
{
    fprintf(stderr, "%s on '%s': %d (%d, %s, %u, %lu, %s)\n", what, s, rc,
            c->year, c->court_code, c->type, c->seq, c->canonical);
}

static void check(const char *s)
{
    struct norm_caseno fast, slow, cn, again;

    memset(&fast, 0x5A, sizeof(fast));
    if (norm_caseno_fast(s, &fast)) {
        memset(&slow, 0, sizeof(slow));
        enum norm_caseno_result rc = norm_caseno_parse_pcre2(parser, s, &slow);
        if (rc != NORM_CASENO_OK || !same(&fast, &slow)) {
            show("fast path", s, NORM_CASENO_OK, &fast);
            show("PCRE2", s, (int)rc, &slow);
            FUZZ_CHECK(0, "%s", "the fast path differs from PCRE2");
        }
    }
    memset(&cn, 0, sizeof(cn));
    enum norm_caseno_result rc = norm_caseno_parse(parser, s, &cn);
    FUZZ_CHECK(rc <= NORM_CASENO_NOT_ADMIN, "status %d", (int)rc);
    FUZZ_CHECK(memchr(cn.court_code, '\0', sizeof(cn.court_code))
                   && memchr(cn.canonical, '\0', sizeof(cn.canonical)),
               "%s", "an unterminated field");
    if (rc != NORM_CASENO_OK)
        return;
    size_t ntypes;
    norm_case_types(&ntypes);
    FUZZ_CHECK(cn.type < ntypes, "type %u of %zu", cn.type, ntypes);
    /* the parser reads normalised text (norm.h): so is the canonical
     * form, with its full-width brackets, when read again */
    struct fy_buf norm = FY_BUF_INIT;
    fy_text_normalize(cn.canonical, strlen(cn.canonical), &norm);
    memset(&again, 0, sizeof(again));
    enum norm_caseno_result rc2 = norm_caseno_parse(parser, fy_buf_str(&norm),
                                                    &again);
    if (rc2 != NORM_CASENO_OK || !same(&cn, &again)) {
        show("first", s, (int)rc, &cn);
        show("canonical, normalised", fy_buf_str(&norm), (int)rc2, &again);
        FUZZ_CHECK(0, "%s", "the canonical form does not parse the same");
    }
    fy_buf_release(&norm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    struct fy_buf b = FY_BUF_INIT;

    check(s);
    fy_text_normalize(s, strlen(s), &b);
    check(fy_buf_str(&b));
    fy_buf_release(&b);
    free(s);
    return 0;
}
