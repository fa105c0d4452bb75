/* SPDX-License-Identifier: MIT */
/*
 * report_chart.c - the charts of the white paper: vertical, horizontal,
 * grouped and stacked bars, lines and donuts, all in one look (fonts,
 * sizes, palette, margins), drawn with cairo and Pango.
 *
 * Every text drawn is recorded as a box in a chart_layout. The layout is
 * planned so that no two boxes meet: category labels wrap (balanced) or
 * shrink, data labels shrink or turn, a bar chart whose labels cannot fit
 * is drawn horizontally, and a label that would still collide is moved
 * aside or, as a last resort, left out rather than drawn over another.
 */
#include "report/draw/report_draw.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The theme: one look for every chart (sizes in points)               */
/* ------------------------------------------------------------------ */

#define TH_WIDTH     480.0
#define TH_HEIGHT    300.0
#define TH_MARGIN    12.0   /* around the whole chart */
#define TH_TITLE     12.0   /* bold */
#define TH_SUBTITLE  8.0
#define TH_LEGEND    8.0
#define TH_CATEGORY  8.0    /* category labels, first choice */
#define TH_TICK      7.5
#define TH_LABEL     7.5    /* data labels, first choice */
#define TH_NOTE      7.0
#define TH_SWATCH    8.0    /* legend swatch side */
#define TH_BAR_MAX   28.0   /* the thickest bar drawn */
#define AXIS_MAX     8      /* most ticks on a value axis */

#define UNDEFINED_MARK "—"
#define UNDEFINED_NOTE "“—”表示分母为0，比率无意义"

static const struct draw_rgb th_title = {0.10, 0.10, 0.10};
static const struct draw_rgb th_text = {DRAW_TEXT_GREY, DRAW_TEXT_GREY,
                                        DRAW_TEXT_GREY};
static const struct draw_rgb th_sub = {0.38, 0.38, 0.38};
static const struct draw_rgb th_axis = {DRAW_AXIS_GREY, DRAW_AXIS_GREY,
                                        DRAW_AXIS_GREY};
static const struct draw_rgb th_grid = {DRAW_GRID_GREY, DRAW_GRID_GREY,
                                        DRAW_GRID_GREY};
static const struct draw_rgb th_white = {1.0, 1.0, 1.0};

/* Series colours: Okabe–Ito blue, orange, bluish green, reddish purple
 * (greyscale luminance 0.16, 0.43, 0.26, 0.30: apart for two series). */
static const int series_colour[CHART_MAX_SERIES] = {0, 1, 2, 3};
/* The target line is vermillion and dashed. */
#define TARGET_COLOUR 5
/* Line dash patterns per series (points; 0 entries = solid). */
static const double line_dash[CHART_MAX_SERIES][2] = {
    {0, 0}, {5, 2.5}, {1.5, 1.5}, {6, 2}};

/* Font sizes tried in turn for category and data labels. */
static const double cat_sizes[] = {8.0, 7.5, 7.0};
static const double hcat_sizes[] = {8.0, 7.5, 7.0, 6.5, 6.0};
static const double lab_sizes[] = {7.5, 7.0, 6.5, 6.0};
#define NSIZES(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* The drawing context                                                 */
/* ------------------------------------------------------------------ */

struct chart_ctx {
    struct report_fonts *f;
    cairo_t *cr;                /* translated to the chart's corner */
    const struct chart_spec *c;
    size_t ns;                  /* series drawn (<= CHART_MAX_SERIES) */
    double w, h;                /* the chart's size */
    struct chart_box *boxes;    /* text drawn so far, chart coordinates */
    size_t nboxes, capboxes;
    struct chart_box *obst;     /* markers labels must not cover */
    size_t nobst, capobst;
    int undefined;              /* a value is undefined: add the note */
    double rx, ry, rw, rh;      /* the region left inside the frame */
};

/* A measured text: a Pango layout and its logical rectangle. */
struct text {
    PangoLayout *l;             /* owned; NULL when unused */
    double lx, ly;              /* logical rectangle's offset */
    double w, h;                /* logical size */
    double ix, iy, iw, ih;      /* ink rectangle, from the logical box */
    int lines;
};

static int box_meets(const struct chart_box *a, const struct chart_box *b)
{
    const double e = 0.01;

    return a->x < b->x + b->w - e && b->x < a->x + a->w - e
           && a->y < b->y + b->h - e && b->y < a->y + a->h - e;
}

static void box_add(struct chart_ctx *cx, double x, double y, double w,
                    double h)
{
    FY_GROW(cx->boxes, cx->nboxes + 1, cx->capboxes);
    cx->boxes[cx->nboxes++] = (struct chart_box){x, y, w, h};
}

/* Something drawn that a label placed later must not cover. */
static void obstacle_add(struct chart_ctx *cx, double x, double y, double w,
                         double h)
{
    FY_GROW(cx->obst, cx->nobst + 1, cx->capobst);
    cx->obst[cx->nobst++] = (struct chart_box){x, y, w, h};
}

/* 1 when a box at (x, y) of w x h meets no text (or marker) drawn so far
 * and lies
 * inside the rectangle (x0, y0)-(x1, y1). */
static int box_free(const struct chart_ctx *cx, double x, double y, double w,
                    double h, double x0, double y0, double x1, double y1)
{
    struct chart_box b = {x, y, w, h};

    if (x < x0 - 0.01 || y < y0 - 0.01 || x + w > x1 + 0.01
        || y + h > y1 + 0.01)
        return 0;
    for (size_t i = 0; i < cx->nboxes; i++)
        if (box_meets(&b, &cx->boxes[i]))
            return 0;
    for (size_t i = 0; i < cx->nobst; i++)
        if (box_meets(&b, &cx->obst[i]))
            return 0;
    return 1;
}

static int is_defined(const struct chart_series *s, size_t i)
{
    return (!s->defined || s->defined[i]) && isfinite(s->values[i]);
}

static int has_target(const struct chart_spec *c)
{
    return c->target_label && isfinite(c->target) && c->kind != CK_DONUT;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

static void text_measure(struct text *t)
{
    PangoRectangle ink, logical;

    pango_layout_get_extents(t->l, &ink, &logical);
    t->lx = (double)logical.x / PANGO_SCALE;
    t->ly = (double)logical.y / PANGO_SCALE;
    t->w = (double)logical.width / PANGO_SCALE;
    t->h = (double)logical.height / PANGO_SCALE;
    t->ix = (double)(ink.x - logical.x) / PANGO_SCALE;
    t->iy = (double)(ink.y - logical.y) / PANGO_SCALE;
    t->iw = (double)ink.width / PANGO_SCALE;
    t->ih = (double)ink.height / PANGO_SCALE;
    t->lines = pango_layout_get_line_count(t->l);
}

/* Lay out @p s at @p size points, wrapped at @p wrap (<= 0: not). */
static void text_init(struct chart_ctx *cx, struct text *t, const char *s,
                      double size, int bold, double wrap,
                      PangoAlignment align)
{
    t->l = draw_text(cx->f, cx->cr, s, size, bold, wrap);
    pango_layout_set_alignment(t->l, align);
    text_measure(t);
}

/* What the glyphs of data labels and of category labels reach. */
#define REF_NUM "0123456789,.%-" UNDEFINED_MARK
#define REF_TEXT "鄂国（）Agjy0"

/*
 * Trim the logical box of @p t (the line box of the CJK font, half as
 * high again as its glyphs) to the band that the glyphs of @p ref reach
 * at the same size, from the first line's top to the last line's
 * bottom, with half a point to spare. The band is the same for every
 * text of a kind and size, so labels stay aligned; thin bars and
 * narrow categories can then hold their labels.
 */
static void text_tighten(struct chart_ctx *cx, struct text *t, double size,
                         const char *ref)
{
    PangoLayout *l = draw_text(cx->f, cx->cr, ref, size, 0, 0);
    PangoRectangle ink, logical;

    pango_layout_get_extents(l, &ink, &logical);
    g_object_unref(l);
    double top = (double)(ink.y - logical.y) / PANGO_SCALE - 0.5;
    double bottom = (double)(logical.y + logical.height - ink.y
                             - ink.height) / PANGO_SCALE - 0.5;
    top = fmax(top, 0);
    bottom = fmax(bottom, 0);
    t->ly += top;
    t->iy -= top;
    t->h -= top + bottom;
}

/* A data label: a number, a percentage or "—". */
static void text_init_num(struct chart_ctx *cx, struct text *t,
                          const char *s, double size)
{
    text_init(cx, t, s, size, 0, 0, PANGO_ALIGN_LEFT);
    text_tighten(cx, t, size, REF_NUM);
}

static void text_release(struct text *t)
{
    if (t->l)
        g_object_unref(t->l);
    t->l = NULL;
}

/* Rewrap @p t at @p wrap points. */
static void text_rewrap(struct text *t, double wrap)
{
    pango_layout_set_width(t->l, (int)(wrap * PANGO_SCALE));
    pango_layout_set_wrap(t->l, PANGO_WRAP_WORD_CHAR);
    text_measure(t);
}

/*
 * Balance a wrapped text: the narrowest width (down to half of @p wrap)
 * that keeps its number of lines, so that a long name does not end with
 * one character alone on its last line.
 */
static void text_balance(struct text *t, double wrap)
{
    if (t->lines < 2)
        return;
    int lines = t->lines;
    double lo = wrap / 2, hi = wrap;
    for (int k = 0; k < 10; k++) {
        double mid = (lo + hi) / 2;
        text_rewrap(t, mid);
        if (t->lines > lines)
            lo = mid;
        else
            hi = mid;
    }
    text_rewrap(t, hi);
}

/* How a data label stands out from lines behind it. */
enum backing {
    BACK_NONE,
    BACK_HALO,                  /* a white outline around the glyphs */
    BACK_CHIP                   /* a white rectangle under the ink */
};

/*
 * Draw @p t with its logical box's top-left at (x, y) in colour @p col,
 * on @p back (so that grid and target lines do not cross the digits),
 * and record the box.
 */
static void text_put(struct chart_ctx *cx, const struct text *t, double x,
                     double y, const struct draw_rgb *col, enum backing back)
{
    cairo_t *cr = cx->cr;
    double ox = x - t->lx, oy = y - t->ly;

    cairo_save(cr);
    if (back == BACK_CHIP) {
        draw_set_rgb(cr, &th_white);
        cairo_rectangle(cr, x + t->ix - 1.5, y + t->iy - 1.5, t->iw + 3,
                        t->ih + 3);
        cairo_fill(cr);
    } else if (back == BACK_HALO) {
        cairo_move_to(cr, ox, oy);
        pango_cairo_layout_path(cr, t->l);
        draw_set_rgb(cr, &th_white);
        cairo_set_line_width(cr, 2.0);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    draw_set_rgb(cr, col);
    draw_layout_at(cr, t->l, ox, oy);
    cairo_restore(cr);
    box_add(cx, x, y, t->w, t->h);
}

/* The same, turned 90° to read upwards; the box is t->h wide, t->w
 * high, with its top-left at (x, y). */
static void text_put_up(struct chart_ctx *cx, const struct text *t,
                        double x, double y, const struct draw_rgb *col)
{
    cairo_t *cr = cx->cr;

    cairo_save(cr);
    cairo_translate(cr, x, y + t->w);
    cairo_rotate(cr, -M_PI / 2);
    draw_set_rgb(cr, &th_white);
    cairo_rectangle(cr, t->ix - 1.5, t->iy - 1.5, t->iw + 3, t->ih + 3);
    cairo_fill(cr);
    draw_set_rgb(cr, col);
    draw_layout_at(cr, t->l, -t->lx, -t->ly);
    cairo_restore(cr);
    box_add(cx, x, y, t->h, t->w);
}

/* Text colour that reads on a fill of colour @p c. */
static const struct draw_rgb *text_on(const struct draw_rgb *c)
{
    double lum = 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;

    return lum > 0.55 ? &th_title : &th_white;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/*
 * @p v as a chart shows it: "1,234", "1,234.5" or, when @p percent (v a
 * fraction), "12.35%", with @p decimals decimals, rounded half away from
 * zero like report_fmt_percent().
 */
static void fmt_number(double v, int percent, int decimals,
                       struct fy_buf *out)
{
    static const long long p10[] = {1, 10, 100, 1000, 10000, 100000,
                                    1000000};
    char digits[32];

    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double scaled = (percent ? v * 100.0 : v) * (double)p10[decimals];
    if (!(fabs(scaled) < 9e17)) {
        fy_buf_puts(out, UNDEFINED_MARK);
        return;
    }
    long long r = llround(scaled);
    unsigned long long u = r < 0 ? 0ULL - (unsigned long long)r
                                 : (unsigned long long)r;
    unsigned long long ip = u / (unsigned long long)p10[decimals];
    unsigned long long fp = u % (unsigned long long)p10[decimals];
    int len = snprintf(digits, sizeof(digits), "%llu", ip);

    if (r < 0)
        fy_buf_putc(out, '-');
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            fy_buf_putc(out, ',');
        fy_buf_putc(out, digits[i]);
    }
    if (decimals)
        fy_buf_printf(out, ".%0*llu", decimals, fp);
    if (percent)
        fy_buf_putc(out, '%');
}

/* Heckbert's nice number near @p x: 1, 2, 5 or 10 times a power of ten,
 * the nearest when @p round, else the one not below x. */
static double nice_num(double x, int round)
{
    double e = floor(log10(x));
    double f = x / pow(10.0, e), nf;

    if (round)
        nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    /* 2 / 10 is exactly the double 0.2; 2 * 0.1 need not be */
    return e < 0 ? nf / pow(10.0, -e) : nf * pow(10.0, e);
}

/* The nice step after @p d: 1 -> 2 -> 5 -> 10. */
static double nice_next(double d)
{
    double e = floor(log10(d));
    double f = d / pow(10.0, e);
    double nf = f < 1.5 ? 2 : f < 3 ? 5 : 10;

    return e < 0 ? nf / pow(10.0, -e) : nf * pow(10.0, e);
}

/* The nice step before @p d: 10 -> 5 -> 2 -> 1. */
static double nice_prev(double d)
{
    double e = floor(log10(d));
    double f = d / pow(10.0, e);
    double nf = f < 1.5 ? 0.5 : f < 3 ? 1 : 2;

    return e < 0 ? nf / pow(10.0, -e) : nf * pow(10.0, e);
}

/* Ticks of step @p d covering [lo, hi]: the first and how many. */
static int tick_count(double lo, double hi, double d, double *g0)
{
    *g0 = floor(lo / d + 1e-9) * d;
    return (int)llround((ceil(hi / d - 1e-9) * d - *g0) / d) + 1;
}

/*
 * Heckbert, "Nice numbers for graph labels" (Graphics Gems, 1990), loose
 * labelling: a nice range, a nice step for max_ticks - 1 intervals, the
 * axis ends on multiples of the step. Heckbert's step can give one tick
 * too many, or waste a third of the axis (0-23 by 10 ends at 30); so the
 * step then moves along the nice numbers (1, 2, 5 x 10^k) to the
 * smallest whose ticks still fit in max_ticks (0-23 by 5 ends at 25).
 * A range of zero width is widened to include 0 (0-0 becomes 0-1).
 */
void report_nice_ticks(double lo, double hi, int max_ticks, double *start,
                       double *step, int *n)
{
    if (!isfinite(lo) || !isfinite(hi))
        lo = hi = 0;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (max_ticks < 2)
        max_ticks = 2;
    if (hi - lo <= 0) {
        if (lo > 0)
            lo = 0;
        else if (hi < 0)
            hi = 0;
        else
            hi = 1;
    }
    double range = nice_num(hi - lo, 0);
    double d = nice_num(range / (max_ticks - 1), 1), g0;
    int k = tick_count(lo, hi, d, &g0);

    while (k > max_ticks) {
        d = nice_next(d);
        k = tick_count(lo, hi, d, &g0);
    }
    for (;;) {
        double g, dp = nice_prev(d);
        int kp = tick_count(lo, hi, dp, &g);
        if (kp > max_ticks)
            break;
        d = dp;
        k = kp;
        g0 = g;
    }
    *start = g0 == 0 ? 0 : g0; /* no -0 */
    *step = d;
    *n = k;
}

/* ------------------------------------------------------------------ */
/* Value axis                                                          */
/* ------------------------------------------------------------------ */

struct axis {
    double vmin, vmax;          /* the axis ends */
    double start, step;
    int n;                      /* ticks */
    struct text lab[AXIS_MAX];  /* tick labels */
    double lw, lh;              /* widest and tallest tick label */
};

static void axis_init(struct chart_ctx *cx, struct axis *a, double lo,
                      double hi, int max_ticks)
{
    struct fy_buf b = FY_BUF_INIT;

    report_nice_ticks(lo, hi, max_ticks, &a->start, &a->step, &a->n);
    a->vmin = a->start;
    a->vmax = a->start + (a->n - 1) * a->step;
    /* as many decimals as the step needs: 20% -> 0, 0.5 -> 1 */
    double shown = a->step * (cx->c->percent ? 100.0 : 1.0);
    int dec = (int)ceil(-log10(shown) - 1e-9);
    if (dec < 0)
        dec = 0;
    a->lw = a->lh = 0;
    for (int k = 0; k < a->n; k++) {
        fy_buf_reset(&b);
        fmt_number(a->start + k * a->step, cx->c->percent, dec, &b);
        text_init_num(cx, &a->lab[k], fy_buf_str(&b), TH_TICK);
        a->lw = fmax(a->lw, a->lab[k].w);
        a->lh = fmax(a->lh, a->lab[k].h);
    }
    fy_buf_release(&b);
}

static void axis_release(struct axis *a)
{
    for (int k = 0; k < a->n && k < AXIS_MAX; k++)
        text_release(&a->lab[k]);
    a->n = 0;
}

/* The values a chart must show (0 always; stacks add up; the target). */
static void value_range(const struct chart_ctx *cx, int stacked, double *lo,
                        double *hi)
{
    const struct chart_spec *c = cx->c;

    *lo = *hi = 0;
    for (size_t i = 0; i < c->ncat; i++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < cx->ns; s++) {
            if (!is_defined(&c->series[s], i))
                continue;
            double v = c->series[s].values[i];
            if (stacked) {
                if (v > 0)
                    pos += v;
                else
                    neg += v;
            } else {
                *lo = fmin(*lo, v);
                *hi = fmax(*hi, v);
            }
        }
        *lo = fmin(*lo, neg);
        *hi = fmax(*hi, pos);
    }
    if (has_target(c)) {
        *lo = fmin(*lo, c->target);
        *hi = fmax(*hi, c->target);
    }
}

/*
 * A trend of rates need not start at zero (its position, not a bar's
 * length, carries the value): when every value of a line chart of rates
 * lies in the upper half of [0, hi], the axis starts near the lowest
 * value instead, so that the changes show; its lowest tick label says
 * where it starts. A count axis always starts at 0 (white-paper.md).
 */
static void line_floor(const struct chart_ctx *cx, double *lo, double hi)
{
    const struct chart_spec *c = cx->c;
    double m = INFINITY;

    for (size_t s = 0; s < cx->ns; s++)
        for (size_t i = 0; i < c->ncat; i++)
            if (is_defined(&c->series[s], i))
                m = fmin(m, c->series[s].values[i]);
    if (has_target(c))
        m = fmin(m, c->target);
    if (!c->percent) /* count axes start at 0 (white-paper.md, "Charts") */
        return;
    if (*lo >= 0 && isfinite(m) && m > hi * 0.5)
        *lo = m;
}

/* ------------------------------------------------------------------ */
/* The frame: title, subtitle, legend, footnote                        */
/* ------------------------------------------------------------------ */

static const struct draw_rgb *series_rgb(size_t s)
{
    return &draw_palette[series_colour[s % CHART_MAX_SERIES]];
}

/* Marker @p shape (circle, square, triangle, diamond) at (x, y). */
static void marker_path(cairo_t *cr, size_t shape, double x, double y,
                        double r)
{
    switch (shape % 4) {
    case 0:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    case 1:
        cairo_rectangle(cr, x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
        break;
    case 2:
        cairo_move_to(cr, x, y - r * 1.15);
        cairo_line_to(cr, x + r * 1.05, y + r * 0.75);
        cairo_line_to(cr, x - r * 1.05, y + r * 0.75);
        cairo_close_path(cr);
        break;
    default:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r * 1.05, y);
        cairo_line_to(cr, x, y + r * 1.2);
        cairo_line_to(cr, x - r * 1.05, y);
        cairo_close_path(cr);
        break;
    }
}

static void draw_marker(cairo_t *cr, size_t s, double x, double y)
{
    marker_path(cr, s, x, y, 2.6);
    draw_set_rgb(cr, series_rgb(s));
    cairo_fill_preserve(cr);
    draw_set_rgb(cr, &th_white);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
}

static void set_series_line(cairo_t *cr, size_t s)
{
    draw_set_rgb(cr, series_rgb(s));
    cairo_set_line_width(cr, 1.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    if (line_dash[s][0] > 0)
        cairo_set_dash(cr, line_dash[s], 2, 0);
    else
        cairo_set_dash(cr, NULL, 0, 0);
}

/* The swatch of series @p s: a square for bars, a stroke and a marker
 * for lines; @p x, @p y is its top-left, @p sw its width. */
static void legend_swatch(struct chart_ctx *cx, size_t s, double x, double y,
                          double sw, double th)
{
    cairo_t *cr = cx->cr;
    double mid = y + th / 2;

    cairo_save(cr);
    if (cx->c->kind == CK_LINE) {
        set_series_line(cr, s);
        cairo_move_to(cr, x, mid);
        cairo_line_to(cr, x + sw, mid);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        draw_marker(cr, s, x + sw / 2, mid);
    } else {
        draw_set_rgb(cr, series_rgb(s));
        cairo_rectangle(cr, x, mid - TH_SWATCH / 2, TH_SWATCH, TH_SWATCH);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

/*
 * The series legend under the subtitle, centred, in as many rows as the
 * width needs; each item's box covers its swatch and its name. Returns
 * the height used.
 */
static double legend_draw(struct chart_ctx *cx, double y)
{
    const struct chart_spec *c = cx->c;
    struct text t[CHART_MAX_SERIES];
    double iw[CHART_MAX_SERIES];
    double sw = c->kind == CK_LINE ? 18.0 : TH_SWATCH, gap = 14.0;
    double avail = cx->w - 2 * TH_MARGIN, top = y;
    size_t i = 0;

    for (size_t s = 0; s < cx->ns; s++) {
        text_init(cx, &t[s], c->series[s].name ? c->series[s].name : "",
                  TH_LEGEND, 0, avail - sw - 4, PANGO_ALIGN_LEFT);
        iw[s] = sw + 4 + t[s].w;
    }
    while (i < cx->ns) {
        size_t j = i;
        double rw = iw[j++], rh = t[i].h;
        while (j < cx->ns && rw + gap + iw[j] <= avail) {
            rw += gap + iw[j];
            rh = fmax(rh, t[j].h);
            j++;
        }
        double x = (cx->w - rw) / 2;
        for (size_t k = i; k < j; k++) {
            legend_swatch(cx, k, x, y, sw, fmin(rh, t[k].h));
            text_put(cx, &t[k], x + sw + 4, y, &th_text, BACK_NONE);
            /* widen the recorded box to cover the swatch */
            struct chart_box *b = &cx->boxes[cx->nboxes - 1];
            b->x = x;
            b->w = iw[k];
            x += iw[k] + gap;
        }
        y += rh + 2;
        i = j;
    }
    for (size_t s = 0; s < cx->ns; s++)
        text_release(&t[s]);
    return y - top;
}

/* 1 when @p s ends with the UTF-8 text @p tail. */
static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);

    return n >= k && memcmp(s + n - k, tail, k) == 0;
}

/*
 * Draw the title, subtitle and legend at the top and the footnote at the
 * bottom; set the region left for the plot.
 */
static void frame_draw(struct chart_ctx *cx)
{
    const struct chart_spec *c = cx->c;
    double avail = cx->w - 2 * TH_MARGIN, y = TH_MARGIN;
    double bottom = cx->h - TH_MARGIN;
    struct text t = {0};

    if (c->title && *c->title) {
        text_init(cx, &t, c->title, TH_TITLE, 1, avail, PANGO_ALIGN_CENTER);
        text_balance(&t, avail);
        text_put(cx, &t, (cx->w - t.w) / 2, y, &th_title, BACK_NONE);
        y += t.h + 1;
        text_release(&t);
    }
    if (c->subtitle && *c->subtitle) {
        text_init(cx, &t, c->subtitle, TH_SUBTITLE, 0, avail,
                  PANGO_ALIGN_CENTER);
        text_balance(&t, avail);
        text_put(cx, &t, (cx->w - t.w) / 2, y, &th_sub, BACK_NONE);
        y += t.h;
        text_release(&t);
    }
    y += 6;
    if (cx->ns > 1 && c->kind != CK_DONUT)
        y += legend_draw(cx, y) + 2;

    /* the source line at the very bottom, the footnote above it */
    if (c->source && *c->source) {
        text_init(cx, &t, c->source, TH_NOTE, 0, avail, PANGO_ALIGN_LEFT);
        bottom -= t.h;
        text_put(cx, &t, TH_MARGIN, bottom, &th_sub, BACK_NONE);
        bottom -= 6;
        text_release(&t);
    }

    /* the footnote: the caller's note, then what "—" means */
    struct fy_buf note = FY_BUF_INIT;
    if (c->note && *c->note) {
        if (strncmp(c->note, "注", strlen("注")) != 0)
            fy_buf_puts(&note, "注：");
        fy_buf_puts(&note, c->note);
    }
    if (cx->undefined && !(c->note && strstr(c->note, "“—”"))) {
        if (note.len) {
            if (ends_with(note.data, "。"))
                note.len -= strlen("。");
            if (!ends_with(note.data, "；"))
                fy_buf_puts(&note, "；");
        } else {
            fy_buf_puts(&note, "注：");
        }
        fy_buf_puts(&note, UNDEFINED_NOTE "。");
    }
    if (note.len) {
        text_init(cx, &t, note.data, TH_NOTE, 0, avail, PANGO_ALIGN_LEFT);
        bottom -= t.h;
        text_put(cx, &t, TH_MARGIN, bottom, &th_sub, BACK_NONE);
        bottom -= 6;
        text_release(&t);
    }
    fy_buf_release(&note);
    cx->rx = TH_MARGIN;
    cx->ry = y;
    cx->rw = avail;
    cx->rh = fmax(bottom - y, 20.0);
}

/* ------------------------------------------------------------------ */
/* Category labels                                                     */
/* ------------------------------------------------------------------ */

static void texts_release(struct text *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++)
        text_release(&t[i]);
}

/*
 * Lay out the category labels at @p size wrapped (balanced) at @p width.
 * Returns 1 when each has at most @p maxlines lines, fits the width and,
 * when @p maxh > 0, is at most @p maxh high; else releases them, 0.
 */
static int cats_make(struct chart_ctx *cx, struct text *t, double size,
                     double width, int maxlines, double maxh,
                     PangoAlignment align)
{
    const struct chart_spec *c = cx->c;

    if (width < size)
        return 0;
    for (size_t i = 0; i < c->ncat; i++) {
        const char *s = c->categories[i] ? c->categories[i] : "";
        text_init(cx, &t[i], s, size, 0, width, align);
        text_balance(&t[i], width);
        text_tighten(cx, &t[i], size, REF_TEXT);
        if (t[i].lines > maxlines || t[i].w > width + 0.01
            || (maxh > 0 && t[i].h > maxh)) {
            texts_release(t, i + 1);
            return 0;
        }
    }
    return 1;
}

/* The last resort: labels cut with an ellipsis to as many lines (at
 * least one) as keep them within @p maxh. */
static void cats_make_cut(struct chart_ctx *cx, struct text *t, double size,
                          double width, int lines, double maxh,
                          PangoAlignment align)
{
    const struct chart_spec *c = cx->c;

    for (size_t i = 0; i < c->ncat; i++) {
        const char *s = c->categories[i] ? c->categories[i] : "";
        for (int n = lines; n >= 1; n--) {
            text_init(cx, &t[i], s, size, 0, fmax(width, size), align);
            pango_layout_set_height(t[i].l, -n);
            pango_layout_set_ellipsize(t[i].l, PANGO_ELLIPSIZE_END);
            text_measure(&t[i]);
            text_tighten(cx, &t[i], size, REF_TEXT);
            if (n == 1 || maxh <= 0 || t[i].h <= maxh)
                break;
            text_release(&t[i]);
        }
    }
}

static double texts_max_w(const struct text *t, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, t[i].w);
    return m;
}

static double texts_max_h(const struct text *t, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, t[i].h);
    return m;
}

/* Widest and tallest of the strings @p s at @p size. */
static void strings_size(struct chart_ctx *cx, char *const *s, size_t n,
                         double size, int num, double *w, double *h)
{
    *w = *h = 0;
    for (size_t i = 0; i < n; i++) {
        struct text t;
        if (!s[i])
            continue;
        if (num)
            text_init_num(cx, &t, s[i], size);
        else
            text_init(cx, &t, s[i], size, 0, 0, PANGO_ALIGN_LEFT);
        *w = fmax(*w, t.w);
        *h = fmax(*h, t.h);
        text_release(&t);
    }
}

/* ------------------------------------------------------------------ */
/* Bars and lines over categories                                      */
/* ------------------------------------------------------------------ */

/* The plan of a chart over categories, planned before anything is
 * drawn; both orientations use it (horiz: categories down the side). */
struct plan {
    int horiz, stacked, line;
    struct axis ax;
    double px, py, pw, ph;      /* the plot rectangle */
    double slot;                /* room of a category */
    double group, pitch, bar;   /* bars of a category, per series, bar */
    struct text *cats;          /* ncat labels, owned */
    double cat_w;               /* horiz: width of the label column */
    double cat_y;               /* vertical: top of the category labels */
    double lab_size;            /* data labels' font size */
    int rotated;                /* vertical bars: labels read upwards */
    struct text target;         /* the target's label (l NULL: none) */
    char **labs;                /* ns x ncat data labels, owned */
    char **totals;              /* stacked: ncat totals, owned */
};

static void plan_release(struct chart_ctx *cx, struct plan *p)
{
    size_t n = cx->c->ncat;

    axis_release(&p->ax);
    texts_release(p->cats, n);
    free(p->cats);
    text_release(&p->target);
    for (size_t i = 0; p->labs && i < cx->ns * n; i++)
        free(p->labs[i]);
    free(p->labs);
    for (size_t i = 0; p->totals && i < n; i++)
        free(p->totals[i]);
    free(p->totals);
    memset(p, 0, sizeof(*p));
}

/* The data labels' strings ("—" when undefined) and stack totals. */
static void plan_labels(struct chart_ctx *cx, struct plan *p)
{
    const struct chart_spec *c = cx->c;
    struct fy_buf b = FY_BUF_INIT;

    p->labs = fy_xcalloc(cx->ns * c->ncat, sizeof(char *));
    for (size_t s = 0; s < cx->ns; s++)
        for (size_t i = 0; i < c->ncat; i++) {
            fy_buf_reset(&b);
            if (is_defined(&c->series[s], i))
                fmt_number(c->series[s].values[i], c->percent, c->decimals,
                           &b);
            else
                fy_buf_puts(&b, UNDEFINED_MARK);
            p->labs[s * c->ncat + i] = fy_xstrdup(fy_buf_str(&b));
        }
    if (p->stacked) {
        p->totals = fy_xcalloc(c->ncat, sizeof(char *));
        for (size_t i = 0; i < c->ncat; i++) {
            double sum = 0;
            int all = 1;
            for (size_t s = 0; s < cx->ns; s++) {
                if (is_defined(&c->series[s], i))
                    sum += c->series[s].values[i];
                else
                    all = 0;
            }
            fy_buf_reset(&b);
            if (all)
                fmt_number(sum, c->percent, c->decimals, &b);
            else
                fy_buf_puts(&b, UNDEFINED_MARK);
            p->totals[i] = fy_xstrdup(fy_buf_str(&b));
        }
    }
    fy_buf_release(&b);
}

/* The strings that stand at bar ends: each bar's, or the totals. */
static char *const *end_labels(const struct chart_ctx *cx,
                               const struct plan *p, size_t *n)
{
    *n = p->stacked ? cx->c->ncat : cx->ns * cx->c->ncat;
    return p->stacked ? p->totals : p->labs;
}

static double vpos(const struct plan *p, double v)
{
    double t = (v - p->ax.vmin) / (p->ax.vmax - p->ax.vmin);

    return p->horiz ? p->px + t * p->pw : p->py + p->ph - t * p->ph;
}

/* Bars per category, their group and pitch in a slot of @p slot. */
static void plan_bars(struct chart_ctx *cx, struct plan *p, double fill)
{
    size_t per = p->stacked ? 1 : cx->ns;

    p->group = fmin(p->slot * fill, TH_BAR_MAX * (double)per);
    p->pitch = p->group / (double)per;
    p->bar = per > 1 ? p->pitch - fmin(1.5, p->pitch * 0.12) : p->pitch;
}

/*
 * Plan vertical bars (or, with p->line, lines) in the region: value axis
 * on the left, category labels wrapped under the plot (at most three
 * lines), data labels level or turned upwards. Returns 0 when the labels
 * of a bar chart cannot fit (it is then drawn horizontally).
 */
static int plan_vertical(struct chart_ctx *cx, struct plan *p)
{
    const struct chart_spec *c = cx->c;
    double lo, hi;
    size_t nl;
    char *const *ends = end_labels(cx, p, &nl);

    value_range(cx, p->stacked, &lo, &hi);
    if (p->line)
        line_floor(cx, &lo, hi);
    if (has_target(c))
        text_init(cx, &p->target, c->target_label, TH_LABEL, 0, 64,
                  PANGO_ALIGN_LEFT);
    double rpad = p->target.l ? p->target.w + 6 : 4;
    p->cats = fy_xcalloc(c->ncat, sizeof(struct text));
    for (int mt = 6; mt >= 2; mt--) {
        axis_release(&p->ax);
        texts_release(p->cats, c->ncat);
        axis_init(cx, &p->ax, lo, hi, mt);
        double aw = p->ax.lw + 6;
        p->px = cx->rx + aw;
        p->pw = cx->rw - aw - rpad;
        p->slot = p->pw / (double)c->ncat;

        int ok = 0;
        for (size_t k = 0; !ok && k < NSIZES(cat_sizes); k++)
            ok = cats_make(cx, p->cats, cat_sizes[k], p->slot - 4, 3, 0,
                           PANGO_ALIGN_CENTER);
        if (!ok && !p->line)
            return 0;
        if (!ok)
            cats_make_cut(cx, p->cats, cat_sizes[NSIZES(cat_sizes) - 1],
                          p->slot - 4, 3, 0, PANGO_ALIGN_CENTER);
        double cat_h = texts_max_h(p->cats, c->ncat);

        double lw = 0, lh = 0, top, negpad = 0;
        if (p->line) {
            p->lab_size = TH_LABEL;
            strings_size(cx, p->labs, cx->ns * c->ncat, p->lab_size, 1,
                         &lw, &lh);
            top = lh + 4;
        } else {
            plan_bars(cx, p, cx->ns > 1 && !p->stacked ? 0.8 : 0.6);
            /* one bar per slot: its label may be wider than the bar */
            double room = p->stacked || cx->ns == 1 ? p->slot - 2
                                                    : p->pitch - 0.5;
            ok = 0;
            for (size_t k = 0; !ok && k < NSIZES(lab_sizes); k++) {
                strings_size(cx, ends, nl, lab_sizes[k], 1, &lw, &lh);
                if (lw <= room) {
                    ok = 1;
                    p->lab_size = lab_sizes[k];
                    p->rotated = 0;
                }
            }
            for (size_t k = 0; !ok && k < NSIZES(lab_sizes); k++) {
                strings_size(cx, ends, nl, lab_sizes[k], 1, &lw, &lh);
                if (lh <= room) {
                    ok = 1;
                    p->lab_size = lab_sizes[k];
                    p->rotated = 1;
                }
            }
            if (!ok)
                return 0;
            top = (p->rotated ? lw : lh) + 3;
            if (lo < 0)
                negpad = top;
        }
        top = fmax(top, p->ax.lh / 2 + 1);
        if (p->target.l)
            top = fmax(top, p->target.h / 2 + 1);
        p->py = cx->ry + top;
        p->ph = cx->rh - top - negpad - cat_h - 5;
        p->cat_y = p->py + p->ph + negpad + 5;
        if (p->ph / (p->ax.n - 1) >= p->ax.lh * 1.5 || mt == 2)
            return 1;
    }
    return 1;
}

/*
 * Plan horizontal bars: labels in a column on the left (up to 40% of
 * the width, wrapped and balanced, as many lines as a category's room
 * holds), the value axis under the plot, data labels after bar ends.
 */
static void plan_horizontal(struct chart_ctx *cx, struct plan *p)
{
    const struct chart_spec *c = cx->c;
    double lo, hi, cap = cx->rw * 0.4;
    size_t nl;
    char *const *ends = end_labels(cx, p, &nl);

    p->horiz = 1;
    value_range(cx, p->stacked, &lo, &hi);
    if (has_target(c))
        text_init(cx, &p->target, c->target_label, TH_LABEL, 0, cx->rw / 2,
                  PANGO_ALIGN_CENTER);
    p->cats = fy_xcalloc(c->ncat, sizeof(struct text));
    for (int mt = 6; mt >= 2; mt--) {
        axis_release(&p->ax);
        texts_release(p->cats, c->ncat);
        axis_init(cx, &p->ax, lo, hi, mt);
        double top = p->target.l ? p->target.h + 3 : 2;
        p->py = cx->ry + top;
        p->ph = cx->rh - top - p->ax.lh - 3;
        p->slot = p->ph / (double)c->ncat;

        int ok = 0;
        for (size_t k = 0; !ok && k < NSIZES(hcat_sizes); k++) {
            double natural;
            strings_size(cx, (char *const *)c->categories, c->ncat,
                         hcat_sizes[k], 0, &natural, &(double){0});
            ok = cats_make(cx, p->cats, hcat_sizes[k], fmin(natural, cap),
                           99, p->slot - 0.5, PANGO_ALIGN_RIGHT);
        }
        if (!ok)
            cats_make_cut(cx, p->cats, hcat_sizes[NSIZES(hcat_sizes) - 1],
                          cap, 3, p->slot - 0.5, PANGO_ALIGN_RIGHT);
        p->cat_w = texts_max_w(p->cats, c->ncat);

        /* data labels: as large as the room of a bar allows */
        double lw = 0, lh = 0;
        plan_bars(cx, p, cx->ns > 1 && !p->stacked ? 0.8 : 0.6);
        double room = p->stacked ? p->slot - 0.5 : p->pitch;
        ok = 0;
        for (size_t k = 0; !ok && k < NSIZES(lab_sizes); k++) {
            strings_size(cx, ends, nl, lab_sizes[k], 1, &lw, &lh);
            ok = lh <= room;
            p->lab_size = lab_sizes[k];
        }
        if (!ok && !p->stacked)
            plan_bars(cx, p, 0.92);
        p->px = cx->rx + p->cat_w + 6;
        double rpad = fmax(lw + 5, p->ax.lab[p->ax.n - 1].w / 2 + 1);
        p->pw = cx->rw - p->cat_w - 6 - rpad;
        if (p->pw / (p->ax.n - 1) >= p->ax.lw + 8 || mt == 2)
            return;
    }
}

/* Gridlines, the zero line and the tick labels of the value axis. */
static void grid_draw(struct chart_ctx *cx, const struct plan *p)
{
    cairo_t *cr = cx->cr;
    const struct axis *a = &p->ax;

    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    draw_set_rgb(cr, &th_grid);
    for (int k = 0; k < a->n; k++) {
        double v = vpos(p, a->start + k * a->step);
        if (p->horiz) {
            cairo_move_to(cr, v, p->py);
            cairo_line_to(cr, v, p->py + p->ph);
        } else {
            cairo_move_to(cr, p->px, v);
            cairo_line_to(cr, p->px + p->pw, v);
        }
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    for (int k = 0; k < a->n; k++) {
        const struct text *t = &a->lab[k];
        double v = vpos(p, a->start + k * a->step);
        if (p->horiz)
            text_put(cx, t, v - t->w / 2, p->py + p->ph + 3, &th_text,
                     BACK_NONE);
        else
            text_put(cx, t, p->px - 5 - t->w, v - t->h / 2, &th_text,
                     BACK_NONE);
    }
}

/* The zero line (over the bars' feet) and, on vertical charts, the
 * category axis. */
static void baseline_draw(struct chart_ctx *cx, const struct plan *p)
{
    cairo_t *cr = cx->cr;
    double z = vpos(p, fmax(p->ax.vmin, fmin(0, p->ax.vmax)));

    cairo_save(cr);
    draw_set_rgb(cr, &th_axis);
    cairo_set_line_width(cr, 0.8);
    if (p->horiz) {
        cairo_move_to(cr, z, p->py);
        cairo_line_to(cr, z, p->py + p->ph);
    } else {
        cairo_move_to(cr, p->px, z);
        cairo_line_to(cr, p->px + p->pw, z);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* The dashed target line across the plot and its label (right of a
 * vertical plot, above a horizontal one). */
static void target_draw(struct chart_ctx *cx, const struct plan *p)
{
    cairo_t *cr = cx->cr;
    const struct draw_rgb *col = &draw_palette[TARGET_COLOUR];
    static const double dash[] = {4, 2.5};
    double t;

    if (!p->target.l)
        return;
    t = vpos(p, cx->c->target);
    cairo_save(cr);
    draw_set_rgb(cr, col);
    cairo_set_line_width(cr, 1.2);
    cairo_set_dash(cr, dash, 2, 0);
    if (p->horiz) {
        cairo_move_to(cr, t, p->py - 1);
        cairo_line_to(cr, t, p->py + p->ph);
    } else {
        cairo_move_to(cr, p->px, t);
        cairo_line_to(cr, p->px + p->pw + 3, t);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void target_label_draw(struct chart_ctx *cx, const struct plan *p)
{
    const struct draw_rgb *col = &draw_palette[TARGET_COLOUR];
    const struct text *l = &p->target;

    if (!l->l)
        return;
    double t = vpos(p, cx->c->target);
    if (p->horiz) {
        double x = fmin(fmax(t - l->w / 2, cx->rx), cx->rx + cx->rw - l->w);
        text_put(cx, l, x, p->py - 3 - l->h, col, BACK_NONE);
    } else {
        text_put(cx, l, p->px + p->pw + 5, t - l->h / 2, col, BACK_NONE);
    }
}

/* Category labels: under each slot, or right-aligned beside it. */
static void cats_draw(struct chart_ctx *cx, const struct plan *p,
                      double below)
{
    for (size_t i = 0; i < cx->c->ncat; i++) {
        const struct text *t = &p->cats[i];
        if (p->horiz) {
            double mid = p->py + (i + 0.5) * p->slot;
            text_put(cx, t, p->px - 6 - t->w, mid - t->h / 2, &th_text,
                     BACK_NONE);
        } else {
            double mid = p->px + (i + 0.5) * p->slot;
            text_put(cx, t, mid - t->w / 2, below, &th_text, BACK_NONE);
        }
    }
}

/*
 * A data label at the end of a bar whose category coordinate is centred
 * at @p cc, ending at value @p end (0 for an undefined value: "—" sits on
 * the zero line). Vertical: above the end (below for a negative value),
 * level or turned. Horizontal: after the end; if that meets another
 * label, inside the bar's end, else further out; never over another.
 */
static void end_label(struct chart_ctx *cx, const struct plan *p,
                      const char *s, double cc, double end,
                      const struct draw_rgb *fill)
{
    struct text t;
    double e = vpos(p, end), z = vpos(p, 0);
    int neg = end < 0;

    text_init_num(cx, &t, s, p->lab_size);
    if (!p->horiz) {
        /* "—" turned would read as a bar: it stays level when it fits */
        int up = p->rotated && !(strcmp(s, UNDEFINED_MARK) == 0
                                 && t.w <= p->pitch - 0.5);
        double bw = up ? t.h : t.w, bh = up ? t.w : t.h;
        double x = cc - bw / 2, y = neg ? e + 2 : e - 2 - bh;
        if (up)
            text_put_up(cx, &t, x, y, &th_text);
        else
            text_put(cx, &t, x, y, &th_text, BACK_CHIP);
        text_release(&t);
        return;
    }
    double y = cc - t.h / 2, x0 = cx->rx, x1 = cx->rx + cx->rw;
    double x = neg ? e - 3 - t.w : e + 3;
    if (box_free(cx, x, y, t.w, t.h, x0, cx->ry, x1, cx->ry + cx->rh)) {
        text_put(cx, &t, x, y, &th_text, BACK_CHIP);
    } else if (fabs(e - z) >= t.w + 6 && t.h <= p->bar
               && box_free(cx, neg ? e + 3 : e - 3 - t.w, y, t.w, t.h, x0,
                           cx->ry, x1, cx->ry + cx->rh)) {
        text_put(cx, &t, neg ? e + 3 : e - 3 - t.w, y, text_on(fill),
                 BACK_NONE);
    } else {
        /* step outwards past whatever is in the way */
        for (int k = 0; k < 8; k++) {
            struct chart_box b = {x, y, t.w, t.h};
            double nx = x;
            for (size_t i = 0; i < cx->nboxes; i++)
                if (box_meets(&b, &cx->boxes[i]))
                    nx = neg ? fmin(nx, cx->boxes[i].x - 2 - t.w)
                             : fmax(nx, cx->boxes[i].x + cx->boxes[i].w + 2);
            if (nx == x)
                break;
            x = nx;
        }
        if (box_free(cx, x, y, t.w, t.h, x0, cx->ry, x1, cx->ry + cx->rh))
            text_put(cx, &t, x, y, &th_text, BACK_CHIP);
    }
    text_release(&t);
}

/* Bars from @p v0 to @p v1 at category coordinate @p c0, @p th thick. */
static void bar_path(cairo_t *cr, const struct plan *p, double c0, double th,
                     double v0, double v1)
{
    double a = vpos(p, v0), z = vpos(p, v1);

    if (p->horiz)
        cairo_rectangle(cr, fmin(a, z), c0, fabs(z - a), th);
    else
        cairo_rectangle(cr, c0, fmin(a, z), th, fabs(z - a));
}

/* A segment's label inside it, when it fits with room to spare. */
static void segment_label(struct chart_ctx *cx, const struct plan *p,
                          const char *s, double c0, double th, double v0,
                          double v1, const struct draw_rgb *fill)
{
    struct text t;
    double a = vpos(p, v0), z = vpos(p, v1), len = fabs(z - a);
    double mid = (a + z) / 2;

    text_init_num(cx, &t, s, p->lab_size);
    double along = p->horiz ? t.w : t.h, across = p->horiz ? t.h : t.w;
    if (along + 2 <= len && across + 2 <= th) {
        double x = p->horiz ? mid - t.w / 2 : c0 + (th - t.w) / 2;
        double y = p->horiz ? c0 + (th - t.h) / 2 : mid - t.h / 2;
        if (box_free(cx, x, y, t.w, t.h, 0, 0, cx->w, cx->h))
            text_put(cx, &t, x, y, text_on(fill), BACK_NONE);
    }
    text_release(&t);
}

static void bars_draw(struct chart_ctx *cx, struct plan *p)
{
    const struct chart_spec *c = cx->c;
    cairo_t *cr = cx->cr;

    grid_draw(cx, p);
    cats_draw(cx, p, p->cat_y);
    target_label_draw(cx, p);
    for (size_t i = 0; i < c->ncat; i++) {
        double c0 = (p->horiz ? p->py : p->px) + i * p->slot
                    + (p->slot - p->group) / 2;
        double pos = 0, neg = 0;
        for (size_t s = 0; s < cx->ns; s++) {
            const struct chart_series *se = &c->series[s];
            if (!is_defined(se, i))
                continue;
            double v = se->values[i];
            cairo_save(cr);
            draw_set_rgb(cr, series_rgb(s));
            if (p->stacked) {
                double *acc = v >= 0 ? &pos : &neg;
                bar_path(cr, p, c0, p->group, *acc, *acc + v);
                *acc += v;
                cairo_fill_preserve(cr);
                draw_set_rgb(cr, &th_white);
                cairo_set_line_width(cr, 0.6);
                cairo_stroke(cr);
            } else {
                bar_path(cr, p, c0 + s * p->pitch + (p->pitch - p->bar) / 2,
                         p->bar, 0, v);
                cairo_fill(cr);
            }
            cairo_restore(cr);
        }
    }
    baseline_draw(cx, p);
    target_draw(cx, p);
    /* labels last, over bars and lines */
    for (size_t i = 0; i < c->ncat; i++) {
        double c0 = (p->horiz ? p->py : p->px) + i * p->slot
                    + (p->slot - p->group) / 2;
        if (p->stacked) {
            double pos = 0, neg = 0;
            for (size_t s = 0; s < cx->ns; s++) {
                const struct chart_series *se = &c->series[s];
                if (!is_defined(se, i))
                    continue;
                double v = se->values[i], *acc = v >= 0 ? &pos : &neg;
                segment_label(cx, p, p->labs[s * c->ncat + i], c0, p->group,
                              *acc, *acc + v, series_rgb(s));
                *acc += v;
            }
            double end = pos + neg >= 0 ? pos : neg;
            end_label(cx, p, p->totals[i], c0 + p->group / 2, end,
                      &th_white);
            continue;
        }
        for (size_t s = 0; s < cx->ns; s++) {
            const struct chart_series *se = &c->series[s];
            double v = is_defined(se, i) ? se->values[i] : 0;
            end_label(cx, p, p->labs[s * c->ncat + i],
                      c0 + s * p->pitch + p->pitch / 2, v, series_rgb(s));
        }
    }
}

/*
 * Place a data label of a line at point (x, y): right above it or right
 * below, first as @p prefer_below says; the first place that meets no
 * text or marker drawn and stays in the region wins. Neither: the label
 * is left out rather than drawn over another or away from its point.
 * An undefined value's "—" (@p gap) stands on the axis, stacked upwards.
 */
static void point_label(struct chart_ctx *cx, const struct plan *p,
                        const char *s, double x, double y, int prefer_below,
                        int gap)
{
    struct text t;
    double bottom = p->py + p->ph;

    text_init_num(cx, &t, s, p->lab_size);
    double lx = fmin(fmax(x - t.w / 2, cx->rx), cx->rx + cx->rw - t.w);
    double cand[CHART_MAX_SERIES];
    double up = y - 4 - t.h, down = y + 4;
    int n = gap ? CHART_MAX_SERIES : 2;
    for (int k = 0; k < n; k++)
        cand[k] = gap ? y - 2 - t.h - k * (t.h + 1)
                  : (k == 0) == (prefer_below != 0) ? down : up;
    for (int k = 0; k < n; k++)
        if (box_free(cx, lx, cand[k], t.w, t.h, cx->rx, cx->ry,
                     cx->rx + cx->rw, bottom)) {
            text_put(cx, &t, lx, cand[k], &th_text, BACK_HALO);
            break;
        }
    text_release(&t);
}

static void lines_draw(struct chart_ctx *cx, struct plan *p)
{
    const struct chart_spec *c = cx->c;
    cairo_t *cr = cx->cr;

    grid_draw(cx, p);
    cats_draw(cx, p, p->cat_y);
    target_label_draw(cx, p);
    baseline_draw(cx, p);
    target_draw(cx, p);
    for (size_t s = 0; s < cx->ns; s++) {
        const struct chart_series *se = &c->series[s];
        int pen = 0;
        cairo_save(cr);
        set_series_line(cr, s);
        for (size_t i = 0; i < c->ncat; i++) {
            if (!is_defined(se, i)) {
                pen = 0;
                continue;
            }
            double x = p->px + (i + 0.5) * p->slot;
            double y = vpos(p, se->values[i]);
            if (pen)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            pen = 1;
        }
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    for (size_t s = 0; s < cx->ns; s++)
        for (size_t i = 0; i < c->ncat; i++)
            if (is_defined(&c->series[s], i)) {
                double x = p->px + (i + 0.5) * p->slot;
                double y = vpos(p, c->series[s].values[i]);
                cairo_save(cr);
                draw_marker(cr, s, x, y);
                cairo_restore(cr);
                obstacle_add(cx, x - 3.2, y - 3.2, 6.4, 6.4);
            }
    /* labels: per category, the highest point's above, the lowest's
     * below; "—" stands on the zero line */
    for (size_t i = 0; i < c->ncat; i++) {
        double x = p->px + (i + 0.5) * p->slot;
        for (size_t s = 0; s < cx->ns; s++) {
            const struct chart_series *se = &c->series[s];
            const char *lab = p->labs[s * c->ncat + i];
            if (!is_defined(se, i)) {
                point_label(cx, p, lab, x,
                            vpos(p, fmax(p->ax.vmin, fmin(0, p->ax.vmax))),
                            0, 1);
                continue;
            }
            size_t above = 0, below = 0;
            for (size_t o = 0; o < cx->ns; o++)
                if (o != s && is_defined(&c->series[o], i)) {
                    above += c->series[o].values[i] > se->values[i];
                    below += c->series[o].values[i] < se->values[i];
                }
            point_label(cx, p, lab, x, vpos(p, se->values[i]),
                        above > 0 && below == 0, 0);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Donut                                                               */
/* ------------------------------------------------------------------ */

/* Colour of share @p i: the seven Okabe–Ito hues, then grey, then the
 * hues again lightened by half. */
static struct draw_rgb share_rgb(size_t i)
{
    struct draw_rgb c = draw_palette[i % 8];
    if ((i / 8) % 2) {
        c.r = (c.r + 1) / 2;
        c.g = (c.g + 1) / 2;
        c.b = (c.b + 1) / 2;
    }
    return c;
}

/* 1 when (x, y) lies in the ring r0..r1 around (cx, cy), between the
 * angles a0 and a1 (clockwise from a0). */
static int in_sector(double x, double y, double ox, double oy, double r0,
                     double r1, double a0, double a1)
{
    double d = hypot(x - ox, y - oy);
    double a = atan2(y - oy, x - ox);

    if (d < r0 || d > r1)
        return 0;
    while (a < a0)
        a += 2 * M_PI;
    while (a > a0 + 2 * M_PI)
        a -= 2 * M_PI;
    return a <= a1;
}

/*
 * A donut of the first series: slices clockwise from twelve o'clock,
 * the total in the hole (counts), shares printed in slices wide enough
 * and a legend of every category with its share on the right ("—" for
 * an undefined value, which gets no slice).
 */
static void donut_draw(struct chart_ctx *cx)
{
    const struct chart_spec *c = cx->c;
    const struct chart_series *se = &c->series[0];
    cairo_t *cr = cx->cr;
    size_t n = c->ncat;
    double total = 0;
    struct fy_buf b = FY_BUF_INIT;

    for (size_t i = 0; i < n; i++)
        if (is_defined(se, i) && se->values[i] > 0)
            total += se->values[i];
    char **pct = fy_xcalloc(n, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        fy_buf_reset(&b);
        if (!is_defined(se, i))
            fy_buf_puts(&b, UNDEFINED_MARK);
        else
            fmt_number(se->values[i] > 0 ? se->values[i] / total : 0, 1, 2,
                       &b);
        pct[i] = fy_xstrdup(fy_buf_str(&b));
    }

    /* the legend: one or two columns, shrinking until it fits */
    struct text *names = fy_xcalloc(n, sizeof(struct text));
    struct text *shares = fy_xcalloc(n, sizeof(struct text));
    double size = TH_LEGEND, row = 0, namew = 0, pw = 0, colw = 0;
    size_t cols = 1, rows = n;
    for (int tries = 0; tries < 8; tries++) {
        texts_release(names, n);
        texts_release(shares, n);
        cols = tries < 4 ? 1 : 2;
        rows = (n + cols - 1) / cols;
        double cap = cx->rw * (cols == 1 ? 0.36 : 0.22);
        double natural;
        strings_size(cx, (char *const *)c->categories, n, size, 0,
                     &natural, &(double){0});
        namew = fmin(natural, cap);
        row = 0;
        pw = 0;
        for (size_t i = 0; i < n; i++) {
            text_init(cx, &names[i], c->categories[i] ? c->categories[i] : "",
                      size, 0, namew, PANGO_ALIGN_LEFT);
            text_balance(&names[i], namew);
            text_init(cx, &shares[i], pct[i], size, 0, 0, PANGO_ALIGN_RIGHT);
            row = fmax(row, fmax(names[i].h, shares[i].h));
            pw = fmax(pw, shares[i].w);
        }
        namew = texts_max_w(names, n);
        colw = TH_SWATCH + 4 + namew + 8 + pw;
        if ((row + 2) * (double)rows <= cx->rh)
            break;
        size = tries == 3 ? TH_LEGEND : fmax(size - 0.5, 6.0);
    }
    double legw = colw * (double)cols + 14 * (double)(cols - 1);
    double legh = (row + 2) * (double)rows - 2;

    /* the ring on the left, the legend beside it, centred together */
    double d = fmin(cx->rh, cx->rw - legw - 24);
    d = fmax(d, 40);
    double gap = fmin(32, fmax(16, (cx->rw - legw - d) / 3));
    double left = cx->rx + (cx->rw - d - gap - legw) / 2;
    double R = d / 2, r = R * 0.56;
    double ox = left + R, oy = cx->ry + cx->rh / 2;
    double a = -M_PI / 2;
    double *a0 = fy_xcalloc(n, sizeof(double));
    double *a1 = fy_xcalloc(n, sizeof(double));

    for (size_t i = 0; i < n; i++) {
        a0[i] = a1[i] = a;
        if (!is_defined(se, i) || se->values[i] <= 0)
            continue;
        a1[i] = a + 2 * M_PI * se->values[i] / total;
        struct draw_rgb col = share_rgb(i);
        cairo_save(cr);
        cairo_new_path(cr);
        cairo_arc(cr, ox, oy, R, a0[i], a1[i]);
        cairo_arc_negative(cr, ox, oy, r, a1[i], a0[i]);
        cairo_close_path(cr);
        draw_set_rgb(cr, &col);
        cairo_fill_preserve(cr);
        draw_set_rgb(cr, &th_white);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        cairo_restore(cr);
        a = a1[i];
    }
    /* shares inside slices that hold them */
    for (size_t i = 0; i < n; i++) {
        struct text t;
        if (a1[i] <= a0[i])
            continue;
        double mid = (a0[i] + a1[i]) / 2, rm = (R + r) / 2;
        text_init_num(cx, &t, pct[i], TH_LABEL);
        double x = ox + rm * cos(mid) - t.w / 2;
        double y = oy + rm * sin(mid) - t.h / 2;
        int fits = 1;
        for (int k = 0; k < 4 && fits; k++)
            fits = in_sector(x + (k & 1 ? t.w : 0), y + (k & 2 ? t.h : 0),
                             ox, oy, r + 1, R - 1, a0[i], a1[i]);
        if (fits && box_free(cx, x, y, t.w, t.h, 0, 0, cx->w, cx->h)) {
            struct draw_rgb col = share_rgb(i);
            text_put(cx, &t, x, y, text_on(&col), BACK_NONE);
        }
        text_release(&t);
    }
    free(a0);
    free(a1);
    /* the total in the hole */
    if (!c->percent) {
        struct text lt, vt;
        fy_buf_reset(&b);
        fmt_number(total, 0, c->decimals, &b);
        text_init(cx, &lt, "合计", TH_LEGEND, 0, 0, PANGO_ALIGN_LEFT);
        text_init(cx, &vt, fy_buf_str(&b), 11, 1, 0, PANGO_ALIGN_LEFT);
        double hh = lt.h + vt.h, ww = fmax(lt.w, vt.w);
        if (hypot(ww / 2, hh / 2) < r - 2) {
            text_put(cx, &lt, ox - lt.w / 2, oy - hh / 2, &th_sub,
                     BACK_NONE);
            text_put(cx, &vt, ox - vt.w / 2, oy - hh / 2 + lt.h, &th_title,
                     BACK_NONE);
        }
        text_release(&lt);
        text_release(&vt);
    }
    /* the legend */
    double lx0 = left + d + gap, ly0 = oy - legh / 2;
    for (size_t i = 0; i < n; i++) {
        size_t col = i / rows, rw = i % rows;
        double x = lx0 + (double)col * (colw + 14);
        double y = ly0 + (double)rw * (row + 2);
        struct draw_rgb sc = share_rgb(i);
        cairo_save(cr);
        draw_set_rgb(cr, &sc);
        cairo_rectangle(cr, x, y + (shares[i].h - TH_SWATCH) / 2, TH_SWATCH,
                        TH_SWATCH);
        cairo_fill(cr);
        cairo_restore(cr);
        text_put(cx, &names[i], x + TH_SWATCH + 4, y, &th_text, BACK_NONE);
        cx->boxes[cx->nboxes - 1].x = x;
        cx->boxes[cx->nboxes - 1].w = TH_SWATCH + 4 + names[i].w;
        text_put(cx, &shares[i], x + colw - shares[i].w, y, &th_text,
                 BACK_NONE);
    }
    texts_release(names, n);
    texts_release(shares, n);
    free(names);
    free(shares);
    for (size_t i = 0; i < n; i++)
        free(pct[i]);
    free(pct);
    fy_buf_release(&b);
}

/* ------------------------------------------------------------------ */
/* Public functions                                                    */
/* ------------------------------------------------------------------ */

int report_chart_empty(const struct chart_spec *c)
{
    if (!c || c->ncat == 0 || c->nseries == 0)
        return 1;
    size_t ns = c->kind == CK_DONUT ? 1
                : c->nseries < CHART_MAX_SERIES ? c->nseries
                                                : CHART_MAX_SERIES;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < c->ncat; i++)
            if (c->series[s].values && is_defined(&c->series[s], i)
                && c->series[s].values[i] != 0)
                return 0;
    return 1;
}

int report_chart_overlaps(const struct chart_layout *l)
{
    for (size_t i = 0; i < l->nboxes; i++)
        for (size_t j = i + 1; j < l->nboxes; j++)
            if (box_meets(&l->boxes[i], &l->boxes[j]))
                return 1;
    return 0;
}

void report_chart_layout_release(struct chart_layout *l)
{
    if (!l)
        return;
    free(l->boxes);
    l->boxes = NULL;
    l->nboxes = 0;
    l->drawn = 0;
}

static void chart_size(const struct chart_spec *c, double *w, double *h)
{
    *w = c->width > 0 ? c->width : TH_WIDTH;
    *h = c->height > 0 ? c->height : TH_HEIGHT;
}

fy_status report_chart_draw(struct report_fonts *f, cairo_t *cr,
                            const struct chart_spec *c, double x, double y,
                            struct chart_layout *layout, struct fy_error *err)
{
    struct chart_ctx cx = {0};
    struct plan p = {0};

    if (layout)
        *layout = (struct chart_layout){NULL, 0, 0};
    if (report_chart_empty(c))
        return FY_OK;
    if (!c->categories)
        return fy_fail(err, FY_E_PDF, NULL, _("chart '%s' has no categories"),
                       c->title ? c->title : "");
    cx.f = f;
    cx.cr = cr;
    cx.c = c;
    cx.ns = c->kind == CK_DONUT ? 1
            : c->nseries < CHART_MAX_SERIES ? c->nseries
                                            : CHART_MAX_SERIES;
    for (size_t s = 0; s < cx.ns; s++)
        if (!c->series[s].values)
            return fy_fail(err, FY_E_PDF, NULL,
                           _("chart '%s' has a series without values"),
                           c->title ? c->title : "");
    chart_size(c, &cx.w, &cx.h);
    for (size_t s = 0; s < cx.ns; s++)
        for (size_t i = 0; i < c->ncat; i++)
            if (!is_defined(&c->series[s], i))
                cx.undefined = 1;

    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_new_path(cr);
    frame_draw(&cx);
    switch (c->kind) {
    case CK_DONUT:
        donut_draw(&cx);
        break;
    case CK_LINE:
        p.line = 1;
        plan_labels(&cx, &p);
        plan_vertical(&cx, &p);
        lines_draw(&cx, &p);
        break;
    case CK_BAR:
    case CK_STACKED:
    case CK_HBAR:
    default:
        p.stacked = c->kind == CK_STACKED;
        plan_labels(&cx, &p);
        if (c->kind == CK_HBAR || !plan_vertical(&cx, &p)) {
            /* the labels do not fit under the bars: turn the chart */
            int stacked = p.stacked;
            plan_release(&cx, &p);
            p.stacked = stacked;
            plan_labels(&cx, &p);
            plan_horizontal(&cx, &p);
        }
        bars_draw(&cx, &p);
        break;
    }
    plan_release(&cx, &p);
    free(cx.obst);
    cairo_restore(cr);

    cairo_status_t cs = cairo_status(cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        free(cx.boxes);
        return fy_fail(err, FY_E_PDF, NULL, _("cannot draw chart '%s': %s"),
                       c->title ? c->title : "", cairo_status_to_string(cs));
    }
    if (layout) {
        for (size_t i = 0; i < cx.nboxes; i++) {
            cx.boxes[i].x += x;
            cx.boxes[i].y += y;
        }
        layout->boxes = cx.boxes;
        layout->nboxes = cx.nboxes;
        layout->drawn = 1;
    } else {
        free(cx.boxes);
    }
    return FY_OK;
}

/* Does any text of the chart need the regular face whole (cairo 1.16)? */
static int chart_needs_whole_font(const struct chart_spec *c)
{
    int need = draw_needs_whole_font(c->title)
               || draw_needs_whole_font(c->subtitle)
               || draw_needs_whole_font(c->note)
               || draw_needs_whole_font(c->source)
               || draw_needs_whole_font(c->target_label);
    for (size_t i = 0; i < c->ncat && !need; i++)
        need = draw_needs_whole_font(c->categories[i]);
    for (size_t s = 0; s < c->nseries && !need; s++)
        need = draw_needs_whole_font(c->series[s].name);
    return need;
}

fy_status report_chart_pdf(struct report_fonts *f, const struct chart_spec *c,
                           const char *path, time_t created,
                           struct chart_layout *layout, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    double w, h;

    if (layout)
        *layout = (struct chart_layout){NULL, 0, 0};
    if (report_chart_empty(c))
        return FY_OK;
    chart_size(c, &w, &h);
    struct fy_buf sink = FY_BUF_INIT;
    cairo_surface_t *pdf = draw_pdf_create(&sink, w, h);
    cairo_status_t cs = cairo_surface_status(pdf);
    if (cs != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(pdf);
        fy_buf_release(&sink);
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       cairo_status_to_string(cs));
    }
    draw_pdf_metadata(pdf, c->title, NULL, c->subtitle, created);
    cairo_t *cr = cairo_create(pdf);
    fy_status rc = report_chart_draw(f, cr, c, 0, 0, layout, err);
    if (rc == FY_OK && chart_needs_whole_font(c))
        draw_keep_subroutines(f, cr, 1, h - 1);
    cairo_destroy(cr);
    if (rc == FY_OK)
        rc = draw_pdf_finish(pdf, &sink, path, err);
    else
        draw_pdf_finish(pdf, &sink, NULL, NULL);
    cairo_surface_destroy(pdf);
    if (rc != FY_OK) {
        remove(path);
        report_chart_layout_release(layout);
    }
    return rc;
}

fy_status report_chart_png(struct report_fonts *f, const struct chart_spec *c,
                           const char *path, double dpi,
                           struct fy_error *err)
{
    double w, h;

    if (report_chart_empty(c))
        return FY_OK;
    if (!(dpi > 0))
        dpi = 72;
    chart_size(c, &w, &h);
    int pw = (int)lround(w * dpi / 72), ph = (int)lround(h * dpi / 72);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw,
                                                      ph);
    cairo_t *cr = cairo_create(img);
    draw_set_rgb(cr, &th_white);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72, dpi / 72);
    fy_status rc = report_chart_draw(f, cr, c, 0, 0, NULL, err);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    if (rc == FY_OK)
        rc = draw_write_png(img, path, dpi, err);
    cairo_surface_destroy(img);
    return rc;
}
