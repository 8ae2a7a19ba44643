/* inbound.c: queries of the inbound table (raw texts, handled once). */
#include "db/inbound.h"

#include <stdlib.h>
#include <string.h>

bool inbound_insert(struct db *db, const char *dedupe_key, const char *channel,
                    const char *transport, const char *transport_id, const char *sender,
                    const char *sender_e164, const void *text, size_t len, time_t received_at,
                    const char *meta, int64_t *id, bool *existed)
{
    static const char sql[] =
        "INSERT INTO inbound (dedupe_key, channel, transport, transport_id, sender, sender_e164,"
        " text, received_at, meta) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(dedupe_key) DO NOTHING";
    if (!db_run(db, sql, "ttttttbit", dedupe_key, channel, transport, transport_id, sender,
                sender_e164, text, (int)len, (int64_t)received_at, meta))
        return false;
    *existed = db_changes(db) == 0;
    *id = 0;
    if (!*existed)
        *id = db_last_id(db);
    else if (db_int(db, id, "SELECT id FROM inbound WHERE dedupe_key = ?", "t", dedupe_key) != DB_FOUND)
        return false;
    return *id != 0;
}

enum db_status inbound_load(struct db *db, int64_t id, struct inbound_row *row)
{
    sqlite3_stmt *st = db_prep(db, "SELECT channel, transport, sender, text, received_at, state,"
                                   " coalesce(outcome, '') FROM inbound WHERE id = ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    bool found = false, oom = false;
    memset(row, 0, sizeof *row);
    if (db_row(&r)) {
        row->id = id;
        db_col_text(st, 0, row->channel, sizeof row->channel);
        db_col_text(st, 1, row->transport, sizeof row->transport);
        db_col_text(st, 2, row->sender, sizeof row->sender);
        const void *b = sqlite3_column_blob(st, 3);
        row->len = (size_t)sqlite3_column_bytes(st, 3);
        row->text = malloc(row->len + 1);
        if (row->text) {
            if (row->len)
                memcpy(row->text, b, row->len);
            row->text[row->len] = '\0';
            found = true;
        } else {
            oom = true;
        }
        row->received_at = (time_t)sqlite3_column_int64(st, 4);
        row->handled = strcmp((const char *)sqlite3_column_text(st, 5), "handled") == 0;
        db_col_text(st, 6, row->outcome, sizeof row->outcome);
    }
    enum db_status s = db_rows_end_one(&r, found);
    return oom ? DB_ERROR : s;
}

void inbound_row_free(struct inbound_row *row)
{
    free(row->text);
    row->text = NULL;
}

bool inbound_mark_handled(struct db *db, int64_t id, const char *outcome, int64_t volunteer_id,
                          time_t now)
{
    sqlite3_stmt *st = db_prep(db, "UPDATE inbound SET state = 'handled', outcome = ?,"
                                   " handled_at = ?, volunteer_id = ? WHERE id = ?");
    if (!st)
        return false;
    db_bind(st, "ti", outcome, (int64_t)now);
    if (volunteer_id)
        sqlite3_bind_int64(st, 3, volunteer_id);
    sqlite3_bind_int64(st, 4, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

int64_t inbound_count_since(struct db *db, const char *e164, time_t since, time_t until,
                            int64_t upto_id)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM inbound WHERE sender_e164 = ? AND received_at >= ?"
                       " AND received_at <= ? AND id <= ?", "tiii", e164, (int64_t)since,
               (int64_t)until, upto_id) != DB_FOUND)
        return -1;
    return n;
}

int inbound_unhandled(struct db *db, int64_t *ids, int max)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id FROM inbound WHERE state = 'new' ORDER BY id LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "I", max) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        ids[n++] = sqlite3_column_int64(st, 0);
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

bool inbound_set_outcome(struct db *db, int64_t id, const char *outcome)
{
    return db_run(db, "UPDATE inbound SET outcome = ? WHERE id = ?", "ti", outcome, id);
}

enum db_status inbound_count_outcome(struct db *db, int64_t volunteer_id, const char *outcome,
                                     time_t since, int64_t except_id, int64_t *n)
{
    return db_figure(db, n, "SELECT count(*) FROM inbound WHERE volunteer_id = ? AND"
                            " outcome = ? AND received_at >= ? AND id != ?",
                     "itii", volunteer_id, outcome, (int64_t)since, except_id);
}
