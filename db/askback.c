/* askback.c: queries of awaiting_confirmation (see askback.h). */
#include "db/askback.h"

#include <string.h>

bool askback_open(struct db *db, int64_t volunteer_id, int64_t inbound_id, const char *ask,
                  int nchoices, const char *summary, time_t asked_at, time_t expires_at)
{
    return db_run(db, "UPDATE awaiting_confirmation SET state = 'replaced', answer_id = ?,"
                      " closed_at = ? WHERE volunteer_id = ? AND state = 'waiting'",
                  "iii", inbound_id, (int64_t)asked_at, volunteer_id) &&
           db_run(db, "INSERT INTO awaiting_confirmation (volunteer_id, inbound_id, ask, nchoices,"
                      " summary, asked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "iititii", volunteer_id, inbound_id, ask, (int64_t)nchoices, summary,
                  (int64_t)asked_at, (int64_t)expires_at);
}

enum db_status askback_waiting(struct db *db, int64_t volunteer_id, struct askback *q)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, inbound_id, ask, nchoices, asked_at, expires_at,"
                                   " coalesce(part_id, 0), tries FROM awaiting_confirmation WHERE volunteer_id = ?"
                                   " AND state = 'waiting'");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", volunteer_id) : SQLITE_ERROR);
    bool got = db_row(&r);
    if (got) {
        memset(q, 0, sizeof *q);
        q->id = sqlite3_column_int64(st, 0);
        q->inbound_id = sqlite3_column_int64(st, 1);
        db_col_text(st, 2, q->ask, sizeof q->ask);
        q->nchoices = sqlite3_column_int(st, 3);
        q->asked_at = (time_t)sqlite3_column_int64(st, 4);
        q->expires_at = (time_t)sqlite3_column_int64(st, 5);
        q->part_id = sqlite3_column_int64(st, 6);
        q->tries = sqlite3_column_int(st, 7);
    }
    return db_rows_end_one(&r, got);
}

bool askback_close(struct db *db, int64_t id, const char *state, int64_t answer_id, time_t now)
{
    return db_run(db, "UPDATE awaiting_confirmation SET state = ?, answer_id = ?, closed_at = ?"
                      " WHERE id = ? AND state = 'waiting'",
                  "tiii", state, answer_id, (int64_t)now, id);
}

bool askback_reask(struct db *db, int64_t id, const char *ask, int nchoices, int64_t part_id,
                   const char *summary, time_t expires_at)
{
    return db_run(db, "UPDATE awaiting_confirmation SET ask = ?, nchoices = ?, part_id = ?,"
                      " summary = ?, expires_at = ?, tries = 0 WHERE id = ? AND state = 'waiting'",
                  "tiitii", ask, (int64_t)nchoices, part_id, summary, (int64_t)expires_at, id);
}

bool askback_tried(struct db *db, int64_t id)
{
    return db_run(db, "UPDATE awaiting_confirmation SET tries = tries + 1 WHERE id = ?"
                      " AND state = 'waiting'", "i", id);
}
