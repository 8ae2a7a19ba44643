/* askback.h: questions talka asked back about a report (table
 * awaiting_confirmation): one waits per volunteer; it is confirmed, declined,
 * expired or replaced by a newer one (askback.c). */
#ifndef TALKA_DB_ASKBACK_H
#define TALKA_DB_ASKBACK_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct askback {
    int64_t id;
    int64_t inbound_id;     /* the report asked about */
    char ask[16];           /* guess | range | choice | count | ask (a missing part) */
    int nchoices;
    time_t asked_at, expires_at;
    int64_t part_id;        /* the text that completed a half-report, 0 when none */
    int tries;              /* answers that did not answer it */
};

/* Asks a new question about report inbound_id: a question still waiting for the
 * volunteer is closed as 'replaced' (by inbound_id). */
bool askback_open(struct db *db, int64_t volunteer_id, int64_t inbound_id, const char *ask,
                  int nchoices, const char *summary, time_t asked_at, time_t expires_at);
/* The volunteer's waiting question (expired or not): DB_FOUND, DB_NONE, or
 * DB_BUSY/DB_ERROR. */
enum db_status askback_waiting(struct db *db, int64_t volunteer_id, struct askback *q);
/* Asks question id anew about its report (a half-report completed by text
 * part_id that itself needs a question): kind, choices, summary, expiry. */
bool askback_reask(struct db *db, int64_t id, const char *ask, int nchoices, int64_t part_id,
                   const char *summary, time_t expires_at);
/* One more answer that did not answer question id. */
bool askback_tried(struct db *db, int64_t id);
/* Closes question id as state (confirmed, declined, expired, replaced,
 * unanswered), ended by
 * the text answer_id. */
bool askback_close(struct db *db, int64_t id, const char *state, int64_t answer_id, time_t now);

#endif
