/* SPDX-License-Identifier: MIT */
/*
 * test_fastpath.c - the hand-written 案号 parser proven equal to the PCRE2
 * grammar (src/norm/norm_caseno.c) on two million generated and mutated
 * texts: wherever the fast path answers, PCRE2 gives the same result
 * (status, 收案年度, court code, case type, sequence, canonical form);
 * where it does not, norm_caseno_parse() asks PCRE2. It must also answer
 * for the forms exports use, or it would be no fast path.
 *
 * A fixed seed, so a failure is repeatable; the failing text is printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuyuan/norm.h"
#define PCRE2_CODE_UNIT_WIDTH 8
#include "norm/norm_int.h"

struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ull;
}

static unsigned below(struct rng *r, unsigned n)
{
    return (unsigned)((next(r) >> 33) % n);
}

/* A part: mostly one of the first @p ok (the valid spellings), now and
 * then any. */
static const char *pick(struct rng *r, const char *const *v, size_t n,
                        size_t ok)
{
    if (below(r, 8) != 0)
        return v[below(r, (unsigned)ok)];
    return v[below(r, (unsigned)n)];
}
#define PICK(r, a, ok) pick((r), (a), sizeof(a) / sizeof((a)[0]), (ok))

static const char *const opens[] = {"(", "(", "(", "[", "〔", "【", "（",
                                    "［", "{", "", "((", "（"};
static const char *const closes[] = {")", ")", ")", "]", "〕", "】", "）",
                                     "］", "}", "", "))"};
static const char *const years[] = {"2023", "2023", "2019", "0023", "1999",
                                    "202", "20234", "２０２３", "2O23", ""};
static const char *const courts[] = {"内", "内", "内", "京", "沪", "知",
                                     "\xE9\xBE\xA5", "最高法", "最",
                                     "最高", "\xF0\xA0\x80\x80",
                                     "\xE3\x90\x80", "\xE9\xBE\xA6", "a",
                                     ""};
static const char *const codes[] = {"0603", "0603", "06", "06", "", "060",
                                    "06031", "0", "06 03", "０６"};
static const char *const ips[] = {"", "", "", "", "知", "知知", "行"};
static const char *const types[] = {
    "行初", "行初", "行初", "行终", "行申", "行再", "行审", "行审复", "行监",
    "行抗", "行赔初", "行赔终", "行赔监", "行赔申", "行赔抗", "行赔再", "行辖",
    "行辖终", "行他", "行赔他", "行保", "行保复", "民初", "刑初", "行",
    "行初初", "行审复复", "执", "知行初", "初", ""};
static const char *const zeros[] = {"", "", "", "0", "00", "000", "0000000"};
static const char *const seqs[] = {"1", "15", "15", "100", "999999", "123456",
                                   "1234567", "0", "", "１５", "07"};
static const char *const tails[] = {"号", "号", "号", "号", "", "号号", "号 ",
                                    "号\n", "號", "号x", " 号"};
static const char *const spaces[] = {" ", "\t", "\xE3\x80\x80", "\n", "\r",
                                     "\xC2\xA0"};

/* A text in the shape of a 案号, each part now and then replaced or
 * padded with a space. */
static size_t make_caseno(struct rng *r, char *buf, size_t cap)
{
    const char *parts[9];
    size_t n = 0;

    parts[0] = PICK(r, opens, 6);
    parts[1] = PICK(r, years, 5);
    parts[2] = PICK(r, closes, 6);
    parts[3] = PICK(r, courts, 9);
    parts[4] = PICK(r, codes, 5);
    parts[5] = PICK(r, ips, 5);
    parts[6] = PICK(r, types, 20);
    parts[7] = PICK(r, zeros, 6);
    parts[8] = PICK(r, seqs, 6);
    for (size_t i = 0; i < 10; i++) {
        const char *p = i < 9 ? parts[i] : PICK(r, tails, 4);
        if (below(r, 20) == 0) {
            const char *sp = PICK(r, spaces, 6);
            size_t k = strlen(sp);
            if (n + k < cap) {
                memcpy(buf + n, sp, k);
                n += k;
            }
        }
        size_t k = strlen(p);
        if (n + k < cap) {
            memcpy(buf + n, p, k);
            n += k;
        }
    }
    buf[n] = '\0';
    return n;
}

/* A canonical 案号 with a few bytes changed, inserted or removed. */
static void mutate(struct rng *r, char *buf, size_t cap)
{
    static const unsigned char bytes[] = {
        '(', ')', '0', '1', '9', ' ', 0xE3, 0x80, 0x94, 0xE5, 0x8F, 0xB7,
        0xE8, 0xA1, 0x8C, 0xE7, 0x9F, 0xA5, 0xE6, 0x9C, 0x80, 0xFF, 'a'};
    size_t n = (size_t)snprintf(buf, cap, "%s%04u%s内%s%s%s%s%u号",
                                PICK(r, opens, 6), 1990 + below(r, 40),
                                PICK(r, closes, 6), PICK(r, codes, 5),
                                PICK(r, ips, 5), PICK(r, types, 20), PICK(r, zeros, 6),
                                1 + below(r, 999999));
    if (n >= cap)
        n = cap - 1;
    for (unsigned m = below(r, 4); m > 0; m--) {
        size_t at = below(r, (unsigned)n + 1);
        unsigned char c = bytes[below(r, sizeof(bytes))];
        switch (below(r, 3)) {
        case 0:
            if (n + 2 < cap) {
                memmove(buf + at + 1, buf + at, n - at + 1);
                buf[at] = (char)c;
                n++;
            }
            break;
        case 1:
            if (at < n) {
                memmove(buf + at, buf + at + 1, n - at);
                n--;
            }
            break;
        default:
            if (at < n)
                buf[at] = (char)c;
        }
    }
    buf[n] = '\0';
}

static int same(struct norm_caseno_parser *p, const char *s, size_t *taken)
{
    struct norm_caseno fast, slow;

    memset(&fast, 0x5A, sizeof(fast));
    if (!norm_caseno_fast(s, &fast))
        return 1; /* PCRE2 decides: nothing to compare */
    (*taken)++;
    enum norm_caseno_result rc = norm_caseno_parse_pcre2(p, s, &slow);
    if (rc == NORM_CASENO_OK && fast.year == slow.year
        && fast.type == slow.type && fast.seq == slow.seq
        && strcmp(fast.court_code, slow.court_code) == 0
        && strcmp(fast.canonical, slow.canonical) == 0)
        return 1;
    fprintf(stderr, "fast path differs from PCRE2 on '%s': PCRE2 %d "
            "(%d, %s, %u, %lu, %s), fast (%d, %s, %u, %lu, %s)\n", s, (int)rc,
            slow.year, slow.court_code, slow.type, slow.seq, slow.canonical,
            fast.year, fast.court_code, fast.type, fast.seq, fast.canonical);
    return 0;
}

#define GENERATED 1200000
#define MUTATED 800000

static void test_fastpath_caseno__equals_pcre2(void **state)
{
    struct norm_caseno_parser *p;
    struct rng r = {0xA0761D6478BD642Full};
    char buf[256];
    size_t fails = 0, taken = 0, taken_mut = 0;

    (void)state;
    assert_int_equal(norm_caseno_parser_new(&p, NULL), FY_OK);
    for (int i = 0; i < GENERATED && fails < 5; i++) {
        make_caseno(&r, buf, sizeof(buf));
        fails += !same(p, buf, &taken);
    }
    for (int i = 0; i < MUTATED && fails < 5; i++) {
        mutate(&r, buf, sizeof(buf));
        fails += !same(p, buf, &taken_mut);
    }
    norm_caseno_parser_free(p);
    printf("fast path answered %zu of %d generated and %zu of %d mutated "
           "texts, each as PCRE2 does\n", taken, GENERATED, taken_mut,
           MUTATED);
    assert_int_equal(fails, 0);
    /* both sets hold many texts the fast path reads */
    assert_true(taken > GENERATED / 5);
    assert_true(taken_mut > MUTATED / 5);
}

/* The forms exports use are read by the fast path. */
static void test_fastpath_caseno__takes_the_usual_forms(void **state)
{
    static const char *const usual[] = {
        "(2023)内0603行初15号", "(2023)内06行终1号", "[2023]内0602行审复3号",
        "〔2024〕内行再99号", "【2022】内0621行赔初015号",
        "(2023)内06知行初7号", "(2023)京0105行初123456号",
    };
    struct norm_caseno cn;

    (void)state;
    for (size_t i = 0; i < sizeof(usual) / sizeof(usual[0]); i++)
        assert_true(norm_caseno_fast(usual[i], &cn));
    assert_string_equal(cn.canonical, "（2023）京0105行初123456号");
    /* what it leaves to PCRE2 */
    assert_false(norm_caseno_fast("(2023)最高法行申1号", &cn));
    assert_false(norm_caseno_fast("(2023) 内0603行初15号", &cn));
    assert_false(norm_caseno_fast("(2023)内0603民初15号", &cn));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fastpath_caseno__equals_pcre2),
        cmocka_unit_test(test_fastpath_caseno__takes_the_usual_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
