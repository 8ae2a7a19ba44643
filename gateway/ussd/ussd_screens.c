/* ussd_screens.c: loading config/ussd.ini (libgammu's INI reader, as for
 * talka.ini), filling placeholders and fitting text to one USSD screen. */
#include "gateway/ussd/ussd_screens.h"
#include "gateway/base/sms_text.h"
#include "gateway/ussd/ussd_translit.h"
#include "parsers/names.h"

#include <gammu.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ussd_screen_keys[] = {
    "main", "species", "species_more", "count", "place", "place_confirm", "species_confirm", "confirm",
    "place_choice", "saved", "saved_review", "duplicate", "save_failed", "cancelled", "points",
    "points_thanks", "points_none", "points_pending", "points_and_pending", "howto", "lang",
    "expired", "error", "busy", "hint_choice", "hint_count", "hint_species", "hint_place",
    "hint_ambiguous", "hint_retype", NULL,
};

struct ussd_screens {
    INI_Section *ini;
    bool ru_translit;
};

static const char *raw(const struct ussd_screens *s, enum lang lang, const char *key)
{
    const unsigned char *v = INI_GetValue(s->ini, (const unsigned char *)lang_code(lang),
                                          (const unsigned char *)key, FALSE);
    return (const char *)v;
}

struct ussd_screens *ussd_screens_load(const char *path, bool ru_translit,
                                       char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read USSD screens %s", path);
        return NULL;
    }
    fclose(f);
    struct ussd_screens *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->ru_translit = ru_translit;
    if (INI_ReadFile(path, FALSE, &s->ini) != ERR_NONE) {
        snprintf(err, errlen, "cannot parse USSD screens %s", path);
        free(s);
        return NULL;
    }
    static const enum lang langs[] = { LANG_LV, LANG_RU, LANG_EN };
    for (size_t l = 0; l < 3; l++) {
        for (const char *const *k = ussd_screen_keys; *k; k++) {
            const char *v = raw(s, langs[l], *k);
            if (!v || !*v) {
                snprintf(err, errlen, "%s: [%s] has no '%s'", path, lang_code(langs[l]), *k);
                ussd_screens_free(s);
                return NULL;
            }
        }
    }
    return s;
}

void ussd_screens_free(struct ussd_screens *s)
{
    if (!s)
        return;
    INI_Free(s->ini);
    free(s);
}

bool ussd_screens_ru_translit(const struct ussd_screens *s) { return s->ru_translit; }

void ussd_screen_fill(const struct ussd_screens *s, enum lang lang, const char *key,
                      const struct reply_var *vars, int nvars, char *out, size_t outlen)
{
    const char *t = raw(s, lang, key);
    size_t o = 0;
    if (!outlen)
        return;
    out[0] = '\0';
    if (!t)
        return;
    while (*t && o + 1 < outlen) {
        if (t[0] == '\\' && t[1] == 'n') {
            out[o++] = '\n';
            t += 2;
            continue;
        }
        if (*t == '{') {
            const char *close = strchr(t, '}');
            const char *val = NULL;
            if (close) {
                for (int i = 0; i < nvars; i++) {
                    size_t n = strlen(vars[i].name);
                    if ((size_t)(close - t - 1) == n && !strncmp(t + 1, vars[i].name, n)) {
                        val = vars[i].value ? vars[i].value : "";
                        break;
                    }
                }
            }
            if (val) {
                for (; *val && o + 1 < outlen; val++)
                    out[o++] = *val;
                t = close + 1;
                continue;
            }
        }
        out[o++] = *t++;
    }
    out[o] = '\0';
    sms_strip_format(out);   /* typed values must not reorder the screen */
}

static bool wants_gsm7(const struct ussd_screens *s, enum lang lang)
{
    return lang != LANG_RU || s->ru_translit;
}

int ussd_screen_limit(const struct ussd_screens *s, enum lang lang)
{
    return wants_gsm7(s, lang) ? 160 : 70;
}

/* length of the UTF-8 sequence starting at p (1 for a stray byte) */
static size_t seq_len(const unsigned char *p)
{
    size_t n = 1;
    if (p[0] >= 0xC0)
        while (n < 4 && p[n] && (p[n] & 0xC0) == 0x80)
            n++;
    return n;
}

bool ussd_screen_finish(const struct ussd_screens *s, enum lang lang, const char *in,
                        char *out, size_t outlen)
{
    if (!outlen)
        return false;
    if (!wants_gsm7(s, lang)) {
        snprintf(out, outlen, "%s", in);
        return ussd_screen_fits(s, lang, out);
    }
    char *tmp = malloc(outlen * 2 + 1);
    if (!tmp) {
        out[0] = '\0';
        return false;
    }
    if (lang == LANG_RU)
        ussd_translit_ru(in, tmp, outlen * 2 + 1);
    else
        snprintf(tmp, outlen * 2 + 1, "%s", in);
    sms_fold_latvian(tmp, out, outlen);
    /* whatever is still outside GSM-7 (or a control character) becomes '?' */
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)out; *p;) {
        size_t n = seq_len(p);
        char one[5] = { 0 };
        memcpy(one, p, n);
        if ((*p < 0x20 && *p != '\n') || !sms_is_gsm7(one)) {
            out[o++] = '?';
        } else {
            memmove(out + o, p, n);
            o += n;
        }
        p += n;
    }
    out[o] = '\0';
    free(tmp);
    return ussd_screen_fits(s, lang, out);
}

bool ussd_screen_fits(const struct ussd_screens *s, enum lang lang, const char *text)
{
    struct sms_info info;
    sms_measure(text, &info);
    if (wants_gsm7(s, lang))
        return info.encoding == SMS_GSM7 && info.units <= 160;
    return info.units <= 70;
}

void ussd_screen_clip(const struct ussd_screens *s, enum lang lang, char *text)
{
    size_t len = strlen(text);
    while (len > 0 && !ussd_screen_fits(s, lang, text)) {
        do
            len--;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80);
        text[len] = '\0';
    }
}
