/* SPDX-License-Identifier: MIT */
/* stats_int.h - private interfaces of the statistics engine. */
#ifndef FY_STATS_INT_H
#define FY_STATS_INT_H

#include "fuyuan/stats.h"

/* (The engine needs nothing beyond stats.h at present.) */

#endif /* FY_STATS_INT_H */
