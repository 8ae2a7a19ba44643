/* species.h: the species list and its lookups (species.c). */
#ifndef TALKA_PARSERS_SPECIES_H
#define TALKA_PARSERS_SPECIES_H

#include "parsers/parse.h"

#include <stddef.h>
#include <stdint.h>

/* Lookups by exact id, for code that stores ids. NULL if none. */
const struct species *lexicon_species_by_id(const struct lexicon *lex, const char *id);
size_t lexicon_species_count(const struct lexicon *lex);
const struct species *lexicon_species_at(const struct lexicon *lex, size_t i);

/* Reads species.tsv into lex (while it loads); 0, or -1 with a message in err. */
int pz_load_species(struct lexicon *lex, const char *path, char *err, size_t errlen);
/* Species for a folded key with the generic rule: index, or -1 (none) or -2
 * (ambiguous: the two closest in cand[0..1]). lang gets the form's language. */
int pz_species_lookup(const struct lexicon *lex, const char *key, size_t klen, int *lang,
                   int cand[2]);
/* Everyday name of a species in a language. */
const char *pz_species_name(const struct lexicon *lex, int idx, enum lang l);
/* The typo search's group of a species form value (ctx is the lexicon). */
int32_t pz_species_group(const void *ctx, int32_t val);

#endif
