/* translit.c: people with only a Russian keyboard type Latvian words by their
 * sound in Cyrillic letters (кокс 12 озолс Цесис). This reads such a text back
 * in Latin letters, as folded Latvian (no long marks), so the grammar can try
 * it once more when the Cyrillic reading found nothing. */
#include "parsers/translit.h"
#include "parsers/normalize.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* а..я (U+0430..U+044F): the Latin a Latvian hears; "" for the signs. The
 * iotated vowels (е ё ю я) are "j" + vowel at the start of a word or after a
 * vowel, the bare vowel after a consonant (its softening is ļ ņ ķ in Latvian). */
static const char *const lat[32] = {
    "a", "b", "v", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "h", "c", "c", "s", "s", "", "i", "", "e", "u", "a",
};

static int vowel(int32_t cp)
{
    return cp && strchr("aeiouy", (int)(cp < 128 ? cp : 0)) != NULL;
}

int pz_has_cyrillic(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i + 1 < len; i++)
        if ((s[i] == 0xD0 || s[i] == 0xD1) && (s[i + 1] & 0xC0) == 0x80) return 1;
    return 0;
}

size_t pz_translit_lv(const char *text, size_t len, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    int32_t prev = 0;               /* the last Latin letter written, 0 after a non-letter */
    if (!cap) return 0;
    while (i < len) {
        int32_t cp;
        int l = pz_utf8_decode(s + i, len - i, &cp);
        const char *rep = NULL;
        char one[8];
        int32_t c = cp;
        if (c >= 0x410 && c <= 0x42F) c += 0x20;                 /* upper case */
        if (c == 0x401) c = 0x451;
        if (c >= 0x430 && c <= 0x44F) {
            int iot = c == 0x435 || c == 0x44E || c == 0x44F;     /* е ю я */
            rep = lat[c - 0x430];
            /* е is "je" only at the start of a word (иела → iela, not ijela) */
            if (iot && (prev == 0 || (c != 0x435 && vowel(prev)))) {
                snprintf(one, sizeof one, "j%s", rep);
                rep = one;
            }
            if (c == 0x439 && vowel(prev)) rep = "i";   /* й ends a diphthong: Айзкраукле, Прейли */
        } else if (c == 0x451) {                                   /* ё */
            rep = prev == 0 || vowel(prev) ? "jo" : "o";
        }
        if (rep) {
            size_t rl = strlen(rep);
            if (o + rl + 1 > cap) break;
            memcpy(out + o, rep, rl);
            o += rl;
            if (rl) prev = (unsigned char)rep[rl - 1];
        } else {
            if (o + (size_t)l + 1 > cap) break;
            memcpy(out + o, s + i, (size_t)l);
            o += (size_t)l;
            prev = cp >= 0 && cp < 128 && ((cp | 32) >= 'a' && (cp | 32) <= 'z') ? (cp | 32)
                   : cp >= 0xC0 ? 'x' : 0;
        }
        i += (size_t)l;
    }
    out[o] = 0;
    return o;
}
