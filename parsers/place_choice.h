/* place_choice.h: which place a text names (place_choice.c). */
#ifndef TALKA_PARSERS_PLACE_CHOICE_H
#define TALKA_PARSERS_PLACE_CHOICE_H

#include "parsers/reading.h"

/* Picks the place among the place elements of c into out->place: NULL when
 * one is clear, else an error code (ambiguous_place, unknown_place,
 * missing_place) with a suggestion in out->suggestion, in language l; then
 * *guess is the place an unknown name is near (else -1) and choices[0..*nchoices)
 * the places an ambiguous name may be, one per municipality. */
const char *pz_choose_place(struct reading *c, struct parse_result *out, enum lang l, int *guess,
                            int choices[PARSE_MAX_CHOICES], int *nchoices);

#endif
