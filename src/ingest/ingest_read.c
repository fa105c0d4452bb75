/* SPDX-License-Identifier: MIT */
/*
 * ingest_read.c - reading a file as CSV: mapping it, detecting and
 * decoding its encoding (UTF-8 with or without BOM, GB18030 via iconv),
 * and feeding libcsv one physical line at a time so that every record
 * knows the line it starts on (libcsv itself reports no positions).
 *
 * Every buffer is bounded: a field over FY_MAX_FIELD_BYTES stops the
 * file with an error (libcsv cannot resynchronise after it), a record
 * over FY_MAX_RECORD_BYTES or FY_MAX_FIELDS is handed on marked too
 * large so that the row is rejected.
 */
#include "ingest_int.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DECODE_CHUNK (256u * 1024u)

struct reader {
    struct csv_parser csv;
    const char *path;
    ingest_record_fn fn;
    void *ctx;
    struct fy_error *err;
    fy_status status;          /* first failure of fn; stops the reading */
    unsigned long line;        /* physical line being fed */
    unsigned long record_line; /* line where the current record started */
    unsigned long field_line;  /* line where the field being read started */
    int in_record;
    /* the record being assembled */
    struct fy_buf bytes;       /* field bytes, each NUL-terminated */
    size_t *offsets;
    size_t *lengths;
    const char **fields;
    size_t nfields, nfields_read, capfields;
    size_t record_bytes;
    int too_large;
    int nonblank;              /* a field so far holds more than spaces */
};

/* libcsv grows its field buffer through this: it refuses past the cap. */
static void *capped_realloc(void *p, size_t n)
{
    if (n > FY_MAX_FIELD_BYTES + 4096)
        return NULL;
    return realloc(p, n);
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

static void start_record(struct reader *r)
{
    if (!r->in_record) {
        r->in_record = 1;
        r->record_line = r->line;
        r->field_line = r->line;
    }
}

static void on_field(void *data, size_t n, void *arg)
{
    struct reader *r = arg;

    start_record(r);
    r->field_line = r->line; /* the next field starts after the comma */
    r->nfields_read++;
    r->record_bytes += n;
    if (!r->nonblank && data)
        r->nonblank = !is_blank(data, n);
    if (r->record_bytes > FY_MAX_RECORD_BYTES)
        r->too_large = 1;
    if (r->nfields >= FY_MAX_FIELDS || r->too_large)
        return;
    if (r->nfields == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 64;
        r->offsets = fy_xreallocarray(r->offsets, cap, sizeof(size_t));
        r->lengths = fy_xreallocarray(r->lengths, cap, sizeof(size_t));
        r->fields = fy_xreallocarray(r->fields, cap, sizeof(*r->fields));
        r->capfields = cap;
    }
    r->offsets[r->nfields] = r->bytes.len;
    r->lengths[r->nfields] = n;
    fy_buf_append(&r->bytes, data ? data : "", data ? n : 0);
    fy_buf_append(&r->bytes, "", 1); /* keep the NUL inside the buffer */
    r->nfields++;
}

static void on_record(int c, void *arg)
{
    struct reader *r = arg;
    struct ingest_record rec;

    (void)c;
    start_record(r);
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i] = r->bytes.data + r->offsets[i];
    /* a blank record (",,,", however many fields) is an empty row */
    if (r->nonblank && r->status == FY_OK) {
        rec.path = r->path;
        rec.line = r->record_line;
        rec.nfields = r->nfields;
        rec.nfields_read = r->nfields_read;
        rec.too_large = r->too_large || r->nfields_read > FY_MAX_FIELDS;
        rec.fields = r->fields;
        rec.lengths = r->lengths;
        r->status = r->fn(&rec, r->ctx, r->err);
    }
    fy_buf_reset(&r->bytes);
    r->nfields = r->nfields_read = r->record_bytes = 0;
    r->too_large = r->nonblank = 0;
    r->in_record = 0;
}

static fy_status csv_failed(struct reader *r)
{
    struct fy_loc at = {r->path, r->in_record ? r->field_line : r->line, 0};
    int e = csv_error(&r->csv);

    if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
        return fy_fail(r->err, FY_E_CSV, &at,
                       _("a field is larger than %u MiB; this is not a case "
                         "export (is a quote character missing its pair?)"),
                       FY_MAX_FIELD_BYTES >> 20);
    return fy_fail(r->err, FY_E_CSV, &at, _("cannot read as CSV: %s"),
                   csv_strerror(e));
}

/* Feed decoded UTF-8 text, one physical line at a time. */
static fy_status feed(struct reader *r, const char *s, size_t n)
{
    while (n > 0 && r->status == FY_OK) {
        const char *nl = memchr(s, '\n', n);
        size_t seg = nl ? (size_t)(nl - s) + 1 : n;
        if (!r->in_record) {
            for (size_t i = 0; i < seg; i++) {
                if (!strchr(" \t\r\n", s[i])) {
                    start_record(r);
                    break;
                }
            }
        }
        if (csv_parse(&r->csv, s, seg, on_field, on_record, r) != seg)
            return csv_failed(r);
        if (nl)
            r->line++;
        s += seg;
        n -= seg;
    }
    return r->status;
}

static unsigned long line_at(const char *s, size_t offset)
{
    unsigned long line = 1;

    for (size_t i = 0; i < offset; i++)
        line += s[i] == '\n';
    return line;
}

/* Offset of the first byte that is not valid UTF-8. */
static size_t first_bad_utf8(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

/* Offset of the first byte GB18030 cannot decode (@p n when none). */
static size_t first_bad_gb18030(const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    char *out;
    size_t done = 0;

    if (cd == (iconv_t)-1)
        return n; /* feed_gb18030() reports it */
    out = fy_xmalloc(DECODE_CHUNK * 4);
    while (done < n) {
        size_t take = n - done < DECODE_CHUNK ? n - done : DECODE_CHUNK;
        char *in = (char *)s + done, *o = out;
        size_t inleft = take, outleft = DECODE_CHUNK * 4;
        size_t res = iconv(cd, &in, &inleft, &o, &outleft);
        /* a sequence cut by the chunk's end, not the file's, is fine */
        int cut = res == (size_t)-1 && errno == EINVAL && done + take < n
                  && inleft < take;
        done += take - inleft;
        if (res == (size_t)-1 && !cut)
            break;
    }
    iconv_close(cd);
    free(out);
    return done;
}

static fy_status feed_gb18030(struct reader *r, const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    char *out = fy_xmalloc(DECODE_CHUNK * 4);
    fy_status rc = FY_OK;
    size_t done = 0;

    if (cd == (iconv_t)-1) {
        free(out);
        return fy_fail(r->err, FY_E_IO, NULL, "%s",
                       _("this system cannot convert GB18030 (iconv)"));
    }
    while (done < n && rc == FY_OK) {
        size_t take = n - done < DECODE_CHUNK ? n - done : DECODE_CHUNK;
        char *in = (char *)s + done, *o = out;
        size_t inleft = take, outleft = DECODE_CHUNK * 4;
        size_t res = iconv(cd, &in, &inleft, &o, &outleft);
        int bad = res == (size_t)-1 && errno == EILSEQ;
        int incomplete = res == (size_t)-1 && errno == EINVAL;
        size_t used = take - inleft;
        if (incomplete && done + take == n)
            bad = 1; /* a sequence cut off by the end of the file */
        if (res == (size_t)-1 && !bad && !incomplete && errno != E2BIG)
            bad = 1;
        rc = feed(r, out, (size_t)(o - out));
        if (rc != FY_OK)
            break;
        if (bad) {
            struct fy_loc at = {r->path, line_at(s, done + used), 0};
            rc = fy_fail(r->err, FY_E_CSV, &at,
                         _("bytes that are neither UTF-8 nor GB18030 "
                           "(0x%02X); save the file as UTF-8 or GB18030 "
                           "(GBK) text"),
                         (unsigned char)s[done + used]);
            break;
        }
        if (used == 0 && incomplete) { /* cannot happen: chunk >= 4 bytes */
            rc = fy_fail(r->err, FY_E_CSV, NULL, "%s", _("decoder stalled"));
            break;
        }
        done += used;
    }
    iconv_close(cd);
    free(out);
    return rc;
}

static fy_status map_file(const char *path, const char **data, size_t *size,
                          int *fd_out, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    struct stat st;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return fy_fail(err, FY_E_IO, &at, _("cannot open: %s"),
                       strerror(errno));
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fy_fail(err, FY_E_IO, &at, "%s", _("not a regular file"));
    }
    if (st.st_size == 0) {
        close(fd);
        return fy_fail(err, FY_E_CSV, &at, "%s",
                       _("the file is empty; export the table again"));
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        int e = errno;
        close(fd);
        return fy_fail(err, FY_E_IO, &at, _("cannot read: %s"), strerror(e));
    }
    *data = p;
    *size = (size_t)st.st_size;
    *fd_out = fd;
    return FY_OK;
}

fy_status ingest_read_csv(const char *path, const char *encoding,
                          ingest_record_fn fn, void *ctx,
                          const char **encoding_out, struct fy_error *err)
{
    struct reader r;
    const char *data = NULL, *enc;
    size_t size = 0;
    int fd = -1;
    fy_status rc;

    FY_TRY(map_file(path, &data, &size, &fd, err));
    memset(&r, 0, sizeof(r));
    r.path = path;
    r.fn = fn;
    r.ctx = ctx;
    r.err = err;
    r.line = 1;

    const char *nul = memchr(data, '\0', size);
    if (nul) {
        struct fy_loc at = {path, line_at(data, (size_t)(nul - data)), 0};
        rc = fy_fail(err, FY_E_CSV, &at, "%s",
                     _("the file holds a NUL byte: it is not a text export "
                       "(was a spreadsheet or a UTF-16 file given?)"));
        goto out;
    }
    const char *s = data;
    size_t n = size;
    int bom = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    if (encoding && strcasecmp(encoding, "gb18030") != 0
        && strcasecmp(encoding, "utf-8") != 0) {
        rc = fy_fail(err, FY_E_USAGE, NULL,
                     _("unknown encoding '%s' (use utf-8 or gb18030)"),
                     encoding);
        goto out;
    }
    if (bom && (!encoding || strcasecmp(encoding, "utf-8") == 0)) {
        enc = "UTF-8 (BOM)";
        s += 3;
        n -= 3;
    } else if (encoding) {
        enc = strcasecmp(encoding, "utf-8") == 0 ? "UTF-8" : "GB18030";
    } else if (fy_utf8_valid(s, n)) {
        enc = "UTF-8";
    } else {
        size_t bad8 = first_bad_utf8(s, n), badgb = first_bad_gb18030(s, n);
        if (badgb < n) {
            /*
             * The encoding that reads further is the file's: its first bad
             * byte is the one to show, not where the other one failed.
             */
            size_t bad = bad8 > badgb ? bad8 : badgb;
            struct fy_loc at = {path, line_at(s, bad), 0};
            rc = fy_fail(err, FY_E_CSV, &at,
                         _("bytes that are neither UTF-8 nor GB18030 "
                           "(0x%02X); save the file as UTF-8 or GB18030 "
                           "(GBK) text"),
                         (unsigned char)s[bad]);
            goto out;
        }
        enc = "GB18030";
    }
    if (encoding_out)
        *encoding_out = enc;
    if (strncmp(enc, "UTF-8", 5) == 0 && !fy_utf8_valid(s, n)) {
        size_t bad = first_bad_utf8(s, n);
        struct fy_loc at = {path, line_at(s, bad), 0};
        rc = fy_fail(err, FY_E_CSV, &at,
                     _("bytes that are not UTF-8 (0x%02X) in a file read as "
                       "UTF-8; try --encoding gb18030"),
                     (unsigned char)s[bad]);
        goto out;
    }
    if (csv_init(&r.csv, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        rc = fy_fail(err, FY_E_NOMEM, NULL, "%s", _("out of memory"));
        goto out;
    }
    csv_set_realloc_func(&r.csv, capped_realloc);
    csv_set_blk_size(&r.csv, 4096);
    if (strcmp(enc, "GB18030") == 0)
        rc = feed_gb18030(&r, s, n);
    else
        rc = feed(&r, s, n);
    /*
     * End the last line, so that a record still open after it can only be
     * inside a quoted field (libcsv's CSV_STRICT_FINI alone does not see
     * that: it needs CSV_STRICT, which would refuse stray quotes).
     */
    if (rc == FY_OK && n > 0 && s[n - 1] != '\n')
        rc = feed(&r, "\n", 1);
    if (rc == FY_OK) {
        if (r.in_record || csv_fini(&r.csv, on_field, on_record, &r) != 0) {
            struct fy_loc at = {path, r.field_line, 0};
            rc = fy_fail(err, FY_E_CSV, &at, "%s",
                         _("a quoted field is never closed: a quote "
                           "character (\") is missing its pair"));
        } else {
            rc = r.status;
        }
    }
    csv_free(&r.csv);
out:
    fy_buf_release(&r.bytes);
    free(r.offsets);
    free(r.lengths);
    free(r.fields);
    munmap((void *)data, size);
    close(fd);
    return rc;
}

void ingest_record_to_csv(const struct ingest_record *rec, struct fy_buf *out)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        const char *f = rec->fields[i];
        size_t n = rec->lengths[i];
        if (i)
            fy_buf_putc(out, ',');
        if (memchr(f, ',', n) || memchr(f, '"', n) || memchr(f, '\n', n)
            || memchr(f, '\r', n)) {
            fy_buf_putc(out, '"');
            for (size_t k = 0; k < n; k++) {
                if (f[k] == '"')
                    fy_buf_putc(out, '"');
                fy_buf_putc(out, f[k]);
            }
            fy_buf_putc(out, '"');
        } else {
            fy_buf_append(out, f, n);
        }
    }
    if (rec->nfields < rec->nfields_read)
        fy_buf_printf(out, ",...(%zu fields)", rec->nfields_read);
}
