/* SPDX-License-Identifier: MIT */
/*
 * cli_query.c - `fuyuan query`: one question, answered on the terminal,
 * as CSV or as JSON.
 */
#include "fuyuan/cli.h"
#include "fuyuan/book.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The request of the command line (before the data are read: usage
 * errors come first). Where values need the data: see add_where(). */
static int build_request(const struct cli_command *cmd,
                         const struct cli_opts *o, struct stats_request *req)
{
    struct fy_error err;

    memset(req, 0, sizeof(*req));
    req->as_of = FY_NO_DATE;
    if (!o->metric)
        return cli_usage_error(cmd, "%s", _("--metric is required"));
    if (stats_period_parse(o->year, o->quarter, o->month, o->from, o->to,
                           &req->period, &err) != FY_OK
        || stats_request_metrics(req, o->metric, &err) != FY_OK
        || (o->by && stats_request_dims(req, o->by, &err) != FY_OK)
        || (o->compare && stats_request_compare(req, o->compare, &err)
                              != FY_OK))
        return cli_usage_error(cmd, "%s", err.msg);
    if (o->as_of && norm_date(o->as_of, &req->as_of) != NORM_OK)
        return cli_usage_error(cmd, _("--as-of needs a date like 2024-03-31, "
                                      "not '%s'"), o->as_of);
    return FY_EXIT_OK;
}

static int parse_format(const struct cli_command *cmd, const char *s,
                        enum report_format *f)
{
    static const struct {
        const char *name;
        enum report_format format;
    } formats[] = {
        {"table", REPORT_TABLE}, {"csv", REPORT_CSV}, {"json", REPORT_JSON},
        {"xlsx", REPORT_XLSX},
    };

    if (!s) {
        *f = REPORT_TABLE;
        return FY_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(s, formats[i].name) == 0) {
            *f = formats[i].format;
            return FY_EXIT_OK;
        }
    }
    return cli_usage_error(cmd, _("unknown format '%s' (use table, csv, "
                                  "json or xlsx)"), s);
}

/* The one-table workbook, written beside FILE and renamed into place. */
static int write_xlsx(const struct fy_dataset *ds,
                      const struct report_settings *set,
                      const struct stats_result *res, const char *path)
{
    struct report_book book;
    struct fy_error err;
    struct fy_atomic out;
    fy_status st;

    memset(&book, 0, sizeof(book));
    book.created = report_run_time();
    st = fy_atomic_open(&out, path, &err);
    if (st != FY_OK)
        return cli_report_error(&err);
    fclose(out.f); /* libxlsxwriter writes the file by its name */
    out.f = NULL;
    st = report_query_book(ds, res, set, &book, &err);
    if (st == FY_OK)
        st = report_xlsx_write(&book, out.tmp, &err);
    if (st == FY_OK)
        st = fy_atomic_commit(&out, &err);
    else
        fy_atomic_abort(&out);
    report_book_release(&book);
    return st == FY_OK ? FY_EXIT_OK : cli_report_error(&err);
}

int cli_cmd_query(const struct cli_command *cmd, struct cli_opts *o)
{
    struct stats_request req;
    struct stats_result *res = NULL;
    struct fy_dataset *ds;
    struct fy_error err;
    enum report_format format = REPORT_TABLE;
    int rc;

    if ((rc = build_request(cmd, o, &req)) != FY_EXIT_OK
        || (rc = parse_format(cmd, o->format, &format)) != FY_EXIT_OK)
        return rc;
    if (format == REPORT_XLSX && !o->output)
        return cli_usage_error(cmd, "%s", _("--format xlsx needs -o FILE"));
    if ((rc = cli_load(o, &ds)) != FY_EXIT_OK)
        return rc;
    memset(&err, 0, sizeof(err));
    for (size_t i = 0; i < o->nwhere; i++) {
        if (stats_request_where(&req, ds, o->where[i], &err) != FY_OK) {
            fy_dataset_free(ds);
            return cli_usage_error(cmd, "%s", err.msg);
        }
    }
    if (cli_check_rejects(o, ds, 0) != FY_EXIT_OK) {
        fy_dataset_free(ds);
        return FY_EXIT_DATA;
    }
    if (stats_run(ds, &req, &res, &err) != FY_OK) {
        fy_dataset_free(ds);
        return err.code == FY_E_USAGE ? cli_usage_error(cmd, "%s", err.msg)
                                      : cli_report_error(&err);
    }
    for (size_t i = 0; i < res->nwarnings && !o->quiet; i++)
        fprintf(stderr, _("fuyuan: warning: %s\n"), res->warnings[i]);
    /* -o FILE: the answer goes to FILE, whatever the format (written
     * beside it and renamed over it when complete) */
    struct fy_atomic file;
    FILE *out = stdout;
    if (format != REPORT_XLSX && o->output) {
        if (fy_atomic_open(&file, o->output, &err) != FY_OK) {
            stats_result_free(res);
            fy_dataset_free(ds);
            return cli_report_error(&err);
        }
        out = file.f;
    }
    switch (format) {
    case REPORT_XLSX:
        rc = cli_warn_catalogue(o);
        if (rc == FY_EXIT_OK)
            rc = write_xlsx(ds, &o->settings, res, o->output);
        break;
    case REPORT_CSV:
        report_query_csv(res, o->bom, out);
        break;
    case REPORT_JSON:
        report_query_json(res, out);
        break;
    default:
        report_query_table(res, out);
        break;
    }
    if (out != stdout && fy_atomic_commit(&file, &err) != FY_OK)
        rc = cli_report_error(&err);
    stats_result_free(res);
    fy_dataset_free(ds);
    return rc;
}
