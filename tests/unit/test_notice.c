/* SPDX-License-Identifier: MIT */
/* test_notice.c - the quarterly notice as a 公文 (GB/T 9704-2012, the
 * DOC_NOTICE page of report_pdf.c): titles broken by meaning; a notice
 * made by hand with every block a notice has (一、 and （一） headings,
 * a 附件说明 of two attachments, the attachments with their tables)
 * renders byte-identically twice, embeds the three faces and warns of
 * nothing; its .txt has the 落款 after the 附件说明 and before 附件1.
 *
 * `test_notice --write DIR` only writes that notice as DIR/notice.pdf and
 * DIR/notice.txt: tests/e2e/notice_form.sh reads them back with poppler
 * (the page geometry, the faces, the colours, the page numbers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/draw/report_draw.h"

#define CREATED ((time_t)1700000000) /* 2023-11-14T22:13:20Z */
#define TEXT_W (156 * 72.0 / 25.4) /* the 公文's text block */

static const char *const districts[10] = {
    "东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗",
    "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗", "市本级"};

/* ------------------------------------------------------------------ */
/* A notice made by hand                                               */
/* ------------------------------------------------------------------ */

/* A table: @p cells row by row, text for RC_TEXT columns, figures for
 * the others. */
static struct report_table *make_table(const char *title, size_t ncols,
                                       const char *const *headers,
                                       const enum report_col_kind *kinds,
                                       size_t nrows, const char *const *cells,
                                       int has_total)
{
    struct report_table *t = fy_xcalloc(1, sizeof(*t));

    t->title = fy_xstrdup(title);
    t->source = fy_xstrdup("资料来源：鄂尔多斯市两级法院案件管理系统。");
    t->ncols = ncols;
    t->cols = fy_xcalloc(ncols, sizeof(*t->cols));
    for (size_t c = 0; c < ncols; c++) {
        t->cols[c].header = fy_xstrdup(headers[c]);
        t->cols[c].kind = kinds[c];
    }
    t->nrows = nrows;
    t->cells = fy_xcalloc(nrows * ncols, sizeof(*t->cells));
    for (size_t i = 0; i < nrows * ncols; i++) {
        struct report_value *v = &t->cells[i];
        v->defined = 1;
        if (kinds[i % ncols] == RC_TEXT)
            v->text = fy_xstrdup(cells[i]);
        else
            v->v = atof(cells[i]);
    }
    t->has_total = has_total;
    return t;
}

struct notice {
    struct report_doc doc;
    struct report_table *t1, *t2;
};

static void notice_make(struct notice *n)
{
    struct report_doc *d = &n->doc;
    struct fy_buf b = FY_BUF_INIT;

    memset(n, 0, sizeof(*n));
    d->form = DOC_NOTICE;
    d->issuers = fy_xstrdup("鄂尔多斯市中级人民法院");
    d->number = fy_xstrdup("鄂中法〔2024〕12号");
    d->title = fy_xstrdup("鄂尔多斯市中级人民法院关于2024年第二季度行政案件"
                          "情况的通报");
    d->subtitle = fy_xstrdup("（2024年第二季度）");
    d->to = fy_xstrdup("各旗区人民政府，市直各部门：");
    d->date = fy_xstrdup("2024年7月10日");
    d->created = CREATED;

    report_doc_heading(d, "一、基本情况");
    report_doc_para(d, "2024年第二季度，全市法院新收行政案件360件，同比上升"
                       "5.9%；审结289件，同比上升5.9%；季末未结285件。2024年"
                       "1—6月，全市法院累计新收行政案件625件，同比上升4.7%；"
                       "审结429件，同比上升1.9%。");
    report_doc_subheading(d, "（一）行政机关败诉情况");
    report_doc_para(d, "本季度，全市法院审结一审行政案件179件，行政机关败诉"
                       "25件，败诉率13.97%，同比上升5.44个百分点。从败诉原因"
                       "看，主要为违反法定程序、主要证据不足和不履行法定职责。");
    report_doc_subheading(d, "（二）负责人出庭应诉情况");
    report_doc_para(d, "本季度开庭审理的一审行政案件中，行政机关负责人出庭"
                       "应诉率为92.31%，未出庭应诉的案件集中在少数旗区。");
    report_doc_heading(d, "二、各旗区情况");
    for (size_t i = 0; i < 10; i++) {
        fy_buf_reset(&b);
        fy_buf_printf(&b, "%s：1—6月一审新收行政案件%zu件，审结%zu件，行政"
                          "机关败诉%zu件，败诉率%zu.%02zu%%；开庭审理%zu件，"
                          "负责人出庭应诉%zu件；调解撤诉%zu件，万人成讼率"
                          "%zu.%02zu。",
                      districts[i], 20 + 7 * i, 15 + 5 * i, i % 4,
                      (i * 37) % 30, (i * 53) % 100, 10 + i, 9 + i, i + 2,
                      1 + i % 3, (i * 29) % 100);
        report_doc_para(d, fy_buf_str(&b));
    }
    report_doc_heading(d, "三、工作建议");
    report_doc_para(d, "各行政机关要进一步规范执法程序，严格落实重大行政执法"
                       "决定法制审核制度，从源头上减少行政争议；要认真落实行政"
                       "机关负责人出庭应诉制度，做到出庭、出声、出效果。");
    report_doc_para(d, "请各旗区人民政府、市直各部门结合本通报，对照附件所列"
                       "案件逐件分析原因，于2024年8月31日前将整改情况书面反馈"
                       "市中级人民法院行政审判庭。");
    report_doc_attach_note(d, "附件：1. 2024年1—6月各旗区行政案件情况表\n"
                              "　　　2. 2024年第二季度行政机关败诉案件及负责人"
                              "未出庭应诉案件明细表（按旗区和结案日期排列）");

    static const char *const h1[] = {"旗区", "一审新收", "败诉率",
                                     "出庭应诉率", "调撤率", "万人成讼率"};
    static const enum report_col_kind k1[] = {RC_TEXT, RC_COUNT, RC_RATE,
                                              RC_RATE, RC_RATE, RC_PER10K};
    const char *c1[11 * 6];
    char num[11 * 5][16];
    for (size_t r = 0; r < 11; r++) {
        c1[r * 6] = r < 10 ? districts[r] : "合计";
        for (size_t c = 1; c < 6; c++) {
            char *s = num[r * 5 + c - 1];
            double v = c == 1 ? (double)(20 + 7 * r)
                       : c == 5 ? 1.0 + (double)(r % 3) * 0.37
                                : 0.05 + (double)((r * c) % 9) / 10.0;
            snprintf(s, 16, "%g", r < 10 ? v : c == 1 ? 535.0 : 0.5);
            c1[r * 6 + c] = s;
        }
    }
    n->t1 = make_table("表1　2024年1—6月各旗区行政案件情况", 6, h1, k1, 11,
                       c1, 1);
    report_doc_attachment(d, "附件1", "2024年1—6月各旗区行政案件情况表");
    report_doc_table(d, n->t1);

    static const char *const h2[] = {"旗区", "案号", "被告", "结案方式",
                                     "败诉原因"};
    static const enum report_col_kind k2[] = {RC_TEXT, RC_TEXT, RC_TEXT,
                                              RC_TEXT, RC_TEXT};
    static const char *const c2[] = {
        "东胜区", "（2024）内0602行初12号", "鄂尔多斯市东胜区自然资源局",
        "判决撤销", "违反法定程序",
        "康巴什区", "（2024）内0603行初45号", "鄂尔多斯市市场监督管理局",
        "判决确认违法", "主要证据不足",
        "达拉特旗", "（2024）内0621行初7号", "达拉特旗住房和城乡建设局",
        "判决履行法定职责", "不履行法定职责",
        "准格尔旗", "（2024）内0622行初19号", "准格尔旗人民政府",
        "判决撤销", "超越职权"};
    n->t2 = make_table("表2　2024年第二季度行政机关败诉案件", 5, h2, k2, 4,
                       c2, 0);
    report_doc_attachment(d, "附件2",
                          "2024年第二季度行政机关败诉案件及负责人未出庭应诉"
                          "案件明细表");
    report_doc_table(d, n->t2);
    fy_buf_release(&b);
}

static void notice_release(struct notice *n)
{
    report_doc_release(&n->doc);
    report_table_release(n->t1);
    report_table_release(n->t2);
    free(n->t1);
    free(n->t2);
}

/* ------------------------------------------------------------------ */
/* Fixture                                                             */
/* ------------------------------------------------------------------ */

struct fixture {
    struct report_fonts *fonts;
    char dir[64];
    cairo_surface_t *img;   /* a scratch surface for text layouts */
    cairo_t *cr;
};

static struct report_fonts *load_fonts(void)
{
    const char *top = getenv("FY_TOP");
    char path[1024], cwd[900];
    struct fy_error err;
    struct report_fonts *f = NULL;

    /* fontconfig finds a relative file in its own folder: absolute */
    if (!(top && *top))
        top = getcwd(cwd, sizeof(cwd)) ? cwd : ".";
    snprintf(path, sizeof(path), "%s/fonts", top);
    if (report_fonts_new(path, &f, &err) != FY_OK) {
        fprintf(stderr, "fonts: %s\n", err.msg);
        return NULL;
    }
    return f;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (!fx || !(fx->fonts = load_fonts())) {
        free(fx);
        return -1;
    }
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/fy-notice-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        report_fonts_free(fx->fonts);
        free(fx);
        return -1;
    }
    fx->img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
    fx->cr = cairo_create(fx->img);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    if (!fx)
        return 0;
    cairo_destroy(fx->cr);
    cairo_surface_destroy(fx->img);
    report_fonts_free(fx->fonts);
    report_release_libraries();
    fy_remove_tree(fx->dir);
    free(fx);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Titles                                                              */
/* ------------------------------------------------------------------ */

static void title_is(struct fixture *fx, const char *title,
                     const char *issuers, const char *want)
{
    char *got = draw_title_lines(fx->fonts, fx->cr, title, issuers, 22,
                                 TEXT_W);
    if (strcmp(got, want) != 0)
        fail_msg("title %s\n  broken as  %s\n  expected   %s", title, got,
                 want);
    free(got);
}

static void test_title_lines(void **state)
{
    struct fixture *fx = *state;
    const char *court = "鄂尔多斯市中级人民法院";

    /* the usual title: the issuer, then 关于…的通报 whole */
    title_is(fx, "鄂尔多斯市中级人民法院关于2024年第二季度行政案件情况的通报",
             court,
             "鄂尔多斯市中级人民法院\n关于2024年第二季度行政案件情况的通报");
    /* one line when it fits */
    title_is(fx, "关于2024年第二季度行政案件情况的通报", court,
             "关于2024年第二季度行政案件情况的通报");
    /* two issuers: one a line, then the matter */
    title_is(fx, "鄂尔多斯市中级人民法院、鄂尔多斯市人民检察院关于2024年"
                 "第二季度行政案件情况的通报",
             "鄂尔多斯市中级人民法院、鄂尔多斯市人民检察院",
             "鄂尔多斯市中级人民法院、\n鄂尔多斯市人民检察院\n关于2024年"
             "第二季度行政案件情况的通报");
    /* the matter too long for a line: broken after its 和 */
    title_is(fx, "鄂尔多斯市中级人民法院关于2024年第二季度行政案件和行政"
                 "机关负责人出庭应诉情况的通报",
             court,
             "鄂尔多斯市中级人民法院\n关于2024年第二季度行政案件和\n行政"
             "机关负责人出庭应诉情况的通报");
    /* no 和 or 、 to break at: after the period, never inside it */
    title_is(fx, "鄂尔多斯市中级人民法院关于2024年第二季度行政机关负责人"
                 "出庭应诉情况的通报",
             court,
             "鄂尔多斯市中级人民法院\n关于2024年第二季度\n行政机关负责人"
             "出庭应诉情况的通报");
    /* nothing else: before 的通报 (20 characters of 22 pt fill a line) */
    title_is(fx, "鄂尔多斯市中级人民法院关于进一步规范行政机关负责人出庭"
                 "应诉工作的通报",
             court,
             "鄂尔多斯市中级人民法院\n关于进一步规范行政机关负责人出庭"
             "应诉工作\n的通报");
    /* and after 关于 when the matter is longer still */
    title_is(fx, "鄂尔多斯市中级人民法院关于进一步规范行政机关负责人出庭"
                 "应诉工作情况的通报",
             court,
             "鄂尔多斯市中级人民法院关于\n进一步规范行政机关负责人出庭"
             "应诉工作情况\n的通报");
    /* an attachment's title, after its 及 (not in 及时) */
    title_is(fx, "2024年第二季度行政机关败诉案件及负责人未出庭应诉案件"
                 "明细表",
             NULL,
             "2024年第二季度行政机关败诉案件及\n负责人未出庭应诉案件明细表");
    title_is(fx, "2024年第二季度行政机关未及时反馈司法建议和检察建议的"
                 "案件明细表",
             NULL,
             "2024年第二季度\n行政机关未及时反馈司法建议和\n检察建议的案件"
             "明细表");
    /* no break of meaning fits: whole, for Pango to wrap */
    title_is(fx, "关于进一步加强和规范行政机关负责人出庭应诉工作切实提升"
                 "行政争议实质性化解水平的通报",
             NULL,
             "关于进一步加强和规范行政机关负责人出庭应诉工作切实提升"
             "行政争议实质性化解水平的通报");
}

/* ------------------------------------------------------------------ */
/* The notice                                                          */
/* ------------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct fy_buf b = FY_BUF_INIT;
    char chunk[65536];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fy_buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return fy_buf_detach(&b);
}

static void test_notice_pdf(void **state)
{
    struct fixture *fx = *state;
    struct notice n;
    struct fy_error err;
    char *a = fy_xasprintf("%s/a.pdf", fx->dir);
    char *b = fy_xasprintf("%s/b.pdf", fx->dir);
    const char *const *warnings;

    notice_make(&n);
    assert_int_equal(report_pdf_write(fx->fonts, &n.doc, a, &err), FY_OK);
    assert_int_equal(report_pdf_write(fx->fonts, &n.doc, b, &err), FY_OK);
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(la > 1000 && la == lb && memcmp(x, y, la) == 0);
    assert_memory_equal(x, "%PDF-", 5);
    /* the faces: 仿宋 and 小标宋 (Noto Serif CJK SC), 黑体 (Noto Sans
     * CJK SC), 楷体 (AR PL UKai) for the （一） headings */
    static const char *const faces[] = {"NotoSerifCJKsc-Regular",
                                        "NotoSerifCJKsc-Bold",
                                        "NotoSansCJKsc-Regular", "UKaiCN"};
    for (size_t i = 0; i < sizeof(faces) / sizeof(faces[0]); i++)
        if (!memmem(x, la, faces[i], strlen(faces[i])))
            fail_msg("the notice does not embed %s", faces[i]);
    size_t nw = report_fonts_warnings(fx->fonts, &warnings);
    for (size_t i = 0; i < nw; i++)
        print_message("warning: %s\n", warnings[i]);
    assert_int_equal(nw, 0);
    free(x);
    free(y);
    free(a);
    free(b);
    notice_release(&n);
}

/* The .txt: the head, then the body, the 附件说明, the 落款, the
 * attachments, in that order. */
static void test_notice_text(void **state)
{
    struct fixture *fx = *state;
    struct notice n;
    struct fy_error err;
    char *path = fy_xasprintf("%s/n.txt", fx->dir);
    size_t len;

    notice_make(&n);
    assert_int_equal(report_doc_write_text(&n.doc, path, &err), FY_OK);
    char *t = slurp(path, &len);
    assert_non_null(t);
    static const char *const order[] = {
        "鄂尔多斯市中级人民法院\n鄂中法〔2024〕12号\n", "通报\n",
        "各旗区人民政府，市直各部门：\n", "一、基本情况\n", "（一）",
        "三、工作建议\n", "附件：1. ", "\n鄂尔多斯市中级人民法院\n2024年7月"
        "10日\n", "\n附件1\n", "\n附件2\n"};
    const char *at = t;
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        const char *q = strstr(at, order[i]);
        if (!q)
            fail_msg("the .txt lacks \"%s\" after the text before it",
                     order[i]);
        at = q + strlen(order[i]);
    }
    free(t);
    free(path);
    notice_release(&n);
}

/* `test_notice --write DIR`: the notice for tests/e2e/notice_form.sh. */
static int write_notice(const char *dir)
{
    struct report_fonts *f = load_fonts();
    struct notice n;
    struct fy_error err;
    char *pdf = fy_xasprintf("%s/notice.pdf", dir);
    char *txt = fy_xasprintf("%s/notice.txt", dir);
    int rc = 1;

    if (f) {
        notice_make(&n);
        if (report_pdf_write(f, &n.doc, pdf, &err) == FY_OK
            && report_doc_write_text(&n.doc, txt, &err) == FY_OK)
            rc = 0;
        else
            fprintf(stderr, "test_notice: %s\n", err.msg);
        notice_release(&n);
        report_fonts_free(f);
        report_release_libraries();
    }
    free(pdf);
    free(txt);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write") == 0)
        return write_notice(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_lines),
        cmocka_unit_test(test_notice_pdf),
        cmocka_unit_test(test_notice_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
