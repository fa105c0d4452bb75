/* SPDX-License-Identifier: MIT */
/*
 * cli_validate.c - `fuyuan validate`: read everything, print the
 * data-quality summary on stderr, write rejects.csv with -o DIR, and exit
 * non-zero (FY_EXIT_DATA) when any row would be rejected.
 */
#include "fuyuan/cli.h"

#include <stdlib.h>
#include <string.h>

int cli_cmd_validate(const struct cli_command *cmd, struct cli_opts *o)
{
    struct fy_dataset *ds;
    struct fy_error err;
    int rc;

    (void)cmd;
    memset(&err, 0, sizeof(err));
    if ((rc = cli_load(o, &ds)) != FY_EXIT_OK)
        return rc;
    if (o->output) {
        int zh = cli_warn_catalogue(o);
        if (zh != FY_EXIT_OK) {
            fy_dataset_free(ds);
            return zh;
        }
        char *path = fy_xasprintf("%s/rejects.csv", o->output);
        fy_status st = fy_mkdir_p(o->output, &err);
        if (st == FY_OK)
            st = fy_write_rejects(ds, path, &err);
        free(path);
        if (st != FY_OK) {
            fy_dataset_free(ds);
            return cli_report_error(&err);
        }
    }
    if (!o->quiet || ds->quality.nrejects)
        fy_quality_print(ds, stderr, o->verbose);
    rc = ds->quality.nrejects ? FY_EXIT_DATA : FY_EXIT_OK;
    if (rc == FY_EXIT_DATA && !o->quiet)
        fprintf(stderr,
                ngettext("\n%zu row rejected: fix it at the line shown "
                         "and export again (exit status 1).\n",
                         "\n%zu rows rejected: fix them at the lines shown "
                         "and export again (exit status 1).\n",
                         ds->quality.nrejects),
                ds->quality.nrejects);
    fy_dataset_free(ds);
    return rc;
}
