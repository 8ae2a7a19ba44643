/* dates.h: numeric date tokens (dates.c). */
#ifndef TALKA_PARSERS_DATES_H
#define TALKA_PARSERS_DATES_H

#include "parsers/internal.h"

enum { DT_NONE, DT_DATE, DT_TIME };

/* Classifies a T_NUMX token: DT_DATE (y/m/d filled, not yet validated; ty is the
 * year to use when none is written), DT_TIME (10:30), DT_NONE. */
int pz_date_token(const struct lexicon *lex, const char *s, size_t len, int ty, int *y, int *m,
               int *d);
pcre2_code *pz_date_pattern(void);
void pz_date_format(int y, int m, int d, char out[11]);

#endif
