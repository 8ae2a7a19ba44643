/* dates.h: planting dates (dates.c): the calendar, the local date of an instant,
 * and numeric date tokens. */
#ifndef TALKA_PARSERS_DATES_H
#define TALKA_PARSERS_DATES_H

#include <stddef.h>
#include <time.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

struct lexicon;

/* Civil date of t in the process's local time zone (TZ, set once at start-up,
 * before any thread; the system's zone when unset). Thread-safe. */
void pz_civil_date(time_t t, int *y, int *m, int *d);
/* Days since 1970-01-01 of y-m-d, and back. */
long pz_days_from_civil(int y, int m, int d);
void pz_civil_from_days(long z, int *y, int *m, int *d);
int pz_date_valid(int y, int m, int d);

enum { DT_NONE, DT_DATE, DT_TIME };

/* Classifies a T_NUMX token: DT_DATE (y/m/d filled, not yet validated; ty is the
 * year to use when none is written), DT_TIME (10:30), DT_NONE. */
int pz_date_token(const struct lexicon *lex, const char *s, size_t len, int ty, int *y, int *m,
               int *d);
pcre2_code *pz_date_pattern(void);
void pz_date_format(int y, int m, int d, char out[11]);

#endif
