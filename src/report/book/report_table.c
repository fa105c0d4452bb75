/* SPDX-License-Identifier: MIT */
/*
 * report_table.c - report tables and books: the content a workbook (and
 * the white paper) is made of, independent of the file format.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

void report_table_init(struct report_table *t, size_t ncols, size_t nrows)
{
    memset(t, 0, sizeof(*t));
    t->ncols = ncols;
    t->nrows = nrows;
    t->cols = fy_xcalloc(ncols, sizeof(*t->cols));
    t->cells = fy_xcalloc(ncols * (nrows ? nrows : 1), sizeof(*t->cells));
}

struct report_value *report_cell(struct report_table *t, size_t row,
                                 size_t col)
{
    if (row >= t->nrows || col >= t->ncols)
        FY_BUG("cell %zu,%zu of %zu,%zu", row, col, t->nrows, t->ncols);
    return &t->cells[row * t->ncols + col];
}

void report_table_release(struct report_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].header);
    for (size_t i = 0; i < t->ncols * t->nrows; i++)
        free(t->cells[i].text);
    free(t->cols);
    free(t->cells);
    free(t->name);
    free(t->sheet);
    free(t->title);
    free(t->source);
    free(t->chart.title);
    free(t->chart.alt);
    free(t->chart.rows);
    free(t->chart.unit);
    free(t->chart.source);
    memset(t, 0, sizeof(*t));
}

const char *report_book_note(struct report_book *book, const char *text,
                             char marker[16])
{
    size_t i;

    for (i = 0; i < book->nnotes; i++)
        if (strcmp(book->notes[i], text) == 0)
            break;
    if (i == book->nnotes) {
        book->notes = fy_xreallocarray(book->notes, book->nnotes + 1,
                                       sizeof(char *));
        book->notes[book->nnotes++] = fy_xstrdup(text);
    }
    snprintf(marker, 16, "[注%zu]", i + 1);
    return marker;
}

void report_book_add(struct report_book *book, struct report_table *t)
{
    if (t->id == TBL_NONE || (t->id != TBL_QUERY && report_book_find(book, t->id)))
        FY_BUG("table %s: no id, or its id twice in one book", t->name);
    FY_GROW(book->tables, book->ntables + 1, book->captables);
    book->tables[book->ntables++] = *t;
    memset(t, 0, sizeof(*t));
}

void report_book_warnings(struct report_book *book,
                          const struct stats_result *res)
{
    for (size_t i = 0; i < res->nwarnings; i++) {
        size_t k;
        for (k = 0; k < book->nwarnings; k++)
            if (strcmp(book->warnings[k], res->warnings[i]) == 0)
                break;
        if (k < book->nwarnings)
            continue;
        book->warnings = fy_xreallocarray(book->warnings, book->nwarnings + 1,
                                          sizeof(char *));
        book->doc_warnings = fy_xreallocarray(book->doc_warnings,
                                              book->nwarnings + 1,
                                              sizeof(char *));
        book->warnings[book->nwarnings] = fy_xstrdup(res->warnings[i]);
        book->doc_warnings[book->nwarnings++] =
            fy_xstrdup(res->doc_warnings[i]);
    }
}

void report_book_release(struct report_book *book)
{
    for (size_t i = 0; i < book->ntables; i++)
        report_table_release(&book->tables[i]);
    for (size_t i = 0; i < book->nnotes; i++)
        free(book->notes[i]);
    for (size_t i = 0; i < book->nwarnings; i++) {
        free(book->warnings[i]);
        free(book->doc_warnings[i]);
    }
    free(book->tables);
    free(book->notes);
    free(book->warnings);
    free(book->doc_warnings);
    free(book->title);
    free(book->period_title);
    free(book->as_of);
    free(book->issuers);
    free(book->contents);
    report_collator_free(book->collator);
    memset(book, 0, sizeof(*book));
}

/* ------------------------------------------------------------------ */
/* Typed links                                                         */
/* ------------------------------------------------------------------ */

static const char *const table_names[TBL_COUNT] = {
    [TBL_NONE] = "",
#define REPORT_TABLE_NAME(e, name) [e] = name,
    REPORT_TABLES(REPORT_TABLE_NAME)
#undef REPORT_TABLE_NAME
};

const char *report_table_id_name(enum report_table_id id)
{
    if ((unsigned)id >= TBL_COUNT)
        FY_BUG("table id %d", (int)id);
    return table_names[id];
}

const struct report_table *report_book_find(const struct report_book *book,
                                            enum report_table_id id)
{
    for (size_t i = 0; i < book->ntables; i++)
        if (book->tables[i].id == id)
            return &book->tables[i];
    return NULL;
}

const struct report_table *report_book_get(const struct report_book *book,
                                           enum report_table_id id)
{
    const struct report_table *t = report_book_find(book, id);

    if (!t)
        FY_BUG("the book has no table %s", report_table_id_name(id));
    return t;
}

size_t report_col_metric(const struct report_table *t,
                         enum report_col_role role, int metric, int window)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const struct report_colkey *k = &t->cols[c].key;
        if (k->role == role && k->metric == metric && k->window == window)
            return c;
    }
    FY_BUG("table %s has no column of metric %d (role %d, window %d)",
           t->name, metric, (int)role, window);
}

size_t report_col_field(const struct report_table *t, enum report_field field)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (t->cols[c].key.role == COL_FIELD
            && t->cols[c].key.field == (int)field)
            return c;
    FY_BUG("table %s has no field %d", t->name, (int)field);
}

const char *report_text(const struct report_table *t, size_t row,
                        enum report_field field)
{
    size_t c = report_col_field(t, field);

    if (row >= t->nrows)
        FY_BUG("table %s has no row %zu", t->name, row);
    return t->cells[row * t->ncols + c].text;
}

double report_number(const struct report_table *t, size_t row,
                     enum report_field field)
{
    size_t c = report_col_field(t, field);

    if (row >= t->nrows)
        FY_BUG("table %s has no row %zu", t->name, row);
    return t->cells[row * t->ncols + c].v;
}

size_t report_data_rows(const struct report_table *t)
{
    return t->nrows - (t->has_total && t->nrows ? 1 : 0);
}
