/* sms_text.c: GSM 03.38 alphabet membership, segment counting and folding of
 * Latvian letters, so replies can be kept to one SMS. */
#include "gateway/base/sms_text.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* GSM 03.38 default alphabet, as Unicode code points (non-ASCII ones listed). */
static const uint32_t gsm7_extra[] = {
    0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8,
    0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
    0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6,
    0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};
/* the extension table: two septets each */
static const uint32_t gsm7_ext[] = { '^', '{', '}', '\\', '[', ']', '~', '|', 0x20AC, '\f' };

/* Decodes one UTF-8 sequence; returns its length (1 for an invalid byte, with
 * *cp = 0xFFFD). */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    int n;
    uint32_t v;
    if (c < 0x80) { *cp = c; return 1; }
    if ((c & 0xE0) == 0xC0) { n = 2; v = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 3; v = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 4; v = c & 0x07; }
    else { *cp = 0xFFFD; return 1; }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

/* septets for cp in GSM-7: 1, 2 (extension) or 0 (not in the alphabet) */
static int gsm7_cost(uint32_t cp)
{
    if (cp == '`')
        return 0;
    if (cp == '\n' || cp == '\r' || (cp >= 0x20 && cp < 0x7F)) {
        for (size_t i = 0; i < sizeof gsm7_ext / sizeof gsm7_ext[0]; i++)
            if (gsm7_ext[i] == cp)
                return 2;
        return 1;
    }
    for (size_t i = 0; i < sizeof gsm7_extra / sizeof gsm7_extra[0]; i++)
        if (gsm7_extra[i] == cp)
            return 1;
    if (cp == 0x20AC || cp == '\f')
        return 2;
    return 0;
}

bool sms_is_gsm7(const char *utf8)
{
    const unsigned char *s = (const unsigned char *)utf8;
    while (*s) {
        uint32_t cp;
        s += utf8_next(s, &cp);
        if (!gsm7_cost(cp))
            return false;
    }
    return true;
}

void sms_measure(const char *utf8, struct sms_info *info)
{
    assert(utf8 && info);
    const unsigned char *s = (const unsigned char *)utf8;
    int septets = 0, units = 0;
    bool gsm = true;
    while (*s) {
        uint32_t cp;
        s += utf8_next(s, &cp);
        int c = gsm7_cost(cp);
        if (!c)
            gsm = false;
        septets += c;
        units += cp > 0xFFFF ? 2 : 1;
    }
    if (gsm) {
        info->encoding = SMS_GSM7;
        info->units = septets;
        info->per_part = septets <= 160 ? 160 : 153;
        info->segments = (septets + info->per_part - 1) / info->per_part;
        if (info->segments < 1)
            info->segments = 1;
    } else {
        info->encoding = SMS_UCS2;
        info->units = units;
        info->per_part = units <= 70 ? 70 : 67;
        info->segments = (units + info->per_part - 1) / info->per_part;
        if (info->segments < 1)
            info->segments = 1;
    }
    assert(info->segments >= 1 && info->units >= 0);
}

/* Latin letters with diacritics → ASCII (Latvian first, then common neighbours). */
static const struct { uint32_t cp; char ascii; } folds[] = {
    {0x0101,'a'},{0x010D,'c'},{0x0113,'e'},{0x0123,'g'},{0x012B,'i'},{0x0137,'k'},
    {0x013C,'l'},{0x0146,'n'},{0x0161,'s'},{0x016B,'u'},{0x017E,'z'},{0x014D,'o'},{0x0157,'r'},
    {0x0100,'A'},{0x010C,'C'},{0x0112,'E'},{0x0122,'G'},{0x012A,'I'},{0x0136,'K'},
    {0x013B,'L'},{0x0145,'N'},{0x0160,'S'},{0x016A,'U'},{0x017D,'Z'},{0x014C,'O'},{0x0156,'R'},
    {0x0105,'a'},{0x0119,'e'},{0x012F,'i'},{0x0173,'u'},{0x0117,'e'},{0x00F5,'o'},{0x00D5,'O'},
    {0x00E1,'a'},{0x00ED,'i'},{0x00F3,'o'},{0x00FA,'u'},{0x00E2,'a'},{0x00EA,'e'},{0x00EE,'i'},
    {0x00F4,'o'},{0x00FB,'u'},{0x201C,'"'},{0x201D,'"'},{0x201E,'"'},{0x2018,'\''},{0x2019,'\''},
    {0x2013,'-'},{0x2014,'-'},{0x2026,'.'},{0x00AB,'"'},{0x00BB,'"'},
};

void sms_fold_latvian(const char *utf8, char *out, size_t outlen)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t o = 0;
    if (!outlen)
        return;
    while (*s) {
        uint32_t cp;
        int n = utf8_next(s, &cp);
        char ascii = 0;
        if (!gsm7_cost(cp))
            for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++)
                if (folds[i].cp == cp)
                    ascii = folds[i].ascii;
        if (ascii) {
            if (o + 1 >= outlen)
                break;
            out[o++] = ascii;
        } else {
            if (o + (size_t)n >= outlen)
                break;
            memcpy(out + o, s, (size_t)n);
            o += (size_t)n;
        }
        s += n;
    }
    out[o] = '\0';
}

const char *sms_encoding_name(enum sms_encoding e) { return e == SMS_GSM7 ? "gsm7" : "ucs2"; }

static bool is_format(uint32_t cp)
{
    return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

size_t sms_strip_format(char *utf8)
{
    unsigned char *s = (unsigned char *)utf8;
    size_t o = 0, i = 0;
    while (s[i]) {
        uint32_t cp;
        int n = utf8_next(s + i, &cp);
        if (!(cp != 0xFFFD && is_format(cp)))
            memmove(s + o, s + i, (size_t)n), o += (size_t)n;
        i += (size_t)n;
    }
    s[o] = '\0';
    return o;
}
