/* modem_status.c: queries of the modems table and of the hand-over order of
 * outbound messages (see modem_status.h). */
#include "db/modem_status.h"
#include "db/modem_parts.h"
#include "db/outbox.h"

#include <stdio.h>
#include <string.h>

bool modem_status_state(struct db *db, const char *name, const char *device, const char *state,
                        const char *error, time_t now)
{
    static const char sql[] =
        "INSERT INTO modems (name, device, state, since, last_error, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?4)"
        " ON CONFLICT (name) DO UPDATE SET device = coalesce(?2, device),"
        "  since = CASE WHEN state = ?3 THEN since ELSE ?4 END, state = ?3,"
        "  last_error = coalesce(?5, CASE WHEN ?3 = 'up' THEN NULL ELSE last_error END),"
        "  updated_at = ?4";
    return db_run(db, sql, "tttit", name, device, state, (int64_t)now, error);
}

bool modem_status_contact(struct db *db, const char *name, time_t now)
{
    return db_run(db, "UPDATE modems SET last_contact = ?, updated_at = ? WHERE name = ?",
                  "iit", (int64_t)now, (int64_t)now, name);
}

bool modem_status_health(struct db *db, const char *name, int signal, const char *network,
                         const long *skew, time_t now)
{
    sqlite3_stmt *st = db_prep(db, "UPDATE modems SET signal = ?, network = ?, clock_skew = ?,"
                                   " last_contact = ?, updated_at = ? WHERE name = ?");
    if (!st)
        return false;
    if (signal >= 0)
        sqlite3_bind_int(st, 1, signal);
    sqlite3_bind_text(st, 2, network, -1, SQLITE_TRANSIENT);
    if (skew)
        sqlite3_bind_int64(st, 3, *skew);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, now);
    sqlite3_bind_text(st, 6, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

bool modem_status_balance(struct db *db, const char *name, const char *balance, bool low,
                          time_t now)
{
    return db_run(db, "UPDATE modems SET balance = ?, balance_at = ?, balance_low = ?,"
                      " updated_at = ? WHERE name = ?",
                  "tiIit", balance, (int64_t)now, low ? 1 : 0, (int64_t)now, name);
}

bool modem_status_reconnected(struct db *db, const char *name, time_t now)
{
    return db_run(db, "UPDATE modems SET reconnects = reconnects + 1, updated_at = ?"
                      " WHERE name = ?", "it", (int64_t)now, name);
}

bool modem_status_sim(struct db *db, const char *name, int used, int total, time_t now)
{
    return db_run(db, "UPDATE modems SET sim_used = ?, sim_total = ?, sim_at = ?, updated_at = ?"
                      " WHERE name = ?", "IIiit", used, total, (int64_t)now, (int64_t)now, name);
}

enum db_status modem_status_balance_at(struct db *db, const char *name, time_t *at)
{
    int64_t v = 0;
    enum db_status s = db_int(db, &v, "SELECT balance_at FROM modems WHERE name = ?", "t", name);
    if (s == DB_FOUND)
        *at = (time_t)v;
    return s;
}

int modem_status_list(struct db *db, struct modem_row *rows, int max)
{
    static const char sql[] =
        "SELECT name, coalesce(device, ''), state, since, coalesce(last_contact, 0),"
        " coalesce(signal, -1), coalesce(network, ''), clock_skew, coalesce(balance, ''),"
        " coalesce(balance_at, 0), balance_low, coalesce(last_error, ''), reconnects, updated_at,"
        " coalesce(sim_used, -1), coalesce(sim_total, -1), coalesce(sim_at, 0)"
        " FROM modems ORDER BY name";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows rs = db_rows(db, st);
    int n = 0;
    while (n < max && db_row(&rs)) {
        struct modem_row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        db_col_text(st, 0, r->name, sizeof r->name);
        db_col_text(st, 1, r->device, sizeof r->device);
        db_col_text(st, 2, r->state, sizeof r->state);
        r->since = (time_t)sqlite3_column_int64(st, 3);
        r->last_contact = (time_t)sqlite3_column_int64(st, 4);
        r->signal = sqlite3_column_int(st, 5);
        db_col_text(st, 6, r->network, sizeof r->network);
        r->has_skew = sqlite3_column_type(st, 7) != SQLITE_NULL;
        r->clock_skew = (long)sqlite3_column_int64(st, 7);
        db_col_text(st, 8, r->balance, sizeof r->balance);
        r->balance_at = (time_t)sqlite3_column_int64(st, 9);
        r->balance_low = sqlite3_column_int(st, 10) != 0;
        db_col_text(st, 11, r->last_error, sizeof r->last_error);
        r->reconnects = sqlite3_column_int(st, 12);
        r->updated_at = (time_t)sqlite3_column_int64(st, 13);
        r->sim_used = sqlite3_column_int(st, 14);
        r->sim_total = sqlite3_column_int(st, 15);
        r->sim_at = (time_t)sqlite3_column_int64(st, 16);
    }
    return DB_FAILED(db_rows_end(&rs)) ? -1 : n;
}

/* the most recent error of a queued message tried again */
static bool retry_error(struct db *db, char *buf, size_t len)
{
    sqlite3_stmt *st = db_prep(db, "SELECT last_error FROM outbound WHERE state = 'queued'"
                                   " AND attempts > 0 AND last_error IS NOT NULL"
                                   " ORDER BY next_try_at DESC LIMIT 1");
    struct db_rows r = db_rows(db, st);
    if (db_row(&r))
        db_col_text(st, 0, buf, len);
    return !DB_FAILED(db_rows_end(&r));
}

bool modem_queue_stats(struct db *db, time_t now, time_t day_start, struct queue_stats *q)
{
    memset(q, 0, sizeof *q);
    int64_t *by_state[] = { &q->queued, &q->sending, &q->sent, &q->delivered, &q->failed };
    static const char *const states[] = { "queued", "sending", "sent", "delivered", "failed" };
    for (size_t i = 0; i < sizeof states / sizeof *states; i++)
        if ((*by_state[i] = outbox_count(db, states[i])) < 0)
            return false;
    int64_t due = 0;
    bool ok =
        db_int(db, &q->retrying, "SELECT count(*) FROM outbound WHERE state = 'queued'"
               " AND attempts > 0 AND last_error IS NOT NULL", "") == DB_FOUND &&
        (!q->retrying || retry_error(db, q->retry_error, sizeof q->retry_error)) &&
        !DB_FAILED(db_int(db, &due, "SELECT min(max(created_at, next_try_at)) FROM outbound"
                          " WHERE state = 'queued' AND next_try_at <= ?", "i", (int64_t)now)) &&
        db_int(db, &q->inbound, "SELECT count(*) FROM inbound", "") == DB_FOUND &&
        db_int(db, &q->inbound_new, "SELECT count(*) FROM inbound WHERE state = 'new'", "") ==
            DB_FOUND &&
        (q->parts_waiting = parts_waiting(db)) >= 0 &&
        db_int(db, &q->received_today, "SELECT count(*) FROM inbound WHERE received_at >= ?", "i",
               (int64_t)day_start) == DB_FOUND &&
        db_int(db, &q->sent_today, "SELECT count(*) FROM outbound WHERE sent_at >= ?", "i",
               (int64_t)day_start) == DB_FOUND;
    q->oldest_due_s = due ? (long)(now - due) : 0;
    if (q->oldest_due_s < 0)
        q->oldest_due_s = 0;
    return ok;
}

bool modem_sent_record(struct db *db, int64_t id, const char *ref, time_t now)
{
    return modem_sent_record_many(db, &id, &ref, 1, now);
}

bool modem_sent_record_many(struct db *db, const int64_t *ids, const char *const *refs, int n,
                            time_t now)
{
    if (!db_begin(db))
        return false;
    for (int i = 0; i < n; i++) {
        int64_t id = ids[i];
        /* a delivery report that came before this record (early_reports) applies now */
        if (!outbox_mark_sent(db, id, refs[i], now) ||
            !db_run(db, "UPDATE outbound SET sent_seq = 1 + coalesce((SELECT max(sent_seq)"
                        " FROM outbound WHERE sent_seq IS NOT NULL), 0) WHERE id = ?", "i", id) ||
            !db_run(db, "UPDATE outbound SET state = CASE e.delivered WHEN 1 THEN 'delivered'"
                        " ELSE 'failed' END, delivered_at = e.at FROM early_reports e"
                        " WHERE outbound.id = ? AND e.transport = outbound.transport"
                        " AND e.ref = outbound.transport_ref", "i", id) ||
            !db_run(db, "DELETE FROM early_reports WHERE (transport, ref) ="
                        " (SELECT transport, transport_ref FROM outbound WHERE id = ?)", "i",
                    id)) {
            db_rollback(db);
            return false;
        }
    }
    return db_commit(db);
}

int modem_sent_each(struct db *db, void (*fn)(void *ctx, const char *recipient,
                                             const char *text), void *ctx)
{
    static const char sql[] =
        "SELECT recipient, text FROM outbound WHERE sent_seq IS NOT NULL ORDER BY sent_seq";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows(db, st);
    int n = 0;
    while (db_row(&r)) {
        fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
        n++;
    }
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

enum db_status modem_status_up_since(struct db *db, const char *name, time_t since)
{
    int64_t up = 0;
    enum db_status s = db_int(db, &up, "SELECT count(*) FROM modems WHERE name = ?"
                                       " AND state = 'up' AND last_contact >= ?",
                              "ti", name, (int64_t)since);
    if (DB_FAILED(s))
        return s;
    return up ? DB_FOUND : DB_NONE;
}
