/* lexicon.h: loading and freeing a lexicon (lexicon.c): the species and places
 * lists named in the config, and the word tables. */
#ifndef TALKA_PARSERS_LEXICON_H
#define TALKA_PARSERS_LEXICON_H

#include <stddef.h>

struct lexicon;

/* Loads the lists named in the config: species.tsv and places.tsv. NULL with a
 * message in err on failure. */
struct lexicon *lexicon_load(const char *species_tsv, const char *places_tsv,
                             char *err, size_t errlen);
/* The same with words staff taught added (parsers/taught.h; a word whose target
 * is not in the lists is skipped and counted in *skipped, which may be NULL). */
struct taught_word;
struct lexicon *lexicon_load_taught(const char *species_tsv, const char *places_tsv,
                                    const struct taught_word *words, size_t n, size_t *skipped,
                                    char *err, size_t errlen);
void lexicon_free(struct lexicon *lex);

#endif
