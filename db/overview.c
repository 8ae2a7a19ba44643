/* overview.c: the overview page's figures (see overview.h). */
#include "db/overview.h"

static struct figure figure(struct db *db, const char *sql, const char *fmt, int64_t arg)
{
    struct figure f = { 0, true };
    /* a missing row is a zero (no municipality total yet); only a failure is not */
    f.ok = !DB_FAILED(db_int(db, &f.v, sql, fmt, arg));
    return f;
}

void overview_totals(struct db *db, int64_t day_start, struct overview_totals *out)
{
    /* the running total kept with every accepted planting (talka stats sums the rows;
     * the browser scenario checks that both agree) */
    out->accepted = figure(db, "SELECT trees FROM tree_totals WHERE municipality = ''", "", 0);
    out->waiting = figure(db, "SELECT coalesce(sum(count),0) FROM plantings"
                              " WHERE status='pending_review'", "", 0);
    out->volunteers = figure(db, "SELECT count(*) FROM volunteers WHERE erased_at IS NULL", "", 0);
    out->texts_today = figure(db, "SELECT count(*) FROM inbound WHERE received_at >= ?", "i",
                              day_start);
}

static enum db_status tree_counts(struct db *db, const char *sql,
                                  int (*row)(const struct tree_count *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db, sql);
    struct db_rows r = db_rows(db, st);
    while (db_row(&r)) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        struct tree_count c = { name ? name : "", sqlite3_column_int64(st, 1) };
        if (row(&c, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status overview_municipalities(struct db *db,
                                       int (*row)(const struct tree_count *, void *), void *arg)
{
    return tree_counts(db, "SELECT municipality, trees FROM tree_totals"
                           " WHERE municipality <> '' AND trees > 0 ORDER BY trees DESC", row, arg);
}

enum db_status overview_species(struct db *db, int (*row)(const struct tree_count *, void *),
                                void *arg)
{
    return tree_counts(db, "SELECT species, trees FROM species_totals"
                           " WHERE trees > 0 ORDER BY trees DESC", row, arg);
}

enum db_status overview_accepted_since(struct db *db, int64_t since,
                                       int (*row)(int64_t reported_at, int64_t trees, void *),
                                       void *arg)
{
    sqlite3_stmt *st = db_prep(db, "SELECT reported_at, count FROM plantings"
                                   " WHERE status = 'accepted' AND reported_at >= ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "i", since) : SQLITE_ERROR);
    while (db_row(&r))
        if (row(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), arg))
            break;
    return db_rows_end(&r);
}
