/* stats.c: the queries behind `talka stats` (see stats.h). */
#include "db/stats.h"
#include "db/plantings.h"

#include "db/aggregate.h"

enum db_status stats_totals(struct db *db, time_t since, struct stats_totals *out)
{
    static const char sql[] =
        "SELECT (SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted'),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE status='pending_review'),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE status='cancelled'),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE status='rejected'),"
        " (SELECT count(*) FROM volunteers WHERE erased_at IS NULL),"
        " (SELECT count(*) FROM inbound),"
        " (SELECT count(*) FROM inbound WHERE received_at > ?1),"
        " (SELECT coalesce(sum(count),0) FROM plantings WHERE status='accepted' AND reported_at > ?1),"
        " (SELECT count(*) FROM outbound WHERE sent_at > ?1)";
    sqlite3_stmt *st = db_prep(db, sql);
    int64_t *const f[] = { &out->accepted, &out->pending_review, &out->cancelled, &out->rejected,
                           &out->volunteers, &out->texts, &out->texts_recent, &out->trees_recent,
                           &out->replies_recent };
    int bound = st ? db_bind(st, "i", (int64_t)since) : SQLITE_ERROR;
    return db_row_ints(db, st, bound, f, sizeof f / sizeof f[0]);
}

/* Rows of (text, integer) from sql bound to limit. */
static enum db_status ranking(struct db *db, const char *sql, int limit, stats_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "I", limit) : SQLITE_ERROR);
    while (db_row(&r)) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        fn(ctx, key ? key : "", sqlite3_column_int64(st, 1));
    }
    return db_rows_end(&r);
}

enum db_status stats_per_municipality(struct db *db, int limit, stats_row_fn fn, void *ctx)
{
    return ranking(db, "SELECT municipality, sum(count) t FROM plantings WHERE status='accepted'"
                       " GROUP BY municipality ORDER BY t DESC LIMIT ?", limit, fn, ctx);
}

enum db_status stats_per_species(struct db *db, int limit, stats_row_fn fn, void *ctx)
{
    return ranking(db, "SELECT species, sum(count) t FROM plantings WHERE status='accepted'"
                       " GROUP BY species ORDER BY t DESC LIMIT ?", limit, fn, ctx);
}

enum db_status stats_top_volunteers(struct db *db, int limit, stats_row_fn fn, void *ctx)
{
    /* those with a ledger row, as before: a volunteer never credited is not ranked */
    return ranking(db, "SELECT v.number, " SQL_POINTS_OF("v.id") " s FROM volunteers v"
                       " WHERE EXISTS (SELECT 1 FROM points_ledger l WHERE l.volunteer_id = v.id)"
                       " ORDER BY s DESC, v.id LIMIT ?",
                   limit, fn, ctx);
}
