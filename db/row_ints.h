/* row_ints.h: reading a query that gives one row of integers (counts and sums of
 * several tables at once) into the fields of a plain struct. */
#ifndef TALKA_DB_ROW_INTS_H
#define TALKA_DB_ROW_INTS_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* Steps st (from db_prep(); bind_rc: the caller's db_bind() result) and copies its
 * first n columns into *fields[0..n-1]. DB_FOUND, or DB_ERROR / DB_BUSY; no row
 * is DB_ERROR too, as the aggregates read this way always give one. */
enum db_status db_row_ints(struct db *db, sqlite3_stmt *st, int bind_rc, int64_t *const fields[],
                           size_t n);

#endif
