/* aggregate.h: reading aggregates (counts and sums), which always give one row:
 * a missing row is an error, never a 0. One row of several integers goes into
 * the fields of a plain struct. */
#ifndef TALKA_DB_AGGREGATE_H
#define TALKA_DB_AGGREGATE_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* Steps st (from db_prep(); bind_rc: the caller's db_bind() result) and copies its
 * first n columns into *fields[0..n-1]. DB_FOUND, or DB_ERROR / DB_BUSY (no row
 * is DB_ERROR too). */
enum db_status db_row_ints(struct db *db, sqlite3_stmt *st, int bind_rc, int64_t *const fields[],
                           size_t n);

/* The status of a db_int() that read a count: DB_NONE (no row) becomes DB_ERROR. */
enum db_status db_count_status(enum db_status s);

#endif
