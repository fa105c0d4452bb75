/* SPDX-License-Identifier: MIT */
/*
 * norm_registry.c - the court registry: courts by name, short form and
 * 案号代字, the districts (旗区) they belong to, and the city.
 *
 * The built-in registry is the table of domain.md; --courts replaces it
 * (the file is read by the ingest stage and fed to norm_registry_add()).
 */
#include "fuyuan/norm.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DISTRICTS 250
#define CITY_LEVEL_NAME "市本级"

/* One row of the built-in registry (domain.md). */
struct builtin_court {
    const char *name, *short_forms, *code, *level, *district;
};

static const struct builtin_court ordos[] = {
    {"鄂尔多斯市中级人民法院", "鄂尔多斯中院、市中院、鄂尔多斯市中院",
     "内06", "中级", CITY_LEVEL_NAME},
    {"鄂尔多斯市东胜区人民法院", "", "内0602", "基层", "东胜区"},
    {"鄂尔多斯市康巴什区人民法院", "", "内0603", "基层", "康巴什区"},
    {"达拉特旗人民法院", "", "内0621", "基层", "达拉特旗"},
    {"准格尔旗人民法院", "", "内0622", "基层", "准格尔旗"},
    {"鄂托克前旗人民法院", "", "内0623", "基层", "鄂托克前旗"},
    {"鄂托克旗人民法院", "", "内0624", "基层", "鄂托克旗"},
    {"杭锦旗人民法院", "", "内0625", "基层", "杭锦旗"},
    {"乌审旗人民法院", "", "内0626", "基层", "乌审旗"},
    {"伊金霍洛旗人民法院", "", "内0627", "基层", "伊金霍洛旗"},
};

/* Province-level prefixes a court name may carry. */
static const char *const provinces[] = {
    "内蒙古自治区", "北京市", "天津市", "河北省", "山西省", "辽宁省",
    "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
    "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区",
    "新疆维吾尔自治区",
};

static const struct {
    const char *name;
    enum norm_court_level level;
} levels[] = {
    {"高级", NORM_LEVEL_HIGH}, {"高院", NORM_LEVEL_HIGH},
    {"中级", NORM_LEVEL_INTERMEDIATE}, {"中院", NORM_LEVEL_INTERMEDIATE},
    {"基层", NORM_LEVEL_BASIC}, {"基层法院", NORM_LEVEL_BASIC},
};

struct alias {
    char *name;      /* owned */
    unsigned court;
};

struct norm_registry {
    struct norm_court *courts;
    size_t ncourts, capcourts;
    struct alias *aliases;   /* full names and short forms */
    size_t naliases, capaliases;
    char *districts[MAX_DISTRICTS];
    size_t ndistricts;
    char *city;              /* "鄂尔多斯市" */
    char *city_stem;         /* "鄂尔多斯" */
};

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

struct norm_registry *norm_registry_new(void)
{
    struct norm_registry *reg = fy_xcalloc(1, sizeof(*reg));

    reg->districts[NORM_CITY_LEVEL] = fy_xstrdup(CITY_LEVEL_NAME);
    reg->ndistricts = 1;
    return reg;
}

void norm_registry_free(struct norm_registry *reg)
{
    if (!reg)
        return;
    for (size_t i = 0; i < reg->ncourts; i++) {
        free(reg->courts[i].name);
        free(reg->courts[i].code);
    }
    for (size_t i = 0; i < reg->naliases; i++)
        free(reg->aliases[i].name);
    for (size_t i = 0; i < reg->ndistricts; i++)
        free(reg->districts[i]);
    free(reg->courts);
    free(reg->aliases);
    free(reg->city);
    free(reg->city_stem);
    free(reg);
}

static void add_alias(struct norm_registry *reg, const char *name, size_t n,
                      unsigned court)
{
    for (size_t i = 0; i < reg->naliases; i++)
        if (strlen(reg->aliases[i].name) == n
            && memcmp(reg->aliases[i].name, name, n) == 0)
            return; /* the first court to claim a name keeps it */
    FY_GROW(reg->aliases, reg->naliases + 1, reg->capaliases);
    reg->aliases[reg->naliases].name = fy_xstrndup(name, n);
    reg->aliases[reg->naliases].court = court;
    reg->naliases++;
}

fy_status norm_registry_add(struct norm_registry *reg, const char *name,
                            const char *code, const char *level,
                            const char *district, const char *short_forms,
                            const struct fy_loc *where, struct fy_error *err)
{
    int lv = -1;
    int d;

    if (!*name || !*code)
        return fy_fail(err, FY_E_CONFIG, where, "%s",
                       _("a court needs a name (法院名称) and a code "
                         "(法院代字)"));
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
        if (strcmp(level, levels[i].name) == 0)
            lv = (int)levels[i].level;
    if (lv < 0)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("unknown court level '%s' (use 高级, 中级 or 基层)"),
                       level);
    if (norm_court_by_code(reg, code) != NORM_NONE)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("court code '%s' is listed twice"), code);
    if (norm_court_find(reg, name) != NORM_NONE)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("court '%s' is listed twice"), name);
    if (!*district)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("court '%s' has no district (所属旗区)"), name);
    d = norm_district_find(reg, district);
    if (d == NORM_NONE) {
        if (reg->ndistricts == MAX_DISTRICTS)
            return fy_fail(err, FY_E_CONFIG, where,
                           _("more than %d districts"), MAX_DISTRICTS);
        d = (int)reg->ndistricts;
        reg->districts[reg->ndistricts++] = fy_xstrdup(district);
    }
    FY_GROW(reg->courts, reg->ncourts + 1, reg->capcourts);
    struct norm_court *c = &reg->courts[reg->ncourts];
    c->name = fy_xstrdup(name);
    c->code = fy_xstrdup(code);
    c->level = (enum norm_court_level)lv;
    c->district = (unsigned)d;
    unsigned idx = (unsigned)reg->ncourts++;
    add_alias(reg, name, strlen(name), idx);

    /* every short form of the cell, however many */
    size_t n = norm_list_split(short_forms, NORM_SPLIT_LIST, NULL, 0);
    struct norm_item *items = fy_xcalloc(n ? n : 1, sizeof(*items));
    norm_list_split(short_forms, NORM_SPLIT_LIST, items, n);
    for (size_t i = 0; i < n; i++)
        add_alias(reg, items[i].s, items[i].n, idx);
    free(items);
    return FY_OK;
}

fy_status norm_registry_finish(struct norm_registry *reg,
                               const struct fy_loc *where,
                               struct fy_error *err)
{
    static const char suffix[] = "中级人民法院";
    const struct norm_court *mid = NULL;

    for (size_t i = 0; i < reg->ncourts; i++) {
        if (reg->courts[i].level != NORM_LEVEL_INTERMEDIATE)
            continue;
        if (mid)
            return fy_fail(err, FY_E_CONFIG, where,
                           _("the registry lists two intermediate courts "
                             "('%s' and '%s'); it describes one city"),
                           mid->name, reg->courts[i].name);
        mid = &reg->courts[i];
    }
    if (!mid)
        return fy_fail(err, FY_E_CONFIG, where, "%s",
                       _("the registry has no intermediate court (中级); "
                         "the city is named after it"));
    size_t n = strlen(mid->name), k = strlen(suffix);
    if (n <= k || strcmp(mid->name + n - k, suffix) != 0)
        return fy_fail(err, FY_E_CONFIG, where,
                       _("the intermediate court '%s' is not named "
                         "'<city>中级人民法院'"), mid->name);
    free(reg->city);
    free(reg->city_stem);
    reg->city = fy_xstrndup(mid->name, n - k);
    n -= k;
    if (n > strlen("市") && strcmp(reg->city + n - strlen("市"), "市") == 0)
        n -= strlen("市");
    reg->city_stem = fy_xstrndup(reg->city, n);

    /* Short forms: without the city's name, or with it. */
    size_t ncourts = reg->ncourts;
    size_t clen = strlen(reg->city);
    for (size_t i = 0; i < ncourts; i++) {
        const char *name = reg->courts[i].name;
        if (reg->courts[i].level != NORM_LEVEL_BASIC)
            continue;
        if (starts(name, reg->city)) {
            add_alias(reg, name + clen, strlen(name + clen), (unsigned)i);
        } else {
            char *with = fy_xasprintf("%s%s", reg->city, name);
            add_alias(reg, with, strlen(with), (unsigned)i);
            free(with);
        }
    }
    return FY_OK;
}

struct norm_registry *norm_registry_default(void)
{
    struct norm_registry *reg = norm_registry_new();

    for (size_t i = 0; i < sizeof(ordos) / sizeof(ordos[0]); i++)
        if (norm_registry_add(reg, ordos[i].name, ordos[i].code,
                              ordos[i].level, ordos[i].district,
                              ordos[i].short_forms, NULL, NULL) != FY_OK)
            FY_BUG("built-in registry row %zu", i);
    if (norm_registry_finish(reg, NULL, NULL) != FY_OK)
        FY_BUG("built-in registry");
    return reg;
}

size_t norm_registry_ncourts(const struct norm_registry *reg)
{
    return reg->ncourts;
}

const struct norm_court *norm_registry_court(const struct norm_registry *reg,
                                             size_t i)
{
    if (i >= reg->ncourts)
        FY_BUG("court %zu out of range", i);
    return &reg->courts[i];
}

size_t norm_registry_ndistricts(const struct norm_registry *reg)
{
    return reg->ndistricts;
}

const char *norm_registry_district(const struct norm_registry *reg, size_t i)
{
    if (i >= reg->ndistricts)
        FY_BUG("district %zu out of range", i);
    return reg->districts[i];
}

const char *norm_registry_city(const struct norm_registry *reg)
{
    return reg->city ? reg->city : "";
}

int norm_court_find(const struct norm_registry *reg, const char *name)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < reg->naliases; i++)
            if (strcmp(reg->aliases[i].name, name) == 0)
                return (int)reg->aliases[i].court;
        /* second pass: without a province prefix */
        size_t p;
        for (p = 0; p < sizeof(provinces) / sizeof(provinces[0]); p++)
            if (starts(name, provinces[p]))
                break;
        if (p == sizeof(provinces) / sizeof(provinces[0]))
            break;
        name += strlen(provinces[p]);
    }
    return NORM_NONE;
}

int norm_court_by_code(const struct norm_registry *reg, const char *code)
{
    for (size_t i = 0; i < reg->ncourts; i++)
        if (strcmp(reg->courts[i].code, code) == 0)
            return (int)i;
    return NORM_NONE;
}

int norm_district_find(const struct norm_registry *reg, const char *name)
{
    for (size_t i = 0; i < reg->ndistricts; i++)
        if (strcmp(reg->districts[i], name) == 0)
            return (int)i;
    return NORM_NONE;
}

int norm_district_of_defendant(const struct norm_registry *reg,
                               const char *defendant)
{
    int best = NORM_NONE;
    const char *best_at = NULL;
    size_t best_len = 0;

    /* the district named earliest; on a tie the longer name */
    for (size_t i = 1; i < reg->ndistricts; i++) {
        const char *at = strstr(defendant, reg->districts[i]);
        size_t len = strlen(reg->districts[i]);
        if (at && (!best_at || at < best_at
                   || (at == best_at && len > best_len))) {
            best = (int)i;
            best_at = at;
            best_len = len;
        }
    }
    if (best != NORM_NONE)
        return best;
    if (reg->city_stem && *reg->city_stem && starts(defendant, reg->city_stem))
        return (int)NORM_CITY_LEVEL;
    return NORM_NONE;
}
