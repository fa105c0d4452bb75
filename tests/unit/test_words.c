/* SPDX-License-Identifier: MIT */
/* test_words.c - the wording of figures in reports and the narrative:
 * rises, falls, equal, nothing to compare, percentage points, rounding on
 * the exact fraction. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fuyuan/narrative.h"

#define CHECK(expr, want)                                                    \
    do {                                                                     \
        struct fy_buf b_ = FY_BUF_INIT;                                      \
        expr;                                                                \
        assert_string_equal(fy_buf_str(&b_), want);                          \
        fy_buf_release(&b_);                                                 \
    } while (0)

static void test_words_count_change__rise_fall_equal_zero(void **state)
{
    (void)state;
    /* (1234 - 1169) / 1169 = 5.560...% -> 5.6% */
    CHECK(report_words_count_change(1234, 1169, &b_), "同比上升5.6%");
    /* (90 - 100) / 100 = -10% */
    CHECK(report_words_count_change(90, 100, &b_), "同比下降10.0%");
    CHECK(report_words_count_change(100, 100, &b_), "与上年同期持平");
    CHECK(report_words_count_change(5, 0, &b_), "上年同期为0");
    CHECK(report_words_count_change(0, 0, &b_), "与上年同期持平");
    /* 1/8 = 12.5% exactly: half away from zero */
    CHECK(report_words_count_change(9, 8, &b_), "同比上升12.5%");
    /* 1/16 = 6.25% -> 6.3% (half away from zero on the exact value) */
    CHECK(report_words_count_change(17, 16, &b_), "同比上升6.3%");
    CHECK(report_words_count_change(15, 16, &b_), "同比下降6.3%");
    /* doubling */
    CHECK(report_words_count_change(40, 20, &b_), "同比上升100.0%");
}

static void test_words_rate_change__points(void **state)
{
    (void)state;
    /* 96/790 = 12.1519% ; 100/748 = 13.3690% ; diff = -1.2171 pp */
    struct stats_cell cur = {96, 790}, prev = {100, 748};
    CHECK(report_words_rate_change(&cur, &prev, &b_),
          "同比下降1.22个百分点");
    CHECK(report_words_rate_change(&prev, &cur, &b_),
          "同比上升1.22个百分点");
    /* 1/2 against 2/4: exactly equal */
    struct stats_cell a = {1, 2}, c = {2, 4};
    CHECK(report_words_rate_change(&a, &c, &b_), "与上年同期持平");
    /* 1/3 vs 333/1000: 0.0333 pp -> rounds to 0.03 */
    struct stats_cell d = {1, 3}, e = {333, 1000};
    CHECK(report_words_rate_change(&d, &e, &b_), "同比上升0.03个百分点");
    /* 10000/30001 vs 1/3: a difference below 0.005 pp */
    struct stats_cell f = {10000, 30001};
    CHECK(report_words_rate_change(&f, &d, &b_), "与上年同期基本持平");
    struct stats_cell none = {0, 0};
    CHECK(report_words_rate_change(&a, &none, &b_), "上年同期无可比数据");
}

static void test_words_counts_and_rates(void **state)
{
    (void)state;
    CHECK(report_words_count(1234, &b_), "1,234件");
    CHECK(report_words_count(0, &b_), "0件");
    CHECK(report_words_count(1234567, &b_), "1,234,567件");
    /* 96/790 = 12.1519% -> 12.15% */
    struct stats_cell r = {96, 790};
    CHECK(report_words_rate(&r, &b_), "12.15%");
    /* 498/512 = 97.265625% -> 97.27% */
    struct stats_cell s = {498, 512};
    CHECK(report_words_rate(&s, &b_), "97.27%");
    struct stats_cell u = {0, 0};
    CHECK(report_words_rate(&u, &b_), "—");
    /* 1/8 = 12.5% */
    struct stats_cell t = {1, 8};
    CHECK(report_words_rate(&t, &b_), "12.50%");
}

static void test_fmt_value__kinds(void **state)
{
    (void)state;
    struct stats_cell count = {1234, 0};
    CHECK(report_fmt_value(STATS_COUNT, &count, &b_), "1,234");
    /* per 10k: 2345 / 2220300 * 10000 = 10.5616... -> 10.56 */
    struct stats_cell per = {2345, 2220300};
    CHECK(report_fmt_value(STATS_PER10K, &per, &b_), "10.56");
    struct stats_cell und = {3, 0};
    CHECK(report_fmt_value(STATS_PER10K, &und, &b_), "—");
    CHECK(report_fmt_value(STATS_RATE, &und, &b_), "—");
}

static void test_fmt_change__kinds(void **state)
{
    (void)state;
    struct stats_cell a = {120, 0}, b = {100, 0}, z = {0, 0};
    CHECK(report_fmt_change(STATS_COUNT, &a, &b, &b_), "+20.00%");
    CHECK(report_fmt_change(STATS_COUNT, &b, &a, &b_), "-16.67%");
    CHECK(report_fmt_change(STATS_COUNT, &a, &z, &b_), "—");
    struct stats_cell r1 = {1, 4}, r2 = {1, 5};
    /* 25% - 20% = 5 pp */
    CHECK(report_fmt_change(STATS_RATE, &r1, &r2, &b_), "+5.00个百分点");
    CHECK(report_fmt_change(STATS_RATE, &r2, &r1, &b_), "-5.00个百分点");
    CHECK(report_fmt_change(STATS_RATE, &r1, &r1, &b_), "0.00个百分点");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_count_change__rise_fall_equal_zero),
        cmocka_unit_test(test_words_rate_change__points),
        cmocka_unit_test(test_words_counts_and_rates),
        cmocka_unit_test(test_fmt_value__kinds),
        cmocka_unit_test(test_fmt_change__kinds),
    };
    return cmocka_run_group_tests_name("words", tests, NULL, NULL);
}
