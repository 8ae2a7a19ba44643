/* reading.c: the steps shared by the grammar's files over one text being read
 * (see reading.h): vocabulary and list lookups of token spans, language votes,
 * the list of elements. */
#include "parsers/reading.h"
#include "parsers/dates.h"
#include "parsers/hashmap.h"
#include "parsers/lexicon_types.h"
#include "parsers/places.h"
#include "parsers/species.h"
#include "parsers/words.h"

#include <assert.h>
#include <string.h>

void pz_reading_start(struct reading *c, const struct lexicon *lex, const struct tokens *tk,
                      time_t now)
{
    assert(tk->n >= 0 && tk->n <= TOK_MAX);
    c->lex = lex;
    c->tk = tk;
    c->text = NULL;
    c->nel = 0;
    c->date_state = 0;
    c->signature = 0;
    c->rel = -1;
    c->fuzzy_left = FUZZY_BUDGET;
    memset(c->votes, 0, sizeof c->votes);
    c->now = now;
    c->today_known = 0;
}

static void find_today(struct reading *c)
{
    if (c->today_known) return;
    pz_civil_date(c->now, &c->today_y, &c->today_m, &c->today_d);
    c->today_known = 1;
}

int pz_this_year(struct reading *c)
{
    find_today(c);
    return c->today_y;
}

long pz_today(struct reading *c)
{
    find_today(c);
    return pz_days_from_civil(c->today_y, c->today_m, c->today_d);
}

int32_t pz_word_of(const struct lexicon *lex, const struct token *t)
{
    int32_t v[2];
    if (t->kind != T_WORD) return 0;
    return pz_hm_get(&lex->words, t->s, t->len, v, 2) ? v[0] : 0;
}

void pz_vote(struct reading *c, int lang, int weight)
{
    if (lang >= 0 && lang < 3) c->votes[lang] += weight;
}

void pz_vote_lv(struct reading *c, int i, int n)
{
    for (int k = i; k < i + n && k < c->tk->n; k++)
        if (c->tk->t[k].lv) c->votes[LANG_LV] += 1;
}

enum lang pz_pick_lang(const struct reading *c)
{
    enum lang l = LANG_LV;
    int best = c->votes[LANG_LV];
    if (c->votes[LANG_RU] > best) { l = LANG_RU; best = c->votes[LANG_RU]; }
    if (c->votes[LANG_EN] > best) l = LANG_EN;
    return l;
}

struct elem *pz_push(struct reading *c, int kind, int tok)
{
    if (c->nel >= EL_MAX) return NULL;
    assert(tok >= 0 && tok < c->tk->n);
    struct elem *e = &c->el[c->nel++];
    memset(e, 0, sizeof *e);
    e->kind = (unsigned char)kind;
    e->tok = (short)tok;
    e->sp = e->sp2 = -1;
    return e;
}

int pz_has_species(const struct reading *c)
{
    for (int k = 0; k < c->nel; k++)
        if (c->el[k].kind == E_SPECIES) return 1;
    return 0;
}

int pz_has_place(const struct reading *c)
{
    for (int k = 0; k < c->nel; k++)
        if (c->el[k].kind == E_PLACE) return 1;
    return 0;
}

/* Joins tokens [i, i+n) with spaces; 0 when one is not a word or it is too long. */
static size_t join(const struct tokens *tk, int i, int n, char *buf, size_t cap)
{
    assert(i >= 0 && n >= 1 && i + n <= tk->n);
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

int pz_species_at(struct reading *c, int i, int n, int *lang, int cand[2])
{
    char key[512];
    size_t kl = join(c->tk, i, n, key, sizeof key);
    if (!kl) return -1;
    return pz_species_lookup(c->lex, key, kl, lang, cand);
}

int pz_place_at(struct reading *c, int i, int n, int *cand, int *ncand)
{
    char key[512];
    size_t kl = join(c->tk, i, n, key, sizeof key);
    if (!kl) return 0;
    if (i + n < c->tk->n) {
        int32_t w = pz_word_of(c->lex, &c->tk->t[i + n]);
        if (w && WORD_KIND(w) == W_UNIT) {
            *ncand = pz_place_lookup(c->lex, key, kl, WORD_VALUE(w), cand, PC_MAX);
            if (*ncand) return n + 1;
        }
    }
    *ncand = pz_place_lookup(c->lex, key, kl, 0, cand, PC_MAX);
    return *ncand ? n : 0;
}

int pz_maxdist(size_t len)
{
    if (len < 4) return 0;
    if (len <= 5) return 1;
    if (len <= 11) return 2;
    return 3;
}

int pz_loosedist(size_t len)
{
    return len >= 7 ? pz_maxdist(len) + 1 : pz_maxdist(len);
}
