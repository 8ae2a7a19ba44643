/* ussd_screens.h: the USSD menu's screen texts (config/ussd.ini, sections [lv],
 * [ru], [en]) filled with {placeholders} and made to fit one USSD screen:
 * Latvian and English folded to GSM-7 within 160 characters; Russian in Cyrillic
 * within 70 UCS-2 characters, or transliterated within 160 (a config choice). */
#ifndef TALKA_USSD_SCREENS_H
#define TALKA_USSD_SCREENS_H

#include "gateway/core/replies.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>

#define USSD_SCREEN_MAX 1024     /* bytes of one rendered screen (UTF-8) */

struct ussd_screens;

/* Every key ussd.ini must have in each language, NULL-terminated. */
extern const char *const ussd_screen_keys[];

/* Loads path; ru_translit picks transliterated Russian. NULL with a message in
 * err when the file cannot be read or a key is missing. */
struct ussd_screens *ussd_screens_load(const char *path, bool ru_translit,
                                       char *err, size_t errlen);
void ussd_screens_free(struct ussd_screens *s);
bool ussd_screens_ru_translit(const struct ussd_screens *s);

/* The template of key with "\n" turned into line breaks and {vars} filled, as
 * UTF-8 (not yet folded): out is "" when the key is unknown. */
void ussd_screen_fill(const struct ussd_screens *s, enum lang lang, const char *key,
                      const struct reply_var *vars, int nvars, char *out, size_t outlen);

/* Turns filled UTF-8 text into what the handset shows: folded (lv, en),
 * transliterated (ru when configured), characters outside GSM-7 replaced by '?'
 * where GSM-7 is required. Returns true when the result fits one screen. */
bool ussd_screen_finish(const struct ussd_screens *s, enum lang lang, const char *in,
                        char *out, size_t outlen);

/* True when finished text fits one screen in lang. */
bool ussd_screen_fits(const struct ussd_screens *s, enum lang lang, const char *text);

/* Shortens finished text (at a character boundary) until it fits. */
void ussd_screen_clip(const struct ussd_screens *s, enum lang lang, char *text);

/* The limit for lang: 160 (GSM-7) or 70 (UCS-2, Cyrillic Russian). */
int ussd_screen_limit(const struct ussd_screens *s, enum lang lang);

#endif
