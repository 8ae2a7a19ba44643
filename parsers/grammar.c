/* grammar.c: parse_text, the command grammar. The first word may be a command
 * (KOKS, PUNKTI, VĀRDS, STOP, ДЕРЕВО, TREE, ...); a report is then read as a free
 * sequence of counts, species, a place and a date in any order, skipping filler
 * words, and checked: counts pair with the species next to them (3 oši un 2
 * kļavas; LIEPA 4), typos are resolved only when one candidate is clearly closest,
 * and the first problem found becomes the error code. */
#include "parsers/grammar.h"
#include "parsers/lexicon_types.h"
#include "parsers/dates.h"
#include "parsers/fuzzy.h"
#include "parsers/normalize.h"
#include "parsers/numbers.h"
#include "parsers/places.h"
#include "parsers/species.h"
#include "parsers/tokens.h"
#include "parsers/words.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

enum { E_NUM, E_SPECIES, E_PLACE, E_UNK };
#define EL_MAX TOK_MAX
#define PC_MAX 8

struct elem {
    unsigned char kind;
    unsigned char bad;          /* species/place problem: 1 unknown, 2 ambiguous */
    short tok;                  /* first token */
    long num;
    int sp, sp2;                /* species (and the rival when ambiguous) */
    int npl;
    int pl[PC_MAX];             /* place candidates, best first */
};

/* Typo searches are the slow part: a text gets at most this many. */
#define FUZZY_BUDGET 6

struct ctx {
    int fuzzy_left;
    const struct lexicon *lex;
    const struct tokens *tk;
    int votes[4];
    struct elem el[EL_MAX];
    int nel;
    int date_state;             /* 0 none, 1 ok, -1 bad */
    int y, m, d;                /* the date named */
    int rel;                    /* days back, for a relative date (or -1) */
};

static int32_t word_of(const struct lexicon *lex, const struct token *t)
{
    int32_t v[2];
    if (t->kind != T_WORD) return 0;
    return pz_hm_get(&lex->words, t->s, t->len, v, 2) ? v[0] : 0;
}

static void vote(struct ctx *c, int lang, int weight)
{
    if (lang >= 0 && lang < 3) c->votes[lang] += weight;
}

/* Latvian letters in words that are not place names say the text is Latvian. */
static void vote_lv(struct ctx *c, int i, int n)
{
    for (int k = i; k < i + n && k < c->tk->n; k++)
        if (c->tk->t[k].lv) c->votes[LANG_LV] += 1;
}

/* Joins tokens [i, i+n) with spaces; 0 when one is not a word or it is too long. */
static size_t join(const struct tokens *tk, int i, int n, char *buf, size_t cap)
{
    size_t o = 0;
    for (int k = i; k < i + n; k++) {
        const struct token *t = &tk->t[k];
        if (t->kind != T_WORD || o + t->len + 2 > cap) return 0;
        if (k > i) buf[o++] = ' ';
        memcpy(buf + o, t->s, t->len);
        o += t->len;
    }
    buf[o] = 0;
    return o;
}

static struct elem *push(struct ctx *c, int kind, int tok)
{
    if (c->nel >= EL_MAX) return NULL;
    struct elem *e = &c->el[c->nel++];
    memset(e, 0, sizeof *e);
    e->kind = (unsigned char)kind;
    e->tok = (short)tok;
    e->sp = e->sp2 = -1;
    return e;
}

/* A species spanning exactly n tokens at i: index, -2 ambiguous, -1 none. */
static int species_at(struct ctx *c, int i, int n, int *lang, int cand[2])
{
    char key[512];
    size_t kl = join(c->tk, i, n, key, sizeof key);
    if (!kl) return -1;
    return pz_species_lookup(c->lex, key, kl, lang, cand);
}

/* A place at i of n name tokens, optionally followed by a unit word; returns the
 * tokens used (0 when none) and the candidates. */
static int place_at(struct ctx *c, int i, int n, int *cand, int *ncand)
{
    char key[512];
    size_t kl = join(c->tk, i, n, key, sizeof key);
    if (!kl) return 0;
    if (i + n < c->tk->n) {
        int32_t w = word_of(c->lex, &c->tk->t[i + n]);
        if (w && WORD_KIND(w) == W_UNIT) {
            *ncand = pz_place_lookup(c->lex, key, kl, WORD_VALUE(w), cand, PC_MAX);
            if (*ncand) return n + 1;
        }
    }
    *ncand = pz_place_lookup(c->lex, key, kl, 0, cand, PC_MAX);
    return *ncand ? n : 0;
}

static int has_species(const struct ctx *c)
{
    for (int k = 0; k < c->nel; k++)
        if (c->el[k].kind == E_SPECIES) return 1;
    return 0;
}

static int has_place(const struct ctx *c)
{
    for (int k = 0; k < c->nel; k++)
        if (c->el[k].kind == E_PLACE) return 1;
    return 0;
}

static void set_date(struct ctx *c, int y, int m, int d)
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

static int maxdist(size_t len)
{
    if (len < 4) return 0;
    if (len <= 5) return 1;
    if (len <= 11) return 2;
    return 3;
}

/* For a suggestion only: a little further than what is accepted. */
static int loosedist(size_t len)
{
    return len >= 7 ? maxdist(len) + 1 : maxdist(len);
}

/* Reads the body of a report: everything after the command word. */
static void classify(struct ctx *c, int i, int ty, int *plant_signal)
{
    const struct tokens *tk = c->tk;
    const struct lexicon *lex = c->lex;
    int n = tk->n;
    while (i < n) {
        const struct token *t = &tk->t[i];
        if (t->kind == T_QMARK) { i++; continue; }
        if (t->kind == T_NUMX) {
            int y, m, d;
            int r = pz_date_token(lex, t->s, t->len, ty, &y, &m, &d);
            if (r == DT_DATE) set_date(c, y, m, d);
            i++;
            continue;
        }
        if (t->kind == T_NUM) {
            long v = digits_value(t);
            if (i + 1 < n) {
                int32_t w = word_of(lex, &tk->t[i + 1]);
                if (w && WORD_KIND(w) == W_MONTH && v >= 1 && v <= 31) {   /* 15. maijā */
                    vote(c, WORD_LANG(w), 1);
                    int y = ty, used = 2;
                    if (i + 2 < n && tk->t[i + 2].kind == T_NUM && tk->t[i + 2].len == 4) {
                        y = (int)digits_value(&tk->t[i + 2]);
                        used = 3;
                    }
                    set_date(c, y, WORD_VALUE(w), (int)v);
                    i += used;
                    continue;
                }
                const struct token *nx = &tk->t[i + 1];     /* 10 000 */
                if (nx->kind == T_NUM && nx->len == 3 && t->len <= 3 && v > 0 &&
                    nx->start == t->end + 1) {
                    v = v * 1000 + digits_value(nx);
                    i++;
                }
            }
            struct elem *e = push(c, E_NUM, i);
            if (e) e->num = v;
            i++;
            continue;
        }
        /* a word: longest species or place of several words first */
        int done = 0;
        int32_t fw;
        int multi = pz_hm_get(&lex->firstwords, t->s, t->len, &fw, 1);
        for (int L = lex->sp_maxwords < n - i ? lex->sp_maxwords : n - i;
             multi && L >= 2 && !done; L--) {
            int lang, cand[2];
            int sp = species_at(c, i, L, &lang, cand);
            if (sp == -1) continue;
            struct elem *e = push(c, E_SPECIES, i);
            if (e) {
                if (sp >= 0) e->sp = sp;
                else { e->bad = 2; e->sp = cand[0]; e->sp2 = cand[1]; }
            }
            vote(c, lang, 2);
            vote_lv(c, i, L);
            i += L;
            done = 1;
        }
        if (done) continue;
        for (int L = multi ? (lex->pl_maxwords < n - i ? lex->pl_maxwords : n - i) : 1;
             L >= 1 && !done; L--) {
            int cand[PC_MAX], nc;
            int used = place_at(c, i, L, cand, &nc);
            if (!used || (L == 1 && used == 1)) continue;
            struct elem *e = push(c, E_PLACE, i);
            if (e) { memcpy(e->pl, cand, sizeof cand); e->npl = nc; }
            i += used;
            done = 1;
        }
        if (done) continue;
        int32_t w = word_of(lex, t);
        if (w) {
            int kind = WORD_KIND(w), lang = WORD_LANG(w);
            if (kind == W_NUM) {
                struct numacc a;
                pz_num_start(&a);
                int j = i;
                while (j < n) {
                    int32_t wj = word_of(lex, &tk->t[j]);
                    if (!wj || WORD_KIND(wj) != W_NUM || !pz_num_feed(&a, WORD_VALUE(wj))) break;
                    vote(c, WORD_LANG(wj), 1);
                    j++;
                }
                struct elem *e = push(c, E_NUM, i);
                if (e) e->num = pz_num_value(&a);
                i = j;
                continue;
            }
            if (kind == W_DATEREL) {
                if (!c->date_state) { c->date_state = 1; c->rel = WORD_VALUE(w); }
                vote(c, lang, 1);
                i++;
                continue;
            }
            if (kind == W_MONTH && i + 1 < n && tk->t[i + 1].kind == T_NUM) {   /* June 1 */
                long d = digits_value(&tk->t[i + 1]);
                if (d >= 1 && d <= 31) {
                    vote(c, lang, 1);
                    set_date(c, ty, WORD_VALUE(w), (int)d);
                    i += 2;
                    continue;
                }
            }
            if (kind == W_PLANTVERB || (kind == W_CMD && WORD_VALUE(w) == CMD_PLANT))
                *plant_signal = 1;
            vote(c, lang, 1);
            vote_lv(c, i, 1);
            i++;
            continue;
        }
        /* one word: a species, a place, both, or neither */
        int lang, cand[2], pc[PC_MAX], np = 0;
        int sp = species_at(c, i, 1, &lang, cand);
        int used = place_at(c, i, 1, pc, &np);
        if (sp != -1 && used) {
            int prev_num = c->nel > 0 && c->el[c->nel - 1].kind == E_NUM;
            int next_num = i + 1 < n && tk->t[i + 1].kind == T_NUM;
            if (has_species(c) && !prev_num && !next_num && !has_place(c)) sp = -1;
            else used = 0;
        }
        if (sp != -1) {
            struct elem *e = push(c, E_SPECIES, i);
            if (e) {
                if (sp >= 0) e->sp = sp;
                else { e->bad = 2; e->sp = cand[0]; e->sp2 = cand[1]; }
            }
            vote(c, lang, 2);
            vote_lv(c, i, 1);
            i++;
            continue;
        }
        if (used) {
            struct elem *e = push(c, E_PLACE, i);
            if (e) { memcpy(e->pl, pc, sizeof pc); e->npl = np; }
            i += used;
            continue;
        }
        unsigned char u[32];
        if (pz_to_units(t->s, t->len, u) >= 3 || t->len >= 6) push(c, E_UNK, i);
        vote_lv(c, i, 1);
        i++;
    }
}

/* Typo search for one unknown word in one index (species or places). */
static void fuzzy_in(struct ctx *c, const struct token *t, int loose, const struct fz_set *set,
                     int32_t (*group)(const void *, int32_t), struct fz_result *r)
{
    unsigned char u[32];
    size_t ul = pz_to_units(t->s, t->len, u);
    int md = maxdist(ul);
    if (loose) md = loosedist(ul);
    r->best = -1; r->dbest = 99; r->second = -1; r->dsecond = 99;
    if (!ul || !md || c->fuzzy_left <= 0) return;
    c->fuzzy_left--;
    pz_fz_search(set, u, ul, md, group, c->lex, r);
}

static void fuzzy_species(struct ctx *c, const struct token *t, int loose, struct fz_result *r)
{
    fuzzy_in(c, t, loose, &c->lex->spfz, pz_species_group, r);
}

static void fuzzy_place(struct ctx *c, const struct token *t, int loose, struct fz_result *r)
{
    fuzzy_in(c, t, loose, &c->lex->plfz, pz_place_group, r);
}

static void place_label(const struct lexicon *lex, int idx, enum lang l, char *out, size_t cap)
{
    const struct place *p = &lex->pl[idx].pub;
    if (l == LANG_RU && *p->name_ru) snprintf(out, cap, "%s", p->name_ru);
    else snprintf(out, cap, "%s", p->name);
}

/* Resolves unknown words by typo distance, where a slot needs them. */
static void resolve_unknown(struct ctx *c)
{
    /* species slots: next to a count */
    for (int k = 0; k < c->nel; k++) {
        struct elem *e = &c->el[k];
        if (e->kind != E_UNK) continue;
        int after = k > 0 && c->el[k - 1].kind == E_NUM;
        int before = k + 1 < c->nel && c->el[k + 1].kind == E_NUM &&
                     !(k + 2 < c->nel && c->el[k + 2].kind == E_SPECIES);
        if (!after && !before) continue;
        const struct token *t = &c->tk->t[e->tok];
        struct fz_result r;
        fuzzy_species(c, t, 0, &r);
        if (r.best >= 0) {
            e->kind = E_SPECIES;
            e->sp = SPV_IDX(r.best);
            vote(c, SPV_LANG(r.best), 1);
            if (r.dsecond <= r.dbest) { e->bad = 2; e->sp2 = SPV_IDX(r.second); }
            continue;
        }
        if (!has_place(c)) {
            struct fz_result p;
            fuzzy_place(c, t, 0, &p);
            if (p.best >= 0 && p.dsecond > p.dbest) {
                e->kind = E_PLACE;
                e->pl[0] = PLV_IDX(p.best);
                e->npl = 1;
                continue;
            }
        }
        e->kind = E_SPECIES;
        e->bad = 1;
        fuzzy_species(c, t, 1, &r);
        e->sp = r.best >= 0 ? SPV_IDX(r.best) : -1;
    }
    /* no species at all: the closest unknown word */
    if (!has_species(c)) {
        int bk = -1;
        struct fz_result best = { -1, 99, -1, 99 };
        for (int k = 0; k < c->nel; k++) {
            if (c->el[k].kind != E_UNK) continue;
            struct fz_result r;
            fuzzy_species(c, &c->tk->t[c->el[k].tok], 0, &r);
            if (r.best >= 0 && r.dbest < best.dbest) { best = r; bk = k; }
        }
        if (bk >= 0) {
            struct elem *e = &c->el[bk];
            e->kind = E_SPECIES;
            e->sp = SPV_IDX(best.best);
            if (best.dsecond <= best.dbest) { e->bad = 2; e->sp2 = SPV_IDX(best.second); }
        }
    }
    /* no place: the closest unknown word, else the last one is an unknown place */
    if (!has_place(c)) {
        int bk = -1, last = -1;
        struct fz_result best = { -1, 99, -1, 99 };
        for (int k = 0; k < c->nel; k++) {
            if (c->el[k].kind != E_UNK) continue;
            last = k;
            struct fz_result r;
            fuzzy_place(c, &c->tk->t[c->el[k].tok], 0, &r);
            if (r.best >= 0 && r.dbest < best.dbest) { best = r; bk = k; }
        }
        if (bk >= 0) {
            struct elem *e = &c->el[bk];
            e->kind = E_PLACE;
            e->pl[0] = PLV_IDX(best.best);
            e->npl = 1;
            if (best.dsecond <= best.dbest) { e->pl[1] = PLV_IDX(best.second); e->npl = 2; }
        } else if (last >= 0) {
            struct elem *e = &c->el[last];
            struct fz_result r;
            fuzzy_place(c, &c->tk->t[e->tok], 1, &r);
            e->kind = E_PLACE;
            e->bad = 1;
            e->npl = 0;
            if (r.best >= 0) { e->pl[0] = PLV_IDX(r.best); e->npl = 1; }
        }
    }
}

/* The candidates of equal standing at the head of a place element. */
static int head_group(const struct lexicon *lex, const struct elem *e)
{
    int k = 1;
    while (k < e->npl && lex->pl[e->pl[k]].rank == lex->pl[e->pl[0]].rank) k++;
    return k;
}

static int muni_of(const struct lexicon *lex, int idx)
{
    return lex->pl[idx].muni >= 0 ? lex->pl[idx].muni : idx;
}

/* Picks the place among all place elements; 0 ok, else an error code. */
static const char *choose_place(struct ctx *c, struct parse_result *out, enum lang l)
{
    const struct lexicon *lex = c->lex;
    int chosen[EL_MAX], nch = 0, amb = -1, unknown = -1;
    int munis[EL_MAX], nm = 0;
    /* unambiguous elements fix the municipality */
    for (int k = 0; k < c->nel; k++) {
        struct elem *e = &c->el[k];
        if (e->kind != E_PLACE) continue;
        if (e->bad) { if (unknown < 0) unknown = k; continue; }
        int h = head_group(lex, e), same = 1;
        for (int j = 1; j < h; j++) same &= muni_of(lex, e->pl[j]) == muni_of(lex, e->pl[0]);
        if (same) { chosen[nch++] = e->pl[0]; munis[nm++] = muni_of(lex, e->pl[0]); }
    }
    for (int k = 0; k < c->nel; k++) {
        struct elem *e = &c->el[k];
        if (e->kind != E_PLACE || e->bad) continue;
        int h = head_group(lex, e), same = 1;
        for (int j = 1; j < h; j++) same &= muni_of(lex, e->pl[j]) == muni_of(lex, e->pl[0]);
        if (same) continue;
        int pick = -1, hits = 0;
        for (int j = 0; j < e->npl; j++)
            for (int q = 0; q < nm; q++)
                if (muni_of(lex, e->pl[j]) == munis[q]) {
                    if (pick < 0 || muni_of(lex, pick) != munis[q]) hits++;
                    if (pick < 0) pick = e->pl[j];
                    break;
                }
        if (pick >= 0 && hits == 1) chosen[nch++] = pick;
        else if (amb < 0) amb = k;
    }
    if (nch == 0) {
        if (amb >= 0) {
            const struct elem *e = &c->el[amb];
            const struct place *p = &lex->pl[e->pl[0]].pub;
            snprintf(out->suggestion, sizeof out->suggestion, "%s, %s", p->name, p->municipality);
            return "ambiguous_place";
        }
        if (unknown >= 0) {
            const struct elem *e = &c->el[unknown];
            if (e->npl) place_label(lex, e->pl[0], l, out->suggestion, sizeof out->suggestion);
            return "unknown_place";
        }
        return "missing_place";
    }
    /* the most specific: a parish or town over a novads */
    int best = chosen[0];
    for (int k = 1; k < nch; k++) {
        int r = lex->pl[chosen[k]].rank, rb = lex->pl[best].rank;
        int spec = r != 2 && !(r == 0 && lex->pl[chosen[k]].muni == chosen[k]);
        int specb = rb != 2 && !(rb == 0 && lex->pl[best].muni == best);
        if (spec && !specb && muni_of(lex, chosen[k]) == muni_of(lex, best)) best = chosen[k];
    }
    out->place = &lex->pl[best].pub;
    return NULL;
}

static enum lang pick_lang(const struct ctx *c)
{
    enum lang l = LANG_LV;
    int best = c->votes[LANG_LV];
    if (c->votes[LANG_RU] > best) { l = LANG_RU; best = c->votes[LANG_RU]; }
    if (c->votes[LANG_EN] > best) l = LANG_EN;
    return l;
}

static void fail(struct parse_result *out, const char *code)
{
    out->ok = false;
    out->error = code;
    out->nitems = 0;
    out->place = NULL;
    out->date[0] = 0;
}

static void report(struct ctx *c, struct parse_result *out, const struct parse_options *o,
                   time_t now, int plant_signal, int explicit_cmd)
{
    const struct lexicon *lex = c->lex;
    resolve_unknown(c);
    enum lang l = pick_lang(c);
    out->lang = l;
    int nnum = 0, nsp = 0;
    for (int k = 0; k < c->nel; k++) {
        nnum += c->el[k].kind == E_NUM;
        nsp += c->el[k].kind == E_SPECIES;
    }
    if (!explicit_cmd && !plant_signal && nsp == 0 && nnum == 0) {
        out->command = CMD_UNKNOWN;
        fail(out, "unknown_command");
        return;
    }
    out->command = CMD_PLANT;
    /* species problems first: they carry the most useful suggestion */
    for (int k = 0; k < c->nel; k++) {
        const struct elem *e = &c->el[k];
        if (e->kind != E_SPECIES || !e->bad) continue;
        fail(out, e->bad == 2 ? "ambiguous_species" : "unknown_species");
        if (e->sp >= 0)
            snprintf(out->suggestion, sizeof out->suggestion, "%s", pz_species_name(lex, e->sp, l));
        return;
    }
    /* pair counts with species: "3 oši un 2 kļavas", "LIEPA 4" */
    long pend_num = -1;
    int pend_sp = -1, extra_num = 0, extra_sp = 0;
    for (int k = 0; k < c->nel; k++) {
        const struct elem *e = &c->el[k];
        if (e->kind == E_NUM) {
            if (pend_sp >= 0) { pend_num = e->num; }
            else if (pend_num >= 0) { extra_num = 1; continue; }
            else { pend_num = e->num; continue; }
        } else if (e->kind == E_SPECIES) {
            if (pend_num < 0) {
                if (pend_sp >= 0) extra_sp = 1;
                pend_sp = e->sp;
                continue;
            }
            pend_sp = e->sp;
        } else {
            continue;
        }
        /* a pair is complete */
        int merged = 0;
        for (int j = 0; j < out->nitems; j++)
            if (out->items[j].species == &lex->sp[pend_sp].pub) {
                out->items[j].count += pend_num;
                if (out->items[j].count > LONG_MAX / 8) out->items[j].count = LONG_MAX / 8;
                merged = 1;
            }
        if (!merged && out->nitems < PARSE_MAX_ITEMS) {
            out->items[out->nitems].species = &lex->sp[pend_sp].pub;
            out->items[out->nitems].count = pend_num;
            out->nitems++;
        }
        pend_num = -1;
        pend_sp = -1;
    }
    if (pend_num >= 0 || extra_num || (out->nitems == 0 && nsp == 0)) {
        fail(out, nnum > 0 ? "missing_species" : "missing_count");
        return;
    }
    if (pend_sp >= 0 || extra_sp || out->nitems == 0) {
        fail(out, "missing_count");
        return;
    }
    for (int j = 0; j < out->nitems; j++)
        if (out->items[j].count < o->min_count || out->items[j].count > o->max_count) {
            fail(out, "count_out_of_range");
            return;
        }
    const char *perr = choose_place(c, out, l);
    if (perr) {
        char keep[sizeof out->suggestion];
        memcpy(keep, out->suggestion, sizeof keep);
        fail(out, perr);
        memcpy(out->suggestion, keep, sizeof keep);
        return;
    }
    if (c->date_state < 0) {
        fail(out, "bad_date");
        return;
    }
    if (c->date_state > 0) {
        int ty, tm, td;
        pz_civil_date(now, o->timezone, &ty, &tm, &td);
        long today = pz_days_from_civil(ty, tm, td);
        long day = c->rel >= 0 ? today - c->rel : pz_days_from_civil(c->y, c->m, c->d);
        if (day > today) {
            fail(out, "bad_date");
            return;
        }
        int y, m, d;
        pz_civil_from_days(day, &y, &m, &d);
        pz_date_format(y, m, d, out->date);
    }
    out->ok = true;
}

void parse_text(const struct lexicon *lex, const char *text, size_t len, time_t now,
                const struct parse_options *opts, struct parse_result *out)
{
    static const struct parse_options defaults = { 1, 10000, "Europe/Riga" };
    struct parse_options o = opts ? *opts : defaults;
    if (o.min_count <= 0 && o.max_count <= 0) { o.min_count = 1; o.max_count = 10000; }
    if (!o.timezone) o.timezone = defaults.timezone;

    memset(out, 0, sizeof *out);
    out->command = CMD_UNKNOWN;
    out->lang = LANG_LV;
    out->lex = lex;
    if (!lex || (!text && len)) { fail(out, "empty"); return; }

    struct tokens tk;
    pz_tokenize(text ? text : "", text ? len : 0, &tk);
    struct ctx c;
    c.lex = lex; c.tk = &tk; c.nel = 0; c.date_state = 0; c.rel = -1; c.fuzzy_left = FUZZY_BUDGET;
    memset(c.votes, 0, sizeof c.votes);
    if (tk.has_cyr) c.votes[LANG_RU] += 5;

    if (tk.n == 0) { fail(out, "empty"); return; }
    int qonly = 1;
    for (int k = 0; k < tk.n; k++) qonly &= tk.t[k].kind == T_QMARK;
    if (qonly) { out->command = CMD_HELP; out->ok = true; out->lang = pick_lang(&c); return; }

    int i = 0;
    while (i < tk.n) {
        int32_t w = word_of(lex, &tk.t[i]);
        if (tk.t[i].kind == T_QMARK || (w && WORD_KIND(w) == W_GREETING)) {
            if (w) vote(&c, WORD_LANG(w), 1);
            i++;
            continue;
        }
        break;
    }
    if (i >= tk.n) { fail(out, "unknown_command"); out->lang = pick_lang(&c); return; }

    enum command cmd = CMD_UNKNOWN;
    const struct token *first = &tk.t[i];
    int32_t w = word_of(lex, first);
    if (w && WORD_KIND(w) == W_CMD) {
        cmd = (enum command)WORD_VALUE(w);
        vote(&c, WORD_LANG(w), 2);
        vote_lv(&c, i, 1);
        i++;
    } else if (!w && first->kind == T_WORD) {
        int lang, cand[2], pc[PC_MAX], np;
        if (species_at(&c, i, 1, &lang, cand) == -1 && !place_at(&c, i, 1, pc, &np)) {
            unsigned char u[32];
            size_t ul = pz_to_units(first->s, first->len, u);
            struct fz_result r;
            if (ul >= 4) {
                pz_fz_search(&lex->cmdfz, u, ul, 1, NULL, NULL, &r);
                if (r.best >= 0 && (r.second < 0 || WORD_VALUE(r.second) == WORD_VALUE(r.best) ||
                                    r.dsecond > r.dbest)) {
                    cmd = (enum command)WORD_VALUE(r.best);
                    vote(&c, WORD_LANG(r.best), 2);
                    i++;
                }
            }
        }
    }

    if (cmd == CMD_REGISTER) {
        out->command = CMD_REGISTER;
        size_t start = tk.t[i - 1].end;
        const char *p = text + start;
        size_t rest = len > start ? len - start : 0;
        if (len > TEXT_MAX && rest > TEXT_MAX) rest = TEXT_MAX;
        while (rest && (*p == ':' || *p == '-' || *p == ',' || *p == ';' || *p == '.' ||
                        *p == '=' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
                        *p == 0)) {
            p++;
            rest--;
        }
        pz_utf8_sanitize(p, rest, out->name, sizeof out->name);
        for (int k = i; k < tk.n; k++) {
            int32_t wk = word_of(lex, &tk.t[k]);
            if (wk) vote(&c, WORD_LANG(wk), 1);
        }
        out->lang = pick_lang(&c);
        if (!out->name[0]) { fail(out, "empty"); return; }
        out->ok = true;
        return;
    }
    if (cmd != CMD_UNKNOWN && cmd != CMD_PLANT) {
        out->command = cmd;
        out->ok = true;
        out->lang = pick_lang(&c);
        return;
    }
    int ty, tm, td;
    pz_civil_date(now, o.timezone, &ty, &tm, &td);
    int plant_signal = 0;
    classify(&c, i, ty, &plant_signal);
    report(&c, out, &o, now, plant_signal, cmd == CMD_PLANT);
}

/* ---- lookups for other modules ------------------------------------------- */

const struct place *lexicon_find_place(const struct lexicon *lex, const char *text,
                                       bool *ambiguous)
{
    if (ambiguous) *ambiguous = false;
    if (!lex || !text) return NULL;
    struct tokens tk;
    pz_tokenize(text, strlen(text), &tk);
    struct ctx c;
    memset(c.votes, 0, sizeof c.votes);
    c.lex = lex; c.tk = &tk; c.nel = 0; c.date_state = 0; c.rel = -1; c.fuzzy_left = FUZZY_BUDGET;
    for (int i = 0; i < tk.n;) {
        int used = 0;
        for (int L = lex->pl_maxwords < tk.n - i ? lex->pl_maxwords : tk.n - i; L >= 1; L--) {
            int cand[PC_MAX], nc;
            used = place_at(&c, i, L, cand, &nc);
            if (used) {
                struct elem *e = push(&c, E_PLACE, i);
                if (e) { memcpy(e->pl, cand, sizeof cand); e->npl = nc; }
                break;
            }
        }
        if (!used) {
            unsigned char u[32];
            if (tk.t[i].kind == T_WORD && pz_to_units(tk.t[i].s, tk.t[i].len, u) >= 3)
                push(&c, E_UNK, i);
            used = 1;
        }
        i += used;
    }
    resolve_unknown(&c);
    struct parse_result r;
    memset(&r, 0, sizeof r);
    const char *err = choose_place(&c, &r, LANG_LV);
    if (err) {
        if (ambiguous && strcmp(err, "ambiguous_place") == 0) *ambiguous = true;
        return NULL;
    }
    return r.place;
}

const struct species *lexicon_find_species(const struct lexicon *lex, const char *text,
                                           bool *ambiguous)
{
    if (ambiguous) *ambiguous = false;
    if (!lex || !text) return NULL;
    char key[512];
    size_t kl = pz_fold_phrase(text, key, sizeof key);
    if (!kl) return NULL;
    int lang, cand[2];
    int sp = pz_species_lookup(lex, key, kl, &lang, cand);
    if (sp == -2) {
        if (ambiguous) *ambiguous = true;
        return NULL;
    }
    if (sp >= 0) return &lex->sp[sp].pub;
    unsigned char u[32];
    size_t ul = pz_to_units(key, kl, u);
    if (!ul) return NULL;
    struct fz_result r;
    pz_fz_search(&lex->spfz, u, ul, maxdist(ul), pz_species_group, lex, &r);
    if (r.best < 0) return NULL;
    if (r.dsecond <= r.dbest) {
        if (ambiguous) *ambiguous = true;
        return NULL;
    }
    return &lex->sp[SPV_IDX(r.best)].pub;
}
