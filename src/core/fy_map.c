/* SPDX-License-Identifier: MIT */
/* fy_map.c - a map from 64-bit keys to 32-bit values (linear probing). */
#include "fuyuan/core.h"

#include <stdlib.h>

static size_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (size_t)k;
}

static void resize(struct fy_u64map *m, size_t cap)
{
    uint64_t *keys = fy_xcalloc(cap, sizeof(*keys));
    uint32_t *vals = fy_xcalloc(cap, sizeof(*vals));

    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = mix(m->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
}

uint32_t *fy_u64map_slot(struct fy_u64map *m, uint64_t key, int *added)
{
    if (key == UINT64_MAX)
        FY_BUG("u64map key out of range");
    if ((m->count + 1) * 2 > m->cap)
        resize(m, m->cap ? m->cap * 2 : 64);
    uint64_t k = key + 1;
    size_t j = mix(k) & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != k)
        j = (j + 1) & (m->cap - 1);
    *added = !m->keys[j];
    if (*added) {
        m->keys[j] = k;
        m->vals[j] = 0;
        m->count++;
    }
    return &m->vals[j];
}

const uint32_t *fy_u64map_get(const struct fy_u64map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    uint64_t k = key + 1;
    size_t j = mix(k) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == k)
            return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void fy_u64map_release(struct fy_u64map *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->count = m->cap = 0;
}
