/* volunteer_search.c: the dashboard's volunteer search (see volunteer_search.h). */
#include "db/volunteer_search.h"
#include "db/plantings.h"

enum db_status volunteers_search(struct db *db, const char *number, const char *name_part,
                                 int limit, int (*row)(const struct volunteer_hit *, void *),
                                 void *arg)
{
    /* the balance as everywhere (SQL_POINTS_OF); LIKE's own wildcards in name_part
     * stay wildcards, as typed */
    sqlite3_stmt *st = db_prep(db, "SELECT id, number, coalesce(name, ''), created_at, "
                                   SQL_POINTS_OF("v.id")
                                   " FROM volunteers v WHERE erased_at IS NULL"
                                   " AND (number = ? OR name LIKE '%' || ? || '%')"
                                   " ORDER BY id LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ttI", number, name_part, limit)
                                                : SQLITE_ERROR);
    while (db_row(&r)) {
        const char *num = (const char *)sqlite3_column_text(st, 1);
        struct volunteer_hit h = {
            .id = sqlite3_column_int64(st, 0),
            .number = num ? num : "",
            .name = (const char *)sqlite3_column_text(st, 2),
            .created_at = sqlite3_column_int64(st, 3),
            .points = sqlite3_column_int64(st, 4),
        };
        if (row(&h, arg))
            break;
    }
    return db_rows_end(&r);
}
