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
    "planted", "planted_multi", "pending", "duplicate", "points",
    "registered", "stopped", "started", "help", "help2", "delete_ask", "deleted", "cancelled", "cancel_none",
    "unknown", "empty", "missing_name", "missing_count", "missing_species", "missing_place",
    "unknown_species", "unknown_species_hint", "unknown_place", "unknown_place_hint",
    "ambiguous_species", "ambiguous_place", "count_out_of_range", "bad_date", "future_date",
    "partial_text", "approved", "rejected",
    "staff_approved", "staff_not_waiting", "staff_retry", "staff_approve_usage",
    "staff_message_usage", "staff_wrong_pin", "staff_locked", "staff_queued", "staff_too_long",
    "staff_not_understood", "staff_no_recipients", "staff_config_error", "staff_alert",
    "staff_status_none", "staff_status_line",
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
        if (!INI_GetValue(r->ini, (const unsigned char *)lang_code(LANG_LV),
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
                const char *v = vars[found].value ? vars[found].value : "";
                for (; *v && o + 1 < outlen; v++)
                    out[o++] = (*v == '\n' || *v == '\r' || *v == '\t') ? ' ' : *v;
                p = end + 1;
                /* "5 шт." + ". Ваши очки": one full stop, not two */
                if (o > 0 && out[o - 1] == '.' && *p == '.')
                    p++;
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

/* Tries tpl with vars[cut] shortened a character at a time (whole characters,
 * ending in "...") down to min_chars characters; true when it fits. */
static bool fit_cutting(const char *tpl, enum lang lang, const struct reply_var *vars, int nvars,
                        int cut, size_t min_chars, char *out, size_t outlen,
                        struct sms_info *enc, bool *shortened)
{
    struct reply_var v[32];
    if (cut < 0 || cut >= nvars || nvars > 32)
        return false;
    memcpy(v, vars, sizeof v[0] * (size_t)nvars);
    char val[640];
    snprintf(val, sizeof val, "%s", vars[cut].value ? vars[cut].value : "");
    v[cut].value = val;
    size_t n = strlen(val), chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)val[i] & 0xC0) != 0x80;
    bool ok = try_fit(tpl, lang, v, nvars, out, outlen, enc);
    while (!ok && n > 0 && chars > min_chars) {
        /* drop one character (never half of one), then trailing spaces, add "..." */
        do
            n--;
        while (n > 0 && ((unsigned char)val[n] & 0xC0) == 0x80);
        chars--;
        while (n > 0 && val[n - 1] == ' ')
            n--;
        snprintf(val + n, sizeof val - n, "...");
        *shortened = true;
        ok = try_fit(tpl, lang, v, nvars, out, outlen, enc);
    }
    return ok;
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
        /* before dropping the place altogether (KEY_tiny), shorten it */
        int place = -1;
        for (int k = 0; k < nvars; k++)
            if (!strcmp(vars[k].name, "place"))
                place = k;
        bool cut = false;
        if (i == 0 && stpl && place >= 0 &&
            fit_cutting(stpl, lang, vars, nvars, place, 6, out, outlen, enc, &cut))
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

bool replies_render_cut(const struct replies *r, enum lang lang, const char *key,
                        struct reply_var *vars, int nvars, int cut, char *out, size_t outlen,
                        struct sms_info *enc, bool *shortened)
{
    *shortened = false;
    const char *tpl = lookup(r, lang, key);
    if (!tpl) {
        lang = LANG_LV;
        tpl = lookup(r, lang, key);
    }
    if (tpl && fit_cutting(tpl, lang, vars, nvars, cut, 0, out, outlen, enc, shortened))
        return true;
    *shortened = false;
    return replies_render(r, lang, key, vars, nvars, out, outlen, enc);
}
