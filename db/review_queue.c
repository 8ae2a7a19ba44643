/* review_queue.c: the queries behind `talka review list` (see review_queue.h). */
#include "db/review_queue.h"

enum db_status review_pending_items(struct db *db, review_item_fn fn, void *ctx)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT p.review_no, p.reported_at, q.species, q.count,"
        " p.place, p.municipality FROM plantings p JOIN plantings q ON q.inbound_id = p.inbound_id"
        " AND q.status = 'pending_review' WHERE p.status = 'pending_review' AND p.review_no IS NOT NULL"
        " ORDER BY p.review_no, q.item_no");
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct review_item it = {
            .review_no = sqlite3_column_int(st, 0),
            .reported_at = (time_t)sqlite3_column_int64(st, 1),
            .species = db_col_str(st, 2),
            .count = sqlite3_column_int64(st, 3),
            .place = db_col_str(st, 4),
            .municipality = db_col_str(st, 5),
        };
        fn(ctx, &it);
    }
    return db_rows_end(&r);
}

enum db_status review_asked_waiting(struct db *db, time_t now, review_asked_fn fn, void *ctx)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT asked_at, expires_at, ask, summary FROM awaiting_confirmation"
        " WHERE state = 'waiting' AND expires_at > ? ORDER BY asked_at, id");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", (int64_t)now) : SQLITE_ERROR);
    while (db_row(&r)) {
        struct review_asked a = {
            .asked_at = (time_t)sqlite3_column_int64(st, 0),
            .expires_at = (time_t)sqlite3_column_int64(st, 1),
            .ask = db_col_str(st, 2),
            .summary = db_col_str(st, 3),
        };
        fn(ctx, &a);
    }
    return db_rows_end(&r);
}
