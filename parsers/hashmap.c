/* hashmap.c: an open-addressing hash map from strings to small integers, built
 * once at load and then only read (safe for any number of reader threads). One
 * key may hold several values (a form shared by two species). */
#include "parsers/hashmap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

uint32_t pz_hm_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

void pz_hm_init(struct hashmap *m, uint32_t expect)
{
    uint32_t cap = 64;
    while (cap < expect * 2) cap <<= 1;
    m->e = calloc(cap, sizeof *m->e);
    m->cap = m->e ? cap : 0;
    assert((cap & (cap - 1)) == 0);     /* probing masks with cap - 1 */
    m->n = 0;
}

void pz_hm_free(struct hashmap *m)
{
    free(m->e);
    m->e = NULL;
    m->cap = m->n = 0;
}

static void put(struct hm_entry *e, uint32_t cap, struct hm_entry x)
{
    uint32_t i = x.hash & (cap - 1);
    while (e[i].hash) i = (i + 1) & (cap - 1);
    e[i] = x;
}

void pz_hm_add(struct hashmap *m, const char *key, int32_t val)
{
    if (!m->cap) return;
    size_t kl = strlen(key);
    uint32_t h = pz_hm_hash(key, kl);
    for (uint32_t i = h & (m->cap - 1); m->e[i].hash; i = (i + 1) & (m->cap - 1))
        if (m->e[i].hash == h && m->e[i].val == val && strcmp(m->e[i].key, key) == 0)
            return;
    if ((m->n + 1) * 2 > m->cap) {
        uint32_t ncap = m->cap * 2;
        struct hm_entry *ne = calloc(ncap, sizeof *ne);
        if (!ne) return;
        for (uint32_t i = 0; i < m->cap; i++)
            if (m->e[i].hash) put(ne, ncap, m->e[i]);
        free(m->e);
        m->e = ne;
        m->cap = ncap;
    }
    struct hm_entry x = { h, val, key };
    put(m->e, m->cap, x);
    m->n++;
    assert(m->n * 2 <= m->cap);         /* free slots end every probe */
}

int pz_hm_get(const struct hashmap *m, const char *key, size_t klen, int32_t *vals, int max)
{
    if (!m->cap) return 0;
    uint32_t h = pz_hm_hash(key, klen);
    int k = 0;
    for (uint32_t i = h & (m->cap - 1); m->e[i].hash; i = (i + 1) & (m->cap - 1)) {
        const struct hm_entry *e = &m->e[i];
        if (e->hash == h && strncmp(e->key, key, klen) == 0 && e->key[klen] == 0) {
            if (k < max) vals[k] = e->val;
            k++;
        }
    }
    return k < max ? k : max;
}

int pz_hm_has(const struct hashmap *m, const char *key, size_t klen, int32_t val)
{
    if (!m->cap) return 0;
    uint32_t h = pz_hm_hash(key, klen);
    for (uint32_t i = h & (m->cap - 1); m->e[i].hash; i = (i + 1) & (m->cap - 1)) {
        const struct hm_entry *e = &m->e[i];
        if (e->hash == h && e->val == val && strncmp(e->key, key, klen) == 0 && e->key[klen] == 0)
            return 1;
    }
    return 0;
}
