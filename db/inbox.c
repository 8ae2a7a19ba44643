/* inbox.c: the inbox's reads and its one write (see inbox.h). */
#include "db/inbox.h"

#include "gateway/base/clock.h"

#include <stdio.h>
#include <string.h>

/* The texts in the inbox: inbox_open, which the triggers of migration 015 keep
 * from the view inbox_belongs (THE list of outcomes that mean "talka did not
 * understand" is that view), plus the questions still 'waiting' past their time
 * (no write marks those, so they are found here; there are few). ?1 is now;
 * a page holds those below id ?2, at most ?3, newest first: the open ones read
 * by their key backwards, so a page costs 50 rows, not 10 000. */
#define INBOX_PAGE_IDS \
    "box(id) AS (" \
    " SELECT id FROM (SELECT inbound_id AS id FROM inbox_open WHERE inbound_id < ?2" \
    "   ORDER BY inbound_id DESC LIMIT ?3)" \
    " UNION SELECT a.inbound_id FROM awaiting_confirmation a CROSS JOIN inbound w ON w.id = a.inbound_id" \
    "   WHERE a.state = 'waiting' AND a.expires_at <= ?1 AND a.inbound_id < ?2" \
    "   AND length(w.text) > 0" \
    "   AND NOT EXISTS (SELECT 1 FROM inbox_resolved x WHERE x.inbound_id = a.inbound_id))"

/* the columns of struct inbox_item, from box b, inbound i, volunteers v and
 * inbox_resolved r (LEFT JOINed) */
#define INBOX_COLS \
    "SELECT i.id, i.received_at, coalesce(i.volunteer_id, 0), coalesce(v.number, i.sender)," \
    " CAST(i.text AS TEXT), coalesce(i.outcome, '')," \
    " coalesce((SELECT o.text FROM outbound o WHERE o.inbound_id = i.id AND o.kind = 'reply'), '')," \
    " coalesce(r.resolved_by, ''), coalesce(r.resolved_at, 0), coalesce(r.how, '')" \
    " FROM box b CROSS JOIN inbound i ON i.id = b.id LEFT JOIN volunteers v ON v.id = i.volunteer_id" \
    " LEFT JOIN inbox_resolved r ON r.inbound_id = i.id"

static enum db_status walk(struct db *db, sqlite3_stmt *st, int bind_rc,
                           int (*row)(const struct inbox_item *, void *), void *arg, bool *any)
{
    struct db_rows r = db_rows_bound(db, st, bind_rc);
    while (db_row(&r)) {
        *any = true;
        struct inbox_item it = {
            .id = sqlite3_column_int64(st, 0),
            .received_at = sqlite3_column_int64(st, 1),
            .volunteer_id = sqlite3_column_int64(st, 2),
            .number = db_col_str(st, 3),
            .text = db_col_str(st, 4),
            .outcome = db_col_str(st, 5),
            .reply = db_col_str(st, 6),
            .resolved_by = db_col_str(st, 7),
            .resolved_at = sqlite3_column_int64(st, 8),
            .how = db_col_str(st, 9),
        };
        if (row(&it, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status inbox_page(struct db *db, time_t now, int64_t before, int limit,
                          int (*row)(const struct inbox_item *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db, "WITH " INBOX_PAGE_IDS " " INBOX_COLS
        " ORDER BY i.id DESC LIMIT ?3");
    bool any = false;
    return walk(db, st, st ? db_bind(st, "iiI", (int64_t)now, before > 0 ? before : INT64_MAX, limit)
                           : SQLITE_ERROR, row, arg, &any);
}

enum db_status inbox_count(struct db *db, time_t now, int64_t *n)
{
    /* the open ones counted apart (no 10 000-row union); the late questions are
     * never in inbox_open (their state is still 'waiting') */
    return db_figure(db, n, "SELECT (SELECT count(*) FROM inbox_open) + (SELECT count(*)"
                            " FROM awaiting_confirmation a CROSS JOIN inbound w ON w.id = a.inbound_id"
                            " WHERE a.state = 'waiting' AND a.expires_at <= ?1 AND length(w.text) > 0"
                            " AND NOT EXISTS (SELECT 1 FROM inbox_resolved x WHERE x.inbound_id = a.inbound_id)"
                            " AND NOT EXISTS (SELECT 1 FROM inbox_open o WHERE o.inbound_id = a.inbound_id))",
                     "i", (int64_t)now);
}

enum db_status db_inbox_unresolved(struct db *db, long long *n)
{
    int64_t v = 0;
    enum db_status s = inbox_count(db, clock_now(), &v);
    if (s == DB_FOUND)
        *n = (long long)v;
    return s;
}

enum db_status inbox_get(struct db *db, time_t now, int64_t id,
                         int (*row)(const struct inbox_item *, void *), void *arg)
{
    /* resolved or not: the text as the inbox would show it, if it ever was one */
    sqlite3_stmt *st = db_prep(db, "WITH box(id) AS (SELECT ?2 WHERE ?1 = ?1 AND EXISTS ("
                                   " SELECT 1 FROM inbox_open WHERE inbound_id = ?2"
                                   " UNION ALL SELECT 1 FROM inbox_resolved WHERE inbound_id = ?2"
                                   " UNION ALL SELECT 1 FROM inbound t WHERE t.id = ?2 AND length(t.text) > 0"
                                   "   AND t.outcome = 'awaiting_confirmation')) " INBOX_COLS);
    bool any = false;
    enum db_status s = walk(db, st, st ? db_bind(st, "ii", (int64_t)now, id) : SQLITE_ERROR, row,
                            arg, &any);
    return DB_FAILED(s) ? s : any ? DB_FOUND : DB_NONE;
}

bool inbox_resolve(struct db *db, int64_t id, const char *by, const char *how, time_t now)
{
    return db_run(db, "INSERT INTO inbox_resolved (inbound_id, resolved_by, resolved_at, how)"
                      " VALUES (?, ?, ?, ?) ON CONFLICT(inbound_id) DO NOTHING",
                  "itit", id, by, (int64_t)now, how);
}

#define WAITING_COLS \
    "SELECT a.id, a.inbound_id, a.volunteer_id, a.asked_at, a.expires_at, a.ask, a.summary," \
    " coalesce(v.number, ''), CAST(i.text AS TEXT) FROM awaiting_confirmation a" \
    " CROSS JOIN inbound i ON i.id = a.inbound_id LEFT JOIN volunteers v ON v.id = a.volunteer_id"

static void waiting_fill(sqlite3_stmt *st, struct waiting_item *w)
{
    w->id = sqlite3_column_int64(st, 0);
    w->inbound_id = sqlite3_column_int64(st, 1);
    w->volunteer_id = sqlite3_column_int64(st, 2);
    w->asked_at = sqlite3_column_int64(st, 3);
    w->expires_at = sqlite3_column_int64(st, 4);
    w->ask = db_col_str(st, 5);
    w->summary = db_col_str(st, 6);
    w->number = db_col_str(st, 7);
    w->text = db_col_str(st, 8);
}

enum db_status inbox_waiting(struct db *db, time_t now, int limit,
                             int (*row)(const struct waiting_item *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db, WAITING_COLS " WHERE a.state = 'waiting' AND a.expires_at > ?"
                                   " ORDER BY a.asked_at, a.id LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "iI", (int64_t)now, limit) : SQLITE_ERROR);
    while (db_row(&r)) {
        struct waiting_item w;
        waiting_fill(st, &w);
        if (row(&w, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status inbox_waiting_get(struct db *db, time_t now, int64_t id, struct waiting_item *out,
                                 char *text, size_t textlen, char *number, size_t numlen)
{
    sqlite3_stmt *st = db_prep(db, WAITING_COLS " WHERE a.id = ? AND a.state = 'waiting'"
                                   " AND a.expires_at > ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ii", id, (int64_t)now) : SQLITE_ERROR);
    bool got = db_row(&r);
    if (got) {
        waiting_fill(st, out);
        snprintf(text, textlen, "%s", out->text);
        snprintf(number, numlen, "%s", out->number);
        out->text = text;
        out->number = number;
        out->ask = "";        /* the strings of the row end with it */
        out->summary = "";
    }
    return db_rows_end_one(&r, got);
}

bool inbox_question_close(struct db *db, int64_t id, const char *state, time_t now)
{
    return db_run(db, "UPDATE awaiting_confirmation SET state = ?, closed_at = ?"
                      " WHERE id = ? AND state = 'waiting'", "tii", state, (int64_t)now, id);
}
