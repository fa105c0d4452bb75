/* SPDX-License-Identifier: MIT */
/* report_quarterly.c - the tables of the quarterly notification. */
#include "report_int.h"

fy_status report_quarterly_book(const struct fy_dataset *ds,
                                const struct stats_period *period,
                                int32_t as_of, struct report_book *book,
                                struct fy_error *err)
{
    (void)ds;
    (void)period;
    (void)as_of;
    (void)book;
    return fy_fail(err, FY_E_USAGE, NULL, "%s",
                   _("the quarterly workbook is not available yet"));
}
