/* retention.h: deletes the raw text of handled messages older than the retention
 * period ([talka] retention_days; 0 keeps them forever). Plantings and totals stay. */
#ifndef TALKA_RETENTION_H
#define TALKA_RETENTION_H

#include "db/db.h"

#include <time.h>

/* Returns how many texts were cleared, or -1 on error. */
long retention_apply(struct db *db, time_t now, long days);

#endif
