/* typos.c: unknown words resolved by typo distance, in three passes: a word next
 * to a count is a species (or else a place); with no species at all, the closest
 * unknown word is one; with no place, the closest unknown word is the place, or
 * else the last one is an unknown place. Typo searches are the slow part, so a
 * text gets at most FUZZY_BUDGET of them. */
#include "parsers/typos.h"
#include "parsers/fuzzy.h"
#include "parsers/lexicon_types.h"
#include "parsers/places.h"
#include "parsers/species.h"

/* Typo search for one unknown word in one index (species or places). */
static void fuzzy_in(struct reading *c, const struct token *t, int loose, const struct fz_set *set,
                     int32_t (*group)(const void *, int32_t), struct fz_result *r)
{
    unsigned char u[FZ_UNITS_MAX];
    size_t ul = pz_to_units(t->s, t->len, u);
    int md = pz_maxdist(ul);
    if (loose) md = pz_loosedist(ul);
    r->best = -1; r->dbest = 99; r->second = -1; r->dsecond = 99;
    if (!ul || !md || c->fuzzy_left <= 0) return;
    c->fuzzy_left--;
    pz_fz_search(set, u, ul, md, group, c->lex, r);
}

static void fuzzy_species(struct reading *c, const struct token *t, int loose, struct fz_result *r)
{
    fuzzy_in(c, t, loose, &c->lex->spfz, pz_species_group, r);
}

static void fuzzy_place(struct reading *c, const struct token *t, int loose, struct fz_result *r)
{
    fuzzy_in(c, t, loose, &c->lex->plfz, pz_place_group, r);
}

/* Species slots: an unknown word next to a count. */
static void resolve_slots(struct reading *c)
{
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
            pz_vote(c, SPV_LANG(r.best), 1);
            if (r.dsecond <= r.dbest) { e->bad = 2; e->sp2 = SPV_IDX(r.second); }
            continue;
        }
        if (!pz_has_place(c)) {
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
}

/* No species at all: the closest unknown word. */
static void guess_species(struct reading *c)
{
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

/* No place: the closest unknown word, else the last one is an unknown place. */
static void guess_place(struct reading *c)
{
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

void pz_resolve_unknown(struct reading *c)
{
    resolve_slots(c);
    if (!pz_has_species(c)) guess_species(c);
    if (!pz_has_place(c)) guess_place(c);
}

void pz_resolve_place_only(struct reading *c)
{
    if (!pz_has_place(c)) guess_place(c);
}
