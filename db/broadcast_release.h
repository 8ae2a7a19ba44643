/* broadcast_release.h: the small reads and writes around releasing a broadcast
 * (gateway/broadcast/): a filled broadcast scheduled, is it still scheduled, does
 * the queue already hold a copy, how many recipients are left, and the daily cap
 * notice remembered in meta. The broadcast tables themselves: broadcast.h. */
#ifndef TALKA_DB_BROADCAST_RELEASE_H
#define TALKA_DB_BROADCAST_RELEASE_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* A broadcast whose file recipients are all in: scheduled, with their count.
 * False on a database error. */
bool broadcast_mark_scheduled(struct db *db, int64_t id);

/* DB_FOUND when broadcast id is scheduled (not cancelled, not done), DB_NONE when
 * not, DB_ERROR / DB_BUSY when that cannot be told. */
enum db_status broadcast_is_scheduled(struct db *db, int64_t id);
/* How many broadcasts are scheduled: DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status broadcast_scheduled_count(struct db *db, int64_t *out);
/* Recipients of broadcast id not yet released or skipped: DB_FOUND, or DB_ERROR / DB_BUSY. */
enum db_status broadcast_pending_count(struct db *db, int64_t id, int64_t *out);

/* DB_FOUND when the outbound queue holds broadcast id's copy for number, DB_NONE
 * when it does not, DB_ERROR / DB_BUSY when that cannot be told. */
enum db_status broadcast_copy_queued(struct db *db, int64_t id, const char *number);

/* The daily cap notice: DB_FOUND when it was given on day (a key such as the day's
 * start in epoch seconds), DB_NONE when not; remembering it is false on an error. */
enum db_status broadcast_cap_notice_given(struct db *db, const char *day);
bool broadcast_cap_notice_remember(struct db *db, const char *day);

#endif
