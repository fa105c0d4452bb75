/* SPDX-License-Identifier: MIT */
/*
 * report_pdf.c - a document (report_doc) as an A4 PDF: a cover, a table
 * of contents, numbered pages, headings, paragraphs, charts and tables
 * that continue across pages with their header repeated. The document is
 * laid out twice: the first pass finds the page of every heading for the
 * contents, the second draws.
 *
 * Navigation: every heading is a named destination "h<block>" and a
 * bookmark (sections at the top level, open, their sub-headings under
 * them); every line of the contents is a link to its section's
 * destination. cairo resolves names when the document ends, so the
 * contents page links forward by name.
 *
 * Page rules, as a statistics office sets a publication: a heading stays
 * with the start of what follows it (and a heading whose text is one
 * short sentence, with the chart that sentence introduces); a table
 * starts with its title, header and two rows on one page, repeats title
 * and header on every page it continues to, never leaves its 合计 row
 * alone on a page and keeps its source line under its last row; every
 * table uses the largest type size (8.5 pt down to 6.5 pt) at which its
 * columns fit, wrapping headers and names rather than squeezing figures.
 *
 * A notice (DOC_NOTICE) is a 公文 instead: no cover and no contents, the
 * page of GB/T 9704-2012 (see "The 公文" below), one pass.
 */
#include "report/draw/report_draw.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 68.0
#define MARGIN_TOP 64.0
#define MARGIN_BOTTOM 72.0
#define BODY_SIZE 11.0
#define HEAD_SIZE 16.0
#define SUBHEAD_SIZE 13.0
#define CAPTION_SIZE 10.5
#define SOURCE_SIZE 7.5
#define CHART_H 270.0
#define CELL_PAD_X 3.5
#define CELL_PAD_Y 2.6
#define UNDEFINED "—"

/* A table laid out: its texts, column widths and row heights. */
struct tab {
    const struct report_table *t;
    int total;                /* its last row is the 合计 row */
    const char *after;        /* a line under the source line, or NULL */
    double after_h;
    size_t nc, nr;            /* columns; rows without the header */
    char **texts;             /* (nr + 1) x nc, row 0 = the header */
    double *colw;
    double *rowh;             /* nr + 1, [0] = the header */
    double size;
    double caption, source;   /* type sizes of the caption and source */
    double title_h;           /* the caption and the space under it */
    double source_h;          /* the source line (0 without one) */
};

struct pen {
    struct report_fonts *fonts;
    cairo_surface_t *surface;
    cairo_t *cr;
    const struct report_doc *doc;
    int page;               /* physical page, 1 = cover */
    int content_page;       /* number shown, 0 before the content */
    double y;               /* where the next block starts */
    int *heading_pages;     /* content page of each heading, by block */
    int outline_head;       /* bookmark of the last section heading */
    struct tab **tabs;      /* table layouts, by block (made once) */
    int drawing;            /* second pass */
    /* the text block: its left edge, top, width and foot (points) */
    double left, top, w, foot;
    int notice;             /* a 公文 (DOC_NOTICE): the GB/T 9704 page */
};

/* The text block of a report: centred, 68 pt each side. */
static void report_block(struct pen *p)
{
    p->left = MARGIN_X;
    p->top = MARGIN_TOP;
    p->w = PAGE_W - 2 * MARGIN_X;
    p->foot = PAGE_H - MARGIN_BOTTOM;
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

static void gw_folio(struct pen *p);

static void footer(struct pen *p)
{
    if (p->notice) {
        gw_folio(p);
        return;
    }
    if (p->content_page <= 0)
        return;
    char *num = fy_xasprintf("— %d —", p->content_page);
    PangoLayout *l = draw_text(p->fonts, p->cr, num, 9, 0, 0);
    double w, h;
    draw_text_size(l, &w, &h);
    cairo_set_source_rgb(p->cr, DRAW_TEXT_GREY, DRAW_TEXT_GREY,
                         DRAW_TEXT_GREY);
    draw_layout_at(p->cr, l, (PAGE_W - w) / 2, PAGE_H - 44);
    g_object_unref(l);
    free(num);
}

static void new_page(struct pen *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    if (p->content_page > 0 || p->page > 2)
        p->content_page++;
    p->y = p->top;
}

/* A new page unless @p h points still fit on this one (or it is empty). */
static void ensure(struct pen *p, double h)
{
    if (p->y + h > p->foot && p->y > p->top)
        new_page(p);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

static PangoLayout *para_layout(struct pen *p, const char *text, double size,
                                int bold, double indent, double width)
{
    PangoLayout *l = draw_text(p->fonts, p->cr, text, size, bold, width);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_spacing(l, (int)(size * 0.55 * PANGO_SCALE));
    return l;
}

/* Height of the first @p lines lines of a paragraph (0: all of them). */
static double para_height(struct pen *p, const char *text, double size,
                          int bold, double indent, int lines)
{
    PangoLayout *l = para_layout(p, text, size, bold, indent, p->w);
    double w, h;

    draw_text_size(l, &w, &h);
    if (lines > 0 && pango_layout_get_line_count(l) > lines) {
        PangoLayoutIter *it = pango_layout_get_iter(l);
        PangoRectangle r;
        for (int i = 1; i < lines; i++)
            pango_layout_iter_next_line(it);
        pango_layout_iter_get_line_extents(it, NULL, &r);
        h = (double)(r.y + r.height) / PANGO_SCALE;
        pango_layout_iter_free(it);
    }
    g_object_unref(l);
    return h;
}

/* A line of a laid-out paragraph. */
struct line_box {
    double y, h, baseline, x;   /* layout coordinates, points */
};

/*
 * A paragraph, split across pages line by line: never one line of it
 * alone at the foot of a page (a paragraph of three lines moves whole),
 * never its last line alone at the head of the next.
 */
static void paragraph_at(struct pen *p, const char *text, double size,
                         int bold, double indent, double space_after,
                         int centre, size_t label_len)
{
    PangoLayout *l = para_layout(p, text, size, bold, indent, p->w);
    if (centre)
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    if (label_len) { /* a run-in label: its bytes in bold */
        PangoAttrList *attrs = pango_attr_list_new();
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = 0;
        a->end_index = (guint)label_len;
        pango_attr_list_insert(attrs, a);
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    }
    int n = pango_layout_get_line_count(l), k = 0;
    struct line_box *lines = fy_xcalloc((size_t)n, sizeof(*lines));
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        lines[k].y = (double)r.y / PANGO_SCALE;
        lines[k].h = (double)r.height / PANGO_SCALE;
        lines[k].x = (double)r.x / PANGO_SCALE;
        lines[k].baseline = (double)pango_layout_iter_get_baseline(it)
                            / PANGO_SCALE;
        k++;
    } while (k < n && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);

    double top = n ? lines[0].y : 0; /* layout y of this page's first line */
    for (int i = 0; i < n; i++) {
        int upto = i; /* the last line that must fit with line i */
        if (i == 0)
            upto = n == 3 ? 2 : n > 1 ? 1 : 0;
        else if (i == n - 2 && i >= 2)
            upto = n - 1;
        double need = lines[upto].y + lines[upto].h - lines[i].y;
        if (p->y + (lines[i].y - top) + need > p->foot
            && p->y + (lines[i].y - top) > p->top) {
            p->y += lines[i].y - top;
            new_page(p);
            top = lines[i].y;
        }
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        cairo_move_to(p->cr, p->left + lines[i].x,
                      p->y + (lines[i].baseline - top));
        pango_cairo_show_layout_line(p->cr,
                                     pango_layout_get_line_readonly(l, i));
    }
    double w, h;
    draw_text_size(l, &w, &h);
    p->y += h - top + space_after;
    free(lines);
    g_object_unref(l);
}

static void paragraph(struct pen *p, const char *text, double size, int bold,
                      double indent, double space_after)
{
    paragraph_at(p, text, size, bold, indent, space_after, 0, 0);
}

/* Space above and below headings. */
#define HEAD_ABOVE 12.0
#define HEAD_BELOW 10.0
#define SUBHEAD_ABOVE 4.0
#define SUBHEAD_BELOW 6.0
#define PARA_BELOW 7.0
#define BYLINE_BELOW 6.0
#define CHART_ABOVE 4.0
#define CHART_BELOW 14.0

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */



static void text_size(struct pen *p, const char *s, double size, int bold,
                      double width, double *w, double *h)
{
    PangoLayout *l = draw_text(p->fonts, p->cr, s, size, bold, width);

    draw_text_size(l, w, h);
    g_object_unref(l);
}

static double text_w(struct pen *p, const char *s, double size, int bold)
{
    double w, h;

    text_size(p, s, size, bold, 0, &w, &h);
    return w;
}

static void tab_free(struct tab *tb)
{
    if (!tb)
        return;
    for (size_t i = 0; i < tb->nc * (tb->nr + 1); i++)
        free(tb->texts[i]);
    free(tb->texts);
    free(tb->colw);
    free(tb->rowh);
    free(tb);
}

/* The widest figure of column @p c (not its header) at type size @p size. */
static double figure_w(struct pen *p, const struct tab *tb, size_t c,
                       double size)
{
    double widest = 0;

    for (size_t r = 1; r <= tb->nr; r++) {
        double w = text_w(p, tb->texts[r * tb->nc + c], size,
                          r == tb->nr && tb->total);
        if (w > widest)
            widest = w;
    }
    return widest;
}

/*
 * Column widths at type size @p size: 1 when the table fits the text
 * width. Each column has three widths: what it needs on one line; with
 * its header wrapped (up to three lines); and, when @p wrap_names, with
 * its text cells wrapped to two lines too. Figures never wrap.
 */
static int tab_widths(struct pen *p, struct tab *tb, double size,
                      int wrap_names, int last)
{
    size_t nc = tb->nc;
    double *need = fy_xcalloc(nc, sizeof(double));
    double *mid = fy_xcalloc(nc, sizeof(double));
    double *min = fy_xcalloc(nc, sizeof(double));
    double sneed = 0, smid = 0, smin = 0, W = p->w;
    const double pad = 2 * CELL_PAD_X;

    for (size_t c = 0; c < nc; c++) {
        double widest = 0;
        for (size_t r = 1; r <= tb->nr; r++) {
            double w = text_w(p, tb->texts[r * nc + c], size, r == tb->nr
                              && tb->total);
            if (w > widest)
                widest = w;
        }
        double hw = text_w(p, tb->texts[c], size, 1);
        /* a header wraps to three lines; a stacked one's lines wrap
         * once */
        double hmin = strchr(tb->texts[c], '\n')
                          ? fmin(hw, fmax(hw / 2 + 0.6 * size, 5.1 * size))
                          : fmin(hw, fmax(hw / 3 + 0.6 * size, 2.5 * size));
        double cell = widest;
        if (wrap_names && tb->t->cols[c].kind == RC_TEXT)
            cell = fmin(widest, fmax(widest / 2 + size, 5 * size));
        need[c] = fmax(widest, hw) + pad;
        mid[c] = fmax(widest, hmin) + pad;
        min[c] = fmax(cell, hmin) + pad;
        sneed += need[c];
        smid += mid[c];
        smin += min[c];
    }
    int fits = 1;
    if (sneed <= W) {
        for (size_t c = 0; c < nc; c++)
            tb->colw[c] = need[c] + (W - sneed) / (double)nc;
    } else if (smid <= W) {
        double k = (W - smid) / (sneed - smid);
        for (size_t c = 0; c < nc; c++)
            tb->colw[c] = mid[c] + (need[c] - mid[c]) * k;
    } else if (smin <= W) { /* the names wrap; the rest to the headers */
        double k = (W - smin) / (smid - smin);
        for (size_t c = 0; c < nc; c++)
            tb->colw[c] = min[c] + (mid[c] - min[c]) * k;
    } else {
        fits = 0;
        if (last) { /* squeeze the headers, not the figures; names keep
                     * two lines (a court's name in 3-character lines
                     * does not read) */
            double *fig = fy_xcalloc(nc, sizeof(double)), sfig = 0;
            for (size_t c = 0; c < nc; c++) {
                fig[c] = tb->t->cols[c].kind == RC_TEXT
                             ? min[c]
                             : fmin(min[c], fmax(figure_w(p, tb, c, size),
                                                 2.2 * size) + pad);
                sfig += fig[c];
            }
            double k = sfig < W ? (W - sfig) / (smin - sfig) : 0;
            for (size_t c = 0; c < nc; c++)
                tb->colw[c] = sfig < W ? fig[c] + (min[c] - fig[c]) * k
                                       : fig[c] * W / sfig;
            free(fig);
        }
    }
    free(need);
    free(mid);
    free(min);
    return fits;
}

/* The width to wrap a cell's text of natural width @p tw at in a column
 * of inner width @p w: lines of even length, not a long one and a stub. */
static double wrap_width(const char *s, double tw, double w, double size)
{
    if (tw <= w + 0.01 || strchr(s, '\n'))
        return w + 0.5; /* Pango's rounding must not wrap a text that fits */
    double n = ceil(tw / w);
    return fmin(w, tw / n + 0.6 * size);
}

/*
 * A column header as the table prints it: a long header is broken before
 * "上年同期", "同比", "环比" and "占比" (a stacked header: 新收 / 上年同期),
 * and the unit of a change of a rate goes under it: （百分点）.
 */
static char *header_text(const struct report_column *col)
{
    static const char *const marks[] = {"上年同期", "同比", "环比", "占比"};
    const char *h = col->header;
    struct fy_buf b = FY_BUF_INIT;
    size_t nchars = 0;

    for (const char *q = h; *q; q++)
        nchars += ((unsigned char)*q & 0xC0) != 0x80;
    while (*h) {
        if (nchars >= 5 && h != col->header)
            for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
                if (strncmp(h, marks[m], strlen(marks[m])) == 0) {
                    fy_buf_putc(&b, '\n');
                    fy_buf_puts(&b, marks[m]);
                    h += strlen(marks[m]);
                    goto next;
                }
        fy_buf_putc(&b, *h++);
    next:;
    }
    if (col->kind == RC_CHANGE_PP)
        fy_buf_puts(&b, "\n（百分点）");
    return fy_buf_detach(&b);
}

/* Number of characters of UTF-8 text @p s (its first @p n bytes). */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Byte offset of character @p k of @p s. */
static size_t utf8_offset(const char *s, size_t k)
{
    size_t i = 0;

    while (s[i] && k > 0) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* 1 when a line must not start with the character at @p s. */
static int no_line_start(const char *s)
{
    static const char *const closing[] = {"）", "、", "，", "。", "%", ")"};

    for (size_t i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
        if (strncmp(s, closing[i], strlen(closing[i])) == 0)
            return 1;
    return 0;
}

/*
 * A header with every line too wide for @p inner points broken into lines
 * of even length ("行政一审新收" in a narrow column: "行政一" / "审新收",
 * not "行政一审新" / "收"), never starting a line with a closing mark.
 * Owned by the caller.
 */
static char *balance_header(struct pen *p, const char *h, double size,
                            double inner)
{
    struct fy_buf out = FY_BUF_INIT;

    for (const char *line = h; *line;) {
        size_t len = strcspn(line, "\n");
        char *one = fy_xstrndup(line, len);
        double w = text_w(p, one, size, 1);
        size_t nch = utf8_chars(one, len);
        size_t n = w > inner + 0.01 ? (size_t)ceil(w / inner) : 1;
        if (n > nch)
            n = nch ? nch : 1;
        size_t from = 0; /* characters written */
        for (size_t k = 1; k <= n; k++) {
            size_t to = k == n ? nch : (nch * k + n - 1) / n;
            while (to < nch && to > from + 1
                   && no_line_start(one + utf8_offset(one, to)))
                to++;
            size_t a = utf8_offset(one, from), b = utf8_offset(one, to);
            if (b > a) {
                if (from)
                    fy_buf_putc(&out, '\n');
                fy_buf_append(&out, one + a, b - a);
            }
            from = to;
        }
        free(one);
        line += len;
        if (*line == '\n') {
            fy_buf_putc(&out, '\n');
            line++;
        }
    }
    return fy_buf_detach(&out);
}

/* The layout of the table of block @p blk: texts, widths, heights (of
 * the rows the block shows: all, or an excerpt without the 合计 row). */
static struct tab *tab_make(struct pen *p, const struct doc_block *blk)
{
    const struct report_table *t = blk->table;
    struct tab *tb = fy_xcalloc(1, sizeof(*tb));
    size_t nc = t->ncols;
    size_t nr = blk->excerpt ? blk->nrows : t->nrows;
    struct fy_buf b = FY_BUF_INIT;

    tb->t = t;
    tb->total = t->has_total && !blk->excerpt;
    tb->after = blk->text;
    tb->nc = nc;
    tb->nr = nr;
    tb->texts = fy_xcalloc(nc * (nr + 1), sizeof(char *));
    tb->colw = fy_xcalloc(nc ? nc : 1, sizeof(double));
    tb->rowh = fy_xcalloc(nr + 1, sizeof(double));
    for (size_t c = 0; c < nc; c++)
        tb->texts[c] = header_text(&t->cols[c]);
    for (size_t r = 0; r < nr; r++) {
        size_t row = blk->excerpt ? blk->rows[r] : r;
        for (size_t c = 0; c < nc; c++) {
            report_fmt_cell(&t->cells[row * nc + c], t->cols[c].kind, &b);
            tb->texts[(r + 1) * nc + c] = fy_xstrdup(fy_buf_str(&b));
        }
    }
    fy_buf_release(&b);
    /* the largest type at which the table fits: with the names on one
     * line down to 7.5 pt, then with them wrapped; a 公文's tables try
     * larger type first (小四, 12 pt, down to 9 pt) */
    struct try { double size; int wrap; };
    static const struct try report_tries[] = {
        {8.5, 0}, {8.0, 0}, {7.5, 0}, {8.0, 1}, {7.5, 1}, {7.0, 0},
        {7.0, 1}, {6.5, 1}};
    static const struct try notice_tries[] = {
        {12.0, 0}, {11.0, 0}, {10.5, 0}, {10.0, 0}, {9.5, 0}, {9.0, 0},
        {10.5, 1}, {10.0, 1}, {9.5, 1}, {9.0, 1}, {8.5, 0}, {8.0, 0},
        {7.5, 0}, {8.0, 1}, {7.5, 1}, {7.0, 0}, {7.0, 1}, {6.5, 1}};
    const struct try *tries = p->notice ? notice_tries : report_tries;
    size_t ntries = p->notice ? sizeof(notice_tries) / sizeof(struct try)
                              : sizeof(report_tries) / sizeof(struct try);
    for (size_t i = 0; i < ntries; i++) {
        tb->size = tries[i].size;
        if (tab_widths(p, tb, tb->size, tries[i].wrap, i == ntries - 1))
            break;
    }
    /* a notice's caption 1.5 pt above its table's type, smaller (down to
     * the report's) rather than broken */
    tb->caption = p->notice ? fmax(CAPTION_SIZE, tb->size + 1.5)
                            : CAPTION_SIZE;
    while (tb->caption > CAPTION_SIZE && t->title
           && text_w(p, t->title, tb->caption, 1) > p->w)
        tb->caption = fmax(CAPTION_SIZE, tb->caption - 0.5);
    tb->source = p->notice ? fmax(SOURCE_SIZE, tb->size - 2) : SOURCE_SIZE;
    for (size_t c = 0; c < nc; c++) {
        char *h = balance_header(p, tb->texts[c], tb->size,
                                 tb->colw[c] - 2 * CELL_PAD_X);
        free(tb->texts[c]);
        tb->texts[c] = h;
    }
    for (size_t r = 0; r <= tb->nr; r++) {
        int bold = r == 0 || (t->has_total && r == tb->nr);
        double hmax = 0;
        for (size_t c = 0; c < nc; c++) {
            double w, h, inner = tb->colw[c] - 2 * CELL_PAD_X;
            double tw = text_w(p, tb->texts[r * nc + c], tb->size, bold);
            text_size(p, tb->texts[r * nc + c], tb->size, bold,
                      wrap_width(tb->texts[r * nc + c], tw, inner, tb->size),
                      &w, &h);
            if (h > hmax)
                hmax = h;
        }
        tb->rowh[r] = hmax + 2 * CELL_PAD_Y + (r == 0 ? 1 : 0);
    }
    tb->title_h = para_height(p, t->title, tb->caption, 1, 0, 0) + 5;
    if (t->source) {
        double w, h;
        text_size(p, t->source, tb->source, 0, p->w, &w, &h);
        tb->source_h = h + 3;
    }
    if (tb->after) {
        double w, h;
        text_size(p, tb->after, tb->source, 0, p->w, &w, &h);
        tb->after_h = h + 3;
        tb->source_h += tb->after_h;
    }
    return tb;
}

static struct tab *tab_of(struct pen *p, size_t block)
{
    if (!p->tabs[block])
        p->tabs[block] = tab_make(p, &p->doc->blocks[block]);
    return p->tabs[block];
}

/* The height a table needs to start on a page: caption, header and the
 * first two rows (all of a short table, with its source line). */
static double tab_start_h(const struct tab *tb)
{
    double h = tb->title_h + tb->rowh[0];
    size_t n = tb->nr <= 4 ? tb->nr : 2;

    for (size_t r = 1; r <= n; r++)
        h += tb->rowh[r];
    if (n == tb->nr)
        h += tb->source_h;
    return h;
}

static void rule(struct pen *p, double y, double width)
{
    cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, p->left, y);
    cairo_line_to(p->cr, p->left + p->w, y);
    cairo_stroke(p->cr);
}

/* Draw row @p r of the layout (0 = the header) at p->y. */
static void tab_row(struct pen *p, const struct tab *tb, size_t r)
{
    int header = r == 0, total = tb->total && r == tb->nr;
    double x = p->left, rh = tb->rowh[r];

    if (total) { /* a light band under the 合计 row */
        cairo_set_source_rgb(p->cr, 0.94, 0.94, 0.94);
        cairo_rectangle(p->cr, p->left, p->y, p->w, rh);
        cairo_fill(p->cr);
    }
    for (size_t c = 0; c < tb->nc; c++) {
        const char *s = tb->texts[r * tb->nc + c];
        int bold = header || total;
        double inner = tb->colw[c] - 2 * CELL_PAD_X;
        double ww = wrap_width(s, text_w(p, s, tb->size, bold), inner,
                               tb->size);
        PangoLayout *l = draw_text(p->fonts, p->cr, s, tb->size, bold, ww);
        int right = !header && tb->t->cols[c].kind != RC_TEXT;
        pango_layout_set_alignment(l, header ? PANGO_ALIGN_CENTER
                                  : right ? PANGO_ALIGN_RIGHT
                                          : PANGO_ALIGN_LEFT);
        double w, h, dx = 0;
        draw_text_size(l, &w, &h);
        if (header || right) /* the narrower wrap centred / to the right */
            dx = header ? (inner - ww) / 2 : inner - ww;
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        draw_layout_at(p->cr, l, x + CELL_PAD_X + dx, p->y + (rh - h) / 2);
        g_object_unref(l);
        x += tb->colw[c];
    }
    p->y += rh;
}

/* The caption (with "（续）" on a continuation) and the header. */
static void tab_head(struct pen *p, const struct tab *tb, int cont)
{
    char *title = cont ? fy_xasprintf("%s（续）", tb->t->title)
                       : fy_xstrdup(tb->t->title);
    paragraph_at(p, title, tb->caption, 1, 0, 5, 1, 0);
    free(title);
    rule(p, p->y, 1.0);
    tab_row(p, tb, 0);
    rule(p, p->y, 0.5);
}

/* The height of the whole table, caption to source line. */
static double tab_full_h(const struct tab *tb)
{
    double h = tb->title_h + tb->source_h;

    for (size_t r = 0; r <= tb->nr; r++)
        h += tb->rowh[r];
    return h;
}

/* The rows a continuation page starts with at least (with the 合计 row
 * and the source line): a table never ends with a stub of one or two
 * rows on a page of its own. */
#define TAIL_ROWS 3

static void table(struct pen *p, size_t block)
{
    const struct tab *tb = tab_of(p, block);
    size_t nr = tb->nr;
    double full = tab_full_h(tb);

    /* a table of up to half a page is not split at all */
    ensure(p, full <= (p->foot - p->top) / 2 ? full : tab_start_h(tb));
    tab_head(p, tb, 0);
    for (size_t r = 1; r <= nr; r++) {
        int total = tb->total && r == nr;
        double need = tb->rowh[r];
        if (nr - r < TAIL_ROWS) /* the last rows and the source together */
            for (size_t k = r + 1; k <= nr; k++)
                need += tb->rowh[k];
        if (nr - r < TAIL_ROWS)
            need += tb->source_h;
        if (p->y + need > p->foot) { /* continue, the header repeated */
            rule(p, p->y, 1.0);
            new_page(p);
            tab_head(p, tb, 1);
        }
        if (total)
            rule(p, p->y, 0.5);
        tab_row(p, tb, r);
    }
    rule(p, p->y, 1.0);
    p->y += 3;
    if (tb->t->source) {
        PangoLayout *l = draw_text(p->fonts, p->cr, tb->t->source, tb->source,
                                   0, p->w);
        cairo_set_source_rgb(p->cr, DRAW_TEXT_GREY, DRAW_TEXT_GREY,
                             DRAW_TEXT_GREY);
        draw_layout_at(p->cr, l, p->left, p->y);
        g_object_unref(l);
        p->y += tb->source_h - tb->after_h - 3;
    }
    if (tb->after) { /* where the rows not shown are */
        p->y += 3;
        PangoLayout *l = draw_text(p->fonts, p->cr, tb->after, tb->source,
                                   0, p->w);
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        draw_layout_at(p->cr, l, p->left, p->y);
        g_object_unref(l);
        p->y += tb->after_h - 3;
    }
    p->y += 16;
}

/* ------------------------------------------------------------------ */
/* Charts                                                              */
/* ------------------------------------------------------------------ */

/* The chart as drawn on the page: the text width, its own height. */
static struct chart_spec chart_on_page(const struct pen *p,
                                       const struct chart_spec *c)
{
    struct chart_spec s = *c;

    if (!(s.width > 0) || s.width > p->w)
        s.width = p->w;
    if (!(s.height > 0))
        s.height = CHART_H;
    return s;
}

static fy_status chart(struct pen *p, const struct chart_spec *c,
                       struct fy_error *err)
{
    struct chart_spec s = chart_on_page(p, c);
    fy_status rc;

    ensure(p, CHART_ABOVE + s.height);
    p->y += CHART_ABOVE;
    rc = report_chart_draw(p->fonts, p->cr, &s,
                           p->left + (p->w - s.width) / 2, p->y, NULL,
                           err);
    p->y += s.height + CHART_BELOW;
    return rc;
}

/* ------------------------------------------------------------------ */
/* Navigation: destinations and bookmarks                              */
/* ------------------------------------------------------------------ */

/*
 * Heading block @p block starts at p->y: its page for the contents and,
 * when drawing, a named destination "h<block>" there (a little above its
 * line) and a bookmark to it: a section's at the top level, shown open;
 * a sub-heading's under the section before it; an attachment's ("附件1
 * title") at the top level too. Integer coordinates keep
 * the attributes free of the locale's decimal point.
 */
static void heading_mark(struct pen *p, size_t block)
{
    const struct doc_block *b = &p->doc->blocks[block];

    p->heading_pages[block] = p->content_page;
    if (!p->drawing)
        return;
    char *dest = fy_xasprintf("name='h%zu' x=0 y=%d", block,
                              (int)fmax(0, floor(p->y - 6)));
    cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
    cairo_tag_end(p->cr, CAIRO_TAG_DEST);
    free(dest);

    char *link = fy_xasprintf("dest='h%zu'", block);
    if (b->kind == DB_ATTACHMENT) { /* "附件1　title", at the top level */
        char *name = fy_xasprintf("%.*s　%s", (int)b->label_len, b->text,
                                  b->text + b->label_len);
        p->outline_head = cairo_pdf_surface_add_outline(
            p->surface, CAIRO_PDF_OUTLINE_ROOT, name, link,
            CAIRO_PDF_OUTLINE_FLAG_OPEN);
        free(name);
    } else if (b->kind == DB_HEADING) {
        p->outline_head = cairo_pdf_surface_add_outline(
            p->surface, CAIRO_PDF_OUTLINE_ROOT, b->text, link,
            CAIRO_PDF_OUTLINE_FLAG_OPEN);
    } else {
        cairo_pdf_surface_add_outline(p->surface, p->outline_head, b->text,
                                      link, 0);
    }
    free(link);
}

/* ------------------------------------------------------------------ */
/* Keeping a heading with what follows it                              */
/* ------------------------------------------------------------------ */

static double head_h(struct pen *p, const struct doc_block *b)
{
    if (b->kind == DB_HEADING)
        return HEAD_ABOVE + para_height(p, b->text, HEAD_SIZE, 1, 0, 0)
               + HEAD_BELOW;
    return SUBHEAD_ABOVE + para_height(p, b->text, SUBHEAD_SIZE, 1, 0, 0)
           + SUBHEAD_BELOW;
}

/* What must follow heading block @p i on its page: the headings under
 * it, then the first two lines of its text, or the start of its chart or
 * table; a text of one or two lines brings the chart after it along. */
static double keep_h(struct pen *p, size_t i)
{
    const struct report_doc *d = p->doc;
    double h = 0;

    for (; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DB_HEADING:
        case DB_SUBHEADING:
            h += head_h(p, b);
            continue;
        case DB_BYLINE: /* part of the heading: what follows comes too */
            h += para_height(p, b->text, BODY_SIZE, 0, 0, 0) + BYLINE_BELOW;
            continue;
        case DB_PARA: {
            double all = para_height(p, b->text, BODY_SIZE, 0, 2 * BODY_SIZE,
                                     0);
            /* the lines paragraph_at() keeps together at a page foot */
            double three = para_height(p, b->text, BODY_SIZE, 0,
                                       2 * BODY_SIZE, 3);
            double two = all <= three ? all
                                      : para_height(p, b->text, BODY_SIZE, 0,
                                                    2 * BODY_SIZE, 2);
            if (all <= two && i + 1 < d->nblocks
                && d->blocks[i + 1].kind == DB_CHART
                && !report_chart_empty(d->blocks[i + 1].chart)) {
                struct chart_spec s = chart_on_page(p,
                                                    d->blocks[i + 1].chart);
                return h + all + PARA_BELOW + CHART_ABOVE + s.height;
            }
            return h + two;
        }
        case DB_CHART: {
            if (report_chart_empty(b->chart))
                continue;
            struct chart_spec s = chart_on_page(p, b->chart);
            return h + CHART_ABOVE + s.height;
        }
        case DB_TABLE:
            return h + tab_start_h(tab_of(p, i));
        case DB_PAGEBREAK:
        case DB_ATTACHMENT:
            return h;
        case DB_ATTACH_NOTE:
            return h + para_height(p, b->text, BODY_SIZE, 0, 0, 0);
        }
    }
    return h;
}

static void heading(struct pen *p, size_t block, const char *text)
{
    double keep = keep_h(p, block);

    if (keep <= p->foot - p->top)
        ensure(p, keep);
    if (p->y > p->top)
        p->y += HEAD_ABOVE;
    heading_mark(p, block);
    paragraph(p, text, HEAD_SIZE, 1, 0, HEAD_BELOW);
}

static void subheading(struct pen *p, size_t block, const char *text)
{
    double keep = keep_h(p, block);

    if (keep <= p->foot - p->top)
        ensure(p, keep);
    if (p->y > p->top)
        p->y += SUBHEAD_ABOVE;
    heading_mark(p, block);
    paragraph(p, text, SUBHEAD_SIZE, 1, 0, SUBHEAD_BELOW);
}

/* ------------------------------------------------------------------ */
/* Cover and contents                                                  */
/* ------------------------------------------------------------------ */

static void centred(struct pen *p, const char *text, double size, int bold,
                    double y)
{
    PangoLayout *l = draw_text(p->fonts, p->cr, text, size, bold,
                               p->w);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    draw_layout_at(p->cr, l, p->left, y);
    g_object_unref(l);
}


static void cover(struct pen *p)
{
    const struct report_doc *d = p->doc;

    cairo_set_source_rgb(p->cr, 0.55, 0.08, 0.08);
    cairo_rectangle(p->cr, p->left, 250, p->w, 2.5);
    cairo_fill(p->cr);
    centred(p, d->title, 24, 1, 280);
    centred(p, d->subtitle, 15, 0, 340);
    centred(p, d->issuers, 13, 0, 640);
    centred(p, d->date, 12, 0, 672);
    draw_keep_subroutines(p->fonts, p->cr, p->left, PAGE_H - 20);
    new_page(p);
}

static void contents(struct pen *p)
{
    const struct report_doc *d = p->doc;
    double y = p->top + 48;

    centred(p, "目　　录", 18, 1, p->top);
    for (size_t i = 0; i < d->nblocks; i++) {
        if (d->blocks[i].kind != DB_HEADING)
            continue;
        char num[16];
        snprintf(num, sizeof(num), "%d", p->heading_pages[i]);
        PangoLayout *l = draw_text(p->fonts, p->cr, d->blocks[i].text, 12, 0,
                                   0);
        PangoLayout *n = draw_text(p->fonts, p->cr, num, 12, 0, 0);
        double tw, th, nw, nh;
        draw_text_size(l, &tw, &th);
        draw_text_size(n, &nw, &nh);
        if (p->drawing) { /* the whole line links to the section */
            char *link = fy_xasprintf(
                "dest='h%zu' rect=[%d %d %d %d]", i, (int)floor(p->left),
                (int)floor(y - 2), (int)ceil(p->w), (int)ceil(th + 4));
            cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
            free(link);
        }
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        draw_layout_at(p->cr, l, p->left, y);
        draw_layout_at(p->cr, n, p->left + p->w - nw, y);
        /* dot leaders: each dot a sub-path of its own, or cairo_arc()
         * joins it to the current point (the number's move_to) with a
         * hairline */
        cairo_set_source_rgb(p->cr, 0.5, 0.5, 0.5);
        cairo_new_path(p->cr);
        for (double x = p->left + tw + 6; x < p->left + p->w - nw - 6;
             x += 5) {
            cairo_new_sub_path(p->cr);
            cairo_arc(p->cr, x, y + th * 0.7, 0.6, 0, 2 * M_PI);
            cairo_fill(p->cr);
        }
        if (p->drawing)
            cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        g_object_unref(l);
        g_object_unref(n);
        y += th + 14;
    }
    new_page(p);
}

/*
 * cairo 1.16 counts the outline's root as a closed entry: "/Count -N" in
 * the /Outlines dictionary, which PDF forbids (the root's count is the
 * number of entries shown, never negative), and a viewer may take for a
 * closed outline. N is that number: put it right in the finished file
 * at @p path as " N", of the same length, so no offset moves.
 */
static fy_status outline_root_count(const char *path, struct fy_error *err)
{
    static const char key[] = "<< /Type /Outlines\n";
    struct fy_loc at = {path, 0, 0};
    struct fy_buf bytes = FY_BUF_INIT;
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "r+b");

    if (!f)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot read back: %s"),
                       strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fy_buf_append(&bytes, chunk, n);
    int bad = ferror(f), e = EIO;
    const char *dict = bad || !bytes.len ? NULL
                           : memmem(bytes.data, bytes.len, key,
                                    sizeof(key) - 1);
    if (dict) {
        size_t rest = bytes.len - (size_t)(dict - bytes.data);
        const char *end = memmem(dict, rest, ">>", 2);
        const char *count = memmem(dict, rest, "/Count -", 8);
        if (end && count && count < end) {
            long off = (long)(count - bytes.data) + 7;
            bad = fseek(f, off, SEEK_SET) != 0 || fputc(' ', f) == EOF;
            e = errno;
        }
    }
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    fy_buf_release(&bytes);
    if (bad)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(e ? e : EIO));
    return FY_OK;
}

/* ------------------------------------------------------------------ */
/* The 公文 (DOC_NOTICE): the page of GB/T 9704-2012                   */
/* ------------------------------------------------------------------ */

/*
 * A notice is set on the standard's grid: a text block of 156 x 225 mm,
 * 37 mm from the top edge and 28 mm from the binding (left) edge, 22
 * lines of 28 characters of 3号 (16 pt) type. Every line of text sits on
 * a line of the grid (pitch 225 mm / 22, its glyphs' em box centred in
 * it); the characters advance by 156 mm / 28 (a letter spacing a little
 * below zero). A table or chart starts where the pen is; the text after
 * it goes on at the next line of the grid.
 *
 * Page 1 has the head (版头): the 发文机关标志 in red 35 mm under the
 * block's top, the 发文字号 two lines under it, a red rule 4 mm under
 * that, the 标题 two lines under the rule, then one line and the 主送.
 * After the body come the 附件说明 (one line under it, 2 characters in)
 * and the 落款: the 成文日期 4 characters from the right edge (右空四字),
 * each issuer centred over it (the form for a sealed document, two lines
 * under the text to leave room for the seal), kept on a page with the
 * last two lines of the text. Each attachment starts a page: "附件N" on
 * the first line at the left, its title centred on the third. Page
 * numbers "— N —" in 4号 type 7 mm under the block, odd pages at the
 * right and even pages at the left, one character in.
 */
#define GW_MM (72.0 / 25.4)
#define GW_LEFT (28 * GW_MM)
#define GW_TOP (37 * GW_MM)
#define GW_W (156 * GW_MM)
#define GW_H (225 * GW_MM)
#define GW_LINES 22
#define GW_CHARS 28
#define GW_SIZE 16.0          /* 3号: body, headings, 文号, 主送, 落款 */
#define GW_TITLE_SIZE 22.0    /* 2号: 标题, an attachment's title */
#define GW_MARK_SIZE 26.0     /* 发文机关标志 (smaller when too wide) */
#define GW_FOLIO_SIZE 14.0    /* 4号: page numbers */
#define GW_MARK_DOWN (35 * GW_MM)  /* 标志's top under the block's top */
#define GW_RULE_DOWN (4 * GW_MM)   /* the red rule under the 文号 */
#define GW_FOLIO_DOWN (7 * GW_MM)  /* the page number's dashes under it */
#define GW_RULE_WIDTH 1.5
#define GW_EM_TOP 0.88        /* the ideographic em box above the baseline */

static const struct draw_rgb gw_red = {0.902, 0.0, 0.071}; /* #E60012 */

/* The faces of the standard, by their stand-ins (report_draw.h). */
enum gw_face {
    GW_FANGSONG,    /* 仿宋: the body, 文号, 主送, 落款 */
    GW_HEI,         /* 黑体: 一、 headings, 附件N */
    GW_KAI,         /* 楷体: （一） headings */
    GW_XBS          /* 小标宋: 发文机关标志, 标题 */
};

static void notice_block(struct pen *p)
{
    p->left = GW_LEFT;
    p->top = GW_TOP;
    p->w = GW_W;
    p->foot = GW_TOP + GW_H;
    p->notice = 1;
}

static double gw_pitch(void)
{
    return GW_H / GW_LINES;
}

/* The letter spacing of 3号 text, in Pango units: 28 characters fill the
 * line (Pango puts it between characters, not after the last). */
static int gw_spacing(void)
{
    return (int)floor((GW_W - 0.1 - GW_CHARS * GW_SIZE) / (GW_CHARS - 1)
                      * PANGO_SCALE);
}

/* The advance of one character of 3号 text ("空二字" is two of them). */
static double gw_char(void)
{
    return GW_SIZE + (double)gw_spacing() / PANGO_SCALE;
}

/* The baseline of a line of @p size type under the top of its grid line. */
static double gw_base(double size)
{
    return (gw_pitch() - size) / 2 + GW_EM_TOP * size;
}

static int gw_is_digit(const char *s, size_t at)
{
    return s[at] >= '0' && s[at] <= '9';
}

/*
 * The dashes of @p text as Chinese type sets them: "—" a whole character
 * wide (一字线: the font's full-width form), and no line break in a
 * range of numbers ("1—6月") nor inside a "——".
 */
static void gw_dashes(PangoAttrList *attrs, const char *text)
{
    static const char dash[] = "—";
    const size_t dl = sizeof(dash) - 1;

    for (const char *q = text; (q = strstr(q, dash)); q += dl) {
        size_t at = (size_t)(q - text);
        PangoAttribute *a = pango_attr_font_features_new("fwid");
        a->start_index = (guint)at;
        a->end_index = (guint)(at + dl);
        pango_attr_list_insert(attrs, a);
        size_t from = at, to = at + dl;
        if (at > 0 && gw_is_digit(text, at - 1))
            from = at - 1;
        if (gw_is_digit(text, at + dl))
            to = at + dl + 1;
        if (strncmp(q + dl, dash, dl) == 0)
            to = at + 2 * dl;
        if (from < at || to > at + dl) {
            a = pango_attr_allow_breaks_new(FALSE);
            a->start_index = (guint)from;
            a->end_index = (guint)to;
            pango_attr_list_insert(attrs, a);
        }
    }
}

/* Text in face @p face; 3号 text letter-spaced to the grid. */
static PangoLayout *gw_text(struct pen *p, const char *text,
                            enum gw_face face, double size, double width)
{
    static const struct {
        const char *family;
        int bold;
    } faces[] = {{DRAW_SERIF, 0}, {DRAW_FAMILY, 0}, {DRAW_KAI, 0},
                 {DRAW_SERIF, 1}};
    PangoLayout *l = draw_text_face(p->fonts, p->cr, text,
                                    faces[face].family, size,
                                    faces[face].bold, width);

    PangoAttrList *attrs = pango_attr_list_new();

    if (size == GW_SIZE)
        pango_attr_list_insert(attrs,
                               pango_attr_letter_spacing_new(gw_spacing()));
    gw_dashes(attrs, text);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    return l;
}

static double gw_width(struct pen *p, const char *text, enum gw_face face,
                       double size)
{
    PangoLayout *l = gw_text(p, text, face, size, 0);
    double w, h;

    draw_text_size(l, &w, &h);
    g_object_unref(l);
    return w;
}

/* The pen to the top of the next line of the grid (where it is when on
 * one). */
static void gw_snap(struct pen *p)
{
    double k = ceil((p->y - p->top) / gw_pitch() - 1e-6);

    p->y = p->top + k * gw_pitch();
}

/* Lines of the grid left on this page under the pen. */
static int gw_room(const struct pen *p)
{
    return (int)floor((p->foot - p->y) / gw_pitch() + 1e-6);
}

static int gw_page_empty(const struct pen *p)
{
    return p->y <= p->top + 0.01;
}

/*
 * Draw the lines of @p l (type of @p size) on the grid from the pen, the
 * layout's left edge at @p x: never the first line alone at the foot of
 * a page (a paragraph of three lines moves whole), never the last alone
 * at the head of the next; the last two lines (or the only one) have
 * @p keep_after lines of the grid free under them on their page (for
 * what must follow them: the 落款).
 */
static void gw_flow(struct pen *p, PangoLayout *l, double x, double size,
                    int keep_after)
{
    int n = pango_layout_get_line_count(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);

    gw_snap(p);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (int i = 0; i < n; i++) {
        PangoRectangle r;
        if (i > 0)
            pango_layout_iter_next_line(it);
        pango_layout_iter_get_line_extents(it, NULL, &r);
        int upto = i; /* the last line that must be on the page with i */
        if (i == 0)
            upto = n == 3 ? 2 : n > 1 ? 1 : 0;
        else if (i == n - 2 && i >= 2)
            upto = n - 1;
        int need = upto - i + 1 + (upto == n - 1 ? keep_after : 0);
        if (gw_room(p) < 1 || (gw_room(p) < need && !gw_page_empty(p)))
            new_page(p);
        cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE,
                      p->y + gw_base(size));
        pango_cairo_show_layout_line(p->cr,
                                     pango_layout_get_line_readonly(l, i));
        p->y += gw_pitch();
    }
    pango_layout_iter_free(it);
}

/* The layout of a heading or paragraph block of the body: 一、 in 黑体,
 * （一） in 楷体, the rest in 仿宋; each 2 characters in on its first
 * line (回行顶格), paragraphs justified; a run-in label in bold. */
static PangoLayout *gw_block(struct pen *p, const struct doc_block *b)
{
    enum gw_face face = b->kind == DB_HEADING      ? GW_HEI
                        : b->kind == DB_SUBHEADING ? GW_KAI
                                                   : GW_FANGSONG;
    PangoLayout *l = gw_text(p, b->text, face, GW_SIZE, p->w);

    if (b->kind != DB_BYLINE)
        pango_layout_set_indent(l, (int)(2 * gw_char() * PANGO_SCALE));
    if (b->kind == DB_PARA) {
        pango_layout_set_justify(l, TRUE);
        if (b->label_len) {
            PangoAttrList *attrs = pango_attr_list_copy(
                pango_layout_get_attributes(l));
            PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
            a->start_index = 0;
            a->end_index = (guint)b->label_len;
            pango_attr_list_insert(attrs, a);
            pango_layout_set_attributes(l, attrs);
            pango_attr_list_unref(attrs);
        }
    }
    return l;
}

static int gw_block_lines(struct pen *p, const struct doc_block *b)
{
    PangoLayout *l = gw_block(p, b);
    int n = pango_layout_get_line_count(l);

    g_object_unref(l);
    return n;
}

/* Lines of the grid that must follow a heading before block @p i on its
 * page: the headings under it, then the start of what they head (the
 * lines gw_flow() keeps together, the start of a table or chart). */
static int gw_keep(struct pen *p, size_t i)
{
    const struct report_doc *d = p->doc;
    int n = 0;

    for (; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DB_HEADING:
        case DB_SUBHEADING:
        case DB_BYLINE:
            n += gw_block_lines(p, b);
            continue;
        case DB_PARA: {
            int k = gw_block_lines(p, b);
            return n + (k == 3 ? 3 : k > 1 ? 2 : 1);
        }
        case DB_TABLE:
            return n + (int)ceil(tab_start_h(tab_of(p, i)) / gw_pitch());
        case DB_CHART: {
            if (report_chart_empty(b->chart))
                continue;
            struct chart_spec s = chart_on_page(p, b->chart);
            return n + (int)ceil((CHART_ABOVE + s.height) / gw_pitch());
        }
        default:
            return n;
        }
    }
    return n;
}

static void gw_heading(struct pen *p, size_t i)
{
    PangoLayout *l = gw_block(p, &p->doc->blocks[i]);
    int need = pango_layout_get_line_count(l) + gw_keep(p, i + 1);

    gw_snap(p);
    if (need <= GW_LINES && gw_room(p) < need && !gw_page_empty(p))
        new_page(p);
    heading_mark(p, i);
    gw_flow(p, l, p->left, GW_SIZE, 0);
    g_object_unref(l);
}

/* Where a title may be broken: a byte offset and its cost. */
struct gw_break {
    size_t at;
    int cost;
};

static void gw_add_break(struct gw_break *v, size_t *n, size_t at, int cost,
                         size_t len)
{
    if (at == 0 || at >= len || *n >= 16)
        return;
    for (size_t i = 0; i < *n; i++)
        if (v[i].at == at) {
            if (cost < v[i].cost)
                v[i].cost = cost;
            return;
        }
    v[(*n)++] = (struct gw_break){at, cost};
}

static int gw_break_cmp(const void *a, const void *b)
{
    size_t x = ((const struct gw_break *)a)->at;
    size_t y = ((const struct gw_break *)b)->at;

    return x < y ? -1 : x > y;
}

/*
 * A 标题 split into lines by meaning (GB/T 9704 7.3.1: 回行时词意完整):
 * only where a phrase ends, in this order of preference: after the
 * issuers (before 关于), after 关于, after a period's 季度 or 年度, after
 * a "、", 和, 及 or 以及 of a list, and last before the final 的 of "的通报"
 * (a stub of a line). The fewest lines that fit
 * the width, then the cheapest breaks. A title that cannot be split so
 * is returned as it is (Pango wraps it). Owned by the caller.
 */
static char *gw_title_lines(struct pen *p, const char *title,
                            const char *issuers, double size)
{
    struct gw_break v[18];
    size_t n = 0, len = strlen(title);
    const char *q;

    if (issuers && *issuers && strncmp(title, issuers, strlen(issuers)) == 0) {
        size_t il = strlen(issuers);
        gw_add_break(v, &n, il, 0, len);
        for (q = title; (q = strstr(q, "、")) && (size_t)(q - title) < il;
             q += strlen("、"))
            gw_add_break(v, &n, (size_t)(q - title) + strlen("、"), 3, len);
    }
    if ((q = strstr(title, "关于"))) {
        gw_add_break(v, &n, (size_t)(q - title), 0, len);
        gw_add_break(v, &n, (size_t)(q - title) + strlen("关于"), 1, len);
    }
    /* after a period ("2024年第二季度" stays whole), after the words that
     * join the parts of a list (not in 和解, 及时) */
    static const struct {
        const char *word;
        int cost;
        const char *unless; /* the word it starts instead */
    } ends[] = {{"季度", 2, NULL}, {"年度", 2, NULL}, {"、", 3, NULL},
                {"以及", 3, NULL}, {"及", 3, "及时"}, {"和", 3, "和解"}};
    for (size_t e = 0; e < sizeof(ends) / sizeof(ends[0]); e++)
        for (q = title; (q = strstr(q, ends[e].word));
             q += strlen(ends[e].word))
            if (!ends[e].unless
                || strncmp(q, ends[e].unless, strlen(ends[e].unless)) != 0)
                gw_add_break(v, &n,
                             (size_t)(q - title) + strlen(ends[e].word),
                             ends[e].cost, len);
    /* the last resort: "的通报" on a line of its own */
    const char *de = NULL;
    for (q = title; (q = strstr(q, "的")); q += strlen("的"))
        de = q;
    if (de && utf8_chars(de, strlen(de)) <= 4)
        gw_add_break(v, &n, (size_t)(de - title), 4, len);
    qsort(v, n, sizeof(v[0]), gw_break_cmp);

    /* best[j]: the cheapest split of the title up to point j (0 = its
     * start, n + 1 = its end) into lines that fit; 1000 a line */
    size_t pts[18];
    long best[18];
    int from[18];
    pts[0] = 0;
    for (size_t i = 0; i < n; i++)
        pts[i + 1] = v[i].at;
    pts[n + 1] = len;
    for (size_t j = 0; j <= n + 1; j++) {
        best[j] = j ? LONG_MAX : 0;
        from[j] = -1;
        for (size_t i = 0; i < j; i++) {
            if (best[i] == LONG_MAX)
                continue;
            char *seg = fy_xstrndup(title + pts[i], pts[j] - pts[i]);
            int fits = gw_width(p, seg, GW_XBS, size) <= p->w + 0.01;
            free(seg);
            long c = best[i] + 1000 + (j <= n ? v[j - 1].cost : 0);
            if (fits && c < best[j]) {
                best[j] = c;
                from[j] = (int)i;
            }
        }
    }
    if (best[n + 1] == LONG_MAX)
        return fy_xstrdup(title);
    int cut[18], ncut = 0;
    for (int j = from[n + 1]; j > 0; j = from[j])
        cut[ncut++] = j;
    struct fy_buf b = FY_BUF_INIT;
    size_t at = 0;
    while (ncut-- > 0) {
        fy_buf_append(&b, title + at, pts[cut[ncut]] - at);
        fy_buf_putc(&b, '\n');
        at = pts[cut[ncut]];
    }
    fy_buf_puts(&b, title + at);
    return fy_buf_detach(&b);
}

char *draw_title_lines(struct report_fonts *f, cairo_t *cr, const char *title,
                       const char *issuers, double size, double width)
{
    struct pen p;

    memset(&p, 0, sizeof(p));
    p.fonts = f;
    p.cr = cr;
    p.w = width;
    return gw_title_lines(&p, title, issuers, size);
}

/* A title in 小标宋 on the grid, centred, split by meaning. */
static void gw_title(struct pen *p, const char *title, const char *issuers,
                     double size)
{
    char *lines = gw_title_lines(p, title, issuers, size);
    PangoLayout *l = gw_text(p, lines, GW_XBS, size, p->w);

    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    gw_flow(p, l, p->left, size, 0);
    g_object_unref(l);
    free(lines);
}

/* The 版头 and what follows it on page 1: 发文机关标志, 发文字号, the red
 * rule, 标题 and 主送 (the pen is left under the 主送). */
static void gw_head(struct pen *p)
{
    const struct report_doc *d = p->doc;
    double y = p->top + GW_MARK_DOWN;

    if (d->issuers && *d->issuers) { /* one name a line, red, centred */
        char *names = fy_xstrdup(d->issuers);
        for (char *q; (q = strstr(names, "、"));) {
            *q = '\n';
            memmove(q + 1, q + strlen("、"), strlen(q + strlen("、")) + 1);
        }
        double size = GW_MARK_SIZE, widest = 0;
        for (const char *q = names; *q;) {
            size_t k = strcspn(q, "\n");
            char *one = fy_xstrndup(q, k);
            widest = fmax(widest, gw_width(p, one, GW_XBS, size));
            free(one);
            q += k + (q[k] == '\n');
        }
        if (widest > p->w) /* never wider than the text block */
            size = floor(size * p->w / widest * 2) / 2;
        PangoLayout *l = gw_text(p, names, GW_XBS, size, p->w);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        draw_set_rgb(p->cr, &gw_red);
        int n = pango_layout_get_line_count(l);
        PangoLayoutIter *it = pango_layout_get_iter(l);
        for (int i = 0; i < n; i++) {
            PangoRectangle r;
            if (i > 0)
                pango_layout_iter_next_line(it);
            pango_layout_iter_get_line_extents(it, NULL, &r);
            cairo_move_to(p->cr, p->left + (double)r.x / PANGO_SCALE,
                          y + GW_EM_TOP * size + i * 1.25 * size);
            pango_cairo_show_layout_line(
                p->cr, pango_layout_get_line_readonly(l, i));
        }
        pango_layout_iter_free(it);
        g_object_unref(l);
        free(names);
        y += size + (n - 1) * 1.25 * size;
    }
    if (d->number && *d->number) { /* two lines under it, centred */
        PangoLayout *l = gw_text(p, d->number, GW_FANGSONG, GW_SIZE, p->w);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        p->y = y + 2 * gw_pitch();
        gw_flow(p, l, p->left, GW_SIZE, 0);
        g_object_unref(l);
        y = p->y - gw_pitch() + gw_base(GW_SIZE)
            + (1 - GW_EM_TOP) * GW_SIZE;
    }
    y += GW_RULE_DOWN; /* the red rule, the block's width */
    draw_set_rgb(p->cr, &gw_red);
    cairo_set_line_width(p->cr, GW_RULE_WIDTH);
    cairo_move_to(p->cr, p->left, y);
    cairo_line_to(p->cr, p->left + p->w, y);
    cairo_stroke(p->cr);

    p->y = y; /* the 标题 two lines under the rule */
    gw_snap(p);
    p->y += 2 * gw_pitch();
    if (d->title && *d->title)
        gw_title(p, d->title, d->issuers, GW_TITLE_SIZE);
    if (d->to && *d->to) { /* one line under it, flush left */
        PangoLayout *l = gw_text(p, d->to, GW_FANGSONG, GW_SIZE, p->w);
        p->y += gw_pitch();
        gw_flow(p, l, p->left, GW_SIZE, 0);
        g_object_unref(l);
    }
}

/* Skip the leading spaces (ASCII and U+3000) of @p s. */
static const char *gw_skip_spaces(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "　", strlen("　")) == 0)
            s += strlen("　");
        else
            return s;
    }
}

/*
 * The 附件说明 ("附件：1. …\n2. …", GB/T 9704 7.3.4): "附件：" 2
 * characters in; every attachment's number under the first's; a long
 * name continued under its first character. Each line of @p text is one
 * attachment (leading spaces ignored). Draws the lines from the pen when
 * @p draw; returns how many lines of the grid they take.
 */
static int gw_attach_note(struct pen *p, const char *text, int draw)
{
    static const char *const heads[] = {"附件：", "附件:"};
    double x0 = p->left + 2 * gw_char();
    double x = x0 + 3 * gw_char(); /* where "1." starts */
    int lines = 0, first = 1;

    for (const char *q = text; *q; first = 0) {
        size_t k = strcspn(q, "\n");
        char *one = fy_xstrndup(q, k);
        const char *s = gw_skip_spaces(one);
        q += k + (q[k] == '\n');
        for (size_t h = 0; first && h < 2; h++)
            if (strncmp(s, heads[h], strlen(heads[h])) == 0) {
                if (draw) { /* on the grid line the first name takes */
                    PangoLayout *l = gw_text(p, "附件：", GW_FANGSONG,
                                             GW_SIZE, 0);
                    gw_snap(p);
                    cairo_set_source_rgb(p->cr, 0, 0, 0);
                    cairo_move_to(p->cr, x0, p->y + gw_base(GW_SIZE));
                    pango_cairo_show_layout_line(
                        p->cr, pango_layout_get_line_readonly(l, 0));
                    g_object_unref(l);
                }
                s = gw_skip_spaces(s + strlen(heads[h]));
                break;
            }
        /* the number ("1." or "1．", and a space after it) hangs */
        size_t nl = 0;
        while (s[nl] >= '0' && s[nl] <= '9')
            nl++;
        if (nl && s[nl] == '.')
            nl++;
        else if (nl && strncmp(s + nl, "．", strlen("．")) == 0)
            nl += strlen("．");
        else
            nl = 0;
        while (nl && s[nl] == ' ')
            nl++;
        PangoLayout *l = gw_text(p, s, GW_FANGSONG, GW_SIZE,
                                 p->left + p->w - x);
        if (nl) {
            char *label = fy_xstrndup(s, nl);
            double lw = gw_width(p, label, GW_FANGSONG, GW_SIZE)
                        + (double)gw_spacing() / PANGO_SCALE;
            free(label);
            pango_layout_set_indent(l, -(int)lround(lw * PANGO_SCALE));
        }
        lines += pango_layout_get_line_count(l);
        if (draw) /* no break inside: the caller made room */
            gw_flow(p, l, x, GW_SIZE, 0);
        g_object_unref(l);
        free(one);
    }
    return lines;
}

/* The issuers of the 落款, one a line ("、" between them in d->issuers). */
static size_t gw_issuers(const struct report_doc *d, char ***out)
{
    char **v = NULL;
    size_t n = 0;

    for (const char *q = d->issuers ? d->issuers : ""; *q;) {
        const char *e = strstr(q, "、");
        size_t k = e ? (size_t)(e - q) : strlen(q);
        if (k) {
            v = fy_xreallocarray(v, n + 1, sizeof(char *));
            v[n++] = fy_xstrndup(q, k);
        }
        q += k + (e ? strlen("、") : 0);
    }
    *out = v;
    return n;
}

/* Lines of the grid the 附件说明 (@p note, or NULL) and the 落款 take. */
static int gw_tail_lines(struct pen *p, const char *note)
{
    char **names;
    size_t n = gw_issuers(p->doc, &names);

    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return (note ? 1 + gw_attach_note(p, note, 0) : 0) + 2 + (int)n
           + (p->doc->date ? 1 : 0);
}

/* The 附件说明 (when @p note) and the 落款, together on one page. */
static void gw_tail(struct pen *p, const char *note)
{
    const struct report_doc *d = p->doc;
    int need = gw_tail_lines(p, note);

    gw_snap(p);
    if (gw_room(p) < need && !gw_page_empty(p))
        new_page(p);
    if (note) { /* one line under the text */
        if (!gw_page_empty(p))
            p->y += gw_pitch();
        gw_attach_note(p, note, 1);
    }
    if (!gw_page_empty(p)) /* two lines: room for the seal */
        p->y += 2 * gw_pitch();
    /* the date 4 characters from the right edge, the issuers centred
     * over it (not wider than the block) */
    double right = p->left + p->w - 4 * gw_char();
    double dw = d->date ? gw_width(p, d->date, GW_FANGSONG, GW_SIZE) : 0;
    double centre = right - dw / 2;
    char **names;
    size_t n = gw_issuers(d, &names);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (size_t i = 0; i <= n; i++) {
        const char *s = i < n ? names[i] : d->date;
        if (!s)
            break;
        PangoLayout *l = gw_text(p, s, GW_FANGSONG, GW_SIZE, 0);
        double w, h, x;
        draw_text_size(l, &w, &h);
        x = i < n ? fmax(p->left, fmin(centre - w / 2, p->left + p->w - w))
                  : right - w;
        gw_flow(p, l, x, GW_SIZE, 0);
        g_object_unref(l);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* An attachment: a new page, "附件N" in 黑体 on its first line at the
 * left, its title centred on the third, one line free under it. */
static void gw_attachment(struct pen *p, size_t i)
{
    const struct doc_block *b = &p->doc->blocks[i];

    gw_snap(p);
    if (!gw_page_empty(p))
        new_page(p);
    heading_mark(p, i);
    char *label = fy_xstrndup(b->text, b->label_len);
    PangoLayout *l = gw_text(p, label, GW_HEI, GW_SIZE, p->w);
    gw_flow(p, l, p->left, GW_SIZE, 0);
    g_object_unref(l);
    free(label);
    p->y += gw_pitch();
    if (b->text[b->label_len])
        gw_title(p, b->text + b->label_len, NULL, GW_TITLE_SIZE);
    p->y += gw_pitch();
}

/* The page number: "— N —" in 4号, 7 mm under the block (the dashes'
 * top), one character in from the right edge on odd pages, from the left
 * on even ones. */
static void gw_folio(struct pen *p)
{
    char *num = fy_xasprintf("— %d —", p->content_page);
    PangoLayout *l = gw_text(p, num, GW_FANGSONG, GW_FOLIO_SIZE, 0);
    double w, h;

    draw_text_size(l, &w, &h);
    double x = p->content_page % 2 ? p->left + p->w - GW_FOLIO_SIZE - w
                                   : p->left + GW_FOLIO_SIZE;
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    /* the dash's top is 0.375 em above the baseline */
    cairo_move_to(p->cr, x, p->foot + GW_FOLIO_DOWN + 0.375 * GW_FOLIO_SIZE);
    pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(l, 0));
    g_object_unref(l);
    free(num);
}

/* 1 when block @p i is the last of the text: the 附件说明, the first
 * attachment or the end comes after it. */
static int gw_ends_text(const struct report_doc *d, size_t i)
{
    return i + 1 == d->nblocks || d->blocks[i + 1].kind == DB_ATTACH_NOTE
           || d->blocks[i + 1].kind == DB_ATTACHMENT;
}

static fy_status notice_body(struct pen *p, struct fy_error *err)
{
    const struct report_doc *d = p->doc;
    int signed_off = 0;
    fy_status rc = FY_OK;

    /* cairo 1.16's subsetting of Noto Sans CJK SC (report_fonts.c) */
    draw_keep_subroutines(p->fonts, p->cr, p->left, PAGE_H - 20);
    gw_head(p);
    for (size_t i = 0; i < d->nblocks && rc == FY_OK; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (!signed_off && (b->kind == DB_ATTACH_NOTE
                            || b->kind == DB_ATTACHMENT)) {
            gw_tail(p, b->kind == DB_ATTACH_NOTE ? b->text : NULL);
            signed_off = 1;
            if (b->kind == DB_ATTACH_NOTE)
                continue;
        }
        switch (b->kind) {
        case DB_HEADING:
        case DB_SUBHEADING:
            gw_heading(p, i);
            break;
        case DB_PARA:
        case DB_BYLINE: {
            PangoLayout *l = gw_block(p, b);
            int keep = !signed_off && gw_ends_text(d, i)
                           ? gw_tail_lines(p, i + 1 < d->nblocks
                                   && d->blocks[i + 1].kind == DB_ATTACH_NOTE
                                   ? d->blocks[i + 1].text : NULL)
                           : 0;
            gw_flow(p, l, p->left, GW_SIZE, keep);
            g_object_unref(l);
            break;
        }
        case DB_CHART:
            if (!report_chart_empty(b->chart)) {
                rc = chart(p, b->chart, err);
                gw_snap(p);
            }
            break;
        case DB_TABLE:
            table(p, i);
            gw_snap(p);
            break;
        case DB_PAGEBREAK:
            gw_snap(p);
            if (!gw_page_empty(p))
                new_page(p);
            break;
        case DB_ATTACH_NOTE: /* a second one: under the first */
            gw_attach_note(p, b->text, 1);
            break;
        case DB_ATTACHMENT:
            gw_attachment(p, i);
            break;
        }
    }
    if (!signed_off)
        gw_tail(p, NULL);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

/* A report: cover, contents, then the blocks. */
static fy_status report_body(struct pen *p, struct fy_error *err)
{
    const struct report_doc *d = p->doc;
    fy_status rc = FY_OK;

    cover(p);
    contents(p);
    for (size_t i = 0; i < d->nblocks && rc == FY_OK; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DB_HEADING:
            heading(p, i, b->text);
            break;
        case DB_SUBHEADING:
            subheading(p, i, b->text);
            break;
        case DB_PARA:
            paragraph_at(p, b->text, BODY_SIZE, 0, 2 * BODY_SIZE, PARA_BELOW,
                         0, b->label_len);
            break;
        case DB_BYLINE:
            paragraph(p, b->text, BODY_SIZE, 0, 0, BYLINE_BELOW);
            break;
        case DB_CHART:
            if (!report_chart_empty(b->chart))
                rc = chart(p, b->chart, err);
            break;
        case DB_TABLE:
            table(p, i);
            break;
        case DB_PAGEBREAK:
            if (p->y > p->top)
                new_page(p);
            break;
        case DB_ATTACH_NOTE:
            paragraph(p, b->text, BODY_SIZE, 0, 0, PARA_BELOW);
            break;
        case DB_ATTACHMENT:
            if (p->y > p->top)
                new_page(p);
            heading(p, i, b->text);
            break;
        }
    }
    return rc;
}

static fy_status render(struct pen *p, const char *path, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    const struct report_doc *d = p->doc;
    fy_status rc = FY_OK;
    struct fy_buf sink = FY_BUF_INIT;

    p->surface = path ? draw_pdf_create(&sink, PAGE_W, PAGE_H)
                      : cairo_recording_surface_create(
                            CAIRO_CONTENT_COLOR_ALPHA, NULL);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write the PDF: %s"),
                     cairo_status_to_string(cairo_surface_status(p->surface)));
        cairo_surface_destroy(p->surface);
        fy_buf_release(&sink);
        return rc;
    }
    if (path) {
        char *subject = fy_xasprintf("%s%s", d->title, d->subtitle);
        draw_pdf_metadata(p->surface, d->title, d->issuers, subject,
                          d->created);
        free(subject);
    }
    p->cr = cairo_create(p->surface);
    p->page = 1;
    p->content_page = p->notice ? 1 : 0;
    p->y = p->top;
    rc = p->notice ? notice_body(p, err) : report_body(p, err);
    footer(p);
    cairo_show_page(p->cr);
    cairo_destroy(p->cr);
    if (path) { /* finished, checked and its dates repaired */
        fy_status fin = draw_pdf_finish(p->surface, &sink, path,
                                        rc ? NULL : err);
        if (fin == FY_OK)
            fin = outline_root_count(path, rc ? NULL : err);
        if (rc == FY_OK)
            rc = fin;
    } else {
        cairo_surface_finish(p->surface);
        cairo_status_t cs = cairo_surface_status(p->surface);
        if (rc == FY_OK && cs != CAIRO_STATUS_SUCCESS)
            rc = fy_fail(err, FY_E_PDF, &at, _("cannot lay out the PDF: %s"),
                         cairo_status_to_string(cs));
    }
    cairo_surface_destroy(p->surface);
    return rc;
}

fy_status report_pdf_write(struct report_fonts *f, const struct report_doc *d,
                           const char *path, struct fy_error *err)
{
    struct pen p;
    fy_status rc;
    size_t n = d->nblocks ? d->nblocks : 1;

    memset(&p, 0, sizeof(p));
    p.fonts = f;
    p.doc = d;
    p.heading_pages = fy_xcalloc(n, sizeof(int));
    p.outline_head = CAIRO_PDF_OUTLINE_ROOT;
    p.tabs = fy_xcalloc(n, sizeof(struct tab *));
    if (d->form == DOC_NOTICE)
        notice_block(&p);
    else
        report_block(&p);
    /* pass 1: the pages of the headings for the contents (a notice has
     * none) */
    rc = d->form == DOC_NOTICE ? FY_OK : render(&p, NULL, err);
    if (rc == FY_OK) {
        p.drawing = 1;
        rc = render(&p, path, err);
    }
    for (size_t i = 0; i < n; i++)
        tab_free(p.tabs[i]);
    free(p.tabs);
    free(p.heading_pages);
    return rc;
}
