/* tokens.c: splits a text into folded tokens. Words and numbers are separated
 * (KOKS6 → koks 6, 6gab. → 6 gab), digits keep their date punctuation (01.06,
 * 2026-06-01), look-alike letters are fixed: O and l inside a number are digits
 * (2O → 20, l2 → 12), Cyrillic letters inside a Latin word are Latin and back;
 * a minus sign right before a number marks it negative (-5), a spaced dash
 * between two numbers the second a range's end (10 - 12). */
#include "parsers/tokens.h"
#include "parsers/normalize.h"

#include <assert.h>
#include <limits.h>
#include <string.h>

struct ch { int32_t cp; unsigned char cls; unsigned char lv; unsigned off; };

static int is_letter(int c) { return c == CH_LAT || c == CH_CYR || c == CH_OTHER; }
static int is_digitish(int c) { return c == CH_DIGIT || c == CH_JOIN; }

static int digit_homoglyph(int32_t cp)
{
    switch (cp) {
    case 'o': case 0x43E: return '0';
    case 'l': case 'i': case 0x456: return '1';
    }
    return 0;
}

static void emit(struct tokens *out, struct ch *c, int a, int b, int kind, unsigned end)
{
    if (out->n >= TOK_MAX || a >= b) return;
    size_t need = (size_t)(b - a) * 4 + 1;
    if (out->used + need > sizeof out->buf) return;
    struct token *t = &out->t[out->n];
    char *p = out->buf + out->used;
    size_t o = 0;
    int cyr = 0, lv = 0;
    for (int i = a; i < b; i++) {
        if (c[i].cls == CH_CYR) cyr = 1;
        lv |= c[i].lv;
        o += (size_t)pz_utf8_encode(c[i].cp, p + o);
    }
    assert(o < need && o <= USHRT_MAX);
    p[o] = 0;
    t->s = p;
    t->len = (unsigned short)o;
    t->kind = (unsigned char)kind;
    t->cyr = (unsigned char)cyr;
    t->lv = (unsigned char)lv;
    t->neg = 0;
    t->rtail = 0;
    t->start = c[a].off;
    t->end = end;
    out->used += (unsigned)o + 1;
    out->n++;
    assert(out->n <= TOK_MAX && out->used <= sizeof out->buf);
    if (cyr) out->has_cyr = 1;
}

/* One script per word: the minority's look-alikes become the majority's. */
static void fix_script(struct ch *c, int a, int b)
{
    int lat = 0, cyr = 0, cyr_ok = 1, lat_ok = 1;
    for (int i = a; i < b; i++) {
        lat += c[i].cls == CH_LAT;
        cyr += c[i].cls == CH_CYR;
    }
    if (!lat || !cyr) return;                   /* one script already: most words */
    for (int i = a; i < b; i++) {
        if (c[i].cls == CH_LAT && !pz_lat_to_cyr(c[i].cp)) lat_ok = 0;
        else if (c[i].cls == CH_CYR && !pz_cyr_to_lat(c[i].cp)) cyr_ok = 0;
    }
    int to_lat = lat > cyr || (lat == cyr && cyr_ok) || (lat == cyr && !lat_ok);
    for (int i = a; i < b; i++) {
        if (to_lat && c[i].cls == CH_CYR) {
            int32_t m = pz_cyr_to_lat(c[i].cp);
            if (m) { c[i].cp = m; c[i].cls = CH_LAT; }
        } else if (!to_lat && c[i].cls == CH_LAT) {
            int32_t m = pz_lat_to_cyr(c[i].cp);
            if (m) { c[i].cp = m; c[i].cls = CH_CYR; }
        }
    }
}

static unsigned end_of(struct ch *c, int i, int n, unsigned textlen)
{
    return i < n ? c[i].off : textlen;
}

static void run(struct tokens *out, struct ch *c, int a, int b, int n, unsigned textlen)
{
    int digits = 0, letters = 0, homog = 1, joins = 0;
    for (int i = a; i < b; i++) {
        if (c[i].cls == CH_DIGIT) digits++;
        else if (c[i].cls == CH_JOIN) joins++;
        else { letters++; if (!digit_homoglyph(c[i].cp)) homog = 0; }
    }
    if (digits && letters && homog) {
        for (int i = a; i < b; i++)
            if (is_letter(c[i].cls)) { c[i].cp = digit_homoglyph(c[i].cp); c[i].cls = CH_DIGIT; }
        letters = 0;
    }
    int i = a;
    while (i < b) {
        int j = i;
        if (is_letter(c[i].cls)) {
            while (j < b && is_letter(c[j].cls)) j++;
            fix_script(c, i, j);
            emit(out, c, i, j, T_WORD, end_of(c, j, n, textlen));
        } else {
            int hasjoin = 0;
            while (j < b && is_digitish(c[j].cls)) { if (c[j].cls == CH_JOIN) hasjoin = 1; j++; }
            emit(out, c, i, j, hasjoin ? T_NUMX : T_NUM, end_of(c, j, n, textlen));
        }
        i = j;
    }
}

void pz_tokenize(const char *text, size_t len, struct tokens *out)
{
    static const struct ch zero;
    struct ch c[TEXT_MAX + 1];
    int n = 0;
    const unsigned char *s = (const unsigned char *)text;
    if (len > TEXT_MAX) len = TEXT_MAX;
    out->n = 0; out->used = 0; out->has_cyr = 0; out->has_lv = 0;
    size_t i = 0;
    while (i < len && n < TEXT_MAX) {
        int32_t cp, f;
        int lv;
        int l = pz_utf8_decode(s + i, len - i, &cp);
        int cls = pz_fold_char(cp, &f, &lv);
        if (lv) out->has_lv = 1;
        if (cls == CH_MARK) { i += (size_t)l; continue; }
        c[n].cp = f; c[n].cls = (unsigned char)cls; c[n].lv = (unsigned char)lv; c[n].off = (unsigned)i;
        n++;
        i += (size_t)l;
    }
    c[n] = zero;
    unsigned textlen = (unsigned)i;
    int k = 0, neg = 0, dashes = 0, gap_other = 0;
    while (k < n && out->n < TOK_MAX) {
        int cls = c[k].cls;
        if (cls == CH_QMARK) {
            struct ch q = { '?', CH_QMARK, 0, c[k].off };
            struct ch tmp[2] = { q, zero };
            emit(out, tmp, 0, 1, T_QMARK, c[k].off + 1);
            k++;
            continue;
        }
        if (!is_letter(cls) && cls != CH_DIGIT) {
            /* a minus sign before a number, not between words or digits: -5 */
            neg = c[k].cp == '-' && k + 1 < n && c[k + 1].cls == CH_DIGIT &&
                  (k == 0 || !(is_letter(c[k - 1].cls) || c[k - 1].cls == CH_DIGIT));
            if (c[k].cp == '-') dashes++;
            else if (c[k].cp != ' ') gap_other = 1;
            k++;
            continue;
        }
        int first = out->n;
        int j = k;
        while (j < n) {
            int cj = c[j].cls;
            if (is_letter(cj) || cj == CH_DIGIT) { j++; continue; }
            if (cj == CH_JOIN && j > k && c[j - 1].cls == CH_DIGIT && j + 1 < n &&
                c[j + 1].cls == CH_DIGIT) { j++; continue; }
            break;
        }
        run(out, c, k, j, n, textlen);
        if (out->n > first && out->t[first].kind == T_NUM) {
            /* 10 - 12 (or 10 -12): a range, not a second count nor a negative one */
            if (dashes == 1 && !gap_other && first > 0 && out->t[first - 1].kind == T_NUM)
                out->t[first].rtail = 1;
            else if (neg)
                out->t[first].neg = 1;
        }
        neg = 0;
        dashes = 0;
        gap_other = 0;
        k = j;
    }
}

/* pz_fold_phrase() without the tokenizer, for the phrases a list holds: letters
 * and separators only, each word in one script. Returns 0, leaving the work to
 * the tokenizer, at a digit or a question mark (their own rules), a word of two
 * scripts (fix_script), a long text or one that does not fit out. The places list
 * folds some 17 000 forms at every start: this is most of that start's time. */
#define PLAIN_MAX 256
static int fold_plain(const char *text, size_t len, char *out, size_t cap, size_t *olen)
{
    const unsigned char *s = (const unsigned char *)text;
    char w[PLAIN_MAX * 4 + 4];
    size_t o = 0, wl = 0, i = 0;
    int lat = 0, cyr = 0;
    if (len > PLAIN_MAX || !cap) return 0;
    out[0] = 0;
    for (;;) {
        int cls = CH_SEP, lv;
        int32_t f = ' ';
        if (i < len && s[i] < 0x80) {           /* ASCII: pz_fold_char's first rules */
            int c = s[i++];
            if (c >= 'A' && c <= 'Z') { f = c + 32; cls = CH_LAT; }
            else if (c >= 'a' && c <= 'z') { f = c; cls = CH_LAT; }
            else if ((c >= '0' && c <= '9') || c == '?') return 0;
        } else if (i < len) {
            int32_t cp;
            i += (size_t)pz_utf8_decode(s + i, len - i, &cp);
            cls = pz_fold_char(cp, &f, &lv);
            if (cls == CH_MARK) continue;       /* dropped, as the tokenizer drops it */
            if (cls == CH_DIGIT || cls == CH_QMARK) return 0;
        }
        if (cls == CH_LAT || cls == CH_CYR || cls == CH_OTHER) {
            lat |= cls == CH_LAT;
            cyr |= cls == CH_CYR;
            if (lat && cyr) return 0;
            wl += (size_t)pz_utf8_encode(f, w + wl);
            continue;
        }
        if (wl) {                               /* a separator (or the end) ends a word */
            if (o + wl + 2 > cap) return 0;
            if (o) out[o++] = ' ';
            memcpy(out + o, w, wl);
            o += wl;
            out[o] = 0;
            wl = 0;
            lat = cyr = 0;
        }
        if (i >= len) break;
    }
    *olen = o;
    return 1;
}

size_t pz_fold_phrase(const char *text, char *out, size_t cap)
{
    struct tokens tk;
    size_t o = 0, len = strlen(text);
    if (fold_plain(text, len, out, cap, &o)) return o;
    pz_tokenize(text, len, &tk);
    if (cap) out[0] = 0;
    for (int i = 0; i < tk.n; i++) {
        size_t l = tk.t[i].len;
        if (o + l + 2 > cap) break;
        if (o) out[o++] = ' ';
        memcpy(out + o, tk.t[i].s, l);
        o += l;
        out[o] = 0;
    }
    return o;
}
