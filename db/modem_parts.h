/* modem_parts.h: parts of long texts, reassembled in the database. Each part is
 * committed as it is read (before it is deleted from the modem); a group
 * (sender, reference, total) is joined when every part is there, or handed on
 * incomplete after a timeout. A part read twice is recognised and stored once. */
#ifndef TALKA_MODEM_PARTS_H
#define TALKA_MODEM_PARTS_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct parts_group {
    char sender[48];
    int ref, total;
    int have;            /* distinct part numbers present */
    int64_t first_id;    /* lowest row id: names the group while it waits */
    time_t first_at;     /* when its first part was read */
};

/* Stores one part (committed on return). *dup is set when this very part was
 * stored before. False only on a database error. */
bool parts_add(struct db *db, const char *modem, const char *sender, int ref, int total,
               int part, const char *text, size_t len, time_t sent_at, time_t now, bool *dup);

/* Waiting groups read by modem that are complete, or whose first part was read
 * before cutoff. Fills up to max groups; returns how many (-1 on error). */
int parts_due(struct db *db, const char *modem, time_t cutoff, struct parts_group *out, int max);

/* Joins a group's waiting parts in order into a malloc'd, NUL-terminated string
 * (*len its length); missing parts are left out. Fills list with the part numbers
 * present ("1,3"). NULL on error or when nothing waits. */
char *parts_join(struct db *db, const struct parts_group *g, size_t *len, char *list,
                 size_t listlen);

/* Marks a group's waiting parts done (they became inbound_id). */
bool parts_done(struct db *db, const struct parts_group *g, int64_t inbound_id, time_t now);

/* Deletes done parts older than before (kept a while so a late re-read of a part
 * is still recognised). Returns how many. */
int parts_prune(struct db *db, time_t before);

/* Parts waiting for siblings (all modems); -1 when the read failed. */
int64_t parts_waiting(struct db *db);

#endif
