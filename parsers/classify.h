/* classify.h: reading the body of a report into elements (classify.c). */
#ifndef TALKA_PARSERS_CLASSIFY_H
#define TALKA_PARSERS_CLASSIFY_H

#include "parsers/reading.h"

/* Reads tokens i.. of c (everything after the command word) as counts, species,
 * places, dates and unknown words (a date without a year is in this year).
 * Sets *plant_signal when a word says the text reports a planting. */
void pz_classify(struct reading *c, int i, int *plant_signal);

#endif
