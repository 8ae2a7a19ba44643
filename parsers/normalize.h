/* normalize.h: one character at a time, what normalize.c makes of it. */
#ifndef TALKA_PARSERS_NORMALIZE_H
#define TALKA_PARSERS_NORMALIZE_H

#include <stdint.h>

enum char_class { CH_SEP, CH_LAT, CH_CYR, CH_OTHER, CH_DIGIT, CH_JOIN, CH_QMARK, CH_MARK };

/* Folds cp (or -1 for an invalid byte) into *out; returns its class. *lv is set
 * for a Latvian diacritic letter. */
int pz_fold_char(int32_t cp, int32_t *out, int *lv);
/* Homoglyphs: the look-alike in the other script, or 0. */
int32_t pz_cyr_to_lat(int32_t cp);
int32_t pz_lat_to_cyr(int32_t cp);

#endif
