/* SPDX-License-Identifier: MIT */
/*
 * cli_report.c - `fuyuan annual` and `fuyuan quarterly`: read the data,
 * build the report's content from the statistics engine, and write the
 * workbook, rejects.csv, figures.json and manifest.json all-or-nothing into
 * reports/<period>/ (or -o DIR).
 */
#include "fuyuan/cli.h"
#include "fuyuan/narrative.h"

#include <pthread.h>
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

/* Print the fonts' warnings @p w (unless --quiet), each once. */
static void print_font_warnings(const struct cli_opts *o,
                                const char *const *w, size_t n)
{
    for (size_t i = 0; i < n && !o->quiet; i++)
        fprintf(stderr, _("fuyuan: warning: %s\n"), w[i]);
}

/* The PDF, its text, every chart alone as PDF and 300-dpi PNG, and the
 * editable draft (.docx) unless --no-docx, one after the other (--jobs
 * 1). */
static fy_status write_documents_serial(const struct report_doc *doc,
                                        const char *base,
                                        struct report_output *out,
                                        const struct cli_opts *o,
                                        struct report_fonts *fonts,
                                        struct fy_error *err)
{
    fy_status st = FY_OK;
    char *name;

    name = fy_xasprintf("%s.pdf", base);
    OUTPUT_FILE(out, name, report_pdf_write(fonts, doc, path, err));
    free(name);
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
    const char *const *w;
    size_t nw = report_fonts_warnings(fonts, &w);
    print_font_warnings(o, w, nw);
    return st;
}

/*
 * The same files on two threads (--jobs 2 or more): the main thread and
 * a worker, each with fonts of its own (its own fontconfig configuration
 * and Pango font map: nothing of Pango, cairo or fontconfig is shared),
 * take the files in the order below; each file is drawn by one thread
 * alone, so its bytes are those of the serial run whatever thread drew
 * it. The chart PNGs come first, on both threads, so that pandoc (the
 * .docx, which takes them) starts as early as it can and runs while the
 * white paper's PDF (the largest file), the chart PDFs and the text are
 * made; figures.json is written on a thread of its own from the start,
 * the main thread writes the workbook first, and rejects.csv once no
 * document is left to start. Every name is given
 * out (report_output_file) by the main thread in the serial order
 * (workbook, documents, rejects.csv, figures.json). A file that fails stops
 * only the files after it in the serial order; the error reported is the
 * one of the first file that failed in that order, as in the serial run,
 * and so are the fonts' warnings, each file's kept apart and printed in
 * that order. Everything is joined and pandoc waited for (or killed when
 * a file before the .docx failed) before this returns.
 */
enum doc_kind { DF_PDF, DF_TXT, DF_CHART_PDF, DF_CHART_PNG, DF_DOCX };

struct doc_file {
    enum doc_kind kind;
    const struct doc_block *block; /* a chart's */
    const struct chart_spec *chart;
    char *path;                 /* report_output_file()'s */
    fy_status st;
    struct fy_error err;
    char **warnings;            /* the fonts' warnings while it was made */
    size_t nwarnings;
};

struct doc_work {
    const struct report_doc *doc;
    char *fonts_dir, *data_dir;  /* owned */
    const char *resource_dir;
    struct doc_file *files;     /* in the serial order */
    size_t nfiles;
    size_t *order;              /* the files in the order they are taken */
    size_t norder;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next;                /* in order */
    size_t npng, pngs_done;     /* the chart PNGs; those finished */
    size_t failed;              /* the first file that failed; nfiles */
    struct report_docx_run pandoc;  /* pandoc.pid != 0: started */
    fy_status fonts_st[2];      /* fonts that cannot be loaded (main */
    struct fy_error fonts_err[2]; /* thread, worker): before every file */
    struct report_fonts *fonts; /* the main thread's */
    pthread_t worker;
    int started;                /* the worker runs */
};

/* *@p to = *@p from: where.file points into the error's own copy of the
 * name, which must be the new one's. */
static void copy_error(struct fy_error *to, const struct fy_error *from)
{
    *to = *from;
    if (from->where.file == from->file)
        to->where.file = to->file;
}

static void make_file(struct doc_work *w, struct report_fonts *fonts,
                      struct doc_file *f)
{
    const struct report_doc *doc = w->doc;
    struct fy_error *err = &f->err;

    switch (f->kind) {
    case DF_PDF:
        f->st = report_pdf_write(fonts, doc, f->path, err);
        break;
    case DF_TXT:
        f->st = report_doc_write_text(doc, f->path, err);
        break;
    case DF_CHART_PDF:
        f->st = report_chart_pdf(fonts, f->chart, f->path, doc->created,
                                 NULL, err);
        break;
    case DF_CHART_PNG:
        f->st = report_chart_png(fonts, f->chart, f->path, 300.0, err);
        break;
    case DF_DOCX: {
        struct report_docx_opts dopts = {w->data_dir, w->resource_dir, NULL,
                                         fonts};
        f->st = report_docx_start(doc, &dopts, f->path, &w->pandoc, err);
        break;
    }
    }
    f->warnings = report_fonts_take_warnings(fonts, &f->nwarnings);
}

/* Take files in w->order until none is left. */
static void take_files(struct doc_work *w, struct report_fonts *fonts)
{
    pthread_mutex_lock(&w->mu);
    while (w->next < w->norder) {
        size_t i = w->order[w->next++];
        struct doc_file *f = &w->files[i];
        if (f->kind == DF_DOCX) /* it takes every PNG */
            while (w->pngs_done < w->npng)
                pthread_cond_wait(&w->cv, &w->mu);
        /* passed: a file before it failed, or fonts could not load */
        if (i > w->failed || !f->path || !fonts || w->fonts_st[0]
            || w->fonts_st[1]) {
            if (f->kind == DF_CHART_PNG && ++w->pngs_done == w->npng)
                pthread_cond_broadcast(&w->cv);
            continue;
        }
        pthread_mutex_unlock(&w->mu);
        make_file(w, fonts, f);
        pthread_mutex_lock(&w->mu);
        if (f->st != FY_OK && i < w->failed)
            w->failed = i;
        if (f->kind == DF_CHART_PNG && ++w->pngs_done == w->npng)
            pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
}

static void *doc_worker(void *arg)
{
    struct doc_work *w = arg;
    struct report_fonts *fonts = NULL;
    struct fy_error err;
    fy_status st = report_fonts_new(w->fonts_dir, &fonts, &err);

    if (st != FY_OK) {
        pthread_mutex_lock(&w->mu);
        w->fonts_st[1] = st;
        copy_error(&w->fonts_err[1], &err);
        w->failed = 0; /* it ranks before every file */
        pthread_mutex_unlock(&w->mu);
        return NULL;
    }
    take_files(w, fonts);
    report_fonts_free(fonts);
    return NULL;
}

/* Give out the names of the documents (in the serial order) and start
 * the worker; the main thread then writes the workbook and takes its
 * share (docs_take). A name that cannot be given out is recorded as its
 * file's error. */
static void docs_start(struct doc_work *w, const struct report_doc *doc,
                       const char *base, struct report_output *out,
                       const struct cli_opts *o)
{
    size_t cap = 3 + 2 * doc->nblocks, n = 0;

    memset(w, 0, sizeof(*w));
    w->doc = doc;
    w->fonts_dir = cli_find_dir("fonts", FY_DATADIR "/fonts");
    w->resource_dir = out->tmp;
    w->files = fy_xcalloc(cap, sizeof(*w->files));
    w->files[n++].kind = DF_PDF;
    w->files[n++].kind = DF_TXT;
    for (size_t i = 0; i < doc->nblocks; i++) {
        const struct doc_block *b = &doc->blocks[i];
        if (b->kind != DB_CHART || report_chart_empty(b->chart))
            continue;
        w->files[n].kind = DF_CHART_PDF;
        w->files[n].block = b;
        w->files[n++].chart = b->chart;
        w->files[n].kind = DF_CHART_PNG;
        w->files[n].block = b;
        w->files[n++].chart = b->chart;
        w->npng++;
    }
    if (!o->no_docx) {
        w->data_dir = cli_find_dir("data", FY_DATADIR "/data");
        w->files[n++].kind = DF_DOCX;
    }
    w->nfiles = n;
    w->failed = n;
    for (size_t i = 0; i < n; i++) {
        struct doc_file *f = &w->files[i];
        char *name;
        switch (f->kind) {
        case DF_PDF:
            name = fy_xasprintf("%s.pdf", base);
            break;
        case DF_TXT:
            name = fy_xasprintf("%s.txt", base);
            break;
        case DF_DOCX:
            name = fy_xasprintf("%s.docx", base);
            break;
        default:
            name = fy_xasprintf("charts/%s.%s", f->block->file,
                                f->kind == DF_CHART_PDF ? "pdf" : "png");
        }
        f->path = report_output_file(out, name, &f->err);
        free(name);
        if (!f->path) {
            f->st = FY_E_OUTPUT;
            w->failed = i;
            break;
        }
    }
    /* the order they are taken in: PNGs, the .docx, the PDF, the chart
     * PDFs, the text */
    w->order = fy_xcalloc(n ? n : 1, sizeof(*w->order));
    for (size_t i = 0; i < n; i++)
        if (w->files[i].kind == DF_CHART_PNG)
            w->order[w->norder++] = i;
    static const enum doc_kind rest[] = {DF_DOCX, DF_PDF, DF_CHART_PDF,
                                         DF_TXT};
    for (size_t r = 0; r < sizeof(rest) / sizeof(rest[0]); r++)
        for (size_t i = 0; i < n; i++)
            if (w->files[i].kind == rest[r])
                w->order[w->norder++] = i;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->started = w->failed == n
                 && pthread_create(&w->worker, NULL, doc_worker, w) == 0;
}

/* The main thread's share, with its own fonts: until no file is left. */
static void docs_take(struct doc_work *w)
{
    struct fy_error err;
    fy_status st = report_fonts_new(w->fonts_dir, &w->fonts, &err);

    if (st != FY_OK) {
        pthread_mutex_lock(&w->mu);
        w->fonts_st[0] = st; /* as in the serial run: before every file */
        copy_error(&w->fonts_err[0], &err);
        w->failed = 0;
        pthread_mutex_unlock(&w->mu);
    }
    take_files(w, w->fonts); /* without fonts: passes every file */
}

/* Join the worker, wait for pandoc (or stop it when a file before the
 * .docx failed), print the fonts' warnings (@p warn) and release @p w.
 * The error of the first file that failed, in the serial order. */
static fy_status docs_finish(struct doc_work *w, const struct cli_opts *o,
                             int warn, struct fy_error *err)
{
    size_t n = w->nfiles;
    fy_status st = FY_OK;

    if (w->started)
        pthread_join(w->worker, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    if (w->pandoc.pid) {
        struct doc_file *f = &w->files[n - 1];
        if (w->failed < n - 1) {
            report_docx_kill(&w->pandoc);
        } else {
            f->st = report_docx_wait(&w->pandoc, &f->err);
            if (f->st != FY_OK && w->failed > n - 1)
                w->failed = n - 1;
        }
    }
    if (w->fonts_st[0] != FY_OK || w->fonts_st[1] != FY_OK) {
        int k = w->fonts_st[0] != FY_OK ? 0 : 1; /* the main thread's */
        st = w->fonts_st[k];
        copy_error(err, &w->fonts_err[k]);
    } else if (w->failed < n) {
        st = w->files[w->failed].st;
        copy_error(err, &w->files[w->failed].err);
    }
    /* the warnings of the files made, in the serial order, each once */
    const char **all = NULL;
    size_t nall = 0;
    for (size_t i = 0; warn && i < n && i <= w->failed; i++)
        for (size_t k = 0; k < w->files[i].nwarnings; k++) {
            const char *s = w->files[i].warnings[k];
            size_t j = 0;
            while (j < nall && strcmp(all[j], s) != 0)
                j++;
            if (j == nall) {
                all = fy_xreallocarray(all, nall + 1, sizeof(*all));
                all[nall++] = s;
            }
        }
    print_font_warnings(o, all, nall);
    free(all);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < w->files[i].nwarnings; k++)
            free(w->files[i].warnings[k]);
        free(w->files[i].warnings);
        free(w->files[i].path);
    }
    free(w->files);
    free(w->order);
    free(w->data_dir);
    free(w->fonts_dir);
    report_fonts_free(w->fonts);
    report_release_libraries();
    return st;
}

/*
 * The files of a report after its folder is begun, --jobs 2 or more:
 * the names given out in the serial order (the workbook, the documents,
 * rejects.csv, figures.json), the documents made on two threads
 * (docs_start) and figures.json on a third while the main thread writes
 * the workbook, then takes its share of the documents, then writes
 * rejects.csv while the others and pandoc finish. The error reported is the first in that
 * order, as in the serial run.
 */
/* figures.json on a thread of its own: it reads the book and the cases
 * only, and at 2M cases it is the longest file to write. */
struct figures_job {
    const struct report_book *book;
    const char *cmd_name;
    const struct stats_period *period;
    const char *path;
    char hex[65];
    fy_status st;
    struct fy_error err;
};

static void *figures_main(void *arg)
{
    struct figures_job *j = arg;

    j->st = report_figures_write(j->book, j->cmd_name, j->period, j->path,
                                 j->hex, &j->err);
    return NULL;
}

static fy_status write_files_parallel(const struct report_book *book,
                                      const struct report_doc *doc,
                                      const struct fy_dataset *ds,
                                      const char *cmd_name,
                                      const struct stats_period *period,
                                      const char *base, const char *xlsx,
                                      struct report_output *out,
                                      const struct cli_opts *o,
                                      struct fy_error *err)
{
    struct doc_work *w = fy_xcalloc(1, sizeof(*w));
    struct fy_error *e = fy_xcalloc(4, sizeof(*e));
    fy_status st[4] = {FY_OK, FY_OK, FY_OK, FY_OK};
    char *path = report_output_file(out, xlsx, err);

    if (!path) {
        free(w);
        free(e);
        return FY_E_OUTPUT;
    }
    docs_start(w, doc, base, out, o);
    /* every name given out in the serial order before any thread writes */
    char *rpath = report_output_file(out, "rejects.csv", &e[2]);
    struct figures_job fj = {book, cmd_name, period, NULL, "", FY_OK, {0}};
    char *fpath = report_output_file(out, "figures.json", &e[3]);
    pthread_t fthread;
    int fstarted = 0;
    if (fpath) {
        fj.path = fpath;
        fstarted = pthread_create(&fthread, NULL, figures_main, &fj) == 0;
    }
    st[0] = report_xlsx_write(book, path, &e[0]);
    free(path);
    docs_take(w);
    st[2] = rpath ? fy_write_rejects(ds, rpath, &e[2]) : FY_E_OUTPUT;
    free(rpath);
    if (fstarted)
        pthread_join(fthread, NULL);
    else if (fpath)
        figures_main(&fj);
    st[3] = fpath ? fj.st : FY_E_OUTPUT;
    if (fpath && st[3] != FY_OK)
        copy_error(&e[3], &fj.err);
    if (st[3] == FY_OK) /* the threads never touch out: names given out */
        report_output_set_sha256(out, "figures.json", fj.hex);
    free(fpath);
    st[1] = docs_finish(w, o, st[0] == FY_OK, &e[1]);
    fy_status rc = FY_OK;
    for (size_t i = 0; i < 4 && rc == FY_OK; i++)
        if (st[i] != FY_OK) {
            rc = st[i];
            copy_error(err, &e[i]);
        }
    free(w);
    free(e);
    return rc;
}

/* The PDF, its text, every chart alone as PDF and 300-dpi PNG, and the
 * editable draft (.docx) unless --no-docx, one after the other (--jobs
 * 1). */
static fy_status write_documents(const struct report_doc *doc,
                                 const char *base, struct report_output *out,
                                 const struct cli_opts *o,
                                 struct fy_error *err)
{
    struct report_fonts *fonts = NULL;
    char *dir = cli_find_dir("fonts", FY_DATADIR "/fonts");
    fy_status st = report_fonts_new(dir, &fonts, err);

    free(dir);
    if (st == FY_OK)
        st = write_documents_serial(doc, base, out, o, fonts, err);
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
    char *base = fy_xasprintf("%s-%s", cmd->name, name);
    if (st == FY_OK && ds->jobs >= 2) {
        st = write_files_parallel(&book, &doc, ds, cmd->name, period, base,
                                  xlsx, &out, o, &err);
    } else {
        if (st == FY_OK) {
            char *path = report_output_file(&out, xlsx, &err);
            st = path ? report_xlsx_write(&book, path, &err) : FY_E_OUTPUT;
            free(path);
        }
        if (st == FY_OK)
            st = write_documents(&doc, base, &out, o, &err);
        if (st == FY_OK) {
            char *path = report_output_file(&out, "rejects.csv", &err);
            st = path ? fy_write_rejects(ds, path, &err) : FY_E_OUTPUT;
            free(path);
        }
        if (st == FY_OK) {
            char *path = report_output_file(&out, "figures.json", &err),
                 hex[65];
            st = path ? report_figures_write(&book, cmd->name, period, path,
                                             hex, &err)
                      : FY_E_OUTPUT;
            if (st == FY_OK)
                report_output_set_sha256(&out, "figures.json", hex);
            free(path);
        }
    }
    free(base);
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
