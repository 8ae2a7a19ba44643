/* teach.h: words staff teach talka (teach.c). They are kept in the database
 * (db/taught_words.h) and merged here into the word lists the parser gets: the
 * app's lexicon is rebuilt from the shipped lists plus every taught word and
 * swapped in whole, so every thread parses with the new words from its next
 * text on, without a restart (pipeline_open_app does the same for a new process,
 * and SIGHUP for the daemon). */
#ifndef TALKA_TEACH_H
#define TALKA_TEACH_H

#include "gateway/core/app.h"

#include <stddef.h>
#include <stdint.h>

enum teach_result {
    TEACH_OK = 0,
    TEACH_REFUSED,   /* why says the reason: a collision, an unknown target, an empty word */
    TEACH_DB,        /* a database error or a list that cannot be read again (logged) */
};

/* Builds the lexicon again from the lists and the taught words and swaps it in.
 * False (the old lexicon kept) with a message in err. */
bool teach_relearn(struct app *a, struct db *db, char *err, size_t errlen);

/* Teaches word as an alias of target (kind: species | place | command; target:
 * a species id, a place name, a command name). Refused when the word already
 * means something (why: "species quercus_robur", "command points", "word", ...)
 * or the target is unknown ("target"). */
enum teach_result teach_word(struct app *a, struct db *db, const char *word, const char *kind,
                             const char *target, const char *by, char *why, size_t whylen);

/* Forgets taught word id (*word gets it): TEACH_REFUSED when there is none. */
enum teach_result teach_forget(struct app *a, struct db *db, int64_t id, char *word, size_t len);

/* Frees the lexicons swapped out (only when no thread parses any more:
 * pipeline_free calls it). */
void teach_release(void);

#endif
