/* grammar.h: parse_text, the command grammar (grammar.c). */
#ifndef TALKA_PARSERS_GRAMMAR_H
#define TALKA_PARSERS_GRAMMAR_H

#include "parsers/parse.h"

#include <stddef.h>
#include <time.h>

/* Parses len bytes of text (any bytes: invalid UTF-8 and NULs are safe). opts may
 * be NULL for defaults. now is the time the text was received; its date in the
 * process's local time zone is "today" for vakar/šodien/01.06. */
void parse_text(const struct lexicon *lex, const char *text, size_t len, time_t now,
                const struct parse_options *opts, struct parse_result *out);

#endif
