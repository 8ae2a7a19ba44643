/* staff_pin.h: the staff PIN masked in the stored text of the command (inbound).
 * Wrong tries and the lockout are db/lockout.h's (LOCKOUT_STAFF_PIN). */
#ifndef TALKA_DB_STAFF_PIN_H
#define TALKA_DB_STAFF_PIN_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Replaces the stored text of inbound row id (len bytes, the PIN masked). False on
 * an error. */
bool staff_pin_mask_stored(struct db *db, int64_t inbound_id, const char *text, size_t len);

#endif
