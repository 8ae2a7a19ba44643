/* places.h: the places list and its lookups (places.c). */
#ifndef TALKA_PARSERS_PLACES_H
#define TALKA_PARSERS_PLACES_H

#include "parsers/parse.h"

#include <stddef.h>
#include <stdint.h>

/* Lookup by exact place name, for code that stores names. NULL if none. */
const struct place *lexicon_place_by_name(const struct lexicon *lex, const char *name);

/* Reads places.tsv into lex (while it loads); 0, or -1 with a message in err. */
int pz_load_places(struct lexicon *lex, const char *path, char *err, size_t errlen);
/* Place candidates for a folded key (up to max indices, best rank first).
 * unit is 0 for a bare name, else 'n', 'p' or 'c'. */
int pz_place_lookup(const struct lexicon *lex, const char *key, size_t klen, int unit,
                 int *out, int max);
/* The typo search's group of a place form value (ctx is the lexicon). */
int32_t pz_place_group(const void *ctx, int32_t val);

#endif
