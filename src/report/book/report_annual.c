/* SPDX-License-Identifier: MIT */
/*
 * report_annual.c - the tables of the annual white paper (outputs.md,
 * "The workbook"), as data: which metrics, by which dimension, compared
 * with last year where the paper compares them, and which chart.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

#define C COLF_COMPARE
#define S COLF_SHARE
#define R COLF_RANK
#define NOCHART {CHART_NONE, {{-1, 0}}, 0}

static const struct table_spec annual_tables[] = {
    {TBL_CASES_BY_COURT, "收结案(法院)", "%s全市法院行政案件收结案情况（按法院）",
     "court",
     {{MET_PENDING_START, 0}, {MET_FILED, C}, {MET_CLOSED, C}, {MET_PENDING_END, 0},
      {MET_CLOSURE_RATE, C}, SPEC_END},
     1, NOCHART},
    {TBL_CASES_BY_TYPE, "收结案(案件类型)", "%s行政案件收结案情况（按案件类型）",
     "case_type",
     {{MET_PENDING_START, 0}, {MET_FILED, C}, {MET_CLOSED, C}, {MET_PENDING_END, 0},
      {MET_CLOSURE_RATE, C}, SPEC_END},
     1, NOCHART},
    {TBL_ACTION_TYPES, "行政行为种类", "%s一审行政案件被诉行政行为种类",
     "action_type",
     {{MET_ADMIN_FI_FILED, S | C}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
      {MET_LOSS_RATE, 0}, SPEC_END},
     1, {CHART_PIE, {{0, 0}, {-1, 0}}, 0}},
    {TBL_DOMAINS, "管理领域", "%s一审行政案件涉及管理领域",
     "domain",
     {{MET_ADMIN_FI_FILED, S | C}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
      {MET_LOSS_RATE, 0}, SPEC_END},
     1, {CHART_PIE, {{0, 0}, {-1, 0}}, 0}},
    {TBL_DISTRICTS, "旗区", "%s一审行政案件旗区分布",
     "district",
     {{MET_ADMIN_FI_FILED, S | C}, {MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, 0},
      {MET_LOSS_RATE, C}, SPEC_END},
     1, {CHART_COLUMN, {{0, 0}, {0, 1}, {-1, 0}}, 0}},
    /* the 旗区 view of white-paper.md (二、案件特点): one row per 旗区 */
    {TBL_DISTRICT_PROFILE, "旗区概况", "%s各旗区行政审判主要指标",
     "district",
     {{MET_ADMIN_FI_FILED, 0}, {MET_LOSS_RATE, 0}, {MET_APPEARANCE_RATE, 0},
      {MET_LITIGATION, 0}, {MET_MW_RATE, 0}, {MET_REC_FEEDBACK_RATE, 0},
      SPEC_END},
     1, NOCHART},
    {TBL_DISPOSITIONS, "结案方式", "%s一审行政案件结案方式",
     "disposition",
     {{MET_FI_CLOSED, S | C}, SPEC_END},
     1, {CHART_BAR, {{0, 0}, {-1, 0}}, 0}},
    {TBL_LOSS_BY_DOMAIN, "败诉(管理领域)", "%s行政机关败诉情况（按管理领域）",
     "domain",
     {{MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, C}, {MET_LOSS_RATE, C},
      {MET_JUDGMENT_LOSS_RATE, 0}, SPEC_END},
     1, {CHART_BAR, {{2, 0}, {-1, 0}}, 0}},
    {TBL_LOSS_BY_DEFENDANT, "败诉(被告)", "%s行政机关败诉情况（按被告）",
     "defendant",
     {{MET_FI_CLOSED, 0}, {MET_AGENCY_LOSSES, C | R}, {MET_LOSS_RATE, C},
      {MET_JUDGMENT_LOSS_RATE, 0}, SPEC_END},
     1, NOCHART},
    {TBL_MEDIATION_BY_COURT, "调撤(法院)", "%s一审行政案件调撤情况（按法院）",
     "court",
     {{MET_FI_CLOSED, 0}, {MET_MEDIATED_WITHDRAWN, C},
      {MET_MW_RATE, C}, SPEC_END},
     1, NOCHART},
    {TBL_APPEARANCE_BY_DISTRICT, "出庭应诉(旗区)",
     "%s行政机关负责人出庭应诉情况（按旗区）", "district",
     {{MET_HEARINGS_HELD, C}, {MET_HEAD_APPEARANCES, C}, {MET_APPEARANCE_RATE, C},
      SPEC_END},
     1, {CHART_COLUMN, {{2, 0}, {-1, 0}}, 1}},
    {TBL_APPEARANCE_BY_DEFENDANT, "出庭应诉(被告)",
     "%s行政机关负责人出庭应诉情况（按被告）", "defendant",
     {{MET_HEARINGS_HELD, R}, {MET_HEAD_APPEARANCES, 0},
      {MET_APPEARANCE_RATE, C}, SPEC_END},
     1, NOCHART},
    {TBL_LITIGATION, "万人成讼率", "%s万人成讼率（按旗区）", "district",
     {{MET_CIVIL_FI_FILED, 0}, {MET_ADMIN_FI_FILED, 0},
      {MET_LITIGATION, C}, SPEC_END},
     1, {CHART_COLUMN, {{2, 0}, {2, 1}, {-1, 0}}, 0}},
    {TBL_RECS_BY_KIND, "建议(类型)", "%s司法建议、检察建议办理情况（按建议类型）",
     "rec_kind",
     {{MET_REC_ISSUED, C}, {MET_REC_DUE, 0}, {MET_REC_ON_TIME, 0},
      {MET_REC_FEEDBACK_RATE, C}, {MET_REC_OVERDUE, 0}, {MET_REC_ADOPTION_RATE, 0},
      SPEC_END},
     1, {CHART_COLUMN, {{1, 0}, {2, 0}, {-1, 0}}, 0}},
    {TBL_RECS_BY_RECIPIENT, "建议(接收单位)",
     "%s司法建议、检察建议办理情况（按接收单位）", "recipient",
     {{MET_REC_ISSUED, R}, {MET_REC_DUE, 0}, {MET_REC_ON_TIME, 0},
      {MET_REC_FEEDBACK_RATE, 0}, {MET_REC_OVERDUE, 0}, {MET_REC_ADOPTION_RATE, 0},
      SPEC_END},
     1, NOCHART},
    {TBL_HEARINGS, "检察听证会", "%s检察机关听证会及负责人出席情况（按季度）",
     "quarter",
     {{MET_HEARING_COUNT, C}, {MET_HEARING_ATTENDANCE_RATE, C}, SPEC_END},
     1, NOCHART},
    {TBL_RECONSIDERATION, "复议", "%s经复议行政案件情况（按旗区）",
     "district",
     {{MET_FI_CLOSED, 0}, {MET_RECONSIDERED, C}, {MET_RECONSIDERED_SHARE, 0},
      {MET_RECONSIDERED_LOSS_RATE, C}, {MET_JOINT_DEFENDANT, 0}, SPEC_END},
     1, NOCHART},
};

fy_status report_annual_book(const struct fy_dataset *ds,
                             const struct stats_period *period,
                             int32_t as_of,
                             const struct report_settings *settings,
                             struct report_book *book, struct fy_error *err)
{
    struct window w = {*period, as_of, ""};
    char day[11];
    int number = 1;
    size_t n = sizeof(annual_tables) / sizeof(annual_tables[0]);

    book->ds = ds;
    book->settings = settings;
    book->period_title = stats_period_title(period);
    book->title = fy_xasprintf("%s%s行政审判白皮书统计表",
                               report_settings_city(settings, ds),
                               book->period_title);
    fy_date_format(as_of != FY_NO_DATE ? as_of : period->end, day);
    book->as_of = fy_xstrdup(day);
    book->issuers = report_settings_issuers(settings, ds);
    book->contents = fy_xstrdup(
        "全市法院行政案件收结案、案件类型、被诉行政行为种类、管理领域、旗区分布、"
        "结案方式、行政机关败诉情况及原因、调撤、行政机关负责人出庭应诉、万人成讼率、"
        "司法建议与检察建议、检察听证会、经复议案件的统计表，历年趋势，以及数据质量说明。");
    for (size_t i = 0; i < n; i++) {
        FY_TRY(report_build_table(book, ds, &annual_tables[i], &w, 1,
                                  number++, err));
        if (annual_tables[i].id == TBL_LOSS_BY_DEFENDANT)
            FY_TRY(report_build_causes(book, ds, &w, number++, err));
    }
    return report_build_trend(book, ds, period, number, err);
}
