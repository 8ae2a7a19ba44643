/* phone.h: sender numbers normalised to E.164 (+371 by default); alphanumeric
 * senders and short codes are recognised so they are never answered. */
#ifndef TALKA_PHONE_H
#define TALKA_PHONE_H

#include <stddef.h>

enum phone_kind {
    PHONE_E164 = 0,     /* a number we can answer: out holds +CCNNNN... */
    PHONE_SHORTCODE,    /* 3-6 digits: operator services */
    PHONE_ALPHANUMERIC, /* "LMT", "Swedbank" */
    PHONE_INVALID,
};

/* Normalises in (26000001, 0037126000001, 37126000001, +37126000001, with spaces or
 * dashes) into out (>= 20 bytes). */
enum phone_kind phone_normalize(const char *in, char *out, size_t outlen);

/* Splits a configured list of numbers ("+37126000001, 26000002; 0037126000003":
 * commas, semicolons, spaces or tabs between them) into E.164 numbers; entries
 * that are not numbers are skipped. Returns how many were written (at most max). */
int phone_list(const char *list, char out[][32], int max);

#endif
