/* ussd_translit.h: Russian Cyrillic to plain Latin letters (дуб -> dub), for
 * USSD screens configured to show Russian transliterated within 160 GSM-7
 * characters instead of Cyrillic within 70. */
#ifndef TALKA_USSD_TRANSLIT_H
#define TALKA_USSD_TRANSLIT_H

#include <stddef.h>

/* Copies utf8 into out with Cyrillic letters transliterated; others kept. */
void ussd_translit_ru(const char *utf8, char *out, size_t outlen);

#endif
