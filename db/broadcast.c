/* broadcast.c: queries of the broadcast tables (see broadcast.h). */
#include "db/broadcast.h"
#include "db/plantings.h"

#include "gateway/base/lang.h"

#include <stdio.h>
#include <string.h>

#define LIVE "p.status IN ('accepted', 'pending_review')"

/* The segment condition on volunteer v: ?3 kind, ?4 value, ?5 epoch (active/inactive);
 * then the filters (021): ?9 municipalities (a JSON array), ?10 language, ?11 since.
 * SEG_COND is all of it; the live count with municipalities drives from their
 * volunteers (broadcast_count_segment) and leaves SEG_MUNIS out, the same set. */
#define SEG_BASE                                                                               \
    " v.erased_at IS NULL AND v.opted_out = 0 AND CASE ?3"                                     \
    " WHEN 'all' THEN 1"                                                                       \
    " WHEN 'municipality' THEN (v.home_municipality = ?4 OR EXISTS (SELECT 1 FROM plantings p" \
    "   WHERE p.municipality = ?4 AND p.volunteer_id = v.id AND " LIVE "))"                    \
    " WHEN 'species' THEN EXISTS (SELECT 1 FROM plantings p WHERE p.volunteer_id = v.id"       \
    "   AND p.species = ?4 AND " LIVE ")"                                                      \
    " WHEN 'active' THEN EXISTS (SELECT 1 FROM plantings p WHERE p.volunteer_id = v.id"        \
    "   AND p.reported_at >= ?5 AND " LIVE ")"                                                 \
    " WHEN 'inactive' THEN NOT EXISTS (SELECT 1 FROM plantings p WHERE p.volunteer_id = v.id"  \
    "   AND p.reported_at >= ?5 AND " LIVE ")"                                                 \
    " ELSE 0 END"
#define MUNIS_VOLUNTEERS                                                                       \
    " SELECT w.id FROM volunteers w WHERE w.home_municipality IN (SELECT value FROM"           \
    " json_each(?9)) UNION SELECT p.volunteer_id FROM plantings p WHERE p.municipality IN"      \
    " (SELECT value FROM json_each(?9)) AND " LIVE
#define SEG_MUNIS " AND (?9 IS NULL OR v.id IN (" MUNIS_VOLUNTEERS "))"
#define SEG_REST                                                                               \
    " AND (?10 IS NULL OR v.lang = ?10)"                                                       \
    " AND (?11 IS NULL OR EXISTS (SELECT 1 FROM plantings p WHERE p.volunteer_id = v.id"       \
    "   AND p.reported_at >= ?11 AND " LIVE "))"
#define SEG_COND SEG_BASE SEG_MUNIS SEG_REST

/* Per-recipient values for a volunteer id expression VID: ?6 need bits, ?7 the
 * municipality for {municipality_total} (NULL: the volunteer's own). */
#define POINTS(VID)                                                                         \
    " CASE WHEN ?6 & 2 AND " VID " IS NOT NULL THEN " SQL_POINTS_OF(VID) " ELSE 0 END"
#define MUN(VID, HOME)                                                                      \
    " CASE WHEN ?6 & 4 THEN coalesce(?7, " HOME ", (SELECT p.municipality FROM plantings p" \
    "   WHERE p.volunteer_id = " VID " AND " LIVE " ORDER BY p.reported_at DESC LIMIT 1), '')" \
    " ELSE '' END"
#define TOTAL_OF(M)                                                                         \
    " CASE WHEN ?6 & 4 = 0 THEN 0 WHEN " M " = '' THEN coalesce((SELECT trees FROM"         \
    " tree_totals WHERE municipality = ''), 0) ELSE coalesce((SELECT trees FROM tree_totals" \
    " t WHERE t.municipality = " M "), 0) END"

static void read_row(sqlite3_stmt *st, struct broadcast_row *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    db_col_text(st, 1, b->name, sizeof b->name);
    db_col_text(st, 2, b->segment, sizeof b->segment);
    db_col_text(st, 3, b->seg_kind, sizeof b->seg_kind);
    db_col_text(st, 4, b->seg_value, sizeof b->seg_value);
    db_col_text(st, 5, b->text, sizeof b->text);
    db_col_text(st, 6, b->state, sizeof b->state);
    b->send_at = (time_t)sqlite3_column_int64(st, 7);
    b->created_at = (time_t)sqlite3_column_int64(st, 8);
    b->finished_at = (time_t)sqlite3_column_int64(st, 9);
    b->cancelled_at = (time_t)sqlite3_column_int64(st, 10);
    b->fill_cursor = sqlite3_column_int64(st, 11);
    b->fill_by_service = sqlite3_column_int(st, 12) != 0;
    b->recipients = (long)sqlite3_column_int64(st, 13);
    b->parts = (long)sqlite3_column_int64(st, 14);
    b->max_segments = sqlite3_column_int(st, 15);
    db_col_text(st, 16, b->created_by, sizeof b->created_by);
    db_col_text(st, 17, b->text_ru, sizeof b->text_ru);
    db_col_text(st, 18, b->text_en, sizeof b->text_en);
    db_col_text(st, 19, b->seg_munis, sizeof b->seg_munis);
    db_col_text(st, 20, b->seg_lang, sizeof b->seg_lang);
    b->seg_since = sqlite3_column_int64(st, 21);
}

const char *broadcast_text_for(const struct broadcast_row *b, const char *lang)
{
    enum lang l = lang_from_code(lang);
    if (l == LANG_RU && b->text_ru[0])
        return b->text_ru;
    if (l == LANG_EN && b->text_en[0])
        return b->text_en;
    return b->text;
}

#define COLS                                                                              \
    "id, coalesce(name, ''), segment, seg_kind, coalesce(seg_value, ''), text, state,"    \
    " send_at, created_at, coalesce(finished_at, 0), coalesce(cancelled_at, 0),"          \
    " fill_cursor, fill_by_service, recipients, parts, max_segments, created_by,"          \
    " coalesce(text_ru, ''), coalesce(text_en, ''), coalesce(seg_munis, ''),"            \
    " coalesce(seg_lang, ''), coalesce(seg_since, 0)"

int64_t broadcast_insert(struct db *db, const struct broadcast_row *b)
{
    if (!db_run(db, "INSERT INTO broadcasts (name, segment, seg_kind, seg_value, text, state,"
                    " send_at, fill_by_service, recipients, parts, max_segments, created_at,"
                    " created_by, text_ru, text_en, seg_munis, seg_lang, seg_since)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0))",
                "ttttttiIiiIittttti", b->name[0] ? b->name : NULL, b->segment, b->seg_kind,
                b->seg_value[0] ? b->seg_value : NULL, b->text, b->state, (int64_t)b->send_at,
                b->fill_by_service ? 1 : 0, (int64_t)b->recipients, (int64_t)b->parts,
                b->max_segments, (int64_t)b->created_at, b->created_by,
                b->text_ru[0] ? b->text_ru : NULL, b->text_en[0] ? b->text_en : NULL,
                b->seg_munis[0] ? b->seg_munis : NULL, b->seg_lang[0] ? b->seg_lang : NULL,
                b->seg_since))
        return 0;
    return db_last_id(db);
}

enum db_status broadcast_get(struct db *db, int64_t id, struct broadcast_row *b)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " COLS " FROM broadcasts WHERE id = ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    bool got = db_row(&r);
    if (got)
        read_row(st, b);
    return db_rows_end_one(&r, got);
}

int broadcast_recent(struct db *db, struct broadcast_row *out, int max)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " COLS " FROM broadcasts ORDER BY id DESC LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "I", max) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        read_row(st, &out[n++]);
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

int broadcast_ids_in_state(struct db *db, const char *state, int64_t *ids, int max)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id FROM broadcasts WHERE state = ? AND state IN"
                                   " ('preparing', 'scheduled') ORDER BY id LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "tI", state, max) : SQLITE_ERROR);
    int n = 0;
    while (n < max && db_row(&r))
        ids[n++] = sqlite3_column_int64(st, 0);
    return DB_FAILED(db_rows_end(&r)) ? -1 : n;
}

bool broadcast_set_state(struct db *db, int64_t id, const char *state, time_t now)
{
    return db_run(db, "UPDATE broadcasts SET state = ?, finished_at = CASE WHEN ? = 'done'"
                      " THEN ? ELSE finished_at END WHERE id = ? AND state NOT IN ('cancelled', 'done')",
                  "ttii", state, state, (int64_t)now, id);
}

bool broadcast_set_estimate(struct db *db, int64_t id, long recipients, long parts, int max_segments)
{
    return db_run(db, "UPDATE broadcasts SET recipients = ?, parts = ?, max_segments = ? WHERE id = ?",
                  "iiIi", (int64_t)recipients, (int64_t)parts, max_segments, id);
}

/* binds ?3..?7 (the kind, and what rows need); SQLITE_OK or the failed bind's code */
static int bind_segment(sqlite3_stmt *st, const char *kind, const char *value, unsigned need,
                        const char *mun)
{
    long long since = 0;
    if (value && (!strcmp(kind, "active") || !strcmp(kind, "inactive")))
        sscanf(value, "%lld", &since);
    int rc = sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 4, value ? value : "", -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 5, since);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(st, 6, (int)need);
    if (rc == SQLITE_OK)
        rc = mun ? sqlite3_bind_text(st, 7, mun, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, 7);
    return rc;
}

/* binds the kind (?3..?5) and the filters (?9..?11) of SEG_COND */
static int bind_cond(sqlite3_stmt *st, const struct bc_segment *seg)
{
    int rc = bind_segment(st, seg->kind, seg->value, 0, NULL);
    const char *munis = seg->munis && *seg->munis ? seg->munis : NULL;
    const char *lang = seg->lang && *seg->lang ? seg->lang : NULL;
    if (rc == SQLITE_OK)
        rc = munis ? sqlite3_bind_text(st, 9, munis, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, 9);
    if (rc == SQLITE_OK)
        rc = lang ? sqlite3_bind_text(st, 10, lang, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, 10);
    if (rc == SQLITE_OK)
        rc = seg->since ? sqlite3_bind_int64(st, 11, seg->since) : sqlite3_bind_null(st, 11);
    return rc;
}

static bool emit(sqlite3_stmt *st, bool pending, bc_each_fn fn, void *ctx)
{
    struct bc_recipient r;
    memset(&r, 0, sizeof r);
    r.rid = pending ? sqlite3_column_int64(st, 0) : 0;
    r.volunteer_id = sqlite3_column_int64(st, 1);
    const char *num = (const char *)sqlite3_column_text(st, 2);
    const char *name = (const char *)sqlite3_column_text(st, 3);
    r.number = num ? num : "";
    r.name = name ? name : "";
    r.points = sqlite3_column_int64(st, 4);
    r.municipality_total = sqlite3_column_int64(st, 5);
    r.opted_out = sqlite3_column_int(st, 6) != 0;
    r.erased = sqlite3_column_int(st, 7) != 0;
    const char *lang = (const char *)sqlite3_column_text(st, 8);
    r.lang = lang_code(lang_from_code(lang));
    return fn(ctx, &r);
}

bool broadcast_walk_segment(struct db *db, const struct bc_segment *seg, unsigned need,
                            const char *mun_for_total, bc_each_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT 0, id, number, name, pts, " TOTAL_OF("m") ", 0, 0, lang FROM ("
        " SELECT v.id AS id, v.number AS number, coalesce(v.name, '') AS name, v.lang AS lang,"
        POINTS("v.id") " AS pts," MUN("v.id", "v.home_municipality") " AS m"
        " FROM volunteers v WHERE v.id > ?1 AND v.id <= ?2 AND" SEG_COND ") ORDER BY id";
    sqlite3_stmt *st = db_prep(db, sql);
    int rc = SQLITE_ERROR;
    if (st && (rc = bind_cond(st, seg)) == SQLITE_OK &&
        (rc = sqlite3_bind_int(st, 6, (int)need)) == SQLITE_OK &&
        (rc = mun_for_total ? sqlite3_bind_text(st, 7, mun_for_total, -1, SQLITE_TRANSIENT)
                            : sqlite3_bind_null(st, 7)) == SQLITE_OK &&
        (rc = sqlite3_bind_int64(st, 1, 0)) == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, INT64_MAX);
    struct db_rows r = db_rows_bound(db, st, rc);
    while (db_row(&r))
        if (!emit(st, false, fn, ctx))
            break;
    return db_rows_end(&r) == DB_DONE;
}

bool broadcast_count_segment(struct db *db, const struct bc_segment *seg, long by[3])
{
    static const char all[] =
        "SELECT v.lang, count(*) FROM volunteers v WHERE v.id > ?1 AND v.id <= ?2 AND" SEG_COND
        " GROUP BY v.lang";
    static const char in_munis[] =   /* from the municipalities' volunteers, not all of them */
        "SELECT v.lang, count(*) FROM volunteers v WHERE v.id IN (" MUNIS_VOLUNTEERS ")"
        " AND v.id > ?1 AND v.id <= ?2 AND" SEG_BASE SEG_REST " GROUP BY v.lang";
    by[0] = by[1] = by[2] = 0;
    sqlite3_stmt *st = db_prep(db, seg->munis && *seg->munis ? in_munis : all);
    int rc = SQLITE_ERROR;
    if (st && (rc = bind_cond(st, seg)) == SQLITE_OK &&
        (rc = sqlite3_bind_int64(st, 1, 0)) == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, INT64_MAX);
    struct db_rows r = db_rows_bound(db, st, rc);
    while (db_row(&r))
        by[lang_from_code((const char *)sqlite3_column_text(st, 0))] +=
            (long)sqlite3_column_int64(st, 1);
    return db_rows_end(&r) == DB_DONE;
}

enum db_status broadcast_lookup_number(struct db *db, const char *number, unsigned need,
                             struct bc_recipient *r, char *buf, size_t buflen)
{
    static const char sql[] =
        "SELECT 0, id, number, name, pts, " TOTAL_OF("m") ", opted, 0, lang FROM ("
        " SELECT v.id AS id, v.number AS number, coalesce(v.name, '') AS name, v.lang AS lang,"
        " v.opted_out AS opted," POINTS("v.id") " AS pts," MUN("v.id", "v.home_municipality") " AS m"
        " FROM volunteers v WHERE v.number = ?1 AND v.erased_at IS NULL)";
    sqlite3_stmt *st = db_prep(db, sql);
    int rc = SQLITE_ERROR;
    if (st && (rc = sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT)) == SQLITE_OK &&
        (rc = sqlite3_bind_int(st, 6, (int)need)) == SQLITE_OK)
        rc = sqlite3_bind_null(st, 7);
    struct db_rows rows = db_rows_bound(db, st, rc);
    bool found = db_row(&rows);
    if (found) {
        memset(r, 0, sizeof *r);
        r->volunteer_id = sqlite3_column_int64(st, 1);
        const char *name = (const char *)sqlite3_column_text(st, 3);
        snprintf(buf, buflen, "%s", name ? name : "");
        r->name = buf;
        r->number = number;
        r->points = sqlite3_column_int64(st, 4);
        r->municipality_total = sqlite3_column_int64(st, 5);
        r->opted_out = sqlite3_column_int(st, 6) != 0;
        const char *lang = (const char *)sqlite3_column_text(st, 8);
        r->lang = lang_code(lang_from_code(lang));
    }
    return db_rows_end_one(&rows, found);
}

int broadcast_fill_chunk(struct db *db, int64_t id, int64_t span, const char *then, bool *finished)
{
    *finished = false;
    if (!db_begin(db))
        return -1;
    struct broadcast_row b;
    enum db_status got = broadcast_get(db, id, &b);
    if (got != DB_FOUND || strcmp(b.state, "preparing") || !strcmp(b.seg_kind, "file")) {
        db_rollback(db);
        return DB_FAILED(got) ? -1 : 0;
    }
    int64_t hi = b.fill_cursor + span;
    static const char sql[] =
        "INSERT OR IGNORE INTO broadcast_recipients (broadcast_id, volunteer_id)"
        " SELECT ?8, v.id FROM volunteers v WHERE v.id > ?1 AND v.id <= ?2 AND" SEG_COND
        " ORDER BY v.id";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st) {
        db_rollback(db);
        return -1;
    }
    struct bc_segment seg = { b.seg_kind, b.seg_value, b.seg_munis, b.seg_lang, b.seg_since };
    int rc = bind_cond(st, &seg);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 1, b.fill_cursor);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, hi);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 8, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    int added = db_changes(db);
    int64_t last = 0;
    bool ok = rc == SQLITE_DONE &&
              !DB_FAILED(db_int(db, &last, "SELECT coalesce(max(id), 0) FROM volunteers", "")) &&
              db_run(db, "UPDATE broadcasts SET fill_cursor = ? WHERE id = ?", "ii", hi, id);
    if (ok && hi >= last) {
        ok = db_run(db, "UPDATE broadcasts SET state = ?, recipients = (SELECT count(*) FROM"
                        " broadcast_recipients WHERE broadcast_id = ?) WHERE id = ?",
                    "tii", then, id, id);
        *finished = true;
    }
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        *finished = false;
        return -1;
    }
    return added;
}

bool broadcast_add_recipient(struct db *db, int64_t id, int64_t volunteer_id, const char *number)
{
    sqlite3_stmt *st = db_prep(db, "INSERT OR IGNORE INTO broadcast_recipients"
                                   " (broadcast_id, volunteer_id, number) VALUES (?,?,?)");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    if (volunteer_id)
        sqlite3_bind_int64(st, 2, volunteer_id);
    else
        sqlite3_bind_text(st, 3, number, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

int broadcast_walk_pending(struct db *db, int64_t id, int limit, unsigned need,
                           const char *mun_for_total, bc_each_fn fn, void *ctx)
{
    static const char sql[] =
        "SELECT rid, vid, number, name, pts, " TOTAL_OF("m") ", opted, erased, lang FROM ("
        " SELECT r.id AS rid, coalesce(v.id, 0) AS vid, coalesce(v.number, r.number) AS number,"
        " coalesce(v.lang, 'lv') AS lang,"
        " coalesce(v.name, '') AS name, coalesce(v.opted_out, 0) AS opted,"
        " v.erased_at IS NOT NULL AS erased," POINTS("v.id") " AS pts,"
        MUN("v.id", "v.home_municipality") " AS m"
        " FROM broadcast_recipients r LEFT JOIN volunteers v ON v.id = coalesce(r.volunteer_id,"
        "   (SELECT w.id FROM volunteers w WHERE w.number = r.number))"
        " WHERE r.broadcast_id = ?1 AND r.state = 'pending'"
        " ORDER BY r.id LIMIT ?2)";
    sqlite3_stmt *st = db_prep(db, sql);
    int rc = st ? bind_segment(st, "", "", need, mun_for_total) : SQLITE_ERROR;
    if (rc == SQLITE_OK)
        rc = db_bind(st, "iI", id, limit);
    struct db_rows r = db_rows_bound(db, st, rc);
    int n = 0;
    while (db_row(&r)) {
        n++;
        if (!emit(st, true, fn, ctx))
            break;
    }
    return db_rows_end(&r) == DB_DONE ? n : -1;
}

bool broadcast_mark_released(struct db *db, int64_t rid, int64_t outbound_id, time_t now)
{
    return db_run(db, "UPDATE broadcast_recipients SET state = 'released', outbound_id = ?,"
                      " released_at = ? WHERE id = ? AND state = 'pending'",
                  "iii", outbound_id, (int64_t)now, rid);
}

bool broadcast_mark_skipped(struct db *db, int64_t rid, const char *reason)
{
    return db_run(db, "UPDATE broadcast_recipients SET state = 'skipped', reason = ?"
                      " WHERE id = ? AND state = 'pending'", "ti", reason, rid);
}

bool broadcast_counts(struct db *db, int64_t id, struct broadcast_counts *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *st = db_prep(db, "SELECT state, count(*) FROM broadcast_recipients"
                                   " WHERE broadcast_id = ? GROUP BY state");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    while (db_row(&r)) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        long n = (long)sqlite3_column_int64(st, 1);
        if (!strcmp(s, "pending")) c->pending = n;
        else if (!strcmp(s, "released")) c->released = n;
        else if (!strcmp(s, "skipped")) c->skipped = n;
    }
    if (db_rows_end(&r) != DB_DONE)
        return false;
    st = db_prep(db, "SELECT state, count(*), sum(segments) FROM outbound WHERE broadcast_id = ?"
                     " AND kind = 'broadcast' GROUP BY state");
    r = db_rows_bound(db, st, st ? db_bind(st, "i", id) : SQLITE_ERROR);
    long left = 0;
    while (db_row(&r)) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        long n = (long)sqlite3_column_int64(st, 1);
        long parts = (long)sqlite3_column_int64(st, 2);
        if (!strcmp(s, "queued")) { c->queued = n; left += parts; }
        else if (!strcmp(s, "sending")) { c->sending = n; left += parts; }
        else if (!strcmp(s, "sent")) c->sent = n;
        else if (!strcmp(s, "failed")) c->failed = n;
        else if (!strcmp(s, "delivered")) c->delivered = n;
        else if (!strcmp(s, "cancelled")) c->cancelled = n;
    }
    if (db_rows_end(&r) != DB_DONE)
        return false;
    struct broadcast_row b;
    enum db_status got = c->pending ? broadcast_get(db, id, &b) : DB_NONE;
    if (DB_FAILED(got))
        return false;
    if (got == DB_FOUND && b.recipients > 0)
        left += (long)((double)c->pending * b.parts / b.recipients + 0.5);
    else
        left += c->pending;
    c->parts_left = left;
    return true;
}

bool broadcast_cancel(struct db *db, int64_t id, time_t now)
{
    if (!db_begin(db))
        return false;
    bool ok = db_run(db, "UPDATE broadcasts SET state = 'cancelled', cancelled_at = ? WHERE id = ?"
                         " AND state IN ('preparing', 'scheduled', 'done')", "ii", (int64_t)now, id) &&
              db_run(db, "UPDATE outbound SET state = 'cancelled' WHERE broadcast_id = ?"
                         " AND kind = 'broadcast' AND state = 'queued'", "i", id);
    if (!ok || !db_commit(db)) {
        db_rollback(db);
        return false;
    }
    return true;
}

long broadcast_backlog(struct db *db)
{
    int64_t n = 0;
    if (db_int(db, &n, "SELECT count(*) FROM outbound WHERE state = 'queued' AND priority = ?"
                       " AND kind = 'broadcast'", "I", 50) != DB_FOUND)
        return -1;
    return (long)n;
}

int broadcast_defer_queued(struct db *db, time_t until)
{
    if (!db_run(db, "UPDATE outbound SET next_try_at = ? WHERE state = 'queued' AND priority = ?"
                    " AND kind = 'broadcast' AND broadcast_id IS NOT NULL AND next_try_at < ?",
                "iIi", (int64_t)until, 50, (int64_t)until))
        return -1;
    return db_changes(db);
}
