/* names.h: how species, places and counts are named to people: the everyday
 * name in the reader's language and "ozols 12 gab." item lists. One place for
 * each (language codes: gateway/base/lang.h). */
#ifndef TALKA_NAMES_H
#define TALKA_NAMES_H

#include "db/plantings.h"
#include "gateway/base/lang.h"
#include "parsers/parse.h"

#include <stddef.h>

/* Everyday name of a species in lang (Latvian when the list has none); "?" for NULL. */
const char *species_name(const struct species *s, enum lang lang);
/* A place's name in lang (Russian where the list has one, else the Latvian name). */
const char *place_name(const struct place *pl, enum lang lang);
/* A municipality's name ("Cēsu novads", "Rīga") in lang, where the lists have it. */
const char *municipality_name(const struct lexicon *lex, const char *municipality, enum lang lang);

/* "ozols 12 gab., liepa 3 gab." / "дуб 12 шт." / "12 pedunculate oaks", "1 birch" */
void format_items(enum lang lang, const struct parse_item *items, int n, char *out, size_t len);
void format_plantings(const struct lexicon *lex, enum lang lang, const struct planting *pl, int n,
                      char *out, size_t len);

#endif
