/* moderation.c: the moderation pages' reads (see moderation.h). */
#include "db/moderation.h"

#include <stdio.h>
#include <string.h>

enum db_status moderation_page(struct db *db, int64_t after, int limit,
                               int (*row)(const struct review_item *, void *), void *arg)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT p.review_no, p.reported_at, p.place, p.municipality, v.number,"
        "  shown_text(i.text),"
        "  (SELECT coalesce(sum(CASE WHEN h.status = 'accepted' THEN h.count END), 0)"
        "     || ' ' || coalesce(sum(h.status = 'rejected'), 0) FROM plantings h"
        "    WHERE h.volunteer_id = p.volunteer_id),"
        "  (SELECT count(*) FROM plantings WHERE status = 'pending_review' AND review_no IS NOT NULL),"
        "  coalesce(p.volunteer_id, 0)"
        " FROM plantings p LEFT JOIN volunteers v ON v.id = p.volunteer_id"
        " LEFT JOIN inbound i ON i.id = p.inbound_id"
        " WHERE p.status = 'pending_review' AND p.review_no IS NOT NULL AND p.review_no > ?"
        " ORDER BY p.review_no LIMIT ?");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "iI", after, limit) : SQLITE_ERROR);
    while (db_row(&r)) {
        struct review_item it = {
            .review_no = sqlite3_column_int(st, 0),
            .reported_at = sqlite3_column_int64(st, 1),
            .place = db_col_str(st, 2),
            .municipality = db_col_str(st, 3),
            .number = (const char *)sqlite3_column_text(st, 4),
            .text = db_col_str(st, 5),
            .waiting = sqlite3_column_int64(st, 7),
            .volunteer_id = sqlite3_column_int64(st, 8),
        };
        long long trees = 0, rejected = 0;
        const char *hist = (const char *)sqlite3_column_text(st, 6);
        if (hist)
            sscanf(hist, "%lld %lld", &trees, &rejected);
        it.trees_accepted = trees;
        it.rejected = rejected;
        if (row(&it, arg))
            break;
    }
    return db_rows_end(&r);
}

enum db_status moderation_report(struct db *db, int no, struct review_report *out)
{
    sqlite3_stmt *st = db_prep(db,
        "SELECT p.volunteer_id, v.number, shown_text(i.text), i.received_at, p.place, p.municipality"
        " FROM plantings p LEFT JOIN volunteers v ON v.id = p.volunteer_id"
        " LEFT JOIN inbound i ON i.id = p.inbound_id"
        " WHERE p.review_no = ? AND p.status = 'pending_review'");
    struct db_rows r = db_rows_bound(db, st, st ? db_bind(st, "I", no) : SQLITE_ERROR);
    bool found = db_row(&r);
    if (found) {
        memset(out, 0, sizeof *out);
        out->volunteer_id = sqlite3_column_int64(st, 0);
        db_col_text(st, 1, out->number, sizeof out->number);
        db_col_text(st, 2, out->text, sizeof out->text);
        out->received_at = sqlite3_column_int64(st, 3);
        db_col_text(st, 4, out->place, sizeof out->place);
        db_col_text(st, 5, out->municipality, sizeof out->municipality);
    }
    enum db_status s = db_rows_end(&r);
    return DB_FAILED(s) ? s : found ? DB_FOUND : DB_NONE;
}

enum db_status moderation_last_notice(struct db *db, char *out, size_t len)
{
    out[0] = '\0';
    sqlite3_stmt *st = db_prep(db, "SELECT text FROM outbound WHERE kind = 'notice'"
                                   " ORDER BY id DESC LIMIT 1");
    struct db_rows r = db_rows(db, st);
    bool found = db_row(&r);
    if (found)
        db_col_text(st, 0, out, len);
    enum db_status s = db_rows_end(&r);
    return DB_FAILED(s) ? s : found ? DB_FOUND : DB_NONE;
}
