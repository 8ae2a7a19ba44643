/* ussd_translit.c: a simple Russian transliteration (BGN-like, no diacritics)
 * so every letter lands in GSM-7: ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya. */
#include "gateway/ussd/ussd_translit.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

/* а..я (U+0430..U+044F) */
static const char *const lower[32] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};

void ussd_translit_ru(const char *utf8, char *out, size_t outlen)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)utf8;
    if (!outlen)
        return;
    while (*s && o + 1 < outlen) {
        uint32_t cp = 0;
        int n = 1;
        if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
            cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
            n = 2;
        }
        const char *rep = NULL;
        int upper = 0;
        if (n == 2 && cp >= 0x0430 && cp <= 0x044F)
            rep = lower[cp - 0x0430];
        else if (n == 2 && cp >= 0x0410 && cp <= 0x042F) {
            rep = lower[cp - 0x0410];
            upper = 1;
        } else if (n == 2 && (cp == 0x0451 || cp == 0x0401)) {
            rep = "e";
            upper = cp == 0x0401;
        }
        if (rep) {
            if (o + strlen(rep) >= outlen)
                break;      /* never half a letter */
            for (size_t i = 0; rep[i]; i++)
                out[o++] = (char)((upper && i == 0) ? toupper((unsigned char)rep[i]) : rep[i]);
            s += n;
            continue;
        }
        /* copy one whole UTF-8 sequence (or one byte) unchanged */
        size_t len = 1;
        if (s[0] >= 0xC0)
            while (s[len] && (s[len] & 0xC0) == 0x80 && len < 4)
                len++;
        if (o + len >= outlen)
            break;
        memcpy(out + o, s, len);
        o += len;
        s += len;
    }
    out[o] = '\0';
}
