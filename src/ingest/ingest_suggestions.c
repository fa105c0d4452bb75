/* SPDX-License-Identifier: MIT */
/*
 * ingest_suggestions.c - the suggestion table of the white paper's 意见建议
 * (white-paper.md, "Suggestions"): data, not code. A CSV with the columns
 * 键 (a finding id, S0 or a loss cause) and 建议 (the paragraph), read like
 * every other input (libcsv, UTF-8 or GB18030). The key is normalised;
 * the paragraph keeps its Chinese punctuation and is only trimmed.
 */
#include "ingest_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sugg_ctx {
    struct fy_suggestions *s;
    int key_col, text_col;        /* -1 until the header is read */
    int have_header;
};

static void put(struct fy_suggestions *s, const char *key, const char *text)
{
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->items[i].key, key) == 0) {
            free(s->items[i].text);
            s->items[i].text = fy_xstrdup(text);
            return;
        }
    }
    FY_GROW(s->items, s->n + 1, s->cap);
    s->items[s->n].key = fy_xstrdup(key);
    s->items[s->n].text = fy_xstrdup(text);
    s->n++;
}

/* @p s without leading and trailing ASCII and ideographic spaces. */
static void trimmed(const char *s, size_t n, struct fy_buf *out)
{
    static const char ideo[] = "\xe3\x80\x80"; /* U+3000 */

    for (;;) {
        if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
            s++, n--;
        } else if (n >= 3 && memcmp(s, ideo, 3) == 0) {
            s += 3, n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        char c = n ? s[n - 1] : 0;
        if (n && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, ideo, 3) == 0)
            n -= 3;
        else
            break;
    }
    fy_buf_reset(out);
    fy_buf_append(out, s, n);
}

static fy_status on_record(const struct ingest_record *rec, void *ctx,
                           struct fy_error *err)
{
    struct sugg_ctx *c = ctx;
    struct fy_buf k = FY_BUF_INIT, t = FY_BUF_INIT;
    struct fy_loc at = {rec->path, rec->line, 0};
    fy_status rc = FY_OK;

    if (!c->have_header) {
        for (size_t i = 0; i < rec->nfields; i++) {
            fy_text_normalize(rec->fields[i], rec->lengths[i], &k);
            const char *h = fy_buf_str(&k);
            if (strcmp(h, "键") == 0 || strcasecmp(h, "key") == 0)
                c->key_col = (int)i;
            if (strcmp(h, "建议") == 0 || strcasecmp(h, "text") == 0)
                c->text_col = (int)i;
        }
        if (c->key_col < 0 || c->text_col < 0)
            rc = fy_fail(err, FY_E_CONFIG, &at,
                         _("the header has no column %s"),
                         c->key_col < 0 ? "键" : "建议");
        c->have_header = 1;
        fy_buf_release(&k);
        return rc;
    }
    if ((size_t)c->key_col >= rec->nfields
        || (size_t)c->text_col >= rec->nfields) {
        at.column = (unsigned long)(c->key_col > c->text_col ? c->key_col
                                                            : c->text_col) + 1;
        return fy_fail(err, FY_E_CONFIG, &at, "%s",
                       _("a suggestion needs a key and a text"));
    }
    fy_text_normalize(rec->fields[c->key_col], rec->lengths[c->key_col], &k);
    trimmed(rec->fields[c->text_col], rec->lengths[c->text_col], &t);
    if (!k.len || !t.len) {
        at.column = (unsigned long)(k.len ? c->text_col : c->key_col) + 1;
        rc = fy_fail(err, FY_E_CONFIG, &at, "%s",
                     _("a suggestion needs a key and a text"));
    } else {
        put(c->s, fy_buf_str(&k), fy_buf_str(&t));
    }
    fy_buf_release(&k);
    fy_buf_release(&t);
    return rc;
}

fy_status fy_suggestions_load(struct fy_suggestions *s, const char *path,
                              const char *encoding, struct fy_error *err)
{
    struct sugg_ctx c = {s, -1, -1, 0};

    return ingest_read_csv(path, encoding, on_record, &c, NULL, err);
}

const char *fy_suggestion_text(const struct fy_suggestions *s,
                               const char *key)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (strcmp(s->items[i].key, key) == 0)
            return s->items[i].text;
    return NULL;
}

void fy_suggestions_release(struct fy_suggestions *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].key);
        free(s->items[i].text);
    }
    free(s->items);
    memset(s, 0, sizeof(*s));
}
