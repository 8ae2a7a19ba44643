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
/* What free text naming a place comes to, read as a report reads its place
 * (place_choice.c, typos.c): at most one of place, guess and choices is set. */
struct place_lookup {
    const struct place *place;      /* the place it names (NULL when none or several) */
    bool corrected;                 /* place was read through a typo ("Rujena"), or words
                                       were left unread beside it: confirm it */
    const struct place *guess;      /* an unknown name near this place, beyond the silent
                                       typo distance: ask "did you mean" */
    int nchoices;                   /* a name in several municipalities: one place each */
    const struct place *choices[PARSE_MAX_CHOICES];
};
void lexicon_lookup_place(const struct lexicon *lex, const char *text, struct place_lookup *out);

/* Resolves free text naming a species ("ozolus", "дуб"), typos included. NULL
 * when none or several (then *ambiguous, when given, is set). */
const struct species *lexicon_find_species(const struct lexicon *lex, const char *text,
                                           bool *ambiguous);

/* The species free text that names none is nearest to, a little beyond the typo
 * distance accepted silently (for "did you mean ...?"); NULL when text names a
 * species, several, or nothing is near. */
const struct species *lexicon_guess_species(const struct lexicon *lex, const char *text);

#endif
