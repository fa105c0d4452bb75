/* SPDX-License-Identifier: MIT */
/*
 * ingest_quality.c - the data-quality record: rejected rows, notices of
 * every fallback, the summary people read, and rejects.csv.
 */
#include "ingest_int.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const reject_labels[FY_REJ_NREASONS] = {
    [FY_REJ_RAGGED] = N_("wrong number of fields"),
    [FY_REJ_TOO_LARGE] = N_("row too large"),
    [FY_REJ_MISSING] = N_("required value empty"),
    [FY_REJ_CASE_NO] = N_("案号 does not parse"),
    [FY_REJ_NOT_ADMIN] = N_("案号 not of an administrative case type"),
    [FY_REJ_DATE] = N_("not a date"),
    [FY_REJ_CLOSED_BEFORE] = N_("结案日期 before 立案日期"),
    [FY_REJ_NO_DISPOSITION] = N_("closed case without 结案方式"),
    [FY_REJ_NO_DEFENDANT] = N_("first-instance case without 被告"),
    [FY_REJ_COURT] = N_("court not in the registry"),
    [FY_REJ_DISTRICT] = N_("旗区 not registered"),
    [FY_REJ_YESNO] = N_("not yes or no"),
    [FY_REJ_COUNT] = N_("not a count"),
    [FY_REJ_MONTH] = N_("not a month"),
    [FY_REJ_YEAR] = N_("not a year"),
    [FY_REJ_VALUE] = N_("value not allowed"),
    [FY_REJ_DUPLICATE_KEY] = N_("key given twice"),
};

static const char *const notice_labels[FY_NOTE_NKINDS] = {
    [FY_NOTE_TITLE_ROW] = N_("title rows above the header skipped"),
    [FY_NOTE_TOTAL_ROW] = N_("合计/总计 rows skipped"),
    [FY_NOTE_UNUSED_COLUMN] = N_("columns not used"),
    [FY_NOTE_DUPLICATE_CASE] = N_("案号 read more than once (one row used)"),
    [FY_NOTE_EXTRA_DEFENDANTS] = N_("several 被告 in one cell (each counted)"),
    [FY_NOTE_DISPOSITION_OTHER] = N_("结案方式 matching no rule (counted as 其他)"),
    [FY_NOTE_CAUSE_OTHER] = N_("败诉原因 matching no cause (counted as 其他)"),
    [FY_NOTE_CAUSE_IGNORED] = N_("败诉原因 on a case that is no loss (ignored)"),
    [FY_NOTE_COURT_BY_CODE] = N_("court name unknown, court taken from the 案号"),
    [FY_NOTE_DUE_DEFAULT] = N_("反馈期限 empty (default deadline used)"),
    [FY_NOTE_DISPOSITION_PENDING] = N_("结案方式 on a pending case (ignored)"),
    [FY_NOTE_POPULATION_FALLBACK] = N_("population of an earlier year used"),
    [FY_NOTE_FILE_SKIPPED] = N_("files of a data folder not read"),
};

const char *fy_reject_label(enum fy_reject_reason r)
{
    if ((unsigned)r >= FY_REJ_NREASONS)
        FY_BUG("reject reason %d", (int)r);
    return _(reject_labels[r]);
}

const char *fy_notice_label(enum fy_notice_kind k)
{
    if ((unsigned)k >= FY_NOTE_NKINDS)
        FY_BUG("notice kind %d", (int)k);
    return _(notice_labels[k]);
}

const char *fy_reject_doc_label(enum fy_reject_reason r)
{
    if ((unsigned)r >= FY_REJ_NREASONS)
        FY_BUG("reject reason %d", (int)r);
    return Z_(reject_labels[r]);
}

const char *fy_notice_doc_label(enum fy_notice_kind k)
{
    if ((unsigned)k >= FY_NOTE_NKINDS)
        FY_BUG("notice kind %d", (int)k);
    return Z_(notice_labels[k]);
}

void fy_quality_note(struct fy_quality *q, enum fy_notice_kind kind,
                     uint32_t file, uint32_t line, const char *fmt, ...)
{
    struct fy_buf msg = FY_BUF_INIT;
    va_list ap;

    if ((unsigned)kind >= FY_NOTE_NKINDS)
        FY_BUG("notice kind %d", (int)kind);
    if (q->notice_counts[kind]++ >= FY_MAX_NOTICES)
        return;
    va_start(ap, fmt);
    fy_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    FY_GROW(q->notices, q->nnotices + 1, q->capnotices);
    q->notices[q->nnotices].kind = kind;
    q->notices[q->nnotices].file = file;
    q->notices[q->nnotices].line = line;
    q->notices[q->nnotices].message = fy_buf_detach(&msg);
    q->nnotices++;
}

void ingest_note_add(struct fy_quality *q, enum fy_notice_kind kind,
                     uint32_t file, uint32_t line, char *message)
{
    if ((unsigned)kind >= FY_NOTE_NKINDS)
        FY_BUG("notice kind %d", (int)kind);
    if (q->notice_counts[kind]++ >= FY_MAX_NOTICES || !message) {
        free(message);
        return;
    }
    FY_GROW(q->notices, q->nnotices + 1, q->capnotices);
    q->notices[q->nnotices].kind = kind;
    q->notices[q->nnotices].file = file;
    q->notices[q->nnotices].line = line;
    q->notices[q->nnotices].message = message;
    q->nnotices++;
}

void ingest_reject_add(struct fy_dataset *ds, const struct fy_reject *r)
{
    struct fy_quality *q = &ds->quality;

    FY_GROW(q->rejects, q->nrejects + 1, q->caprejects);
    q->rejects[q->nrejects++] = *r;
    q->reject_counts[r->reason]++;
    q->files[r->file].rows_rejected++;
}

void ingest_reject_words(char **message, char **doc, const char *fmt,
                         va_list ap)
{
    struct fy_buf m = FY_BUF_INIT, d = FY_BUF_INIT;
    va_list again;

    va_copy(again, ap);
    fy_buf_vprintf(&m, _(fmt), ap);
    fy_buf_vprintf(&d, Z_(fmt), again);
    va_end(again);
    *message = fy_buf_detach(&m);
    *doc = fy_buf_detach(&d);
}

void ingest_reject(struct fy_dataset *ds, uint32_t file,
                   const struct ingest_record *rec, uint32_t column,
                   const char *column_name, const char *value,
                   enum fy_reject_reason reason, char *message, char *doc)
{
    struct fy_quality *q = &ds->quality;
    struct fy_buf record = FY_BUF_INIT;

    ingest_record_to_csv(rec, &record);
    FY_GROW(q->rejects, q->nrejects + 1, q->caprejects);
    struct fy_reject *r = &q->rejects[q->nrejects++];
    r->file = file;
    r->line = (uint32_t)rec->line;
    r->column = column;
    r->reason = reason;
    r->column_name = fy_xstrdup(column_name);
    r->value = fy_xstrdup(value);
    /* the message is printed on a terminal: no control characters */
    r->message = fy_text_escaped(message);
    r->doc = fy_text_escaped(doc);
    r->record = fy_buf_detach(&record);
    free(message);
    free(doc);
    q->reject_counts[reason]++;
    q->files[file].rows_rejected++;
}

const char *ingest_where(const struct fy_dataset *ds, uint32_t file,
                         uint32_t line, struct fy_buf *out)
{
    fy_buf_reset(out);
    fy_buf_printf(out, "%s:%u", ds->quality.files[file].path, line);
    return fy_buf_str(out);
}

const char *ingest_where_doc(const struct fy_dataset *ds, uint32_t file,
                             uint32_t line, struct fy_buf *out)
{
    fy_buf_reset(out);
    fy_buf_printf(out, "%s:%u", ds->quality.files[file].name, line);
    return fy_buf_str(out);
}

/* ------------------------------------------------------------------ */
/* rejects.csv                                                         */
/* ------------------------------------------------------------------ */

/* A field of rejects.csv: the rows as read may hold "=1+1", which a
 * spreadsheet would run; such a cell gets a leading "'". */
static int put_field(FILE *f, const char *s, int last)
{
    int rc;

    if (fy_text_formula_like(s)) {
        char *g = fy_xasprintf("'%s", s);
        rc = csv_fwrite(f, g, strlen(g));
        free(g);
    } else {
        rc = csv_fwrite(f, s, strlen(s));
    }
    if (rc != 0)
        return -1;
    return fputc(last ? '\n' : ',', f) == EOF ? -1 : 0;
}

fy_status fy_write_rejects(const struct fy_dataset *ds, const char *path,
                           struct fy_error *err)
{
    struct fy_atomic out;
    int bad = 0;

    /* all or nothing: a full disk leaves the old rejects.csv, and a
     * symlink or a FIFO named rejects.csv is not written through */
    FY_TRY(fy_atomic_open(&out, path, err));
    FILE *f = out.f;
    /* the BOM: Excel opens it as UTF-8 */
    bad |= fputs(INGEST_REJECTS_HEADER, f) == EOF;
    for (size_t i = 0; i < ds->quality.nrejects && !bad; i++) {
        const struct fy_reject *r = &ds->quality.rejects[i];
        char line[16], col[16];
        snprintf(line, sizeof(line), "%u", r->line);
        snprintf(col, sizeof(col), "%u", r->column);
        bad |= put_field(f, ds->quality.files[r->file].name, 0);
        bad |= put_field(f, line, 0);
        bad |= put_field(f, r->column ? col : "", 0);
        bad |= put_field(f, r->column_name, 0);
        bad |= put_field(f, r->value, 0);
        bad |= put_field(f, fy_reject_doc_label(r->reason), 0);
        bad |= put_field(f, r->doc, 0);
        bad |= put_field(f, r->record, 1);
    }
    if (bad) {
        struct fy_loc at = {path, 0, 0};
        int e = errno ? errno : EIO;
        fy_atomic_abort(&out);
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(e));
    }
    return fy_atomic_commit(&out, err);
}

/* ------------------------------------------------------------------ */
/* The summary                                                         */
/* ------------------------------------------------------------------ */

/* Print @p s left-aligned in @p width display columns. */
static void pad(FILE *out, const char *s, size_t width)
{
    size_t w = fy_text_width(s);

    fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
}

/* Print @p s right-aligned in @p width display columns. */
static void rpad(FILE *out, const char *s, size_t width)
{
    for (size_t w = fy_text_width(s); w < width; w++)
        fputc(' ', out);
    fputs(s, out);
}

#define SHOW_REJECTS 50
#define SHOW_NOTICES 5

void fy_quality_print(const struct fy_dataset *ds, FILE *out, int verbose)
{
    const struct fy_quality *q = &ds->quality;
    unsigned long read = 0, used = 0, rejected = 0, dup = 0;
    size_t wpath = fy_text_width(_("file"));

    for (size_t i = 0; i < q->nfiles; i++) {
        size_t w = fy_text_width(q->files[i].path);
        if (w > wpath)
            wpath = w;
    }
    fprintf(out, "%s\n", _("Data quality"));
    fputs("  ", out);
    pad(out, _("file"), wpath + 2);
    pad(out, _("encoding"), 13);
    pad(out, _("table"), 17);
    rpad(out, _("read"), 8);          /* display width, not bytes: */
    rpad(out, _("used"), 9);          /* the headings may be Chinese */
    rpad(out, _("rejected"), 9);
    rpad(out, _("duplicate"), 11);
    fputc('\n', out);
    for (size_t i = 0; i < q->nfiles; i++) {
        const struct fy_file_info *f = &q->files[i];
        fputs("  ", out);
        pad(out, f->path, wpath + 2);
        pad(out, f->encoding ? f->encoding : "-", 13);
        pad(out, f->kind >= 0 ? ingest_kind(f->kind)->name : "-", 17);
        fprintf(out, "%8lu %8lu %8lu %10lu\n", f->rows_read, f->rows_used,
                f->rows_rejected, f->rows_duplicate);
        read += f->rows_read;
        used += f->rows_used;
        rejected += f->rows_rejected;
        dup += f->rows_duplicate;
    }
    /* TRANSLATORS: the totals line is printed in two parts, this one and
       "%lu rows read, %lu used, %lu rejected, %lu duplicate\n". */
    fprintf(out, ngettext("  %lu file, ", "  %lu files, ", q->nfiles),
            (unsigned long)q->nfiles);
    fprintf(out,
            ngettext("%lu row read, %lu used, %lu rejected, %lu duplicate\n",
                     "%lu rows read, %lu used, %lu rejected, %lu "
                     "duplicate\n", read),
            read, used, rejected, dup);

    if (q->nrejects) {
        fprintf(out, "\n%s\n", _("Rejected rows by reason"));
        for (int r = 0; r < FY_REJ_NREASONS; r++)
            if (q->reject_counts[r])
                fprintf(out, "  %-8lu %s\n", q->reject_counts[r],
                        fy_reject_label((enum fy_reject_reason)r));
        fprintf(out, "\n%s\n", _("Rejected rows"));
        for (size_t i = 0; i < q->nrejects; i++) {
            const struct fy_reject *r = &q->rejects[i];
            if (!verbose && i == SHOW_REJECTS) {
                fprintf(out, _("  ... and %zu more (all of them in "
                               "rejects.csv with -o DIR)\n"),
                        q->nrejects - i);
                break;
            }
            if (r->column)
                fprintf(out, "  %s:%u:%u: %s\n", q->files[r->file].path,
                        r->line, r->column, r->message);
            else
                fprintf(out, "  %s:%u: %s\n", q->files[r->file].path, r->line,
                        r->message);
        }
    }

    int any = 0;
    for (int k = 0; k < FY_NOTE_NKINDS; k++)
        any |= q->notice_counts[k] != 0;
    if (!any)
        return;
    fprintf(out, "\n%s\n", _("Fallbacks and notes"));
    for (int k = 0; k < FY_NOTE_NKINDS; k++) {
        if (!q->notice_counts[k])
            continue;
        fprintf(out, "  %-8lu %s\n", q->notice_counts[k],
                fy_notice_label((enum fy_notice_kind)k));
        size_t shown = 0;
        for (size_t i = 0; i < q->nnotices; i++) {
            const struct fy_notice *n = &q->notices[i];
            if (n->kind != (enum fy_notice_kind)k)
                continue;
            if (!verbose && shown == SHOW_NOTICES) {
                fprintf(out, _("           ... and %lu more\n"),
                        q->notice_counts[k] - shown);
                break;
            }
            if (n->file != UINT32_MAX && n->line)
                fprintf(out, "           %s:%u: %s\n", q->files[n->file].path,
                        n->line, n->message);
            else if (n->file != UINT32_MAX)
                fprintf(out, "           %s: %s\n", q->files[n->file].path,
                        n->message);
            else
                fprintf(out, "           %s\n", n->message);
            shown++;
        }
    }
}
