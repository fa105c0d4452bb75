/* SPDX-License-Identifier: MIT */
/* test_chart.c - unit tests of the charts (report_chart.c): nice ticks,
 * empty series, undefined values, overlap-free layouts, PNG and PDF
 * files (size, resolution, fonts, dates, byte-identical renders). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/draw/report_draw.h"

#define CREATED ((time_t)1700000000) /* 2023-11-14T22:13:20Z */

/* Ordos' courts: long names, the labels a white paper has. */
static const char *const courts[10] = {
    "鄂尔多斯市中级人民法院", "鄂尔多斯市东胜区人民法院",
    "鄂尔多斯市康巴什区人民法院", "鄂尔多斯市达拉特旗人民法院",
    "鄂尔多斯市准格尔旗人民法院", "鄂尔多斯市鄂托克前旗人民法院",
    "鄂尔多斯市鄂托克旗人民法院", "鄂尔多斯市杭锦旗人民法院",
    "鄂尔多斯市乌审旗人民法院", "鄂尔多斯市伊金霍洛旗人民法院"};

/* The administrative fields (管理领域). */
static const char *const fields[14] = {
    "公安", "自然资源和规划", "城乡建设和住房保障", "劳动和社会保障",
    "市场监督管理", "生态环境", "交通运输", "农业农村", "卫生健康",
    "税务", "教育", "民政", "司法行政", "其他"};

static const double counts[14] = {1412, 1356, 1289, 1240, 1198, 1167, 1143,
                                  1120, 998, 976, 954, 941, 923, 912};
static const double counts_prev[14] = {1400, 1360, 1250, 1260, 1150, 1180,
                                       1120, 1099, 1010, 960, 970, 930,
                                       920, 915};
static const unsigned char all_defined[14] = {1, 1, 1, 1, 1, 1, 1,
                                              1, 1, 1, 1, 1, 1, 1};

struct fixture {
    struct report_fonts *fonts;
    char dir[64];             /* scratch folder for the files */
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct fy_error err;
    const char *top = getenv("FY_TOP");
    char fonts[1024];

    snprintf(fonts, sizeof(fonts), "%s/fonts", top ? top : ".");
    if (!fx || report_fonts_new(fonts, &fx->fonts, &err) != FY_OK) {
        fprintf(stderr, "fonts: %s\n", fx ? err.msg : "no memory");
        free(fx);
        return -1;
    }
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/fy-chart-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        report_fonts_free(fx->fonts);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    report_fonts_free(fx->fonts);
    report_release_libraries();  /* cairo's and fontconfig's caches */
    fy_remove_tree(fx->dir);
    free(fx);
    return 0;
}

static char *path_in(const struct fixture *fx, const char *name)
{
    return fy_xasprintf("%s/%s", fx->dir, name);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The whole of a file (caller frees), its size in *n. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    struct fy_buf b = FY_BUF_INIT;
    char chunk[4096];
    size_t k;

    assert_non_null(f);
    while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fy_buf_append(&b, chunk, k);
    fclose(f);
    *n = b.len;
    return (unsigned char *)fy_buf_detach(&b);
}

/* 1 when a line of @p text is exactly @p line. */
static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);

    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n')
            && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

/* The output of a command (caller frees); NULL when the tool is absent. */
static char *run(const char *tool, const char *args)
{
    char cmd[1024];
    struct fy_buf b = FY_BUF_INIT;
    char chunk[4096];
    size_t k;

    if (access(tool, X_OK) != 0)
        return NULL;
    snprintf(cmd, sizeof(cmd), "%s %s 2>/dev/null", tool, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    while ((k = fread(chunk, 1, sizeof(chunk), p)) > 0)
        fy_buf_append(&b, chunk, k);
    pclose(p);
    fy_buf_putc(&b, '\0');
    return fy_buf_detach(&b);
}

static void spec_counts(struct chart_spec *c, enum chart_kind kind,
                        const char *const *cats, size_t ncat)
{
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->title = "图1　2023年鄂尔多斯市各法院行政案件收案数";
    c->subtitle = "2023年1—12月　单位：件　资料来源：鄂尔多斯市中级人民法院";
    c->categories = cats;
    c->ncat = ncat;
    c->series[0] = (struct chart_series){"2023年", counts, all_defined};
    c->nseries = 1;
}

/* Draw @p c on a scratch recording surface and return its layout. */
static void layout_of(struct fixture *fx, const struct chart_spec *c,
                      struct chart_layout *l)
{
    struct fy_error err;
    cairo_surface_t *s = cairo_recording_surface_create(
        CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);

    memset(l, 0, sizeof(*l));
    assert_int_equal(report_chart_draw(fx->fonts, cr, c, 0, 0, l, &err),
                     FY_OK);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Every box inside the chart's w x h. */
static void assert_inside(const struct chart_layout *l, double w, double h)
{
    for (size_t i = 0; i < l->nboxes; i++) {
        const struct chart_box *b = &l->boxes[i];
        assert_true(b->x >= -0.01 && b->y >= -0.01);
        assert_true(b->x + b->w <= w + 0.01 && b->y + b->h <= h + 0.01);
    }
}

/* Boxes sharing one right edge, one below the other: the category labels
 * of a horizontal bar chart. */
static size_t right_aligned_column(const struct chart_layout *l)
{
    size_t best = 0;

    for (size_t i = 0; i < l->nboxes; i++) {
        size_t k = 0;
        double edge = l->boxes[i].x + l->boxes[i].w;
        for (size_t j = 0; j < l->nboxes; j++)
            if (fabs(l->boxes[j].x + l->boxes[j].w - edge) < 0.01)
                k++;
        if (k > best)
            best = k;
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* Nice ticks                                                          */
/* ------------------------------------------------------------------ */

static void check_ticks(double lo, double hi, int max, double exp_start,
                        double exp_step, int exp_n)
{
    double start, step;
    int n;

    report_nice_ticks(lo, hi, max, &start, &step, &n);
    assert_true(fabs(start - exp_start) < 1e-12);
    assert_true(fabs(step - exp_step) < 1e-12);
    assert_int_equal(n, exp_n);
}

static void test_chart_nice_ticks__hand_worked(void **state)
{
    (void)state;
    check_ticks(0, 97, 6, 0, 20, 6);       /* 0, 20, ..., 100 */
    check_ticks(0, 0.973, 6, 0, 0.2, 6);   /* 0, 0.2, ..., 1.0 */
    check_ticks(0, 1, 5, 0, 0.5, 3);       /* 0.2 would need 6 ticks */
    check_ticks(3, 7, 6, 3, 1, 5);         /* 3, 4, 5, 6, 7 */
    check_ticks(0, 0, 6, 0, 0.2, 6);       /* nothing: read as 0-1 */
    check_ticks(0, 0, 2, 0, 1, 2);
    check_ticks(0, 1254, 6, 0, 500, 4);    /* 0, 500, 1000, 1500 */
    check_ticks(-8, 12, 6, -10, 5, 6);     /* -10, -5, ..., 15 */
}

static void test_chart_nice_ticks__cover_and_fit(void **state)
{
    (void)state;
    for (int max = 2; max <= 8; max++)
        for (int k = 1; k < 400; k++) {
            double hi = k * 0.37 * (k % 7 + 1), lo = (k % 3) ? 0 : -hi / 3;
            double start, step;
            int n;
            report_nice_ticks(lo, hi, max, &start, &step, &n);
            assert_true(n >= 2 && n <= max);
            assert_true(start <= lo + 1e-9 * step);
            assert_true(start + (n - 1) * step >= hi - 1e-9 * step);
        }
}

/* ------------------------------------------------------------------ */
/* Empty series and undefined values                                   */
/* ------------------------------------------------------------------ */

static void test_chart_empty__zero_or_undefined(void **state)
{
    struct fixture *fx = *state;
    static const double zeros[3] = {0, 0, 0};
    static const double some[3] = {0, 5, 0};
    static const unsigned char def[3] = {1, 1, 1};
    static const unsigned char undef[3] = {1, 0, 1};
    static const char *const cats[3] = {"东胜区", "康巴什区", "达拉特旗"};
    struct chart_spec c = {0};
    struct chart_layout l = {0};
    struct fy_error err;

    c.kind = CK_BAR;
    c.title = "空";
    c.categories = cats;
    c.ncat = 3;
    c.series[0] = (struct chart_series){"a", zeros, def};
    c.nseries = 1;
    assert_int_equal(report_chart_empty(&c), 1);
    c.series[0] = (struct chart_series){"a", some, undef}; /* 5 undefined */
    assert_int_equal(report_chart_empty(&c), 1);
    c.series[0] = (struct chart_series){"a", some, def};
    assert_int_equal(report_chart_empty(&c), 0);
    c.nseries = 0;
    assert_int_equal(report_chart_empty(&c), 1);

    /* nothing written for an empty chart, and FY_OK */
    c.series[0] = (struct chart_series){"a", zeros, def};
    c.nseries = 1;
    char *pdf = path_in(fx, "empty.pdf"), *png = path_in(fx, "empty.png");
    l.drawn = 1;
    assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l, &err),
                     FY_OK);
    assert_int_equal(l.drawn, 0);
    assert_int_equal(l.nboxes, 0);
    assert_int_equal(report_chart_png(fx->fonts, &c, png, 300, &err), FY_OK);
    assert_false(file_exists(pdf));
    assert_false(file_exists(png));
    free(pdf);
    free(png);
}

/* An undefined rate is a gap labelled "—" with a footnote, never 0. */
static void test_chart_undefined__gap_not_zero(void **state)
{
    struct fixture *fx = *state;
    static const double rates[4] = {1.0, 0.0, 0.9735, 0.5};
    static const unsigned char def[4] = {1, 0, 1, 1};
    static const char *const cats[4] = {"东胜区", "准格尔旗", "康巴什区",
                                        "杭锦旗"};
    static const enum chart_kind kinds[3] = {CK_BAR, CK_HBAR, CK_LINE};
    struct chart_spec c = {0};
    struct chart_layout l;
    struct fy_error err;

    c.title = "出庭应诉率";
    c.subtitle = "2023年　单位：%";
    c.categories = cats;
    c.ncat = 4;
    c.series[0] = (struct chart_series){"出庭应诉率", rates, def};
    c.nseries = 1;
    c.percent = 1;
    c.decimals = 2;
    c.target = 1.0;
    c.target_label = "目标 100%";
    for (size_t k = 0; k < 3; k++) {
        c.kind = kinds[k];
        char *pdf = path_in(fx, "undefined.pdf");
        assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l,
                                          &err), FY_OK);
        assert_int_equal(l.drawn, 1);
        assert_false(report_chart_overlaps(&l));
        /* a label box for each of the 4 values, "—" among them: the
         * width of "—" at one of the label sizes */
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                        4, 4);
        cairo_t *cr = cairo_create(s);
        int dash = 0;
        for (double size = 7.5; size >= 6.0 && !dash; size -= 0.5) {
            PangoLayout *t = draw_text(fx->fonts, cr, "—", size, 0, 0);
            double w, h;
            draw_text_size(t, &w, &h);
            g_object_unref(t);
            for (size_t i = 0; i < l.nboxes; i++)
                if (fabs(l.boxes[i].w - w) < 0.01)
                    dash = 1;
        }
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        assert_true(dash);
        /* the text of the page: "—", the note, and no 0.00% */
        char *args = fy_xasprintf("-enc UTF-8 %s -", pdf);
        char *text = run("/usr/bin/pdftotext", args);
        if (text) {
            assert_non_null(strstr(text, "—"));
            assert_non_null(strstr(text, "比率无意义"));
            assert_non_null(strstr(text, "97.35%"));
            assert_false(has_line(text, "0.00%"));
            free(text);
        }
        free(args);
        free(pdf);
        report_chart_layout_release(&l);
    }
}

/* ------------------------------------------------------------------ */
/* Layouts without overlaps                                            */
/* ------------------------------------------------------------------ */

static void test_chart_layout__long_labels_no_overlap(void **state)
{
    struct fixture *fx = *state;
    static const enum chart_kind kinds[4] = {CK_BAR, CK_HBAR, CK_STACKED,
                                             CK_LINE};
    struct chart_spec c;
    struct chart_layout l;

    for (size_t k = 0; k < 4; k++) {
        for (size_t ns = 1; ns <= 2; ns++) {
            /* ten courts, then the fourteen fields */
            spec_counts(&c, kinds[k], (const char *const *)courts, 10);
            c.nseries = ns;
            c.series[1] = (struct chart_series){"2022年", counts_prev,
                                                all_defined};
            layout_of(fx, &c, &l);
            assert_int_equal(l.drawn, 1);
            assert_false(report_chart_overlaps(&l));
            assert_inside(&l, 480, 300);
            /* title, subtitle, 10 categories, 10 x ns data labels */
            assert_true(l.nboxes >= 2 + 10 + 10 * ns);
            report_chart_layout_release(&l);

            spec_counts(&c, kinds[k], fields, 14);
            c.nseries = ns;
            c.series[1] = (struct chart_series){"2022年", counts_prev,
                                                all_defined};
            layout_of(fx, &c, &l);
            assert_false(report_chart_overlaps(&l));
            assert_inside(&l, 480, 300);
            assert_true(l.nboxes >= 2 + 14 + (kinds[k] == CK_LINE ? 0
                                                                  : 14 * ns));
            report_chart_layout_release(&l);
        }
    }
}

/* Labels too long for three lines under a bar turn the chart. */
static void test_chart_layout__bar_turns_horizontal(void **state)
{
    struct fixture *fx = *state;
    const char *names[14];
    struct chart_spec c;
    struct chart_layout l;

    for (size_t i = 0; i < 14; i++)
        names[i] = courts[i % 10];
    spec_counts(&c, CK_BAR, names, 14);
    layout_of(fx, &c, &l);
    assert_false(report_chart_overlaps(&l));
    assert_inside(&l, 480, 300);
    /* the 14 category labels stand right-aligned in one column */
    assert_true(right_aligned_column(&l) >= 14);
    report_chart_layout_release(&l);

    /* short labels stay under vertical bars */
    static const char *const years[5] = {"2019年", "2020年", "2021年",
                                         "2022年", "2023年"};
    spec_counts(&c, CK_BAR, years, 5);
    layout_of(fx, &c, &l);
    assert_true(right_aligned_column(&l) < 5);
    report_chart_layout_release(&l);
}

/* A small chart still keeps its labels apart and inside. */
static void test_chart_layout__small_chart(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;

    spec_counts(&c, CK_BAR, (const char *const *)courts, 6);
    c.nseries = 2;
    c.series[1] = (struct chart_series){"2022年", counts_prev, all_defined};
    c.width = 240;
    c.height = 180;
    c.note = "本图为小尺寸图表，注释较长时换行而不被裁切。";
    layout_of(fx, &c, &l);
    assert_false(report_chart_overlaps(&l));
    assert_inside(&l, 240, 180);
    report_chart_layout_release(&l);
}

/* Two series are grouped and get a legend; one series has none. */
static void test_chart_layout__grouped_with_legend(void **state)
{
    struct fixture *fx = *state;
    static const char *const cats[7] = {"中院", "东胜区", "康巴什区",
                                        "达拉特旗", "准格尔旗",
                                        "鄂托克前旗", "鄂托克旗"};
    struct chart_spec c;
    struct chart_layout one, two;

    spec_counts(&c, CK_BAR, cats, 7);
    layout_of(fx, &c, &one);
    c.series[1] = (struct chart_series){"2022年", counts, all_defined};
    c.nseries = 2;
    layout_of(fx, &c, &two);
    assert_false(report_chart_overlaps(&two));
    /* the same axis: 7 more data labels and 2 legend items */
    assert_int_equal(two.nboxes, one.nboxes + 7 + 2);
    report_chart_layout_release(&one);
    report_chart_layout_release(&two);
}

static void test_chart_layout__donut_14_shares(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;

    spec_counts(&c, CK_DONUT, fields, 14);
    c.title = "图2　2023年行政案件管理领域分布";
    layout_of(fx, &c, &l);
    assert_false(report_chart_overlaps(&l));
    assert_inside(&l, 480, 300);
    /* title, subtitle, a name and a share for each of the 14 */
    assert_true(l.nboxes >= 2 + 28);
    report_chart_layout_release(&l);
}

/* Drawn in place: boxes moved by (x, y), the context left as it was. */
static void test_chart_draw__in_place(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout at0, at;
    struct fy_error err;
    cairo_matrix_t before, after;

    spec_counts(&c, CK_HBAR, (const char *const *)courts, 10);
    layout_of(fx, &c, &at0);
    cairo_surface_t *s = cairo_recording_surface_create(
        CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 2, 2);
    cairo_get_matrix(cr, &before);
    memset(&at, 0, sizeof(at));
    assert_int_equal(report_chart_draw(fx->fonts, cr, &c, 50, 70, &at, &err),
                     FY_OK);
    cairo_get_matrix(cr, &after);
    assert_memory_equal(&before, &after, sizeof(before));
    assert_int_equal(at.nboxes, at0.nboxes);
    for (size_t i = 0; i < at.nboxes; i++) {
        assert_true(fabs(at.boxes[i].x - at0.boxes[i].x - 50) < 1e-9);
        assert_true(fabs(at.boxes[i].y - at0.boxes[i].y - 70) < 1e-9);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    report_chart_layout_release(&at0);
    report_chart_layout_release(&at);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8
           | p[3];
}

static void test_chart_png__size_and_resolution(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct fy_error err;
    size_t n;

    spec_counts(&c, CK_BAR, fields, 14);
    char *png = path_in(fx, "chart.png");
    assert_int_equal(report_chart_png(fx->fonts, &c, png, 300, &err), FY_OK);
    unsigned char *b = slurp(png, &n);
    assert_true(n > 33 + 21);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b + 12, "IHDR", 4);
    assert_int_equal(be32(b + 16), 2000);   /* 480 pt x 300 / 72 */
    assert_int_equal(be32(b + 20), 1250);   /* 300 pt x 300 / 72 */
    assert_memory_equal(b + 37, "pHYs", 4);
    assert_int_equal(be32(b + 41), 11811);  /* 300 dpi in dots/metre */
    assert_int_equal(be32(b + 45), 11811);
    assert_int_equal(b[49], 1);             /* unit: metre */
    free(b);
    free(png);
}

static void test_chart_files__byte_identical(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;
    struct fy_error err;
    char *p[4] = {path_in(fx, "a.pdf"), path_in(fx, "b.pdf"),
                  path_in(fx, "a.png"), path_in(fx, "b.png")};
    unsigned char *x, *y;
    size_t nx, ny;

    spec_counts(&c, CK_BAR, (const char *const *)courts, 10);
    c.series[1] = (struct chart_series){"2022年", counts_prev, all_defined};
    c.nseries = 2;
    for (int k = 0; k < 2; k++) {
        assert_int_equal(report_chart_pdf(fx->fonts, &c, p[k], CREATED, &l,
                                          &err), FY_OK);
        report_chart_layout_release(&l);
        assert_int_equal(report_chart_png(fx->fonts, &c, p[2 + k], 300,
                                          &err), FY_OK);
    }
    for (int k = 0; k < 4; k += 2) {
        x = slurp(p[k], &nx);
        y = slurp(p[k + 1], &ny);
        assert_int_equal(nx, ny);
        assert_memory_equal(x, y, nx);
        free(x);
        free(y);
    }
    for (int k = 0; k < 4; k++)
        free(p[k]);
}

/* Dates with the "D:" prefix (cairo 1.16 leaves it out), offsets that
 * still point at their objects, the title in the document information. */
static void test_chart_pdf__dates_and_xref(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;
    struct fy_error err;
    size_t n;

    spec_counts(&c, CK_DONUT, fields, 14);
    char *pdf = path_in(fx, "dates.pdf");
    assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l, &err),
                     FY_OK);
    report_chart_layout_release(&l);
    char *b = (char *)slurp(pdf, &n);
    b = fy_xrealloc(b, n + 1);
    b[n] = '\0';
    /* (the file has binary streams: search bytes, not a C string) */
    assert_non_null(memmem(b, n, "/CreationDate (D:20231114221320Z)", 33));
    assert_non_null(memmem(b, n, "/ModDate (D:20231114221320Z)", 28));
    /* every in-use xref entry points at "N 0 obj" */
    const char *sx = b + n;
    while (sx > b && strncmp(sx, "startxref", 9) != 0)
        sx--;
    unsigned long xref = strtoul(sx + 10, NULL, 10);
    assert_true(xref < n);
    assert_memory_equal(b + xref, "xref\n", 5);
    char *e;
    unsigned long first = strtoul(b + xref + 5, &e, 10);
    unsigned long count = strtoul(e, &e, 10);
    e++;
    for (unsigned long i = 0; i < count; i++, e += 20) {
        if (e[17] != 'n')
            continue;
        unsigned long off = strtoul(e, NULL, 10);
        char want[32];
        int k = snprintf(want, sizeof(want), "%lu 0 obj", first + i);
        assert_memory_equal(b + off, want, (size_t)k);
    }
    char *args = fy_xasprintf("-enc UTF-8 -rawdates %s", pdf);
    char *info = run("/usr/bin/pdfinfo", args);
    if (info) {
        assert_non_null(strstr(info, "D:20231114221320Z"));
        assert_non_null(strstr(info, "各法院行政案件收案数"));
        free(info);
    }
    free(args);
    free(b);
    free(pdf);
}

static void test_chart_pdf__cjk_font_embedded(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;
    struct fy_error err;

    if (access("/usr/bin/pdffonts", X_OK) != 0) {
        skip();
        return;
    }
    spec_counts(&c, CK_HBAR, (const char *const *)courts, 10);
    char *pdf = path_in(fx, "fonts.pdf");
    assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l, &err),
                     FY_OK);
    report_chart_layout_release(&l);
    char *out = run("/usr/bin/pdffonts", pdf);
    assert_non_null(out);
    int found = 0;
    for (char *line = out; *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strstr(line, "NotoSansCJK")) {
            /* columns: name type encoding emb sub uni object ID */
            assert_non_null(strstr(line, " yes "));
            found = 1;
        }
        line = end ? end + 1 : line + strlen(line);
    }
    assert_true(found);
    free(out);
    free(pdf);
}

/* Counts get thousands separators, rates their percent sign. */
static void test_chart_pdf__number_formats(void **state)
{
    struct fixture *fx = *state;
    struct chart_spec c;
    struct chart_layout l;
    struct fy_error err;
    static const double rate[3] = {0.12345, 0.5, 1.0};

    spec_counts(&c, CK_BAR, fields, 5);
    char *pdf = path_in(fx, "numbers.pdf");
    assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l, &err),
                     FY_OK);
    report_chart_layout_release(&l);
    char *args = fy_xasprintf("-enc UTF-8 %s -", pdf);
    char *text = run("/usr/bin/pdftotext", args);
    if (text) {
        assert_true(has_line(text, "1,412"));     /* a data label */
        assert_true(has_line(text, "1,500"));     /* a tick */
        free(text);
    }
    c.series[0] = (struct chart_series){"率", rate, all_defined};
    c.ncat = 3;
    c.percent = 1;
    c.decimals = 2;
    assert_int_equal(report_chart_pdf(fx->fonts, &c, pdf, CREATED, &l, &err),
                     FY_OK);
    report_chart_layout_release(&l);
    text = run("/usr/bin/pdftotext", args);
    if (text) {
        assert_true(has_line(text, "12.35%"));
        assert_true(has_line(text, "100%"));      /* a tick */
        free(text);
    }
    free(args);
    free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_nice_ticks__hand_worked),
        cmocka_unit_test(test_chart_nice_ticks__cover_and_fit),
        cmocka_unit_test(test_chart_empty__zero_or_undefined),
        cmocka_unit_test(test_chart_undefined__gap_not_zero),
        cmocka_unit_test(test_chart_layout__long_labels_no_overlap),
        cmocka_unit_test(test_chart_layout__bar_turns_horizontal),
        cmocka_unit_test(test_chart_layout__small_chart),
        cmocka_unit_test(test_chart_layout__grouped_with_legend),
        cmocka_unit_test(test_chart_layout__donut_14_shares),
        cmocka_unit_test(test_chart_draw__in_place),
        cmocka_unit_test(test_chart_png__size_and_resolution),
        cmocka_unit_test(test_chart_files__byte_identical),
        cmocka_unit_test(test_chart_pdf__dates_and_xref),
        cmocka_unit_test(test_chart_pdf__cjk_font_embedded),
        cmocka_unit_test(test_chart_pdf__number_formats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
