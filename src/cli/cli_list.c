/* SPDX-License-Identifier: MIT */
/*
 * cli_list.c - `fuyuan metrics` and `fuyuan dimensions`: the metric and
 * dimension tables, without data; and the id lists of `query --help`.
 * All of it from metrics.def and the dimension table (stats_metrics.c).
 */
#include "fuyuan/cli.h"

#include <stdlib.h>
#include <string.h>

#define WRAP 78

/* Print @p words (separated by ", ") wrapped at WRAP columns. */
struct wrap {
    FILE *out;
    int indent;
    size_t col;
};

static void wrap_word(struct wrap *w, const char *word)
{
    size_t n = fy_text_width(word);

    if (w->col > (size_t)w->indent && w->col + 2 + n > WRAP) {
        fputs(",\n", w->out);
        w->col = 0;
    } else if (w->col > (size_t)w->indent) {
        fputs(", ", w->out);
        w->col += 2;
    }
    if (w->col == 0) {
        fprintf(w->out, "%*s", w->indent, "");
        w->col = (size_t)w->indent;
    }
    fputs(word, w->out);
    w->col += n;
}

static void wrap_end(struct wrap *w)
{
    if (w->col)
        fputc('\n', w->out);
    w->col = 0;
}

void cli_print_metric_ids(FILE *out, int indent)
{
    struct wrap w = {out, indent, 0};
    struct stats_metric_info mi;
    static const char prefix[] = "loss_cause:";
    struct fy_buf causes = FY_BUF_INIT;

    for (size_t i = 0; stats_metric_info(i, &mi); i++) {
        if (strncmp(mi.id, prefix, sizeof(prefix) - 1) == 0)
            fy_buf_printf(&causes, "%s%s", causes.len ? "\n" : "",
                          mi.id + sizeof(prefix) - 1);
        else
            wrap_word(&w, mi.id);
    }
    wrap_word(&w, "loss_cause:<cause>");
    wrap_end(&w);
    /* <cause> is one of (names are data, never translated) */
    struct wrap c = {out, indent + 2, 0};
    fprintf(out, "%*s<cause>:\n", indent, "");
    for (const char *s = fy_buf_str(&causes); *s;) {
        size_t n = strcspn(s, "\n");
        char *name = fy_xasprintf("%.*s", (int)n, s);
        wrap_word(&c, name);
        free(name);
        s += n + (s[n] == '\n');
    }
    wrap_end(&c);
    fy_buf_release(&causes);
}

void cli_print_dim_ids(FILE *out, int indent)
{
    struct wrap w = {out, indent, 0};
    const struct stats_dim_def *d = stats_dim_defs();

    for (int i = 0; i < DIM_COUNT; i++)
        wrap_word(&w, d[i].id);
    wrap_end(&w);
}

/* --format of a listing, and no DATA, no -o. */
static int list_opts(const struct cli_command *cmd, const struct cli_opts *o,
                     enum report_format *f)
{
    if (o->ndata)
        return cli_usage_error(cmd, _("'%s' reads no data, but '%s' was "
                                      "given"), cmd->name, o->data[0]);
    if (o->output)
        return cli_usage_error(cmd, _("'%s' writes to the standard output; "
                                      "-o is not for it"), cmd->name);
    if (!o->format || strcmp(o->format, "table") == 0)
        *f = REPORT_TABLE;
    else if (strcmp(o->format, "csv") == 0)
        *f = REPORT_CSV;
    else if (strcmp(o->format, "json") == 0)
        *f = REPORT_JSON;
    else
        return cli_usage_error(cmd, _("unknown format '%s' (use table, csv "
                                      "or json)"), o->format);
    return FY_EXIT_OK;
}

int cli_cmd_metrics(const struct cli_command *cmd, struct cli_opts *o)
{
    enum report_format f;
    int rc = list_opts(cmd, o, &f);

    if (rc == FY_EXIT_OK)
        report_metric_list(f, o->bom, stdout);
    return rc;
}

int cli_cmd_dimensions(const struct cli_command *cmd, struct cli_opts *o)
{
    enum report_format f;
    int rc = list_opts(cmd, o, &f);

    if (rc == FY_EXIT_OK)
        report_dim_list(f, o->bom, stdout);
    return rc;
}
