/* numerals.h: numbers with the noun that agrees with them, in each reply
 * language: Latvian 1, 21, 31... koks, 0 koku, otherwise koki; Russian 1, 21
 * дерево, 2-4, 22-24 дерева, 0, 5-20, 11-14 деревьев; English 1 tree, 2 trees;
 * the same for points (21 punkts, 5 баллов, 1 point) and English plurals of
 * species names (25 oaks). */
#ifndef TALKA_NUMERALS_H
#define TALKA_NUMERALS_H

#include "parsers/parse.h"

#include <stddef.h>

/* Which noun form a count takes: 0 the "one" form (koks, дерево, tree), 1 the
 * "few" form (koki, дерева, trees), 2 the "many" form (koku, деревьев, trees). */
int numeral_form(enum lang lang, long n);

/* "21 koks", "5 деревьев", "1 tree" */
void trees_phrase(enum lang lang, long n, char *out, size_t len);

/* "21 punkts", "0 punktu", "5 баллов", "1 point": points with their noun, the one
 * plural rule for points in SMS replies and on the USSD menu. */
void points_phrase(enum lang lang, long n, char *out, size_t len);

/* The English plural of a noun phrase: its last word takes -s, -es or -ies
 * ("pedunculate oak" -> "pedunculate oaks", "birch" -> "birches"). */
void english_plural(const char *name, char *out, size_t len);

#endif
