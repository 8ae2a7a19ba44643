/* numbers.h: counts written as words (numbers.c): the number words and how they
 * combine ("divdesmit pieci" is 25). */
#ifndef TALKA_PARSERS_NUMBERS_H
#define TALKA_PARSERS_NUMBERS_H

#include "parsers/words.h"

/* Ends with an entry whose text is NULL. */
extern const struct word_def pz_number_words[];

/* Combines number words: feeds values in order; returns 0 when value cannot
 * continue the number built so far (a new number starts). */
struct numacc { long total, cur, last; int n; };
void pz_num_start(struct numacc *a);
int pz_num_feed(struct numacc *a, long value);
long pz_num_value(const struct numacc *a);

#endif
