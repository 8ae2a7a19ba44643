/* outbox.c: queries of the outbound queue (see outbox.h). */
#include "db/outbox.h"
#include "gateway/base/sms_text.h"

#include <stdio.h>
#include <string.h>

int64_t outbox_enqueue(struct db *db, const char *recipient, const char *text, int priority,
                       const char *kind, int64_t inbound_id, int64_t broadcast_id, time_t now)
{
    struct sms_info info;
    sms_measure(text, &info);
    static const char sql[] =
        "INSERT INTO outbound (recipient, text, encoding, segments, priority, kind, created_at,"
        " next_try_at, inbound_id, broadcast_id) VALUES (?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return 0;
    db_bind(st, "tttIItii", recipient, text, sms_encoding_name(info.encoding), info.segments,
            priority, kind, (int64_t)now, (int64_t)0);
    if (inbound_id)
        sqlite3_bind_int64(st, 9, inbound_id);
    if (broadcast_id)
        sqlite3_bind_int64(st, 10, broadcast_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? db_last_id(db) : 0;
}

static void claimed_row(sqlite3_stmt *st, struct outbox_msg *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, m->recipient, sizeof m->recipient);
    db_col_text(st, 2, m->text, sizeof m->text);
    db_col_text(st, 3, m->encoding, sizeof m->encoding);
    m->segments = sqlite3_column_int(st, 4);
    m->priority = sqlite3_column_int(st, 5);
    m->attempts = sqlite3_column_int(st, 6);
    db_col_text(st, 7, m->kind, sizeof m->kind);
    m->broadcast_id = sqlite3_column_int64(st, 8);
}

bool outbox_claim(struct db *db, const char *transport, time_t now, int max_priority,
                  struct outbox_msg *m)
{
    return outbox_claim_many(db, transport, now, max_priority, m, 1) == 1;
}

int outbox_claim_many(struct db *db, const char *transport, time_t now, int max_priority,
                      struct outbox_msg *m, int max)
{
    static const char sql[] =
        "UPDATE outbound SET state = 'sending', transport = ?, attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM outbound WHERE state = 'queued' AND priority <= ?"
        "              AND next_try_at <= ? ORDER BY priority, id LIMIT ?)"
        " RETURNING id, recipient, text, encoding, segments, priority, attempts, kind,"
        "           coalesce(broadcast_id, 0)";
    /* its own transaction: a statement that fails after its UPDATE went through
     * (on its last step) must not leave rows 'sending' that nobody sends */
    bool own = sqlite3_get_autocommit(db_handle(db));
    if (own && !db_begin(db))
        return -1;
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "tIiI", transport, max_priority,
                                                          (int64_t)now, max) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        claimed_row(st, &m[n++]);
    /* the statement runs to its end, so every row it changed is one returned */
    while (n == max && db_row(&r))
        ;
    if (DB_FAILED(db_rows_end(&r))) {
        if (own)
            db_rollback(db);
        return -1;
    }
    return !own || db_commit(db) ? n : -1;
}

/* The last reply to an erased volunteer keeps its number only until it is sent. */
static bool scrub_final(struct db *db, int64_t id)
{
    return db_run(db, "UPDATE outbound SET recipient = 'erased' WHERE id = ? AND kind = 'final'"
                      " AND state IN ('sent', 'failed', 'delivered')", "i", id);
}

bool outbox_mark_sent(struct db *db, int64_t id, const char *ref, time_t now)
{
    return db_run(db, "UPDATE outbound SET state = 'sent', sent_at = ?, transport_ref = ?,"
                      " last_error = NULL WHERE id = ?",
                  "iti", (int64_t)now, ref, id) && scrub_final(db, id);
}

bool outbox_mark_failed(struct db *db, int64_t id, const char *error, time_t retry_at, time_t now)
{
    (void)now;
    if (retry_at)
        return db_run(db, "UPDATE outbound SET state = 'queued', next_try_at = ?, last_error = ?"
                          " WHERE id = ?", "iti", (int64_t)retry_at, error, id);
    return db_run(db, "UPDATE outbound SET state = 'failed', last_error = ? WHERE id = ?",
                  "ti", error, id) && scrub_final(db, id);
}

bool outbox_mark_delivered(struct db *db, const char *transport, const char *ref, bool delivered,
                           time_t now)
{
    /* references wrap at 255: the most recent matching row is the one reported */
    static const char sql[] =
        "UPDATE outbound SET state = ?, delivered_at = ? WHERE id = (SELECT id FROM outbound"
        " WHERE transport = ? AND transport_ref = ? AND state = 'sent' ORDER BY sent_at DESC, id DESC"
        " LIMIT 1)";
    if (!db_run(db, sql, "titt", delivered ? "delivered" : "failed", (int64_t)now, transport, ref))
        return false;
    return db_changes(db) > 0;
}

int outbox_report_or_keep(struct db *db, const char *transport, const char *ref, bool delivered,
                          time_t now)
{
    static const char sql[] =
        "UPDATE outbound SET state = ?, delivered_at = ? WHERE id = (SELECT id FROM outbound"
        " WHERE transport = ? AND transport_ref = ? AND state = 'sent' ORDER BY sent_at DESC, id DESC"
        " LIMIT 1)";
    if (!db_begin(db))
        return -1;
    if (!db_run(db, sql, "titt", delivered ? "delivered" : "failed", (int64_t)now, transport, ref))
        goto fail;
    int applied = db_changes(db) > 0;
    /* not recorded as sent yet: kept for modem_sent_record; kept a day at most */
    if (!applied &&
        (!db_run(db, "INSERT OR REPLACE INTO early_reports (transport, ref, delivered, at)"
                     " VALUES (?, ?, ?, ?)", "ttIi", transport, ref, delivered ? 1 : 0,
                 (int64_t)now) ||
         !db_run(db, "DELETE FROM early_reports WHERE at < ?", "i", (int64_t)(now - 86400))))
        goto fail;
    if (!db_commit(db))
        return -1;
    return applied;
fail:
    db_rollback(db);
    return -1;
}

int outbox_requeue_stale(struct db *db)
{
    if (!db_run(db, "UPDATE outbound SET state = 'queued' WHERE state = 'sending'", ""))
        return -1;
    return db_changes(db);
}

int64_t outbox_count(struct db *db, const char *state)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM outbound WHERE state = ?", "t", state) != DB_FOUND)
        return -1;
    return n;
}

enum db_status outbox_replies_since(struct db *db, const char *recipient, time_t since,
                                    int64_t *n)
{
    return db_figure(db, n, "SELECT count(*) FROM outbound WHERE recipient = ?"
                                  " AND kind = 'reply' AND created_at > ?",
                          "ti", recipient, (int64_t)since);
}

enum db_status outbox_parts_sent_since(struct db *db, const char *transport, time_t since,
                                       int64_t *parts)
{
    return db_figure(db, parts, "SELECT coalesce(sum(segments), 0) FROM outbound"
                                  " WHERE transport = ? AND sent_at >= ? AND sent_at IS NOT NULL",
                          "ti", transport, (int64_t)since);
}

enum db_status outbox_broadcast_due(struct db *db, int priority, time_t now)
{
    int64_t waiting = 0;
    enum db_status s = db_int(db, &waiting,
                              "SELECT EXISTS (SELECT 1 FROM outbound WHERE state = 'queued'"
                              " AND priority = ? AND next_try_at <= ? AND broadcast_id IS NOT NULL)",
                              "Ii", priority, (int64_t)now);
    if (DB_FAILED(s))
        return s;
    return waiting ? DB_FOUND : DB_NONE;
}
