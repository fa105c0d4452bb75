/* SPDX-License-Identifier: MIT */
/*
 * report_pdf.c - a document (report_doc) as an A4 PDF: a cover, a table
 * of contents, numbered pages, headings, paragraphs, charts and tables
 * that continue across pages with their header repeated. The document is
 * laid out twice: the first pass finds the page of every heading for the
 * contents, the second draws.
 */
#include "report_draw.h"

#include <cairo-pdf.h>
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
#define TABLE_SIZE 8.5
#define TABLE_MIN_SIZE 6.0
#define CHART_H 270.0
#define UNDEFINED "—"

struct pen {
    struct report_fonts *fonts;
    cairo_surface_t *surface;
    cairo_t *cr;
    const struct report_doc *doc;
    int page;               /* physical page, 1 = cover */
    int content_page;       /* number shown, 0 before the content */
    double y;               /* where the next block starts */
    int *heading_pages;     /* content page of each heading, by block */
    int drawing;            /* second pass */
};

static double content_w(void)
{
    return PAGE_W - 2 * MARGIN_X;
}

static double bottom(void)
{
    return PAGE_H - MARGIN_BOTTOM;
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
    p->y = MARGIN_TOP;
}

static void ensure(struct pen *p, double h)
{
    if (p->y + h > bottom() && p->y > MARGIN_TOP)
        new_page(p);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* A paragraph, split across pages line by line. */
static void paragraph(struct pen *p, const char *text, double size, int bold,
                      double indent, double space_after)
{
    PangoLayout *l = draw_text(p->fonts, p->cr, text, size, bold,
                               content_w());
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_spacing(l, (int)(size * 0.55 * PANGO_SCALE));
    PangoLayoutIter *it = pango_layout_get_iter(l);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    double top = 0; /* layout y of the first line on this page */
    int first = 1;
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double ly = (double)r.y / PANGO_SCALE;
        double lh = (double)r.height / PANGO_SCALE;
        if (first) {
            top = ly;
            first = 0;
        }
        if (p->y + (ly - top) + lh > bottom()) {
            p->y += ly - top;
            new_page(p);
            top = ly;
        }
        double baseline = (double)pango_layout_iter_get_baseline(it)
                          / PANGO_SCALE;
        cairo_move_to(p->cr, MARGIN_X + (double)r.x / PANGO_SCALE,
                      p->y + (baseline - top));
        pango_cairo_show_layout_line(p->cr,
                                     pango_layout_iter_get_line_readonly(it));
    } while (pango_layout_iter_next_line(it));
    double w, h;
    draw_text_size(l, &w, &h);
    p->y += h - top + space_after;
    pango_layout_iter_free(it);
    g_object_unref(l);
}

static void heading(struct pen *p, size_t block, const char *text)
{
    ensure(p, 120); /* keep a heading with what follows it */
    if (p->y > MARGIN_TOP)
        p->y += 10;
    p->heading_pages[block] = p->content_page;
    paragraph(p, text, HEAD_SIZE, 1, 0, 10);
}

static void subheading(struct pen *p, const char *text)
{
    ensure(p, 90);
    paragraph(p, text, SUBHEAD_SIZE, 1, 0, 6);
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

/* The text of a cell as the paper prints it. */
static void cell_text(const struct report_value *v, enum report_col_kind k,
                      struct fy_buf *b)
{
    struct stats_cell c = {(int64_t)llround(v->v), 1};

    fy_buf_reset(b);
    if (k == RC_TEXT) {
        fy_buf_puts(b, v->text ? v->text : "");
        return;
    }
    if (!v->defined) {
        fy_buf_puts(b, UNDEFINED);
        return;
    }
    switch (k) {
    case RC_COUNT:
        report_fmt_count(c.num, b);
        break;
    case RC_RATE:
        report_fmt_percent(v->v, b);
        break;
    case RC_CHANGE_REL:
        fy_buf_printf(b, "%s", v->v > 0 ? "+" : "");
        report_fmt_percent(v->v, b);
        break;
    case RC_CHANGE_PP:
        fy_buf_printf(b, "%+.2f个百分点", v->v);
        break;
    case RC_PER10K:
        fy_buf_printf(b, "%.2f", v->v);
        break;
    case RC_CHANGE_DIFF:
        fy_buf_printf(b, "%+.2f", v->v);
        break;
    case RC_DATE: {
        char d[11];
        fy_date_format((int32_t)v->v, d);
        fy_buf_puts(b, d);
        break;
    }
    default:
        fy_buf_printf(b, "%lld", (long long)c.num);
        break;
    }
}

static double text_w(struct pen *p, const char *s, double size, int bold)
{
    double w, h;
    PangoLayout *l = draw_text(p->fonts, p->cr, s, size, bold, 0);

    draw_text_size(l, &w, &h);
    g_object_unref(l);
    return w;
}

/* Draw one row; returns its height. @p draw 0 only measures. */
static double table_row(struct pen *p, const struct report_table *t,
                        const char *const *texts, const double *colw,
                        double size, int bold, int header, int draw)
{
    double x = MARGIN_X, hmax = 0;
    const double pad = 3;

    for (size_t c = 0; c < t->ncols; c++) {
        PangoLayout *l = draw_text(p->fonts, p->cr, texts[c], size, bold,
                                   colw[c] - 2 * pad);
        int right = !header && t->cols[c].kind != RC_TEXT;
        pango_layout_set_alignment(l, header ? PANGO_ALIGN_CENTER
                                  : right ? PANGO_ALIGN_RIGHT
                                          : PANGO_ALIGN_LEFT);
        double w, h;
        draw_text_size(l, &w, &h);
        if (h > hmax)
            hmax = h;
        if (draw) {
            cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
            draw_layout_at(p->cr, l, x + pad, p->y + pad);
        }
        g_object_unref(l);
        x += colw[c];
    }
    return hmax + 2 * pad;
}

static void rule(struct pen *p, double y, double width)
{
    cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, MARGIN_X, y);
    cairo_line_to(p->cr, MARGIN_X + content_w(), y);
    cairo_stroke(p->cr);
}

static void table(struct pen *p, const struct report_table *t)
{
    size_t nc = t->ncols;
    char **texts = fy_xcalloc(nc * (t->nrows + 1), sizeof(char *));
    double *natural = fy_xcalloc(nc, sizeof(double));
    double *colw = fy_xcalloc(nc, sizeof(double));
    struct fy_buf b = FY_BUF_INIT;
    double size = TABLE_SIZE;

    for (size_t c = 0; c < nc; c++)
        texts[c] = fy_xstrdup(t->cols[c].header);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < nc; c++) {
            cell_text(&t->cells[r * nc + c], t->cols[c].kind, &b);
            texts[(r + 1) * nc + c] = fy_xstrdup(fy_buf_str(&b));
        }
    /* widths: the widest cell (headers may wrap to two lines) */
    for (;;) {
        double total = 0;
        for (size_t c = 0; c < nc; c++) {
            double hw = text_w(p, texts[c], size, 1) / 2 + 8;
            natural[c] = hw;
            for (size_t r = 1; r <= t->nrows; r++) {
                double w = text_w(p, texts[r * nc + c], size, 0) + 8;
                if (w > natural[c])
                    natural[c] = w;
            }
            if (natural[c] < 3 * size)
                natural[c] = 3 * size;
            total += natural[c];
        }
        if (total <= content_w() || size <= TABLE_MIN_SIZE) {
            /* spread what is left, or squeeze the text columns */
            double k = content_w() / total;
            for (size_t c = 0; c < nc; c++)
                colw[c] = natural[c] * (k < 1 ? k : 1);
            if (k > 1) {
                double extra = content_w() - total;
                for (size_t c = 0; c < nc; c++)
                    colw[c] += extra / (double)nc;
            }
            break;
        }
        size -= 0.5;
    }
    /* title */
    ensure(p, 80);
    paragraph(p, t->title, 10.5, 1, 0, 4);
    const char **row = fy_xcalloc(nc, sizeof(char *));
    for (size_t c = 0; c < nc; c++)
        row[c] = texts[c];
    double hh = table_row(p, t, row, colw, size, 1, 1, 0);
    rule(p, p->y, 1.0);
    table_row(p, t, row, colw, size, 1, 1, 1);
    p->y += hh;
    rule(p, p->y, 0.5);
    for (size_t r = 0; r < t->nrows; r++) {
        int total = t->has_total && r == t->nrows - 1;
        for (size_t c = 0; c < nc; c++)
            row[c] = texts[(r + 1) * nc + c];
        double h = table_row(p, t, row, colw, size, total, 0, 0);
        if (p->y + h > bottom()) { /* continue with the header repeated */
            rule(p, p->y, 1.0);
            new_page(p);
            char *cont = fy_xasprintf("%s（续）", t->title);
            paragraph(p, cont, 10.5, 1, 0, 4);
            free(cont);
            for (size_t c = 0; c < nc; c++)
                row[c] = texts[c];
            rule(p, p->y, 1.0);
            table_row(p, t, row, colw, size, 1, 1, 1);
            p->y += hh;
            rule(p, p->y, 0.5);
            for (size_t c = 0; c < nc; c++)
                row[c] = texts[(r + 1) * nc + c];
        }
        if (total)
            rule(p, p->y, 0.5);
        table_row(p, t, row, colw, size, total, 0, 1);
        p->y += h;
    }
    rule(p, p->y, 1.0);
    p->y += 3;
    if (t->source) {
        PangoLayout *l = draw_text(p->fonts, p->cr, t->source, 7.5, 0,
                                   content_w());
        double w, h;
        draw_text_size(l, &w, &h);
        ensure(p, h);
        cairo_set_source_rgb(p->cr, DRAW_TEXT_GREY, DRAW_TEXT_GREY,
                             DRAW_TEXT_GREY);
        draw_layout_at(p->cr, l, MARGIN_X, p->y);
        p->y += h;
        g_object_unref(l);
    }
    p->y += 12;
    for (size_t i = 0; i < nc * (t->nrows + 1); i++)
        free(texts[i]);
    free(texts);
    free(row);
    free(natural);
    free(colw);
    fy_buf_release(&b);
}

/* ------------------------------------------------------------------ */
/* Cover and contents                                                  */
/* ------------------------------------------------------------------ */

static void centred(struct pen *p, const char *text, double size, int bold,
                    double y)
{
    PangoLayout *l = draw_text(p->fonts, p->cr, text, size, bold,
                               content_w());
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    draw_layout_at(p->cr, l, MARGIN_X, y);
    g_object_unref(l);
}

static void cover(struct pen *p)
{
    const struct report_doc *d = p->doc;

    cairo_set_source_rgb(p->cr, 0.55, 0.08, 0.08);
    cairo_rectangle(p->cr, MARGIN_X, 250, content_w(), 2.5);
    cairo_fill(p->cr);
    centred(p, d->title, 24, 1, 280);
    centred(p, d->subtitle, 15, 0, 360);
    centred(p, d->issuers, 13, 0, 640);
    centred(p, d->date, 12, 0, 680);
    new_page(p);
}

static void contents(struct pen *p)
{
    const struct report_doc *d = p->doc;
    double y = MARGIN_TOP + 40;

    centred(p, "目　　录", 18, 1, MARGIN_TOP);
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
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        draw_layout_at(p->cr, l, MARGIN_X, y);
        draw_layout_at(p->cr, n, MARGIN_X + content_w() - nw, y);
        /* dot leaders */
        cairo_set_source_rgb(p->cr, 0.5, 0.5, 0.5);
        for (double x = MARGIN_X + tw + 6; x < MARGIN_X + content_w() - nw - 6;
             x += 5) {
            cairo_arc(p->cr, x, y + th * 0.7, 0.6, 0, 2 * M_PI);
            cairo_fill(p->cr);
        }
        g_object_unref(l);
        g_object_unref(n);
        y += th + 12;
    }
    new_page(p);
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
    draw_pdf_metadata(p->surface, d->title, d->issuers, d->subtitle,
                      d->created);
    p->cr = cairo_create(p->surface);
    p->page = 1;
    p->content_page = 0;
    p->y = MARGIN_TOP;
    cover(p);
    contents(p);
    for (size_t i = 0; i < d->nblocks && rc == FY_OK; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DB_HEADING:
            heading(p, i, b->text);
            break;
        case DB_SUBHEADING:
            subheading(p, b->text);
            break;
        case DB_PARA:
            paragraph(p, b->text, BODY_SIZE, 0, 2 * BODY_SIZE, 6);
            break;
        case DB_CHART: {
            if (report_chart_empty(b->chart))
                break;
            double h = b->chart->height > 0 ? b->chart->height : CHART_H;
            b->chart->width = content_w();
            b->chart->height = h;
            ensure(p, h + 8);
            rc = report_chart_draw(p->fonts, p->cr, b->chart, MARGIN_X, p->y,
                                   NULL, err);
            p->y += h + 12;
            break;
        }
        case DB_TABLE:
            table(p, b->table);
            break;
        case DB_PAGEBREAK:
            if (p->y > MARGIN_TOP)
                new_page(p);
            break;
        }
    }
    footer(p);
    cairo_show_page(p->cr);
    cairo_destroy(p->cr);
    if (path) { /* finished, checked and its dates repaired */
        fy_status fin = draw_pdf_finish(p->surface, path, rc ? NULL : err);
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

    memset(&p, 0, sizeof(p));
    p.fonts = f;
    p.doc = d;
    p.heading_pages = fy_xcalloc(d->nblocks ? d->nblocks : 1, sizeof(int));
    rc = render(&p, NULL, err); /* pass 1: the pages of the headings */
    if (rc == FY_OK) {
        p.drawing = 1;
        rc = render(&p, path, err);
    }
    free(p.heading_pages);
    return rc;
}
