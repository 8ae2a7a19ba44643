/* lexicon.c: loading config/species.tsv and config/places.tsv (columns found by
 * their header names) and the word tables into hash maps, fuzzy sets and the
 * precompiled date pattern. After lexicon_load returns nothing in it changes, so
 * any number of threads may parse with one lexicon. */
#include "parsers/lexicon.h"
#include "parsers/lexicon_types.h"
#include "parsers/dates.h"
#include "parsers/json.h"
#include "parsers/numbers.h"
#include "parsers/places.h"
#include "parsers/species.h"
#include "parsers/taught.h"
#include "parsers/tokens.h"
#include "parsers/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_words(struct lexicon *lex, const struct word_def *w)
{
    char key[256];
    for (; w->text; w++) {
        size_t kl = pz_fold_phrase(w->text, key, sizeof key);
        if (!kl) continue;
        char *k = pz_arena_strdup(&lex->strings, key, kl);
        if (!k) continue;
        int32_t v = WORD_VAL(w->kind, w->lang, w->value);
        pz_hm_add(&lex->words, k, v);
        if (w->kind == W_CMD && kl >= 4) {
            unsigned char u[32];
            size_t ul = pz_to_units(k, kl, u);
            if (ul) pz_fz_add(&lex->cmdfz, u, ul, v);
        }
    }
}

static int load_words(struct lexicon *lex)
{
    add_words(lex, pz_parse_words);
    add_words(lex, pz_number_words);
    pz_fz_finish(&lex->cmdfz);
    return 0;
}

struct lexicon *lexicon_load(const char *species_tsv, const char *places_tsv, char *err,
                             size_t errlen)
{
    return lexicon_load_taught(species_tsv, places_tsv, NULL, 0, NULL, err, errlen);
}

struct lexicon *lexicon_load_taught(const char *species_tsv, const char *places_tsv,
                                    const struct taught_word *words, size_t n, size_t *skipped,
                                    char *err, size_t errlen)
{
    struct lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pz_hm_init(&lex->words, 1024);
    pz_hm_init(&lex->spforms, 4096);
    pz_hm_init(&lex->plforms, 16384);
    pz_hm_init(&lex->plnames, 1024);
    pz_hm_init(&lex->firstwords, 1024);
    if (load_words(lex) || pz_load_species(lex, species_tsv, err, errlen) ||
        pz_load_places(lex, places_tsv, err, errlen)) {
        lexicon_free(lex);
        return NULL;
    }
    size_t missed = pz_add_taught(lex, words, n);     /* staff's words (taught.h) */
    if (skipped)
        *skipped = missed;
    /* the first word of every multi-word key, so most words skip those lookups */
    const struct hashmap *maps[2] = { &lex->spforms, &lex->plforms };
    for (int m = 0; m < 2; m++)
        for (uint32_t i = 0; i < maps[m]->cap; i++) {
            const char *k = maps[m]->e[i].key;
            const char *sp = maps[m]->e[i].hash ? strchr(k, ' ') : NULL;
            if (!sp || sp[1] == '#') continue;
            char *w = pz_arena_strdup(&lex->strings, k, (size_t)(sp - k));
            if (w) pz_hm_add(&lex->firstwords, w, 1);
        }
    pz_json_prepare(lex);
    lex->re_date = pz_date_pattern();
    if (!lex->re_date) {
        snprintf(err, errlen, "cannot compile the date pattern");
        lexicon_free(lex);
        return NULL;
    }
    return lex;
}

void lexicon_free(struct lexicon *lex)
{
    if (!lex) return;
    pz_hm_free(&lex->words);
    pz_hm_free(&lex->spforms);
    pz_hm_free(&lex->plforms);
    pz_hm_free(&lex->plnames);
    pz_hm_free(&lex->firstwords);
    pz_fz_free(&lex->spfz);
    pz_fz_free(&lex->plfz);
    pz_fz_free(&lex->cmdfz);
    if (lex->re_date) pcre2_code_free(lex->re_date);
    pz_json_release(lex);
    free(lex->sp);
    free(lex->pl);
    pz_arena_free(&lex->strings);
    free(lex);
}
