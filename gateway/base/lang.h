/* lang.h: the languages talka answers in and their codes, in one place
 * (lang.c): Latvian, Russian, English as "lv", "ru", "en"; Latvian for any
 * other code (or none). The codes are what volunteers.lang, USSD sessions,
 * broadcast copies and [ussd] default_lang hold. */
#ifndef TALKA_LANG_H
#define TALKA_LANG_H

enum lang { LANG_LV = 0, LANG_RU, LANG_EN };
#define LANG_COUNT 3

/* "lv", "ru", "en". */
const char *lang_code(enum lang l);
/* "ru" -> LANG_RU, "en" -> LANG_EN; NULL or anything else: LANG_LV. */
enum lang lang_from_code(const char *code);

#endif
