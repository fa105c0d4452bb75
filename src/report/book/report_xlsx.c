/* SPDX-License-Identifier: MIT */
/*
 * report_xlsx.c - a report book as an .xlsx workbook (libxlsxwriter; the
 * only user of it). Sheets: 封面, 目录, 说明, one statistical table per
 * sheet, 数据质量. Each table: title in A1, source and notes below, then
 * one Excel table with a stable name; no merged cells; header frozen;
 * counts as integers, rates as unrounded fractions with a percent format;
 * "—" (right-aligned) where a rate is undefined; native charts beside.
 */
#include "fuyuan/book.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define TABLE_ROW 3          /* the header row of every table sheet */
#define CHART_DATA_ROW 23    /* a chart's own data: under the chart */
#define MAX_WIDTH 60.0
#define UNDEFINED "—"

struct formats {
    lxw_format *title, *note, *header, *text, *count, *rate, *per10k,
        *change_rel, *change_pp, *change_diff, *integer, *date, *undefined,
        *link, *label, *wrap;
};

struct writer {
    lxw_workbook *wb;
    struct formats f;
    const struct report_book *book;
    double *width;           /* display widths of the current sheet */
    size_t nwidth;
};

static void make_formats(struct writer *w)
{
    struct formats *f = &w->f;
    lxw_workbook *wb = w->wb;

    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->note = workbook_add_format(wb);
    format_set_font_color(f->note, 0x595959);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    f->text = workbook_add_format(wb);
    f->label = workbook_add_format(wb);
    format_set_bold(f->label);
    f->count = workbook_add_format(wb);
    format_set_num_format(f->count, "#,##0");
    f->rate = workbook_add_format(wb);
    format_set_num_format(f->rate, "0.00%");
    f->per10k = workbook_add_format(wb);
    format_set_num_format(f->per10k, "0.00");
    f->change_rel = workbook_add_format(wb);
    format_set_num_format(f->change_rel, "+0.00%;-0.00%;0.00%");
    f->change_pp = workbook_add_format(wb);
    format_set_num_format(f->change_pp, "+0.00\"个百分点\";-0.00\"个百分点\";"
                                        "0.00\"个百分点\"");
    f->change_diff = workbook_add_format(wb);
    format_set_num_format(f->change_diff, "+0.00;-0.00;0.00");
    f->integer = workbook_add_format(wb);
    format_set_num_format(f->integer, "0");
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy-mm-dd");
    f->undefined = workbook_add_format(wb);
    format_set_align(f->undefined, LXW_ALIGN_RIGHT);
    f->wrap = workbook_add_format(wb);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    f->link = workbook_add_format(wb);
    format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f->link, LXW_COLOR_BLUE);
}

/* ------------------------------------------------------------------ */
/* Column widths in display columns (a Han character is two)           */
/* ------------------------------------------------------------------ */

static void widths_reset(struct writer *w, size_t ncols)
{
    free(w->width);
    w->width = fy_xcalloc(ncols ? ncols : 1, sizeof(double));
    w->nwidth = ncols;
}

static void widths_note(struct writer *w, size_t col, const char *s)
{
    double d = (double)fy_text_width(s);

    if (col < w->nwidth && d > w->width[col])
        w->width[col] = d;
}

static void widths_apply(struct writer *w, lxw_worksheet *ws)
{
    for (size_t c = 0; c < w->nwidth; c++) {
        double d = w->width[c] + 2.0;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             d > MAX_WIDTH ? MAX_WIDTH : d, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

/* The text a cell shows, for the column width: as the paper prints it,
 * plus the unit Excel's number format adds to a change of a rate. */
static void shown(const struct report_value *v, enum report_col_kind k,
                  struct fy_buf *b)
{
    report_fmt_cell(v, k, b);
    if (k == RC_CHANGE_PP && v->defined)
        fy_buf_puts(b, "个百分点");
}

static lxw_format *format_of(const struct writer *w, enum report_col_kind k)
{
    switch (k) {
    case RC_COUNT: return w->f.count;
    case RC_RATE: return w->f.rate;
    case RC_PER10K: return w->f.per10k;
    case RC_CHANGE_REL: return w->f.change_rel;
    case RC_CHANGE_PP: return w->f.change_pp;
    case RC_CHANGE_DIFF: return w->f.change_diff;
    case RC_INT: return w->f.integer;
    case RC_DATE: return w->f.date;
    default: return w->f.text;
    }
}


/* A label that is a year ("2022"): stored as a number, as a year is. */
static int is_year(const char *s)
{
    return s && strlen(s) == 4 && s[0] >= '1' && s[0] <= '2'
           && strspn(s, "0123456789") == 4;
}

static void write_value(struct writer *w, lxw_worksheet *ws, lxw_row_t r,
                        lxw_col_t c, const struct report_value *v,
                        enum report_col_kind k, int bold)
{
    if (k == RC_TEXT && is_year(v->text)) {
        worksheet_write_number(ws, r, c, atof(v->text), w->f.integer);
    } else if (k == RC_TEXT) {
        worksheet_write_string(ws, r, c, v->text ? v->text : "",
                               bold ? w->f.label : NULL);
    } else if (!v->defined) {
        worksheet_write_string(ws, r, c, UNDEFINED, w->f.undefined);
    } else if (k == RC_DATE) {
        /* Excel's serial day: 1970-01-01 is 25569 */
        worksheet_write_number(ws, r, c, v->v + 25569.0, w->f.date);
    } else {
        worksheet_write_number(ws, r, c, v->v, format_of(w, k));
    }
}

/* ------------------------------------------------------------------ */
/* A table sheet                                                       */
/* ------------------------------------------------------------------ */

/* 1 when the chart's rows are a run of the table's rows, in order (the
 * chart can then refer to the table itself). */
static int rows_contiguous(const struct report_chart *ch)
{
    for (size_t i = 1; i < ch->nrows; i++)
        if (ch->rows[i] != ch->rows[0] + i)
            return 0;
    return 1;
}

/*
 * The chart's data where it is not a run of the table's rows (some left
 * out, bars largest first): a block under the chart, its rows in the
 * chart's order, with the table's formats. Returns its first data row;
 * *col is its first column (the categories).
 */
static lxw_row_t write_chart_data(struct writer *w, lxw_worksheet *ws,
                                  const struct report_table *t,
                                  lxw_col_t *col)
{
    const struct report_chart *ch = &t->chart;
    lxw_row_t r0 = CHART_DATA_ROW;
    lxw_col_t c0 = (lxw_col_t)(t->ncols + 1);

    worksheet_write_string(ws, r0 - 2, c0,
                           "图表数据（图中的顺序；无数据的类别不画）",
                           w->f.note);
    worksheet_write_string(ws, r0 - 1, c0, t->cols[ch->category].header,
                           w->f.header);
    for (size_t s = 0; s < ch->nvalues; s++)
        worksheet_write_string(ws, r0 - 1, (lxw_col_t)(c0 + 1 + s),
                               t->cols[ch->values[s]].header, w->f.header);
    double width = (double)fy_text_width(t->cols[ch->category].header);
    for (size_t i = 0; i < ch->nrows; i++) {
        const char *label = t->cells[ch->rows[i] * t->ncols
                                     + ch->category].text;
        double d = (double)fy_text_width(label ? label : "");
        if (d > width)
            width = d;
    }
    worksheet_set_column(ws, c0, c0, width + 2 > MAX_WIDTH ? MAX_WIDTH
                                                           : width + 2, NULL);
    for (size_t s = 0; s < ch->nvalues; s++) {
        double d = (double)fy_text_width(t->cols[ch->values[s]].header) + 2;
        worksheet_set_column(ws, (lxw_col_t)(c0 + 1 + s),
                             (lxw_col_t)(c0 + 1 + s),
                             d > MAX_WIDTH ? MAX_WIDTH : d, NULL);
    }
    for (size_t i = 0; i < ch->nrows; i++) {
        size_t r = ch->rows[i];
        write_value(w, ws, (lxw_row_t)(r0 + i), c0,
                    &t->cells[r * t->ncols + ch->category], RC_TEXT, 0);
        for (size_t s = 0; s < ch->nvalues; s++) {
            size_t c = ch->values[s];
            write_value(w, ws, (lxw_row_t)(r0 + i), (lxw_col_t)(c0 + 1 + s),
                        &t->cells[r * t->ncols + c], t->cols[c].kind, 0);
        }
    }
    *col = c0;
    return r0;
}

/*
 * The table's native chart, as t->chart describes it (the rows, type,
 * unit and source the book settled for the drawn chart too): title with
 * a second line "单位：…｜资料来源：…", rates on the value axis in %,
 * the value axis from 0.
 */
static void add_chart(struct writer *w, lxw_worksheet *ws,
                      const struct report_table *t)
{
    static const uint8_t types[] = {
        [CHART_COLUMN] = LXW_CHART_COLUMN, [CHART_BAR] = LXW_CHART_BAR,
        [CHART_LINE] = LXW_CHART_LINE, [CHART_PIE] = LXW_CHART_PIE,
    };
    const struct report_chart *ch = &t->chart;
    lxw_row_t first;
    lxw_col_t cat_col;
    const char *sheet = t->sheet;

    if (ch->type == CHART_NONE || !ch->nrows || !ch->nvalues)
        return;
    /* the table's own rows where the chart shows a run of them, else a
     * block of the chart's data */
    int own = rows_contiguous(ch);
    if (own) {
        first = (lxw_row_t)(TABLE_ROW + 1 + ch->rows[0]);
        cat_col = (lxw_col_t)ch->category;
    } else {
        first = write_chart_data(w, ws, t, &cat_col);
    }
    lxw_row_t last = (lxw_row_t)(first + ch->nrows - 1);
    int type = ch->type;
    if (ch->target)
        type = CHART_LINE; /* the rate as points, the target as a line */
    lxw_chart *chart = workbook_add_chart(w->wb, types[type]);
    for (size_t s = 0; s < ch->nvalues; s++) {
        lxw_col_t c = own ? (lxw_col_t)ch->values[s]
                          : (lxw_col_t)(cat_col + 1 + s);
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(series, sheet, first, cat_col, last,
                                    cat_col);
        chart_series_set_values(series, sheet, first, c, last, c);
        chart_series_set_name_range(series, sheet,
                                    own ? TABLE_ROW : first - 1, c);
        if (ch->type != CHART_PIE && ch->nvalues == 1)
            chart_series_set_labels(series);
        if (ch->type == CHART_PIE) {
            chart_series_set_labels(series);
            chart_series_set_labels_options(series, LXW_FALSE, LXW_FALSE,
                                            LXW_TRUE);
            break; /* a pie has one series */
        }
        if (ch->target) {
            int is_target = s == ch->nvalues - 1;
            lxw_chart_line line = {0};
            if (is_target) {
                line.dash_type = LXW_CHART_LINE_DASH_DASH;
                line.color = 0xC00000;
            } else {
                line.none = LXW_TRUE;
                chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
            }
            chart_series_set_line(series, &line);
        }
    }
    /* white-paper.md, "Charts": every chart has unit and source lines */
    char *title = fy_xasprintf("%s\n单位：%s｜%s", ch->title, ch->unit,
                               ch->source);
    chart_title_set_name(chart, title);
    free(title);
    lxw_chart_font font = {0};
    font.size = 11;
    font.bold = LXW_TRUE;
    chart_title_set_name_font(chart, &font);
    if (ch->nvalues < 2 || ch->type == CHART_PIE)
        chart_legend_set_position(chart, ch->type == CHART_PIE
                                              ? LXW_CHART_LEGEND_RIGHT
                                              : LXW_CHART_LEGEND_NONE);
    else
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    if (ch->type != CHART_PIE) {
        /* libxlsxwriter's bar chart has its value axis as x_axis */
        lxw_chart_axis *values = ch->type == CHART_BAR ? chart->x_axis
                                                       : chart->y_axis;
        chart_axis_set_num_format(values, ch->percent ? "0%"
                                  : strcmp(ch->unit, "件") == 0 ? "#,##0"
                                                               : "General");
        chart_axis_set_min(values, 0); /* count and rate axes from 0 */
    }
    if (ch->type == CHART_BAR)
        chart_axis_set_reverse(chart->y_axis); /* first category on top */
    lxw_chart_options opt = {0};
    opt.x_offset = 10;
    opt.description = ch->alt;
    worksheet_insert_chart_opt(ws, TABLE_ROW, (lxw_col_t)(t->ncols + 1), chart,
                               &opt);
}

/*
 * Every sheet prints (issue 13): A4, one page wide (as many long as it
 * takes), the title, source and header rows repeated on each page,
 * landscape where the sheet is wide (a chart beside the table, or many
 * columns).
 */
static void print_setup(lxw_worksheet *ws, int landscape, int repeat)
{
    worksheet_set_paper(ws, 9); /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    if (repeat)
        worksheet_repeat_rows(ws, 0, TABLE_ROW);
}

static void write_table_sheet(struct writer *w, const struct report_table *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, t->sheet);
    struct fy_buf b = FY_BUF_INIT;
    lxw_table_column *cols = fy_xcalloc(t->ncols, sizeof(*cols));
    lxw_table_column **colp = fy_xcalloc(t->ncols + 1, sizeof(*colp));

    widths_reset(w, t->ncols);
    worksheet_write_string(ws, 0, 0, t->title, w->f.title);
    worksheet_write_string(ws, 1, 0, t->source, w->f.note);
    /* the units line says what the figures of this table are */
    int counts = 0, rates = 0, per10k = 0, undefined = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        enum report_col_kind k = t->cols[c].kind;
        counts |= k == RC_COUNT || k == RC_CHANGE_REL;
        rates |= k == RC_RATE || k == RC_CHANGE_PP;
        per10k |= k == RC_PER10K || k == RC_CHANGE_DIFF;
    }
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        undefined |= t->cols[i % t->ncols].kind != RC_TEXT
                     && !t->cells[i].defined;
    struct fy_buf units = FY_BUF_INIT;
    if (counts)
        fy_buf_puts(&units, "单位：件");
    if (rates)
        fy_buf_printf(&units, "%s比率为百分比", units.len ? "；" : "");
    if (per10k)
        fy_buf_printf(&units, "%s万人成讼率为每万名常住人口的一审案件数",
                      units.len ? "；" : "");
    if (undefined)
        fy_buf_printf(&units, "%s“—”为不适用（分母为0）",
                      units.len ? "；" : "");
    if (units.len)
        worksheet_write_string(ws, 2, 0, fy_buf_str(&units), w->f.note);
    fy_buf_release(&units);
    for (size_t c = 0; c < t->ncols; c++) {
        cols[c].header = t->cols[c].header;
        cols[c].header_format = w->f.header;
        cols[c].format = format_of(w, t->cols[c].kind);
        if (c == 0 && t->has_total)
            cols[c].total_string = "合计";
        colp[c] = &cols[c];
        widths_note(w, c, t->cols[c].header);
    }
    lxw_table_options opt = {0};
    opt.name = t->name;
    opt.columns = colp;
    opt.total_row = t->has_total ? LXW_TRUE : LXW_FALSE;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    /* a table with no row but its 合计 (an empty period) says so in a
     * data row above the 合计, as one with no row at all does: the
     * reader sees why everything is 0, and an Excel table keeps a data
     * row */
    size_t ndata = t->nrows - (t->has_total && t->nrows ? 1 : 0);
    size_t gap = ndata == 0 ? 1 : 0;
    worksheet_add_table(ws, TABLE_ROW, 0,
                        (lxw_row_t)(TABLE_ROW + t->nrows + gap),
                        (lxw_col_t)(t->ncols - 1), &opt);
    for (size_t r = 0; r < t->nrows; r++) {
        int total = t->has_total && r == t->nrows - 1;
        lxw_row_t row = (lxw_row_t)(TABLE_ROW + 1 + r + (total ? gap : 0));
        for (size_t c = 0; c < t->ncols; c++) {
            const struct report_value *v = &t->cells[r * t->ncols + c];
            write_value(w, ws, row, (lxw_col_t)c, v, t->cols[c].kind,
                        total && c == 0);
            shown(v, t->cols[c].kind, &b);
            widths_note(w, c, fy_buf_str(&b));
        }
    }
    if (ndata == 0) {
        worksheet_write_string(ws, TABLE_ROW + 1, 0, "（无数据）", NULL);
        widths_note(w, 0, "（无数据）");
    }
    widths_apply(w, ws);
    worksheet_freeze_panes(ws, TABLE_ROW + 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    add_chart(w, ws, t);
    print_setup(ws, t->chart.type != CHART_NONE || t->ncols > 8, 1);
    free(cols);
    free(colp);
    fy_buf_release(&b);
}

/* ------------------------------------------------------------------ */
/* 封面, 目录, 说明, 数据质量                                           */
/* ------------------------------------------------------------------ */

/* A two-column table of (label, text) rows, or (label, count) rows when
 * @p counts is not NULL. */
static void write_pairs(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                        const char *name, const char *h1, const char *h2,
                        const char *const *pairs, const double *counts,
                        size_t n)
{
    lxw_table_column c1 = {0}, c2 = {0};
    lxw_table_column *cols[3] = {&c1, &c2, NULL};
    lxw_table_options opt = {0};

    c1.header = (char *)h1;
    c2.header = (char *)h2;
    c1.header_format = c2.header_format = w->f.header;
    opt.name = (char *)name;
    opt.columns = cols;
    opt.no_autofilter = LXW_TRUE;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    worksheet_add_table(ws, row, 0, (lxw_row_t)(row + (n ? n : 1)), 1, &opt);
    widths_note(w, 0, h1);
    widths_note(w, 1, h2);
    for (size_t i = 0; i < n; i++) {
        worksheet_write_string(ws, (lxw_row_t)(row + 1 + i), 0, pairs[2 * i],
                               w->f.label);
        if (counts)
            worksheet_write_number(ws, (lxw_row_t)(row + 1 + i), 1,
                                   counts[i], w->f.count);
        else
            worksheet_write_string(ws, (lxw_row_t)(row + 1 + i), 1,
                                   pairs[2 * i + 1], w->f.wrap);
        widths_note(w, 0, pairs[2 * i]);
        widths_note(w, 1, counts ? "0000000" : pairs[2 * i + 1]);
    }
}

/* The encoding of a file as documents say it. */
static const char *encoding_name(const char *enc)
{
    if (!enc)
        return "";
    return strcmp(enc, "UTF-8 (BOM)") == 0 ? "UTF-8（带BOM）" : enc;
}

static void write_cover(struct writer *w)
{
    const struct report_book *bk = w->book;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "封面");
    struct fy_buf files = FY_BUF_INIT;
    char created[32];
    struct tm tm;

    for (size_t i = 0; i < bk->ds->quality.nfiles; i++)
        fy_buf_printf(&files, "%s%s", i ? "；" : "",
                      bk->ds->quality.files[i].name);
    gmtime_r(&bk->created, &tm);
    strftime(created, sizeof(created), "%Y-%m-%d", &tm);
    const char *pairs[] = {
        "统计期间", bk->period_title,
        "统计截止日", bk->as_of,
        "发布单位", bk->issuers,
        "内容", bk->contents,
        "数据来源", fy_buf_str(&files),
        "生成日期", created,
        "生成工具", "fuyuan " FY_REPORT_VERSION,
    };
    widths_reset(w, 2);
    worksheet_write_string(ws, 0, 0, bk->title, w->f.title);
    write_pairs(w, ws, 2, "Cover", "项目", "内容", pairs, NULL,
                sizeof(pairs) / sizeof(pairs[0]) / 2);
    widths_apply(w, ws);
    /* the long cells (内容, 数据来源) wrap in a column of 60: the cover
     * prints on one page */
    worksheet_set_column(ws, 1, 1, MAX_WIDTH, NULL);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    print_setup(ws, 0, 0);
    worksheet_fit_to_pages(ws, 1, 1);
    fy_buf_release(&files);
}

static void write_contents(struct writer *w)
{
    const struct report_book *bk = w->book;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "目录");
    lxw_table_column c1 = {0}, c2 = {0}, c3 = {0};
    lxw_table_column *cols[4] = {&c1, &c2, &c3, NULL};
    lxw_table_options opt = {0};
    size_t n = bk->ntables + 2 + (bk->revisions != NULL);

    widths_reset(w, 3);
    worksheet_write_string(ws, 0, 0, "目录", w->f.title);
    worksheet_write_string(ws, 1, 0, "点击工作表名称可跳转到该表。", w->f.note);
    c1.header = "序号";
    c2.header = "工作表";
    c3.header = "标题";
    c1.header_format = c2.header_format = c3.header_format = w->f.header;
    opt.name = "Contents";
    opt.columns = cols;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    worksheet_add_table(ws, TABLE_ROW, 0, (lxw_row_t)(TABLE_ROW + n), 2, &opt);
    for (size_t i = 0; i < n; i++) {
        const char *sheet, *title;
        if (i == 0) {
            sheet = "说明";
            title = "指标口径、注释和数据质量说明";
        } else if (bk->revisions && i == n - 1) {
            sheet = "修订说明";
            title = "与上次结果相比有修订的数字及其原因";
        } else if (i == bk->ntables + 1) {
            sheet = "数据质量";
            title = "输入文件的读取、使用和拒绝行数，拒绝原因，重复和补充处理";
        } else {
            sheet = bk->tables[i - 1].sheet;
            title = bk->tables[i - 1].title;
        }
        lxw_row_t r = (lxw_row_t)(TABLE_ROW + 1 + i);
        char *url = fy_xasprintf("internal:'%s'!A1", sheet);
        worksheet_write_number(ws, r, 0, (double)(i + 1), w->f.integer);
        worksheet_write_url_opt(ws, r, 1, url, w->f.link, sheet, NULL);
        worksheet_write_string(ws, r, 2, title, NULL);
        widths_note(w, 1, sheet);
        widths_note(w, 2, title);
        free(url);
    }
    widths_note(w, 0, "序号");
    widths_apply(w, ws);
    worksheet_freeze_panes(ws, TABLE_ROW + 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    print_setup(ws, 0, 0);
}

static int seen_metric(const struct report_book *bk, size_t upto_table,
                       size_t upto_metric, const char *id)
{
    for (size_t t = 0; t <= upto_table && t < bk->ntables; t++)
        for (size_t m = 0; m < bk->tables[t].nmetrics; m++) {
            if (t == upto_table && m == upto_metric)
                return 0;
            if (strcmp(bk->tables[t].metrics[m], id) == 0)
                return 1;
        }
    return 0;
}

/* 运行设置: every key of the run's settings but the output folder (and
 * the earlier run's, which 修订说明 names), its
 * value and where it came from, from row @p r of 说明 on. Paths show as the profile writes them
 * (relative to its folder), never as a machine's absolute path. */
static void write_settings(struct writer *w, lxw_worksheet *ws, lxw_row_t r)
{
    const struct report_settings *s = w->book->settings;

    if (!s || !s->nlist)
        return;
    const char *name = NULL;
    if (s->profile) {
        name = strrchr(s->profile, '/');
        name = name ? name + 1 : s->profile;
    }
    char *profile = name ? fy_xasprintf("运行设置文件 %s", name) : NULL;
    worksheet_write_string(ws, r++, 0, "运行设置", w->f.label);
    const char *h[3] = {"设置", "值", "来源"};
    for (lxw_col_t c = 0; c < 3; c++)
        worksheet_write_string(ws, r, c, h[c], w->f.header);
    r++;
    for (size_t i = 0; i < s->nlist; i++) {
        const struct report_setting *e = &s->list[i];
        /* where the files were written is not the document's content,
         * and the same run into another folder gives the same bytes */
        if (!strcmp(e->section, "report") && (!strcmp(e->key, "output")
                                              || !strcmp(e->key, "previous")))
            continue; /* the earlier run compared with: in 修订说明 */
        char *key = fy_xasprintf("%s.%s", e->section, e->key);
        const char *from = e->from == REPORT_FROM_PROFILE ? profile
                           : e->from == REPORT_FROM_COMMAND_LINE ? "命令行"
                                                                 : "默认";
        const char *value = e->shown ? e->shown : "（无）";
        worksheet_write_string(ws, r, 0, key, NULL);
        if (e->number && e->shown)
            worksheet_write_number(ws, r, 1, strtod(e->shown, NULL), NULL);
        else
            worksheet_write_string(ws, r, 1, value, NULL);
        worksheet_write_string(ws, r, 2, from, NULL);
        widths_note(w, 1, value);
        widths_note(w, 2, from);
        free(key);
        r++;
    }
    free(profile);
}

/*
 * A list sheet's Excel table @p name at TABLE_ROW: the headers @p h (their
 * widths noted) and @p nrows rows, one when there are none so that the
 * table stays valid (the caller writes what the empty row says).
 */
#define LIST_MAX_COLS 12
static void list_table(struct writer *w, lxw_worksheet *ws, const char *name,
                       const char *const *h, size_t nh, size_t nrows)
{
    lxw_table_column c[LIST_MAX_COLS] = {{0}};
    lxw_table_column *cols[LIST_MAX_COLS + 1] = {NULL};
    lxw_table_options opt = {0};

    if (nh == 0 || nh > LIST_MAX_COLS)
        FY_BUG("table %s: %zu columns", name, nh);
    for (size_t i = 0; i < nh; i++) {
        c[i].header = (char *)h[i];
        c[i].header_format = w->f.header;
        cols[i] = &c[i];
        widths_note(w, i, h[i]);
    }
    opt.name = (char *)name;
    opt.columns = cols;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 1;
    worksheet_add_table(ws, TABLE_ROW, 0,
                        (lxw_row_t)(TABLE_ROW + (nrows ? nrows : 1)),
                        (lxw_col_t)(nh - 1), &opt);
}

static void write_notes(struct writer *w)
{
    const struct report_book *bk = w->book;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "说明");
    size_t ndefs, n = 0;
    const struct stats_metric_def *defs = stats_metric_defs(&ndefs);
    const char *used[128];

    for (size_t t = 0; t < bk->ntables; t++)
        for (size_t m = 0; m < bk->tables[t].nmetrics && n < 128; m++)
            if (!seen_metric(bk, t, m, bk->tables[t].metrics[m]))
                used[n++] = bk->tables[t].metrics[m];
    widths_reset(w, 4);
    worksheet_write_string(ws, 0, 0, "说明：指标口径与注释", w->f.title);
    worksheet_write_string(ws, 1, 0,
                           "期内：统计期间的起止日期之间（含两端）。比率的分子、"
                           "分母均为精确件数，单元格保存未经舍入的比值。",
                           w->f.note);
    static const char *const h[4] = {"指标", "代码", "分子", "分母"};
    list_table(w, ws, "Definitions", h, 4, n);
    for (size_t i = 0; i < n; i++) {
        lxw_row_t r = (lxw_row_t)(TABLE_ROW + 1 + i);
        const char *name = "败诉原因", *num = "列有该项原因的行政机关败诉案件",
                   *den = "行政机关败诉";
        if (strcmp(used[i], "loss_causes") != 0) {
            for (size_t d = 0; d < ndefs; d++) {
                if (strcmp(defs[d].id, used[i]) == 0) {
                    name = defs[d].name;
                    num = defs[d].numerator;
                    den = defs[d].denominator ? defs[d].denominator
                                              : "—（计数，无分母）";
                }
            }
        }
        const char *row[4] = {name, used[i], num, den};
        for (size_t k = 0; k < 4; k++) {
            worksheet_write_string(ws, r, (lxw_col_t)k, row[k], NULL);
            widths_note(w, k, row[k]);
        }
    }
    /* the notes, below the definitions with one row between */
    lxw_row_t r = (lxw_row_t)(TABLE_ROW + n + 3);
    worksheet_write_string(ws, r++, 0, "注释", w->f.label);
    for (size_t i = 0; i < bk->nnotes; i++) {
        char *line = fy_xasprintf("[注%zu] %s", i + 1, bk->notes[i]);
        worksheet_write_string(ws, r++, 0, line, NULL);
        free(line);
    }
    worksheet_write_string(ws, r++, 0,
                           "“—”表示比率的分母为0，比率无意义；它不是0。",
                           NULL);
    r++;
    worksheet_write_string(ws, r++, 0, "数据质量说明", w->f.label);
    char *q = fy_xasprintf("读取%zu个文件；拒绝%zu行（明细见“数据质量”工作表和 "
                           "rejects.csv）。",
                           bk->ds->quality.nfiles, bk->ds->quality.nrejects);
    worksheet_write_string(ws, r++, 0, q, NULL);
    free(q);
    for (size_t i = 0; i < bk->nwarnings; i++)
        worksheet_write_string(ws, r++, 0, bk->doc_warnings[i], NULL);
    write_settings(w, ws, r + 1);
    if (w->width[0] > 24)
        w->width[0] = 24;
    widths_apply(w, ws);
    worksheet_freeze_panes(ws, TABLE_ROW + 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    print_setup(ws, 0, 0);
}

static void write_quality(struct writer *w)
{
    const struct fy_quality *q = &w->book->ds->quality;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "数据质量");
    static const char *const h[] = {"文件", "编码", "表", "读取行数",
                                    "使用行数", "拒绝行数", "重复行数",
                                    "合计行", "标题行"};
    enum { NH = sizeof(h) / sizeof(h[0]) };

    widths_reset(w, NH);
    worksheet_write_string(ws, 0, 0, "数据质量", w->f.title);
    worksheet_write_string(ws, 1, 0,
                           "每个输入文件的行数；被拒绝的行不计入任何统计，"
                           "原样写入 rejects.csv。", w->f.note);
    list_table(w, ws, "QualityFiles", h, NH, q->nfiles);
    size_t n = q->nfiles ? q->nfiles : 1;
    for (size_t i = 0; i < q->nfiles; i++) {
        const struct fy_file_info *f = &q->files[i];
        lxw_row_t r = (lxw_row_t)(TABLE_ROW + 1 + i);
        const char *kind = f->kind >= 0 ? fy_table_kind_title(f->kind) : "";
        const char *enc = encoding_name(f->encoding);
        double nums[] = {(double)f->rows_read, (double)f->rows_used,
                         (double)f->rows_rejected, (double)f->rows_duplicate,
                         (double)f->rows_skipped, (double)f->title_rows};
        worksheet_write_string(ws, r, 0, f->name, NULL);
        worksheet_write_string(ws, r, 1, enc, NULL);
        worksheet_write_string(ws, r, 2, kind, NULL);
        for (size_t k = 0; k < 6; k++)
            worksheet_write_number(ws, r, (lxw_col_t)(3 + k), nums[k],
                                   w->f.count);
        widths_note(w, 0, f->name);
        widths_note(w, 1, enc);
        widths_note(w, 2, kind);
    }

    /* reasons and fallbacks, below, as two-column tables */
    lxw_row_t r = (lxw_row_t)(TABLE_ROW + n + 2);
    const char *pairs[2 * (FY_REJ_NREASONS + FY_NOTE_NKINDS)];
    double counts[FY_REJ_NREASONS + FY_NOTE_NKINDS];
    size_t np = 0;
    for (int k = 0; k < FY_REJ_NREASONS; k++) {
        if (!q->reject_counts[k])
            continue;
        counts[np] = (double)q->reject_counts[k];
        pairs[2 * np] = fy_reject_doc_label((enum fy_reject_reason)k);
        pairs[2 * np + 1] = "";
        np++;
    }
    worksheet_write_string(ws, r, 0, "拒绝原因", w->f.label);
    if (np == 0) {
        worksheet_write_string(ws, r + 1, 0, "没有被拒绝的行。", NULL);
        r += 3;
    } else {
        write_pairs(w, ws, r + 1, "QualityRejects", "原因", "行数", pairs,
                    counts, np);
        r = (lxw_row_t)(r + np + 4);
    }
    size_t start = np;
    for (int k = 0; k < FY_NOTE_NKINDS; k++) {
        /* population fallbacks are found by the engine: its warnings */
        unsigned long n = k == FY_NOTE_POPULATION_FALLBACK
                              ? (unsigned long)w->book->nwarnings
                              : q->notice_counts[k];
        if (!n)
            continue;
        counts[np] = (double)n;
        pairs[2 * np] = fy_notice_doc_label((enum fy_notice_kind)k);
        pairs[2 * np + 1] = "";
        np++;
    }
    worksheet_write_string(ws, r, 0, "读取中的其他处理（不属拒绝）",
                           w->f.label);
    if (np == start)
        worksheet_write_string(ws, r + 1, 0, "无。", NULL);
    else
        write_pairs(w, ws, r + 1, "QualityNotes", "处理", "次数",
                    pairs + 2 * start, counts + start, np - start);
    r = (lxw_row_t)(r + (np - start) + 3);
    for (size_t i = 0; i < w->book->nwarnings; i++)
        worksheet_write_string(ws, r++, 0, w->book->doc_warnings[i], NULL);
    if (w->width[0] > 50)
        w->width[0] = 50;
    widths_apply(w, ws);
    worksheet_freeze_panes(ws, TABLE_ROW + 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    print_setup(ws, 0, 0);
}

/* 修订说明: every figure that differs from the earlier run's (--previous),
 * in table order; one row 与上次结果相同（无修订） when none does. */
static void write_revisions(struct writer *w)
{
    const struct report_revisions *rv = w->book->revisions;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "修订说明");
    static const char *const h[] = {"表", "指标/行", "原数", "新数", "变化",
                                    "说明"};
    enum { NH = sizeof(h) / sizeof(h[0]) };

    widths_reset(w, NH);
    worksheet_write_string(ws, 0, 0, "修订说明", w->f.title);
    char *note = fy_xasprintf("与上次结果（%s，%s）相比有修订的数字，按表的"
                              "顺序；“说明”据两次的案件摘要列出新增、删除、"
                              "拒收和更正的案件。", rv->previous,
                              rv->created);
    worksheet_write_string(ws, 1, 0, note, w->f.note);
    free(note);
    list_table(w, ws, "Revisions", h, NH, rv->n);
    if (!rv->n) {
        worksheet_write_string(ws, TABLE_ROW + 1, 0,
                               "与上次结果相同（无修订）", NULL);
        widths_note(w, 0, "与上次结果相同（无修订）");
    }
    for (size_t i = 0; i < rv->n; i++) {
        const struct report_revision *e = &rv->items[i];
        lxw_row_t r = (lxw_row_t)(TABLE_ROW + 1 + i);
        char *what = fy_xasprintf("%s／%s", e->row, e->column);
        const char *v[NH] = {e->sheet, what,
                             e->old_text ? e->old_text : "（无）",
                             e->new_text ? e->new_text : "（无）", e->change,
                             e->why};
        for (size_t k = 0; k < NH; k++) {
            worksheet_write_string(ws, r, (lxw_col_t)k, v[k], NULL);
            widths_note(w, k, v[k]);
        }
        free(what);
    }
    widths_apply(w, ws);
    worksheet_freeze_panes(ws, TABLE_ROW + 1, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    print_setup(ws, 1, 1);
}

/* ------------------------------------------------------------------ */
/* The workbook                                                        */
/* ------------------------------------------------------------------ */

fy_status report_xlsx_write(const struct report_book *book, const char *path,
                            struct fy_error *err)
{
    struct writer w = {0};
    struct fy_loc at = {path, 0, 0};
    lxw_workbook_options wopt = {0};
    lxw_doc_properties props = {0};
    lxw_error rc;

    w.book = book;
    w.wb = workbook_new_opt(path, &wopt);
    if (!w.wb)
        return fy_fail(err, FY_E_XLSX, &at, "%s",
                       _("cannot create the workbook"));
    props.title = book->title;
    props.subject = book->period_title;
    props.author = book->issuers;
    props.company = book->issuers;
    props.keywords = "行政审判白皮书, 行政案件, 府院联动, 统计";
    props.comments = "由 fuyuan 根据法院案件管理系统导出数据生成。";
    props.created = book->created;
    workbook_set_properties(w.wb, &props);
    make_formats(&w);
    write_cover(&w);
    write_contents(&w);
    write_notes(&w);
    for (size_t i = 0; i < book->ntables; i++)
        write_table_sheet(&w, &book->tables[i]);
    write_quality(&w);
    if (book->revisions)
        write_revisions(&w);
    free(w.width);
    rc = workbook_close(w.wb);
    if (rc != LXW_NO_ERROR) {
        fy_status st = fy_fail(err, FY_E_XLSX, &at,
                               _("cannot write the workbook: %s"),
                               lxw_strerror(rc));
        if (err)
            err->lib_code = (int)rc;
        return st;
    }
    return FY_OK;
}
