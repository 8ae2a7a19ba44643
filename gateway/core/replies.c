/* replies.c: reply templates (config/replies.ini) rendered to fit one SMS. */
#include "gateway/core/replies.h"
#include "parsers/names.h"

#include <assert.h>
#include <gammu.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct replies {
    INI_Section *ini;
};

const char *const reply_keys[] = {
    "planted", "pending", "duplicate", "points",
    "registered", "stopped", "started", "help", "deleted", "cancelled", "cancel_none",
    "unknown", "empty", "missing_count", "missing_species", "missing_place",
    "unknown_species", "unknown_species_hint", "unknown_place", "unknown_place_hint",
    "ambiguous_species", "ambiguous_place", "count_out_of_range", "bad_date",
    "partial_text", "approved", "rejected",
    "confirm", "confirm_choice", "confirm_declined", "nothing_waiting", NULL
};

struct replies *replies_load(const char *path, char *err, size_t errlen)
{
    struct replies *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (INI_ReadFile(path, FALSE, &r->ini) != ERR_NONE) {
        snprintf(err, errlen, "cannot read reply templates %s", path);
        free(r);
        return NULL;
    }
    for (int i = 0; reply_keys[i]; i++) {
        if (!INI_GetValue(r->ini, (const unsigned char *)"lv",
                          (const unsigned char *)reply_keys[i], FALSE)) {
            snprintf(err, errlen, "reply templates %s: [lv] has no '%s'", path, reply_keys[i]);
            replies_free(r);
            return NULL;
        }
    }
    return r;
}

void replies_free(struct replies *r)
{
    if (!r)
        return;
    INI_Free(r->ini);
    free(r);
}

static const char *lookup(const struct replies *r, enum lang lang, const char *key)
{
    return (const char *)INI_GetValue(r->ini, (const unsigned char *)lang_code(lang),
                                      (const unsigned char *)key, FALSE);
}

const char *replies_get(const struct replies *r, enum lang lang, const char *key)
{
    const char *v = lookup(r, lang, key);
    return v ? v : lookup(r, LANG_LV, key);
}

/* Substitutes {name} placeholders; line breaks and tabs become spaces, invisible
 * format characters (bidirectional overrides) go. */
static void substitute(const char *tpl, const struct reply_var *vars, int nvars,
                       char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = tpl; *p && o + 1 < outlen;) {
        if (*p == '{') {
            const char *end = strchr(p, '}');
            int found = -1;
            if (end) {
                for (int i = 0; i < nvars; i++) {
                    size_t n = strlen(vars[i].name);
                    if ((size_t)(end - p - 1) == n && !strncmp(p + 1, vars[i].name, n)) {
                        found = i;
                        break;
                    }
                }
            }
            if (found >= 0) {
                for (const char *v = vars[found].value ? vars[found].value : ""; *v && o + 1 < outlen; v++)
                    out[o++] = (*v == '\n' || *v == '\r' || *v == '\t') ? ' ' : *v;
                p = end + 1;
                continue;
            }
        }
        out[o++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
        p++;
    }
    out[o] = '\0';
    /* a value someone typed must not reorder or hide the reply around it */
    sms_strip_format(out);
}

/* Tries one template: as is, then folded to GSM-7 (not for Russian). */
static bool try_fit(const char *tpl, enum lang lang, const struct reply_var *vars, int nvars,
                    char *out, size_t outlen, struct sms_info *enc)
{
    char buf[1024];
    substitute(tpl, vars, nvars, buf, sizeof buf);
    sms_measure(buf, enc);
    if (enc->segments == 1) {
        snprintf(out, outlen, "%s", buf);
        return true;
    }
    if (lang == LANG_RU)
        return false;
    sms_fold_latvian(buf, out, outlen);
    sms_measure(out, enc);
    return enc->segments == 1;
}

bool replies_render(const struct replies *r, enum lang lang, const char *key,
                    const struct reply_var *vars, int nvars,
                    char *out, size_t outlen, struct sms_info *enc)
{
    assert(r && key && out && outlen > 0 && nvars >= 0 && (nvars == 0 || vars));
    const char *tpl = lookup(r, lang, key);
    if (!tpl) {
        lang = LANG_LV;  /* a key missing in one language falls back to Latvian */
        tpl = lookup(r, lang, key);
    }
    if (!tpl) {
        snprintf(out, outlen, "?");
        sms_measure(out, enc);
        return false;
    }
    if (try_fit(tpl, lang, vars, nvars, out, outlen, enc))
        return true;
    static const char *const suffixes[] = { "_short", "_tiny" };
    for (int i = 0; i < 2; i++) {
        char shortkey[96];
        snprintf(shortkey, sizeof shortkey, "%s%s", key, suffixes[i]);
        const char *stpl = lookup(r, lang, shortkey);  /* variants never change language */
        if (stpl && try_fit(stpl, lang, vars, nvars, out, outlen, enc))
            return true;
    }
    /* nothing fits: send the folded long form rather than nothing */
    char buf[1024];
    substitute(tpl, vars, nvars, buf, sizeof buf);
    if (lang == LANG_RU)
        snprintf(out, outlen, "%s", buf);
    else
        sms_fold_latvian(buf, out, outlen);
    sms_measure(out, enc);
    return false;
}
