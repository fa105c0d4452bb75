/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c - a --rules file (docs/rules.md) of any bytes: read as
 * fy_dataset_new() reads it (encoding detected, header 类型/模式/结果/计入,
 * each row's pattern compiled by PCRE2). A file that does not load is an
 * error with a message (FY_E_CONFIG, FY_E_REGEX for a pattern, FY_E_CSV
 * when it is no CSV); one
 * that loads is used: the dispositions, loss causes and domains of the
 * data contract are classified with it, and a small cases file is read.
 */
#include "fuzz.h"

#include "fuyuan/ingest.h"

static const char *cases_path;

static const char cases_csv[] =
    "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因\n"
    "(2023)内0603行初1号,鄂尔多斯市康巴什区人民法院,2023-01-05,2023-03-01,"
    "鄂尔多斯市公安局,判决驳回诉讼请求,\n"
    "(2023)内0603行初3号,鄂尔多斯市康巴什区人民法院,2023-01-05,2023-03-01,"
    "鄂尔多斯市能源局,和解撤诉,\n"
    "(2023)内0603行初4号,鄂尔多斯市康巴什区人民法院,2023-01-05,2023-03-01,"
    "鄂尔多斯市自然资源局,判决撤销,程序违法、越权\n";

static const char *const texts[] = {
    "判决驳回诉讼请求", "判决撤销", "撤销并责令重作", "判决履行法定职责",
    "裁定准予撤诉", "调解结案", "驳回上诉,维持原判", "发回重审", "其他",
    "和解撤诉", "", "证据不足", "适用法律错误", "程序违法", "越权", "不作为",
    "鄂尔多斯市公安局", "鄂尔多斯市能源局", "东胜区人民政府", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
};
#define NTEXTS (sizeof(texts) / sizeof(texts[0]))

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static char path[128];
    snprintf(path, sizeof(path), "%s",
             fuzz_write("cases.csv", (const uint8_t *)cases_csv,
                        sizeof(cases_csv) - 1));
    cases_path = path;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    struct fy_dataset *ds = NULL;
    struct fy_error err;
    int matched;

    memset(&err, 0, sizeof(err));
    opts.rules_file = fuzz_write("rules.csv", data, size);
    opts.jobs = 1;
    fy_status rc = fy_dataset_new(&ds, &opts, &err);
    if (rc != FY_OK) {
        FUZZ_CHECK(ds == NULL && err.code == rc && err.msg[0] != '\0',
                   "status %d without a message", (int)rc);
        FUZZ_CHECK(rc == FY_E_CONFIG || rc == FY_E_CSV || rc == FY_E_REGEX,
                   "status %d: %s", (int)rc, err.msg);
        return 0;
    }
    size_t ncat = norm_rules_ncategories(ds->rules);
    FUZZ_CHECK(ncat > 0 && ncat <= NORM_MAX_CATEGORIES, "%zu categories",
               ncat);
    for (size_t i = 0; i < ncat; i++)
        FUZZ_CHECK(norm_rules_category_find(ds->rules,
                                            norm_rules_category(ds->rules, i))
                       == (int)i,
                   "category %zu not found by its name", i);
    for (size_t i = 0; i < NTEXTS; i++) {
        /* a pattern may be stopped by PCRE2's limits on a text: then an
         * FY_E_REGEX error with a message, never a quiet answer */
        unsigned c = 0, cause = 0;
        const char *domain = NULL;
        rc = norm_disposition(ds->rules, texts[i], NULL, &c, &matched, &err);
        if (rc == FY_OK)
            FUZZ_CHECK(c < ncat, "disposition %u of %zu", c, ncat);
        else
            FUZZ_CHECK(rc == FY_E_REGEX && err.msg[0] != '\0',
                       "disposition: status %d", (int)rc);
        rc = norm_loss_cause(ds->rules, texts[i], strlen(texts[i]), NULL,
                             &cause, &matched, &err);
        if (rc == FY_OK)
            FUZZ_CHECK(cause < NORM_NCAUSES, "cause %u", cause);
        else
            FUZZ_CHECK(rc == FY_E_REGEX && err.msg[0] != '\0',
                       "cause: status %d", (int)rc);
        rc = norm_domain(ds->rules, texts[i], NULL, &domain, &err);
        if (rc != FY_OK) {
            FUZZ_CHECK(rc == FY_E_REGEX && err.msg[0] != '\0',
                       "domain: status %d", (int)rc);
            continue;
        }
        int found = 0;
        for (size_t d = 0; d < norm_rules_ndomains(ds->rules); d++)
            found |= strcmp(norm_rules_domain(ds->rules, d), domain) == 0;
        FUZZ_CHECK(found, "domain '%s' is not in the list", domain);
    }
    rc = fy_ingest_file(ds, cases_path, &opts, &err);
    if (rc == FY_E_REGEX) {
        FUZZ_CHECK(err.msg[0] != '\0', "FY_E_REGEX without a message");
        fy_dataset_free(ds);
        return 0;
    }
    FUZZ_CHECK(rc == FY_OK, "%s", err.msg);
    FUZZ_CHECK(ds->ncases + ds->quality.nrejects == 3, "%zu cases",
               ds->ncases);
    fy_dataset_free(ds);
    return 0;
}
