/* volunteer_record.c: the queries behind `talka volunteer show` (see
 * volunteer_record.h). */
#include "db/volunteer_record.h"

#include "db/aggregate.h"
#include "db/plantings.h"

enum db_status volunteer_counts(struct db *db, int64_t id, const char *number,
                                struct volunteer_counts *out)
{
    static const char sql[] =
        "SELECT " SQL_POINTS_OF("?1") ","
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=?1 AND status='accepted'),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=?1 AND status='pending_review'),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE volunteer_id=?1 AND status='cancelled'),"
        " (SELECT count(*) FROM inbound WHERE volunteer_id = ?1),"
        " (SELECT count(*) FROM outbound WHERE recipient = ?2 AND kind IN ('reply', 'final')),"
        " (SELECT count(*) FROM outbound WHERE recipient = ?2 AND kind = 'broadcast'),"
        " (SELECT count(*) FROM outbound WHERE recipient = ?2"
        " AND kind NOT IN ('reply', 'final', 'broadcast'))";
    sqlite3_stmt *st = db_prep(db, sql);
    int64_t *const f[] = { &out->points, &out->accepted, &out->pending_review, &out->cancelled,
                           &out->received, &out->replies, &out->broadcasts, &out->notices };
    int bound = st ? db_bind(st, "it", id, number) : SQLITE_ERROR;
    return db_row_ints(db, st, bound, f, sizeof f / sizeof f[0]);
}

enum db_status volunteer_texts(struct db *db, int64_t id, const char *number,
                                      volunteer_text_fn fn, void *ctx)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT received_at AS t, 0 AS dir, id, coalesce(outcome, state), '', text FROM inbound"
        " WHERE volunteer_id = ?"
        " UNION ALL SELECT created_at, 1, id, kind, state || CASE WHEN delivered_at IS NOT NULL"
        " AND state != 'delivered' THEN ', delivered' ELSE '' END, text FROM outbound"
        " WHERE recipient = ? ORDER BY t, dir, id");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "it", id, number) : SQLITE_ERROR);
    while (db_row(&r)) {
        const char *status = (const char *)sqlite3_column_text(st, 3);
        const char *delivery = (const char *)sqlite3_column_text(st, 4);
        struct volunteer_text t = {
            .at = (time_t)sqlite3_column_int64(st, 0),
            .out = sqlite3_column_int(st, 1) != 0,
            .status = status ? status : "",
            .delivery = delivery ? delivery : "",
            .text = sqlite3_column_text(st, 5),
            .len = sqlite3_column_bytes(st, 5),
        };
        fn(ctx, &t);
    }
    return db_rows_end(&r);
}
