/* volunteer_search.h: the dashboard's volunteer search: by exact number or by a
 * part of the name, erased volunteers left out, each with the points balance. */
#ifndef TALKA_DB_VOLUNTEER_SEARCH_H
#define TALKA_DB_VOLUNTEER_SEARCH_H

#include "db/db.h"

#include <stdint.h>

struct volunteer_hit {
    int64_t id;
    const char *number, *name;   /* never NULL; live until the callback returns */
    int64_t created_at;
    int64_t points;              /* the points balance (sum of the ledger) */
};

/* Volunteers whose number is number or whose name contains name_part, by id,
 * up to limit, to row (a nonzero return stops): DB_DONE or a failure. */
enum db_status volunteers_search(struct db *db, const char *number, const char *name_part,
                                 int limit, int (*row)(const struct volunteer_hit *, void *),
                                 void *arg);

#endif
