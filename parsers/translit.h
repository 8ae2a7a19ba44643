/* translit.h: Latvian typed in Cyrillic letters, read back in Latin ones
 * (translit.c). */
#ifndef TALKA_PARSERS_TRANSLIT_H
#define TALKA_PARSERS_TRANSLIT_H

#include <stddef.h>

/* Writes text with every Cyrillic letter replaced by the Latin letters a
 * Latvian reads it as (кокс 5 озоли Цесис → koks 5 ozoli Cesis; я, ю, е after
 * a consonant soften it: клява → klava); other bytes are copied. At most cap-1
 * bytes and a NUL; returns the length. */
size_t pz_translit_lv(const char *text, size_t len, char *out, size_t cap);

/* Does text hold a Cyrillic letter? */
int pz_has_cyrillic(const char *text, size_t len);

#endif
