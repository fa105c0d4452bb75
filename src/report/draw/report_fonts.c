/* SPDX-License-Identifier: MIT */
/*
 * report_fonts.c - fonts through a private fontconfig configuration, text
 * layouts through Pango, PDF metadata and PNG files with a resolution.
 */
#include "report/draw/report_draw.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const struct draw_rgb draw_palette[8] = {
    {0.000, 0.447, 0.698}, /* blue #0072B2 */
    {0.902, 0.624, 0.000}, /* orange #E69F00 */
    {0.000, 0.620, 0.451}, /* bluish green #009E73 */
    {0.800, 0.475, 0.655}, /* reddish purple #CC79A7 */
    {0.337, 0.706, 0.914}, /* sky blue #56B4E9 */
    {0.835, 0.369, 0.000}, /* vermillion #D55E00 */
    {0.941, 0.894, 0.259}, /* yellow #F0E442 */
    {0.400, 0.400, 0.400}, /* grey */
};

fy_status report_fonts_new(const char *fonts_dir, struct report_fonts **out,
                           struct fy_error *err)
{
    char *conf = fy_xasprintf("%s/fonts.conf", fonts_dir);
    struct fy_loc at = {conf, 0, 0};
    struct report_fonts *f = fy_xcalloc(1, sizeof(*f));
    fy_status rc = FY_OK;

    f->kai = -1;

    f->config = FcConfigCreate();
    if (!f->config || !FcConfigParseAndLoad(f->config, (const FcChar8 *)conf,
                                            FcTrue)
        || !FcConfigBuildFonts(f->config)) {
        rc = fy_fail(err, FY_E_PDF, &at, "%s",
                     _("cannot load the font configuration"));
        goto out;
    }
    /* the CJK font must be there: never fall back to another one */
    FcPattern *pat = FcNameParse((const FcChar8 *)DRAW_FAMILY);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, NULL);
    FcFontSet *set = FcFontList(f->config, pat, os);
    int found = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    if (!found) {
        rc = fy_fail(err, FY_E_PDF, &at,
                     _("the font '%s' is not installed (Debian package "
                       "fonts-noto-cjk; run 'make deps')"), DRAW_FAMILY);
        goto out;
    }
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map) {
        rc = fy_fail(err, FY_E_PDF, NULL, "%s",
                     _("cannot make a Pango font map"));
        goto out;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
    f->options = cairo_font_options_create();
    cairo_font_options_set_hint_style(f->options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(f->options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(f->options, CAIRO_ANTIALIAS_GRAY);
out:
    free(conf);
    if (rc != FY_OK) {
        report_fonts_free(f);
        return rc;
    }
    *out = f;
    return FY_OK;
}

void report_fonts_free(struct report_fonts *f)
{
    if (!f)
        return;
    if (f->map)
        g_object_unref(f->map);
    if (f->config)
        FcConfigDestroy(f->config);
    if (f->options)
        cairo_font_options_destroy(f->options);
    for (size_t i = 0; i < f->nwarnings; i++)
        free(f->warnings[i]);
    free(f->warnings);
    free(f);
}

void report_release_libraries(void)
{
    /*
     * The caches cairo keeps for the whole process. fontconfig's are not
     * released: FcFini() asserts when a font map has touched its caches;
     * tests/lsan.supp names what it keeps.
     */
    cairo_debug_reset_static_data();
}

size_t report_fonts_warnings(const struct report_fonts *f,
                             const char *const **out)
{
    *out = (const char *const *)f->warnings;
    return f->nwarnings;
}

char **report_fonts_take_warnings(struct report_fonts *f, size_t *n)
{
    char **w = f->warnings;

    *n = f->nwarnings;
    f->warnings = NULL;
    f->nwarnings = 0;
    return w;
}

/* 1 when the configuration has a font of family @p family. */
static int installed(FcConfig *config, const char *family)
{
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
    FcFontSet *set;
    int found;

    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    set = FcFontList(config, pat, os);
    found = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

static void add_warning(struct report_fonts *f, char *w)
{
    for (size_t i = 0; i < f->nwarnings; i++)
        if (strcmp(f->warnings[i], w) == 0) {
            free(w);
            return;
        }
    f->warnings = fy_xreallocarray(f->warnings, f->nwarnings + 1,
                                   sizeof(char *));
    f->warnings[f->nwarnings++] = w;
}

static void warn_unknown(struct report_fonts *f, PangoLayout *l,
                         const char *text)
{
    if (pango_layout_get_unknown_glyphs_count(l) == 0)
        return;
    /* name each character that no font covers */
    PangoFont *font = NULL;
    PangoContext *ctx = pango_layout_get_context(l);
    PangoFontDescription *desc = pango_font_description_from_string(
        DRAW_FAMILY " 10");
    font = pango_font_map_load_font(f->map, ctx, desc);
    pango_font_description_free(desc);
    for (const char *p = text; *p;) {
        uint32_t cp;
        size_t k = fy_utf8_decode(p, strlen(p), &cp);
        if (!k)
            break;
        if (cp > ' ' && font && !pango_font_has_char(font, cp)) {
            add_warning(f, fy_xasprintf(_("no loaded font has the character "
                                          "'%.*s' (U+%04X) of '%s'"),
                                        (int)k, p, cp, text));
        }
        p += k;
    }
    if (font)
        g_object_unref(font);
}

PangoLayout *draw_text(struct report_fonts *f, cairo_t *cr, const char *text,
                       double size, int bold, double width)
{
    return draw_text_face(f, cr, text, DRAW_FAMILY, size, bold, width);
}

PangoLayout *draw_text_face(struct report_fonts *f, cairo_t *cr,
                            const char *text, const char *family, double size,
                            int bold, double width)
{
    if (strcmp(family, DRAW_KAI) == 0) {
        if (f->kai < 0)
            f->kai = installed(f->config, DRAW_KAI);
        if (!f->kai) {
            add_warning(f, fy_xasprintf(_("the font '%s' is not installed "
                                          "(Debian package fonts-arphic-ukai; "
                                          "run 'make deps'): '%s' is used "
                                          "instead"),
                                        DRAW_KAI, DRAW_SERIF));
            family = DRAW_SERIF;
        }
    }
    PangoContext *ctx = pango_font_map_create_context(f->map);
    /* the documents are Chinese whatever LANG is: the fonts' zh-cn forms
     * and line breaking, not those of the locale's language */
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    pango_cairo_context_set_font_options(ctx, f->options);
    pango_cairo_update_context(cr, ctx);
    PangoLayout *l = pango_layout_new(ctx);
    g_object_unref(ctx);
    PangoFontDescription *desc = pango_font_description_new();
    pango_font_description_set_family(desc, family);
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD
                                                 : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, desc);
    pango_font_description_free(desc);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text, -1);
    warn_unknown(f, l, text);
    return l;
}

void draw_text_size(PangoLayout *l, double *w, double *h)
{
    PangoRectangle ink, logical;

    pango_layout_get_extents(l, &ink, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
}

void draw_layout_at(cairo_t *cr, PangoLayout *l, double x, double y)
{
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
}

void draw_set_rgb(cairo_t *cr, const struct draw_rgb *c)
{
    cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/*
 * Set the document information of a PDF surface. NULL strings are left
 * out. The dates are passed in the ISO 8601 form cairo takes; cairo 1.16
 * writes them without the "D:" prefix PDF dates must have, which
 * draw_pdf_finish() puts back once the file is complete.
 */
void draw_pdf_metadata(cairo_surface_t *pdf, const char *title,
                       const char *author, const char *subject,
                       time_t created)
{
    char date[32];
    struct tm tm;

    gmtime_r(&created, &tm);
    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (title)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
    if (author)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR,
                                       author);
    if (subject)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT,
                                       subject);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR,
                                   "fuyuan " FY_REPORT_VERSION);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The last occurrence of @p needle in the @p len bytes of @p hay, or NULL. */
static const char *find_last(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);

    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/*
 * Put "D:" before the dates of the document information that cairo 1.16
 * writes as "/CreationDate (20231114221320Z)", and move every offset of
 * the cross-reference table (and startxref) that lies after an insertion.
 * Returns 1 when @p pdf was changed; a file laid out otherwise (a cairo
 * that writes the prefix itself, an unexpected xref) is left alone.
 */
static int fix_pdf_dates(struct fy_buf *pdf)
{
    static const char *const keys[] = {"/CreationDate (", "/ModDate ("};
    size_t at[2], nat = 0;
    const char *end = pdf->data + pdf->len;

    for (size_t k = 0; k < 2; k++) {
        const char *p = find_last(pdf->data, pdf->len, keys[k]);
        if (p && p + strlen(keys[k]) < end
            && p[strlen(keys[k])] >= '0' && p[strlen(keys[k])] <= '9')
            at[nat++] = (size_t)(p - pdf->data) + strlen(keys[k]);
    }
    if (nat == 2 && at[1] < at[0]) {
        size_t t = at[0];
        at[0] = at[1];
        at[1] = t;
    }
    const char *sx = find_last(pdf->data, pdf->len, "startxref\n");
    if (!nat || !sx)
        return 0;
    char *num_end;
    errno = 0;
    unsigned long long xref = strtoull(sx + 10, &num_end, 10);
    if (errno || num_end == sx + 10 || xref + 5 > pdf->len
        || memcmp(pdf->data + xref, "xref\n", 5) != 0)
        return 0;

    struct fy_buf out = FY_BUF_INIT;
    size_t from = 0, tail = (size_t)(sx - pdf->data) + 10;
    for (size_t k = 0; k < nat; k++) {
        fy_buf_append(&out, pdf->data + from, at[k] - from);
        fy_buf_puts(&out, "D:");
        from = at[k];
    }
    fy_buf_append(&out, pdf->data + from, tail - from);

    /* an object at offset o moves by 2 bytes per insertion before it */
#define SHIFT(o) (2 * (size_t)(((o) > at[0]) + (nat > 1 && (o) > at[1])))
    size_t pos = (size_t)xref + SHIFT(xref) + 5;
    size_t new_xref = (size_t)xref + SHIFT(xref);
    int ok = 1;
    while (ok && pos < out.len && out.data[pos] >= '0'
           && out.data[pos] <= '9') {
        char *e;
        unsigned long count;
        strtoul(out.data + pos, &e, 10);
        count = strtoul(e, &e, 10);
        while (*e == '\r' || *e == '\n' || *e == ' ')
            e++;
        pos = (size_t)(e - out.data);
        if (pos + 20 * (size_t)count > out.len) {
            ok = 0;
            break;
        }
        for (unsigned long i = 0; i < count; i++, pos += 20) {
            char *row = out.data + pos, digits[11];
            if (row[17] != 'n')
                continue;
            unsigned long long o = strtoull(row, NULL, 10);
            snprintf(digits, sizeof(digits), "%010llu",
                     o + (unsigned long long)SHIFT(o));
            memcpy(row, digits, 10);
        }
    }
#undef SHIFT
    if (!ok) {
        fy_buf_release(&out);
        return 0;
    }
    fy_buf_printf(&out, "%zu\n%%%%EOF\n", new_xref);
    fy_buf_release(pdf);
    *pdf = out;
    return 1;
}

static cairo_status_t to_sink(void *closure, const unsigned char *data,
                              unsigned int length)
{
    fy_buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *draw_pdf_create(struct fy_buf *sink, double w, double h)
{
    return cairo_pdf_surface_create_for_stream(to_sink, sink, w, h);
}

fy_status draw_pdf_finish(cairo_surface_t *pdf, struct fy_buf *sink,
                          const char *path, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    fy_status rc = FY_OK;

    cairo_surface_finish(pdf);
    cairo_status_t cs = cairo_surface_status(pdf);
    if (!path) {
        fy_buf_release(sink);
        return FY_OK;
    }
    if (cs != CAIRO_STATUS_SUCCESS) {
        rc = fy_fail(err, FY_E_PDF, &at, _("cannot write the PDF: %s"),
                     cairo_status_to_string(cs));
    } else {
        if (sink->len)
            fix_pdf_dates(sink);
        FILE *f = fopen(path, "wb");
        int e = f ? 0 : errno;
        if (f && fwrite(sink->data, 1, sink->len, f) != sink->len)
            e = errno ? errno : EIO;
        if (f && fflush(f) != 0 && !e)
            e = errno ? errno : EIO;
        if (f && fclose(f) != 0 && !e)
            e = errno ? errno : EIO;
        if (e)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(e));
    }
    fy_buf_release(sink);
    return rc;
}

/* ------------------------------------------------------------------ */
/* PNG with a pHYs chunk                                               */
/* ------------------------------------------------------------------ */

/*
 * The chart PNGs are written here rather than by cairo: cairo's writer
 * (libpng's adaptive filters, then deflate at level 6) took two thirds of
 * a whole annual report's instructions (docs/performance.md). Every row is
 * filtered with Sub (each byte less the one three to its left, so a flat
 * run of colour becomes zeros) and deflated at level 3 (level 6 costs a
 * quarter more instructions for files 15 % smaller). The same pixels give
 * the same bytes on every run; the pixels are the ones cairo's writer
 * would have written.
 */

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A chunk: length, type, data, CRC of type and data. */
static void put_chunk(struct fy_buf *out, const char *type,
                      const unsigned char *data, size_t n)
{
    unsigned char head[8], crc[4];
    uLong c = crc32(0L, Z_NULL, 0);

    put_be32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    c = crc32(c, (const Bytef *)type, 4);
    if (n)
        c = crc32(c, data, (uInt)n);
    put_be32(crc, (uint32_t)c);
    fy_buf_append(out, head, 8);
    if (n)
        fy_buf_append(out, data, n);
    fy_buf_append(out, crc, 4);
}

/* The RGB24 surface @p img as PNG bytes in @p out; 0 on success. */
static int encode_png(cairo_surface_t *img, double dpi, struct fy_buf *out)
{
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    unsigned char ihdr[13], phys[9];
    z_stream z;
    int rc = -1;

    if (!px || w <= 0 || h <= 0
        || cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return -1;
    fy_buf_append(out, "\x89PNG\r\n\x1a\n", 8);
    put_be32(ihdr, (uint32_t)w);
    put_be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;  /* bits per sample */
    ihdr[9] = 2;  /* RGB */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filtering (here: Sub on every row) */
    ihdr[12] = 0; /* no interlace */
    put_chunk(out, "IHDR", ihdr, sizeof(ihdr));
    uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
    put_be32(phys, ppm);
    put_be32(phys + 4, ppm);
    phys[8] = 1; /* unit: metre */
    put_chunk(out, "pHYs", phys, sizeof(phys));

    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, 3, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t rowlen = 1 + 3 * (size_t)w;
    unsigned char *row = fy_xmalloc(rowlen);
    size_t cap = deflateBound(&z, (uLong)(rowlen * (size_t)h));
    unsigned char *idat = fy_xmalloc(cap);
    z.next_out = idat;
    z.avail_out = (uInt)cap;
    for (int y = 0; y < h; y++) {
        const uint32_t *p = (const uint32_t *)(px + (size_t)y * (size_t)stride);
        unsigned char pr = 0, pg = 0, pb = 0;
        row[0] = 1; /* Sub */
        for (int x = 0; x < w; x++) {
            unsigned char r = (unsigned char)(p[x] >> 16);
            unsigned char g = (unsigned char)(p[x] >> 8);
            unsigned char b = (unsigned char)p[x];
            row[1 + 3 * x] = (unsigned char)(r - pr);
            row[2 + 3 * x] = (unsigned char)(g - pg);
            row[3 + 3 * x] = (unsigned char)(b - pb);
            pr = r, pg = g, pb = b;
        }
        z.next_in = row;
        z.avail_in = (uInt)rowlen;
        if (deflate(&z, y + 1 == h ? Z_FINISH : Z_NO_FLUSH)
            == Z_STREAM_ERROR)
            goto done;
    }
    if (z.avail_in != 0)
        goto done;
    put_chunk(out, "IDAT", idat, cap - z.avail_out);
    put_chunk(out, "IEND", NULL, 0);
    rc = 0;
done:
    deflateEnd(&z);
    free(row);
    free(idat);
    return rc;
}

fy_status draw_write_png(cairo_surface_t *img, const char *path, double dpi,
                         struct fy_error *err)
{
    struct fy_buf png = FY_BUF_INIT;
    struct fy_loc at = {path, 0, 0};

    if (encode_png(img, dpi, &png) != 0) {
        fy_buf_release(&png);
        return fy_fail(err, FY_E_PDF, &at, _("cannot make the PNG: %s"),
                       cairo_status_to_string(cairo_surface_status(img)));
    }
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(png.data, 1, png.len, f) != png.len;
    int e = errno;
    if (f && fclose(f) != 0)
        bad = 1;
    fy_buf_release(&png);
    if (bad)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(e ? e : EIO));
    return FY_OK;
}

/*
 * cairo 1.16's CFF subsetter miscounts the stem hints of a glyph whose
 * first hintmask follows path operators (it does not clear its operand
 * count on them), misreads the mask and so leaves out a subroutine the
 * glyph calls: in Noto Sans CJK SC Regular "如" (and "瘃") then print as
 * blank spaces. A glyph whose charstring the subsetter cannot follow makes
 * it keep every subroutine instead; "Ã" is such a glyph in the regular
 * face. It is drawn once, white and one point tall, at (x, y) (a margin), with a space as its text, so that copying and searching the
 * document find nothing there. The price: the regular font's subroutines
 * (about 0.8 MB) are embedded whole.
 */
void draw_keep_subroutines(struct report_fonts *f, cairo_t *cr, double x,
                           double y)
{
    PangoLayout *l = draw_text(f, cr, "Ã", 1.0, 0, 0);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);

    if (line && line->runs) {
        PangoGlyphItem *run = line->runs->data;
        cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
            PANGO_CAIRO_FONT(run->item->analysis.font));
        if (sf && run->glyphs->num_glyphs == 1) {
            cairo_glyph_t g = {run->glyphs->glyphs[0].glyph, x, y};
            cairo_text_cluster_t cluster = {1, 1};
            cairo_save(cr);
            cairo_set_scaled_font(cr, sf);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_show_text_glyphs(cr, " ", 1, &g, 1, &cluster, 1, 0);
            cairo_restore(cr);
        }
    }
    g_object_unref(l);
}

int draw_needs_whole_font(const char *text)
{
    return text && (strstr(text, "如") || strstr(text, "瘃"));
}
