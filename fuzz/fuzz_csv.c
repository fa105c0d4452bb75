/* SPDX-License-Identifier: MIT */
/*
 * fuzz_csv.c - a data file of any table kind, read as fuyuan reads an
 * export: encoding detected (UTF-8, UTF-8 with BOM, GB18030), title rows,
 * the header matched to a table kind (cases, population, civil filings,
 * recommendations, hearings), every row normalised or rejected; then the
 * rejects written as CSV and the quality summary printed.
 *
 * The file is read twice: on one thread in one part, and on two threads
 * in parts of about 48 bytes (FY_PART_BYTES). The promise of --jobs
 * (docs/performance.md) is checked: the same status and message, and when
 * the file reads, the same records, rejects and notes (after an error the
 * dataset is dropped, so what the parts read before it is not compared).
 */
#include "fuzz.h"

#include "ingest/ingest_int.h"

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    return 0;
}

static const char *str(const struct fy_dataset *ds, uint32_t id)
{
    return id == FY_STR_NONE ? "-" : fy_strpool_get(ds->pool, id);
}

/* Everything read, as text: the error, the records, the rejects (as
 * rejects.csv holds them) and the notes. */
static void describe(const struct fy_dataset *ds, fy_status rc,
                     const struct fy_error *err, const char *rejects_path,
                     struct fy_buf *out)
{
    fy_buf_reset(out);
    fy_buf_printf(out, "status %d: %s\n", (int)rc,
                  rc == FY_OK ? "" : err->msg);
    if (rc != FY_OK) {
        /* the run stops (cli_load): what was read before is not shown,
         * and differs with the parts already read */
        fy_quality_print(ds, devnull, 1);
        return;
    }
    for (size_t i = 0; i < ds->ncases; i++) {
        const struct fy_case *c = &ds->cases[i];
        fy_buf_printf(out, "case %s %d %d %s %s %s %u/%u %u %u %u %u %u %u "
                      "%u %u %u %u [", str(ds, c->case_no), (int)c->filed_on,
                      (int)c->closed_on, str(ds, c->defendant),
                      str(ds, c->domain), str(ds, c->action_type), c->file,
                      c->line, c->court, c->case_year, c->loss_causes,
                      c->district, c->case_type, c->disposition, c->flags,
                      c->hearing_held, c->head_appeared, c->reconsidered);
        for (unsigned k = 0; k < c->ndefendants; k++)
            fy_buf_printf(out, "%s;", str(ds, ds->defendants[c->defendants
                                                             + k]));
        fy_buf_puts(out, "]\n");
    }
    for (size_t i = 0; i < ds->npopulation; i++)
        fy_buf_printf(out, "pop %lld %d %u %u\n",
                      (long long)ds->population[i].persons,
                      ds->population[i].year, ds->population[i].district,
                      ds->population[i].line);
    for (size_t i = 0; i < ds->ncivil; i++)
        fy_buf_printf(out, "civil %lld %d %u %u\n",
                      (long long)ds->civil[i].count, (int)ds->civil[i].month,
                      ds->civil[i].court, ds->civil[i].line);
    for (size_t i = 0; i < ds->nrecs; i++) {
        const struct fy_recommendation *r = &ds->recs[i];
        fy_buf_printf(out, "rec %s %s %s %u %d %d %d %u %u %u %u\n",
                      str(ds, r->rec_no), str(ds, r->issuer),
                      str(ds, r->recipient), r->district, (int)r->issued_on,
                      (int)r->due_on, (int)r->replied_on, r->line, r->kind,
                      r->adoption, r->due_defaulted);
    }
    for (size_t i = 0; i < ds->nhearings; i++)
        fy_buf_printf(out, "hearing %s %s %d %u %u\n",
                      str(ds, ds->hearings[i].hearing_no),
                      str(ds, ds->hearings[i].agency),
                      (int)ds->hearings[i].held_on, ds->hearings[i].line,
                      ds->hearings[i].head_attended);
    for (size_t i = 0; i < ds->quality.nnotices; i++)
        fy_buf_printf(out, "note %d %u %s\n", (int)ds->quality.notices[i].kind,
                      ds->quality.notices[i].line,
                      ds->quality.notices[i].message);
    for (size_t i = 0; i < FY_REJ_NREASONS; i++)
        fy_buf_printf(out, "%lu,", ds->quality.reject_counts[i]);
    for (size_t i = 0; i < FY_NOTE_NKINDS; i++)
        fy_buf_printf(out, "%lu,", ds->quality.notice_counts[i]);
    fy_buf_putc(out, '\n');

    struct fy_error werr;
    FUZZ_CHECK(fy_write_rejects(ds, rejects_path, &werr) == FY_OK,
               "rejects.csv not written: %s", werr.msg);
    FILE *f = fopen(rejects_path, "rb");
    char chunk[4096];
    size_t n;
    FUZZ_CHECK(f != NULL, "%s", rejects_path);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fy_buf_append(out, chunk, n);
    fclose(f);
    fy_quality_print(ds, devnull, 1);
}

static void read_once(const char *path, unsigned jobs, const char *part,
                      struct fy_buf *out)
{
    struct fy_ingest_opts opts = FY_INGEST_OPTS_INIT;
    struct fy_dataset *ds;
    struct fy_error err;
    char rejects[128];

    memset(&err, 0, sizeof(err));
    opts.jobs = jobs;
    if (part)
        setenv("FY_PART_BYTES", part, 1);
    else
        unsetenv("FY_PART_BYTES");
    FUZZ_CHECK(fy_dataset_new(&ds, &opts, &err) == FY_OK, "%s", err.msg);
    fy_status rc = fy_ingest_file(ds, path, &opts, &err);
    snprintf(rejects, sizeof(rejects), "%s/rejects.csv", fuzz_dir());
    describe(ds, rc, &err, rejects, out);
    fy_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fy_buf one = FY_BUF_INIT, two = FY_BUF_INIT;
    const char *path = fuzz_write("data.csv", data, size);

    read_once(path, 1, NULL, &one);
    read_once(path, 2, "48", &two);
    if (one.len != two.len || memcmp(one.data, two.data, one.len) != 0) {
        fprintf(stderr, "--- one thread, one part:\n%s\n--- two threads, "
                "parts of 48 bytes:\n%s\n", fy_buf_str(&one),
                fy_buf_str(&two));
        FUZZ_CHECK(0, "%s", "the file reads differently on two threads");
    }
    fy_buf_release(&one);
    fy_buf_release(&two);
    return 0;
}
