/* staff_pin.h: a staff PIN's traces in the store: wrong tries and the lockout
 * they lead to (staff_pin_failures), and the PIN masked in the stored text of the
 * command (inbound). The rules (how many tries, how long) are the caller's. */
#ifndef TALKA_DB_STAFF_PIN_H
#define TALKA_DB_STAFF_PIN_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* When the volunteer's number is locked until (epoch seconds; 0 or past: not
 * locked): DB_FOUND, DB_NONE (never a wrong PIN), or DB_ERROR. */
enum db_status staff_pin_locked_until(struct db *db, int64_t volunteer_id, int64_t *until);

/* Counts one wrong PIN at now; tries before forget_before are forgotten first
 * (the count starts again at 1). *failures: the count now. DB_FOUND, or DB_ERROR. */
enum db_status staff_pin_count_wrong(struct db *db, int64_t volunteer_id, time_t now,
                                     time_t forget_before, int64_t *failures);

/* Locks the number until `until` and starts the count again. False on an error. */
bool staff_pin_lock(struct db *db, int64_t volunteer_id, time_t until);
/* A right PIN: the count starts again. False on an error. */
bool staff_pin_clear(struct db *db, int64_t volunteer_id);

/* Replaces the stored text of inbound row id (len bytes, the PIN masked). False on
 * an error. */
bool staff_pin_mask_stored(struct db *db, int64_t inbound_id, const char *text, size_t len);

#endif
