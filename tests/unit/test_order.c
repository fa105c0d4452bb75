/* SPDX-License-Identifier: MIT */
/* test_order.c - the order of agency rows (report_order.c, white-paper.md
 * "Order of rows"): 旗区 groups in registry order with 市本级 first, the
 * figure from high to low, then pinyin; the expected orders are written
 * out by hand, so that a change of collation shows here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

static struct report_collator *coll;
static struct norm_registry *reg;

static int setup(void **state)
{
    struct fy_error err;

    (void)state;
    reg = norm_registry_default();
    if (report_collator_new(&coll, &err) != FY_OK) {
        fprintf(stderr, "test_order: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    report_collator_free(coll);
    norm_registry_free(reg);
    return 0;
}

/* Names of one 旗区 and one figure: pinyin alone decides. */
static void test_order_collate__pinyin(void **state)
{
    /* gong < jiao < min < ren < shi chang < shui < yi < zhu < zi */
    static const char *const want[] = {
        "东胜区公安局", "东胜区交通运输局", "东胜区民政局", "东胜区人民政府",
        "东胜区市场监督管理局", "东胜区水利局", "东胜区医疗保障局",
        "东胜区住房和城乡建设局", "东胜区自然资源局"};
    size_t n = sizeof(want) / sizeof(want[0]);

    (void)state;
    for (size_t i = 0; i + 1 < n; i++) {
        assert_true(report_collate(coll, want[i], want[i + 1]) < 0);
        assert_true(report_collate(coll, want[i + 1], want[i]) > 0);
    }
    assert_int_equal(report_collate(coll, want[0], want[0]), 0);
    /* pinyin, not code points: 鄂 (e, U+9102) before 康 (kang, U+5EB7) */
    assert_true(report_collate(coll, "鄂尔多斯市公安局", "康巴什区民政局") < 0);
    assert_true(strcmp("鄂尔多斯市公安局", "康巴什区民政局") > 0);
}

static void test_order_group__districts(void **state)
{
    (void)state;
    assert_int_equal(report_agency_group(reg, "鄂尔多斯市公安局"),
                     NORM_CITY_LEVEL);
    assert_int_equal(report_agency_group(reg, "内蒙古自治区人民政府"),
                     NORM_CITY_LEVEL);
    size_t ds = report_agency_group(reg, "东胜区人民政府");
    assert_int_equal(report_agency_group(reg, "鄂尔多斯市东胜区人民政府"), ds);
    assert_int_equal(report_agency_group(reg, "鄂尔多斯市公安局东胜区分局"),
                     ds);
    assert_true(ds > NORM_CITY_LEVEL);
    assert_true(report_agency_group(reg, "伊金霍洛旗自然资源局")
                > report_agency_group(reg, "乌审旗公安局"));
    assert_true(report_agency_group(reg, "鄂托克旗住房和城乡建设局")
                > report_agency_group(reg, "鄂托克前旗住房和城乡建设局"));
    assert_int_equal(report_agency_group(reg, NULL),
                     norm_registry_ndistricts(reg));
    assert_int_equal(report_agency_group(reg, "未填写"),
                     norm_registry_ndistricts(reg));
}

/* Real agency names with a figure each, in the order a table lists them. */
static void test_order_agencies__hand_written(void **state)
{
    static const struct { const char *name; double figure; int defined; }
        in[] = {
        {"杭锦旗人民政府", 0, 1},
        {"东胜区人民政府", 2, 1},
        {NULL, 7, 1},
        {"鄂尔多斯市自然资源局", 1, 1},
        {"伊金霍洛旗自然资源局", 0, 1},
        {"东胜区民政局", 0, 0},
        {"准格尔旗自然资源局", 2, 1},
        {"鄂尔多斯市公安局", 1, 1},
        {"康巴什区人民政府", 1, 1},
        {"鄂托克旗住房和城乡建设局", 1, 1},
        {"达拉特旗住房和城乡建设局", 1, 1},
        {"内蒙古自治区人民政府", 1, 1},
        {"东胜区住房和城乡建设局", 2, 1},
        {"乌审旗公安局", 1, 1},
        {"鄂尔多斯市人民政府", 3, 1},
        {"鄂托克前旗住房和城乡建设局", 1, 1},
        {"鄂尔多斯市康巴什区自然资源局", 1, 1},
        {"东胜区交通运输局", 5, 1},
    };
    static const char *const want[] = {
        /* 市本级: the city's own departments, and one of no 旗区 */
        "鄂尔多斯市人民政府", "鄂尔多斯市公安局", "鄂尔多斯市自然资源局",
        "内蒙古自治区人民政府",
        /* 东胜区: 5, 2, 2 (ren < zhu), then the undefined figure */
        "东胜区交通运输局", "东胜区人民政府", "东胜区住房和城乡建设局",
        "东胜区民政局",
        /* 康巴什区: e(r) < kang */
        "鄂尔多斯市康巴什区自然资源局", "康巴什区人民政府",
        "达拉特旗住房和城乡建设局", "准格尔旗自然资源局",
        "鄂托克前旗住房和城乡建设局", "鄂托克旗住房和城乡建设局",
        "杭锦旗人民政府", "乌审旗公安局", "伊金霍洛旗自然资源局",
        NULL, /* 未填写 last, whatever its figure */
    };
    size_t n = sizeof(in) / sizeof(in[0]);
    struct report_agency_row rows[sizeof(in) / sizeof(in[0])];

    (void)state;
    assert_int_equal(n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct report_agency_row){in[i].name, in[i].figure,
                                             in[i].defined, i};
    report_order_agencies(coll, reg, rows, n);
    for (size_t i = 0; i < n; i++) {
        if (!want[i]) {
            assert_null(rows[i].name);
            continue;
        }
        if (!rows[i].name || strcmp(rows[i].name, want[i]) != 0)
            fprintf(stderr, "row %zu: %s, expected %s\n", i,
                    rows[i].name ? rows[i].name : "(null)", want[i]);
        assert_non_null(rows[i].name);
        assert_string_equal(rows[i].name, want[i]);
        assert_string_equal(in[rows[i].index].name, want[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_collate__pinyin),
        cmocka_unit_test(test_order_group__districts),
        cmocka_unit_test(test_order_agencies__hand_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
