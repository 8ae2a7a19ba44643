/* inbound.h: the raw inbound texts: stored first (idempotently, by dedupe key),
 * handled once, counted for flood and duplicate rules. */
#ifndef TALKA_INBOUND_H
#define TALKA_INBOUND_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct inbound_row {
    int64_t id;
    char channel[16];
    char transport[64];
    char sender[80];
    char *text;          /* malloc'd, NUL-terminated copy of the raw bytes */
    size_t len;
    time_t received_at;
    bool handled;
    char outcome[64];
};

/* Inserts unless dedupe_key exists; *id is the row either way, *existed tells which. */
bool inbound_insert(struct db *db, const char *dedupe_key, const char *channel,
                    const char *transport, const char *transport_id, const char *sender,
                    const char *sender_e164, const void *text, size_t len, time_t received_at,
                    const char *meta, int64_t *id, bool *existed);
/* DB_FOUND (row filled; free it with inbound_row_free), DB_NONE, or
 * DB_BUSY/DB_ERROR (also when out of memory). */
enum db_status inbound_load(struct db *db, int64_t id, struct inbound_row *row);
void inbound_row_free(struct inbound_row *row);
bool inbound_mark_handled(struct db *db, int64_t id, const char *outcome, int64_t volunteer_id,
                          time_t now);
/* Texts from e164 received in [since, until] that arrived no later than row upto_id
 * (texts stored in one batch count in arrival order); -1 on a database error. */
int64_t inbound_count_since(struct db *db, const char *e164, time_t since, time_t until,
                            int64_t upto_id);
/* Up to max ids of unhandled rows, oldest first. Returns how many, -1 when the
 * read failed. */
int inbound_unhandled(struct db *db, int64_t *ids, int max);

/* Sets the outcome of row id (a report's row says what became of it). */
bool inbound_set_outcome(struct db *db, int64_t id, const char *outcome);
/* Texts of the volunteer received since `since` (other than row except_id) whose
 * outcome is outcome, into *n: DB_FOUND, or DB_BUSY/DB_ERROR (*n untouched). */
enum db_status inbound_count_outcome(struct db *db, int64_t volunteer_id, const char *outcome,
                                     time_t since, int64_t except_id, int64_t *n);

#endif
