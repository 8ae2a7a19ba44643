/* volunteer_history.c: a volunteer's texts, plantings and points for the
 * dashboard (see volunteer_history.h). */
#include "db/volunteer_history.h"

#include <string.h>

enum db_status volunteer_conversation(struct db *db, int64_t id, const char *number, int limit,
                                      int (*row)(const struct conversation_item *, void *),
                                      void *arg)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT * FROM (SELECT received_at t, 'in' dir, shown_text(text), channel, id, outcome"
        "   FROM inbound WHERE volunteer_id = ?"
        " UNION ALL SELECT created_at, 'out', text, state, id, kind FROM outbound WHERE recipient = ?)"
        " ORDER BY 1 DESC, 5 DESC LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "itI", id, number, limit)
                                                : SQLITE_ERROR);
    while (db_row(&r)) {
        struct conversation_item it = {
            .at = sqlite3_column_int64(st, 0),
            .in = !strcmp(db_col_str(st, 1), "in"),
            .text = db_col_str(st, 2),
            .how = db_col_str(st, 3),
            .outcome = db_col_str(st, 5),
        };
        if (row(&it, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status volunteer_plantings(struct db *db, int64_t id, int limit,
                                   int (*row)(const struct planting_item *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT reported_at, species, count, place, status"
                                   " FROM plantings WHERE volunteer_id = ?"
                                   " ORDER BY reported_at DESC, id DESC LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "iI", id, limit) : SQLITE_ERROR);
    while (db_row(&r)) {
        struct planting_item it = {
            .reported_at = sqlite3_column_int64(st, 0),
            .species = db_col_str(st, 1),
            .count = sqlite3_column_int64(st, 2),
            .place = db_col_str(st, 3),
            .status = db_col_str(st, 4),
        };
        if (row(&it, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status volunteer_ledger(struct db *db, int64_t id, int limit,
                                int (*row)(const struct ledger_item *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT created_at, delta, reason FROM points_ledger"
                                   " WHERE volunteer_id = ? ORDER BY id DESC LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "iI", id, limit) : SQLITE_ERROR);
    while (db_row(&r)) {
        struct ledger_item it = {
            .at = sqlite3_column_int64(st, 0),
            .delta = sqlite3_column_int64(st, 1),
            .reason = db_col_str(st, 2),
        };
        if (row(&it, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status volunteer_last_text_at(struct db *db, int64_t id, int64_t *at)
{
    *at = 0;
    return db_int(db, at, "SELECT coalesce(max(received_at), 0) FROM inbound WHERE volunteer_id = ?",
                  "i", id);
}
