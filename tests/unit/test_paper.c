/* SPDX-License-Identifier: MIT */
/* test_paper.c - the white paper and the quarterly notification built
 * from the sample data set (fixtures/sample, or FY_SAMPLE): the sections
 * in order, charts numbered 图1, 图2 … with their files, and no chart with
 * overlapping labels or a label outside the chart, checked from the
 * layout report_chart_draw() computes at the size the document draws it;
 * the wording helpers the documents use; the PDF renders. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/draw/report_draw.h"
#include "fuyuan/narrative.h"

/* The text width of the A4 page (report_pdf.c): no chart is wider. */
#define TEXT_WIDTH 459.276

struct fixture {
    struct fy_dataset *ds;
    struct report_fonts *fonts;
};

static char *top_path(const char *rel)
{
    const char *top = getenv("FY_TOP");

    return top && *top ? fy_xasprintf("%s/%s", top, rel) : fy_xstrdup(rel);
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    struct fy_error err;
    const char *env = getenv("FY_SAMPLE");
    char *sample = env && *env ? fy_xstrdup(env) : top_path("fixtures/sample");
    char *fonts = top_path("fonts");
    const char *paths[1] = {sample};

    /* the notice's 成文日期 is the local day of its creation time */
    setenv("TZ", "UTC", 1);
    tzset();
    int ok;

    memset(&err, 0, sizeof(err));
    ok = fx && fy_dataset_new(&fx->ds, &opts, &err) == FY_OK
         && fy_ingest_paths(fx->ds, paths, 1, &opts, &err) == FY_OK
         && report_fonts_new(fonts, &fx->fonts, &err) == FY_OK;
    if (!ok) {
        fprintf(stderr, "test_paper: %s\n", fx ? err.msg : "no memory");
        if (fx) {
            fy_dataset_free(fx->ds);
            report_fonts_free(fx->fonts);
        }
        free(fx);
    }
    free(sample);
    free(fonts);
    *state = fx;
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    report_fonts_free(fx->fonts);
    fy_dataset_free(fx->ds);
    report_release_libraries(); /* cairo's and fontconfig's caches */
    free(fx);
    return 0;
}

/* The book and the document of a period ("2023" or "2024Q2"). */
static void build(const struct fixture *fx, const char *year,
                  const char *quarter, struct report_book *book,
                  struct report_doc *doc)
{
    static struct report_settings set;
    struct stats_period p;
    struct fy_error err;

    report_settings_init(&set);
    memset(book, 0, sizeof(*book));
    memset(doc, 0, sizeof(*doc));
    memset(&err, 0, sizeof(err));
    assert_int_equal(stats_period_parse(year, quarter, NULL, NULL, NULL, &p,
                                        &err),
                     FY_OK);
    book->created = (time_t)1700000000;
    if (year) {
        assert_int_equal(report_annual_book(fx->ds, &p, FY_NO_DATE, &set, book,
                                            &err),
                         FY_OK);
        assert_int_equal(report_annual_doc(fx->ds, &p, FY_NO_DATE, book, doc,
                                           &err),
                         FY_OK);
    } else {
        assert_int_equal(report_quarterly_book(fx->ds, &p, FY_NO_DATE, &set,
                                               book, &err),
                         FY_OK);
        assert_int_equal(report_quarterly_doc(fx->ds, &p, FY_NO_DATE, book,
                                              doc, &err),
                         FY_OK);
    }
}

/* The headings of @p doc are @p want (NULL-terminated), in this order. */
static void assert_headings(const struct report_doc *doc,
                            const char *const *want)
{
    size_t k = 0;

    for (size_t i = 0; i < doc->nblocks; i++) {
        if (doc->blocks[i].kind != DB_HEADING)
            continue;
        assert_non_null(want[k]);
        assert_string_equal(doc->blocks[i].text, want[k]);
        k++;
    }
    assert_null(want[k]);
}

/*
 * Draw every chart of @p doc on a recording surface at the size the PDF
 * draws it and check its layout: drawn, no two labels overlapping, every
 * label inside the chart. Returns the number of charts.
 */
static size_t check_charts(const struct fixture *fx,
                           const struct report_doc *doc)
{
    size_t n = 0;

    for (size_t i = 0; i < doc->nblocks; i++) {
        const struct doc_block *b = &doc->blocks[i];
        if (b->kind != DB_CHART || report_chart_empty(b->chart))
            continue;
        struct chart_spec c = *b->chart;
        if (!(c.width > 0) || c.width > TEXT_WIDTH)
            c.width = TEXT_WIDTH;
        if (!(c.height > 0))
            c.height = 270;
        /* a sensible size for an A4 page */
        assert_true(c.width >= 300);
        assert_true(c.height >= 150 && c.height <= 420);

        cairo_surface_t *s = cairo_recording_surface_create(
            CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create(s);
        struct chart_layout l;
        struct fy_error err;
        memset(&l, 0, sizeof(l));
        assert_int_equal(report_chart_draw(fx->fonts, cr, &c, 0, 0, &l, &err),
                         FY_OK);
        cairo_destroy(cr);
        cairo_surface_destroy(s);

        if (!l.drawn || l.nboxes == 0 || report_chart_overlaps(&l))
            fprintf(stderr, "test_paper: chart %s (%s): drawn %d, %zu "
                            "labels, overlapping %d\n", b->file, c.title,
                    l.drawn, l.nboxes, report_chart_overlaps(&l));
        assert_true(l.drawn);
        assert_true(l.nboxes > 0);
        assert_int_equal(report_chart_overlaps(&l), 0);
        for (size_t k = 0; k < l.nboxes; k++) {
            const struct chart_box *bx = &l.boxes[k];
            if (bx->x < -0.01 || bx->y < -0.01 || bx->x + bx->w > c.width + 0.01
                || bx->y + bx->h > c.height + 0.01)
                fprintf(stderr, "test_paper: chart %s: label %zu at "
                                "(%.1f, %.1f) %.1f x %.1f leaves %.0f x %.0f\n",
                        b->file, k, bx->x, bx->y, bx->w, bx->h, c.width,
                        c.height);
            assert_true(bx->x >= -0.01 && bx->y >= -0.01);
            assert_true(bx->x + bx->w <= c.width + 0.01);
            assert_true(bx->y + bx->h <= c.height + 0.01);
        }
        report_chart_layout_release(&l);
        n++;
    }
    return n;
}

/* Charts numbered 图1, 图2 … in order, their files 01-…, 02-… */
static void assert_chart_numbers(const struct report_doc *doc)
{
    size_t n = 0;

    for (size_t i = 0; i < doc->nblocks; i++) {
        const struct doc_block *b = &doc->blocks[i];
        if (b->kind != DB_CHART)
            continue;
        n++;
        char title[16], file[8];
        snprintf(title, sizeof(title), "图%zu　", n);
        snprintf(file, sizeof(file), "%02zu-", n);
        assert_non_null(b->chart->title);
        assert_memory_equal(b->chart->title, title, strlen(title));
        assert_memory_equal(b->file, file, strlen(file));
        assert_non_null(b->chart->subtitle);
    }
}

static void test_paper_annual__sections_and_charts(void **state)
{
    const struct fixture *fx = *state;
    struct report_book book;
    struct report_doc doc;
    static const char *const headings[] = {
        "前言", "一、基本情况", "二、案件特点", "三、行政机关败诉情况及原因分析",
        "四、行政机关负责人出庭应诉情况", "五、诉源治理", "六、司法建议与检察建议",
        "七、存在的问题", "八、意见建议", "附录　附表", NULL};

    build(fx, "2023", NULL, &book, &doc);
    assert_string_equal(doc.title, "鄂尔多斯市行政审判白皮书");
    assert_string_equal(doc.subtitle, "（2023年）");
    assert_headings(&doc, headings);
    assert_chart_numbers(&doc);
    /* the trend, 旗区, 领域, 行为种类, 结案方式, 败诉率, 败诉原因, 出庭应诉率,
     * 万人成讼率, 建议: every one drawn, none overlapping */
    assert_int_equal(check_charts(fx, &doc), 10);

    /* every table of the book once: in a section or in 附录 附表 */
    for (size_t t = 0; t < book.ntables; t++) {
        size_t seen = 0;
        for (size_t i = 0; i < doc.nblocks; i++)
            seen += doc.blocks[i].kind == DB_TABLE
                    && doc.blocks[i].table == &book.tables[t];
        assert_int_equal(seen, 1);
    }
    report_doc_release(&doc);
    report_book_release(&book);
}

/* Every table of @p book has an id of its own and every column a key of
 * its own; a figure column says which metric it holds. */
static void assert_typed(const struct report_book *book)
{
    for (size_t t = 0; t < book->ntables; t++) {
        const struct report_table *tb = &book->tables[t];
        assert_int_not_equal(tb->id, TBL_NONE);
        assert_ptr_equal(report_book_get(book, tb->id), tb);
        for (size_t a = 0; a < tb->ncols; a++) {
            const struct report_colkey *x = &tb->cols[a].key;
            if (x->role == COL_VALUE || x->role == COL_PREV
                || x->role == COL_CHANGE || x->role == COL_SHARE)
                assert_true(x->metric >= -1 && x->metric < MET_COUNT);
            for (size_t b = a + 1; b < tb->ncols; b++) {
                const struct report_colkey *y = &tb->cols[b].key;
                assert_false(x->role == y->role && x->metric == y->metric
                             && x->window == y->window
                             && x->field == y->field);
            }
        }
    }
}

/* 1 when @p fn(@p book) aborts (FY_BUG) in a child process. */
static int aborts(void (*fn)(const struct report_book *),
                  const struct report_book *book)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", 1);
        dup2(devnull, 2);
        fn(book);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void get_query_table(const struct report_book *book)
{
    report_book_get(book, TBL_QUERY);
}

static void get_missing_column(const struct report_book *book)
{
    report_col_metric(report_book_get(book, TBL_LOSS_BY_DOMAIN), COL_VALUE,
                      MET_HEARING_COUNT, 0);
}

static void get_missing_field(const struct report_book *book)
{
    report_text(report_book_get(book, TBL_LOSS_CAUSES), 0, FLD_CASE_NO);
}

static void test_paper_book__typed_links(void **state)
{
    const struct fixture *fx = *state;
    struct report_book book;
    struct report_doc doc;

    build(fx, "2023", NULL, &book, &doc);
    assert_typed(&book);
    const struct report_table *t = report_book_get(&book, TBL_LOSS_BY_DOMAIN);
    size_t c = report_col_metric(t, COL_VALUE, MET_LOSS_RATE, 0);
    assert_int_equal(t->cols[c].kind, RC_RATE);
    assert_string_equal(t->cols[c].header, "行政机关败诉率");
    c = report_col_metric(t, COL_PREV, MET_AGENCY_LOSSES, 0);
    assert_string_equal(t->cols[c].header, "行政机关败诉上年同期");
    /* a table, a column or a field that is not there is a bug, not NULL */
    assert_true(aborts(get_query_table, &book));
    assert_true(aborts(get_missing_column, &book));
    assert_true(aborts(get_missing_field, &book));
    report_doc_release(&doc);
    report_book_release(&book);

    build(fx, NULL, "2024Q2", &book, &doc);
    assert_typed(&book);
    t = report_book_get(&book, TBL_LOSS_CASES);
    assert_true(report_data_rows(t) > 0);
    assert_non_null(report_text(t, 0, FLD_CASE_NO));
    /* a loss is a first-instance case: 行初 or 行赔初 in its 案号 */
    assert_true(strstr(report_text(t, 0, FLD_CASE_NO), "行初")
                || strstr(report_text(t, 0, FLD_CASE_NO), "行赔初"));
    c = report_col_metric(report_book_get(&book, TBL_CASES_BY_COURT),
                          COL_VALUE, MET_FILED, 1);
    assert_memory_equal(report_book_get(&book, TBL_CASES_BY_COURT)
                            ->cols[c].header, "1—6月", strlen("1—6月"));
    report_doc_release(&doc);
    report_book_release(&book);
}

static void test_paper_quarterly__sections_and_lists(void **state)
{
    const struct fixture *fx = *state;
    struct report_book book;
    struct report_doc doc;
    static const char *const headings[] = {
        "一、基本情况", "二、各旗区情况", "三、被诉机关情况",
        "四、败诉案件及原因", "五、行政机关负责人出庭应诉",
        "六、司法建议、检察建议反馈", "七、工作建议", NULL};

    build(fx, NULL, "2024Q2", &book, &doc);
    /* a 公文: 标题, the blank 文号 of a run without a profile, 主送 */
    assert_int_equal(doc.form, DOC_NOTICE);
    assert_string_equal(doc.title, "鄂尔多斯市中级人民法院关于2024年第二季度"
                                   "行政案件情况的通报");
    assert_string_equal(doc.number, "〔2024〕　　号");
    assert_string_equal(doc.to, "各旗区人民政府，市直各部门：");
    assert_string_equal(doc.date, "2023年11月14日");
    assert_headings(&doc, headings);
    assert_chart_numbers(&doc);
    check_charts(fx, &doc); /* the notification may have none */

    /* the model's wording: the quarter and the year to date, numbered
     * loss cases; the 附件说明, then attachments 附件1, 附件2, … with a
     * table each */
    int quarter = 0, ytd = 0, cases = 0, note = 0;
    size_t attachments = 0;
    for (size_t i = 0; i < doc.nblocks; i++) {
        const struct doc_block *b = &doc.blocks[i];
        if (b->kind == DB_ATTACH_NOTE) {
            assert_int_equal(attachments, 0);
            note = strncmp(b->text, "附件：1．", strlen("附件：1．")) == 0;
        }
        if (b->kind == DB_ATTACHMENT) {
            char want[32];
            snprintf(want, sizeof(want), "附件%zu", ++attachments);
            assert_int_equal(b->label_len, strlen(want));
            assert_memory_equal(b->text, want, b->label_len);
            assert_true(i + 1 < doc.nblocks);
            assert_int_equal(doc.blocks[i + 1].kind, DB_TABLE);
        }
        if (b->kind != DB_PARA)
            continue;
        quarter |= strstr(b->text, "2024年第二季度，全市法院新收行政案件")
                   != NULL;
        ytd |= strstr(b->text, "2024年1—6月，全市法院累计新收行政案件") != NULL;
        cases += strncmp(b->text, "1．", strlen("1．")) == 0;
    }
    assert_true(quarter);
    assert_true(ytd);
    assert_true(note);
    assert_true(attachments >= 3);
    assert_true(cases >= 2); /* losses, absent heads, overdue */
    report_doc_release(&doc);
    report_book_release(&book);
}

static void test_paper_words__measure_words_dates_verdicts(void **state)
{
    struct fy_buf b = FY_BUF_INIT;

    (void)state;
    report_words_quantity(39, "场", &b);
    assert_string_equal(fy_buf_str(&b), "39场");
    fy_buf_reset(&b);
    report_words_quantity(1234, "个", &b);
    assert_string_equal(fy_buf_str(&b), "1,234个");
    fy_buf_reset(&b);
    int32_t day;
    assert_int_equal(norm_date("2023-12-31", &day), NORM_OK);
    report_words_date(day, &b);
    assert_string_equal(fy_buf_str(&b), "2023年12月31日");
    fy_buf_reset(&b);
    assert_int_equal(norm_date("2024-06-05", &day), NORM_OK);
    report_words_date(day, &b);
    assert_string_equal(fy_buf_str(&b), "2024年6月5日");
    assert_string_equal(report_words_disposition("驳回诉讼请求"),
                        "判决驳回诉讼请求");
    assert_string_equal(report_words_disposition("驳回起诉"), "裁定驳回起诉");
    assert_string_equal(report_words_disposition("撤诉"), "撤诉");
    assert_string_equal(report_words_disposition("其他"), "以其他方式结案");
    assert_string_equal(report_words_disposition("新的类别"), "新的类别");
    assert_string_equal(report_words_disposition(NULL), "结案方式未填写");
    /* a change that rounds to 0.0% is not "上升0.0%" */
    fy_buf_reset(&b);
    report_words_count_change(10001, 10000, &b);
    assert_string_equal(fy_buf_str(&b), "与上年同期基本持平");
    fy_buf_release(&b);
}

/* The PDF renders: a file that starts like a PDF, its CJK font embedded
 * once per weight. */
static void test_paper_pdf__renders(void **state)
{
    const struct fixture *fx = *state;
    struct report_book book;
    struct report_doc doc;
    struct fy_error err;
    char dir[] = "/tmp/fy-paper-XXXXXX";

    assert_non_null(mkdtemp(dir));
    char *path = fy_xasprintf("%s/q.pdf", dir);
    build(fx, NULL, "2024Q2", &book, &doc);
    assert_int_equal(report_pdf_write(fx->fonts, &doc, path, &err), FY_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[5] = {0};
    assert_int_equal(fread(head, 1, 4, f), 4);
    fclose(f);
    assert_string_equal(head, "%PDF");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 10000);
    unlink(path);
    rmdir(dir);
    free(path);
    report_doc_release(&doc);
    report_book_release(&book);
}

/* Every ASCII punctuation character and a line break, in a text that
 * pandoc's Markdown would otherwise read as markup. */
#define TRICKY "1. *星* _下_ [注1](x) <b>&amp; `码` $x$ @引 ~y~ ^z^ \\ | # > - + = : ! % \" ' {a}"

/* A notice of every kind of block, by hand. */
static void tricky_doc(struct report_doc *doc, struct report_table *t)
{
    memset(doc, 0, sizeof(*doc));
    report_table_init(t, 3, 2);
    t->title = fy_xstrdup("表1 " TRICKY);
    t->source = fy_xstrdup("资料来源：" TRICKY);
    t->has_total = 1;
    const char *heads[] = {"旗区", "件数", "败诉率同比"};
    const enum report_col_kind kinds[] = {RC_TEXT, RC_COUNT, RC_CHANGE_PP};
    for (size_t c = 0; c < 3; c++) {
        t->cols[c].header = fy_xstrdup(heads[c]);
        t->cols[c].kind = kinds[c];
    }
    report_cell(t, 0, 0)->text = fy_xstrdup("东胜区|*1*");
    report_cell(t, 0, 1)->defined = 1;
    report_cell(t, 0, 1)->v = 1234;
    report_cell(t, 0, 2)->defined = 1;
    report_cell(t, 0, 2)->v = -1.5;
    report_cell(t, 1, 0)->text = fy_xstrdup("合计");
    report_cell(t, 1, 1)->defined = 1;
    report_cell(t, 1, 1)->v = 1234;
    doc->form = DOC_NOTICE;
    doc->title = fy_xstrdup("关于" TRICKY "的通报");
    doc->subtitle = fy_xstrdup("（2024年第二季度）");
    doc->issuers = fy_xstrdup("某某中级人民法院");
    doc->date = fy_xstrdup("2024年7月10日");
    doc->number = fy_xstrdup("某中法〔2024〕12号");
    doc->to = fy_xstrdup("各旗区人民政府：");
    doc->created = 1700000000;
    report_doc_heading(doc, "一、" TRICKY);
    report_doc_para(doc, TRICKY "\n第二行");
    report_doc_labelled_para(doc, "【基本案情】", TRICKY);
    report_doc_byline(doc, "案号：(2023)内0603行初1号");
    report_doc_table(doc, t);
    report_doc_pagebreak(doc);
    report_doc_pagebreak(doc);
    report_doc_subheading(doc, "（一）表注");
    report_doc_attach_note(doc, "附件：1. 表一\n　　　2. 表二");
    report_doc_attachment(doc, "附件1", "收结案情况");
    report_doc_table(doc, t);
    const size_t first[] = {0};
    report_doc_table_rows(doc, t, first, 1, "表1仅列出1个旗区。");
}

#define T12 "{custom-style=\"Table Text 12pt\"}"

/* The Markdown of a document: every text escaped, the styles of the
 * reference named, a table's widths in its dashes, one page break for
 * two, the 落款 before the first 附件. */
static void test_paper_docx__markdown(void **state)
{
    struct report_doc doc;
    struct report_table t;
    struct fy_buf md = FY_BUF_INIT;

    tricky_doc(&doc, &t);
    report_doc_markdown(&doc, NULL, &md);
    const char *s = fy_buf_str(&md);
    const char *want[] = {
        "::: {custom-style=\"Notice Issuer\"}\n某某中级人民法院\n:::",
        "::: {custom-style=\"Notice Number\"}\n某中法〔2024〕12号\n:::",
        "# 一、1\\. \\*星\\* \\_下\\_ \\[注1\\]\\(x\\) \\<b\\>\\&amp\\; "
        "\\`码\\` \\$x\\$ \\@引 \\~y\\~ \\^z\\^ \\\\ \\| \\# \\> \\- \\+ \\= "
        "\\: \\! \\% \\\" \\' \\{a\\}\n",
        "\\{a\\}\\\n第二行\n",
        "**【基本案情】**1\\. \\*星\\*",
        "::: {custom-style=\"Byline\"}\n案号：\\(2023\\)内0603行初1号\n:::",
        "Table: 表1 1\\. \\*星\\*",
        /* a narrow table: 小四, the character style of its cells */
        "| [**旗区**]" T12 " | [**件数**]" T12 " | [**败诉率同比（百分点）**]" T12
        " |\n",
        "| [东胜区\\|\\*1\\*]" T12 " | [1\\,234]" T12 " | [\\-1\\.50]" T12
        " |\n",
        "| [**合计**]" T12 " | [**1\\,234**]" T12 " | [**—**]" T12 " |\n",
        "::: {custom-style=\"Table Source\"}\n资料来源：1\\. \\*星\\*",
        "::: {custom-style=\"Attachment Note\"}\n附件：1\\. 表一\\\n2\\. 表二\n:::",
        "::: {custom-style=\"Signature\"}\n某某中级人民法院\\\n2024年7月10日\n:::\n\n"
        "::: {custom-style=\"Attachment Label\"}\n附件1\n:::\n\n"
        "::: {custom-style=\"Attachment Title\"}\n收结案情况\n:::",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(s, want[i]))
            fail_msg("no\n%s\nin\n%s", want[i], s);
    /* the excerpt: its row, no 合计 row, the line saying where the rest
     * is under its source line */
    const char *ex = strstr(s, "仅列出");
    assert_non_null(ex);
    const char *ex_table = ex;
    while (ex_table > s && strncmp(ex_table, "Table: ", 7) != 0)
        ex_table--;
    char *excerpt = fy_xstrndup(ex_table, (size_t)(ex - ex_table));
    assert_non_null(strstr(excerpt, "| [东胜区\\|\\*1\\*]" T12 " |"));
    assert_null(strstr(excerpt, "合计"));
    assert_non_null(strstr(excerpt, "::: {custom-style=\"Table Source\"}\n"
                                    "资料来源："));
    free(excerpt);
    assert_non_null(strstr(s, "::: {custom-style=\"Table Source\"}\n"
                              "表1仅列出1个旗区。\n:::"));
    /* two page breaks in a row make one new page */
    const char *pb = strstr(s, "custom-style=\"Page Break\"");
    assert_non_null(pb);
    assert_null(strstr(pb + 1, "custom-style=\"Page Break\""));
    /* the separator line: wider than pandoc's 72 columns, the name column
     * left-aligned, the figures right-aligned */
    const char *sep = strstr(s, "\n|:");
    assert_non_null(sep);
    size_t len = strcspn(sep + 1, "\n");
    assert_true(len > 72);
    assert_true(sep[len - 1] == ':' && sep[len] == '|');
    fy_buf_release(&md);
    report_doc_release(&doc);
    report_table_release(&t);

    /* with the faces, a 公文's title is broken where the PDF breaks it:
     * after the issuers */
    const struct fixture *fx = *state;
    struct report_doc n;
    memset(&n, 0, sizeof(n));
    n.form = DOC_NOTICE;
    n.issuers = fy_xstrdup("鄂尔多斯市中级人民法院");
    n.title = fy_xstrdup("鄂尔多斯市中级人民法院关于2024年第二季度行政案件"
                         "情况的通报");
    n.number = fy_xstrdup("〔2024〕　　号");
    n.to = fy_xstrdup("各旗区人民政府：");
    n.date = fy_xstrdup("2024年7月10日");
    report_doc_markdown(&n, fx->fonts, &md);
    if (!strstr(fy_buf_str(&md),
                "::: {custom-style=\"Notice Title\"}\n鄂尔多斯市中级人民法院\\\n"
                "关于2024年第二季度行政案件情况的通报\n:::"))
        fail_msg("the title is not broken after the issuers:\n%s",
                 fy_buf_str(&md));
    fy_buf_release(&md);
    report_doc_release(&n);
}

/* The .docx, when pandoc is there: read back as plain text, every tricky
 * text is there as it was written. */
static void test_paper_docx__round_trip(void **state)
{
    struct report_doc doc;
    struct report_table t;
    struct fy_error err;
    char dir[] = "/tmp/fy-docx-XXXXXX";

    (void)state;
    if (system("pandoc --version > /dev/null 2>&1") != 0)
        skip();
    tricky_doc(&doc, &t);
    assert_non_null(mkdtemp(dir));
    char *path = fy_xasprintf("%s/n.docx", dir);
    char *data = top_path("data");
    struct report_docx_opts o = {data, dir, NULL, NULL};
    memset(&err, 0, sizeof(err));
    if (report_docx_write(&doc, &o, path, &err) != FY_OK)
        fail_msg("%s", err.msg);
    char *cmd = fy_xasprintf("pandoc -t plain --wrap=none %s", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct fy_buf text = FY_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        fy_buf_append(&text, chunk, n);
    assert_int_equal(pclose(p), 0);
    const char *want[] = {"一、" TRICKY, TRICKY "\n第二行", "【基本案情】" TRICKY,
                          "东胜区|*1*", "1,234", "-1.50",
                          "某中法〔2024〕12号", "收结案情况"};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(fy_buf_str(&text), want[i]))
            fail_msg("no\n%s\nin\n%s", want[i], fy_buf_str(&text));
    fy_buf_release(&text);
    unlink(path);
    rmdir(dir);
    free(cmd);
    free(data);
    free(path);
    report_doc_release(&doc);
    report_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_annual__sections_and_charts),
        cmocka_unit_test(test_paper_book__typed_links),
        cmocka_unit_test(test_paper_quarterly__sections_and_lists),
        cmocka_unit_test(test_paper_words__measure_words_dates_verdicts),
        cmocka_unit_test(test_paper_pdf__renders),
        cmocka_unit_test(test_paper_docx__markdown),
        cmocka_unit_test(test_paper_docx__round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
