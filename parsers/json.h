/* json.h: a parse result as one line of JSON, the `talka parse` contract (json.c). */
#ifndef TALKA_PARSERS_JSON_H
#define TALKA_PARSERS_JSON_H

#include "parsers/parse.h"

#include <stddef.h>

/* The result as one line of JSON, malloc'd. */
char *parse_result_json(const struct parse_result *r);
/* The same into buf (no NUL added); returns its length, 0 when it does not fit. */
size_t parse_result_json_into(const struct parse_result *r, char *buf, size_t cap);

/* jansson values made once per lexicon, shared read-only by every result. */
void pz_json_prepare(struct lexicon *lex);
void pz_json_release(struct lexicon *lex);

#endif
