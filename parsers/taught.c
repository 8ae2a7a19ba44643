/* taught.c: staff's words in a lexicon (see taught.h). A taught word is one
 * more written form: of a species (under its Latvian name), of a place (its
 * name as written, no declension), or of a command keyword. Exact matches only:
 * the typo sets stay those of the shipped lists. */
#include "parsers/taught.h"
#include "parsers/lexicon_types.h"
#include "parsers/names.h"
#include "parsers/species.h"
#include "parsers/tokens.h"
#include "parsers/words.h"

#include <stdio.h>
#include <string.h>

size_t taught_fold(const char *word, char *out, size_t cap)
{
    return word ? pz_fold_phrase(word, out, cap) : 0;
}

enum command taught_command(const char *name)
{
    for (int c = CMD_PLANT; c <= CMD_LAST; c++)
        if (name && !strcmp(command_name((enum command)c), name))
            return (enum command)c;
    return CMD_UNKNOWN;
}

static int words_in(const char *key)
{
    int n = 1;
    for (; *key; key++)
        n += *key == ' ';
    return n;
}

/* One taught word into lex; false when its target is not in the lists. */
static bool add_one(struct lexicon *lex, const struct taught_word *w)
{
    char key[256];
    size_t kl = taught_fold(w->word, key, sizeof key);
    char *k = kl ? pz_arena_strdup(&lex->strings, key, kl) : NULL;
    if (!k)
        return false;
    int32_t v[4];
    if (w->kind == TAUGHT_SPECIES) {
        for (size_t i = 0; i < lex->nsp; i++)
            if (!strcmp(lex->sp[i].pub.id, w->target)) {
                pz_hm_add(&lex->spforms, k, SPV((int)i, LANG_LV));
                if (words_in(k) > lex->sp_maxwords) lex->sp_maxwords = words_in(k);
                return true;
            }
        return false;
    }
    if (w->kind == TAUGHT_PLACE) {
        if (pz_hm_get(&lex->plnames, w->target, strlen(w->target), v, 4) < 1)
            return false;
        pz_hm_add(&lex->plforms, k, PLV(v[0], PF_NAME));
        if (words_in(k) > lex->pl_maxwords) lex->pl_maxwords = words_in(k);
        return true;
    }
    enum command c = taught_command(w->target);
    if (c == CMD_UNKNOWN)
        return false;
    pz_hm_add(&lex->words, k, WORD_VAL(W_CMD, 3, c));
    return true;
}

size_t pz_add_taught(struct lexicon *lex, const struct taught_word *words, size_t n)
{
    size_t skipped = 0;
    for (size_t i = 0; i < n; i++)
        skipped += !add_one(lex, &words[i]);
    return skipped;
}

int taught_meaning(const struct lexicon *lex, const char *word, char *what, size_t len)
{
    char key[256];
    size_t kl = taught_fold(word, key, sizeof key);
    int32_t v[4];
    if (!kl) {
        snprintf(what, len, "empty");
        return 1;
    }
    if (pz_hm_get(&lex->words, key, kl, v, 4) > 0) {
        if (WORD_KIND(v[0]) == W_CMD)
            snprintf(what, len, "command %s", command_name((enum command)WORD_VALUE(v[0])));
        else
            snprintf(what, len, "word");
        return 1;
    }
    if (pz_hm_get(&lex->spforms, key, kl, v, 4) > 0) {
        snprintf(what, len, "species %s", lex->sp[SPV_IDX(v[0])].pub.id);
        return 1;
    }
    if (pz_hm_get(&lex->plforms, key, kl, v, 4) > 0) {
        snprintf(what, len, "place %s", lex->pl[PLV_IDX(v[0])].pub.name);
        return 1;
    }
    return 0;
}
