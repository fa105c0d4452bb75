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
 */
#include "report/draw/report_draw.h"

#include <cairo-pdf.h>
#include <errno.h>
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
    size_t nc, nr;            /* columns; rows without the header */
    char **texts;             /* (nr + 1) x nc, row 0 = the header */
    double *colw;
    double *rowh;             /* nr + 1, [0] = the header */
    double size;
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

static void footer(struct pen *p)
{
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
                          r == tb->nr && tb->t->has_total);
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
                              && tb->t->has_total);
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
        if (last) { /* squeeze the headers and names, not the figures */
            double *fig = fy_xcalloc(nc, sizeof(double)), sfig = 0;
            for (size_t c = 0; c < nc; c++) {
                fig[c] = tb->t->cols[c].kind == RC_TEXT
                             ? fmin(min[c], 3 * size + pad)
                             : fmin(min[c], figure_w(p, tb, c, size) + pad);
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

/* The layout of table @p t: texts, widths, heights. */
static struct tab *tab_make(struct pen *p, const struct report_table *t)
{
    struct tab *tb = fy_xcalloc(1, sizeof(*tb));
    size_t nc = t->ncols;
    struct fy_buf b = FY_BUF_INIT;

    tb->t = t;
    tb->nc = nc;
    tb->nr = t->nrows;
    tb->texts = fy_xcalloc(nc * (t->nrows + 1), sizeof(char *));
    tb->colw = fy_xcalloc(nc ? nc : 1, sizeof(double));
    tb->rowh = fy_xcalloc(t->nrows + 1, sizeof(double));
    for (size_t c = 0; c < nc; c++)
        tb->texts[c] = header_text(&t->cols[c]);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < nc; c++) {
            report_fmt_cell(&t->cells[r * nc + c], t->cols[c].kind, &b);
            tb->texts[(r + 1) * nc + c] = fy_xstrdup(fy_buf_str(&b));
        }
    fy_buf_release(&b);
    /* the largest type at which the table fits: with the names on one
     * line down to 7.5 pt, then with them wrapped */
    static const struct { double size; int wrap; } tries[] = {
        {8.5, 0}, {8.0, 0}, {7.5, 0}, {8.0, 1}, {7.5, 1}, {7.0, 0},
        {7.0, 1}, {6.5, 1}};
    size_t ntries = sizeof(tries) / sizeof(tries[0]);
    for (size_t i = 0; i < ntries; i++) {
        tb->size = tries[i].size;
        if (tab_widths(p, tb, tb->size, tries[i].wrap, i == ntries - 1))
            break;
    }
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
    tb->title_h = para_height(p, t->title, CAPTION_SIZE, 1, 0, 0) + 5;
    if (t->source) {
        double w, h;
        text_size(p, t->source, SOURCE_SIZE, 0, p->w, &w, &h);
        tb->source_h = h + 3;
    }
    return tb;
}

static struct tab *tab_of(struct pen *p, size_t block)
{
    if (!p->tabs[block])
        p->tabs[block] = tab_make(p, p->doc->blocks[block].table);
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
    int header = r == 0, total = tb->t->has_total && r == tb->nr;
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
    paragraph_at(p, title, CAPTION_SIZE, 1, 0, 5, 1, 0);
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
        int total = tb->t->has_total && r == nr;
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
        PangoLayout *l = draw_text(p->fonts, p->cr, tb->t->source, SOURCE_SIZE,
                                   0, p->w);
        cairo_set_source_rgb(p->cr, DRAW_TEXT_GREY, DRAW_TEXT_GREY,
                             DRAW_TEXT_GREY);
        draw_layout_at(p->cr, l, p->left, p->y);
        g_object_unref(l);
        p->y += tb->source_h - 3;
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
 * a sub-heading's under the section before it. Integer coordinates keep
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
    if (b->kind == DB_HEADING)
        p->outline_head = cairo_pdf_surface_add_outline(
            p->surface, CAIRO_PDF_OUTLINE_ROOT, b->text, link,
            CAIRO_PDF_OUTLINE_FLAG_OPEN);
    else
        cairo_pdf_surface_add_outline(p->surface, p->outline_head, b->text,
                                      link, 0);
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
/* The document                                                        */
/* ------------------------------------------------------------------ */

static cairo_status_t discard(void *closure, const unsigned char *data,
                              unsigned int length)
{
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static fy_status render(struct pen *p, const char *path, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    const struct report_doc *d = p->doc;
    fy_status rc = FY_OK;

    p->surface = path ? cairo_pdf_surface_create(path, PAGE_W, PAGE_H)
                      : cairo_pdf_surface_create_for_stream(discard, NULL,
                                                            PAGE_W, PAGE_H);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write the PDF: %s"),
                     cairo_status_to_string(cairo_surface_status(p->surface)));
        cairo_surface_destroy(p->surface);
        return rc;
    }
    char *subject = fy_xasprintf("%s%s", d->title, d->subtitle);
    draw_pdf_metadata(p->surface, d->title, d->issuers, subject, d->created);
    free(subject);
    p->cr = cairo_create(p->surface);
    p->page = 1;
    p->content_page = 0;
    p->y = p->top;
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
    footer(p);
    cairo_show_page(p->cr);
    cairo_destroy(p->cr);
    if (path) { /* finished, checked and its dates repaired */
        fy_status fin = draw_pdf_finish(p->surface, path, rc ? NULL : err);
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
    report_block(&p);
    rc = render(&p, NULL, err); /* pass 1: the pages of the headings */
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
