/* taught.h: words staff taught talka (taught.c): aliases of a species, a place
 * or a command, added to a lexicon as it is built, beside the shipped lists.
 * The parser never reads where they are kept: the caller hands them over. */
#ifndef TALKA_PARSERS_TAUGHT_H
#define TALKA_PARSERS_TAUGHT_H

#include "parsers/parse.h"

#include <stddef.h>

enum taught_kind { TAUGHT_SPECIES = 0, TAUGHT_PLACE, TAUGHT_COMMAND };

struct taught_word {
    const char *word;          /* as staff typed it */
    enum taught_kind kind;
    const char *target;        /* species id, place name, or command name ("points") */
};

/* For lexicon_load_taught: adds words to the lexicon being built; returns how
 * many were skipped (a target not in the lists). */
struct lexicon;
size_t pz_add_taught(struct lexicon *lex, const struct taught_word *words, size_t n);

/* The word as the parser compares words (folded): its length, 0 when nothing is left. */
size_t taught_fold(const char *word, char *out, size_t cap);

/* What word already means in lex: 0 nothing; else 1 and what says it
 * ("species quercus_robur", "place Cēsis", "command points", "word"). */
int taught_meaning(const struct lexicon *lex, const char *word, char *what, size_t len);

/* A command by its name ("points"), CMD_UNKNOWN when none. */
enum command taught_command(const char *name);

#endif
