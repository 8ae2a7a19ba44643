/* review_queue.h: what waits for a person, as `talka review list` shows it: the
 * planting items of reports held for review, and the reports talka asked the
 * sender back about that still wait for the answer. */
#ifndef TALKA_DB_REVIEW_QUEUE_H
#define TALKA_DB_REVIEW_QUEUE_H

#include "db/db.h"

#include <stdint.h>
#include <time.h>

/* One species of a report held for review; strings valid during the call only. */
struct review_item {
    int review_no;
    time_t reported_at;
    const char *species;      /* species id */
    int64_t count;
    const char *place, *municipality;
};
typedef void (*review_item_fn)(void *ctx, const struct review_item *it);

/* Every item held, by review number then item: DB_DONE, or DB_ERROR / DB_BUSY. */
enum db_status review_pending_items(struct db *db, review_item_fn fn, void *ctx);

/* A report asked back about; strings valid during the call only. */
struct review_asked {
    time_t asked_at, expires_at;
    const char *ask;          /* guess | range | choice | count */
    const char *summary;      /* the report as guessed */
};
typedef void (*review_asked_fn)(void *ctx, const struct review_asked *a);

/* Those waiting and not expired at now, oldest first: DB_DONE, or DB_ERROR / DB_BUSY. */
enum db_status review_asked_waiting(struct db *db, time_t now, review_asked_fn fn, void *ctx);

#endif
