/* SPDX-License-Identifier: MIT */
/*
 * ingest_schema.c - the table kinds of the data contract as data: each
 * column's canonical header, English key and aliases, and which columns
 * a header must have. A header is matched after trimming and folding
 * full-width forms; English keys in any letter case.
 */
#include "ingest_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define R COL_REQUIRED
#define ID COL_ID

static const struct ingest_column cases_cols[C_NCOLS] = {
    [C_CASE_NO] = {"案号", "case_no", {"案件编号"}, R | ID},
    [C_COURT] = {"经办法院", "court",
                 {"承办法院", "审理法院", "法院", "法院名称"}, R},
    [C_FILED] = {"立案日期", "filed_on", {"收案日期", "立案时间"}, R | ID},
    [C_CLOSED] = {"结案日期", "closed_on", {"结案时间"}, 0},
    [C_DEFENDANT] = {"被告", "defendant",
                     {"被告名称", "被诉行政机关", "被告行政机关"}, 0},
    [C_DISTRICT] = {"所属旗区", "district", {"旗区"}, 0},
    [C_DOMAIN] = {"管理领域", "domain", {"行政管理领域"}, 0},
    [C_ACTION] = {"行政行为种类", "action_type",
                  {"行为种类", "被诉行为种类"}, 0},
    [C_DISPOSITION] = {"结案方式", "disposition", {"结案方式名称"}, 0},
    [C_CAUSES] = {"败诉原因", "loss_causes", {"行政机关败诉原因"}, 0},
    [C_HEARING] = {"是否开庭", "hearing_held",
                   {"开庭审理", "是否开庭审理"}, 0},
    [C_HEAD] = {"负责人出庭", "head_appeared",
                {"负责人是否出庭", "行政机关负责人出庭", "负责人出庭应诉"}, 0},
    [C_RECONSIDERED] = {"是否经复议", "reconsidered", {"经复议"}, 0},
};

static const struct ingest_column population_cols[P_NCOLS] = {
    [P_DISTRICT] = {"旗区", "district", {"地区", "行政区划"}, R},
    [P_YEAR] = {"年份", "year", {"年度"}, R},
    [P_PERSONS] = {"常住人口", "population", {"常住人口(人)", "人口"},
                   ID | COL_ONE_OF},
    [P_WAN] = {"常住人口(万人)", "population_10k", {"人口(万人)"},
               ID | COL_ONE_OF},
};

static const struct ingest_column civil_cols[V_NCOLS] = {
    [V_COURT] = {"经办法院", "court", {"法院", "法院名称"}, R},
    [V_MONTH] = {"月份", "month", {"统计月份"}, R},
    [V_COUNT] = {"民事一审新收", "civil_new",
                 {"民事一审收案", "民事一审新收案件数"}, R | ID},
};

static const struct ingest_column rec_cols[R_NCOLS] = {
    [R_NO] = {"建议编号", "rec_no", {"文号"}, R},
    [R_KIND] = {"建议类型", "kind", {"类型"}, R | ID},
    [R_ISSUER] = {"发出单位", "issuer", {"发出机关"}, R},
    [R_ISSUED] = {"发出日期", "issued_on", {"发送日期"}, R},
    [R_RECIPIENT] = {"接收单位", "recipient", {"被建议单位", "接收机关"}, R},
    [R_DUE] = {"反馈期限", "due_on", {"回复期限"}, 0},
    [R_REPLIED] = {"反馈日期", "replied_on", {"回复日期"}, 0},
    [R_ADOPTION] = {"采纳情况", "adoption", {"是否采纳"}, 0},
};

static const struct ingest_column hearing_cols[H_NCOLS] = {
    [H_NO] = {"听证编号", "hearing_no", {"编号"}, R},
    [H_DATE] = {"听证日期", "held_on", {NULL}, R | ID},
    [H_AGENCY] = {"行政机关", "agency", {"涉案行政机关"}, R},
    [H_HEAD] = {"负责人出席", "head_attended", {"负责人是否出席"}, R},
};

static const struct ingest_kind kinds[FY_TABLE_NKINDS] = {
    [FY_TABLE_CASES] = {"cases", N_("行政案件明细"), cases_cols, C_NCOLS},
    [FY_TABLE_POPULATION] = {"population", N_("常住人口"), population_cols,
                             P_NCOLS},
    [FY_TABLE_CIVIL] = {"civil_filings", N_("民事一审收案"), civil_cols,
                        V_NCOLS},
    [FY_TABLE_RECOMMENDATIONS] = {"recommendations", N_("司法建议/检察建议台账"),
                                  rec_cols, R_NCOLS},
    [FY_TABLE_HEARINGS] = {"hearings", N_("检察机关听证会"), hearing_cols,
                           H_NCOLS},
};

const struct ingest_kind *ingest_kind(int kind)
{
    if (kind < 0 || kind >= FY_TABLE_NKINDS)
        FY_BUG("table kind %d", kind);
    return &kinds[kind];
}

const char *fy_table_kind_title(int kind)
{
    return Z_(ingest_kind(kind)->title);
}

/* Does the header cell @p name (normalised) name column @p c? */
static int names_column(const struct ingest_column *c, const char *name)
{
    if (strcmp(name, c->canonical) == 0 || strcasecmp(name, c->key) == 0)
        return 1;
    for (size_t i = 0; i < 6 && c->aliases[i]; i++)
        if (strcmp(name, c->aliases[i]) == 0)
            return 1;
    return 0;
}

/* Which column of kind @p k the cell names, or -1. */
static int column_of(const struct ingest_kind *k, const char *name)
{
    for (size_t c = 0; c < k->ncolumns; c++)
        if (names_column(&k->columns[c], name))
            return (int)c;
    return -1;
}

/* Does the row carry every identifying column of kind @p k? */
static int identifies(const struct ingest_kind *k, char **names, size_t n)
{
    int need = 0, have = 0, one_of = 0, have_one_of = 0;

    for (size_t c = 0; c < k->ncolumns; c++) {
        unsigned f = k->columns[c].flags;
        int present = 0;
        for (size_t i = 0; i < n && !present; i++)
            present = names_column(&k->columns[c], names[i]);
        if (f & COL_ONE_OF) {
            one_of = 1;
            have_one_of |= present;
        } else if (f & COL_ID) {
            need++;
            have += present;
        }
    }
    return have == need && (!one_of || have_one_of);
}

static void list_names(struct fy_buf *out, const struct ingest_column *c)
{
    fy_buf_printf(out, "%s", c->canonical);
    for (size_t i = 0; i < 6 && c->aliases[i]; i++)
        fy_buf_printf(out, "/%s", c->aliases[i]);
    fy_buf_printf(out, "/%s", c->key);
}

/*
 * Canonical headers only: with every alias the text outgrows an error
 * message (the missing-column error lists a column's aliases).
 */
void ingest_kinds_describe(struct fy_buf *out)
{
    for (int k = 0; k < FY_TABLE_NKINDS; k++) {
        const struct ingest_kind *kd = &kinds[k];
        fy_buf_printf(out, _("\n  %s (%s) needs: "), kd->name, _(kd->title));
        unsigned prev = 0;
        for (size_t c = 0; c < kd->ncolumns; c++) {
            unsigned f = kd->columns[c].flags;
            if (!(f & (COL_REQUIRED | COL_ID)))
                continue;
            if (prev) /* "A or B" only between two alternatives */
                fy_buf_puts(out, (f & prev & COL_ONE_OF) ? _(" or ") : ", ");
            fy_buf_puts(out, kd->columns[c].canonical);
            prev = f;
        }
    }
}

enum ingest_header_result ingest_header_match(const struct ingest_record *rec,
                                              struct ingest_header *h,
                                              struct fy_buf *unused,
                                              struct fy_error *err)
{
    struct fy_loc at = {rec->path, rec->line, 0};
    char **names = fy_xcalloc(rec->nfields ? rec->nfields : 1, sizeof(char *));
    struct fy_buf b = FY_BUF_INIT;
    enum ingest_header_result res = HEADER_NONE;
    int kind = -1;

    for (size_t i = 0; i < rec->nfields; i++) {
        fy_text_normalize(rec->fields[i], rec->lengths[i], &b);
        names[i] = fy_buf_detach(&b);
    }
    /*
     * A header can carry the identifying columns of two kinds (a cases
     * export with a 类型 column, an alias of 建议类型): the kind that more
     * of the header's columns belong to wins; a tie is an error.
     */
    size_t best = 0;
    int tie = -1;
    for (int k = 0; k < FY_TABLE_NKINDS; k++) {
        if (!identifies(&kinds[k], names, rec->nfields))
            continue;
        size_t score = 0;
        for (size_t i = 0; i < rec->nfields; i++)
            score += column_of(&kinds[k], names[i]) >= 0;
        if (kind >= 0 && score == best) {
            tie = k;
        } else if (kind < 0 || score > best) {
            kind = k;
            best = score;
            tie = -1;
        }
    }
    if (tie >= 0) {
        fy_fail(err, FY_E_CSV, &at,
                _("the header fits two tables (%s and %s); a file "
                  "holds one table"), kinds[kind].name, kinds[tie].name);
        res = HEADER_ERROR;
        goto out;
    }
    if (kind < 0)
        goto out;
    if (rec->too_large) {
        fy_fail(err, FY_E_CSV, &at, _("the header has more than %u columns"),
                FY_MAX_FIELDS);
        res = HEADER_ERROR;
        goto out;
    }
    const struct ingest_kind *kd = &kinds[kind];
    h->kind = kind;
    for (size_t c = 0; c < INGEST_MAX_COLS; c++) {
        h->field_of[c] = -1;
        h->names[c] = NULL;
    }
    fy_buf_reset(unused);
    for (size_t i = 0; i < rec->nfields; i++) {
        int c = column_of(kd, names[i]);
        if (c < 0) {
            if (names[i][0])
                fy_buf_printf(unused, "%s%s", unused->len ? ", " : "",
                              names[i]);
            continue;
        }
        if (h->field_of[c] >= 0 || (c == P_WAN && kind == FY_TABLE_POPULATION
                                     && h->field_of[P_PERSONS] >= 0)
            || (c == P_PERSONS && kind == FY_TABLE_POPULATION
                && h->field_of[P_WAN] >= 0)) {
            at.column = i + 1;
            fy_fail(err, FY_E_CSV, &at,
                    _("two columns give %s ('%s' and '%s'); keep one"),
                    kd->columns[c].canonical,
                    h->field_of[c] >= 0 ? names[h->field_of[c]]
                                        : names[h->field_of[c == P_WAN
                                                                ? P_PERSONS
                                                                : P_WAN]],
                    names[i]);
            res = HEADER_ERROR;
            goto out;
        }
        h->field_of[c] = (int)i;
        h->names[c] = rec->fields[i];
    }
    for (size_t c = 0; c < kd->ncolumns; c++) {
        if ((kd->columns[c].flags & COL_REQUIRED) && h->field_of[c] < 0) {
            struct fy_buf alt = FY_BUF_INIT;
            list_names(&alt, &kd->columns[c]);
            fy_fail(err, FY_E_CSV, &at,
                    _("the %s table has no column %s (any of: %s)"),
                    kd->name, kd->columns[c].canonical, fy_buf_str(&alt));
            fy_buf_release(&alt);
            res = HEADER_ERROR;
            goto out;
        }
    }
    res = HEADER_OK;
out:
    for (size_t i = 0; i < rec->nfields; i++)
        free(names[i]);
    free(names);
    fy_buf_release(&b);
    return res;
}
