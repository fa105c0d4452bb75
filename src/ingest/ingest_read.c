/* SPDX-License-Identifier: MIT */
/*
 * ingest_read.c - reading a file as CSV: mapping it, detecting and
 * decoding its encoding (UTF-8 with or without BOM, GB18030 via iconv),
 * and splitting the text into records with libcsv, one physical line at a
 * time so that every record knows the line it starts on (libcsv itself
 * reports no positions).
 *
 * A line that holds no quote character and no carriage return but at its
 * end is split without libcsv: its fields are what libcsv makes of it
 * (split at commas, spaces and tabs trimmed at both ends), and
 * tests/unit/test_csv.c proves the two equal on millions of generated and
 * mutated files. Every other line goes through libcsv, and so does every
 * line while a record is open (a quoted field holding a line break).
 *
 * ingest_split() finds where a text can be cut into parts that hold whole
 * records, following libcsv's quoting rules, so that the parts can be
 * read in parallel (ingest_cases.c).
 *
 * Every buffer is bounded: a field over FY_MAX_FIELD_BYTES stops the
 * file with an error (libcsv cannot resynchronise after it), a record
 * over FY_MAX_RECORD_BYTES or FY_MAX_FIELDS is handed on marked too
 * large so that the row is rejected.
 */
#include "ingest_int.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void start_record(struct ingest_reader *r)
{
    if (!r->in_record) {
        r->in_record = 1;
        r->record_line = r->line;
        r->field_line = r->line;
    }
}

/* One field of the record being assembled (its bytes are in r->bytes). */
static void add_field(struct ingest_reader *r, size_t offset, size_t n)
{
    r->nfields_read++;
    r->record_bytes += n;
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
    r->offsets[r->nfields] = offset;
    r->lengths[r->nfields] = n;
    r->nfields++;
}

static void on_field(void *data, size_t n, void *arg)
{
    struct ingest_reader *r = arg;

    start_record(r);
    r->field_line = r->line; /* the next field starts after the comma */
    if (!r->nonblank && data)
        r->nonblank = !is_blank(data, n);
    if (r->nfields >= FY_MAX_FIELDS || r->too_large
        || r->record_bytes + n > FY_MAX_RECORD_BYTES) {
        add_field(r, 0, n); /* counted, not kept */
        return;
    }
    size_t offset = r->bytes.len;
    fy_buf_append(&r->bytes, data ? data : "", data ? n : 0);
    fy_buf_append(&r->bytes, "", 1); /* keep the NUL inside the buffer */
    add_field(r, offset, n);
}

/* Hand the assembled record on, and start a new one. */
static void end_record(struct ingest_reader *r)
{
    struct ingest_record rec;

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

static void on_record(int c, void *arg)
{
    struct ingest_reader *r = arg;

    (void)c;
    start_record(r);
    end_record(r);
}

static fy_status csv_failed(struct ingest_reader *r)
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

void ingest_reader_init(struct ingest_reader *r, const char *path,
                        unsigned long first_line, ingest_record_fn fn,
                        void *ctx, struct fy_error *err)
{
    memset(r, 0, sizeof(*r));
    r->path = path;
    r->fn = fn;
    r->ctx = ctx;
    r->err = err;
    r->line = first_line;
    r->fast = 1;
    if (csv_init(&r->csv, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        FY_BUG("csv_init");
    csv_set_realloc_func(&r->csv, capped_realloc);
    csv_set_blk_size(&r->csv, 4096);
}

void ingest_reader_release(struct ingest_reader *r)
{
    csv_free(&r->csv);
    fy_buf_release(&r->bytes);
    free(r->offsets);
    free(r->lengths);
    free(r->fields);
}

/*
 * The fast path: line @p s (@p n bytes, its '\n' not included) when no
 * record is open. Returns 0 when the line needs libcsv: it holds a quote
 * or a carriage return before its end, or it is longer than a field may
 * be (libcsv's error must be the one reported).
 */
static int fast_line(struct ingest_reader *r, const char *s, size_t n)
{
    size_t len = n;

    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (len > FY_MAX_FIELD_BYTES || memchr(s, '"', len)
        || memchr(s, '\r', len))
        return 0;
    /* fields: split at commas, spaces and tabs trimmed at both ends */
    fy_buf_reset(&r->bytes);
    fy_buf_append(&r->bytes, s, len);
    char *b = r->bytes.data;
    size_t p = 0;
    int any = 0;
    for (;;) {
        char *comma = memchr(b + p, ',', len - p);
        size_t e = comma ? (size_t)(comma - b) : len, a = p, z = e;
        while (a < z && (b[a] == ' ' || b[a] == '\t'))
            a++;
        while (z > a && (b[z - 1] == ' ' || b[z - 1] == '\t'))
            z--;
        if (!any && z > a)
            any = 1;
        if (!comma && !any && r->nfields_read == 0) {
            /* a line of spaces and tabs only: libcsv makes no record */
            fy_buf_reset(&r->bytes);
            return 1;
        }
        b[z] = '\0';
        if (r->nfields >= FY_MAX_FIELDS || r->too_large
            || r->record_bytes + (z - a) > FY_MAX_RECORD_BYTES)
            add_field(r, 0, z - a);
        else
            add_field(r, a, z - a);
        if (!comma)
            break;
        p = e + 1;
    }
    r->nonblank = any;
    r->in_record = 1;
    r->record_line = r->field_line = r->line;
    end_record(r);
    return 1;
}

fy_status ingest_reader_feed(struct ingest_reader *r, const char *s, size_t n)
{
    while (n > 0 && r->status == FY_OK) {
        const char *nl = memchr(s, '\n', n);
        size_t seg = nl ? (size_t)(nl - s) + 1 : n;
        /* the fast path only where libcsv would start a new record */
        if (!(r->fast && nl && !r->in_record && r->csv.pstate == 0
              && fast_line(r, s, seg - 1))) {
            if (!r->in_record) {
                for (size_t i = 0; i < seg; i++) {
                    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r'
                        && s[i] != '\n') {
                        start_record(r);
                        break;
                    }
                }
            }
            if (csv_parse(&r->csv, s, seg, on_field, on_record, r) != seg)
                return csv_failed(r);
        }
        if (nl)
            r->line++;
        s += seg;
        n -= seg;
    }
    return r->status;
}

fy_status ingest_reader_feed_until_stop(struct ingest_reader *r,
                                        const char *s, size_t n,
                                        size_t *used)
{
    size_t i = 0;

    /* byte by byte, so that the reading stops right after the record
     * whose handler asked for it (the header row); a record starts on the
     * line where ingest_reader_feed() would start it */
    while (i < n && r->status == FY_OK && !r->stop) {
        char c = s[i];
        if (!r->in_record && (i == 0 || s[i - 1] == '\n')) {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t end = nl ? (size_t)(nl - s) + 1 : n;
            for (size_t k = i; k < end; k++) {
                if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r'
                    && s[k] != '\n') {
                    start_record(r);
                    break;
                }
            }
        }
        if (csv_parse(&r->csv, s + i, 1, on_field, on_record, r) != 1) {
            *used = i;
            return csv_failed(r);
        }
        if (c == '\n')
            r->line++;
        i++;
    }
    *used = i;
    return r->status;
}

fy_status ingest_reader_finish(struct ingest_reader *r, int ends_in_newline)
{
    fy_status rc = r->status;

    /*
     * End the last line, so that a record still open after it can only be
     * inside a quoted field (libcsv's CSV_STRICT_FINI alone does not see
     * that: it needs CSV_STRICT, which would refuse stray quotes).
     */
    if (rc == FY_OK && !ends_in_newline)
        rc = ingest_reader_feed(r, "\n", 1);
    if (rc == FY_OK) {
        if (r->in_record || csv_fini(&r->csv, on_field, on_record, r) != 0) {
            struct fy_loc at = {r->path, r->field_line, 0};
            rc = fy_fail(r->err, FY_E_CSV, &at, "%s",
                         _("a quoted field is never closed: a quote "
                           "character (\") is missing its pair"));
        } else {
            rc = r->status;
        }
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Where a text can be cut                                             */
/* ------------------------------------------------------------------ */

/*
 * libcsv's states as far as quoting goes: at the start of a field (before
 * its first character; spaces and tabs are skipped there), inside an
 * unquoted field (a quote there is a character like any other), inside a
 * quoted field, and right after a quote in a quoted field.
 */
enum { AT_START, UNQUOTED, QUOTED, AFTER_QUOTE };

size_t *ingest_split(const char *s, size_t n, size_t part, size_t *nparts)
{
    size_t *ends = NULL, count = 0, cap = 0;
    size_t i = 0, want = part, region = 0;
    int state = AT_START;

    while (i < n) {
        if (state == AT_START || state == UNQUOTED) {
            /* no quoting until a quote opens a field: look for the next
             * quote, and cut at a line end on the way */
            const char *q = memchr(s + i, '"', n - i);
            size_t qi = q ? (size_t)(q - s) : n;
            while (want <= qi && want < n) {
                size_t from = want - 1 > i ? want - 1 : i;
                const char *nl = memchr(s + from, '\n', qi - from);
                if (!nl)
                    break;
                size_t end = (size_t)(nl - s) + 1;
                if (end >= n)
                    break;
                FY_GROW(ends, count + 1, cap);
                ends[count++] = end;
                want = end + part;
            }
            if (!q)
                break;
            /* does the quote open a field? only after spaces and tabs at
             * a field's start */
            size_t k = qi;
            while (k > region && (s[k - 1] == ' ' || s[k - 1] == '\t'))
                k--;
            int opens = k == region ? state == AT_START
                                    : (s[k - 1] == ',' || s[k - 1] == '\n'
                                       || s[k - 1] == '\r');
            state = opens ? QUOTED : UNQUOTED;
            region = i = qi + 1;
        } else if (state == QUOTED) {
            const char *q = memchr(s + i, '"', n - i);
            if (!q)
                break; /* never closed: the reader says so */
            i = (size_t)(q - s) + 1;
            state = AFTER_QUOTE;
        } else { /* AFTER_QUOTE */
            int spaces = 0;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++, spaces = 1;
            if (i >= n)
                break;
            char c = s[i++];
            if (c == ',' || c == '\r' || c == '\n') {
                state = AT_START;
                region = i;
                if (c == '\n' && i >= want && i < n) {
                    FY_GROW(ends, count + 1, cap);
                    ends[count++] = i;
                    want = i + part;
                }
            } else if (c == '"' && spaces) {
                state = AFTER_QUOTE; /* a quote taken as it is */
            } else {
                state = QUOTED; /* "" or any other character */
            }
        }
    }
    FY_GROW(ends, count + 1, cap);
    ends[count++] = n;
    *nparts = count;
    return ends;
}

/* ------------------------------------------------------------------ */
/* Files and encodings                                                 */
/* ------------------------------------------------------------------ */

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

/*
 * Large texts are checked and decoded in ranges on every core. A range
 * ends right after a line break: no UTF-8 or GB18030 character holds the
 * byte 0x0A, so no character is cut, and the text is valid when every
 * range is.
 */
#define RANGE_MIN (1u << 20)
#define MAX_RANGES 64

struct range {
    const char *s;
    size_t n;
    size_t bad;                /* offset of the first bad byte, n = none */
    struct fy_buf out;         /* decoded (GB18030) */
    int decode;
    const struct ingest_gb18030 *table; /* two-byte characters, or NULL */
    pthread_t thread;
};

/* Split s[0..n) into at most @p parts ranges ending after a line break. */
static size_t cut_ranges(const char *s, size_t n, unsigned parts,
                         struct range *r)
{
    size_t count = 0, from = 0;

    if (parts > MAX_RANGES)
        parts = MAX_RANGES;
    if (parts < 1 || n < 2 * RANGE_MIN)
        parts = 1;
    for (unsigned k = 1; k < parts && from < n; k++) {
        size_t want = n / parts * k;
        if (want <= from)
            continue;
        const char *nl = memchr(s + want, '\n', n - want);
        if (!nl)
            break;
        size_t end = (size_t)(nl - s) + 1;
        r[count].s = s + from;
        r[count].n = end - from;
        count++;
        from = end;
    }
    if (from < n || count == 0) {
        r[count].s = s + from;
        r[count].n = n - from;
        count++;
    }
    return count;
}

static size_t first_bad_utf8(const char *s, size_t n);

static void check_range(struct range *r)
{
    r->bad = fy_utf8_valid(r->s, r->n) ? r->n : first_bad_utf8(r->s, r->n);
}

/* Decode a range from GB18030; r->bad is where it fails. */
static void decode_range(struct range *r)
{
    /* by the table when every character of the range is in it
     * (tests/unit/test_csv.c: the same bytes as iconv) */
    iconv_t cd = iconv_open("UTF-8", "GB18030");

    r->bad = 0;
    if (cd == (iconv_t)-1)
        return; /* reported by the caller: nothing decoded */
    if (r->table && ingest_gb18030_fast(r->table, cd, r->s, r->n, &r->out)) {
        r->bad = r->n;
        iconv_close(cd);
        return;
    }
    fy_buf_release(&r->out);
    size_t cap = r->n * 2 + 16;
    r->out.data = fy_xmalloc(cap);
    r->out.cap = cap;
    char *in = (char *)r->s, *o = r->out.data;
    size_t inleft = r->n, outleft = cap - 1;
    size_t res = iconv(cd, &in, &inleft, &o, &outleft);
    r->out.len = (size_t)(o - r->out.data);
    r->out.data[r->out.len] = '\0';
    /* an invalid or incomplete sequence (a range ends where a line
     * does, so only the text's end can cut one) */
    r->bad = res == (size_t)-1 ? r->n - inleft : r->n;
    iconv_close(cd);
}

/* ------------------------------------------------------------------ */
/* GB18030's two-byte characters by a table                            */
/* ------------------------------------------------------------------ */

#define GB_LEADS 126  /* 0x81..0xFE */
#define GB_TRAILS 191 /* 0x40..0xFE (0x7F is no trail) */

struct ingest_gb18030 {
    unsigned char len[GB_LEADS * GB_TRAILS];     /* UTF-8 bytes, 0 = ask iconv */
    unsigned char utf8[GB_LEADS * GB_TRAILS][3];
};

struct ingest_gb18030 *ingest_gb18030_table(void)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");

    if (cd == (iconv_t)-1)
        return NULL;
    struct ingest_gb18030 *t = fy_xcalloc(1, sizeof(*t));
    for (unsigned lead = 0x81; lead <= 0xFE; lead++) {
        for (unsigned trail = 0x40; trail <= 0xFE; trail++) {
            if (trail == 0x7F)
                continue;
            char in[2] = {(char)lead, (char)trail}, out[8];
            char *ip = in, *op = out;
            size_t il = 2, ol = sizeof(out);
            iconv(cd, NULL, NULL, NULL, NULL);
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
                continue;
            size_t n = (size_t)(op - out);
            if (n < 1 || n > 3)
                continue;
            size_t k = (lead - 0x81) * GB_TRAILS + (trail - 0x40);
            t->len[k] = (unsigned char)n;
            memcpy(t->utf8[k], out, n);
        }
    }
    iconv_close(cd);
    return t;
}

int ingest_gb18030_fast(const struct ingest_gb18030 *t, void *cd,
                        const char *str, size_t n, struct fy_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    /* at most 3 bytes of UTF-8 for 2 of GB18030, 4 for 4, 1 for 1 */
    if (out->cap < out->len + n * 2 + 1) {
        out->data = fy_xrealloc(out->data, out->len + n * 2 + 1);
        out->cap = out->len + n * 2 + 1;
    }
    unsigned char *o = (unsigned char *)out->data + out->len;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            *o++ = (unsigned char)c;
            i++;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= n)
            return 0;
        unsigned d = s[i + 1];
        if (d >= 0x30 && d <= 0x39 && cd) {
            /* four bytes (NBSP is one): iconv, for this character */
            char *ip = (char *)s + i, *op = (char *)o;
            size_t il = n - i < 4 ? n - i : 4, ol = 4;
            iconv((iconv_t)cd, NULL, NULL, NULL, NULL);
            if (il < 4 || iconv((iconv_t)cd, &ip, &il, &op, &ol) == (size_t)-1
                || il != 0)
                return 0;
            o = (unsigned char *)op;
            i += 4;
            continue;
        }
        if (d < 0x40 || d == 0x7F || d == 0xFF)
            return 0; /* not GB18030: iconv says where */
        size_t k = (c - 0x81) * GB_TRAILS + (d - 0x40);
        unsigned len = t->len[k];
        if (!len)
            return 0;
        memcpy(o, t->utf8[k], 3);
        o += len;
        i += 2;
    }
    out->len = (size_t)(o - (unsigned char *)out->data);
    out->data[out->len] = '\0';
    return 1;
}

static void *range_main(void *arg)
{
    struct range *r = arg;

    if (r->decode)
        decode_range(r);
    else
        check_range(r);
    return NULL;
}

/* Check (or decode) the ranges, on threads when there are several. */
static void run_ranges(struct range *r, size_t count, int decode)
{
    for (size_t i = 0; i < count; i++) {
        r[i].decode = decode;
        r[i].out = (struct fy_buf)FY_BUF_INIT;
        if (!decode)
            r[i].table = NULL;
    }
    for (size_t i = 1; i < count; i++)
        if (pthread_create(&r[i].thread, NULL, range_main, &r[i]) != 0)
            range_main(&r[i]), r[i].thread = 0;
    range_main(&r[0]);
    for (size_t i = 1; i < count; i++)
        if (r[i].thread)
            pthread_join(r[i].thread, NULL);
}

/* Offset of the first byte that is not UTF-8 (@p n when none). */
static size_t bad_utf8(const char *s, size_t n, unsigned jobs)
{
    struct range r[MAX_RANGES];
    size_t count = cut_ranges(s, n, jobs, r), bad = n;

    run_ranges(r, count, 0);
    for (size_t i = 0; i < count; i++) {
        if (r[i].bad < r[i].n) {
            bad = (size_t)(r[i].s - s) + r[i].bad;
            break;
        }
    }
    return bad;
}

/* The whole of @p s decoded from GB18030 into @p out; the offset of the
 * first byte that cannot be decoded (@p n when none). */
static size_t decode_gb18030(const char *s, size_t n, unsigned jobs,
                             const struct ingest_gb18030 *table,
                             struct fy_buf *out, int *no_iconv)
{
    struct range r[MAX_RANGES];
    size_t count = cut_ranges(s, n, jobs, r), bad = n, total = 0;
    iconv_t cd = iconv_open("UTF-8", "GB18030");

    *no_iconv = cd == (iconv_t)-1;
    if (*no_iconv)
        return 0;
    iconv_close(cd);
    for (size_t i = 0; i < count; i++)
        r[i].table = table;
    run_ranges(r, count, 1);
    for (size_t i = 0; i < count; i++)
        total += r[i].out.len;
    if (count == 1) {
        *out = r[0].out;
        r[0].out = (struct fy_buf)FY_BUF_INIT;
    } else {
        out->data = fy_xmalloc(total + 1);
        out->cap = total + 1;
        out->len = 0;
        for (size_t i = 0; i < count; i++) {
            if (r[i].out.len)
                memcpy(out->data + out->len, r[i].out.data, r[i].out.len);
            out->len += r[i].out.len;
        }
        out->data[out->len] = '\0';
    }
    for (size_t i = 0; i < count; i++) {
        if (r[i].bad < r[i].n && bad == n)
            bad = (size_t)(r[i].s - s) + r[i].bad;
        fy_buf_release(&r[i].out);
    }
    return bad;
}

/*
 * The whole file in memory of its own (an anonymous mapping, so that the
 * pages read can be given back: ingest_text_done), read with read():
 * never a mapping of the file, which a truncation while it is read would
 * turn into SIGBUS. Its SHA-256 goes to @p sha256 (NULL: not taken).
 */
static fy_status load_file(const char *path, const char **data, size_t *size,
                           unsigned jobs, char *sha256, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    struct stat st;
    struct fy_sha256 sha;
    int fd = fy_input_open(path, &st, err);

    if (fd < 0)
        return err->code;
    if (st.st_size == 0) {
        close(fd);
        return fy_fail(err, FY_E_CSV, &at, "%s",
                       _("the file is empty; export the table again"));
    }
    if ((uint64_t)st.st_size > FY_MAX_FILE_BYTES) {
        close(fd);
        return fy_fail(err, FY_E_CSV, &at,
                       _("the file is larger than %u GiB (a cap of fuyuan, "
                         "FY_MAX_FILE_BYTES); split the export"),
                       (unsigned)(FY_MAX_FILE_BYTES >> 30));
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        close(fd);
        return fy_fail(err, FY_E_NOMEM, &at, _("cannot read: %s"),
                       strerror(ENOMEM));
    }
#ifdef MADV_HUGEPAGE
    /* fewer page faults while the file is read in (a hint) */
    madvise(p, (size_t)st.st_size, MADV_HUGEPAGE);
#endif
    fy_status rc = fy_input_read(fd, path, &st, p, jobs, err);
    close(fd);
    if (rc == FY_OK && sha256) {
        /* of the bytes read, which are the bytes used */
        fy_sha256_init(&sha);
        fy_sha256_update(&sha, p, (size_t)st.st_size);
        if (fy_sha256_final(&sha, sha256) != 0)
            rc = fy_fail(err, FY_E_IO, &at, "%s", _("cannot read the file"));
    }
    if (rc != FY_OK) {
        munmap(p, (size_t)st.st_size);
        return rc;
    }
    *data = p;
    *size = (size_t)st.st_size;
    return FY_OK;
}

static fy_status neither(const char *path, const char *s, size_t bad,
                         struct fy_error *err)
{
    struct fy_loc at = {path, line_at(s, bad), 0};

    return fy_fail(err, FY_E_CSV, &at,
                   _("bytes that are neither UTF-8 nor GB18030 (0x%02X); "
                     "save the file as UTF-8 or GB18030 (GBK) text"),
                   (unsigned char)s[bad]);
}

fy_status ingest_text_open(struct ingest_text *t, const char *path,
                           const char *encoding, unsigned jobs,
                           const struct ingest_gb18030 *table,
                           int want_sha256, struct fy_error *err)
{
    const char *enc;
    fy_status rc;
    size_t bad8 = 0;
    int no_iconv;

    memset(t, 0, sizeof(*t));
    FY_TRY(load_file(path, &t->map, &t->map_size, jobs,
                     want_sha256 ? t->sha256 : NULL, err));
    const char *data = t->map;
    size_t size = t->map_size;
    const char *nul = memchr(data, '\0', size);
    if (nul) {
        struct fy_loc at = {path, line_at(data, (size_t)(nul - data)), 0};
        rc = fy_fail(err, FY_E_CSV, &at, "%s",
                     _("the file holds a NUL byte: it is not a text export "
                       "(was a spreadsheet or a UTF-16 file given?)"));
        goto fail;
    }
    const char *s = data;
    size_t n = size;
    int bom = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    if (encoding && strcasecmp(encoding, "gb18030") != 0
        && strcasecmp(encoding, "utf-8") != 0) {
        rc = fy_fail(err, FY_E_USAGE, NULL,
                     _("unknown encoding '%s' (use utf-8 or gb18030)"),
                     encoding);
        goto fail;
    }
    if (bom && (!encoding || strcasecmp(encoding, "utf-8") == 0)) {
        enc = "UTF-8 (BOM)";
        s += 3;
        n -= 3;
    } else if (encoding) {
        enc = strcasecmp(encoding, "utf-8") == 0 ? "UTF-8" : "GB18030";
    } else if ((bad8 = bad_utf8(s, n, jobs)) == n) {
        enc = "UTF-8";
    } else {
        enc = "GB18030"; /* unless it does not decode either: below */
    }
    t->encoding = enc;
    if (strncmp(enc, "UTF-8", 5) == 0 && (bom || encoding)
        && (bad8 = bad_utf8(s, n, jobs)) < n) {
        struct fy_loc at = {path, line_at(s, bad8), 0};
        rc = fy_fail(err, FY_E_CSV, &at,
                     _("bytes that are not UTF-8 (0x%02X) in a file read as "
                       "UTF-8; try --encoding gb18030"),
                     (unsigned char)s[bad8]);
        goto fail;
    }
    if (strcmp(enc, "GB18030") == 0) {
        size_t badgb = decode_gb18030(s, n, jobs, table, &t->decoded,
                                      &no_iconv);
        if (no_iconv) {
            rc = fy_fail(err, FY_E_IO, NULL, "%s",
                         _("this system cannot convert GB18030 (iconv)"));
            goto fail;
        }
        if (badgb < n) {
            /*
             * Detected: the encoding that reads further is the file's, its
             * first bad byte is the one to show, not where the other one
             * failed. Forced: where GB18030 fails.
             */
            rc = neither(path, s, encoding ? badgb
                                           : (bad8 > badgb ? bad8 : badgb),
                         err);
            goto fail;
        }
        fy_buf_append(&t->decoded, "", 0);
        t->text = t->decoded.data;
        t->size = t->decoded.len;
        /* the bytes as read are not needed once decoded */
        munmap((void *)t->map, t->map_size);
        t->map = NULL;
    } else {
        t->text = s;
        t->size = n;
        t->mapped = 1;
    }
    return FY_OK;
fail:
    ingest_text_close(t);
    return rc;
}

void ingest_text_close(struct ingest_text *t)
{
    if (t->map)
        munmap((void *)t->map, t->map_size);
    fy_buf_release(&t->decoded);
    memset(t, 0, sizeof(*t));
}

void ingest_text_done(const struct ingest_text *t, size_t from, size_t to)
{
    /* the pages of the mapping read already need not stay in memory */
    if (!t->mapped || to <= from)
        return;
    long pg = sysconf(_SC_PAGESIZE);
    size_t page = pg > 0 ? (size_t)pg : 4096;
    uintptr_t a = (uintptr_t)(t->text + from), b = (uintptr_t)(t->text + to);
    a = (a + page - 1) & ~(uintptr_t)(page - 1);
    b &= ~(uintptr_t)(page - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

fy_status ingest_read_csv(const char *path, const char *encoding,
                          ingest_record_fn fn, void *ctx,
                          const char **encoding_out, struct fy_error *err)
{
    struct ingest_text t;
    struct ingest_reader r;
    fy_status rc;

    FY_TRY(ingest_text_open(&t, path, encoding, 1, NULL, 0, err));
    if (encoding_out)
        *encoding_out = t.encoding;
    ingest_reader_init(&r, path, 1, fn, ctx, err);
    rc = ingest_reader_feed(&r, t.text, t.size);
    if (rc == FY_OK)
        rc = ingest_reader_finish(&r, t.size > 0
                                          && t.text[t.size - 1] == '\n');
    ingest_reader_release(&r);
    ingest_text_close(&t);
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
