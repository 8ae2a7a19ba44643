/* plantings.c: queries of plantings, the points ledger and tree totals. */
#include "db/plantings.h"

#include <stdio.h>
#include <string.h>

#define PLANTING_COLS "id, uuid, coalesce(volunteer_id, 0), coalesce(inbound_id, 0), item_no," \
    " species, count, place, coalesce(place_type, ''), municipality, coalesce(planted_on, '')," \
    " reported_at, channel, status, coalesce(review_no, 0)"

static void load(sqlite3_stmt *st, struct planting *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, p->uuid, sizeof p->uuid);
    p->volunteer_id = sqlite3_column_int64(st, 2);
    p->inbound_id = sqlite3_column_int64(st, 3);
    p->item_no = sqlite3_column_int(st, 4);
    db_col_text(st, 5, p->species, sizeof p->species);
    p->count = (long)sqlite3_column_int64(st, 6);
    db_col_text(st, 7, p->place, sizeof p->place);
    db_col_text(st, 8, p->place_type, sizeof p->place_type);
    db_col_text(st, 9, p->municipality, sizeof p->municipality);
    db_col_text(st, 10, p->planted_on, sizeof p->planted_on);
    p->reported_at = (time_t)sqlite3_column_int64(st, 11);
    db_col_text(st, 12, p->channel, sizeof p->channel);
    db_col_text(st, 13, p->status, sizeof p->status);
    p->review_no = sqlite3_column_int(st, 14);
}

bool planting_insert(struct db *db, struct planting *p)
{
    static const char sql[] =
        "INSERT INTO plantings (uuid, volunteer_id, inbound_id, item_no, species, count, place,"
        " place_type, municipality, planted_on, reported_at, channel, status, review_no, status_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return false;
    db_bind(st, "tiiItittttittni", p->uuid, p->volunteer_id, p->inbound_id, p->item_no,
            p->species, (int64_t)p->count, p->place, p->place_type, p->municipality,
            p->planted_on[0] ? p->planted_on : NULL, (int64_t)p->reported_at, p->channel,
            p->status, (int64_t)p->reported_at);
    if (p->review_no)
        sqlite3_bind_int(st, 14, p->review_no);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return false;
    p->id = db_last_id(db);
    return true;
}

static bool load_one(struct db *db, const char *sql, int64_t key, struct planting *p)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return false;
    db_bind(st, "i", key);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        load(st, p);
    sqlite3_reset(st);
    return found;
}

bool planting_by_id(struct db *db, int64_t id, struct planting *p)
{
    return load_one(db, "SELECT " PLANTING_COLS " FROM plantings WHERE id = ?", id, p);
}

bool planting_by_review_no(struct db *db, int review_no, struct planting *p)
{
    return load_one(db, "SELECT " PLANTING_COLS " FROM plantings WHERE review_no = ?", review_no, p);
}

bool planting_set_status(struct db *db, int64_t id, const char *status, const char *reason,
                         time_t now)
{
    return db_run(db, "UPDATE plantings SET status = ?, status_reason = ?, status_at = ? WHERE id = ?",
                  "ttii", status, reason, (int64_t)now, id);
}

int plantings_last_report(struct db *db, int64_t volunteer_id, time_t since,
                          struct planting *out, int max)
{
    static const char sql[] =
        "SELECT " PLANTING_COLS " FROM plantings WHERE inbound_id = ("
        "  SELECT inbound_id FROM plantings WHERE volunteer_id = ? AND reported_at >= ?"
        "  AND status IN ('accepted', 'pending_review') ORDER BY reported_at DESC, id DESC LIMIT 1)"
        " AND status IN ('accepted', 'pending_review') ORDER BY item_no";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return 0;
    db_bind(st, "ii", volunteer_id, (int64_t)since);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        load(st, &out[n++]);
    sqlite3_reset(st);
    return n;
}

int plantings_next_review_no(struct db *db)
{
    /* the smallest number not held by a report still waiting; reused later */
    int64_t n = db_int_or(db, 1,
        "SELECT coalesce(max(review_no), 0) + 1 FROM plantings WHERE review_no IS NOT NULL", "");
    if (n > 99999) {
        db_run(db, "UPDATE plantings SET review_no = NULL WHERE status != 'pending_review'", "");
        n = db_int_or(db, 1, "SELECT coalesce(max(review_no), 0) + 1 FROM plantings"
                          " WHERE review_no IS NOT NULL", "");
    }
    return (int)n;
}

bool points_add(struct db *db, int64_t volunteer_id, int64_t planting_id, int64_t delta,
                const char *reason, time_t now)
{
    sqlite3_stmt *st = db_prep(db, "INSERT INTO points_ledger (volunteer_id, planting_id, delta,"
                                   " reason, created_at) VALUES (?,?,?,?,?)");
    if (!st)
        return false;
    db_bind(st, "initi", volunteer_id, delta, reason, (int64_t)now);
    if (planting_id)
        sqlite3_bind_int64(st, 2, planting_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

int64_t points_total(struct db *db, int64_t volunteer_id)
{
    return db_int_or(db, 0, "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE volunteer_id = ?",
                  "i", volunteer_id);
}

int64_t points_first_report_held(struct db *db, int64_t volunteer_id)
{
    return db_int_or(db, 0, "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE volunteer_id = ?"
                            " AND reason IN ('first_report', 'first_report_withdrawn')",
                     "i", volunteer_id);
}

enum db_status plantings_has_accepted(struct db *db, int64_t volunteer_id)
{
    int64_t has = 0;
    if (db_int(db, &has, "SELECT EXISTS (SELECT 1 FROM plantings WHERE volunteer_id = ?"
                         " AND status = 'accepted')", "i", volunteer_id) == DB_ERROR)
        return DB_ERROR;
    return has ? DB_FOUND : DB_NONE;
}

enum db_status plantings_recent_same(struct db *db, int64_t volunteer_id, time_t since,
                                     int64_t inbound_id, const char *items, const char *place)
{
    int64_t n = 0;
    if (db_int(db, &n,
               "SELECT count(*) FROM (SELECT group_concat(species || '=' || count, ',') AS items,"
               " max(place) AS place FROM (SELECT inbound_id, species, count, place FROM plantings"
               " WHERE volunteer_id = ? AND reported_at >= ? AND inbound_id != ?"
               " AND status IN ('accepted', 'pending_review') ORDER BY inbound_id, species, count)"
               " GROUP BY inbound_id) WHERE items = ? AND place = ?",
               "iiitt", volunteer_id, (int64_t)since, inbound_id, items, place) == DB_ERROR)
        return DB_ERROR;
    return n > 0 ? DB_FOUND : DB_NONE;
}

int64_t points_of_planting(struct db *db, int64_t planting_id)
{
    return db_int_or(db, 0, "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE planting_id = ?",
                  "i", planting_id);
}

bool totals_add(struct db *db, const char *municipality, int64_t delta)
{
    static const char sql[] =
        "INSERT INTO tree_totals (municipality, trees) VALUES (?, ?)"
        " ON CONFLICT(municipality) DO UPDATE SET trees = trees + excluded.trees";
    return db_run(db, sql, "ti", municipality, delta) && db_run(db, sql, "ti", "", delta);
}

int64_t totals_get(struct db *db, const char *municipality)
{
    return db_int_or(db, 0, "SELECT trees FROM tree_totals WHERE municipality = ?", "t", municipality);
}
