/* typos.h: unknown words resolved by typo distance (typos.c). */
#ifndef TALKA_PARSERS_TYPOS_H
#define TALKA_PARSERS_TYPOS_H

#include "parsers/reading.h"

/* Turns the unknown words of c into species or places where a slot needs them
 * and one candidate is clearly closest; marks the rest unknown (with the closest
 * name as a suggestion). Spends at most c->fuzzy_left searches. */
void pz_resolve_unknown(struct reading *c);
/* The same for a text that names only a place (the USSD place screen): no
 * unknown word is taken for a species. */
void pz_resolve_place_only(struct reading *c);

#endif
