/* SPDX-License-Identifier: MIT */
/*
 * fy_strpool.c - string interning. Strings live in large chunks that never
 * move, so a string's pointer stays valid until the pool is freed; an
 * open-addressing hash table maps bytes to ids.
 */
#include "fuyuan/core.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (256u * 1024u)

struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
};

struct entry {
    const char *s;
    uint32_t len;
    uint32_t hash;
};

struct fy_strpool {
    struct chunk *chunks;  /* newest first */
    struct entry *ids;     /* id -> string */
    uint32_t count, cap;
    uint32_t *slots;       /* hash table of id+1, 0 = empty */
    uint32_t nslots;       /* power of two */
};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static const char *store(struct fy_strpool *pool, const char *s, size_t n)
{
    struct chunk *c = pool->chunks;

    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK_SIZE ? n + 1 : CHUNK_SIZE;
        c = fy_xmalloc(sizeof(*c) + cap);
        c->used = 0;
        c->cap = cap;
        c->next = pool->chunks;
        pool->chunks = c;
    }
    char *d = c->data + c->used;
    memcpy(d, s, n);
    d[n] = '\0';
    c->used += n + 1;
    return d;
}

static void rehash(struct fy_strpool *pool, uint32_t nslots)
{
    uint32_t *slots = fy_xcalloc(nslots, sizeof(*slots));

    for (uint32_t id = 0; id < pool->count; id++) {
        uint32_t i = pool->ids[id].hash & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = id + 1;
    }
    free(pool->slots);
    pool->slots = slots;
    pool->nslots = nslots;
}

struct fy_strpool *fy_strpool_new(void)
{
    struct fy_strpool *pool = fy_xcalloc(1, sizeof(*pool));

    rehash(pool, 1024);
    fy_strpool_intern(pool, "", 0); /* id 0 = FY_STR_NONE */
    return pool;
}

void fy_strpool_free(struct fy_strpool *pool)
{
    if (!pool)
        return;
    for (struct chunk *c = pool->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(pool->ids);
    free(pool->slots);
    free(pool);
}

static uint32_t lookup(const struct fy_strpool *pool, const char *s, size_t n,
                       uint32_t h, uint32_t *slot)
{
    uint32_t i = h & (pool->nslots - 1);

    while (pool->slots[i]) {
        const struct entry *e = &pool->ids[pool->slots[i] - 1];
        if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) {
            *slot = i;
            return pool->slots[i];
        }
        i = (i + 1) & (pool->nslots - 1);
    }
    *slot = i;
    return 0;
}

uint32_t fy_strpool_intern(struct fy_strpool *pool, const char *s, size_t n)
{
    uint32_t h = hash_bytes(s, n), slot;
    uint32_t found = lookup(pool, s, n, h, &slot);

    if (found)
        return found - 1;
    if (n > UINT32_MAX || pool->count == UINT32_MAX - 1)
        FY_BUG("string pool overflow");
    FY_GROW(pool->ids, (size_t)pool->count + 1, pool->cap);
    struct entry *e = &pool->ids[pool->count];
    e->s = store(pool, s, n);
    e->len = (uint32_t)n;
    e->hash = h;
    pool->slots[slot] = ++pool->count;
    if ((uint64_t)pool->count * 2 > pool->nslots)
        rehash(pool, pool->nslots * 2);
    return pool->count - 1;
}

uint32_t fy_strpool_find(const struct fy_strpool *pool, const char *s,
                         size_t n)
{
    uint32_t slot;
    uint32_t found = lookup(pool, s, n, hash_bytes(s, n), &slot);

    return found ? found - 1 : FY_STR_NONE;
}

const char *fy_strpool_get(const struct fy_strpool *pool, uint32_t id)
{
    if (id >= pool->count)
        FY_BUG("string id %u out of range", id);
    return pool->ids[id].s;
}

size_t fy_strpool_len(const struct fy_strpool *pool, uint32_t id)
{
    if (id >= pool->count)
        FY_BUG("string id %u out of range", id);
    return pool->ids[id].len;
}

uint32_t fy_strpool_count(const struct fy_strpool *pool)
{
    return pool->count;
}
