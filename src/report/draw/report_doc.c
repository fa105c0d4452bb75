/* SPDX-License-Identifier: MIT */
/*
 * report_doc.c - documents as a list of blocks (headings, paragraphs,
 * charts, tables), their plain-text form, and charts made from tables.
 */
#include "fuyuan/draw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct doc_block *add(struct report_doc *d, enum doc_block_kind k)
{
    FY_GROW(d->blocks, d->nblocks + 1, d->capblocks);
    struct doc_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof(*b));
    b->kind = k;
    return b;
}

void report_doc_heading(struct report_doc *d, const char *text)
{
    add(d, DB_HEADING)->text = fy_xstrdup(text);
}

void report_doc_subheading(struct report_doc *d, const char *text)
{
    add(d, DB_SUBHEADING)->text = fy_xstrdup(text);
}

void report_doc_para(struct report_doc *d, const char *text)
{
    add(d, DB_PARA)->text = fy_xstrdup(text);
}

void report_doc_labelled_para(struct report_doc *d, const char *label,
                              const char *text)
{
    struct doc_block *b = add(d, DB_PARA);

    b->text = fy_xasprintf("%s%s", label, text);
    b->label_len = strlen(label);
}

void report_doc_byline(struct report_doc *d, const char *text)
{
    add(d, DB_BYLINE)->text = fy_xstrdup(text);
}

void report_doc_chart(struct report_doc *d, const char *file,
                      struct chart_spec *c)
{
    size_t n = 1;

    if (!c)
        return;
    for (size_t i = 0; i < d->nblocks; i++)
        n += d->blocks[i].kind == DB_CHART;
    struct doc_block *b = add(d, DB_CHART);
    b->chart = c;
    b->file = fy_xasprintf("%02zu-%s", n, file);
}

void report_doc_table(struct report_doc *d, const struct report_table *t)
{
    if (t)
        add(d, DB_TABLE)->table = t;
}

void report_doc_table_rows(struct report_doc *d, const struct report_table *t,
                           const size_t *rows, size_t n, const char *after)
{
    struct doc_block *b = add(d, DB_TABLE);

    b->table = t;
    b->excerpt = 1;
    b->rows = fy_xcalloc(n ? n : 1, sizeof(size_t));
    memcpy(b->rows, rows, n * sizeof(size_t));
    b->nrows = n;
    b->text = after ? fy_xstrdup(after) : NULL;
}

void report_doc_pagebreak(struct report_doc *d)
{
    add(d, DB_PAGEBREAK);
}

void report_doc_attach_note(struct report_doc *d, const char *text)
{
    add(d, DB_ATTACH_NOTE)->text = fy_xstrdup(text);
}

void report_doc_attachment(struct report_doc *d, const char *label,
                           const char *title)
{
    struct doc_block *b = add(d, DB_ATTACHMENT);

    b->text = fy_xasprintf("%s%s", label, title);
    b->label_len = strlen(label);
}

void report_chart_spec_free(struct chart_spec *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ncat; i++)
        free((char *)c->categories[i]);
    free((void *)c->categories);
    for (size_t s = 0; s < c->nseries; s++) {
        free((char *)c->series[s].name);
        free((void *)c->series[s].values);
        free((void *)c->series[s].defined);
    }
    free((char *)c->title);
    free((char *)c->subtitle);
    free((char *)c->note);
    free((char *)c->unit);
    free((char *)c->source);
    free((char *)c->target_label);
    free(c);
}

void report_doc_release(struct report_doc *d)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        free(d->blocks[i].text);
        free(d->blocks[i].file);
        free(d->blocks[i].rows);
        report_chart_spec_free(d->blocks[i].chart);
    }
    free(d->blocks);
    free(d->title);
    free(d->subtitle);
    free(d->issuers);
    free(d->date);
    free(d->number);
    free(d->to);
    memset(d, 0, sizeof(*d));
}

static enum chart_kind kind_of(enum report_chart_type t)
{
    switch (t) {
    case CHART_BAR: return CK_HBAR;
    case CHART_LINE: return CK_LINE;
    case CHART_PIE: return CK_DONUT;
    default: return CK_BAR;
    }
}

struct chart_spec *report_chart_from_table(const struct report_table *t)
{
    const struct report_chart *tc = &t->chart;
    size_t n = tc->nrows;

    if (tc->type == CHART_NONE || !tc->nvalues || !n)
        return NULL;
    struct chart_spec *c = fy_xcalloc(1, sizeof(*c));
    const char **cats = fy_xcalloc(n, sizeof(char *));
    c->kind = kind_of(tc->type);
    for (size_t r = 0; r < n; r++) {
        const char *s = t->cells[tc->rows[r] * t->ncols + tc->category].text;
        cats[r] = fy_xstrdup(s ? s : "未填写");
    }
    c->unit = fy_xstrdup(tc->unit);
    c->source = fy_xstrdup(tc->source);
    c->categories = cats;
    c->ncat = n;
    for (size_t s = 0; s < tc->nvalues && c->nseries < CHART_MAX_SERIES;
         s++) {
        size_t col = tc->values[s];
        if (t->cols[col].key.role == COL_TARGET) {
            c->target = 1.0;
            c->target_label = fy_xstrdup("目标 100%");
            continue;
        }
        double *v = fy_xcalloc(n, sizeof(double));
        unsigned char *def = fy_xcalloc(n, 1);
        for (size_t r = 0; r < n; r++) {
            const struct report_value *x = &t->cells[tc->rows[r] * t->ncols
                                                     + col];
            v[r] = x->v;
            def[r] = (unsigned char)x->defined;
        }
        struct chart_series *cs = &c->series[c->nseries++];
        cs->name = fy_xstrdup(t->cols[col].header);
        cs->values = v;
        cs->defined = def;
        if (t->cols[col].kind == RC_RATE)
            c->percent = 1;
        c->decimals = t->cols[col].kind == RC_COUNT ? 0 : 2;
    }
    if (report_chart_empty(c)) {
        report_chart_spec_free(c);
        return NULL;
    }
    return c;
}

fy_status report_doc_write_text(const struct report_doc *d, const char *path,
                                struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    FILE *f = fopen(path, "w");
    int bad = 0;

    if (!f)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(errno));
    int signed_off = d->form != DOC_NOTICE;

    if (d->form == DOC_NOTICE) /* 发文机关标志, 文号, 标题, 主送 */
        bad |= fprintf(f, "%s\n%s\n\n%s\n\n%s\n\n", d->issuers, d->number,
                       d->title, d->to) < 0;
    else
        bad |= fprintf(f, "%s\n%s\n\n", d->title, d->subtitle) < 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (!signed_off && b->kind == DB_ATTACHMENT) { /* 落款 */
            bad |= fprintf(f, "\n%s\n%s\n\n", d->issuers, d->date) < 0;
            signed_off = 1;
        }
        switch (b->kind) {
        case DB_ATTACH_NOTE:
            bad |= fprintf(f, "%s\n\n", b->text) < 0;
            break;
        case DB_ATTACHMENT:
            bad |= fprintf(f, "\n%.*s\n\n%s\n\n", (int)b->label_len, b->text,
                           b->text + b->label_len) < 0;
            break;
        case DB_HEADING:
            bad |= fprintf(f, "\n%s\n\n", b->text) < 0;
            break;
        case DB_SUBHEADING:
        case DB_BYLINE:
            bad |= fprintf(f, "%s\n\n", b->text) < 0;
            break;
        case DB_PARA:
            bad |= fprintf(f, "　　%s\n\n", b->text) < 0;
            break;
        default:
            break;
        }
    }
    if (!signed_off)
        bad |= fprintf(f, "\n%s\n%s\n", d->issuers, d->date) < 0;
    if (fclose(f) != 0 || bad)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(errno ? errno : EIO));
    return FY_OK;
}
