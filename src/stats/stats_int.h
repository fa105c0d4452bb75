/* SPDX-License-Identifier: MIT */
/* stats_int.h - private interfaces of the statistics engine. */
#ifndef FY_STATS_INT_H
#define FY_STATS_INT_H

#include "fuyuan/stats.h"

/* The metrics, in the order of the table in stats_metrics.c. */
enum {
    M_FILED, M_CLOSED, M_PENDING_START, M_PENDING_END, M_CLOSURE_RATE,
    M_FI_CLOSED, M_AGENCY_LOSSES, M_LOSS_RATE, M_JUDGMENT_LOSS_RATE,
    M_MEDIATED_WITHDRAWN, M_MW_RATE, M_HEARINGS_HELD, M_HEAD_APPEARANCES,
    M_APPEARANCE_RATE, M_ADMIN_FI_FILED, M_CIVIL_FI_FILED, M_LITIGATION,
    M_REC_ISSUED, M_REC_DUE, M_REC_ON_TIME, M_REC_FEEDBACK_RATE,
    M_REC_OVERDUE, M_REC_ADOPTION_RATE, M_HEARING_COUNT,
    M_HEARING_ATTENDANCE_RATE, M_NDEFS
};

#define DIM_BIT(d) (1u << (d))
#define TIME_DIMS (DIM_BIT(DIM_MONTH) | DIM_BIT(DIM_QUARTER) | DIM_BIT(DIM_YEAR))

/** The dimensions a metric can be split or filtered by. */
unsigned stats_metric_dims(const struct stats_metric *m);
enum stats_source stats_metric_source(const struct stats_metric *m);

#endif /* FY_STATS_INT_H */
