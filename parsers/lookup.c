/* lookup.c: a place or a species named by free text, resolved with the same
 * steps as a report (see lookup.h): place names longest first, unknown words by
 * typo distance, the place chosen as for a report. */
#include "parsers/lookup.h"
#include "parsers/fuzzy.h"
#include "parsers/lexicon_types.h"
#include "parsers/place_choice.h"
#include "parsers/reading.h"
#include "parsers/species.h"
#include "parsers/tokens.h"
#include "parsers/typos.h"

#include <string.h>

void lexicon_lookup_place(const struct lexicon *lex, const char *text, struct place_lookup *out)
{
    memset(out, 0, sizeof *out);
    if (!lex || !text) return;
    struct tokens tk;
    pz_tokenize(text, strlen(text), &tk);
    struct reading c;
    pz_reading_start(&c, lex, &tk, (time_t)0);     /* names no date */
    for (int i = 0; i < tk.n;) {
        int used = 0;
        for (int L = lex->pl_maxwords < tk.n - i ? lex->pl_maxwords : tk.n - i; L >= 1; L--) {
            int cand[PC_MAX], nc;
            used = pz_place_at(&c, i, L, cand, &nc);
            if (used) {
                struct elem *e = pz_push(&c, E_PLACE, i);
                if (e) { memcpy(e->pl, cand, sizeof cand); e->npl = nc; }
                break;
            }
        }
        if (!used) {
            unsigned char u[FZ_UNITS_MAX];
            if (tk.t[i].kind == T_WORD && pz_to_units(tk.t[i].s, tk.t[i].len, u) >= 3)
                pz_push(&c, E_UNK, i);
            used = 1;
        }
        i += used;
    }
    bool was_unknown[EL_MAX];
    for (int k = 0; k < c.nel; k++) was_unknown[k] = c.el[k].kind == E_UNK;
    pz_resolve_place_only(&c);
    /* a word the typo search made a place, or one left unread ("Cēsis pagastss") */
    for (int k = 0; k < c.nel; k++)
        out->corrected |= (was_unknown[k] && c.el[k].kind == E_PLACE) || c.el[k].kind == E_UNK ||
                          c.el[k].bad;
    struct parse_result r;
    memset(&r, 0, sizeof r);
    int guess, choices[PARSE_MAX_CHOICES], nchoices;
    const char *err = pz_choose_place(&c, &r, LANG_LV, &guess, choices, &nchoices);
    if (!err) {
        out->place = r.place;
        return;
    }
    out->corrected = false;
    if (guess >= 0 && (size_t)guess < lex->npl) out->guess = &lex->pl[guess].pub;
    for (int k = 0; k < nchoices && !strcmp(err, "ambiguous_place"); k++)
        if (choices[k] >= 0 && (size_t)choices[k] < lex->npl)
            out->choices[out->nchoices++] = &lex->pl[choices[k]].pub;
}

/* The place text names; else NULL, with *guess the place an unknown name is
 * near (beyond the silent typo distance) when there is one. */
static const struct place *find_place(const struct lexicon *lex, const char *text, bool *ambiguous,
                                      const struct place **guess_out)
{
    struct place_lookup pl;
    lexicon_lookup_place(lex, text, &pl);
    if (ambiguous) *ambiguous = pl.nchoices > 0;
    *guess_out = pl.guess;
    return pl.place;
}

const struct place *lexicon_find_place(const struct lexicon *lex, const char *text,
                                       bool *ambiguous)
{
    const struct place *g;
    return find_place(lex, text, ambiguous, &g);
}

const struct place *lexicon_guess_place(const struct lexicon *lex, const char *text)
{
    const struct place *g;
    return find_place(lex, text, NULL, &g) ? NULL : g;
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
    unsigned char u[FZ_UNITS_MAX];
    size_t ul = pz_to_units(key, kl, u);
    if (!ul) return NULL;
    struct fz_result r;
    pz_fz_search(&lex->spfz, u, ul, pz_maxdist(ul), pz_species_group, lex, &r);
    if (r.best < 0) return NULL;
    if (r.dsecond <= r.dbest) {
        if (ambiguous) *ambiguous = true;
        return NULL;
    }
    return &lex->sp[SPV_IDX(r.best)].pub;
}

const struct species *lexicon_guess_species(const struct lexicon *lex, const char *text)
{
    bool ambiguous;
    if (!lex || !text || lexicon_find_species(lex, text, &ambiguous) || ambiguous) return NULL;
    char key[512];
    size_t kl = pz_fold_phrase(text, key, sizeof key);
    unsigned char u[FZ_UNITS_MAX];
    size_t ul = kl ? pz_to_units(key, kl, u) : 0;
    if (!ul) return NULL;
    struct fz_result r;
    pz_fz_search(&lex->spfz, u, ul, pz_loosedist(ul), pz_species_group, lex, &r);
    if (r.best < 0 || r.dsecond <= r.dbest) return NULL;
    return &lex->sp[SPV_IDX(r.best)].pub;
}
