/* SPDX-License-Identifier: MIT */
/*
 * report_draw.h - drawing for charts and PDFs: cairo surfaces, text
 * through Pango with fonts from the project's private fontconfig
 * configuration (fonts/fonts.conf), and the common look (palette, sizes).
 * Private to src/report: the only place cairo and Pango types appear.
 */
#ifndef FY_REPORT_DRAW_H
#define FY_REPORT_DRAW_H

#include "fuyuan/draw.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

/** The font family of every text (Noto Sans CJK SC). */
#define DRAW_FAMILY "Noto Sans CJK SC"
/**
 * The faces of a 公文 (GB/T 9704-2012) beside it, free stand-ins for the
 * commercial ones the standard names: Noto Serif CJK SC for 仿宋 (the
 * body) and, bold, for 小标宋 (the head and the titles); AR PL UKai
 * (Debian fonts-arphic-ukai) for 楷体; DRAW_FAMILY for 黑体.
 */
#define DRAW_SERIF "Noto Serif CJK SC"
#define DRAW_KAI "AR PL UKai CN"

struct report_fonts {
    FcConfig *config;          /* the private configuration */
    PangoFontMap *map;         /* a PangoCairo FT font map using it */
    cairo_font_options_t *options; /* no hinting: same layout everywhere */
    char **warnings;           /* characters no loaded font covers */
    size_t nwarnings;
    int kai;                   /* DRAW_KAI: 1 installed, 0 not, -1 unknown */
};

/** Colour-blind-safe palette (Okabe–Ito), distinct in greyscale too. */
struct draw_rgb {
    double r, g, b;
};
extern const struct draw_rgb draw_palette[8];
#define DRAW_TEXT_GREY 0.25
#define DRAW_AXIS_GREY 0.55
#define DRAW_GRID_GREY 0.88

/**
 * A layout of @p text in the project's font at @p size points, wrapped at
 * @p width points (<= 0: no wrapping). Characters no font covers are
 * recorded as warnings. The caller unrefs the layout.
 */
PangoLayout *draw_text(struct report_fonts *f, cairo_t *cr, const char *text,
                       double size, int bold, double width);
/** draw_text() in font family @p family (DRAW_FAMILY, DRAW_SERIF, ...);
 *  DRAW_KAI falls back to DRAW_SERIF, with a warning, when it is not
 *  installed. */
PangoLayout *draw_text_face(struct report_fonts *f, cairo_t *cr,
                            const char *text, const char *family, double size,
                            int bold, double width);
/** Size of a layout in points. */
void draw_text_size(PangoLayout *l, double *w, double *h);
/** Draw a layout with its top-left at (x, y). */
void draw_layout_at(cairo_t *cr, PangoLayout *l, double x, double y);
void draw_set_rgb(cairo_t *cr, const struct draw_rgb *c);

/**
 * PDF metadata and fixed dates (SOURCE_DATE_EPOCH) for a surface; NULL
 * strings are left out. Finish the surface with draw_pdf_finish(), which
 * gives the dates the "D:" prefix that cairo 1.16 leaves out.
 */
void draw_pdf_metadata(cairo_surface_t *pdf, const char *title,
                       const char *author, const char *subject,
                       time_t created);

/**
 * A PDF surface of @p w x @p h points that writes into @p sink (memory,
 * FY_BUF_INIT): cairo's own file stream does not say why a write failed,
 * nor always that it did (a full disk gave an empty chart and exit 0);
 * draw_pdf_finish() writes the file itself and checks every call.
 */
cairo_surface_t *draw_pdf_create(struct fy_buf *sink, double w, double h);

/**
 * Finish a PDF surface made by draw_pdf_create(@p sink), check its
 * status, repair its dates (cairo 1.16 writes "/CreationDate (2023…)"
 * where PDF wants "(D:2023…)"; the cross-reference offsets are moved to
 * match) and write it to @p path (a failed write names its cause: "No
 * space left on device"). Releases @p sink; the caller still destroys the
 * surface. With @p path NULL only finishes and releases.
 */
fy_status draw_pdf_finish(cairo_surface_t *pdf, struct fy_buf *sink,
                          const char *path, struct fy_error *err);

/**
 * Write an image surface as PNG with its resolution (pHYs) set to @p dpi.
 */
fy_status draw_write_png(cairo_surface_t *img, const char *path, double dpi,
                         struct fy_error *err);

/**
 * Draw chart @p c with its top-left at (x, y) on @p cr, in c->width x
 * c->height points (480 x 300 when 0). No background is painted (the
 * chart suits a white page); the state of @p cr is restored. @p layout
 * (may be NULL) is overwritten with the text boxes drawn, in the user
 * space of @p cr (release it after use). Nothing is drawn for an empty
 * chart (layout->drawn = 0).
 */
fy_status report_chart_draw(struct report_fonts *f, cairo_t *cr,
                            const struct chart_spec *c, double x, double y,
                            struct chart_layout *layout, struct fy_error *err);

/**
 * The title of a 公文 as its lines ("\n" between them) at @p size points
 * in 小标宋 (DRAW_SERIF bold) within @p width points: broken only where a
 * phrase ends (after the issuers @p issuers, may be NULL, before 关于;
 * after 关于; after 季度 or 年度; after a "、", 和, 及 or 以及; last, before
 * the final 的 of "的通报"), the fewest lines first, then the most natural
 * breaks. A title that cannot be broken so comes back whole. Owned by
 * the caller. (report_pdf.c; public for the tests)
 */
char *draw_title_lines(struct report_fonts *f, cairo_t *cr, const char *title,
                       const char *issuers, double size, double width);

/**
 * Work around cairo 1.16 dropping the outline of 如 and 瘃 from a subset
 * of Noto Sans CJK SC Regular: draw an invisible glyph at (x, y) that makes
 * cairo embed the regular face's subroutines whole (about 0.8 MB).
 */
void draw_keep_subroutines(struct report_fonts *f, cairo_t *cr, double x,
                           double y);
/** 1 when @p text has a character the workaround above is needed for. */
int draw_needs_whole_font(const char *text);

#endif /* FY_REPORT_DRAW_H */
