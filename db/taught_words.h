/* taught_words.h: the words staff taught talka from the inbox (taught_words
 * table): read whole by the core, which merges them into the parser's word
 * lists; listed, added and removed from the dashboard. */
#ifndef TALKA_DB_TAUGHT_WORDS_H
#define TALKA_DB_TAUGHT_WORDS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct taught_row {
    int64_t id;
    const char *word, *folded, *kind, *target, *added_by;   /* never NULL */
    int64_t added_at;
};

/* Every taught word, oldest first, to row (nonzero stops): DB_DONE or a failure. */
enum db_status taught_words_all(struct db *db, int (*row)(const struct taught_row *, void *),
                                void *arg);

/* How many words are taught: DB_FOUND with *n, or a failure. */
enum db_status taught_words_count(struct db *db, int64_t *n);

/* Adds a word; *dup set (and false returned) when its folded form is taught
 * already. False on a database error. */
bool taught_word_add(struct db *db, const char *word, const char *folded, const char *kind,
                     const char *target, const char *by, time_t now, bool *dup);

/* Removes word id: DB_FOUND (removed; *word gets it), DB_NONE or a failure. */
enum db_status taught_word_remove(struct db *db, int64_t id, char *word, size_t len);

#endif
