/* lookup.h: free text naming a place or a species, resolved as a report would
 * resolve it (lookup.c): for the USSD menu, broadcast segments, staff commands. */
#ifndef TALKA_PARSERS_LOOKUP_H
#define TALKA_PARSERS_LOOKUP_H

#include "parsers/parse.h"

#include <stdbool.h>

/* Resolves free text naming a place ("Cēsīs", "Talsu novadā"). NULL when none
 * or several (then *ambiguous, when given, is set). */
const struct place *lexicon_find_place(const struct lexicon *lex, const char *text,
                                       bool *ambiguous);
/* The place free text that names none is nearest to, beyond the typo distance
 * a report accepts silently (for asking "did you mean ...?"); NULL when text
 * names a place, or nothing is near. */
const struct place *lexicon_guess_place(const struct lexicon *lex, const char *text);
/* Resolves free text naming a species ("ozolus", "дуб"), typos included. NULL
 * when none or several (then *ambiguous, when given, is set). */
const struct species *lexicon_find_species(const struct lexicon *lex, const char *text,
                                           bool *ambiguous);

/* The species free text that names none is nearest to, a little beyond the typo
 * distance accepted silently (for "did you mean ...?"); NULL when text names a
 * species, several, or nothing is near. */
const struct species *lexicon_guess_species(const struct lexicon *lex, const char *text);

#endif
