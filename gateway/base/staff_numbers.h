/* staff_numbers.h: who the staff are by number, read in one place (staff_numbers.c):
 * [staff] numbers may send staff commands and hear alerts (reports waiting for
 * review, the broadcasts' daily cap); a service's own [SECTION] alert_numbers,
 * when set, replace them for that service's alerts (a low SIM balance, Kannel
 * refusing texts). */
#ifndef TALKA_STAFF_NUMBERS_H
#define TALKA_STAFF_NUMBERS_H

#include "gateway/base/config.h"

#define STAFF_NUMBERS_MAX 64

struct staff_numbers {
    int n;
    char num[STAFF_NUMBERS_MAX][32];   /* E.164 */
};

/* [staff] numbers into out; with alert_section, that section's alert_numbers
 * when it sets them. */
void staff_numbers_load(const struct config *cfg, const char *alert_section,
                        struct staff_numbers *out);

/* 1-based position of e164 among them, 0 when it is not there. */
int staff_numbers_find(const struct staff_numbers *s, const char *e164);

#endif
