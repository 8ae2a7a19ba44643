/* fuzzy.h: typo tolerance (fuzzy.c): edit distance over sets of forms grouped by
 * length, in "units" (one byte per letter). */
#ifndef TALKA_PARSERS_FUZZY_H
#define TALKA_PARSERS_FUZZY_H

#include <stddef.h>
#include <stdint.h>

#define FZ_UNITS_MAX 32         /* units of one form at most */

/* One form to match typos against. */
struct fz_cand { const unsigned char *u; uint32_t mask; unsigned char len; int32_t val; };
struct fz_set {
    struct fz_cand *c; size_t n, cap;
    size_t bylen[FZ_UNITS_MAX + 2];     /* start index per length */
    uint32_t *masks;                    /* c[i].mask again, side by side for the scan */
};

void pz_fz_add(struct fz_set *s, const unsigned char *units, size_t len, int32_t val);
void pz_fz_finish(struct fz_set *s);
void pz_fz_free(struct fz_set *s);
/* Folded UTF-8 → units (out holds FZ_UNITS_MAX); returns length (capped at
 * FZ_UNITS_MAX), 0 when it holds a letter with no unit. */
size_t pz_to_units(const char *s, size_t n, unsigned char *out);
/* Optimal-string-alignment distance, giving up above max (returns max + 1). */
int pz_osa_distance(const unsigned char *a, size_t la, const unsigned char *b, size_t lb, int max);

/* Best match in s for u within maxd: fills best value/distance and the best
 * distance of a candidate whose group(val) differs. */
struct fz_result { int32_t best; int dbest; int32_t second; int dsecond; };
void pz_fz_search(const struct fz_set *s, const unsigned char *u, size_t len, int maxd,
               int32_t (*group)(const void *ctx, int32_t val), const void *ctx,
               struct fz_result *r);

#endif
