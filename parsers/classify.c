/* classify.c: the body of a report, read as a free sequence of counts, species,
 * a place and a date in any order, skipping filler words. Each token kind has
 * its reader; each returns the index of the first token it did not use. Names
 * of several words are tried before single words, longest first. */
#include "parsers/classify.h"
#include "parsers/dates.h"
#include "parsers/fuzzy.h"
#include "parsers/hashmap.h"
#include "parsers/lexicon_types.h"
#include "parsers/numbers.h"
#include "parsers/words.h"

#include <assert.h>
#include <limits.h>
#include <string.h>

static void set_date(struct reading *c, int y, int m, int d)
{
    if (c->date_state) return;                  /* the first date named counts */
    if (!pz_date_valid(y, m, d)) { c->date_state = -1; return; }
    c->date_state = 1; c->y = y; c->m = m; c->d = d; c->rel = -1;
}

static long digits_value(const struct token *t)
{
    long v = 0;
    if (t->len > 9) return LONG_MAX / 4;
    for (unsigned i = 0; i < t->len; i++) v = v * 10 + (t->s[i] - '0');
    return v;
}

/* A range of counts, "10-12" (the lower first): 1 with the lower in *lo, the
 * upper in *hi. */
static int range_token(const struct token *t, long *lo, long *hi)
{
    unsigned k = 0, dash = 0;
    long a = 0, b = 0;
    for (; k < t->len; k++) {
        char ch = t->s[k];
        if (ch == '-' && !dash && k > 0 && k < 6) { dash = k; continue; }
        if (ch < '0' || ch > '9' || k - dash > 5) return 0;
        if (dash) b = b * 10 + (ch - '0'); else a = a * 10 + (ch - '0');
    }
    if (!dash || dash + 1 >= t->len || a >= b) return 0;
    *lo = a;
    *hi = b;
    return 1;
}

/* 01.06, 2026-06-01 (a time such as 10:30 is skipped), or a range 10-12. */
static int read_numx(struct reading *c, int i)
{
    const struct token *t = &c->tk->t[i];
    int y, m, d;
    long lo, hi;
    if (t->len <= 11 && t->s[0] != '0' && range_token(t, &lo, &hi) && !(lo >= 1900 && lo <= 2100)) {
        struct elem *e = pz_push(c, E_NUM, i);
        if (e) { e->num = lo; e->range = 1; e->hi = hi; }
        return i + 1;
    }
    if (pz_date_token(c->lex, t->s, t->len, pz_this_year(c), &y, &m, &d) == DT_DATE) set_date(c, y, m, d);
    return i + 1;
}

/* The word between the two counts of a range written in words: "8 līdz 10",
 * "от 8 до 10", "8 to 10" (folded). */
static int range_word(const struct token *t)
{
    static const char *const words[] = { "lidz", "до", "to", NULL };
    for (int k = 0; t->kind == T_WORD && words[k]; k++)
        if (strlen(words[k]) == t->len && !memcmp(words[k], t->s, t->len)) return 1;
    return 0;
}

/* Is token i the word of a range, between a count and a number (not a day
 * before a month word: "no 1. līdz 5. maijam")? */
static int in_range(const struct reading *c, int i)
{
    const struct tokens *tk = c->tk;
    if (!(i > 0 && i + 1 < tk->n && range_word(&tk->t[i]) && tk->t[i - 1].kind == T_NUM &&
          tk->t[i + 1].kind == T_NUM && c->nel > 0 && c->el[c->nel - 1].kind == E_NUM &&
          c->el[c->nel - 1].tok == i - 1))
        return 0;
    int32_t w = i + 2 < tk->n ? pz_word_of(c->lex, &tk->t[i + 2]) : 0;
    return !(w && WORD_KIND(w) == W_MONTH);
}

/* A count in digits ("10 000" too), or a day before a month word ("15. maijā"). */
static int read_number(struct reading *c, int i)
{
    const struct tokens *tk = c->tk;
    const struct token *t = &tk->t[i];
    long v = digits_value(t);
    int worded = i >= 2 && range_word(&tk->t[i - 1]) && in_range(c, i - 1);   /* 8 līdz 10 */
    if ((t->rtail || worded) && c->nel > 0) {            /* 10 - 12: the range's end */
        struct elem *p = &c->el[c->nel - 1];
        if (p->kind == E_NUM && p->tok == i - 1 - worded && !p->range && p->num >= 0 && p->num < v) {
            p->range = 1;
            p->hi = v;
            return i + 1;
        }
    }
    if (i + 1 < tk->n) {
        int32_t w = pz_word_of(c->lex, &tk->t[i + 1]);
        if (w && WORD_KIND(w) == W_MONTH && v >= 1 && v <= 31) {   /* 15. maijā */
            pz_vote(c, WORD_LANG(w), 1);
            int y = pz_this_year(c), used = 2;
            if (i + 2 < tk->n && tk->t[i + 2].kind == T_NUM && tk->t[i + 2].len == 4) {
                y = (int)digits_value(&tk->t[i + 2]);
                used = 3;
            }
            set_date(c, y, WORD_VALUE(w), (int)v);
            return i + used;
        }
        const struct token *nx = &tk->t[i + 1];     /* 10 000 */
        if (nx->kind == T_NUM && nx->len == 3 && t->len <= 3 && v > 0 &&
            nx->start == t->end + 1) {
            v = v * 1000 + digits_value(nx);
            i++;
        }
    }
    struct elem *e = pz_push(c, E_NUM, i);
    if (e) e->num = t->neg ? -v : v;      /* -5 is a count out of range, never 5 */
    return i + 1;
}

/* A species of several words, or a place of several words or with its unit word
 * ("Talsu novadā"); -1 when none starts at i. */
static int read_long_name(struct reading *c, int i)
{
    const struct tokens *tk = c->tk;
    const struct lexicon *lex = c->lex;
    const struct token *t = &tk->t[i];
    int n = tk->n;
    int32_t fw;
    int multi = pz_hm_get(&lex->firstwords, t->s, t->len, &fw, 1);
    for (int L = lex->sp_maxwords < n - i ? lex->sp_maxwords : n - i; multi && L >= 2; L--) {
        int lang, cand[2];
        int sp = pz_species_at(c, i, L, &lang, cand);
        if (sp == -1) continue;
        struct elem *e = pz_push(c, E_SPECIES, i);
        if (e) {
            if (sp >= 0) e->sp = sp;
            else { e->bad = 2; e->sp = cand[0]; e->sp2 = cand[1]; }
        }
        pz_vote(c, lang, 2);
        pz_vote_lv(c, i, L);
        return i + L;
    }
    for (int L = multi ? (lex->pl_maxwords < n - i ? lex->pl_maxwords : n - i) : 1; L >= 1; L--) {
        int cand[PC_MAX], nc;
        int used = pz_place_at(c, i, L, cand, &nc);
        if (!used || (L == 1 && used == 1)) continue;
        struct elem *e = pz_push(c, E_PLACE, i);
        if (e) { memcpy(e->pl, cand, sizeof cand); e->npl = nc; }
        return i + used;
    }
    return -1;
}

/* A weekday (1 Monday .. 7 Sunday) at token i as days back from today: the most
 * recent such day, today included, never one to come; after "last" (pagājušajā,
 * прошлое, last) the one before today. */
static int weekday_back(struct reading *c, int i, int wd)
{
    long today = pz_today(c);
    int now_wd = (int)(((today % 7) + 7 + 3) % 7) + 1;     /* 1970-01-01 was a Thursday */
    int back = (now_wd - wd + 7) % 7;
    int32_t prev = i > 0 ? pz_word_of(c->lex, &c->tk->t[i - 1]) : 0;
    if (back == 0 && prev && WORD_KIND(prev) == W_FILLER && WORD_VALUE(prev) == 'l') back = 7;
    return back;
}

/* Number words ("divdesmit pieci"), relative dates, "June 1", filler and verbs;
 * -1 when the word at i is not in the vocabulary. */
static int read_known_word(struct reading *c, int i, int *plant_signal)
{
    const struct tokens *tk = c->tk;
    const struct lexicon *lex = c->lex;
    int n = tk->n;
    int32_t w = pz_word_of(lex, &tk->t[i]);
    if (!w) return -1;
    int kind = WORD_KIND(w), lang = WORD_LANG(w);
    if (kind == W_NUM) {
        struct numacc a;
        pz_num_start(&a);
        int j = i;
        while (j < n) {
            int32_t wj = pz_word_of(lex, &tk->t[j]);
            if (!wj || WORD_KIND(wj) != W_NUM || !pz_num_feed(&a, WORD_VALUE(wj))) break;
            pz_vote(c, WORD_LANG(wj), 1);
            j++;
        }
        struct elem *e = pz_push(c, E_NUM, i);
        if (e) e->num = pz_num_value(&a);
        return j;
    }
    if (kind == W_DATEREL) {
        if (!c->date_state) { c->date_state = 1; c->rel = WORD_VALUE(w); }
        pz_vote(c, lang, 1);
        return i + 1;
    }
    if (kind == W_WEEKDAY) {
        if (!c->date_state) { c->date_state = 1; c->rel = weekday_back(c, i, WORD_VALUE(w)); }
        pz_vote(c, lang, 1);
        pz_vote_lv(c, i, 1);
        return i + 1;
    }
    if (kind == W_MONTH && i + 1 < n && tk->t[i + 1].kind == T_NUM) {   /* June 1 */
        long d = digits_value(&tk->t[i + 1]);
        if (d >= 1 && d <= 31) {
            pz_vote(c, lang, 1);
            set_date(c, pz_this_year(c), WORD_VALUE(w), (int)d);
            return i + 2;
        }
    }
    if (kind == W_FILLER && WORD_VALUE(w) == 's') c->signature = 1;
    if (kind == W_FILLER && WORD_VALUE(w) == 't' && i + 1 < n && tk->t[i + 1].kind == T_NUM)
        return i + 2;                               /* pulksten 14: a time, not a count */
    if (kind == W_PLANTVERB || (kind == W_CMD && WORD_VALUE(w) == CMD_PLANT))
        *plant_signal = 1;
    pz_vote(c, lang, 1);
    pz_vote_lv(c, i, 1);
    return i + 1;
}

/* One word: a species, a place, both (decided by what is around it), or neither
 * (an unknown word, resolved later by typo distance). */
static int read_single_word(struct reading *c, int i)
{
    const struct tokens *tk = c->tk;
    const struct token *t = &tk->t[i];
    int lang, cand[2], pc[PC_MAX], np = 0;
    int prev_num = c->nel > 0 && c->el[c->nel - 1].kind == E_NUM;
    int next_num = i + 1 < tk->n && tk->t[i + 1].kind == T_NUM;
    if (c->signature && !prev_num && !next_num) return i + 1;   /* "Ar cieņu, Anna" */
    int sp = pz_species_at(c, i, 1, &lang, cand);
    int used = pz_place_at(c, i, 1, pc, &np);
    if (sp != -1 && used) {
        if (pz_has_species(c) && !prev_num && !next_num && !pz_has_place(c)) sp = -1;
        else used = 0;
    }
    if (sp != -1) {
        struct elem *e = pz_push(c, E_SPECIES, i);
        if (e) {
            if (sp >= 0) e->sp = sp;
            else { e->bad = 2; e->sp = cand[0]; e->sp2 = cand[1]; }
        }
        pz_vote(c, lang, 2);
        pz_vote_lv(c, i, 1);
        return i + 1;
    }
    if (used) {
        struct elem *e = pz_push(c, E_PLACE, i);
        if (e) { memcpy(e->pl, pc, sizeof pc); e->npl = np; }
        return i + used;
    }
    unsigned char u[FZ_UNITS_MAX];
    if (pz_to_units(t->s, t->len, u) >= 3 || t->len >= 6) pz_push(c, E_UNK, i);
    pz_vote_lv(c, i, 1);
    return i + 1;
}

void pz_classify(struct reading *c, int i, int *plant_signal)
{
    const struct tokens *tk = c->tk;
    while (i < tk->n) {
        const struct token *t = &tk->t[i];
        int next;
        if (t->kind == T_QMARK || in_range(c, i)) next = i + 1;
        else if (t->kind == T_NUMX) next = read_numx(c, i);
        else if (t->kind == T_NUM) next = read_number(c, i);
        else if ((next = read_long_name(c, i)) < 0 &&
                 (next = read_known_word(c, i, plant_signal)) < 0)
            next = read_single_word(c, i);
        assert(next > i && next <= tk->n);
        i = next;
    }
}
