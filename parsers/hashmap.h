/* hashmap.h: an open-addressing map from strings to small integers (hashmap.c),
 * filled while the lexicon loads and only read afterwards. */
#ifndef TALKA_PARSERS_HASHMAP_H
#define TALKA_PARSERS_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

struct hm_entry { uint32_t hash; int32_t val; const char *key; };   /* hash 0: empty */
struct hashmap { struct hm_entry *e; uint32_t cap, n; };

void pz_hm_init(struct hashmap *m, uint32_t expect);
void pz_hm_free(struct hashmap *m);
/* Adds key→val (key must outlive the map); a duplicate key→val pair is skipped. */
void pz_hm_add(struct hashmap *m, const char *key, int32_t val);
/* Collects up to max values stored under key; returns how many. */
int pz_hm_get(const struct hashmap *m, const char *key, size_t klen, int32_t *vals, int max);
/* Whether key (klen bytes) holds val. */
int pz_hm_has(const struct hashmap *m, const char *key, size_t klen, int32_t val);
uint32_t pz_hm_hash(const char *s, size_t n);

#endif
