/* dialogue.h: reading a text as the answer to a question talka asked
 * (dialogue.c): the report a question is about as it stands now, a choice named
 * by digit, ordinal or name, and a report missing one part. The ask-back flow
 * (askback.c) uses these; the parse of one text stays pure (parsers/), the
 * conversation is applied here, in the core. */
#ifndef TALKA_DIALOGUE_H
#define TALKA_DIALOGUE_H

#include "db/askback.h"
#include "gateway/core/job.h"

#include <stdbool.h>
#include <stddef.h>

/* The report question q is about, parsed again at its own receive time into r
 * (a copy of j whose row is the report's row): its text, then the text that
 * completed it (q->part_id), then extra (the answer being tried; NULL for none).
 * DB_FOUND, DB_NONE (the report's text was erased), or a failure. The caller
 * frees r->row with inbound_row_free() when DB_FOUND. */
enum db_status dialogue_report(struct job *j, const struct askback *q, const char *extra,
                               size_t elen, struct job *r);

/* The choice (1..rep->nchoices) the job's text names: its digit, an ordinal
 * ("otrais", "второй", "second") or the municipality's name however written
 * ("Augšdaugavas", "augsdaugavas novads", "Mārupē"); 0 when it names none or
 * more than one. */
int dialogue_choice(const struct job *j, const struct parse_result *rep);

/* A report missing exactly one part (place, species or count) with nothing
 * else wrong: the missing PART_* bit; 0 otherwise. */
unsigned dialogue_missing(const struct parse_result *pr);

/* The reply key that asks for the missing part ("ask_place" ...). */
const char *dialogue_ask_key(unsigned missing);

/* Text of n bytes, one digit 1..9 and nothing else but spaces and
 * punctuation: the digit, else 0. */
int dialogue_digit(const char *s, size_t n);

#endif
