/* SPDX-License-Identifier: MIT */
/*
 * fuzz_courts.c - a --courts file (docs/courts.md) of any bytes: read as
 * fy_dataset_new() reads it (encoding detected, header 法院名称/法院代字/
 * 层级/所属旗区/简称, each row added to a registry that is then checked).
 * A file that does not load is an error with a message; a registry that
 * loads is consistent: each court is found by its name and its code, each
 * district by its name; and a cases file naming each court, with a 案号
 * of its code, is read with it.
 */
#include "fuzz.h"

#include "fuyuan/ingest.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void csv_cell(struct fy_buf *b, const char *s)
{
    fy_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            fy_buf_putc(b, '"');
        fy_buf_putc(b, *s);
    }
    fy_buf_putc(b, '"');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    struct fy_dataset *ds = NULL;
    struct fy_error err;

    memset(&err, 0, sizeof(err));
    opts.courts_file = fuzz_write("courts.csv", data, size);
    opts.jobs = 1;
    fy_status rc = fy_dataset_new(&ds, &opts, &err);
    if (rc != FY_OK) {
        FUZZ_CHECK(ds == NULL && err.code == rc && err.msg[0] != '\0',
                   "status %d without a message", (int)rc);
        FUZZ_CHECK(rc == FY_E_CONFIG || rc == FY_E_CSV, "status %d: %s",
                   (int)rc, err.msg);
        return 0;
    }
    const struct norm_registry *reg = ds->registry;
    size_t nc = norm_registry_ncourts(reg), nd = norm_registry_ndistricts(reg);
    FUZZ_CHECK(nc > 0 && nd > 0, "%zu courts, %zu districts", nc, nd);
    FUZZ_CHECK(strcmp(norm_registry_district(reg, NORM_CITY_LEVEL), "市本级")
                   == 0, "%s", "district 0 is not 市本级");
    const char *city = norm_registry_city(reg);
    FUZZ_CHECK(city && *city, "%s", "no city");
    for (size_t d = 0; d < nd; d++)
        FUZZ_CHECK(norm_district_find(reg, norm_registry_district(reg, d))
                       == (int)d,
                   "district %zu '%s' not found by its name", d,
                   norm_registry_district(reg, d));
    struct fy_buf cases = FY_BUF_INIT;
    fy_buf_puts(&cases, "案号,经办法院,立案日期,结案日期,被告,结案方式\n");
    for (size_t i = 0; i < nc; i++) {
        const struct norm_court *c = norm_registry_court(reg, i);
        FUZZ_CHECK(c->district < nd, "court %zu: district %u of %zu", i,
                   c->district, nd);
        FUZZ_CHECK(norm_court_find(reg, c->name) == (int)i,
                   "court %zu '%s' is found as %d", i, c->name,
                   norm_court_find(reg, c->name));
        FUZZ_CHECK(norm_court_by_code(reg, c->code) == (int)i,
                   "court %zu code '%s' is found as %d", i, c->code,
                   norm_court_by_code(reg, c->code));
        int d = norm_district_of_defendant(reg, c->name);
        FUZZ_CHECK(d == NORM_NONE || (d >= 0 && (size_t)d < nd),
                   "district %d of '%s'", d, c->name);
        /* (a buffer of fixed size would cut a long code inside a
         * character: the file would not be UTF-8) */
        struct fy_buf cell = FY_BUF_INIT;
        fy_buf_printf(&cell, "(2023)%s行初%zu号", c->code, i + 1);
        csv_cell(&cases, fy_buf_str(&cell));
        fy_buf_putc(&cases, ',');
        csv_cell(&cases, c->name);
        fy_buf_puts(&cases, ",2023-01-05,2023-03-01,");
        fy_buf_reset(&cell);
        fy_buf_printf(&cell, "%s公安局", city);
        csv_cell(&cases, fy_buf_str(&cell));
        fy_buf_release(&cell);
        fy_buf_puts(&cases, ",判决撤销\n");
    }
    const char *path = fuzz_write("cases.csv", (const uint8_t *)cases.data,
                                  cases.len);
    rc = fy_ingest_file(ds, path, &opts, &err);
    FUZZ_CHECK(rc == FY_OK, "%s", err.msg);
    FUZZ_CHECK(ds->ncases + ds->quality.nrejects == nc, "%zu cases of %zu",
               ds->ncases + ds->quality.nrejects, nc);
    fy_buf_release(&cases);
    fy_dataset_free(ds);
    return 0;
}
