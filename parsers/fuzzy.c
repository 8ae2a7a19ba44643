/* fuzzy.c: typo tolerance. Edit distance (optimal string alignment: insertions,
 * deletions, substitutions, swaps of neighbours) over forms bucketed by length,
 * reporting the best candidate and the best one of another group, so that the
 * caller can refuse to guess when two are about equally close. */
#include "parsers/fuzzy.h"
#include "parsers/normalize.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

size_t pz_to_units(const char *s, size_t n, unsigned char *out)
{
    size_t o = 0, i = 0;
    while (i < n && o < FZ_UNITS_MAX) {
        int32_t cp;
        int l = pz_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        i += (size_t)l;
        if (cp >= 0x20 && cp < 0x80) out[o++] = (unsigned char)cp;
        else if (cp >= 0x430 && cp <= 0x44F) out[o++] = (unsigned char)(0xC0 + (cp - 0x430));
        else if (cp >= 0x450 && cp <= 0x45F) out[o++] = (unsigned char)(0xA0 + (cp - 0x450));
        else return 0;
    }
    if (i < n) return 0;
    assert(o <= FZ_UNITS_MAX);
    return o;
}

int pz_osa_distance(const unsigned char *a, size_t la, const unsigned char *b, size_t lb, int max)
{
    int rows[3][FZ_UNITS_MAX + 2];
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    if (la > FZ_UNITS_MAX || lb > FZ_UNITS_MAX) return max + 1;
    if ((int)la - (int)lb > max || (int)lb - (int)la > max) return max + 1;
    for (size_t j = 0; j <= lb; j++) p[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        c[0] = (int)i;
        int rowmin = c[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = p[j] + 1;
            if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
            if (p[j - 1] + cost < v) v = p[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > max) return max + 1;
        int *t = pp; pp = p; p = c; c = t;
    }
    return p[lb] > max ? max + 1 : p[lb];
}

/* The bucket of a unit: a-z and the Cyrillic letters by letter (the two
 * alphabets share buckets), anything else in bucket 31. */
static unsigned bucket(unsigned c)
{
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 0xC0) return (c - 0xC0) & 31;
    return 31;
}

/* Which buckets occur: one edit changes at most two bits, so words whose masks
 * differ in more than 2 * maxd bits cannot be within maxd (a cheap first test). */
static uint32_t letter_mask(const unsigned char *u, size_t n)
{
    uint32_t m = 0;
    for (size_t i = 0; i < n; i++) m |= 1u << bucket(u[i]);
    return m;
}

/* Bits set in m, without a library call (no popcnt instruction is assumed). */
static int bits(uint32_t m)
{
    m = m - ((m >> 1) & 0x55555555u);
    m = (m & 0x33333333u) + ((m >> 2) & 0x33333333u);
    m = (m + (m >> 4)) & 0x0F0F0F0Fu;
    return (int)((m * 0x01010101u) >> 24);
}

/* A lower bound of the distance from the query (its bucket counts in qh; used:
 * the buckets of both) to u:
 * where the query has P units more than u and u has N more than the query,
 * bucket by bucket, a substitution settles at most one of each, an insertion or
 * a deletion one, a swap none; so at least max(P, N) edits are needed. */
static int count_bound(const signed char qh[32], uint32_t used, const unsigned char *u,
                       size_t n)
{
    signed char d[32];
    memcpy(d, qh, sizeof d);
    for (size_t i = 0; i < n; i++) d[bucket(u[i])]--;
    int p = 0, m = 0;
    for (; used; used &= used - 1) {    /* only the buckets either word uses */
        int v = d[__builtin_ctz(used)];
        if (v > 0) p += v;
        else m -= v;
    }
    return p > m ? p : m;
}

void pz_fz_add(struct fz_set *s, const unsigned char *units, size_t len, int32_t val)
{
    if (len == 0 || len > FZ_UNITS_MAX) return;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        struct fz_cand *nc = realloc(s->c, ncap * sizeof *nc);
        if (!nc) return;
        s->c = nc;
        s->cap = ncap;
    }
    unsigned char *u = malloc(len);
    if (!u) return;
    memcpy(u, units, len);
    s->c[s->n].u = u;
    s->c[s->n].len = (unsigned char)len;
    s->c[s->n].mask = letter_mask(units, len);
    s->c[s->n].val = val;
    s->n++;
}

static int by_len(const void *a, const void *b)
{
    const struct fz_cand *x = a, *y = b;
    if (x->len != y->len) return (int)x->len - (int)y->len;
    int c = memcmp(x->u, y->u, x->len);
    if (c) return c;
    return x->val < y->val ? -1 : x->val > y->val;
}

void pz_fz_finish(struct fz_set *s)
{
    if (s->n) qsort(s->c, s->n, sizeof *s->c, by_len);
    size_t w = 0;                       /* drop duplicates */
    for (size_t i = 0; i < s->n; i++) {
        if (w && by_len(&s->c[w - 1], &s->c[i]) == 0) {
            free((void *)s->c[i].u);
            continue;
        }
        s->c[w++] = s->c[i];
    }
    s->n = w;
    free(s->masks);
    s->masks = malloc((s->n ? s->n : 1) * sizeof *s->masks);
    for (size_t i = 0; s->masks && i < s->n; i++) s->masks[i] = s->c[i].mask;
    if (!s->masks) {                    /* out of memory: an empty set matches nothing */
        for (size_t i = 0; i < s->n; i++) free((void *)s->c[i].u);
        s->n = 0;
    }
    size_t k = 0;
    for (int l = 0; l < FZ_UNITS_MAX + 2; l++) {
        while (k < s->n && s->c[k].len < l) k++;
        s->bylen[l] = k;
    }
}

void pz_fz_free(struct fz_set *s)
{
    for (size_t i = 0; i < s->n; i++) free((void *)s->c[i].u);
    free(s->c);
    free(s->masks);
    memset(s, 0, sizeof *s);
}

/* The scan of lengths lo..hi for pz_fz_search; hw: count the mask's bits with
 * the popcnt instruction (the caller checked the processor has one). Inlined
 * into one function per way of counting, so each is compiled for its own. */
static inline __attribute__((always_inline)) void
scan(const struct fz_set *s, const unsigned char *u, size_t len, int maxd, int lo, int hi,
     int32_t (*group)(const void *ctx, int32_t val), const void *ctx, struct fz_result *r,
     int hw)
{
    int32_t gbest = -1;
    uint32_t mask = letter_mask(u, len);
    signed char qh[32] = { 0 };
    for (size_t i = 0; i < len; i++) qh[bucket(u[i])]++;
    /* only a candidate closer than the runner-up can change the answer: lim
     * only shrinks, so a length too far stays too far for the rest of it */
    int lim = maxd;
    for (int l = lo; l <= hi && lim >= 0; l++) {
        int dl = (int)len > l ? (int)len - l : l - (int)len;
        for (size_t i = s->bylen[l]; i < s->bylen[l + 1] && dl <= lim; i++) {
            uint32_t x = mask ^ s->masks[i];
            if ((hw ? __builtin_popcount(x) : bits(x)) > 2 * lim) continue;
            const struct fz_cand *c = &s->c[i];
            if (count_bound(qh, mask | s->masks[i], c->u, c->len) > lim) continue;
            int d = pz_osa_distance(u, len, c->u, c->len, lim);
            if (d > lim) continue;
            int32_t g = group ? group(ctx, c->val) : c->val;
            if (d < r->dbest) {
                if (gbest != g && r->best >= 0) { r->second = r->best; r->dsecond = r->dbest; }
                r->best = c->val; r->dbest = d; gbest = g;
            } else if (g != gbest && d < r->dsecond) {
                r->second = c->val; r->dsecond = d;
            }
            lim = r->dsecond - 1 < maxd ? r->dsecond - 1 : maxd;
            if (lim < 0) break;
        }
    }
}

#define SCAN_ARGS const struct fz_set *s, const unsigned char *u, size_t len, int maxd, \
                  int lo, int hi, int32_t (*group)(const void *, int32_t), const void *ctx, \
                  struct fz_result *r

static void scan_plain(SCAN_ARGS)
{
    scan(s, u, len, maxd, lo, hi, group, ctx, r, 0);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SCAN_POPCNT 1
__attribute__((target("popcnt"))) static void scan_popcnt(SCAN_ARGS)
{
    scan(s, u, len, maxd, lo, hi, group, ctx, r, 1);
}
#endif

void pz_fz_search(const struct fz_set *s, const unsigned char *u, size_t len, int maxd,
               int32_t (*group)(const void *ctx, int32_t val), const void *ctx,
               struct fz_result *r)
{
    r->best = -1; r->dbest = maxd + 1; r->second = -1; r->dsecond = maxd + 1;
    if (len == 0 || len > FZ_UNITS_MAX || !s->n) return;
    int lo = (int)len - maxd, hi = (int)len + maxd;
    if (lo < 1) lo = 1;
    if (hi > FZ_UNITS_MAX) hi = FZ_UNITS_MAX;
    assert(lo <= hi + 1 && s->bylen[lo] <= s->bylen[hi + 1] && s->bylen[hi + 1] <= s->n);
#ifdef HAVE_SCAN_POPCNT
    if (__builtin_cpu_supports("popcnt")) {
        scan_popcnt(s, u, len, maxd, lo, hi, group, ctx, r);
        return;
    }
#endif
    scan_plain(s, u, len, maxd, lo, hi, group, ctx, r);
}
