/* place_choice.c: the place of a text. Elements whose candidates all lie in
 * one municipality fix it; a name found in several municipalities (a parish
 * and a town both called so) takes the one a fixed element points to; of
 * several places in one municipality the most specific wins (a parish or town
 * over its novads). An unknown name near one place gives that place as a
 * guess, a name in several municipalities its choices, to ask back. */
#include "parsers/place_choice.h"
#include "parsers/lexicon_types.h"

#include <assert.h>
#include <stdio.h>

/* A place's name for a suggestion, in Russian when the list has one. */
static void place_label(const struct lexicon *lex, int idx, enum lang l, char *out, size_t cap)
{
    const struct place *p = &lex->pl[idx].pub;
    if (l == LANG_RU && *p->name_ru) snprintf(out, cap, "%s", p->name_ru);
    else snprintf(out, cap, "%s", p->name);
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

const char *pz_choose_place(struct reading *c, struct parse_result *out, enum lang l, int *guess,
                            int choices[PARSE_MAX_CHOICES], int *nchoices)
{
    *guess = -1;
    *nchoices = 0;
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
        assert(nch < EL_MAX);
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
        assert(nch < EL_MAX);
        if (pick >= 0 && hits == 1) chosen[nch++] = pick;
        else if (amb < 0) amb = k;
    }
    if (nch == 0) {
        if (amb >= 0) {
            const struct elem *e = &c->el[amb];
            const struct place *p = &lex->pl[e->pl[0]].pub;
            snprintf(out->suggestion, sizeof out->suggestion, "%s, %s", p->name, p->municipality);
            /* the candidates in different municipalities, to ask which one */
            for (int j = 0; j < e->npl && *nchoices < PARSE_MAX_CHOICES; j++) {
                int seen = 0;
                for (int q = 0; q < *nchoices; q++)
                    seen |= muni_of(lex, choices[q]) == muni_of(lex, e->pl[j]);
                if (!seen && lex->pl[e->pl[j]].rank == lex->pl[e->pl[0]].rank)
                    choices[(*nchoices)++] = e->pl[j];
            }
            return "ambiguous_place";
        }
        if (unknown >= 0) {
            const struct elem *e = &c->el[unknown];
            if (e->npl) {
                place_label(lex, e->pl[0], l, out->suggestion, sizeof out->suggestion);
                *guess = e->pl[0];
            }
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
