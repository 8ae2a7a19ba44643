/* volunteer_search.c: the dashboard's volunteer search (see volunteer_search.h). */
#include "db/volunteer_search.h"
#include "db/plantings.h"

static int emit(sqlite3_stmt *st, int (*row)(const struct volunteer_hit *, void *), void *arg)
{
    const char *num = (const char *)sqlite3_column_text(st, 1);
    struct volunteer_hit h = {
        .id = sqlite3_column_int64(st, 0),
        .number = num ? num : "",
        .name = db_col_str(st, 2),
        .lang = db_col_str(st, 3),
        .created_at = sqlite3_column_int64(st, 4),
        .points = sqlite3_column_int64(st, 5),
    };
    return row(&h, arg);
}

enum db_status volunteers_search(struct db *db, const char *digits, const char *name_folded,
                                 int64_t id, int limit,
                                 int (*row)(const struct volunteer_hit *, void *), void *arg)
{
    /* the balance as everywhere (SQL_POINTS_OF); LIKE's own wildcards stay
     * wildcards, as typed. A scan: 20 000 names fold in a few milliseconds. */
    sqlite3_stmt *st = db_prep(db, "SELECT id, number, coalesce(name, ''), lang, created_at, "
                                   SQL_POINTS_OF("v.id")
                                   " FROM volunteers v WHERE erased_at IS NULL"
                                   " AND ((?1 <> '' AND number LIKE '%' || ?1 || '%')"
                                   "   OR (?2 <> '' AND talka_fold(name) LIKE '%' || ?2 || '%')"
                                   "   OR id = ?3)"
                                   " ORDER BY id LIMIT ?4");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ttiI", digits, name_folded, id, limit)
                                                : SQLITE_ERROR);
    while (db_row(&r))
        if (emit(st, row, arg))
            break;
    return db_rows_end(&r);
}

enum db_status volunteers_each_number(struct db *db, int (*row)(int64_t, const char *, void *),
                                      void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, number FROM volunteers WHERE erased_at IS NULL"
                                   " ORDER BY id");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r))
        if (row(sqlite3_column_int64(st, 0), db_col_str(st, 1), arg))
            break;
    return db_rows_end(&r);
}
