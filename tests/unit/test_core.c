/* SPDX-License-Identifier: MIT */
/* test_core.c - unit tests of the core module (errors, buffers, pool,
 * dates, text). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuyuan/core.h"

static void test_core_strerror__covers_every_code(void **state)
{
    (void)state;
    for (int c = 0; c < FY_E_LAST; c++) {
        const char *s = fy_strerror((fy_status)c);
        assert_non_null(s);
        assert_string_not_equal(s, "unknown error");
    }
    assert_string_equal(fy_strerror(FY_E_LAST), "unknown error");
}

static void test_core_exit_code__distinct_for_users(void **state)
{
    (void)state;
    assert_int_equal(fy_exit_code(FY_OK), 0);
    assert_int_equal(fy_exit_code(FY_E_DATA), 1);
    assert_int_equal(fy_exit_code(FY_E_USAGE), 2);
    assert_int_equal(fy_exit_code(FY_E_CSV), 3);
    assert_int_equal(fy_exit_code(FY_E_IO), 3);
    assert_int_equal(fy_exit_code(FY_E_CONFIG), 3);
    assert_int_equal(fy_exit_code(FY_E_OUTPUT), 4);
    assert_int_equal(fy_exit_code(FY_E_NOMEM), 5);
}

static void test_core_fail__keeps_location(void **state)
{
    struct fy_error e;
    struct fy_loc at = {"a.csv", 12, 3};
    (void)state;
    assert_int_equal(fy_fail(&e, FY_E_DATA, &at, "bad '%s'", "x"), FY_E_DATA);
    assert_string_equal(e.msg, "bad 'x'");
    assert_string_equal(e.where.file, "a.csv");
    assert_int_equal(e.where.line, 12);
    assert_int_equal(e.where.column, 3);
}

/* The source position of the detection is recorded beside the data
 * position, and printed only in debug mode (--verbose, FY_DEBUG=1). */
static void test_core_fail__keeps_source_position(void **state)
{
    struct fy_error e;
    struct fy_loc at = {"a.csv", 12, 3};
    char *text = NULL;
    size_t len = 0;
    int line = __LINE__ + 1;
    fy_fail(&e, FY_E_CSV, &at, "%s", "broken");
    (void)state;
    assert_string_equal(e.src_file, __FILE__);
    assert_int_equal(e.src_line, line);

    unsetenv("FY_DEBUG");
    fy_error_set_debug(0);
    FILE *f = open_memstream(&text, &len);
    fy_error_print(&e, f);
    fclose(f);
    assert_string_equal(text, "a.csv:12:3: error: broken\n");
    free(text);

    char want[512];
    snprintf(want, sizeof(want), "a.csv:12:3: error: broken\n"
             "  (detected at %s:%d, a file cannot be read as CSV)\n",
             __FILE__, line);
    fy_error_set_debug(1);
    f = open_memstream(&text, &len);
    fy_error_print(&e, f);
    fclose(f);
    assert_string_equal(text, want);
    free(text);

    fy_error_set_debug(0);
    setenv("FY_DEBUG", "1", 1);
    f = open_memstream(&text, &len);
    fy_error_print(&e, f);
    fclose(f);
    assert_string_equal(text, want);
    free(text);
    unsetenv("FY_DEBUG");
}

static void test_core_buf__grows_and_detaches(void **state)
{
    struct fy_buf b = FY_BUF_INIT;
    (void)state;
    assert_string_equal(fy_buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        fy_buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    assert_int_equal(strlen(b.data), 2000);
    fy_buf_reset(&b);
    fy_buf_puts(&b, "行政");
    char *s = fy_buf_detach(&b);
    assert_string_equal(s, "行政");
    assert_null(b.data);
    free(s);
}

static void test_core_strpool__interns_once(void **state)
{
    struct fy_strpool *p = fy_strpool_new();
    char name[32];
    (void)state;
    assert_int_equal(fy_strpool_intern(p, "", 0), FY_STR_NONE);
    uint32_t a = fy_strpool_intern(p, "东胜区", strlen("东胜区"));
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof(name), "agency-%d", i);
        fy_strpool_intern(p, name, strlen(name));
    }
    assert_int_equal(fy_strpool_intern(p, "东胜区", strlen("东胜区")), a);
    assert_string_equal(fy_strpool_get(p, a), "东胜区");
    assert_int_equal(fy_strpool_count(p), 5002);
    assert_int_equal(fy_strpool_find(p, "agency-4999", 11),
                     fy_strpool_intern(p, "agency-4999", 11));
    assert_int_equal(fy_strpool_find(p, "absent", 6), FY_STR_NONE);
    fy_strpool_free(p);
}

static void test_core_u64map__adds_and_finds(void **state)
{
    struct fy_u64map m = FY_U64MAP_INIT;
    int added;
    (void)state;
    for (uint64_t k = 0; k < 10000; k++) {
        uint32_t *v = fy_u64map_slot(&m, k * 7919, &added);
        assert_true(added);
        *v = (uint32_t)k + 1;
    }
    assert_int_equal(*fy_u64map_get(&m, 7919 * 5000), 5001);
    assert_null(fy_u64map_get(&m, 3));
    fy_u64map_slot(&m, 0, &added);
    assert_false(added);
    fy_u64map_release(&m);
}

static void test_core_dates__round_trip(void **state)
{
    char out[11];
    int y, m, d;
    (void)state;
    assert_int_equal(fy_days_from_ymd(1970, 1, 1), 0);
    /* Excel serial 44931 = 2023-01-05 (days since 1899-12-30) */
    assert_int_equal(fy_days_from_ymd(2023, 1, 5)
                         - fy_days_from_ymd(1899, 12, 30), 44931);
    for (int32_t day = -800000; day < 800000; day += 37) {
        fy_ymd_from_days(day, &y, &m, &d);
        assert_int_equal(fy_days_from_ymd(y, m, d), day);
    }
    fy_date_format(fy_days_from_ymd(2024, 2, 29), out);
    assert_string_equal(out, "2024-02-29");
    assert_true(fy_ymd_valid(2024, 2, 29));
    assert_false(fy_ymd_valid(2023, 2, 29));
    assert_false(fy_ymd_valid(2023, 2, 30));
    assert_false(fy_ymd_valid(1900, 2, 29));
    assert_true(fy_ymd_valid(2000, 2, 29));
}

static void test_core_utf8__validates(void **state)
{
    (void)state;
    assert_true(fy_utf8_valid("行政abc", strlen("行政abc")));
    assert_false(fy_utf8_valid("\xD0\xD0", 2));           /* GBK 行 */
    assert_false(fy_utf8_valid("\xC0\x80", 2));           /* overlong */
    assert_false(fy_utf8_valid("\xED\xA0\x80", 3));       /* surrogate */
    assert_false(fy_utf8_valid("abcdefgh\xE8\xA1", 10));  /* cut off */
}

static void test_core_normalize__trims_and_folds(void **state)
{
    static const char *const cases[][2] = {
        {"  abc\t", "abc"},
        {"\xC2\xA0\xE3\x80\x80东胜区\xE3\x80\x80", "东胜区"},
        {"２０２３－０１－０５", "2023-01-05"},
        {"（2023）内０６０３行初１５号", "(2023)内0603行初15号"},
        {"a\xE3\x80\x80" "b", "a b"},
        {"", ""},
        {" \t ", ""},
        {"ＴＲＵＥ", "TRUE"},
    };
    struct fy_buf b = FY_BUF_INIT;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fy_text_normalize(cases[i][0], strlen(cases[i][0]), &b);
        assert_string_equal(fy_buf_str(&b), cases[i][1]);
    }
    fy_buf_release(&b);
}

static void test_core_width__han_is_two(void **state)
{
    (void)state;
    assert_int_equal(fy_text_width("abc"), 3);
    assert_int_equal(fy_text_width("东胜区"), 6);
    assert_int_equal(fy_text_width("a东"), 3);
}

/* A file of @p path holding "x". */
static void put(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
}

/* A tree with a symlink to a folder outside it, inside and as its root:
 * the links go, never what they point to; a tree of more entries than
 * one read of the folder (getdents64) holds goes whole. */
static void test_core_remove_tree__never_follows_symlinks(void **state)
{
    char top[] = "/tmp/fuyuan-test-tree.XXXXXX";
    struct stat st;

    (void)state;
    assert_non_null(mkdtemp(top));
    char *victim = fy_xasprintf("%s/victim", top);
    char *keep = fy_xasprintf("%s/keep", victim);
    char *tree = fy_xasprintf("%s/tree", top);
    char *sub = fy_xasprintf("%s/tree/sub", top);
    char *link_in = fy_xasprintf("%s/tree/sub/link", top);
    char *link_top = fy_xasprintf("%s/link.tmp-abcdef", top);
    assert_int_equal(mkdir(victim, 0700), 0);
    put(keep);
    assert_int_equal(mkdir(tree, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    for (int i = 0; i < 300; i++) {
        char *f = fy_xasprintf("%s/file-with-a-long-name-%03d", sub, i);
        put(f);
        free(f);
    }
    assert_int_equal(symlink(victim, link_in), 0);
    assert_int_equal(symlink(victim, link_top), 0);

    /* the root a symlink: left alone, the folder it points to intact */
    fy_remove_tree(link_top);
    assert_int_equal(lstat(link_top, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(keep, &st), 0);

    /* a symlink inside: removed itself */
    assert_int_equal(fy_remove_tree_at(AT_FDCWD, tree), 0);
    assert_int_equal(lstat(tree, &st), -1);
    assert_int_equal(stat(keep, &st), 0);

    unlink(link_top);
    fy_remove_tree(top);
    assert_int_equal(lstat(top, &st), -1);
    free(victim);
    free(keep);
    free(tree);
    free(sub);
    free(link_in);
    free(link_top);
}

/* ------------------------------------------------------------------ */
/* fy_zh: the documents' Chinese from a .mo catalogue                   */
/* ------------------------------------------------------------------ */

static void put32(FILE *f, uint32_t w, int swap)
{
    if (swap)
        w = (w >> 24) | ((w >> 8) & 0xff00u) | ((w << 8) & 0xff0000u)
            | (w << 24);
    fwrite(&w, 4, 1, f);
}

/*
 * Write DIR/zh_CN/LC_MESSAGES/fuyuan.mo holding @p n pairs (originals in
 * strcmp order, as msgfmt writes them), in the other byte order when
 * @p swap; @p cut bytes are left off its end (a damaged file).
 */
static void write_mo(const char *dir, const char *const (*pairs)[2], size_t n,
                     int swap, size_t cut)
{
    char *sub = fy_xasprintf("%s/zh_CN/LC_MESSAGES", dir);
    char *path = fy_xasprintf("%s/fuyuan.mo", sub);
    struct fy_error err;
    assert_int_equal(fy_mkdir_p(sub, &err), FY_OK);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    uint32_t orig = 28, trans = orig + 8 * (uint32_t)n;
    uint32_t at = trans + 8 * (uint32_t)n;
    put32(f, 0x950412deu, swap);
    put32(f, 0, swap);
    put32(f, (uint32_t)n, swap);
    put32(f, orig, swap);
    put32(f, trans, swap);
    put32(f, 0, swap); /* no hash table */
    put32(f, at, swap);
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < n; i++) {
            /* a plural original: "msgid\0msgid_plural" */
            size_t len = strlen(pairs[i][t]);
            if (t == 0 && strcmp(pairs[i][0], "%zu file") == 0)
                len += 1 + strlen("%zu files");
            put32(f, (uint32_t)len, swap);
            put32(f, at, swap);
            at += (uint32_t)len + 1;
        }
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < n; i++) {
            fputs(pairs[i][t], f);
            fputc('\0', f);
            if (t == 0 && strcmp(pairs[i][0], "%zu file") == 0) {
                fputs("%zu files", f);
                fputc('\0', f);
            }
        }
    long size = ftell(f);
    fclose(f);
    if (cut)
        assert_int_equal(truncate(path, size - (long)cut), 0);
    free(sub);
    free(path);
}

static void test_core_zh__reads_the_catalogue(void **state)
{
    static const char *const pairs[][2] = {
        {"", "Content-Type: text/plain; charset=UTF-8\n"},
        {"%s is empty", "%s为空"},
        {"%zu file", "%zu 个文件"},
        {"not a date", "不是有效日期"},
        {"wrong number of fields", "字段数不符"},
    };
    char tmpl[] = "/tmp/fy-zh-XXXXXX";
    char *dir = mkdtemp(tmpl);

    (void)state;
    assert_non_null(dir);
    for (int swap = 0; swap < 2; swap++) {
        write_mo(dir, pairs, 5, swap, 0);
        assert_int_equal(fy_zh_load(dir), 0);
        assert_null(fy_zh_missing());
        assert_string_equal(fy_zh("not a date"), "不是有效日期");
        assert_string_equal(fy_zh("%s is empty"), "%s为空");
        assert_string_equal(fy_zh("wrong number of fields"), "字段数不符");
        assert_string_equal(fy_zh("%zu file"), "%zu 个文件");
        /* not in the catalogue, or the header's empty msgid: as given */
        assert_string_equal(fy_zh("not a month"), "not a month");
        assert_string_equal(fy_zh(""), "");
        assert_string_equal(fy_zh("a"), "a");
        assert_string_equal(fy_zh("zzz"), "zzz");
    }
    fy_zh_unload();
    assert_string_equal(fy_zh("not a date"), "not a date");
    fy_remove_tree(dir);
}

static void test_core_zh__missing_or_damaged_gives_msgids(void **state)
{
    static const char *const pairs[][2] = {
        {"", "Content-Type: text/plain; charset=UTF-8\n"},
        {"not a date", "不是有效日期"},
    };
    char tmpl[] = "/tmp/fy-zh-XXXXXX";
    char *dir = mkdtemp(tmpl);

    (void)state;
    assert_non_null(dir);
    assert_int_equal(fy_zh_load(dir), -1);
    assert_non_null(fy_zh_missing());
    assert_non_null(strstr(fy_zh_missing(), "zh_CN/LC_MESSAGES/fuyuan.mo"));
    assert_string_equal(fy_zh("not a date"), "not a date");
    /* a string cut off: the file is no catalogue */
    write_mo(dir, pairs, 2, 0, 3);
    assert_int_equal(fy_zh_load(dir), -1);
    assert_string_equal(fy_zh("not a date"), "not a date");
    write_mo(dir, pairs, 2, 0, 0);
    assert_int_equal(fy_zh_load(dir), 0);
    assert_string_equal(fy_zh("not a date"), "不是有效日期");
    fy_zh_unload();
    fy_remove_tree(dir);
}

/* The catalogue `make` builds, when the tests run in the tree. */
static void test_core_zh__the_programs_catalogue(void **state)
{
    const char *top = getenv("FY_TOP");
    (void)state;
    if (!top)
        skip();
    char *dir = fy_xasprintf("%s/locale", top);
    assert_int_equal(fy_zh_load(dir), 0);
    assert_string_equal(fy_zh("wrong number of fields"), "字段数不符");
    assert_string_equal(fy_zh("several 被告 in one cell (each counted)"),
                        "同一单元格内有多个被告（分别统计）");
    fy_zh_unload();
    free(dir);
}

/* ------------------------------------------------------------------ */
/* The names documents give files                                       */
/* ------------------------------------------------------------------ */

static void test_core_path_absolute__resolves_dots(void **state)
{
    static const char *const cases[][2] = {
        {"/a/b/c.csv", "/a/b/c.csv"},
        {"/a//b/./c.csv", "/a/b/c.csv"},
        {"/a/b/../c.csv", "/a/c.csv"},
        {"/../a.csv", "/a.csv"},
        {"/", "/"},
        {"/a/b/", "/a/b"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = fy_path_absolute(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
    char *cwd = getcwd(NULL, 0), *got = fy_path_absolute("x/../y.csv");
    char *want = fy_xasprintf("%s/y.csv", strcmp(cwd, "/") ? cwd : "");
    assert_string_equal(got, want);
    free(cwd);
    free(got);
    free(want);
}

static void check_names(const char *const *paths, size_t n,
                        const char *const *want)
{
    char **got = fy_path_names(paths, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(got[i], want[i]);
        free(got[i]);
    }
    free(got);
}

static void test_core_path_names__relative_to_the_common_folder(void **state)
{
    (void)state;
    /* one folder given: the names in it */
    const char *one[] = {"/home/u/数据/a.csv", "/home/u/数据/b.csv"};
    const char *one_w[] = {"a.csv", "b.csv"};
    check_names(one, 2, one_w);
    /* two folders with a file of the same name: told apart */
    const char *two[] = {"/d/2023/cases.csv", "/d/2024/cases.csv",
                         "/d/2024/hearings.csv"};
    const char *two_w[] = {"2023/cases.csv", "2024/cases.csv",
                           "2024/hearings.csv"};
    check_names(two, 3, two_w);
    /* folders that share the start of a name are not one folder */
    const char *pre[] = {"/d/ab/x.csv", "/d/a/x.csv"};
    const char *pre_w[] = {"ab/x.csv", "a/x.csv"};
    check_names(pre, 2, pre_w);
    /* one file alone; nothing in common but the root */
    const char *alone[] = {"/srv/exports/cases.csv"};
    const char *alone_w[] = {"cases.csv"};
    check_names(alone, 1, alone_w);
    const char *root[] = {"/a/x.csv", "/b/x.csv"};
    const char *root_w[] = {"a/x.csv", "b/x.csv"};
    check_names(root, 2, root_w);
    /* far apart, names that differ: no folder of the machine shown */
    const char *far[] = {"/home/clerk/cases.csv", "/srv/exports/recs.csv"};
    const char *far_w[] = {"cases.csv", "recs.csv"};
    check_names(far, 2, far_w);
    /* far apart, one name: as few folders as tell them apart */
    const char *far2[] = {"/home/clerk/2023/cases.csv",
                          "/srv/exports/2024/cases.csv"};
    const char *far2_w[] = {"2023/cases.csv", "2024/cases.csv"};
    check_names(far2, 2, far2_w);
    /* a file in the common folder and one below it */
    const char *below[] = {"/d/cases.csv", "/d/x/cases.csv"};
    const char *below_w[] = {"cases.csv", "x/cases.csv"};
    check_names(below, 2, below_w);
    /* the same file twice: its path below the common folder */
    const char *twice[] = {"/d/e/a.csv", "/d/e/a.csv"};
    const char *twice_w[] = {"a.csv", "a.csv"};
    check_names(twice, 2, twice_w);
    /* relative paths are taken from the current folder, dots resolved */
    const char *rel[] = {"data/./cases.csv", "data/sub/../recs.csv"};
    const char *rel_w[] = {"cases.csv", "recs.csv"};
    check_names(rel, 2, rel_w);
    check_names(NULL, 0, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_strerror__covers_every_code),
        cmocka_unit_test(test_core_exit_code__distinct_for_users),
        cmocka_unit_test(test_core_fail__keeps_location),
        cmocka_unit_test(test_core_fail__keeps_source_position),
        cmocka_unit_test(test_core_buf__grows_and_detaches),
        cmocka_unit_test(test_core_strpool__interns_once),
        cmocka_unit_test(test_core_u64map__adds_and_finds),
        cmocka_unit_test(test_core_dates__round_trip),
        cmocka_unit_test(test_core_utf8__validates),
        cmocka_unit_test(test_core_normalize__trims_and_folds),
        cmocka_unit_test(test_core_width__han_is_two),
        cmocka_unit_test(test_core_remove_tree__never_follows_symlinks),
        cmocka_unit_test(test_core_zh__reads_the_catalogue),
        cmocka_unit_test(test_core_zh__missing_or_damaged_gives_msgids),
        cmocka_unit_test(test_core_zh__the_programs_catalogue),
        cmocka_unit_test(test_core_path_absolute__resolves_dots),
        cmocka_unit_test(test_core_path_names__relative_to_the_common_folder),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
