/* SPDX-License-Identifier: MIT */
/*
 * fy_zh.c - the Chinese of a message for the documents, whatever LANG is.
 *
 * Workbooks, PDFs and rejects.csv are Chinese government documents; only
 * what the terminal shows follows LANG. gettext answers in the locale of
 * the process (or of a thread, through uselocale(), but only for a locale
 * generated on the machine: LANG=C on a machine without zh_CN.UTF-8 would
 * still get English). So the program's own zh_CN catalogue, the fuyuan.mo
 * that `make` builds and `make install` installs, is read here directly.
 *
 * The .mo format (GNU gettext manual, "The Format of GNU MO Files"): a
 * header of 32-bit words — magic 0x950412de (in the writer's byte order),
 * revision, N, the offset of the table of original strings, the offset of
 * the table of translations — and two tables of N (length, offset) pairs
 * pointing at NUL-terminated strings; the originals sorted (msgfmt sorts
 * them by bytes), so a msgid is found by binary search. A plural entry's
 * original is "msgid\0msgid_plural" and its translation the forms, NUL
 * separated: zh_CN has one form, the first string. The hash table the
 * file also holds is not needed.
 *
 * The catalogue is loaded once, before any thread starts, and only read
 * after: fy_zh() may be called from any thread.
 */
#include "fuyuan/core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MO_MAGIC 0x950412deu
#define MO_MAX_BYTES (64u << 20)  /* a catalogue is ~100 KiB */

/* The one catalogue of the process, owned by this module. */
static struct {
    char *data;               /* the file's bytes, NUL-terminated */
    size_t size;
    uint32_t n;               /* strings */
    uint32_t orig, trans;     /* offsets of the two tables */
    int swapped;              /* written in the other byte order */
    int sorted;               /* originals in strcmp order: binary search */
    char *missing;            /* the path that failed to load */
    int why;                  /* its errno: ENOENT missing, EINVAL damaged */
} cat;

static uint32_t word(size_t off)
{
    uint32_t w;

    memcpy(&w, cat.data + off, 4);
    if (cat.swapped)
        w = (w >> 24) | ((w >> 8) & 0xff00u) | ((w << 8) & 0xff0000u)
            | (w << 24);
    return w;
}

/* String @p i of the table at @p table, or NULL when it points outside
 * the file or is not NUL-terminated there. */
static const char *entry(uint32_t table, uint32_t i)
{
    size_t at = (size_t)table + 8u * (size_t)i;
    uint32_t len = word(at), off = word(at + 4);

    if ((size_t)off + len >= cat.size || cat.data[off + len] != '\0')
        return NULL;
    return cat.data + off;
}

static void forget(void)
{
    free(cat.data);
    cat.data = NULL;
    cat.size = 0;
    cat.n = 0;
}

/* Check every entry of the loaded bytes; 0 when they make a catalogue. */
static int check(void)
{
    if (cat.size < 28)
        return -1;
    uint32_t magic;
    memcpy(&magic, cat.data, 4);
    if (magic == MO_MAGIC)
        cat.swapped = 0;
    else if (((magic >> 24) | ((magic >> 8) & 0xff00u)
              | ((magic << 8) & 0xff0000u) | (magic << 24)) == MO_MAGIC)
        cat.swapped = 1;
    else
        return -1;
    if ((word(4) >> 16) > 1)  /* major revision 0 or 1 */
        return -1;
    cat.n = word(8);
    cat.orig = word(12);
    cat.trans = word(16);
    if (cat.orig % 4 || cat.trans % 4
        || (uint64_t)cat.orig + 8u * (uint64_t)cat.n > cat.size
        || (uint64_t)cat.trans + 8u * (uint64_t)cat.n > cat.size)
        return -1;
    cat.sorted = 1;
    const char *prev = NULL;
    for (uint32_t i = 0; i < cat.n; i++) {
        const char *o = entry(cat.orig, i);
        if (!o || !entry(cat.trans, i))
            return -1;
        if (prev && strcmp(prev, o) >= 0)
            cat.sorted = 0;
        prev = o;
    }
    return 0;
}

int fy_zh_load(const char *localedir)
{
    char *path = fy_xasprintf("%s/zh_CN/LC_MESSAGES/fuyuan.mo", localedir);
    FILE *f = fopen(path, "rb");
    int rc = -1, why = f ? EINVAL : errno;

    fy_zh_unload();
    if (f) {
        struct fy_buf b = FY_BUF_INIT;
        char chunk[1 << 14];
        size_t got;
        while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0
               && b.len <= MO_MAX_BYTES)
            fy_buf_append(&b, chunk, got);
        if (ferror(f))
            why = errno ? errno : EIO;
        if (!ferror(f) && b.len <= MO_MAX_BYTES) {
            cat.size = b.len;
            cat.data = fy_buf_detach(&b);
            rc = check();
        }
        fy_buf_release(&b);
        fclose(f);
    }
    if (rc != 0) {
        forget();
        cat.missing = path;
        cat.why = why;
    } else {
        free(path);
    }
    return rc;
}

const char *fy_zh(const char *msgid)
{
    if (!cat.data || !*msgid)
        return msgid;
    if (cat.sorted) {
        uint32_t lo = 0, hi = cat.n;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            int c = strcmp(msgid, entry(cat.orig, mid));
            if (c == 0) {
                const char *t = entry(cat.trans, mid);
                return *t ? t : msgid;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        return msgid;
    }
    for (uint32_t i = 0; i < cat.n; i++)
        if (strcmp(msgid, entry(cat.orig, i)) == 0) {
            const char *t = entry(cat.trans, i);
            return *t ? t : msgid;
        }
    return msgid;
}

const char *fy_zh_missing(void)
{
    return cat.missing;
}

int fy_zh_errno(void)
{
    return cat.missing ? cat.why : 0;
}

void fy_zh_unload(void)
{
    forget();
    free(cat.missing);
    cat.missing = NULL;
}
