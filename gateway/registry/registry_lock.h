/* registry_lock.h: the lock in the database that lets only one uploader (the
 * daemon's or `talka registry flush`) talk to the registry at a time. A holder on
 * this host keeps it until it lets go or its process is gone (a SIGKILLed holder
 * does not block the next one); a holder elsewhere keeps it until its lease
 * (renewed before each send) expires. */
#ifndef TALKA_REGISTRY_LOCK_H
#define TALKA_REGISTRY_LOCK_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define REGISTRY_LOCK_LEASE 300   /* seconds a lease lasts without renewal */

/* Takes or renews the lock for this process under role ("daemon", "flush").
 * True when held; false with the holder's description in who (or a database
 * error) when someone else has it. */
bool registry_lock_take(struct db *db, const char *role, time_t now, char *who, size_t wholen);

/* Lets go when this process holds it. */
void registry_lock_release(struct db *db, const char *role);

#endif
