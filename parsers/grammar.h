/* grammar.h: parse_text, the command grammar (grammar.c), and the lookups that
 * read free text the way a report is read. */
#ifndef TALKA_PARSERS_GRAMMAR_H
#define TALKA_PARSERS_GRAMMAR_H

#include "parsers/parse.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Parses len bytes of text (any bytes: invalid UTF-8 and NULs are safe). opts may
 * be NULL for defaults. now is the time the text was received. */
void parse_text(const struct lexicon *lex, const char *text, size_t len, time_t now,
                const struct parse_options *opts, struct parse_result *out);

/* Resolves free text naming a place ("Cēsīs", "Talsu novadā") as a report would. */
const struct place *lexicon_find_place(const struct lexicon *lex, const char *text,
                                       bool *ambiguous);
/* Resolves free text naming a species ("ozolus", "дуб") as a report would. */
const struct species *lexicon_find_species(const struct lexicon *lex, const char *text,
                                           bool *ambiguous);

#endif
