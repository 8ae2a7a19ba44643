/* aggregate.c: counts and sums read so that a missing row is an error (see
 * aggregate.h). */
#include "db/aggregate.h"

#include <stdbool.h>

enum db_status db_row_ints(struct db *db, sqlite3_stmt *st, int bind_rc, int64_t *const fields[],
                           size_t n)
{
    struct db_rows r = db_rows_bound(db, st, st ? bind_rc : SQLITE_ERROR);
    bool found = false;
    if (db_row(&r)) {
        for (size_t i = 0; i < n; i++)
            *fields[i] = sqlite3_column_int64(st, (int)i);
        found = true;
    }
    enum db_status s = db_rows_end(&r);
    if (DB_FAILED(s))
        return s;
    return found ? DB_FOUND : DB_ERROR;
}

enum db_status db_count_status(enum db_status s)
{
    return s == DB_NONE ? DB_ERROR : s;
}
