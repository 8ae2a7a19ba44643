/* stats.h: the figures of `talka stats`: totals over plantings, volunteers and
 * texts, accepted trees per municipality and per species, and points per
 * volunteer. */
#ifndef TALKA_DB_STATS_H
#define TALKA_DB_STATS_H

#include "db/db.h"

#include <stdint.h>
#include <time.h>

struct stats_totals {
    int64_t accepted, pending_review, cancelled, rejected; /* trees by planting status */
    int64_t volunteers;                                     /* not erased */
    int64_t texts;                                          /* inbound, ever */
    int64_t texts_recent, trees_recent, replies_recent;     /* since `since` */
};

/* Fills out in one read: DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status stats_totals(struct db *db, time_t since, struct stats_totals *out);

/* One row of a ranking: key is a municipality, a species id or a volunteer's
 * number (valid during the call only). */
typedef void (*stats_row_fn)(void *ctx, const char *key, int64_t total);

/* Accepted trees per municipality / per species, largest first, up to limit rows.
 * Each returns DB_DONE, or DB_ERROR / DB_BUSY (rows already given stand). */
enum db_status stats_per_municipality(struct db *db, int limit, stats_row_fn fn, void *ctx);
enum db_status stats_per_species(struct db *db, int limit, stats_row_fn fn, void *ctx);
/* Points per volunteer (key: the number), most first, up to limit rows. */
enum db_status stats_top_volunteers(struct db *db, int limit, stats_row_fn fn, void *ctx);

#endif
