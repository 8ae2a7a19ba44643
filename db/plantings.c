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

static enum db_status load_one(struct db *db, const char *sql, int64_t key, struct planting *p)
{
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", key) : SQLITE_ERROR);
    bool got = db_row(&r);
    if (got)
        load(st, p);
    return db_rows_end_one(&r, got);
}

enum db_status planting_by_id(struct db *db, int64_t id, struct planting *p)
{
    return load_one(db, "SELECT " PLANTING_COLS " FROM plantings WHERE id = ?", id, p);
}

enum db_status planting_by_review_no(struct db *db, int review_no, struct planting *p)
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
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "ii", volunteer_id, (int64_t)since)
                                                : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        load(st, &out[n++]);
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

int plantings_pending_of_report(struct db *db, int64_t inbound_id, int64_t *ids, int max)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id FROM plantings WHERE inbound_id = ?"
                                   " AND status = 'pending_review' ORDER BY item_no");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", inbound_id) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        ids[n++] = sqlite3_column_int64(st, 0);
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

enum db_status plantings_next_review_no(struct db *db, int *no)
{
    static const char next[] =
        "SELECT coalesce(max(review_no), 0) + 1 FROM plantings WHERE review_no IS NOT NULL";
    /* the smallest number not held by a report still waiting; reused later */
    int64_t n = 1;
    enum db_status s = db_int(db, &n, next, "");
    if (!DB_FAILED(s) && n > 99999) {
        if (!db_run(db, "UPDATE plantings SET review_no = NULL WHERE status != 'pending_review'", ""))
            return db_busy(db) ? DB_BUSY : DB_ERROR;
        n = 1;
        s = db_int(db, &n, next, "");
    }
    if (DB_FAILED(s))
        return s;
    *no = (int)n;
    return DB_FOUND;
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

enum db_status points_total(struct db *db, int64_t volunteer_id, int64_t *points)
{
    return db_figure(db, points, "SELECT " SQL_POINTS_OF("?"), "i", volunteer_id);
}

enum db_status points_of_number(struct db *db, const char *e164, int64_t *points)
{
    return db_figure(db, points, "SELECT " SQL_POINTS_OF("v.id") " FROM volunteers v"
                                 " WHERE v.number = ?", "t", e164);
}

enum db_status points_first_report_held(struct db *db, int64_t volunteer_id, int64_t *held)
{
    return db_figure(db, held, "SELECT coalesce(sum(delta), 0) FROM points_ledger"
                                 " WHERE volunteer_id = ?"
                                 " AND reason IN ('first_report', 'first_report_withdrawn')",
                         "i", volunteer_id);
}

enum db_status plantings_has_accepted(struct db *db, int64_t volunteer_id)
{
    int64_t has = 0;
    enum db_status s = db_int(db, &has, "SELECT EXISTS (SELECT 1 FROM plantings"
                              " WHERE volunteer_id = ? AND status = 'accepted')", "i", volunteer_id);
    if (DB_FAILED(s))
        return s;
    return has ? DB_FOUND : DB_NONE;
}

enum db_status plantings_recent_same(struct db *db, int64_t volunteer_id, time_t since,
                                     int64_t inbound_id, const char *items, const char *place)
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n,
               "SELECT count(*) FROM (SELECT group_concat(species || '=' || count, ',') AS items,"
               " max(place) AS place FROM (SELECT inbound_id, species, count, place FROM plantings"
               " WHERE volunteer_id = ? AND reported_at >= ? AND inbound_id != ?"
               " AND status IN ('accepted', 'pending_review') ORDER BY inbound_id, species, count)"
               " GROUP BY inbound_id) WHERE items = ? AND place = ?",
               "iiitt", volunteer_id, (int64_t)since, inbound_id, items, place);
    if (DB_FAILED(s))
        return s;
    return n > 0 ? DB_FOUND : DB_NONE;
}

enum db_status points_of_planting(struct db *db, int64_t planting_id, int64_t *points)
{
    return db_figure(db, points, "SELECT coalesce(sum(delta), 0) FROM points_ledger"
                                 " WHERE planting_id = ?", "i", planting_id);
}

bool totals_add(struct db *db, const char *municipality, int64_t delta)
{
    static const char sql[] =
        "INSERT INTO tree_totals (municipality, trees) VALUES (?, ?)"
        " ON CONFLICT(municipality) DO UPDATE SET trees = trees + excluded.trees";
    return db_run(db, sql, "ti", municipality, delta) && db_run(db, sql, "ti", "", delta);
}

enum db_status totals_get(struct db *db, const char *municipality, int64_t *trees)
{
    return db_figure(db, trees, "SELECT trees FROM tree_totals WHERE municipality = ?", "t",
                         municipality);
}

enum db_status plantings_count_of(struct db *db, int64_t volunteer_id, int64_t *n)
{
    return db_figure(db, n, "SELECT count(*) FROM plantings WHERE volunteer_id = ?", "i",
                         volunteer_id);
}

enum db_status plantings_accepted_each(struct db *db,
                                       bool (*fn)(void *ctx, const struct planting_export *e),
                                       void *ctx)
{
    static const char sql[] =
        "SELECT uuid, count, species, place, municipality, coalesce(planted_on, ''), reported_at,"
        "       channel FROM plantings WHERE status = 'accepted' ORDER BY reported_at, id";
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        struct planting_export e;
        memset(&e, 0, sizeof e);
        db_col_text(st, 0, e.uuid, sizeof e.uuid);
        e.count = (long)sqlite3_column_int64(st, 1);
        db_col_text(st, 2, e.species, sizeof e.species);
        db_col_text(st, 3, e.place, sizeof e.place);
        db_col_text(st, 4, e.municipality, sizeof e.municipality);
        db_col_text(st, 5, e.planted_on, sizeof e.planted_on);
        e.reported_at = (time_t)sqlite3_column_int64(st, 6);
        db_col_text(st, 7, e.channel, sizeof e.channel);
        if (!fn(ctx, &e))
            break;
    }
    return db_rows_end(&r);
}
