/* SPDX-License-Identifier: MIT */
/*
 * report_settings.c - the settings a run's documents take from the
 * profile and the command line, with the defaults of outputs.md.
 */
#include "fuyuan/report.h"

#include <string.h>

void report_settings_init(struct report_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->min_cases = 3;
    s->findings = (struct report_findings){
        .min_n = 5, .loss_points = 1, .loss_level = 15, .domain_points = 5,
        .agency_losses = 3, .cause_share = 25, .review_min = 5,
        .source_growth = 10, .feedback_rate = 90, .growth = 10,
        .enforcement_refused = 10,
    };
}

const char *report_settings_city(const struct report_settings *s,
                                 const struct fy_dataset *ds)
{
    return s && s->city && *s->city ? s->city
                                    : norm_registry_city(ds->registry);
}

char *report_settings_issuers(const struct report_settings *s,
                              const struct fy_dataset *ds)
{
    if (s && s->issuers && *s->issuers)
        return fy_xstrdup(s->issuers);
    return fy_xasprintf("%s中级人民法院", report_settings_city(s, ds));
}

const char *report_from_name(enum report_from from)
{
    switch (from) {
    case REPORT_FROM_PROFILE: return "profile";
    case REPORT_FROM_COMMAND_LINE: return "command line";
    default: return "default";
    }
}
