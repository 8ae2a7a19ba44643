/* normalize.c: UTF-8 decoding that never trusts its input, and the folding of one
 * character: lower case, Latvian (and other Latin) diacritics removed, Cyrillic
 * lower-cased with ё→е, punctuation classified. */
#include "parsers/normalize.h"

#include <string.h>

int pz_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    int len; int32_t v; int32_t min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = -1; return 1; }
    if ((size_t)len > n) { *cp = -1; return 1; }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = -1; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = -1; return 1; }
    *cp = v;
    return len;
}

int pz_utf8_encode(int32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Unicode format characters (category Cf) that change how text around them is
 * shown without being visible: bidirectional overrides and isolates, zero-width
 * joiners and spaces, soft hyphen, BOM, interlinear annotation marks. */
static int format_char(int32_t cp)
{
    return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

size_t pz_utf8_sanitize(const char *src, size_t len, char *dst, size_t cap)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t o = 0, i = 0;
    int space = 0;
    if (cap == 0) return 0;
    while (i < len) {
        int32_t cp;
        int l = pz_utf8_decode(s + i, len - i, &cp);
        i += (size_t)l;
        if (cp < 0 || format_char(cp)) continue;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
            cp == 0x2029 || cp == ' ' || cp == 0xA0) {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 >= cap) break;
            dst[o++] = ' ';
            space = 0;
        }
        if (o + (size_t)l >= cap) break;
        memcpy(dst + o, s + i - (size_t)l, (size_t)l);
        o += (size_t)l;
    }
    dst[o] = 0;
    return o;
}

/* U+00C0..U+017F folded to one ASCII letter (' ' for × and ÷). */
static const char latin_fold[] =
    "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllll"
    "llnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static int latvian_letter(int32_t cp)
{
    switch (cp) {
    case 0x100: case 0x101: case 0x10C: case 0x10D: case 0x112: case 0x113:
    case 0x122: case 0x123: case 0x12A: case 0x12B: case 0x136: case 0x137:
    case 0x13B: case 0x13C: case 0x145: case 0x146: case 0x160: case 0x161:
    case 0x16A: case 0x16B: case 0x17D: case 0x17E:
        return 1;
    }
    return 0;
}

int pz_fold_char(int32_t cp, int32_t *out, int *lv)
{
    *lv = 0;
    if (cp < 0) { *out = ' '; return CH_SEP; }
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') { *out = cp + 32; return CH_LAT; }
        if (cp >= 'a' && cp <= 'z') { *out = cp; return CH_LAT; }
        if (cp >= '0' && cp <= '9') { *out = cp; return CH_DIGIT; }
        *out = cp;
        if (cp == '.' || cp == '-' || cp == '/' || cp == ':') return CH_JOIN;
        if (cp == '?') return CH_QMARK;
        return CH_SEP;
    }
    if (cp >= 0xC0 && cp <= 0x17F) {
        char c = latin_fold[cp - 0xC0];
        *out = (unsigned char)c;
        if (c == ' ') return CH_SEP;
        *lv = latvian_letter(cp);
        return CH_LAT;
    }
    if (cp >= 0x400 && cp <= 0x4FF) {
        if (cp == 0x401 || cp == 0x451) { *out = 0x435; return CH_CYR; }   /* ё → е */
        if (cp >= 0x410 && cp <= 0x42F) { *out = cp + 0x20; return CH_CYR; }
        if (cp >= 0x400 && cp <= 0x40F) { *out = cp + 0x50; return CH_CYR; }
        if (cp >= 0x430 && cp <= 0x45F) { *out = cp; return CH_CYR; }
        if (cp >= 0x460 && cp <= 0x4FF) { *out = cp | 1; return CH_CYR; }
        *out = cp;
        return CH_CYR;
    }
    if ((cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212) { *out = '-'; return CH_JOIN; } /* dashes, minus */
    if (cp >= 0xFF10 && cp <= 0xFF19) { *out = '0' + (cp - 0xFF10); return CH_DIGIT; }
    if (cp == 0xFF1F) { *out = '?'; return CH_QMARK; }
    if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || cp >= 0x1F000 || cp == 0xFEFF ||
        (cp >= 0xE000 && cp <= 0xF8FF)) {
        *out = ' ';
        return CH_SEP;
    }
    if (cp >= 0x300 && cp <= 0x36F) { *out = 0; return CH_MARK; }   /* combining */
    *out = cp;
    return CH_OTHER;
}

/* Cyrillic letters that look like Latin ones, and back. */
int32_t pz_cyr_to_lat(int32_t cp)
{
    switch (cp) {
    case 0x430: return 'a'; case 0x435: return 'e'; case 0x43E: return 'o';
    case 0x440: return 'p'; case 0x441: return 'c'; case 0x443: return 'y';
    case 0x445: return 'x'; case 0x43A: return 'k'; case 0x43C: return 'm';
    case 0x442: return 't'; case 0x432: return 'b'; case 0x43D: return 'h';
    case 0x456: return 'i'; case 0x458: return 'j'; case 0x455: return 's';
    }
    return 0;
}

int32_t pz_lat_to_cyr(int32_t cp)
{
    switch (cp) {
    case 'a': return 0x430; case 'e': return 0x435; case 'o': return 0x43E;
    case 'p': return 0x440; case 'c': return 0x441; case 'y': return 0x443;
    case 'x': return 0x445; case 'k': return 0x43A; case 'm': return 0x43C;
    case 't': return 0x442; case 'b': return 0x432; case 'h': return 0x43D;
    }
    return 0;
}
