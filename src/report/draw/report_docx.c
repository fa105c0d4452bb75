/* SPDX-License-Identifier: MIT */
/*
 * report_docx.c - a document (report_doc) as an editable Word draft
 * (white-paper.md, "Editable drafts"): the same blocks the PDF is drawn
 * from, written as pandoc's Markdown and turned into .docx by pandoc, with
 * a reference document (data/reference.docx, data/reference-notice.docx,
 * made by tools/make-reference-docx.py) that carries the page (A4, the
 * margins of GB/T 9704-2012), the faces and the styles. fuyuan writes no
 * OOXML of its own.
 *
 * The Markdown:
 * - every text is escaped: each ASCII punctuation character gets a
 *   backslash (pandoc reads any of them literally so), a line break
 *   inside a text is a hard line break, other control characters go;
 * - headings are "#" and "##" (Heading 1 and 2); paragraphs are pandoc's
 *   Body Text / First Paragraph; a run-in label is bold;
 * - fuyuan's own paragraph styles are fenced divs with a custom-style
 *   (Byline, Table Source, Figure Source, Page Break, Attachment Note,
 *   Signature, Notice Issuer, Notice Number, Notice Title, Notice To,
 *   Attachment Label, Attachment Title), which the reference defines;
 * - a table is a pipe table with its title as the caption above it, the
 *   header and the 合计 row in bold, figures right-aligned, the relative
 *   column widths in the dashes of the separator line (always wider than
 *   pandoc's 72 columns, so that pandoc takes them), and its source line
 *   and notes below it;
 * - a chart is the 300-dpi PNG the run wrote (charts/NN-name.png) as a
 *   figure with its caption (图N title) and its source line;
 * - a report has pandoc's title block (the cover) and a contents field
 *   (Word or WPS fills in its page numbers); a notice has the head of a
 *   公文 (发文机关标志, 文号, 标题, 主送) and its 落款 before the first 附件,
 *   its titles broken into lines where the PDF breaks them.
 *
 * pandoc runs as a child (posix_spawnp, no shell) with the Markdown on
 * its standard input and its messages in an anonymous temporary file; it
 * gets SOURCE_DATE_EPOCH = the document's creation time, so the zip's
 * timestamps and the document properties are the run's and the same
 * inputs give the same bytes.
 */
#include "report/draw/report_draw.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The text width of the reference's page (156 mm) and the tallest a chart
 * may be drawn on it (the text block is 225 mm; its caption and source
 * line take the rest). */
#define TEXT_W_MM 156.0
/* A 公文's titles: 2号, the reference's Notice Title and Attachment
 * Title. */
#define TITLE_PT 22.0
#define CHART_MAX_H_MM 190.0
/* At least this many dashes under a table's header, so that pandoc takes
 * their proportions as the columns' widths. */
#define TABLE_DASHES 100
/* The padding of a table cell (the table style's margins and a little
 * air), points. */
#define CELL_PAD_PT 10.0
/* What of pandoc's messages goes into an error. */
#define PANDOC_MSG_MAX 600

/* ------------------------------------------------------------------ */
/* Markdown                                                            */
/* ------------------------------------------------------------------ */

enum esc_mode {
    ESC_PARA,       /* a line break stays one (a hard line break) */
    ESC_LINE        /* one line: a heading, a table cell, a caption */
};

/* @p s escaped for pandoc's Markdown (see the top of the file). */
static void put_text(struct fy_buf *b, const char *s, size_t n,
                     enum esc_mode mode)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            if (mode == ESC_PARA)
                fy_buf_puts(b, "\\\n");
            else
                fy_buf_putc(b, ' ');
        } else if (c == '\t') {
            fy_buf_putc(b, ' ');
        } else if (c < 0x20 || c == 0x7f) {
            continue; /* no control character in a Word document */
        } else if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@')
                   || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
            fy_buf_putc(b, '\\');
            fy_buf_putc(b, (char)c);
        } else {
            fy_buf_putc(b, (char)c);
        }
    }
}

static void put_str(struct fy_buf *b, const char *s, enum esc_mode mode)
{
    put_text(b, s ? s : "", s ? strlen(s) : 0, mode);
}

/* A paragraph in one of the reference's own styles. */
static void styled(struct fy_buf *b, const char *style, const char *text)
{
    fy_buf_printf(b, "::: {custom-style=\"%s\"}\n", style);
    put_str(b, text, ESC_PARA);
    fy_buf_puts(b, "\n:::\n\n");
}

/* An empty paragraph that starts a new page ("\ " is a no-break space:
 * pandoc writes no paragraph for nothing). */
static void page_break(struct fy_buf *b)
{
    fy_buf_puts(b, "::: {custom-style=\"Page Break\"}\n\\ \n:::\n\n");
}

/* A cell's text without blanks around it (bold needs none inside). */
static void trimmed(const char *s, const char **start, size_t *len)
{
    size_t n = strlen(s);

    while (n && (*s == ' ' || *s == '\t' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    *start = s;
    *len = n;
}

/* A cell of a pipe table, in bold or not, in character style @p style
 * (NULL: the paragraph's). */
static void put_cell(struct fy_buf *b, const char *s, int bold,
                     const char *style)
{
    const char *t;
    size_t n;

    trimmed(s, &t, &n);
    fy_buf_putc(b, ' ');
    if (n && style)
        fy_buf_putc(b, '[');
    if (bold && n)
        fy_buf_puts(b, "**");
    put_text(b, t, n, ESC_LINE);
    if (bold && n)
        fy_buf_puts(b, "**");
    if (n && style)
        fy_buf_printf(b, "]{custom-style=\"%s\"}", style);
    fy_buf_puts(b, " |");
}

/* A column's header as the PDF prints it: a change of a rate with its
 * unit, （百分点）. Owned by the caller. */
static char *header_of(const struct report_column *col)
{
    if (col->kind == RC_CHANGE_PP)
        return fy_xasprintf("%s（百分点）", col->header);
    return fy_xstrdup(col->header);
}

/* The type sizes a table's cells may take (points), the largest first,
 * as the PDF sets a table in the largest size at which it fits: from
 * 小四 (12 pt) down, each a character style of the reference, but for
 * 9 pt (小五), the cell paragraphs' own style Compact. Names are kept on
 * one line down to 9 pt, and may wrap to two below. */
static const struct {
    double pt;
    const char *style;   /* NULL: the cell paragraph's own (Compact) */
} cell_sizes[] = {{12.0, "Table Text 12pt"},
                  {10.5, "Table Text 10.5pt"},
                  {9.0, NULL},
                  {8.0, "Table Text 8pt"},
                  {7.0, "Table Text 7pt"},
                  {6.5, "Table Text 6.5pt"}};
#define NSIZES (sizeof(cell_sizes) / sizeof(cell_sizes[0]))

/* The width of @p s in points at @p pt: a Han character is a full em,
 * a figure about half of one, "%" more. */
static double cell_pt(const char *s, double pt)
{
    double w = 0;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%')
            w += pt * 0.85;
        else if (c < 0x80)
            w += pt * 0.56;
        else if ((c & 0xC0) != 0x80)
            w += pt;
    }
    return w;
}

/*
 * The widths of a table's columns on the text width at @p pt, as the PDF
 * sets them: each column needs its widest cell on one line (and its
 * header); when they do not all fit, a header wraps (to three lines at
 * most) and then a name wraps (to two lines), but a figure never does.
 * 1 when the table fits.
 */
static int table_widths(const struct report_table *t, char **texts,
                        size_t nr, double pt, double *width)
{
    size_t nc = t->ncols;
    double *full = fy_xcalloc(nc, sizeof(double));
    double *min = fy_xcalloc(nc, sizeof(double)), sfull = 0, smin = 0;
    const double W = TEXT_W_MM * 72.0 / 25.4;

    for (size_t c = 0; c < nc; c++) {
        double cells = 0, head = cell_pt(texts[c], pt);
        for (size_t r = 1; r <= nr; r++) {
            double x = cell_pt(texts[r * nc + c], pt);
            if (x > cells)
                cells = x;
        }
        double head_min = head / 3 > 2 * pt ? head / 3 : 2 * pt;
        if (head_min > head)
            head_min = head;
        double cell_min = cells;
        if (t->cols[c].kind == RC_TEXT && pt < 9.0 && cells > 8 * pt)
            cell_min = cells / 2 > 8 * pt ? cells / 2 : 8 * pt;
        full[c] = (cells > head ? cells : head) + CELL_PAD_PT;
        min[c] = (cell_min > head_min ? cell_min : head_min) + CELL_PAD_PT;
        sfull += full[c];
        smin += min[c];
    }
    for (size_t c = 0; c < nc; c++) {
        if (sfull <= W || sfull <= smin)
            width[c] = full[c];
        else if (smin <= W)
            width[c] = min[c] + (full[c] - min[c]) * (W - smin)
                                    / (sfull - smin);
        else
            width[c] = min[c];
    }
    free(full);
    free(min);
    return smin <= W;
}

/* The table of block @p blk: all its rows, or an excerpt (the rows the
 * block names, no 合计 row) with the line under its source line that
 * says where the rest is. */
static void table(struct fy_buf *b, const struct doc_block *blk)
{
    const struct report_table *t = blk->table;
    size_t nc = t->ncols, nr = blk->excerpt ? blk->nrows : t->nrows;
    struct fy_buf cell = FY_BUF_INIT;
    char **texts = fy_xcalloc((nr + 1) * (nc ? nc : 1), sizeof(char *));
    double *width = fy_xcalloc(nc ? nc : 1, sizeof(double)), sum = 0;

    if (!nc) {
        free(texts);
        free(width);
        return;
    }
    for (size_t c = 0; c < nc; c++)
        texts[c] = header_of(&t->cols[c]);
    for (size_t r = 0; r < nr; r++) {
        size_t row = blk->excerpt ? blk->rows[r] : r;
        for (size_t c = 0; c < nc; c++) {
            report_fmt_cell(&t->cells[row * nc + c], t->cols[c].kind, &cell);
            texts[(r + 1) * nc + c] = fy_xstrdup(fy_buf_str(&cell));
        }
    }
    fy_buf_release(&cell);
    size_t k = 0; /* the largest size at which the table fits */
    while (!table_widths(t, texts, nr, cell_sizes[k].pt, width)
           && k + 1 < NSIZES)
        k++;
    const char *style = cell_sizes[k].style;
    fy_buf_puts(b, "Table: ");
    put_str(b, t->title, ESC_LINE);
    fy_buf_puts(b, "\n\n|");
    for (size_t c = 0; c < nc; c++)
        put_cell(b, texts[c], 1, style);
    fy_buf_puts(b, "\n|");
    for (size_t c = 0; c < nc; c++)
        sum += width[c];
    for (size_t c = 0; c < nc; c++) {
        size_t dashes = (size_t)(width[c] * TABLE_DASHES / sum + 0.5);
        int right = t->cols[c].kind != RC_TEXT;
        fy_buf_putc(b, right ? '-' : ':');
        for (size_t i = 0; i < (dashes < 3 ? 3 : dashes); i++)
            fy_buf_putc(b, '-');
        fy_buf_puts(b, right ? ":|" : "-|");
    }
    fy_buf_putc(b, '\n');
    for (size_t r = 1; r <= nr; r++) {
        int total = t->has_total && !blk->excerpt && r == nr;
        fy_buf_putc(b, '|');
        for (size_t c = 0; c < nc; c++)
            put_cell(b, texts[r * nc + c], total, style);
        fy_buf_putc(b, '\n');
    }
    fy_buf_putc(b, '\n');
    if (t->source && *t->source)
        styled(b, "Table Source", t->source);
    if (blk->excerpt && blk->text && *blk->text)
        styled(b, "Table Source", blk->text);
    for (size_t i = 0; i < (nr + 1) * nc; i++)
        free(texts[i]);
    free(texts);
    free(width);
}

/* A chart: its PNG (the picture the PDF shows: its title 图N and its
 * source line are drawn in it, so no text repeats them), at the text
 * width or at a height that fits the page, in a centred paragraph; its
 * title and source line are the picture's description (alt text). Sizes
 * are whole millimetres or percent: no decimal point that a locale could
 * change. */
static void chart(struct fy_buf *b, const struct doc_block *blk)
{
    const struct chart_spec *c = blk->chart;
    double w = c->width > 0 ? c->width : 480.0;
    double h = c->height > 0 ? c->height : 300.0;

    fy_buf_puts(b, "::: {custom-style=\"Figure\"}\n![");
    put_str(b, c->title, ESC_LINE);
    if (c->subtitle && *c->subtitle) {
        fy_buf_puts(b, "　");
        put_str(b, c->subtitle, ESC_LINE);
    }
    if (c->note && *c->note) {
        fy_buf_puts(b, "　");
        put_str(b, c->note, ESC_LINE);
    }
    fy_buf_printf(b, "](charts/%s.png)", blk->file);
    if (TEXT_W_MM * h / w > CHART_MAX_H_MM)
        fy_buf_printf(b, "{height=%dmm}", (int)CHART_MAX_H_MM);
    else
        fy_buf_puts(b, "{width=100%}");
    fy_buf_puts(b, "\n:::\n\n");
}

/* A YAML metadata value: a literal block (no YAML escapes), read by
 * pandoc as Markdown. */
static void meta(struct fy_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    fy_buf_printf(b, "%s: |-\n  ", key);
    put_str(b, value, ESC_LINE);
    fy_buf_putc(b, '\n');
}

/* 附件说明, "附件：1. …\n　　　2. …": the style's hanging indent puts
 * the later items under the first, so the blanks typed before them go. */
static void attach_note(struct fy_buf *b, const char *text)
{
    const char *s = text ? text : "";

    fy_buf_puts(b, "::: {custom-style=\"Attachment Note\"}\n");
    for (int first = 1; *s; first = 0) {
        size_t n = strcspn(s, "\n");
        size_t skip = 0;
        while (!first && skip < n
               && (s[skip] == ' ' || strncmp(s + skip, "　", 3) == 0))
            skip += s[skip] == ' ' ? 1 : 3;
        if (!first)
            fy_buf_puts(b, "\\\n");
        put_text(b, s + skip, n - skip, ESC_LINE);
        s += n + (s[n] == '\n');
    }
    fy_buf_puts(b, "\n:::\n\n");
}

/* The issuing bodies, one a line ("、" between them in the settings). */
static void put_issuers(struct fy_buf *b, const char *issuers)
{
    const char *s = issuers ? issuers : "";

    for (;;) {
        const char *sep = strstr(s, "、");
        put_text(b, s, sep ? (size_t)(sep - s) : strlen(s), ESC_LINE);
        if (!sep)
            break;
        fy_buf_puts(b, "\\\n");
        s = sep + strlen("、");
    }
}

/* The 落款: the issuing bodies and the date, right-aligned. */
static void sign_off(struct fy_buf *b, const struct report_doc *d)
{
    fy_buf_puts(b, "::: {custom-style=\"Signature\"}\n");
    put_issuers(b, d->issuers);
    fy_buf_puts(b, "\\\n");
    put_str(b, d->date, ESC_LINE);
    fy_buf_puts(b, "\n:::\n\n");
}

/* A 公文's title (标题, an attachment's) in its style, broken into lines
 * where the PDF breaks it (draw_title_lines(): by meaning), when @p cr
 * can measure; else Word wraps it. */
static void title(struct fy_buf *b, const char *style, const char *text,
                  const char *issuers, struct report_fonts *fonts,
                  cairo_t *cr)
{
    char *lines = cr ? draw_title_lines(fonts, cr, text ? text : "", issuers,
                                        TITLE_PT, TEXT_W_MM * 72.0 / 25.4)
                     : fy_xstrdup(text ? text : "");

    styled(b, style, lines);
    free(lines);
}

void report_doc_markdown(const struct report_doc *d,
                         struct report_fonts *fonts, struct fy_buf *b)
{
    int notice = d->form == DOC_NOTICE;
    int signed_off = !notice, page_top = 0;
    /* a surface to measure titles on (nothing is drawn) */
    cairo_surface_t *surface = notice && fonts
        ? cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1) : NULL;
    cairo_t *cr = surface ? cairo_create(surface) : NULL;

    fy_buf_puts(b, "---\nlang: zh-CN\n");
    if (!notice) { /* the cover: pandoc's title block */
        meta(b, "title", d->title);
        meta(b, "subtitle", d->subtitle);
        meta(b, "author", d->issuers);
        meta(b, "date", d->date);
        fy_buf_puts(b, "toc-title: |-\n  目　　录\n");
    } else {
        meta(b, "subject", d->title);
    }
    fy_buf_puts(b, "...\n\n");
    if (notice) { /* the head of a 公文 */
        fy_buf_puts(b, "::: {custom-style=\"Notice Issuer\"}\n");
        put_issuers(b, d->issuers);
        fy_buf_puts(b, "\n:::\n\n");
        styled(b, "Notice Number", d->number);
        title(b, "Notice Title", d->title, d->issuers, fonts, cr);
        styled(b, "Notice To", d->to);
    } else { /* the text starts on the page after the contents */
        page_break(b);
        page_top = 1;
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *blk = &d->blocks[i];
        int top = 0;
        switch (blk->kind) {
        case DB_HEADING:
        case DB_SUBHEADING:
            fy_buf_puts(b, blk->kind == DB_HEADING ? "# " : "## ");
            put_str(b, blk->text, ESC_LINE);
            fy_buf_puts(b, "\n\n");
            break;
        case DB_PARA: {
            const char *s = blk->text ? blk->text : "";
            if (!*s)
                break;
            if (blk->label_len) {
                fy_buf_puts(b, "**");
                put_text(b, s, blk->label_len, ESC_LINE);
                fy_buf_puts(b, "**");
            }
            put_str(b, s + blk->label_len, ESC_PARA);
            fy_buf_puts(b, "\n\n");
            break;
        }
        case DB_BYLINE:
            styled(b, "Byline", blk->text);
            break;
        case DB_CHART:
            if (!report_chart_empty(blk->chart))
                chart(b, blk);
            break;
        case DB_TABLE:
            table(b, blk);
            break;
        case DB_PAGEBREAK:
            if (!page_top)
                page_break(b);
            top = 1;
            break;
        case DB_ATTACH_NOTE:
            attach_note(b, blk->text);
            break;
        case DB_ATTACHMENT: { /* its label starts a new page */
            if (!signed_off) {
                sign_off(b, d);
                signed_off = 1;
            }
            char *label = fy_xstrndup(blk->text, blk->label_len);
            styled(b, "Attachment Label", label);
            free(label);
            title(b, "Attachment Title", blk->text + blk->label_len, NULL,
                  fonts, cr);
            break;
        }
        }
        page_top = top;
    }
    if (!signed_off)
        sign_off(b, d);
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
}

/* ------------------------------------------------------------------ */
/* pandoc                                                              */
/* ------------------------------------------------------------------ */

/* The environment of the child: ours, with SOURCE_DATE_EPOCH set to
 * @p created (pandoc's zip timestamps and document dates). */
static char **child_env(time_t created, char **sde)
{
    size_t n = 0, k = 0;

    while (environ && environ[n])
        n++;
    char **env = fy_xcalloc(n + 2, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "SOURCE_DATE_EPOCH=", 18) != 0)
            env[k++] = environ[i];
    *sde = fy_xasprintf("SOURCE_DATE_EPOCH=%lld", (long long)created);
    env[k++] = *sde;
    env[k] = NULL;
    return env;
}

/* What pandoc said, on one line, at most PANDOC_MSG_MAX bytes (cut
 * between characters). Owned by the caller. */
static char *child_said(FILE *log)
{
    struct fy_buf b = FY_BUF_INIT;
    char chunk[512];
    size_t n;

    if (fflush(log) == 0 && fseek(log, 0, SEEK_SET) == 0)
        while (b.len < PANDOC_MSG_MAX
               && (n = fread(chunk, 1, sizeof(chunk), log)) > 0)
            fy_buf_append(&b, chunk, n);
    char *s = fy_buf_detach(&b);
    size_t len = strlen(s);
    if (len > PANDOC_MSG_MAX) {
        len = PANDOC_MSG_MAX;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
        char *cut = fy_xasprintf("%.*s…", (int)len, s);
        free(s);
        s = cut;
        len = strlen(s);
    }
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    while (len && s[len - 1] == ' ')
        s[--len] = '\0';
    return s;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* @p path, absolute (pandoc runs in another folder). Owned by the
 * caller. */
static char *absolute(const char *path)
{
    char *cwd;

    if (path[0] == '/' || !(cwd = getcwd(NULL, 0)))
        return fy_xstrdup(path);
    char *abs = fy_xasprintf("%s/%s", cwd, path);
    free(cwd);
    return abs;
}

/*
 * Start pandoc: the Markdown in run->in, its messages into run->log. It
 * runs in the folder of the charts, so that the pictures' names are the
 * relative ones the Markdown gives (charts/01-trend.png), whatever the
 * folder is called (pandoc's --resource-path would split it at a ':',
 * and an absolute name would end up in the document). Any warning of
 * pandoc's (a picture it cannot find) is an error. The child is
 * registered with fy_cleanup, so that a signal that ends the run kills
 * it before the private folder is removed.
 */
static fy_status spawn_pandoc(const struct report_docx_opts *o,
                              const char *reference, const char *path,
                              time_t created, int toc,
                              struct report_docx_run *run,
                              struct fy_error *err)
{
    const char *pandoc = run->pandoc;
    char *abs_ref = absolute(reference), *abs_out = absolute(path);
    char *ref = fy_xasprintf("--reference-doc=%s", abs_ref);
    char *out = fy_xasprintf("--output=%s", abs_out);
    char *argv[10];
    size_t argc = 0;
    argv[argc++] = (char *)pandoc;
    argv[argc++] = "--from=markdown-auto_identifiers-implicit_figures";
    argv[argc++] = "--to=docx";
    argv[argc++] = "--fail-if-warnings";
    argv[argc++] = ref;
    argv[argc++] = out;
    if (toc) { /* a report's contents: its sections */
        argv[argc++] = "--toc";
        argv[argc++] = "--toc-depth=1";
    }
    argv[argc] = NULL;
    char *sde;
    char **env = child_env(created, &sde);
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int rc;
    fy_status st = FY_OK;
    sigset_t all, old;

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fileno(run->in), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(run->log), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(run->log), STDERR_FILENO);
    posix_spawn_file_actions_addchdir_np(&fa, o->resource_dir);
    /* no signal between the spawn and the registration of the child: a
     * run ended then would leave it writing into the removed folder */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &old);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    rc = posix_spawnp(&pid, pandoc, &fa, &attr, argv, env);
    if (rc == 0) {
        run->pid = pid;
        run->slot = fy_cleanup_add_child(pid);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        st = fy_fail(err, FY_E_DOCX, &run->at,
                     _("cannot run %s: %s; install pandoc (make deps, or "
                       "apt-get install pandoc) or leave the .docx out with "
                       "--no-docx"),
                     pandoc, strerror(rc));
    free(env);
    free(sde);
    free(ref);
    free(out);
    free(abs_ref);
    free(abs_out);
    return st;
}

/* Wait for the child of @p run to end, without reaping it, then forget
 * it in fy_cleanup and reap it: its pid cannot be another process's
 * while fy_cleanup may still kill it. 0 and its status, or -1 (errno). */
static int wait_child(struct report_docx_run *run, int *status)
{
    siginfo_t info;
    int rc;

    memset(&info, 0, sizeof(info));
    while ((rc = waitid(P_PID, (id_t)run->pid, &info, WEXITED | WNOWAIT)) < 0
           && errno == EINTR)
        ;
    int e = errno;
    fy_cleanup_drop_child(run->slot);
    run->slot = -1;
    pid_t w;
    while ((w = waitpid(run->pid, status, 0)) < 0 && errno == EINTR)
        ;
    run->pid = 0;
    if (rc < 0 || w < 0) {
        errno = rc < 0 ? e : errno;
        return -1;
    }
    return 0;
}

static void run_release(struct report_docx_run *run)
{
    if (run->in)
        fclose(run->in);
    if (run->log)
        fclose(run->log);
    free(run->path);
    free(run->pandoc);
    memset(run, 0, sizeof(*run));
    run->slot = -1;
}

fy_status report_docx_start(const struct report_doc *d,
                            const struct report_docx_opts *o,
                            const char *path, struct report_docx_run *run,
                            struct fy_error *err)
{
    struct fy_buf md = FY_BUF_INIT;
    fy_status st = FY_OK;
    char *reference = fy_xasprintf(
        "%s/%s", o->data_dir,
        d->form == DOC_NOTICE ? "reference-notice.docx" : "reference.docx");

    memset(run, 0, sizeof(*run));
    run->slot = -1;
    run->path = fy_xstrdup(path);
    run->pandoc = fy_xstrdup(o->pandoc ? o->pandoc : "pandoc");
    run->at = (struct fy_loc){base_name(run->path), 0, 0};
    run->in = tmpfile();
    run->log = run->in ? tmpfile() : NULL;
    if (!run->in || !run->log) {
        st = fy_fail(err, FY_E_DOCX, &run->at,
                     _("cannot make a temporary file for pandoc: %s"),
                     strerror(errno));
        goto out;
    }
    if (access(reference, R_OK) != 0) {
        struct fy_loc ref_at = {reference, 0, 0};
        st = fy_fail(err, FY_E_DOCX, &ref_at,
                     _("cannot read the reference document of the .docx: "
                       "%s"), strerror(errno));
        goto out;
    }
    report_doc_markdown(d, o->fonts, &md);
    if (fwrite(md.data, 1, md.len, run->in) != md.len || fflush(run->in) != 0
        || fseek(run->in, 0, SEEK_SET) != 0) {
        st = fy_fail(err, FY_E_DOCX, &run->at,
                     _("cannot make a temporary file for pandoc: %s"),
                     strerror(errno ? errno : EIO));
        goto out;
    }
    st = spawn_pandoc(o, reference, path, d->created, d->form != DOC_NOTICE,
                      run, err);
out:
    if (st != FY_OK)
        run_release(run);
    fy_buf_release(&md);
    free(reference);
    return st;
}

fy_status report_docx_wait(struct report_docx_run *run, struct fy_error *err)
{
    const char *pandoc = run->pandoc;
    fy_status st = FY_OK;
    int status = 0;

    if (!run->pid) {
        run_release(run);
        return FY_OK;
    }
    if (wait_child(run, &status) != 0) {
        st = fy_fail(err, FY_E_DOCX, &run->at, _("cannot wait for %s: %s"),
                     pandoc, strerror(errno));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        st = fy_fail(err, FY_E_DOCX, &run->at,
                     _("cannot run %s (exit status 127); install pandoc "
                       "(make deps, or apt-get install pandoc) or leave "
                       "the .docx out with --no-docx"),
                     pandoc);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char *said = child_said(run->log);
        if (!*said) {
            free(said);
            said = fy_xstrdup(_("(pandoc said nothing)"));
        }
        if (WIFSIGNALED(status))
            st = fy_fail(err, FY_E_DOCX, &run->at,
                         _("pandoc was stopped by signal %d: %s"),
                         WTERMSIG(status), said);
        else
            st = fy_fail(err, FY_E_DOCX, &run->at,
                         _("pandoc failed (exit status %d): %s"),
                         WEXITSTATUS(status), said);
        free(said);
    }
    if (st == FY_OK && access(run->path, F_OK) != 0)
        st = fy_fail(err, FY_E_DOCX, &run->at, _("pandoc wrote no file: %s"),
                     strerror(errno));
    run_release(run);
    return st;
}

void report_docx_kill(struct report_docx_run *run)
{
    int status;

    if (run->pid) {
        kill(run->pid, SIGKILL);
        wait_child(run, &status);
    }
    run_release(run);
}

fy_status report_docx_write(const struct report_doc *d,
                            const struct report_docx_opts *o,
                            const char *path, struct fy_error *err)
{
    struct report_docx_run run;
    fy_status st = report_docx_start(d, o, path, &run, err);

    return st == FY_OK ? report_docx_wait(&run, err) : st;
}
