/* outbound_refused.c: the queries of the Kannel staff alert (see outbound_refused.h). */
#include "db/outbound_refused.h"

#include "db/aggregate.h"

enum db_status outbound_refused_since(struct db *db, const char *transport, int64_t after,
                                      struct outbound_refused *out)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT count(*), coalesce(max(id), 0), max(last_error) FROM outbound"
        " WHERE transport = ? AND state = 'failed' AND id > ? AND kind <> 'alert'"
        " AND last_error LIKE 'Kannel: 4%'");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ti", transport, after) : SQLITE_ERROR);
    *out = (struct outbound_refused){ 0 };
    bool found = false;
    if (db_row(&r)) {
        out->count = (long)sqlite3_column_int64(st, 0);
        out->top = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, out->why, sizeof out->why);
        found = true;
    }
    enum db_status s = db_rows_end(&r);
    if (DB_FAILED(s))
        return s;
    return found ? DB_FOUND : DB_ERROR; /* an aggregate always gives one row */
}

enum db_status outbound_top_id(struct db *db, int64_t *out)
{
    *out = 0;
    return db_count_status(db_int(db, out, "SELECT coalesce(max(id), 0) FROM outbound", ""));
}
