/* registry.c: queries of the registry upload queue (see registry.h). */
#include "db/registry.h"

#include <stdio.h>
#include <string.h>

int registry_waiting(struct db *db, int max, struct registry_row *rows)
{
    static const char sql[] =
        "SELECT r.id, r.planting_id, coalesce(r.volunteer_id, p.volunteer_id, 0), p.id IS NOT NULL,"
        "       r.uuid, r.op, coalesce(v.number, ''),"
        "       coalesce((SELECT x.pseudonym FROM registry_records x WHERE x.uuid = r.uuid"
        "                 AND x.pseudonym IS NOT NULL ORDER BY x.id DESC LIMIT 1), ''),"
        "       coalesce((SELECT x.pseudonym FROM registry_records x"
        "                 WHERE x.volunteer_id = r.volunteer_id AND x.pseudonym IS NOT NULL"
        "                 ORDER BY x.id LIMIT 1), ''),"
        "       p.species, p.count, p.place, p.municipality, coalesce(p.planted_on, ''),"
        "       p.reported_at, p.channel"
        " FROM registry_records r"
        " LEFT JOIN plantings p ON p.id = r.planting_id"
        " LEFT JOIN volunteers v ON v.id = coalesce(r.volunteer_id, p.volunteer_id)"
        " WHERE r.batch_id IS NULL ORDER BY r.id LIMIT ?";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows rs = db_rows_bound(db, st, st ? db_bind(st, "I", max) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&rs)) {
        struct registry_row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->rec_id = sqlite3_column_int64(st, 0);
        r->planting_id = sqlite3_column_int64(st, 1);
        r->volunteer_id = sqlite3_column_int64(st, 2);
        r->planting_exists = sqlite3_column_int(st, 3) != 0;
        db_col_text(st, 4, r->uuid, sizeof r->uuid);
        db_col_text(st, 5, r->op, sizeof r->op);
        db_col_text(st, 6, r->number, sizeof r->number);
        db_col_text(st, 7, r->prior_uuid, sizeof r->prior_uuid);
        db_col_text(st, 8, r->prior_volunteer, sizeof r->prior_volunteer);
        db_col_text(st, 9, r->species, sizeof r->species);
        r->count = (long)sqlite3_column_int64(st, 10);
        db_col_text(st, 11, r->place, sizeof r->place);
        db_col_text(st, 12, r->municipality, sizeof r->municipality);
        db_col_text(st, 13, r->planted_on, sizeof r->planted_on);
        r->reported_at = sqlite3_column_int64(st, 14);
        db_col_text(st, 15, r->channel, sizeof r->channel);
    }
    return DB_FAILED(db_rows_end(&rs)) ? -1 : n;
}

bool registry_batch_insert(struct db *db, const char *batch_id, time_t now)
{
    return db_run(db, "INSERT INTO registry_batches (batch_id, created_at) VALUES (?, ?)", "ti",
                  batch_id, (int64_t)now);
}

bool registry_record_fix(struct db *db, int64_t rec_id, const char *batch_id,
                         const char *pseudonym, const char *record_json)
{
    return db_run(db,
                  "UPDATE registry_records SET batch_id = ?, pseudonym = ?, record = ?"
                  " WHERE id = ? AND batch_id IS NULL",
                  "ttti", batch_id, pseudonym, record_json, rec_id);
}

bool registry_record_drop(struct db *db, int64_t rec_id)
{
    return db_run(db, "DELETE FROM registry_records WHERE id = ? AND batch_id IS NULL", "i", rec_id);
}

enum db_status registry_open_batch(struct db *db, struct registry_batch *b)
{
    static const char sql[] =
        "SELECT b.batch_id, b.attempts, b.next_try_at, b.created_at,"
        "       (SELECT count(*) FROM registry_records r WHERE r.batch_id = b.batch_id"
        "        AND r.state = 'queued')"
        " FROM registry_batches b WHERE b.state = 'open' ORDER BY b.created_at, b.rowid LIMIT 1";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows(db, st);
    bool got = db_row(&r);
    if (got) {
        memset(b, 0, sizeof *b);
        db_col_text(st, 0, b->batch_id, sizeof b->batch_id);
        b->attempts = sqlite3_column_int(st, 1);
        b->next_try_at = sqlite3_column_int64(st, 2);
        b->created_at = sqlite3_column_int64(st, 3);
        b->nrecords = sqlite3_column_int(st, 4);
    }
    return db_rows_end_one(&r, got);
}

bool registry_batch_records(struct db *db, const char *batch_id,
                            void (*fn)(void *arg, const char *uuid, const char *op,
                                       const char *record_json),
                            void *arg)
{
    static const char sql[] =
        "SELECT uuid, op, record FROM registry_records WHERE batch_id = ? ORDER BY id";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", batch_id) : SQLITE_ERROR);
    while (db_row(&r))
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
    return db_rows_end(&r) == DB_DONE;
}

bool registry_record_result(struct db *db, const char *batch_id, const char *uuid,
                            const char *op, const char *state, const char *reason, time_t now)
{
    if (!db_run(db,
                "UPDATE registry_records SET state = ?, reason = ?, done_at = ?"
                " WHERE batch_id = ? AND uuid = ? AND (? IS NULL OR op = ?) AND state = 'queued'",
                "ttittt" "t", state, reason, (int64_t)now, batch_id, uuid, op, op))
        return false;
    return db_changes(db) > 0;
}

bool registry_batch_close_if_done(struct db *db, const char *batch_id, time_t now)
{
    if (!db_run(db,
                "UPDATE registry_batches SET state = 'done', done_at = ?, last_error = NULL"
                " WHERE batch_id = ? AND state = 'open' AND NOT EXISTS"
                " (SELECT 1 FROM registry_records r WHERE r.batch_id = ? AND r.state = 'queued')",
                "itt", (int64_t)now, batch_id, batch_id))
        return false;
    return db_changes(db) > 0;
}

bool registry_batch_failed(struct db *db, const char *batch_id, time_t next_try_at,
                           const char *error)
{
    return db_run(db,
                  "UPDATE registry_batches SET next_try_at = ?, last_error = ? WHERE batch_id = ?",
                  "itt", (int64_t)next_try_at, error, batch_id);
}

bool registry_batch_attempt(struct db *db, const char *batch_id)
{
    return db_run(db, "UPDATE registry_batches SET attempts = attempts + 1 WHERE batch_id = ?", "t",
                  batch_id);
}

bool registry_counts(struct db *db, struct registry_counts *c)
{
    static const char sql[] =
        /* each count from an index (registry_records_queue, registry_records_state):
         * one pass summing over every record took 40 ms with 100 000 of them, the
         * dashboard's health page most of its time */
        "SELECT (SELECT count(*) FROM registry_records WHERE batch_id IS NULL),"
        "       (SELECT count(*) FROM registry_records WHERE state = 'queued' AND batch_id IS NOT NULL),"
        "       (SELECT count(*) FROM registry_batches WHERE state = 'open'),"
        "       (SELECT count(*) FROM registry_records WHERE state = 'accepted'),"
        "       (SELECT count(*) FROM registry_records WHERE state = 'duplicate'),"
        "       (SELECT count(*) FROM registry_records WHERE state = 'rejected')";
    sqlite3_stmt *st = db_prep(db, sql);
    memset(c, 0, sizeof *c);
    struct db_rows r = db_rows(db, st);
    bool ok = db_row(&r);
    if (ok) {
        c->waiting = sqlite3_column_int64(st, 0);
        c->in_batches = sqlite3_column_int64(st, 1);
        c->open_batches = sqlite3_column_int64(st, 2);
        c->accepted = sqlite3_column_int64(st, 3);
        c->duplicate = sqlite3_column_int64(st, 4);
        c->rejected = sqlite3_column_int64(st, 5);
    }
    return db_rows_end_one(&r, ok) == DB_FOUND;
}

bool registry_rejected(struct db *db, int max,
                       void (*fn)(void *arg, const char *uuid, const char *op,
                                  const char *reason, int64_t at),
                       void *arg)
{
    static const char sql[] =
        "SELECT uuid, op, coalesce(reason, ''), coalesce(done_at, 0) FROM registry_records"
        " WHERE state = 'rejected' ORDER BY done_at DESC, id DESC LIMIT ?";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "I", max) : SQLITE_ERROR);
    while (db_row(&r))
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3));
    return db_rows_end(&r) == DB_DONE;
}

bool registry_state_set(struct db *db, const char *key, const char *value)
{
    return db_run(db,
                  "INSERT INTO registry_state (key, value) VALUES (?, ?)"
                  " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  "tt", key, value);
}

enum db_status registry_state_get(struct db *db, const char *key, char *buf, size_t len)
{
    sqlite3_stmt *st = db_prep(db, "SELECT value FROM registry_state WHERE key = ?");
    if (len)
        buf[0] = '\0';
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "t", key) : SQLITE_ERROR);
    bool got = db_row(&r) && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (got)
        db_col_text(st, 0, buf, len);
    return db_rows_end_one(&r, got);
}

enum db_status registry_lock_read(struct db *db, struct registry_lock_row *l)
{
    sqlite3_stmt *st = db_prep(db, "SELECT coalesce(holder, ''), coalesce(host, ''),"
                                   " coalesce(pid, 0), coalesce(expires_at, 0)"
                                   " FROM registry_lock WHERE id = 1");
    memset(l, 0, sizeof *l);
    struct db_rows r = db_rows(db, st);
    bool got = db_row(&r);
    if (got) {
        db_col_text(st, 0, l->holder, sizeof l->holder);
        db_col_text(st, 1, l->host, sizeof l->host);
        l->pid = sqlite3_column_int64(st, 2);
        l->expires_at = sqlite3_column_int64(st, 3);
    }
    return db_rows_end_one(&r, got);
}

bool registry_lock_swap(struct db *db, const char *expect_holder, const char *holder,
                        const char *host, int64_t pid, int64_t expires_at)
{
    if (!db_run(db,
                "UPDATE registry_lock SET holder = nullif(?, ''), host = ?, pid = ?, expires_at = ?"
                " WHERE id = 1 AND coalesce(holder, '') = ?",
                "ttiit", holder, host, pid, expires_at, expect_holder))
        return false;
    return db_changes(db) > 0;
}
