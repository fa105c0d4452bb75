/* SPDX-License-Identifier: MIT */
/*
 * test_csv.c - the CSV reader's fast path and the cutting of a text into
 * parts, proven equal to libcsv on generated and mutated inputs:
 *
 * - every text read with the fast path gives the same records (fields,
 *   field counts, lines, sizes) and the same error as read with libcsv
 *   alone;
 * - a text cut by ingest_split() at every place it allows, each part read
 *   by a reader of its own, gives the same records as the whole text read
 *   at once: no cut falls inside a quoted field, whatever holds the line
 *   breaks;
 * - fy_utf8_valid() agrees with decoding character by character, on
 *   short random bytes and on millions of longer texts of valid
 *   characters of every length, mutated, through both its AVX2 and its
 *   scalar check;
 * - GB18030 decoded by the table of its two-byte characters gives
 *   iconv's bytes wherever the table decodes.
 *
 * The inputs come from a fixed seed, so a failure is repeatable; the
 * failing text is printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"
#include "ingest/ingest_int.h"

/* xorshift64*: the tests' own generator, the same on every machine */
struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ull;
}

static unsigned below(struct rng *r, unsigned n)
{
    return (unsigned)((next(r) >> 33) % n);
}

static void put_num(struct fy_buf *out, size_t v, char sep)
{
    char tmp[24];
    size_t k = sizeof(tmp);

    tmp[--k] = sep;
    do
        tmp[--k] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    fy_buf_append(out, tmp + k, sizeof(tmp) - k);
}

/* Records as text: line, fields kept / read, too large, each field. */
static fy_status collect(const struct ingest_record *rec, void *ctx,
                         struct fy_error *err)
{
    struct fy_buf *out = ctx;

    (void)err;
    fy_buf_putc(out, 'L');
    put_num(out, rec->line, ' ');
    put_num(out, rec->nfields, '/');
    put_num(out, rec->nfields_read, rec->too_large ? '!' : '|');
    for (size_t i = 0; i < rec->nfields; i++) {
        if (strlen(rec->fields[i]) != rec->lengths[i])
            fy_buf_puts(out, "<NUL>");
        put_num(out, rec->lengths[i], ':');
        fy_buf_append(out, rec->fields[i], rec->lengths[i]);
        fy_buf_putc(out, ';');
    }
    fy_buf_putc(out, '\n');
    return FY_OK;
}

/* Read @p s[0..n) starting at @p line; the records (and any error with
 * its line) appended to @p out. */
static void read_text(const char *s, size_t n, unsigned long line, int fast,
                      int last, struct fy_buf *out)
{
    struct ingest_reader r;
    struct fy_error err;
    fy_status rc;

    memset(&err, 0, sizeof(err));
    ingest_reader_init(&r, "t.csv", line, collect, out, &err);
    r.fast = fast;
    rc = ingest_reader_feed(&r, s, n);
    if (rc == FY_OK && last)
        rc = ingest_reader_finish(&r, n > 0 && s[n - 1] == '\n');
    if (rc != FY_OK)
        fy_buf_printf(out, "ERROR %d at %lu: %s\n", (int)rc, err.where.line,
                      err.msg);
    ingest_reader_release(&r);
}

static void print_text(const char *what, const char *s, size_t n)
{
    fprintf(stderr, "%s (%zu bytes): \"", what, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\r')
            fputs("\\r", stderr);
        else if (c == '"')
            fputs("\\\"", stderr);
        else if (c < 0x20)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputs("\"\n", stderr);
}

/* The pieces texts are made of: what matters to CSV and to trimming. */
static const char *const pieces[] = {
    ",", ",", ",", "\"", "\"", "\"\"", " ", " ", "\t", "\r", "\n", "\n",
    "\r\n", "\r\n", "a", "b", "x1", "0", "合", "\xE3\x80\x80", "\xC2\xA0",
    "（2023）内0603行初15号", "2023-01-05", "是", "否", "鄂尔多斯市自然资源局",
    "\"a,b\"", "\"x\ny\"", "\"\"\"q\"\"\"", " \"s\" ", "合计",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static size_t make_text(struct rng *r, char *buf, size_t cap)
{
    size_t n = 0, k = 1 + below(r, 24);

    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[below(r, NPIECES)];
        size_t len = strlen(p);
        if (n + len >= cap)
            break;
        memcpy(buf + n, p, len);
        n += len;
    }
    return n;
}

/* A realistic export, as a base for mutations. */
static const char base_text[] =
    "鄂尔多斯市中级人民法院案件查询结果,,,\r\n"
    "案号,经办法院,立案日期,被告,案件名称\n"
    "（2023）内0603行初1号, 康巴什区人民法院 ,2023-01-05,准格尔旗自然资源局,王某诉\n"
    "（2023）内0603行初2号,康巴什区人民法院,2023/1/6,\"甲、乙\",\"李某诉\n甲\"\n"
    "（2023）内0603行初3号,康巴什区人民法院,44931,\"丙\"\"局\"\"\",\"张,某\"\r\n"
    "\n"
    "  ,  ,  ,  ,  \n"
    "合计,3件,,,\n";

static size_t mutate(struct rng *r, char *buf, size_t cap)
{
    size_t n = sizeof(base_text) - 1;
    static const char special[] = ",\"\r\n \t";

    memcpy(buf, base_text, n);
    for (unsigned m = 1 + below(r, 6); m > 0; m--) {
        size_t at = below(r, (unsigned)n + 1);
        unsigned op = below(r, 3);
        char c = special[below(r, sizeof(special) - 1)];
        if (op == 0 && n + 1 < cap) { /* insert */
            memmove(buf + at + 1, buf + at, n - at);
            buf[at] = c;
            n++;
        } else if (op == 1 && at < n) { /* delete */
            memmove(buf + at, buf + at + 1, n - at - 1);
            n--;
        } else if (at < n) { /* replace */
            buf[at] = c;
        }
    }
    return n;
}

/* Compare the fast path with libcsv alone on one text. */
static int same_fast_slow(const char *s, size_t n)
{
    struct fy_buf a = FY_BUF_INIT, b = FY_BUF_INIT;
    int same;

    read_text(s, n, 1, 1, 1, &a);
    read_text(s, n, 1, 0, 1, &b);
    same = strcmp(fy_buf_str(&a), fy_buf_str(&b)) == 0;
    if (!same) {
        print_text("fast path differs from libcsv on", s, n);
        fprintf(stderr, "fast:\n%slibcsv:\n%s", fy_buf_str(&a),
                fy_buf_str(&b));
    }
    fy_buf_release(&a);
    fy_buf_release(&b);
    return same;
}

/* Compare reading in parts (cut every @p part bytes) with one reader. */
static int same_in_parts(const char *s, size_t n, size_t part)
{
    struct fy_buf whole = FY_BUF_INIT, parts = FY_BUF_INIT;
    size_t nparts, from = 0;
    size_t *ends = ingest_split(s, n, part, &nparts);
    unsigned long line = 1;
    int same;

    read_text(s, n, 1, 1, 1, &whole);
    for (size_t k = 0; k < nparts; k++) {
        size_t len = ends[k] - from;
        /* a part but the last ends with a record's line break */
        if (k + 1 < nparts && (len == 0 || s[ends[k] - 1] != '\n')) {
            fy_buf_puts(&parts, "BAD CUT\n");
            break;
        }
        read_text(s + from, len, line, 1, k + 1 == nparts, &parts);
        for (size_t i = from; i < ends[k]; i++)
            line += s[i] == '\n';
        from = ends[k];
        /* a failed part ends the reading, as the error ends a file */
        if (strstr(fy_buf_str(&parts), "ERROR"))
            break;
    }
    same = strcmp(fy_buf_str(&whole), fy_buf_str(&parts)) == 0;
    if (!same) {
        print_text("reading in parts differs on", s, n);
        fprintf(stderr, "part size %zu, %zu parts\nwhole:\n%sparts:\n%s",
                part, nparts, fy_buf_str(&whole), fy_buf_str(&parts));
    }
    free(ends);
    fy_buf_release(&whole);
    fy_buf_release(&parts);
    return same;
}

#define GENERATED 300000
#define MUTATED 200000

static void test_csv_fast_path__equals_libcsv(void **state)
{
    struct rng r = {0x9E3779B97F4A7C15ull};
    char buf[2048];
    size_t fails = 0;

    (void)state;
    for (int i = 0; i < GENERATED && fails < 3; i++) {
        size_t n = make_text(&r, buf, sizeof(buf));
        fails += !same_fast_slow(buf, n);
    }
    for (int i = 0; i < MUTATED && fails < 3; i++) {
        size_t n = mutate(&r, buf, sizeof(buf));
        fails += !same_fast_slow(buf, n);
    }
    assert_int_equal(fails, 0);
}

static void test_csv_split__parts_read_as_the_whole(void **state)
{
    struct rng r = {0xD1B54A32D192ED03ull};
    char buf[2048];
    size_t fails = 0;

    (void)state;
    for (int i = 0; i < GENERATED / 3 && fails < 3; i++) {
        size_t n = make_text(&r, buf, sizeof(buf));
        fails += !same_in_parts(buf, n, 1 + below(&r, 24));
    }
    for (int i = 0; i < MUTATED / 3 && fails < 3; i++) {
        size_t n = mutate(&r, buf, sizeof(buf));
        fails += !same_in_parts(buf, n, 1 + below(&r, 64));
    }
    assert_int_equal(fails, 0);
}

/*
 * The case: quoted fields that hold a line break at every
 * position, and a cut wanted after every byte; no part may start inside
 * a quoted field.
 */
static void test_csv_split__line_breaks_in_quotes_at_every_position(
    void **state)
{
    static const char *const breaks[] = {"\n", "\r\n", "\r", "\n\n"};
    const char *field = "鄂尔多斯市,\"东胜区\"人民政府";
    size_t flen = strlen(field);
    struct fy_buf text = FY_BUF_INIT, cell = FY_BUF_INIT;
    size_t fails = 0;

    (void)state;
    for (size_t b = 0; b < sizeof(breaks) / sizeof(breaks[0]); b++) {
        for (size_t at = 0; at <= flen; at++) {
            /* the cell: the field with a line break at byte @p at, quoted */
            fy_buf_reset(&cell);
            fy_buf_putc(&cell, '"');
            for (size_t i = 0; i <= flen; i++) {
                if (i == at)
                    fy_buf_puts(&cell, breaks[b]);
                if (i == flen)
                    break;
                if (field[i] == '"')
                    fy_buf_putc(&cell, '"');
                fy_buf_putc(&cell, field[i]);
            }
            fy_buf_putc(&cell, '"');
            fy_buf_reset(&text);
            fy_buf_puts(&text, "案号,案件名称,被告\n");
            for (int row = 0; row < 6; row++)
                fy_buf_printf(&text, "（2023）内06行初%d号,%s,%s\n", row + 1,
                              row % 2 ? fy_buf_str(&cell) : "名称",
                              fy_buf_str(&cell));
            /* part 1 wants a cut after every record; the others some */
            static const size_t sizes[] = {1, 2, 3, 5, 8, 13, 21, 34, 55};
            for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
                fails += !same_in_parts(text.data, text.len, sizes[k]);
            fails += !same_fast_slow(text.data, text.len);
        }
    }
    fy_buf_release(&text);
    fy_buf_release(&cell);
    assert_int_equal(fails, 0);
}

/* fy_utf8_valid against fy_utf8_decode, character by character. */
static int valid_by_decoding(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

static void test_csv_utf8_valid__equals_decoding(void **state)
{
    struct rng r = {0x2545F4914F6CDD1Dull};
    unsigned char buf[64];
    static const unsigned char bytes[] = {
        'a', ' ', 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
        0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF, 0x90, 0x9F,
        0xA0, 0x8F,
    };
    size_t fails = 0;

    (void)state;
    for (int i = 0; i < 1000000 && fails < 3; i++) {
        size_t n = below(&r, sizeof(buf));
        for (size_t k = 0; k < n; k++)
            buf[k] = below(&r, 4) ? bytes[below(&r, sizeof(bytes))]
                                  : (unsigned char)below(&r, 256);
        if (fy_utf8_valid((const char *)buf, n)
            != valid_by_decoding((const char *)buf, n)) {
            print_text("fy_utf8_valid differs on", (const char *)buf, n);
            fails++;
        }
    }
    assert_int_equal(fails, 0);
}

/* The UTF-8 encoding of @p cp (any value below 2^21, surrogates too). */
static size_t utf8_encode(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A valid text of about @p want bytes: ASCII (mostly digits and commas,
 * as in the case files), two-, three- (mostly Han) and four-byte
 * characters, and the edges of each length. */
static size_t utf8_text(struct rng *r, unsigned char *buf, size_t want)
{
    static const uint32_t edges[] = {
        0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xCFFF, 0xD000,
        0xD7FF, 0xE000, 0xEFFF, 0xF000, 0xFFFD, 0xFFFF, 0x10000, 0x3FFFF,
        0x40000, 0xFFFFF, 0x100000, 0x10FFFF,
    };
    size_t n = 0;

    while (n + 4 <= want) {
        unsigned k = below(r, 16);
        uint32_t cp;
        if (k < 4)
            cp = below(r, 2) ? (uint32_t)("0123456789,\n\""[below(r, 13)])
                             : below(r, 0x80);
        else if (k < 6)
            cp = 0x80 + below(r, 0x800 - 0x80);
        else if (k < 11)
            cp = 0x4E00 + below(r, 0x9FFF - 0x4E00); /* Han */
        else if (k < 13) {
            cp = 0x800 + below(r, 0x10000 - 0x800 - 0x800);
            if (cp >= 0xD800)
                cp += 0x800; /* no surrogates */
        } else if (k < 14)
            cp = 0x10000 + below(r, 0x110000 - 0x10000);
        else
            cp = edges[below(r, sizeof(edges) / sizeof(edges[0]))];
        n += utf8_encode(cp, buf + n);
    }
    return n;
}

/* Bytes and sequences that are not UTF-8 where they are put. */
static const unsigned char *const bad_seqs[] = {
    (const unsigned char *)"\xC0", (const unsigned char *)"\xC1",
    (const unsigned char *)"\xF5", (const unsigned char *)"\xFF",
    (const unsigned char *)"\x80", (const unsigned char *)"\xBF",
    (const unsigned char *)"\xC0\xAF", (const unsigned char *)"\xC1\xBF",
    (const unsigned char *)"\xE0\x80\x80", (const unsigned char *)"\xE0\x9F\xBF",
    (const unsigned char *)"\xED\xA0\x80", (const unsigned char *)"\xED\xBF\xBF",
    (const unsigned char *)"\xF0\x80\x80\x80", (const unsigned char *)"\xF0\x8F\xBF\xBF",
    (const unsigned char *)"\xF4\x90\x80\x80", (const unsigned char *)"\xF7\xBF\xBF\xBF",
    (const unsigned char *)"\xF8\x88\x80\x80", (const unsigned char *)"\xE4\xB8",
    (const unsigned char *)"\xF0\x9F\x98", (const unsigned char *)"\xC3",
};

/* Every check of fy_utf8_valid() on @p buf against decoding: the one it
 * chooses, the scalar one, and the AVX2 one where the machine runs it.
 * Counts the valid texts in @p valid. */
static int utf8_checks_agree(const unsigned char *buf, size_t n, int avx2,
                             size_t *valid)
{
    const char *s = (const char *)buf;
    int want = valid_by_decoding(s, n);
    int ok = fy_utf8_valid(s, n) == want
             && fy_utf8_valid_scalar(s, n) == want;

#if defined(__x86_64__)
    if (avx2)
        ok = ok && fy_utf8_valid_avx2(s, n) == want;
#else
    (void)avx2;
#endif
    *valid += (size_t)want;
    if (!ok)
        print_text("a UTF-8 check differs from decoding on", s, n);
    return ok;
}

static int have_avx2(void)
{
#if defined(__x86_64__)
    return fy_utf8_have_avx2();
#else
    return 0;
#endif
}

/*
 * The vector check against decoding: texts of 0-300 bytes (up to nine
 * 32-byte blocks and a tail) of valid characters, most mutated: a bit
 * flipped, a byte inserted or deleted, a bad byte or sequence put in, a
 * character cut at the end.
 */
static void test_csv_utf8_valid__vector_equals_decoding(void **state)
{
    struct rng r = {0x9E3779B97F4A7C15ull};
    unsigned char buf[320];
    const int N = 3000000;
    int avx2 = have_avx2();
    size_t fails = 0, valid = 0;

    (void)state;
    for (int i = 0; i < N && fails < 3; i++) {
        size_t n = utf8_text(&r, buf, below(&r, 301));
        unsigned muts = below(&r, 4) == 0 ? 0 : 1 + below(&r, 3);
        for (unsigned m = 0; m < muts; m++) {
            size_t at = below(&r, n + 1);
            switch (below(&r, 6)) {
            case 0: /* flip a bit */
                if (at < n)
                    buf[at] ^= (unsigned char)(1u << below(&r, 8));
                break;
            case 1: /* insert a byte */
                if (n < 300) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = (unsigned char)below(&r, 256);
                    n++;
                }
                break;
            case 2: /* delete a byte */
                if (at < n) {
                    memmove(buf + at, buf + at + 1, n - at - 1);
                    n--;
                }
                break;
            case 3: /* overwrite with a bad byte or sequence */
            case 4: {
                const unsigned char *b =
                    bad_seqs[below(&r, sizeof(bad_seqs) / sizeof(bad_seqs[0]))];
                size_t k = strlen((const char *)b);
                if (at + k > n)
                    break;
                memcpy(buf + at, b, k);
                break;
            }
            default: /* cut the text */
                n = at;
                break;
            }
        }
        fails += !utf8_checks_agree(buf, n, avx2, &valid);
    }
    printf("%d texts of 0-300 bytes (%zu valid) checked %s\n", N, valid,
           avx2 ? "by the AVX2, the scalar and the chosen check"
                : "by the scalar check (no AVX2 here)");
    assert_int_equal(fails, 0);
    /* both answers are well represented */
    assert_true(valid > (size_t)N / 5 && valid < (size_t)N * 4 / 5);
}

/*
 * Every place around the 32-byte blocks: valid texts cut at every length,
 * and each byte in turn replaced by bad bytes or the start of a bad
 * sequence, so that a character straddles every block boundary and the
 * boundary between the vector blocks and the scalar tail.
 */
static void test_csv_utf8_valid__every_place_across_blocks(void **state)
{
    struct rng r = {0xD1B54A32D192ED03ull};
    unsigned char text[200], buf[200];
    int avx2 = have_avx2();
    size_t fails = 0, checked = 0, valid = 0;

    (void)state;
    for (int t = 0; t < 400 && fails < 3; t++) {
        size_t n = utf8_text(&r, text, 100 + below(&r, 100));
        for (size_t cut = 0; cut <= n; cut++, checked++)
            fails += !utf8_checks_agree(text, cut, avx2, &valid);
        for (size_t at = 0; at < n; at++) {
            for (size_t b = 0; b < sizeof(bad_seqs) / sizeof(bad_seqs[0]);
                 b++) {
                size_t k = strlen((const char *)bad_seqs[b]);
                if (at + k > n)
                    continue;
                memcpy(buf, text, n);
                memcpy(buf + at, bad_seqs[b], k);
                fails += !utf8_checks_agree(buf, n, avx2, &valid);
                checked++;
            }
        }
    }
    printf("%zu texts (%zu valid) cut or spoilt at every place\n", checked,
           valid);
    assert_int_equal(fails, 0);
}

/* iconv's decoding of s[0..n) from GB18030: 1 and @p out when it all
 * decodes, else 0. */
static int iconv_decode(const char *s, size_t n, struct fy_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    char buf[1024];
    char *ip = (char *)s, *op = buf;
    size_t il = n, ol = sizeof(buf);

    if (cd == (iconv_t)-1)
        return 0;
    size_t res = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    if (res == (size_t)-1 || il != 0)
        return 0;
    fy_buf_append(out, buf, (size_t)(op - buf));
    return 1;
}

/* The table decoder against iconv: wherever it decodes, it gives iconv's
 * bytes; it decodes the two-byte characters and ASCII. */
static void test_csv_gb18030_table__equals_iconv(void **state)
{
    struct ingest_gb18030 *t = ingest_gb18030_table();
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    struct rng r = {0xB5297A4D3F84D5B5ull};
    unsigned char buf[64];
    size_t fails = 0, decoded = 0;
    const int N = 1000000;

    (void)state;
    assert_non_null(t);
    for (int i = 0; i < N && fails < 3; i++) {
        size_t n = 0, want = below(&r, 40);
        while (n + 4 <= want) {
            unsigned k = below(&r, 16);
            if (k < 6) { /* ASCII */
                buf[n++] = (unsigned char)(0x20 + below(&r, 0x5F));
            } else if (k < 14) { /* two bytes, any lead and trail */
                buf[n++] = (unsigned char)(0x81 + below(&r, 0x7E));
                buf[n++] = (unsigned char)(0x40 + below(&r, 0xBF));
            } else if (k < 15) { /* four bytes (some not GB18030) */
                buf[n++] = (unsigned char)(0x81 + below(&r, 0x7E));
                buf[n++] = (unsigned char)(0x30 + below(&r, 10));
                buf[n++] = (unsigned char)(0x81 + below(&r, 0x7E));
                buf[n++] = (unsigned char)(0x30 + below(&r, 10));
            } else { /* any byte */
                buf[n++] = (unsigned char)(1 + below(&r, 255));
            }
        }
        if (below(&r, 8) == 0 && n > 0)
            n--; /* cut at the end */
        struct fy_buf fast = FY_BUF_INIT, slow = FY_BUF_INIT;
        fy_buf_append(&fast, "", 0);
        if (ingest_gb18030_fast(t, cd, (const char *)buf, n, &fast)) {
            decoded++;
            if (!iconv_decode((const char *)buf, n, &slow)
                || fast.len != slow.len
                || memcmp(fast.data, slow.data, fast.len) != 0) {
                print_text("the GB18030 table differs from iconv on",
                           (const char *)buf, n);
                fails++;
            }
        }
        fy_buf_release(&fast);
        fy_buf_release(&slow);
    }
    free(t);
    iconv_close(cd);
    printf("the table decoded %zu of %d texts, each as iconv does\n",
           decoded, N);
    assert_int_equal(fails, 0);
    assert_true(decoded > (size_t)N / 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_fast_path__equals_libcsv),
        cmocka_unit_test(test_csv_split__parts_read_as_the_whole),
        cmocka_unit_test(test_csv_split__line_breaks_in_quotes_at_every_position),
        cmocka_unit_test(test_csv_utf8_valid__equals_decoding),
        cmocka_unit_test(test_csv_utf8_valid__vector_equals_decoding),
        cmocka_unit_test(test_csv_utf8_valid__every_place_across_blocks),
        cmocka_unit_test(test_csv_gb18030_table__equals_iconv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
