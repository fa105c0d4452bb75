/* SPDX-License-Identifier: MIT */
/* stats_int.h - private interfaces of the statistics engine. */
#ifndef FY_STATS_INT_H
#define FY_STATS_INT_H

#include "fuyuan/stats.h"

/** The dimensions a metric can be split or filtered by. */
unsigned stats_metric_dims(const struct stats_metric *m);
enum stats_source stats_metric_source(const struct stats_metric *m);

#endif /* FY_STATS_INT_H */
