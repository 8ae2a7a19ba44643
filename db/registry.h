/* registry.h: queries of the registry upload queue (db/migrations/003_registry.sql):
 * waiting records, durable batches, per-record results, the uploader's state and
 * the lock that keeps the daemon and `talka registry flush` from uploading at once. */
#ifndef TALKA_DB_REGISTRY_H
#define TALKA_DB_REGISTRY_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* A waiting record with what a record needs from its planting and volunteer. */
struct registry_row {
    int64_t rec_id;
    int64_t planting_id;
    int64_t volunteer_id;
    bool planting_exists;       /* false when the planting row is gone */
    char uuid[64];
    char op[8];                 /* upsert | cancel */
    char number[96];            /* volunteer's E.164, or 'erased:...'; "" when none */
    char prior_uuid[65];        /* pseudonym of an earlier record of this uuid, or "" */
    char prior_volunteer[65];   /* pseudonym of an earlier record of this volunteer, or "" */
    char species[64];
    long count;
    char place[128];
    char municipality[128];
    char planted_on[16];        /* "" when NULL */
    int64_t reported_at;
    char channel[16];
};

/* Up to max waiting records (batch_id NULL), oldest first. Returns how many, -1 on error. */
int registry_waiting(struct db *db, int max, struct registry_row *rows);

/* Fixes n records into a new open batch (call inside a transaction): sets their
 * batch_id, pseudonym and record JSON. */
bool registry_batch_insert(struct db *db, const char *batch_id, time_t now);
bool registry_record_fix(struct db *db, int64_t rec_id, const char *batch_id,
                         const char *pseudonym, const char *record_json);
/* A waiting record whose planting no longer exists is dropped. */
bool registry_record_drop(struct db *db, int64_t rec_id);

struct registry_batch {
    char batch_id[40];
    int attempts;
    int64_t next_try_at;
    int64_t created_at;
    int nrecords;               /* records still without a final result */
};

/* The oldest open batch: DB_FOUND, DB_NONE, or DB_BUSY/DB_ERROR. */
enum db_status registry_open_batch(struct db *db, struct registry_batch *b);

/* Calls fn for each record of the batch (in queue order) with its fixed JSON;
 * false when the read failed (fn may have seen some records). */
bool registry_batch_records(struct db *db, const char *batch_id,
                            void (*fn)(void *arg, const char *uuid, const char *op,
                                       const char *record_json),
                            void *arg);

/* A 2xx named this record: accepted | duplicate | rejected. Only records still
 * queued in this batch change. Returns true when a row changed. */
bool registry_record_result(struct db *db, const char *batch_id, const char *uuid,
                            const char *op, const char *state, const char *reason, time_t now);

/* Closes the batch when no record is left without a result; true when closed. */
bool registry_batch_close_if_done(struct db *db, const char *batch_id, time_t now);

/* A failed attempt: attempts + 1, next try, error text. */
bool registry_batch_failed(struct db *db, const char *batch_id, time_t next_try_at,
                           const char *error);
/* An attempt starts: attempts + 1 (so a crash mid-send still counts it). */
bool registry_batch_attempt(struct db *db, const char *batch_id);

/* Counts for status. */
struct registry_counts {
    int64_t waiting;            /* not yet in a batch */
    int64_t in_batches;         /* in open batches, no result yet */
    int64_t open_batches;
    int64_t accepted, duplicate, rejected;
};
/* False when the read failed (c then all 0). */
bool registry_counts(struct db *db, struct registry_counts *c);

/* Records the registry rejected, newest first; false when the read failed. */
bool registry_rejected(struct db *db, int max,
                       void (*fn)(void *arg, const char *uuid, const char *op,
                                  const char *reason, int64_t at),
                       void *arg);

/* registry_state key/value. get copies into buf ("" when absent or failed) and
 * returns DB_FOUND, DB_NONE (absent or NULL), or DB_BUSY/DB_ERROR. */
bool registry_state_set(struct db *db, const char *key, const char *value);
enum db_status registry_state_get(struct db *db, const char *key, char *buf, size_t len);

/* The upload lock row. */
struct registry_lock_row {
    char holder[128];           /* "" when free */
    char host[64];
    int64_t pid;
    int64_t expires_at;
};
/* DB_FOUND, DB_NONE (no lock row), or DB_BUSY/DB_ERROR. */
enum db_status registry_lock_read(struct db *db, struct registry_lock_row *l);
/* Sets the holder when the row still holds expect_holder ("" = free); true when taken. */
bool registry_lock_swap(struct db *db, const char *expect_holder, const char *holder,
                        const char *host, int64_t pid, int64_t expires_at);

#endif
