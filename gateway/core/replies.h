/* replies.h: reply templates per language (config/replies.ini, sections [lv],
 * [ru], [en]) rendered with {placeholders} into ONE SMS segment: Latvian keeps its
 * diacritics when it fits 70 UCS-2 characters, else it is folded to GSM-7 within
 * 160, else KEY_short, then KEY_short with {place} shortened ("Dienvidkurzeme..."),
 * then KEY_tiny; Russian stays Cyrillic within 70. */
#ifndef TALKA_REPLIES_H
#define TALKA_REPLIES_H

#include "gateway/base/sms_text.h"
#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>

struct replies;

struct reply_var {
    const char *name;   /* without braces: "count" */
    const char *value;
};

struct replies *replies_load(const char *path, char *err, size_t errlen);
void replies_free(struct replies *r);

/* The raw template, falling back to lv; NULL when neither has key. */
const char *replies_get(const struct replies *r, enum lang lang, const char *key);

/* Renders key into out (UTF-8, a single line) so it fits one segment, and fills
 * enc with its encoding and segment count. Returns false when no variant fits
 * (out then holds the folded text, which the caller may still send). */
bool replies_render(const struct replies *r, enum lang lang, const char *key,
                    const struct reply_var *vars, int nvars,
                    char *out, size_t outlen, struct sms_info *enc);

/* Like replies_render, but when key's full form does not fit, vars[cut]'s value is
 * shortened (whole characters, ending in "...") until it does, instead of falling
 * back to KEY_short: a staff member's reason reaches the volunteer. *shortened
 * tells whether it was cut. */
bool replies_render_cut(const struct replies *r, enum lang lang, const char *key,
                        struct reply_var *vars, int nvars, int cut, char *out, size_t outlen,
                        struct sms_info *enc, bool *shortened);

/* Every key a complete replies.ini must have in [lv], NULL-terminated; variants
 * (KEY_short, KEY_tiny) are optional and not listed. */
extern const char *const reply_keys[];

#endif
