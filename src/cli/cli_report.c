/* SPDX-License-Identifier: MIT */
/*
 * cli_report.c - `fuyuan annual` and `fuyuan quarterly`: read the data,
 * build the report's content from the statistics engine, and write the
 * workbook, rejects.csv, figures.json and manifest.json all-or-nothing into
 * reports/<period>/ (or -o DIR).
 */
#include "fuyuan/cli.h"
#include "fuyuan/narrative.h"

#include <stdlib.h>
#include <string.h>

/* What a report command makes: its book and its document. */
struct report_kind {
    fy_status (*book)(const struct fy_dataset *, const struct stats_period *,
                      int32_t, const struct report_settings *,
                      struct report_book *, struct fy_error *);
    fy_status (*doc)(const struct fy_dataset *, const struct stats_period *,
                     int32_t, const struct report_book *, struct report_doc *,
                     struct fy_error *);
};

static const struct report_kind annual = {report_annual_book,
                                          report_annual_doc};
static const struct report_kind quarterly = {report_quarterly_book,
                                             report_quarterly_doc};

/* Write the output file @p name with @p call (which sees `path`). */
#define OUTPUT_FILE(out, name, call)                                         \
    do {                                                                     \
        char *path = report_output_file((out), (name), err);                \
        st = path ? (call) : FY_E_OUTPUT;                                    \
        free(path);                                                          \
    } while (0)

/* The PDF, its text, every chart alone as PDF and 300-dpi PNG, and the
 * editable draft (.docx) unless --no-docx. */
static fy_status write_documents(const struct report_doc *doc,
                                 const char *base, struct report_output *out,
                                 const struct cli_opts *o,
                                 struct fy_error *err)
{
    struct report_fonts *fonts = NULL;
    char *dir = cli_find_dir("fonts", FY_DATADIR "/fonts");
    fy_status st = report_fonts_new(dir, &fonts, err);
    char *name;

    free(dir);
    if (st == FY_OK) {
        name = fy_xasprintf("%s.pdf", base);
        OUTPUT_FILE(out, name, report_pdf_write(fonts, doc, path, err));
        free(name);
    }
    if (st == FY_OK) {
        name = fy_xasprintf("%s.txt", base);
        OUTPUT_FILE(out, name, report_doc_write_text(doc, path, err));
        free(name);
    }
    for (size_t i = 0; st == FY_OK && i < doc->nblocks; i++) {
        const struct doc_block *b = &doc->blocks[i];
        if (b->kind != DB_CHART || report_chart_empty(b->chart))
            continue;
        name = fy_xasprintf("charts/%s.pdf", b->file);
        OUTPUT_FILE(out, name, report_chart_pdf(fonts, b->chart, path,
                                                doc->created, NULL, err));
        free(name);
        if (st != FY_OK)
            break;
        name = fy_xasprintf("charts/%s.png", b->file);
        OUTPUT_FILE(out, name, report_chart_png(fonts, b->chart, path, 300.0,
                                                err));
        free(name);
    }
    /* the editable draft last: it takes the PNGs of charts/ */
    if (st == FY_OK && !o->no_docx) {
        char *data = cli_find_dir("data", FY_DATADIR "/data");
        struct report_docx_opts dopts = {data, out->tmp, NULL, fonts};
        name = fy_xasprintf("%s.docx", base);
        OUTPUT_FILE(out, name, report_docx_write(doc, &dopts, path, err));
        free(name);
        free(data);
    }
    if (fonts && !o->quiet) {
        const char *const *w;
        size_t n = report_fonts_warnings(fonts, &w);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, _("fuyuan: warning: %s\n"), w[i]);
    }
    report_fonts_free(fonts);
    report_release_libraries();
    return st;
}

static int run_report(const struct cli_command *cmd, struct cli_opts *o,
                      const struct stats_period *period,
                      const struct report_kind *kind)
{
    struct fy_dataset *ds;
    struct fy_error err;
    struct report_book book;
    struct report_doc doc;
    struct report_output out;
    int32_t as_of = FY_NO_DATE;
    char as_of_text[11];
    int rc;

    memset(&err, 0, sizeof(err));
    memset(&book, 0, sizeof(book));
    memset(&doc, 0, sizeof(doc));
    memset(&out, 0, sizeof(out));
    if (o->as_of && norm_date(o->as_of, &as_of) != NORM_OK)
        return cli_usage_error(cmd, _("--as-of needs a date like 2024-03-31, "
                                      "not '%s'"), o->as_of);
    o->ingest.sha256 = 1; /* manifest.json: the bytes read */
    if ((rc = cli_load(o, &ds)) != FY_EXIT_OK)
        return rc;
    if (cli_check_rejects(o, ds, 1) != FY_EXIT_OK) {
        fy_dataset_free(ds);
        return FY_EXIT_DATA;
    }
    if ((rc = cli_warn_catalogue(o)) != FY_EXIT_OK) {
        fy_dataset_free(ds);
        return rc;
    }
    char *name = stats_period_name(period);
    char *dest = o->output ? fy_xstrdup(o->output)
                           : fy_xasprintf("%s/%s", o->reports_dir, name);
    char *xlsx = fy_xasprintf("%s-%s.xlsx", cmd->name, name);
    fy_date_format(as_of != FY_NO_DATE ? as_of : period->end, as_of_text);
    cli_profile_settings(o, ds);
    struct fy_typical_cases typical;
    memset(&typical, 0, sizeof(typical));
    if (kind == &annual && o->settings.typical_cases) {
        fy_status tr = fy_typical_read(&typical, o->settings.typical_cases,
                                       o->ingest.encoding, ds, &err);
        if (tr != FY_OK) {
            rc = cli_report_error(&err);
            fy_typical_release(&typical);
            fy_dataset_free(ds);
            free(name);
            free(dest);
            free(xlsx);
            return rc;
        }
        for (size_t i = 0; i < typical.nwarnings && !o->quiet; i++)
            fprintf(stderr, _("fuyuan: warning: %s\n"), typical.warnings[i]);
        o->settings.typical = &typical;
    }
    book.created = report_run_time();
    /* the suggestion table shipped with the program (data/suggestions.csv) */
    struct fy_suggestions sugg = {NULL, 0, 0};
    char *sdir = cli_find_dir("data", FY_DATADIR "/data");
    char *spath = fy_xasprintf("%s/suggestions.csv", sdir);
    fy_status st = fy_suggestions_load(&sugg, spath, NULL, &err);
    free(sdir);
    free(spath);
    o->settings.suggestions = &sugg;
    struct report_revisions revs;
    memset(&revs, 0, sizeof(revs));
    if (st == FY_OK)
        st = kind->book(ds, period, as_of, &o->settings, &book, &err);
    if (st == FY_OK && o->previous) {
        st = report_revisions_compare(&book, cmd->name, period, o->previous,
                                      &revs, &err);
        if (st == FY_OK)
            book.revisions = &revs;
    }
    if (st == FY_OK)
        st = kind->doc(ds, period, as_of, &book, &doc, &err);
    if (st == FY_OK)
        st = report_output_begin(&out, dest, &err);
    if (st == FY_OK) {
        char *path = report_output_file(&out, xlsx, &err);
        st = path ? report_xlsx_write(&book, path, &err) : FY_E_OUTPUT;
        free(path);
    }
    if (st == FY_OK) {
        char *base = fy_xasprintf("%s-%s", cmd->name, name);
        st = write_documents(&doc, base, &out, o, &err);
        free(base);
    }
    if (st == FY_OK) {
        char *path = report_output_file(&out, "rejects.csv", &err);
        st = path ? fy_write_rejects(ds, path, &err) : FY_E_OUTPUT;
        free(path);
    }
    if (st == FY_OK) {
        char *path = report_output_file(&out, "figures.json", &err), hex[65];
        st = path ? report_figures_write(&book, cmd->name, period, path, hex,
                                         &err)
                  : FY_E_OUTPUT;
        if (st == FY_OK)
            report_output_set_sha256(&out, "figures.json", hex);
        free(path);
    }
    if (st == FY_OK) {
        struct report_manifest m = {cmd->name, o->argv,      o->argc,
                                    period,    as_of_text,   book.created,
                                    &o->ingest, out.dest,    o->strict,
                                    &o->settings, book.revisions};
        st = report_manifest_write(&out, ds, &m, &err);
    }
    if (st == FY_OK)
        st = report_output_commit(&out, &err);
    if (st == FY_OK && !o->quiet) {
        for (size_t i = 0; i < book.nwarnings; i++)
            fprintf(stderr, _("fuyuan: warning: %s\n"), book.warnings[i]);
        size_t charts = 0;
        for (size_t i = 0; i < out.nnames; i++)
            charts += strncmp(out.names[i], "charts/", 7) == 0;
        char *docs = fy_xasprintf(o->no_docx ? _("%s-%s.pdf and .txt")
                                             : _("%s-%s.pdf, .docx and .txt"),
                                  cmd->name, name);
        if (charts)
            fprintf(stderr, _("fuyuan: wrote %s/: %s, %s, charts/ (%zu "
                              "files), rejects.csv, figures.json and "
                              "manifest.json\n"),
                    out.dest, xlsx, docs, charts);
        else
            fprintf(stderr, _("fuyuan: wrote %s/: %s, %s, rejects.csv, "
                              "figures.json and manifest.json\n"),
                    out.dest, xlsx, docs);
        free(docs);
    }
    rc = st == FY_OK ? FY_EXIT_OK
         : st == FY_E_USAGE ? cli_usage_error(cmd, "%s", err.msg)
                            : cli_report_error(&err);
    report_output_release(&out);
    report_doc_release(&doc);
    report_book_release(&book);
    report_revisions_release(&revs);
    o->settings.suggestions = NULL;
    fy_suggestions_release(&sugg);
    o->settings.typical = NULL;
    fy_typical_release(&typical);
    fy_dataset_free(ds);
    free(name);
    free(dest);
    free(xlsx);
    return rc;
}

int cli_cmd_annual(const struct cli_command *cmd, struct cli_opts *o)
{
    struct stats_period p;
    struct fy_error err;

    if (!o->year || o->quarter || o->month || o->from || o->to)
        return cli_usage_error(cmd, "%s", _("annual takes --year Y"));
    if (stats_period_parse(o->year, NULL, NULL, NULL, NULL, &p, &err))
        return cli_usage_error(cmd, "%s", err.msg);
    return run_report(cmd, o, &p, &annual);
}

int cli_cmd_quarterly(const struct cli_command *cmd, struct cli_opts *o)
{
    struct stats_period p;
    struct fy_error err;

    if (!o->quarter || o->year || o->month || o->from || o->to)
        return cli_usage_error(cmd, "%s", _("quarterly takes --quarter "
                                            "YYYYQn"));
    if (stats_period_parse(NULL, o->quarter, NULL, NULL, NULL, &p, &err))
        return cli_usage_error(cmd, "%s", err.msg);
    return run_report(cmd, o, &p, &quarterly);
}
