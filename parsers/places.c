/* places.c: the places list and its lookups. places.tsv gives the nominative and
 * the genitive stem; the Latvian case forms people write (Cēsīs, Saldū, Limbažos,
 * Jelgavā, Alūksnē, Talsu novadā) are generated here by the ending rules, also in
 * digraph spelling (Ceesiis); the Russian ones (в Аглоне, под Сигулдой) come
 * declined in the forms_ru column (mk/build-lists.py makes them). Every place
 * points at its top-level unit: a novads, or a state city with its own council. */
#include "parsers/places.h"
#include "parsers/lexicon_types.h"
#include "parsers/tokens.h"
#include "parsers/tsv.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ends(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && memcmp(s + a - b, suf, b) == 0;
}

static void digraph(const char *s, char *out, size_t cap)
{
    static const char *from[] = { "ā", "č", "ē", "ģ", "ī", "ķ", "ļ", "ņ", "š", "ū", "ž",
                                  "Ā", "Č", "Ē", "Ģ", "Ī", "Ķ", "Ļ", "Ņ", "Š", "Ū", "Ž" };
    static const char *to[] = { "aa", "ch", "ee", "gj", "ii", "kj", "lj", "nj", "sh", "uu", "zh",
                                "aa", "ch", "ee", "gj", "ii", "kj", "lj", "nj", "sh", "uu", "zh" };
    size_t o = 0;
    while (*s && o + 3 < cap) {
        int hit = 0;
        /* every letter in from[] is two bytes led by 0xC4 or 0xC5: others are copied */
        unsigned char b = (unsigned char)*s;
        for (size_t i = 0; (b == 0xC4 || b == 0xC5) && i < sizeof from / sizeof *from; i++) {
            size_t l = strlen(from[i]);
            if (strncmp(s, from[i], l) == 0) {
                memcpy(out + o, to[i], 2);
                o += 2; s += l; hit = 1;
                break;
            }
        }
        if (!hit) out[o++] = *s++;
    }
    out[o] = 0;
}

/* src into dst (cap bytes), cut short as snprintf "%s" would: this runs some 15 000
 * times at every start, where snprintf cost 8 % of `talka parse`'s start-up. */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t l = strlen(src);
    if (l >= cap) l = cap - 1;
    memcpy(dst, src, l);
    dst[l] = 0;
}

/* Adds one written form (folded, and its digraph spelling) under idx. */
static void add_form(struct lexicon *lex, const char *form, const char *suffix, int32_t val)
{
    char buf[300], key[300];
    /* the digraph spelling differs only where a Latvian letter (0xC4/0xC5 lead byte) is */
    int passes = strchr(form, 0xC4) || strchr(form, 0xC5) ? 2 : 1;
    for (int pass = 0; pass < passes; pass++) {
        if (pass == 0) copy_str(buf, sizeof buf, form);
        else digraph(form, buf, sizeof buf);
        size_t kl = pz_fold_phrase(buf, key, sizeof key);
        if (!kl || kl + strlen(suffix) + 1 >= sizeof key) continue;
        strcat(key, suffix);
        kl = strlen(key);
        /* a form written twice (declined and listed, or the same in digraphs) is
         * kept once: its map entry and its typo candidate are already there */
        if (pz_hm_has(&lex->plforms, key, kl, val)) continue;
        char *k = pz_arena_strdup(&lex->strings, key, kl);
        if (!k) return;
        pz_hm_add(&lex->plforms, k, val);
        int words = 1;
        for (const char *p = key; *p; p++) words += *p == ' ';
        if (!*suffix && words > lex->pl_maxwords) lex->pl_maxwords = words;
        if (pass == 0 && !*suffix && PLV_KIND(val) == PF_NAME) {
            unsigned char u[32];
            size_t ul = pz_to_units(k, kl, u);
            /* Cyrillic forms in a set of their own: a typo is matched within its script */
            if (ul >= 4) pz_fz_add(u[0] >= 0xA0 ? &lex->plfz_cyr : &lex->plfz, u, ul, val);
        }
    }
}

static void with_stem(struct lexicon *lex, const char *nom, size_t cut, const char *const *suf,
                      int32_t val)
{
    char buf[256];
    if (cut >= sizeof buf - 16) return;
    for (; *suf; suf++) {
        memcpy(buf, nom, cut);
        copy_str(buf + cut, sizeof buf - cut, *suf);
        add_form(lex, buf, "", val);
    }
}

/* Latvian declension of a place name in the nominative (singular or plural). */
static void decline_lv(struct lexicon *lex, const char *nom, int32_t val)
{
    static const char *const pils[] = { "pils", "pilī", "pilij", "pili", NULL };
    static const char *const is_[] = { "is", "ī", "i", "im", "a", NULL };
    static const char *const us[] = { "us", "ū", "u", "um", NULL };
    static const char *const s_[] = { "s", "ā", "a", "u", "am", NULL };
    static const char *const as[] = { "as", "ās", "u", "ām", NULL };
    static const char *const es[] = { "es", "ēs", "u", "ēm", NULL };
    static const char *const a[] = { "a", "ā", "as", "u", "ai", NULL };
    static const char *const e[] = { "e", "ē", "es", "i", "ei", NULL };
    static const char *const i[] = { "i", "os", "u", "us", "iem", NULL };
    size_t l = strlen(nom);
    add_form(lex, nom, "", val);
    if (ends(nom, "pils")) with_stem(lex, nom, l - 4, pils, val);
    else if (ends(nom, "is")) with_stem(lex, nom, l - 2, is_, val);
    else if (ends(nom, "us")) with_stem(lex, nom, l - 2, us, val);
    else if (ends(nom, "as")) with_stem(lex, nom, l - 2, as, val);
    else if (ends(nom, "es")) with_stem(lex, nom, l - 2, es, val);
    else if (ends(nom, "s")) with_stem(lex, nom, l - 1, s_, val);
    else if (ends(nom, "a")) with_stem(lex, nom, l - 1, a, val);
    else if (ends(nom, "e")) with_stem(lex, nom, l - 1, e, val);
    else if (ends(nom, "i")) with_stem(lex, nom, l - 1, i, val);
}

static void add_list(struct lexicon *lex, const char *list, int32_t val)
{
    char buf[256];
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l && l < sizeof buf) {
            memcpy(buf, p, l);
            buf[l] = 0;
            add_form(lex, buf, "", val);
        }
        if (!bar) break;
        p = bar + 1;
    }
}

static int rank_of(const char *type)
{
    if (strcmp(type, "valstspilsēta") == 0) return 0;
    if (strcmp(type, "pilsēta") == 0) return 1;
    if (strcmp(type, "novads") == 0) return 2;
    return 3;
}

static const char *dup(struct lexicon *lex, const char *s)
{
    return pz_arena_strdup(&lex->strings, s, strlen(s));
}

/* The Latvian forms of place idx: its name, its nominative in every case, and its
 * genitive stem before novads / pagasts / pilsēta. */
static void add_latvian_forms(struct lexicon *lex, int idx, const char *nom, const char *gen)
{
    const struct pl_info *p = &lex->pl[idx];
    if (p->rank == 2) {                         /* novads: "Cēsu novads" */
        add_form(lex, gen, " #n", PLV(idx, PF_NAME));
        add_form(lex, gen, "", PLV(idx, PF_STEM));
        add_form(lex, p->pub.name, "", PLV(idx, PF_NAME));
    } else if (p->rank == 3) {                  /* pagasts */
        if (*nom) decline_lv(lex, nom, PLV(idx, PF_NAME));
        add_form(lex, gen, " #p", PLV(idx, PF_NAME));
        add_form(lex, gen, "", PLV(idx, PF_STEM));
        add_form(lex, p->pub.name, "", PLV(idx, PF_NAME));
    } else {                                    /* a city or town */
        decline_lv(lex, *nom ? nom : p->pub.name, PLV(idx, PF_NAME));
        add_form(lex, *nom ? nom : p->pub.name, " #c", PLV(idx, PF_NAME));
        if (ends(p->pub.name, "a") || ends(p->pub.name, "e")) {
            char g[256];
            snprintf(g, sizeof g, "%ss", p->pub.name);
            add_form(lex, g, " #c", PLV(idx, PF_NAME));
        }
    }
}

int pz_load_places(struct lexicon *lex, const char *path, char *err, size_t errlen)
{
    struct tsv t;
    if (pz_tsv_open(&t, path, err, errlen)) return -1;
    int c_name = pz_tsv_col(&t, "name"), c_type = pz_tsv_col(&t, "type"),
        c_parent = pz_tsv_col(&t, "parent"), c_muni = pz_tsv_col(&t, "municipality"),
        c_atvk = pz_tsv_col(&t, "atvk"), c_nom = pz_tsv_col(&t, "nominative"),
        c_gen = pz_tsv_col(&t, "genitive"), c_ru = pz_tsv_col(&t, "name_ru"),
        c_lat = pz_tsv_col(&t, "lat"), c_lon = pz_tsv_col(&t, "lon"), c_forms = pz_tsv_col(&t, "forms"),
        c_fru = pz_tsv_col(&t, "forms_ru");
    if (c_name < 0 || c_type < 0 || c_muni < 0 || c_nom < 0 || c_gen < 0) {
        snprintf(err, errlen, "%s: needs the columns name, type, municipality, nominative, "
                 "genitive", path);
        pz_tsv_close(&t);
        return -1;
    }
    size_t cap = 1024;
    lex->pl = calloc(cap, sizeof *lex->pl);
    char *f[TSV_MAXCOL];
    while (lex->pl && pz_tsv_next(&t, f)) {
        if (!*f[c_name]) continue;
        if (lex->npl == cap) break;
        struct pl_info *p = &lex->pl[lex->npl];
        int idx = (int)lex->npl;
        p->pub.name = dup(lex, f[c_name]);
        p->pub.type = dup(lex, f[c_type]);
        p->pub.municipality = dup(lex, f[c_muni]);
        p->pub.atvk = dup(lex, c_atvk >= 0 ? f[c_atvk] : "");
        p->pub.name_ru = dup(lex, c_ru >= 0 ? f[c_ru] : "");
        p->parent = dup(lex, c_parent >= 0 ? f[c_parent] : "");
        if (!p->pub.name || !p->pub.type || !p->pub.municipality || !p->pub.atvk ||
            !p->pub.name_ru || !p->parent)
            break;
        if (c_lat >= 0 && c_lon >= 0 && *f[c_lat] && *f[c_lon]) {
            p->pub.has_coords = true;
            p->pub.lat = strtod(f[c_lat], NULL);
            p->pub.lon = strtod(f[c_lon], NULL);
        }
        p->rank = (unsigned char)rank_of(p->pub.type);
        p->muni = -1;
        pz_hm_add(&lex->plnames, p->pub.name, idx);
        add_latvian_forms(lex, idx, f[c_nom], f[c_gen]);
        if (*p->pub.name_ru) add_form(lex, p->pub.name_ru, "", PLV(idx, PF_NAME));
        if (c_forms >= 0 && *f[c_forms]) add_list(lex, f[c_forms], PLV(idx, PF_NAME));
        if (c_fru >= 0 && *f[c_fru]) add_list(lex, f[c_fru], PLV(idx, PF_NAME));
        lex->npl++;
    }
    pz_tsv_close(&t);
    if (!lex->pl || lex->npl == 0) {
        snprintf(err, errlen, "%s: no places", path);
        return -1;
    }
    for (size_t i = 0; i < lex->npl; i++) {
        int32_t v[4];
        if (pz_hm_get(&lex->plnames, lex->pl[i].pub.municipality,
                   strlen(lex->pl[i].pub.municipality), v, 4) > 0)
            lex->pl[i].muni = v[0];
        if (lex->pl[i].muni >= 0 && !*lex->pl[i].pub.atvk)
            lex->pl[i].pub.atvk = lex->pl[lex->pl[i].muni].pub.atvk;
    }
    pz_fz_finish(&lex->plfz);
    pz_fz_finish(&lex->plfz_cyr);
    return 0;
}

int32_t pz_place_group(const void *ctx, int32_t val)
{
    const struct lexicon *lex = ctx;
    int idx = PLV_IDX(val);
    assert((size_t)idx < lex->npl);
    return lex->pl[idx].muni >= 0 ? lex->pl[idx].muni : idx;
}

int pz_place_lookup(const struct lexicon *lex, const char *key, size_t klen, int unit, int *out,
                 int max)
{
    char buf[300];
    int32_t v[32];
    int n;
    if (unit) {
        if (klen + 4 > sizeof buf) return 0;
        memcpy(buf, key, klen);
        buf[klen] = ' '; buf[klen + 1] = '#'; buf[klen + 2] = (char)unit;
        n = pz_hm_get(&lex->plforms, buf, klen + 3, v, 32);
    } else {
        n = pz_hm_get(&lex->plforms, key, klen, v, 32);
    }
    if (n == 0) return 0;
    /* order: names before bare genitive stems, then by rank, then list order */
    int k = 0;
    for (int pass = 0; pass < 8 && k < max; pass++) {
        int kind = pass / 4, rank = pass % 4;
        for (int i = 0; i < n && k < max; i++) {
            int idx = PLV_IDX(v[i]);
            if (PLV_KIND(v[i]) != kind || lex->pl[idx].rank != rank) continue;
            int seen = 0;
            for (int j = 0; j < k; j++) seen |= out[j] == idx;
            if (!seen) out[k++] = idx;
        }
    }
    return k;
}

const struct place *lexicon_place_by_name(const struct lexicon *lex, const char *name)
{
    int32_t v[2];
    if (!lex || !name) return NULL;
    if (pz_hm_get(&lex->plnames, name, strlen(name), v, 2) > 0) return &lex->pl[v[0]].pub;
    return NULL;
}

size_t lexicon_place_count(const struct lexicon *lex)
{
    return lex ? lex->npl : 0;
}

const struct place *lexicon_place_at(const struct lexicon *lex, size_t i)
{
    return lex && i < lex->npl ? &lex->pl[i].pub : NULL;
}
