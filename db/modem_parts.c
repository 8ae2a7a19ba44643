/* modem_parts.c: queries of modem_parts (see modem_parts.h). */
#include "db/modem_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool parts_add(struct db *db, const char *modem, const char *sender, int ref, int total,
               int part, const char *text, size_t len, time_t sent_at, time_t now, bool *dup)
{
    *dup = false;
    static const char sql[] =
        "INSERT OR IGNORE INTO modem_parts (modem, sender, ref, total, part, text, sent_at,"
        " received_at) VALUES (?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return false;
    db_bind(st, "ttIIIbii", modem, sender, ref, total, part, text, (int)len, (int64_t)sent_at,
            (int64_t)now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return false;
    *dup = db_changes(db) == 0;
    return true;
}

int parts_due(struct db *db, const char *modem, time_t cutoff, struct parts_group *out, int max)
{
    static const char sql[] =
        "SELECT sender, ref, total, count(DISTINCT part), min(id), min(received_at)"
        " FROM modem_parts WHERE state = 'waiting' AND modem = ?"
        " GROUP BY sender, ref, total"
        " HAVING count(DISTINCT part) >= total OR min(received_at) < ?"
        " ORDER BY min(id) LIMIT ?";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "tiI", modem, (int64_t)cutoff, max)
                                                : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r)) {
        struct parts_group *g = &out[n++];
        memset(g, 0, sizeof *g);
        db_col_text(st, 0, g->sender, sizeof g->sender);
        g->ref = sqlite3_column_int(st, 1);
        g->total = sqlite3_column_int(st, 2);
        g->have = sqlite3_column_int(st, 3);
        g->first_id = sqlite3_column_int64(st, 4);
        g->first_at = (time_t)sqlite3_column_int64(st, 5);
    }
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

char *parts_join(struct db *db, const struct parts_group *g, size_t *len, char *list,
                 size_t listlen)
{
    /* one row per part number (the first stored, if the network sent one twice) */
    static const char sql[] =
        "SELECT part, text FROM modem_parts WHERE id IN (SELECT min(id) FROM modem_parts"
        " WHERE state = 'waiting' AND sender = ? AND ref = ? AND total = ? GROUP BY part)"
        " ORDER BY part";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "tII", g->sender, g->ref, g->total)
                                                : SQLITE_ERROR);
    size_t cap = 256, n = 0;
    char *buf = malloc(cap);
    if (list && listlen)
        list[0] = '\0';
    int rows = 0;
    while (buf && db_row(&r)) {
        int part = sqlite3_column_int(st, 0);
        const void *p = sqlite3_column_blob(st, 1);
        size_t pl = (size_t)sqlite3_column_bytes(st, 1);
        if (n + pl + 1 > cap) {
            while (n + pl + 1 > cap)
                cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        if (pl)
            memcpy(buf + n, p, pl);
        n += pl;
        if (list && listlen) {
            size_t l = strlen(list);
            snprintf(list + l, listlen - l, "%s%d", rows ? "," : "", part);
        }
        rows++;
    }
    if (DB_FAILED(db_rows_end(&r)) || !rows) {
        free(buf);
        return NULL;
    }
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

bool parts_done(struct db *db, const struct parts_group *g, int64_t inbound_id, time_t now)
{
    return db_run(db, "UPDATE modem_parts SET state = 'done', inbound_id = ?, done_at = ?"
                      " WHERE state = 'waiting' AND sender = ? AND ref = ? AND total = ?",
                  "iitII", inbound_id, (int64_t)now, g->sender, g->ref, g->total);
}

int parts_prune(struct db *db, time_t before)
{
    if (!db_run(db, "DELETE FROM modem_parts WHERE state = 'done' AND done_at < ?", "i",
                (int64_t)before))
        return -1;
    return db_changes(db);
}

int64_t parts_waiting(struct db *db)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM modem_parts WHERE state = 'waiting'", "") != DB_FOUND)
        return -1;
    return n;
}
