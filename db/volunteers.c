/* volunteers.c: queries of the volunteers table, including erasure. */
#include "db/volunteers.h"

#include <stdio.h>
#include <string.h>

static enum db_status load(struct db *db, sqlite3_stmt *st, int bind_rc, struct volunteer *v)
{
    struct db_rows r = db_rows_bound(db, st, bind_rc);
    bool got = db_row(&r);
    if (got) {
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, v->number, sizeof v->number);
        db_col_text(st, 2, v->name, sizeof v->name);
        db_col_text(st, 3, v->lang, sizeof v->lang);
        v->opted_out = sqlite3_column_int(st, 4) != 0;
        v->created_at = (time_t)sqlite3_column_int64(st, 5);
    }
    return db_rows_end_one(&r, got);
}

enum db_status volunteer_find(struct db *db, const char *e164, struct volunteer *v)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, number, name, lang, opted_out, created_at"
                                   " FROM volunteers WHERE number = ?");
    return load(db, st, st ? db_bind(st, "t", e164) : SQLITE_ERROR, v);
}

enum db_status volunteer_by_id(struct db *db, int64_t id, struct volunteer *v)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, number, name, lang, opted_out, created_at"
                                   " FROM volunteers WHERE id = ?");
    return load(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR, v);
}

bool volunteer_get_or_create(struct db *db, const char *e164, const char *lang, time_t now,
                             struct volunteer *v)
{
    enum db_status s = volunteer_find(db, e164, v);
    if (s == DB_FOUND) {
        v->created = false;
        return true;
    }
    if (s != DB_NONE)
        return false;
    if (!db_run(db, "INSERT INTO volunteers (number, lang, created_at, last_seen_at)"
                    " VALUES (?, ?, ?, ?)", "ttii", e164, lang, (int64_t)now, (int64_t)now))
        return false;
    if (volunteer_find(db, e164, v) != DB_FOUND)
        return false;
    v->created = true;
    return true;
}

bool volunteer_set_name(struct db *db, int64_t id, const char *name)
{
    return db_run(db, "UPDATE volunteers SET name = ? WHERE id = ?", "ti", name, id);
}

bool volunteer_set_lang(struct db *db, int64_t id, const char *lang, time_t now)
{
    return db_run(db, "UPDATE volunteers SET lang = ?, last_seen_at = ? WHERE id = ?", "tii",
                  lang, (int64_t)now, id);
}

bool volunteer_set_opted_out(struct db *db, int64_t id, bool out)
{
    return db_run(db, "UPDATE volunteers SET opted_out = ? WHERE id = ?", "Ii", out ? 1 : 0, id);
}

bool volunteer_erase(struct db *db, const struct volunteer *v, const char *pseudo,
                     int64_t keep_outbound, time_t now)
{
    bool ok = true;
    /* names inside stored texts and replies */
    if (v->name[0]) {
        ok = ok && db_run(db, "UPDATE inbound SET text = CAST(replace(CAST(text AS TEXT), ?, '[name]') AS BLOB)"
                              " WHERE volunteer_id = ? OR sender_e164 = ?", "tit", v->name, v->id, v->number);
        ok = ok && db_run(db, "UPDATE outbound SET text = replace(text, ?, '[name]')"
                              " WHERE recipient = ? AND id != ?", "tti", v->name, v->number, keep_outbound);
    }
    /* a VĀRDS text may spell the name differently: those texts go whole */
    ok = ok && db_run(db, "UPDATE inbound SET text = CAST('[erased]' AS BLOB)"
                          " WHERE outcome = 'registered' AND (volunteer_id = ? OR sender_e164 = ?)",
                      "it", v->id, v->number);
    /* numbers: senders and recipients become the pseudonym; the last reply keeps
     * its recipient until it is sent (see pipeline_scrub_erased) */
    ok = ok && db_run(db, "UPDATE inbound SET sender = ?, sender_e164 = ?, volunteer_id = ?"
                          " WHERE sender_e164 = ? OR volunteer_id = ?",
                      "ttiti", pseudo, pseudo, v->id, v->number, v->id);
    ok = ok && db_run(db, "UPDATE outbound SET recipient = ?, state = CASE WHEN state IN"
                          " ('queued','sending') THEN 'cancelled' ELSE state END"
                          " WHERE recipient = ? AND id != ?", "tti", pseudo, v->number, keep_outbound);
    ok = ok && db_run(db, "UPDATE volunteers SET number = ?, name = NULL, home_place = NULL,"
                          " home_municipality = NULL, opted_out = 1, erased_at = ? WHERE id = ?",
                      "tii", pseudo, (int64_t)now, v->id);
    return ok;
}
