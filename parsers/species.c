/* species.c: the species list and its lookups. Every form of species.tsv (with
 * diacritics, ASCII, digraph, colloquial, Russian in both alphabets, English) is
 * a key; a form shared by two species goes to the one whose name in that language
 * is the bare generic word (liepa, not platlapu liepa; дуб, not красный дуб), then
 * to a genus (_spp); otherwise it is ambiguous. Typos fall back to fuzzy.c. */
#include "parsers/species.h"
#include "parsers/lexicon_types.h"
#include "parsers/tokens.h"
#include "parsers/tsv.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char count_words(const char *s)
{
    unsigned char n = 0;
    int in = 0;
    for (; *s; s++) {
        if (*s == ' ') in = 0;
        else if (!in) { in = 1; n++; }
    }
    return n ? n : 9;
}

/* the ussd_order column: empty (0: after the ordered ones) or 1..9999 */
static bool read_order(const char *v, int *out)
{
    *out = 0;
    if (!*v) return true;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 1 || n > 9999 || !(*v >= '0' && *v <= '9')) return false;
    *out = (int)n;
    return true;
}

static void add_forms(struct lexicon *lex, int idx, int lang, const char *list)
{
    char buf[256], key[256];
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l && l < sizeof buf) {
            memcpy(buf, p, l);
            buf[l] = 0;
            size_t kl = pz_fold_phrase(buf, key, sizeof key);
            if (kl) {
                char *k = pz_arena_strdup(&lex->strings, key, kl);
                if (k) pz_hm_add(&lex->spforms, k, SPV(idx, lang));
                int words = count_words(key);
                if (words > lex->sp_maxwords) lex->sp_maxwords = words;
            }
        }
        if (!bar) break;
        p = bar + 1;
    }
}

int pz_load_species(struct lexicon *lex, const char *path, char *err, size_t errlen)
{
    struct tsv t;
    if (pz_tsv_open(&t, path, err, errlen)) return -1;
    int c_id = pz_tsv_col(&t, "id"), c_lv = pz_tsv_col(&t, "name_lv"), c_ru = pz_tsv_col(&t, "name_ru"),
        c_en = pz_tsv_col(&t, "name_en"), c_lat = pz_tsv_col(&t, "latin"),
        c_nat = pz_tsv_col(&t, "native"), c_flv = pz_tsv_col(&t, "forms_lv"),
        c_fru = pz_tsv_col(&t, "forms_ru"), c_frl = pz_tsv_col(&t, "forms_ru_latin"),
        c_fen = pz_tsv_col(&t, "forms_en"), c_ord = pz_tsv_col(&t, "ussd_order");
    if (c_id < 0 || c_lv < 0 || c_ru < 0 || c_en < 0 || c_flv < 0) {
        snprintf(err, errlen, "%s: needs the columns id, name_lv, name_ru, name_en, forms_lv",
                 path);
        pz_tsv_close(&t);
        return -1;
    }
    size_t cap = 64;
    lex->sp = calloc(cap, sizeof *lex->sp);
    char *f[TSV_MAXCOL];
    while (lex->sp && pz_tsv_next(&t, f)) {
        if (!*f[c_id]) continue;
        if (lex->nsp == cap || lex->nsp >= 0xffff) break;
        struct sp_info *s = &lex->sp[lex->nsp];
        int idx = (int)lex->nsp;
        s->pub.id = pz_arena_strdup(&lex->strings, f[c_id], strlen(f[c_id]));
        s->pub.name_lv = pz_arena_strdup(&lex->strings, f[c_lv], strlen(f[c_lv]));
        s->pub.name_ru = pz_arena_strdup(&lex->strings, f[c_ru], strlen(f[c_ru]));
        s->pub.name_en = pz_arena_strdup(&lex->strings, f[c_en], strlen(f[c_en]));
        const char *lat = c_lat >= 0 ? f[c_lat] : "";
        s->pub.latin = pz_arena_strdup(&lex->strings, lat, strlen(lat));
        s->pub.native = c_nat >= 0 && strcmp(f[c_nat], "yes") == 0;
        if (c_ord >= 0 && !read_order(f[c_ord], &s->pub.menu_order)) {
            snprintf(err, errlen, "%s: ussd_order of %s is not a whole number 1-9999 (or empty)",
                     path, f[c_id]);
            pz_tsv_close(&t);
            return -1;
        }
        if (!s->pub.id || !s->pub.name_lv || !s->pub.name_ru || !s->pub.name_en || !s->pub.latin)
            break;
        s->words[LANG_LV] = count_words(s->pub.name_lv);
        s->words[LANG_RU] = count_words(s->pub.name_ru);
        s->words[LANG_EN] = count_words(s->pub.name_en);
        size_t il = strlen(s->pub.id);
        s->genus = il > 4 && strcmp(s->pub.id + il - 4, "_spp") == 0;
        add_forms(lex, idx, LANG_LV, s->pub.name_lv);
        add_forms(lex, idx, LANG_LV, f[c_flv]);
        add_forms(lex, idx, LANG_RU, s->pub.name_ru);
        if (c_fru >= 0) add_forms(lex, idx, LANG_RU, f[c_fru]);
        if (c_frl >= 0) add_forms(lex, idx, LANG_RU, f[c_frl]);
        add_forms(lex, idx, LANG_EN, s->pub.name_en);
        if (c_fen >= 0) add_forms(lex, idx, LANG_EN, f[c_fen]);
        lex->nsp++;
    }
    pz_tsv_close(&t);
    if (!lex->sp || lex->nsp == 0) {
        snprintf(err, errlen, "%s: no species", path);
        return -1;
    }
    /* the typo set: every distinct form, under the species the rule gives it */
    for (uint32_t i = 0; i < lex->spforms.cap; i++) {
        const struct hm_entry *e = &lex->spforms.e[i];
        if (!e->hash) continue;
        size_t kl = strlen(e->key);
        int lang, cand[2];
        int sp = pz_species_lookup(lex, e->key, kl, &lang, cand);
        unsigned char u[32];
        size_t ul = pz_to_units(e->key, kl, u);
        if (!ul || ul < 3) continue;
        if (sp >= 0) pz_fz_add(&lex->spfz, u, ul, SPV(sp, lang));
        else if (sp == -2) {
            pz_fz_add(&lex->spfz, u, ul, SPV(cand[0], lang));
            pz_fz_add(&lex->spfz, u, ul, SPV(cand[1], lang));
        }
    }
    pz_fz_finish(&lex->spfz);
    return 0;
}

int pz_species_lookup(const struct lexicon *lex, const char *key, size_t klen, int *lang,
                   int cand[2])
{
    int32_t v[16];
    int n = pz_hm_get(&lex->spforms, key, klen, v, 16);
    if (n == 0) return -1;
    int best = -1, bestrank = 1 << 20, bestlang = 0, tie = -1;
    for (int i = 0; i < n; i++) {
        int idx = SPV_IDX(v[i]), l = SPV_LANG(v[i]);
        const struct sp_info *s = &lex->sp[idx];
        int rank = s->words[l] * 2 + (s->genus ? 0 : 1);
        if (idx == best) {
            if (rank < bestrank) { bestrank = rank; bestlang = l; }
            continue;
        }
        if (rank < bestrank) {
            best = idx; bestrank = rank; bestlang = l; tie = -1;
        } else if (rank == bestrank) {
            tie = idx;
        }
    }
    /* a tie that a later better rank for the same species resolved is no tie */
    if (tie >= 0) {
        int tierank = 1 << 20;
        for (int i = 0; i < n; i++) {
            int idx = SPV_IDX(v[i]), l = SPV_LANG(v[i]);
            if (idx != tie) continue;
            const struct sp_info *s = &lex->sp[idx];
            int rank = s->words[l] * 2 + (s->genus ? 0 : 1);
            if (rank < tierank) tierank = rank;
        }
        if (tierank == bestrank) {
            cand[0] = best;
            cand[1] = tie;
            *lang = bestlang;
            return -2;
        }
    }
    *lang = bestlang;
    return best;
}

const char *pz_species_name(const struct lexicon *lex, int idx, enum lang l)
{
    assert(idx >= 0 && (size_t)idx < lex->nsp);
    const struct species *s = &lex->sp[idx].pub;
    if (l == LANG_RU && *s->name_ru) return s->name_ru;
    if (l == LANG_EN && *s->name_en) return s->name_en;
    return s->name_lv;
}

int32_t pz_species_group(const void *ctx, int32_t val)
{
    (void)ctx;
    return SPV_IDX(val);
}

const struct species *lexicon_species_by_id(const struct lexicon *lex, const char *id)
{
    if (!lex || !id) return NULL;
    for (size_t i = 0; i < lex->nsp; i++)
        if (strcmp(lex->sp[i].pub.id, id) == 0) return &lex->sp[i].pub;
    return NULL;
}

size_t lexicon_species_count(const struct lexicon *lex)
{
    return lex ? lex->nsp : 0;
}

const struct species *lexicon_species_at(const struct lexicon *lex, size_t i)
{
    return lex && i < lex->nsp ? &lex->sp[i].pub : NULL;
}
