/* teach.c: taught words into the parser's lexicon (see teach.h). A lexicon is
 * read-only once built and shared by every thread, so it is never changed in
 * place: a new one is built and the app's pointer swapped atomically. The old
 * ones stay allocated until teach_release() (at app_close), since a thread may
 * still be parsing with one; they are few (one per word taught or forgotten). */
#include "gateway/core/teach.h"

#include "db/taught_words.h"
#include "gateway/base/clock.h"
#include "gateway/base/log.h"
#include "parsers/lexicon.h"
#include "parsers/places.h"
#include "parsers/species.h"
#include "parsers/taught.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct lexicon **retired;
static size_t nretired;

#define TAUGHT_MAX 4096

struct collected {
    struct taught_word w[TAUGHT_MAX];
    char *strings[TAUGHT_MAX * 2];
    size_t n;
};

static enum taught_kind kind_of(const char *kind)
{
    return !strcmp(kind, "species") ? TAUGHT_SPECIES : !strcmp(kind, "place") ? TAUGHT_PLACE
                                                                               : TAUGHT_COMMAND;
}

static int collect(const struct taught_row *t, void *arg)
{
    struct collected *c = arg;
    if (c->n == TAUGHT_MAX)
        return 1;
    char *word = strdup(t->word), *target = strdup(t->target);
    c->strings[2 * c->n] = word;
    c->strings[2 * c->n + 1] = target;
    c->w[c->n++] = (struct taught_word){ word ? word : "", kind_of(t->kind), target ? target : "" };
    return 0;
}

bool teach_relearn(struct app *a, struct db *db, char *err, size_t errlen)
{
    struct collected *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    enum db_status s = taught_words_all(db, collect, c);
    struct lexicon *lex = NULL;
    size_t skipped = 0;
    if (DB_FAILED(s)) {
        snprintf(err, errlen, "cannot read the taught words");
    } else {
        char sp[4096], pl[4096];
        config_path(a->cfg, "lists", "species", sp, sizeof sp);
        config_path(a->cfg, "lists", "places", pl, sizeof pl);
        lex = lexicon_load_taught(sp, pl, c->w, c->n, &skipped, err, errlen);
    }
    for (size_t i = 0; i < 2 * c->n; i++)
        free(c->strings[i]);
    size_t n = c->n;
    free(c);
    if (!lex)
        return false;
    if (skipped)
        log_warn("taught words: %zu name a species, place or command the lists no longer have",
                 skipped);
    pthread_mutex_lock(&lock);
    struct lexicon *old = a->lex;
    struct lexicon **more = old ? realloc(retired, (nretired + 1) * sizeof *retired) : retired;
    if (more) {
        retired = more;
        if (old)
            retired[nretired++] = old;
        a->lex = lex;                 /* an atomic store: every thread's next parse sees it */
    }
    pthread_mutex_unlock(&lock);
    if (!more) {
        lexicon_free(lex);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    log_info("word lists loaded with %zu taught words", n);
    return true;
}

/* target exists in the lists for kind */
static bool target_known(const struct lexicon *lex, enum taught_kind k, const char *target)
{
    if (k == TAUGHT_SPECIES)
        return lexicon_species_by_id(lex, target) != NULL;
    if (k == TAUGHT_PLACE)
        return lexicon_place_by_name(lex, target) != NULL;
    return taught_command(target) != CMD_UNKNOWN;
}

enum teach_result teach_word(struct app *a, struct db *db, const char *word, const char *kind,
                             const char *target, const char *by, char *why, size_t whylen)
{
    char folded[256], err[512];
    why[0] = '\0';
    if (!kind || (strcmp(kind, "species") && strcmp(kind, "place") && strcmp(kind, "command")) ||
        !target || !target_known(a->lex, kind_of(kind), target)) {
        snprintf(why, whylen, "target");
        return TEACH_REFUSED;
    }
    if (!word || !taught_fold(word, folded, sizeof folded) || strlen(word) > 64) {
        snprintf(why, whylen, "empty");
        return TEACH_REFUSED;
    }
    if (taught_meaning(a->lex, word, why, whylen))
        return TEACH_REFUSED;
    bool dup = false;
    if (!taught_word_add(db, word, folded, kind, target, by, clock_now(), &dup)) {
        if (!dup)
            return TEACH_DB;
        snprintf(why, whylen, "taught");
        return TEACH_REFUSED;
    }
    if (!teach_relearn(a, db, err, sizeof err)) {
        log_error("taught word kept, but the word lists were not rebuilt: %s", err);
        return TEACH_DB;
    }
    log_info("taught: a %s alias by %s", kind, by);
    return TEACH_OK;
}

enum teach_result teach_forget(struct app *a, struct db *db, int64_t id, char *word, size_t len)
{
    char err[512];
    enum db_status s = taught_word_remove(db, id, word, len);
    if (DB_FAILED(s))
        return TEACH_DB;
    if (s == DB_NONE)
        return TEACH_REFUSED;
    if (!teach_relearn(a, db, err, sizeof err)) {
        log_error("taught word removed, but the word lists were not rebuilt: %s", err);
        return TEACH_DB;
    }
    return TEACH_OK;
}

void teach_release(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < nretired; i++)
        lexicon_free(retired[i]);
    free(retired);
    retired = NULL;
    nretired = 0;
    pthread_mutex_unlock(&lock);
}
