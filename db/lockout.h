/* lockout.h: the sign-in lockout, one rule for every door that takes a secret
 * (lockout.c): wrong tries are counted per key (a staff member, a client
 * address, a dashboard account); when they reach the door's limit the key is
 * locked for the door's period and the count starts again; a right try clears
 * the count. Where the door keeps the time of the last wrong try, tries older
 * than the period are forgotten; a dashboard account counts them in a row.
 * Every read says what happened, so callers fail closed on DB_ERROR. */
#ifndef TALKA_LOCKOUT_H
#define TALKA_LOCKOUT_H

#include "db/db.h"

#include <stdint.h>
#include <time.h>

enum lockout_door {
    LOCKOUT_STAFF_PIN = 0,   /* key: the volunteer id; 5 wrong PINs lock for an hour */
    LOCKOUT_WEB_ADDRESS,     /* key: the client address; 10 wrong passwords, 15 minutes */
    LOCKOUT_WEB_ACCOUNT,     /* key: the account id; 10 wrong passwords in a row, 15 minutes */
    LOCKOUT_WEB_UNKNOWN,     /* key: a name that is no account; as an account (kept a day,
                                at most 1000 names), so the lockout names no account */
};

/* The door's limit of wrong tries and its lock period in seconds. */
int lockout_limit(enum lockout_door door);
long lockout_seconds(enum lockout_door door);

/* DB_FOUND when key is locked at now, DB_NONE when not, or the failure. */
enum db_status lockout_locked(struct db *db, enum lockout_door door, const char *key, time_t now);

/* Counts a wrong try: DB_FOUND when it locks the key, DB_NONE when it does not
 * (*tries_left, when not NULL, says how many remain), or the failure. */
enum db_status lockout_failed(struct db *db, enum lockout_door door, const char *key, time_t now,
                              int64_t *tries_left);

/* A right try: the count and any lock cleared. */
bool lockout_clear(struct db *db, enum lockout_door door, const char *key);

#endif
