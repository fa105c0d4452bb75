/* SPDX-License-Identifier: MIT */
/*
 * fuzz_profile.c - a run profile (--profile FILE, docs/profiles.md) of
 * any bytes, read by cli_profile_load() (libinih, after the checks of
 * every line) from a scratch folder that holds a data folder and a
 * courts file, so that relative paths can name something. A profile
 * either loads, its values within their ranges and the effective
 * settings all listed, or is refused with a usage or input status.
 */
#include "fuzz.h"

#include <sys/stat.h>

#include "fuyuan/cli.h"

static struct fy_dataset *dataset; /* for the city and issuers by default */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    char path[128];

    (void)argc;
    (void)argv;
    if (fy_dataset_new(&dataset, &opts, NULL) != FY_OK)
        abort();
    fuzz_write("courts.csv", (const uint8_t *)"", 0);
    snprintf(path, sizeof(path), "%s/data", fuzz_dir());
    if (mkdir(path, 0700) != 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cli_opts o;

    memset(&o, 0, sizeof(o));
    report_settings_init(&o.settings);
    o.ingest = (struct fy_ingest_opts)FY_INGEST_OPTS_INIT;
    o.reports_dir = "reports";
    o.profile = cli_profile_new();
    if (size & 1)
        cli_profile_given(o.profile, "city"); /* the command line wins */
    int rc = cli_profile_load(&o, fuzz_write("profile.ini", data, size));
    FUZZ_CHECK(rc == FY_EXIT_OK || rc == FY_EXIT_USAGE || rc == FY_EXIT_INPUT,
               "exit status %d", rc);
    if (rc == FY_EXIT_OK) {
        const struct report_findings *f = &o.settings.findings;
        FUZZ_CHECK(o.ingest.feedback_days >= 0
                       && o.ingest.feedback_days <= 3650,
                   "feedback_days %d", o.ingest.feedback_days);
        FUZZ_CHECK(o.settings.min_cases >= 0 && f->min_n >= 0
                       && f->agency_losses >= 0 && f->review_min >= 0,
                   "%s", "a negative count");
        const double pct[] = {f->loss_level, f->cause_share,
                              f->feedback_rate, f->enforcement_refused};
        for (size_t i = 0; i < sizeof(pct) / sizeof(pct[0]); i++)
            FUZZ_CHECK(pct[i] >= 0 && pct[i] <= 100, "percentage %g",
                       pct[i]);
        FUZZ_CHECK(f->loss_points >= 0 && f->domain_points >= 0
                       && f->source_growth >= 0 && f->growth >= 0,
                   "%s", "a negative number");
        cli_profile_settings(&o, dataset);
        FUZZ_CHECK(o.settings.nlist > 0, "%s", "no settings listed");
        for (size_t i = 0; i < o.settings.nlist; i++) {
            const struct report_setting *s = &o.settings.list[i];
            FUZZ_CHECK(s->section && s->key, "setting %zu", i);
            if (s->value)
                FUZZ_CHECK(s->shown != NULL, "%s has no shown value", s->key);
        }
    }
    cli_opts_release(&o);
    return 0;
}
