/* audit.h: the audit log of staff actions and erasures (never personal data). */
#ifndef TALKA_AUDIT_H
#define TALKA_AUDIT_H

#include "db/db.h"

#include <stdbool.h>
#include <time.h>

bool audit(struct db *db, time_t now, const char *actor, const char *action,
           const char *subject, const char *detail);

#endif
