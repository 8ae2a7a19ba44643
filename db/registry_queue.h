/* registry_queue.h: what the registry uploader asks of its queue besides the
 * record and batch rows of registry.h: how many records still wait, how many of
 * a batch have no result, a whole batch rejected, an empty batch removed. */
#ifndef TALKA_DB_REGISTRY_QUEUE_H
#define TALKA_DB_REGISTRY_QUEUE_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Records queued and not yet in a batch, or in an open batch: DB_FOUND, or
 * DB_ERROR / DB_BUSY. */
enum db_status registry_queue_pending(struct db *db, int64_t *out);

/* Records of batch_id still queued (no result yet): DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status registry_batch_unanswered(struct db *db, const char *batch_id, int64_t *out);

/* The registry refused batch_id as a whole: its queued records become rejected
 * with why; *changed says how many. False on a database error. */
bool registry_batch_reject_all(struct db *db, const char *batch_id, const char *why, time_t now,
                               int *changed);

/* Removes batch_id (a batch that ended up with no record). False on an error. */
bool registry_batch_delete(struct db *db, const char *batch_id);

#endif
