/* volunteer_search.h: the dashboard's volunteer search: by any part of the
 * number, by a part of the name with diacritics folded (talka_fold, db_fold.h),
 * or by id (a pseudonym the caller resolved), erased volunteers left out, each
 * with the points balance. */
#ifndef TALKA_DB_VOLUNTEER_SEARCH_H
#define TALKA_DB_VOLUNTEER_SEARCH_H

#include "db/db.h"

#include <stdint.h>

struct volunteer_hit {
    int64_t id;
    const char *number, *name, *lang;   /* never NULL; live until the callback returns */
    int64_t created_at;
    int64_t points;              /* the points balance (sum of the ledger) */
};

/* Volunteers whose number contains digits, whose folded name contains name_folded
 * (either "" to leave it out) or whose id is id (0: none), by id, up to limit, to
 * row (a nonzero return stops): DB_DONE or a failure. */
enum db_status volunteers_search(struct db *db, const char *digits, const char *name_folded,
                                 int64_t id, int limit,
                                 int (*row)(const struct volunteer_hit *, void *), void *arg);

/* Every volunteer's id and number (erased left out), by id, to row (nonzero stops). */
enum db_status volunteers_each_number(struct db *db, int (*row)(int64_t, const char *, void *),
                                      void *arg);

#endif
